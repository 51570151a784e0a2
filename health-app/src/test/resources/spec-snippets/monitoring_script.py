import requests
import time
import smtplib
from email.message import EmailMessage
PROXY_URL = "http://localhost:4000"
ALERT_EMAIL = "alerts@example.com"
def check_health():
    try:
        response = requests.get(f"{PROXY_URL}/health", timeout=10)
        health = response.json()
        if health["status"] != "healthy":
            send_alert(f"Proxy unhealthy: {health}")
            return False
        # Check for unhealthy models
        if health.get("unhealthy_endpoints"):
            models = [m["model"] for m in health["unhealthy_endpoints"]]
            send_alert(f"Unhealthy models: {', '.join(models)}")
        return True
    except requests.exceptions.RequestException as e:
        send_alert(f"Health check failed: {e}")
        return False
def send_alert(message):
    # Send email alert
    msg = EmailMessage()
    msg["Subject"] = "LiteLLM Proxy Alert"
    msg["From"] = "proxy@example.com"
    msg["To"] = ALERT_EMAIL
    msg.set_content(message)
    # Send email (configure SMTP server)
    # smtp = smtplib.SMTP(...)
    # smtp.send_message(msg)
    print(f"ALERT: {message}")
# Monitor continuously (run once here: the page loops forever)
for _ in range(1):
    print(f"check_health: {check_health()}")
