#!/usr/bin/env bash
# Soak (issue 7): SOAK_MINUTES (default 10) of wrk load on /health while faults toggle in rotation: the database,
# Redis and one provider, each behind its own socat TCP proxy that is stopped (connections drop, new ones are
# refused) and started again. Samples the app's heap, threads and open fds; at the end prints requests served,
# statuses, faults injected, transitions recorded by /health/history against those expected, and exits 1 on any
# loss (a request without an answer, an unexpected status, a transition not recorded) or growth (heap after GC,
# threads, fds).
# Usage: bench/soak.sh   (env: SOAK_MINUTES=10, or SOAK_SECONDS for a short run; FAULT_HOLD=8 FAULT_GAP=8 (s);
#        SAMPLE_SECONDS=10; WRK_THREADS=1 WRK_CONNECTIONS=8 SOAK_DELAY_MS=10 (about 800 req/s; 0: flat out);
#        SOAK_DB=127.0.0.1:5432 SOAK_DB_USER=postgres SOAK_DB_NAME=test SOAK_REDIS=127.0.0.1:6379;
#        SOAK_REQUIRE_HISTORY=1 fails when /health/history is not served)
set -euo pipefail
# light by default (the machine is shared): 1 wrk thread, 8 connections, each pausing SOAK_DELAY_MS between requests
WRK_THREADS=${WRK_THREADS:-1}
WRK_CONNECTIONS=${WRK_CONNECTIONS:-8}
SOAK_DELAY_MS=${SOAK_DELAY_MS:-10}
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

SOAK_SECONDS=${SOAK_SECONDS:-$(( ${SOAK_MINUTES:-10} * 60 ))}
FAULT_HOLD=${FAULT_HOLD:-8}
FAULT_GAP=${FAULT_GAP:-8}
SAMPLE_SECONDS=${SAMPLE_SECONDS:-10}
SOAK_DB=${SOAK_DB:-127.0.0.1:5432}
SOAK_REDIS=${SOAK_REDIS:-127.0.0.1:6379}
[ "$SOAK_SECONDS" -ge 30 ] || die "SOAK_SECONDS must be at least 30"

bench_init soak
need_cmd wrk wrk
need_cmd socat socat
need_cmd curl curl
need_cmd jq jq
bench_java
W=$BENCH_WORK

# the jar only (no install into ~/.m2): rebuilt when older than the sources
if newer_sources "$ROOT/health-domain" "$ROOT/health-adapters-probes" "$ROOT/health-adapters-http" "$ROOT/health-app" "$ROOT/pom.xml" \
    -- "$ROOT/health-app/target/health-app.jar" && [ "${BENCH_BUILD:-1}" != 0 ]; then
  log "building the service jar (./mvnw -B -q -pl health-app -am package -DskipTests)"
  mvnw -pl health-app -am package -DskipTests || die "the service does not build"
fi
cp "$ROOT/health-app/target/health-app.jar" "$W/health-app.jar"
APP_JAR="$W/health-app.jar"

alloc_port APP_PORT 19080
alloc_port DEMO_PORT 19110
alloc_port DB_PROXY_PORT 19140
alloc_port REDIS_PROXY_PORT 19170
alloc_port PROVIDER_PROXY_PORT 19200

# ---------------------------------------------------------------- fault proxies

declare -A PROXY_PID PROXY_LISTEN PROXY_TARGET
proxy_up() {
  start_bg "$W/proxy-$1.log" socat "TCP-LISTEN:${PROXY_LISTEN[$1]},bind=127.0.0.1,reuseaddr,fork" "TCP:${PROXY_TARGET[$1]}"
  PROXY_PID[$1]=$BG_PID
  local i
  for ((i = 0; i < 100; i++)); do port_free "${PROXY_LISTEN[$1]}" || return 0; sleep 0.05; done
  die "the $1 proxy did not listen on ${PROXY_LISTEN[$1]}"
}
# stopping socat's listener and its forked children drops every open connection and refuses new ones
proxy_down() {
  local child
  for child in $(pgrep -P "${PROXY_PID[$1]}" || true); do kill -TERM "$child" 2>/dev/null || true; done
  stop_pid "${PROXY_PID[$1]}"
}
PROXY_LISTEN[database]=$DB_PROXY_PORT; PROXY_TARGET[database]=$SOAK_DB
PROXY_LISTEN[redis]=$REDIS_PROXY_PORT; PROXY_TARGET[redis]=$SOAK_REDIS
PROXY_LISTEN[provider]=$PROVIDER_PROXY_PORT; PROXY_TARGET[provider]=127.0.0.1:$DEMO_PORT
for kind in database redis provider; do proxy_up "$kind"; done

# ---------------------------------------------------------------- the service

cat >"$W/config.yaml" <<EOF
model_list:
  - model_name: soak-toggled
    litellm_params: {model: openai/soak-toggled, api_base: "http://127.0.0.1:$PROVIDER_PROXY_PORT/healthy/v1", api_key: sk-soak-not-a-key}
    model_info: {id: soak-toggled}
  - model_name: soak-stable
    litellm_params: {model: openai/soak-stable, api_base: "http://127.0.0.1:$DEMO_PORT/healthy/v1", api_key: sk-soak-not-a-key}
    model_info: {id: soak-stable}
general_settings:
  database_url: "postgresql://${SOAK_DB_USER:-postgres}@127.0.0.1:$DB_PROXY_PORT/${SOAK_DB_NAME:-test}"
  health_check_interval: 2
  health_check_timeout: 1
  interval_jitter_percent: 0
  service_check_interval: 1
  shutdown_drain_delay: 0
router_settings:
  redis_host: 127.0.0.1
  redis_port: $REDIS_PROXY_PORT
EOF
start_ours "$W/app.log" "$APP_PORT" "$W/config.yaml" --demo --demo-port "$DEMO_PORT"
APP_PID=$BG_PID
APP="http://127.0.0.1:$APP_PORT"
started_or_die "the service" "$APP/health/readiness" 90 "$APP_PID" "$W/app.log"
wait_http "$APP/health" 30 200 "$APP_PID" || { curl -s "$APP/health" >&2; die "/health is not 200 before the soak"; }
START_ISO=$(date -u +%FT%TZ)

heap_after_gc_mb() {
  "$BENCH_JAVA_HOME/bin/jcmd" "$APP_PID" GC.run >/dev/null 2>&1 || true
  curl -s --max-time 5 "$APP/metrics" | awk '/^jvm_memory_used_bytes\{area="heap"/ {s += $2} END {printf "%.1f", s / 1048576}'
}
fds_of() { find "/proc/$1/fd" -mindepth 1 -maxdepth 1 2>/dev/null | wc -l; }
sample() { printf 'at=%s heap_mb=%s threads=%s fds=%s rss_mb=%s\n' "$(date +%s)" \
  "$(curl -s --max-time 5 "$APP/metrics" | awk '/^jvm_memory_used_bytes\{area="heap"/ {s += $2} END {printf "%.1f", s / 1048576}')" \
  "$(threads_of "$APP_PID")" "$(fds_of "$APP_PID")" "$(rss_mb "$APP_PID")"; }

HEAP_START=$(heap_after_gc_mb); THREADS_START=$(threads_of "$APP_PID"); FDS_START=$(fds_of "$APP_PID")
echo "# start: heap after GC ${HEAP_START} MB, ${THREADS_START} threads, ${FDS_START} fds; load for ${SOAK_SECONDS} s"

# ---------------------------------------------------------------- load

cat >"$W/statuses.lua" <<EOF
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) counts = {} end
function delay() return $SOAK_DELAY_MS end
function response(status, headers, body) counts[status] = (counts[status] or 0) + 1 end
function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for status, n in pairs(t:get("counts")) do total[status] = (total[status] or 0) + n end
  end
  for status, n in pairs(total) do io.write(string.format("status %d %d\n", status, n)) end
  local e = summary.errors
  io.write(string.format("summary requests=%d connect=%d read=%d write=%d timeout=%d p99_ms=%.1f\n",
    summary.requests, e.connect, e.read, e.write, e.timeout, latency:percentile(99) / 1000))
end
EOF
start_bg "$W/wrk.out" wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${SOAK_SECONDS}s" --timeout 5s -s "$W/statuses.lua" "$APP/health"
WRK_PID=$BG_PID

# ---------------------------------------------------------------- faults, in rotation, until the load ends

declare -A FAULTS=([database]=0 [redis]=0 [provider]=0)
: >"$W/samples.txt"
next_sample=0
end=$(( $(date +%s) + SOAK_SECONDS ))
kinds=(database redis provider)
i=0
while :; do
  now=$(date +%s)
  [ $((now + FAULT_HOLD + FAULT_GAP)) -lt "$end" ] || break
  alive "$APP_PID" || die "the service died during the soak (see $W/app.log with BENCH_KEEP=1)"
  kind=${kinds[$((i % 3))]}; i=$((i + 1))
  log "fault: $kind down for ${FAULT_HOLD} s"
  proxy_down "$kind"
  FAULTS[$kind]=$((FAULTS[$kind] + 1))
  sleep "$FAULT_HOLD"
  proxy_up "$kind"
  log "fault: $kind restored"
  for ((s = 0; s < FAULT_GAP; s++)); do
    if [ "$(date +%s)" -ge "$next_sample" ]; then sample >>"$W/samples.txt"; next_sample=$(( $(date +%s) + SAMPLE_SECONDS )); fi
    sleep 1
  done
done
while alive "$WRK_PID"; do
  if [ "$(date +%s)" -ge "$next_sample" ]; then sample >>"$W/samples.txt"; next_sample=$(( $(date +%s) + SAMPLE_SECONDS )); fi
  [ "$(date +%s)" -lt $((end + 30)) ] || die "wrk did not finish"
  sleep 1
done
wait "$WRK_PID" 2>/dev/null || true

wait_http "$APP/health" 30 200 "$APP_PID" || die "/health did not come back to 200 after the faults"
sleep 2 # one more round and service check, so the last restore is in the history
HEAP_END=$(heap_after_gc_mb); THREADS_END=$(threads_of "$APP_PID"); FDS_END=$(fds_of "$APP_PID")

# ---------------------------------------------------------------- results

failures=()
summary=$(grep '^summary ' "$W/wrk.out" || true)
[ -n "$summary" ] || { cat "$W/wrk.out" >&2; die "wrk printed no summary"; }
requests=$(sed 's/.*requests=\([0-9]*\).*/\1/' <<<"$summary")
lost=$(awk '{for (i = 2; i <= NF; i++) {split($i, kv, "="); if (kv[1] != "requests" && kv[1] != "p99_ms") s += kv[2]}} END {print s + 0}' <<<"$summary")
echo "requests served: $requests ($(grep '^status ' "$W/wrk.out" | awk '{printf "%s%s: %s", sep, $2, $3; sep=", "}')); p99 $(sed 's/.*p99_ms=\([0-9.]*\).*/\1/' <<<"$summary") ms"
echo "requests without an answer (connect/read/write errors, timeouts): $lost"
[ "$lost" = 0 ] || failures+=("$lost requests without an answer")
unexpected=$(grep '^status ' "$W/wrk.out" | awk '$2 != 200 && $2 != 503 {s += $3} END {print s + 0}')
[ "$unexpected" = 0 ] || failures+=("$unexpected answers other than 200/503")
echo "faults injected: database ${FAULTS[database]}, redis ${FAULTS[redis]}, provider ${FAULTS[provider]} (each ${FAULT_HOLD} s down)"

# each fault is two transitions: connected -> disconnected -> connected (services), healthy -> unhealthy -> healthy;
# the first checks' (from unchecked) are not the faults' (since= has whole seconds, so they may fall after it)
history_code=$(http_code "$APP/health/history?since=$START_ISO&limit=1000" 5)
if [ "$history_code" = 200 ]; then
  curl -s "$APP/health/history?since=$START_ISO&limit=1000" >"$W/history.json"
  for subject in database redis soak-toggled; do
    case $subject in database | redis) expected=$((2 * FAULTS[$subject])) ;; *) expected=$((2 * FAULTS[provider])) ;; esac
    recorded=$(jq --arg s "$subject" '[.transitions[] | select(.subject == $s and .from != "unchecked")] | length' "$W/history.json")
    echo "transitions of $subject: recorded $recorded, expected $expected"
    [ "$recorded" -ge "$expected" ] || failures+=("$subject: $recorded transitions recorded, $expected expected")
  done
  stable=$(jq '[.transitions[] | select(.subject == "soak-stable" and .from != "unchecked")] | length' "$W/history.json")
  echo "transitions of soak-stable (never faulted): $stable"
  [ "$stable" = 0 ] || failures+=("soak-stable, never faulted, has $stable transitions")
else
  echo "transitions: /health/history answered $history_code: unchecked"
  [ "${SOAK_REQUIRE_HISTORY:-0}" != 1 ] || failures+=("/health/history answered $history_code")
fi

echo "heap after GC: ${HEAP_START} -> ${HEAP_END} MB; threads: ${THREADS_START} -> ${THREADS_END}; fds: ${FDS_START} -> ${FDS_END}"
echo "samples (every ${SAMPLE_SECONDS} s):"; sed 's/^/  /' "$W/samples.txt"
if awk -v a="$HEAP_START" -v b="$HEAP_END" 'BEGIN { exit !(b > a * 1.5 + 16) }'; then failures+=("heap grew ${HEAP_START} -> ${HEAP_END} MB"); fi
if [ "$THREADS_END" -gt $((THREADS_START + 10 + THREADS_START / 5)) ]; then failures+=("threads grew ${THREADS_START} -> ${THREADS_END}"); fi
if [ "$FDS_END" -gt $((FDS_START + 20)) ]; then failures+=("fds grew ${FDS_START} -> ${FDS_END}"); fi
traces=$(grep -c $'^\tat ' "$W/app.log" || true)
echo "stack-trace lines in the service's log: $traces; warnings: $(grep -c 'WARNING' "$W/app.log" || true)"

if [ ${#failures[@]} -gt 0 ]; then
  printf 'SOAK FAILED: %s\n' "${failures[@]}"
  exit 1
fi
echo "soak passed"
