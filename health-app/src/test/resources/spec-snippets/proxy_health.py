import requests
response = requests.get("http://localhost:4000/health")
health = response.json()
print(f"Proxy Status: {health['status']}")
print(f"Version: {health['litellm_version']}")
print(f"Healthy Models: {len(health.get('healthy_endpoints', []))}")
