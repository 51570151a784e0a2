#!/usr/bin/env bash
# End-to-end proof that a real Prometheus scrapes the service: starts the app (demo provider, no database
# or Redis needed) and Prometheus (Debian package `prometheus`), both on 127.0.0.1 only, sends some chat
# traffic through the pass-through while Prometheus scrapes for SCRAPE_SECONDS (30), then asks Prometheus's
# HTTP API for litellm_deployment_state and a few other series. Exits non-zero when the state is absent.
# Usage: bench/prometheus-scrape.sh            (SCRAPE_SECONDS=30 by default; KEEP_WORK=1 keeps the temp dir)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scrape_seconds=${SCRAPE_SECONDS:-30}

for tool in prometheus curl jq; do
  command -v "$tool" >/dev/null 2>&1 || { echo "prometheus-scrape: $tool is not installed (apt-get install -y prometheus curl jq)" >&2; exit 2; }
done

work=$(mktemp -d /tmp/prometheus-scrape.XXXXXX)
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  [ -n "${KEEP_WORK:-}" ] || rm -rf "$work"
}
trap cleanup EXIT

# a free loopback port: nothing answers on it now
free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 20000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  echo "prometheus-scrape: no free port found" >&2; return 1
}

wait_for() { # what, seconds, command...
  local what=$1 seconds=$2; shift 2
  for _ in $(seq 1 $((seconds * 5))); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
  echo "prometheus-scrape: $what not up within $seconds s" >&2; return 1
}

app_port=$(free_port)
demo_port=$(free_port)
prom_port=$(free_port)

cat > "$work/config.yaml" <<YAML
model_list:
  - model_name: gpt-4
    litellm_params: {model: openai/gpt-4o, api_base: "http://127.0.0.1:$demo_port/healthy/v1", api_key: sk-demo-not-a-real-key}
    model_info: {id: gpt4-a, input_cost_per_token: 0.0000025, output_cost_per_token: 0.00001}
  - model_name: gpt-4
    litellm_params: {model: openai/gpt-4o, api_base: "http://127.0.0.1:$demo_port/slow/v1", api_key: sk-demo-not-a-real-key}
    model_info: {id: gpt4-b, input_cost_per_token: 0.0000025, output_cost_per_token: 0.00001}
  - model_name: broken-model
    litellm_params: {model: openai/broken-model, api_base: "http://127.0.0.1:$demo_port/failing/v1"}
    model_info: {id: broken-1}
general_settings:
  health_check_interval: 10
  health_check_timeout: 5
YAML

cat > "$work/prometheus.yml" <<YAML
global:
  scrape_interval: 5s
  evaluation_interval: 5s
rule_files:
  - $root/deploy/prometheus/alerts.yaml
scrape_configs:
  - job_name: litellm
    metrics_path: /metrics
    static_configs:
      - targets: ["127.0.0.1:$app_port"]
YAML

echo "# app on 127.0.0.1:$app_port (demo provider :$demo_port), prometheus on 127.0.0.1:$prom_port"
# bin/health-app builds the jar first when needed (a minute or two the first time)
env -u DATABASE_URL -u REDIS_URL -u REDIS_HOST -u REDIS_PORT -u REDIS_PASSWORD -u LITELLM_MASTER_KEY -u PORT \
  "$root/bin/health-app" --config "$work/config.yaml" --host 127.0.0.1 --port "$app_port" --demo --demo-port "$demo_port" \
  > "$work/app.log" 2>&1 &
pids+=($!)
wait_for "health-app" 300 curl -fsS "http://127.0.0.1:$app_port/health/readiness"

prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
  --web.listen-address="127.0.0.1:$prom_port" --log.level=warn > "$work/prometheus.log" 2>&1 &
pids+=($!)
wait_for "prometheus" 60 curl -fsS "http://127.0.0.1:$prom_port/-/ready"

echo "# scraping for $scrape_seconds s while sending chat completions through the pass-through"
chat='{"model":"gpt-4","messages":[{"role":"user","content":"ping"}]}'
deadline=$((SECONDS + scrape_seconds))
sent=0
while [ "$SECONDS" -lt "$deadline" ] && [ "$sent" -lt 200 ]; do
  curl -fsS -o /dev/null -H 'Content-Type: application/json' -d "$chat" "http://127.0.0.1:$app_port/v1/chat/completions" || true
  sent=$((sent + 1))
  sleep 0.5
done
sleep $((deadline > SECONDS ? deadline - SECONDS : 0))
echo "# sent $sent chat completions"

query() { curl -fsS --get --data-urlencode "query=$1" "http://127.0.0.1:$prom_port/api/v1/query"; }
show() { # query, then one line per series: labels => value
  echo "## $1"
  query "$1" | jq -r '.data.result[] | "\(.metric | del(.__name__) | to_entries | map("\(.key)=\(.value)") | join(",")) => \(.value[1])"'
}

show 'litellm_deployment_state'
show 'up{job="litellm"}'
show 'sum by (requested_model, status_code) (litellm_proxy_total_requests_metric_total)'
show 'sum by (model_id) (litellm_deployment_success_responses_total)'
show 'sum(litellm_spend_metric_total)'
show 'histogram_quantile(0.95, sum by (le) (rate(litellm_request_total_latency_metric_bucket[30s])))'
show 'ALERTS'

states=$(query 'litellm_deployment_state' | jq '.data.result | length')
if [ "$states" -lt 1 ]; then
  echo "FAILED: Prometheus holds no litellm_deployment_state series" >&2
  exit 1
fi
echo "OK: Prometheus scraped $states litellm_deployment_state series"
