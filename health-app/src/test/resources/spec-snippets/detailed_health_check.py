import requests
def detailed_health_check():
    response = requests.get("http://localhost:4000/health")
    health = response.json()
    print(f"Status: {health['status']}")
    print(f"Version: {health['litellm_version']}")
    if health.get('db'):
        print(f"Database: {health['db']}")
    if health.get('redis'):
        print(f"Redis: {health['redis']}")
    healthy_count = len(health.get('healthy_endpoints', []))
    unhealthy_count = len(health.get('unhealthy_endpoints', []))
    print(f"\nModels:")
    print(f" Healthy: {healthy_count}")
    print(f" Unhealthy: {unhealthy_count}")
    if unhealthy_count > 0:
        print("\nUnhealthy Models:")
        for model in health['unhealthy_endpoints']:
            print(f" - {model['model']}: {model.get('error', 'Unknown error')}")
detailed_health_check()
