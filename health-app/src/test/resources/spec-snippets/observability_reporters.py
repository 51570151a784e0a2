import requests
import json
# DataDog
def report_to_datadog():
    health = requests.get("http://localhost:4000/health").json()
    # Send to DataDog (configure DataDog client)
    # datadog.statsd.gauge('litellm.health', 1 if health['status'] == 'healthy' else 0)
    # datadog.statsd.gauge('litellm.healthy_models', len(health.get('healthy_endpoints', [])))
# Grafana Cloud
def report_to_grafana():
    health = requests.get("http://localhost:4000/health").json()
    # Send to Grafana (configure Grafana client)
    pass
# New Relic
def report_to_newrelic():
    health = requests.get("http://localhost:4000/health").json()
    # Send to New Relic (configure New Relic client)
    pass
# run once (the page only defines them)
report_to_datadog()
report_to_grafana()
report_to_newrelic()
print("reporters ran")
