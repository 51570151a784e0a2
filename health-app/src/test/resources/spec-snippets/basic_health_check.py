import requests
def is_proxy_healthy():
    try:
        response = requests.get("http://localhost:4000/health", timeout=5)
        return response.status_code == 200 and response.json()["status"] == "healthy"
    except:
        return False
if is_proxy_healthy():
    print("Proxy is healthy")
else:
    print("Proxy is unhealthy")
