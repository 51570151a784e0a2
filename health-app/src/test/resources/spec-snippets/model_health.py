import requests
response = requests.get("http://localhost:4000/health/models")
health_data = response.json()
print("Healthy Models:")
for model in health_data["healthy"]:
    print(f" - {model['model']}: {model['status']}")
if health_data["unhealthy"]:
    print("\nUnhealthy Models:")
    for model in health_data["unhealthy"]:
        print(f" - {model['model']}: {model['status']}")
