#!/usr/bin/env bash
# Probe calls per hour (issue 10): what skip_probe_when_traffic_ok saves. Two copies of the real app (the service's jar,
# the launcher's JVM flags), side by side in one run, skip on and off, each with DEPLOYMENTS deployments (one model group
# each) on the demo's FakeProviderServer, which counts the calls it receives per path (bench/probe-calls/ProbeCallsHarness.java,
# a child JVM). The harness sends steady pass-through traffic (POST /v1/chat/completions, one call per group every
# PERIOD_MS) to TRAFFIC of the groups of each app. With a short health_check_interval (INTERVAL s, no jitter) it counts
# the probes (GET .../models at the fake) of ROUNDS whole rounds of each app, from one round's end to another's, then scales
# per round to per hour: at the measured interval (x 3600 / INTERVAL) and at the default 300 s (x 12), which assumes the
# trafficked groups see at least one successful call per interval there too.
# Usage: bench/probe-calls-per-hour.sh   (env: DEPLOYMENTS=100 TRAFFIC=50 INTERVAL=10 ROUNDS=6 PERIOD_MS=2000)
# Exits non-zero when a measurement fails: an app or the harness does not start, traffic calls fail, the app without
# the skip does not probe every deployment every round, or the probe and skip counts do not add up.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

DEPLOYMENTS=${DEPLOYMENTS:-100}
TRAFFIC=${TRAFFIC:-$((DEPLOYMENTS / 2))}
INTERVAL=${INTERVAL:-10}
ROUNDS=${ROUNDS:-6}
PERIOD_MS=${PERIOD_MS:-2000}
DEFAULT_INTERVAL=300
MAX_SECONDS=$((INTERVAL * (ROUNDS + 4) + 180)) # the harness stops by itself after this, whatever happens here

bench_init probe-calls-per-hour
bench_java
ensure_main_installed
W=$BENCH_WORK
alloc_port FAKE_PORT 24110
alloc_port CONTROL_PORT 24210
alloc_port ON_PORT 24310
alloc_port OFF_PORT 24410

# app_config FILE SEGMENT_PREFIX SKIP: DEPLOYMENTS deployments, group-i at http://127.0.0.1:FAKE_PORT/PREFIXi/v1
app_config() {
  {
    echo "model_list:"
    awk -v n="$DEPLOYMENTS" -v port="$FAKE_PORT" -v prefix="$2" 'BEGIN { for (i = 1; i <= n; i++)
      printf "  - model_name: group-%d\n    litellm_params:\n      model: openai/bench-model-%d\n      api_base: http://127.0.0.1:%d/%s%d/v1\n      api_key: sk-bench-not-a-real-key\n", i, i, port, prefix, i }'
    printf 'general_settings:\n  health_check_interval: %s\n  interval_jitter_percent: 0\n  health_check_timeout: 5\n  skip_probe_when_traffic_ok: %s\n' \
      "$INTERVAL" "$3"
  } >"$1"
}
app_config "$W/on.yaml" on- true
app_config "$W/off.yaml" off- false

control() { curl -sf --max-time 5 "http://127.0.0.1:$CONTROL_PORT/$1" || die "the harness did not answer /$1"; }
# kv LINE KEY: the value of KEY=... in LINE
kv() { printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
# metric PORT NAME: the sum of a metric's samples on the app's /metrics, as an integer
metric() {
  curl -sf --max-time 5 "http://127.0.0.1:$1/metrics" | awk -v name="$2" '$1 ~ "^" name "($|\\{)" { s += $NF } END { printf "%d\n", s }' \
    || die "no /metrics from 127.0.0.1:$1"
}
rounds_done() {
  curl -sf --max-time 5 "http://127.0.0.1:$1/metrics" | awk '/^litellm_health_check_rounds_total\{result="completed"\}/ { printf "%d\n", $NF }' \
    || die "no /metrics from 127.0.0.1:$1"
}

log "harness: fake provider on $FAKE_PORT, traffic to $TRAFFIC of $DEPLOYMENTS groups every $PERIOD_MS ms per group"
start_bg "$W/harness.log" "$JAVA_BIN" -XX:+UseSerialGC -Xmx128m -cp "$APP_JAR" "$BENCH_DIR/probe-calls/ProbeCallsHarness.java" \
  "$FAKE_PORT" "$CONTROL_PORT" "$DEPLOYMENTS" "$PERIOD_MS" "$MAX_SECONDS" "$ON_PORT:on-:$TRAFFIC" "$OFF_PORT:off-:$TRAFFIC"
HARNESS_PID=$BG_PID
started_or_die "the harness" "http://127.0.0.1:$CONTROL_PORT/counts?prefix=on-" 90 "$HARNESS_PID" "$W/harness.log"
log "two apps, $DEPLOYMENTS deployments each, health_check_interval $INTERVAL s: skip_probe_when_traffic_ok true on $ON_PORT, false on $OFF_PORT"
start_ours "$W/on.log" "$ON_PORT" "$W/on.yaml"
ON_PID=$BG_PID
start_ours "$W/off.log" "$OFF_PORT" "$W/off.yaml"
OFF_PID=$BG_PID
started_or_die "the app (skip on)" "http://127.0.0.1:$ON_PORT/health/readiness" 120 "$ON_PID" "$W/on.log"
started_or_die "the app (skip off)" "http://127.0.0.1:$OFF_PORT/health/readiness" 120 "$OFF_PID" "$W/off.log"

log "waiting until every trafficked group has had a successful call through both apps"
deadline=$(($(date +%s) + 60))
until [ "$(kv "$(control 'traffic?prefix=on-')" groups_ok)" = "$TRAFFIC" ] && [ "$(kv "$(control 'traffic?prefix=off-')" groups_ok)" = "$TRAFFIC" ]; do
  [ "$(date +%s)" -lt "$deadline" ] || die "traffic did not reach all $TRAFFIC groups within 60 s: on $(control 'traffic?prefix=on-'), off $(control 'traffic?prefix=off-')"
  sleep 0.2
done

# snapshot APP PORT PREFIX TAG: counts right after one of the app's rounds ended
snapshot() {
  local counts traffic
  counts=$(control "counts?prefix=$3"); traffic=$(control "traffic?prefix=$3")
  printf '%s %s %s %s %s skipped=%s t=%s\n' "$1" "$4" "$counts" "$traffic" "rounds=$(rounds_done "$2")" \
    "$(metric "$2" litellm_health_check_skipped_total)" "$(date +%s%N)" >>"$W/snapshots.txt"
}
log "counting $ROUNDS whole rounds of each app (~$((INTERVAL * (ROUNDS + 1))) s)"
: >"$W/snapshots.txt"
declare -A phase=([on]=0 [off]=0) first=() port=([on]=$ON_PORT [off]=$OFF_PORT) prefix=([on]=on- [off]=off-)
for app in on off; do first[$app]=$(rounds_done "${port[$app]}"); done
deadline=$(($(date +%s) + INTERVAL * (ROUNDS + 3) + 30))
while [ "${phase[on]}" != 2 ] || [ "${phase[off]}" != 2 ]; do
  [ "$(date +%s)" -lt "$deadline" ] || die "the apps did not complete $ROUNDS rounds in time (rounds: on $(rounds_done "$ON_PORT"), off $(rounds_done "$OFF_PORT"))"
  alive "$HARNESS_PID" || die "the harness died (see $W/harness.log with BENCH_KEEP=1)"
  for app in on off; do
    r=$(rounds_done "${port[$app]}")
    if [ "${phase[$app]}" = 0 ] && [ "$r" -gt "${first[$app]}" ]; then
      snapshot "$app" "${port[$app]}" "${prefix[$app]}" start; phase[$app]=1; first[$app]=$r
    elif [ "${phase[$app]}" = 1 ] && [ "$r" -ge $((first[$app] + ROUNDS)) ]; then
      snapshot "$app" "${port[$app]}" "${prefix[$app]}" end; phase[$app]=2
    fi
  done
  sleep 0.1
done

# delta APP KEY: end minus start of a snapshot value
delta() {
  local s e
  s=$(grep "^$1 start " "$W/snapshots.txt"); e=$(grep "^$1 end " "$W/snapshots.txt")
  echo $(($(kv "$e" "$2") - $(kv "$s" "$2")))
}
status=0
declare -A probes per_round per_hour_measured per_hour_default wall_per_hour
echo
echo "# $DEPLOYMENTS deployments per app, traffic to $TRAFFIC of them (one call per group every $PERIOD_MS ms), health_check_interval $INTERVAL s, no jitter"
printf '%-58s %14s %14s\n' "skip_probe_when_traffic_ok" "false" "true"
for app in off on; do
  rounds=$(delta "$app" rounds); probes[$app]=$(delta "$app" models)
  per_round[$app]=$(ratio "${probes[$app]}" "$rounds" 1)
  per_hour_measured[$app]=$(awk -v p="${probes[$app]}" -v r="$rounds" -v i="$INTERVAL" 'BEGIN { printf "%.0f", p / r * 3600 / i }')
  per_hour_default[$app]=$(awk -v p="${probes[$app]}" -v r="$rounds" -v i="$DEFAULT_INTERVAL" 'BEGIN { printf "%.0f", p / r * 3600 / i }')
  wall_per_hour[$app]=$(awk -v p="${probes[$app]}" -v ns="$(delta "$app" t)" 'BEGIN { printf "%.0f", p / (ns / 1e9) * 3600 }')
  if [ "$(delta "$app" failed)" != 0 ]; then echo "FAILED: $(delta "$app" failed) traffic calls failed through the $app app" >&2; status=1; fi
  if [ $(( $(delta "$app" models) + $(delta "$app" skipped) )) != $((DEPLOYMENTS * rounds)) ]; then
    echo "FAILED: $app: $(delta "$app" models) probes + $(delta "$app" skipped) skipped != $DEPLOYMENTS x $rounds rounds" >&2; status=1
  fi
done
row() { printf '%-58s %14s %14s\n' "$1" "$2" "$3"; }
row "rounds counted (end of one round to end of another)" "$(delta off rounds)" "$(delta on rounds)"
row "window, s" "$(awk -v ns="$(delta off t)" 'BEGIN { printf "%.1f", ns / 1e9 }')" "$(awk -v ns="$(delta on t)" 'BEGIN { printf "%.1f", ns / 1e9 }')"
row "probe calls at the fake (GET .../models) in those rounds" "${probes[off]}" "${probes[on]}"
row "probes skipped (litellm_health_check_skipped_total)" "$(delta off skipped)" "$(delta on skipped)"
row "traffic calls at the fake (POST .../chat/completions)" "$(delta off chat)" "$(delta on chat)"
row "traffic calls answered 200 by the app / failed" "$(delta off ok) / $(delta off failed)" "$(delta on ok) / $(delta on failed)"
row "probe calls per round" "${per_round[off]}" "${per_round[on]}"
row "probe calls per hour at the measured interval (${INTERVAL} s)" "${per_hour_measured[off]}" "${per_hour_measured[on]}"
row "  the same from wall-clock time (calls / window x 3600)" "${wall_per_hour[off]}" "${wall_per_hour[on]}"
row "probe calls per hour at the default interval (${DEFAULT_INTERVAL} s)" "${per_hour_default[off]}" "${per_hour_default[on]}"
echo
echo "ratio without / with skip_probe_when_traffic_ok: $(ratio "${probes[off]}" "${probes[on]}" 2) (probe calls saved: $(awk -v a="${probes[off]}" -v b="${probes[on]}" 'BEGIN { printf "%.0f", (a - b) * 100 / a }') %)"
echo "scaling: per hour = probe calls per round x 3600 / interval; at 300 s that is x 12 per hour, and it holds as long as each"
echo "trafficked group has a successful call within every 300 s interval (here one every $PERIOD_MS ms)"
if [ "$(awk -v p="${per_round[off]}" -v n="$DEPLOYMENTS" 'BEGIN { print (p == n) }')" != 1 ]; then
  echo "FAILED: without the skip every deployment must be probed every round: ${per_round[off]} per round, not $DEPLOYMENTS" >&2; status=1
fi
echo "noise: load average at end $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
exit "$status"
