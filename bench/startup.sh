#!/usr/bin/env bash
# Startup and resident size (issue 8, benchmark 5). Process start to the first 200 on /health/readiness, median
# of 5 (target <= 1 s), with no database or Redis configured and 10 deployments on the in-process fake provider,
# for: bin/health-app as operators run it; the same JVM and flags started directly (no launcher); and the same
# with a JDK 25 AOT cache (-XX:AOTCacheOutput in a training run, then -XX:AOTCache). Interleaved starts.
# Then RSS after 1 minute at 1,000 deployments (target <= 150 MB), with a round every 15 s and /health polled
# once a second, beside the same at 10 deployments.
# Usage: bench/startup.sh   (env: STARTS=5 SETTLE=60 RSS_DEPLOYMENTS=1000; STRICT=1 exits 3 when a target is missed)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

STARTS=${STARTS:-5}
SETTLE=${SETTLE:-60}
RSS_DEPLOYMENTS=${RSS_DEPLOYMENTS:-1000}

bench_init startup
need_cmd curl curl
bench_java
ensure_main_installed
alloc_port PORT 18880
alloc_port DEMO_PORT 4310
alloc_port SMALL_PORT 18980
alloc_port LARGE_PORT 19080
W=$BENCH_WORK
gen_config "$W/config.yaml" 10 "http://127.0.0.1:$DEMO_PORT/healthy/v1" "health_check_interval: 300" "health_check_timeout: 5"
ARGS=(--config "$W/config.yaml" --port "$PORT" --host 127.0.0.1 --demo --demo-port "$DEMO_PORT")
READY="http://127.0.0.1:$PORT/health/readiness"

variants=(launcher java)
# the launcher rebuilds first when sources are newer than its jar: one untimed start settles that
log "checking bin/health-app starts (it may build first)"
start_bg "$W/launcher-check.log" "$ROOT/bin/health-app" "${ARGS[@]}"
if wait_http "$READY" 300 200 "$BG_PID"; then
  stop_pid "$BG_PID"
else
  stop_pid "$BG_PID"
  tail -5 "$W/launcher-check.log" >&2
  log "bin/health-app does not start here (see above): measuring the jar directly only"
  variants=(java)
fi

AOT_FLAGS=()
if [ "$JAVA_MAJOR" -ge 25 ]; then
  log "training an AOT cache (one start, a few requests, stop)"
  # shellcheck disable=SC2086
  start_bg "$W/aot-train.log" "$JAVA_BIN" $PROD_JAVA_OPTS -XX:AOTCacheOutput="$W/health-app.aot" -jar "$APP_JAR" "${ARGS[@]}"
  started_or_die "the AOT training run" "$READY" 120 "$BG_PID" "$W/aot-train.log"
  for path in /health /health/readiness /health/liveliness /health/models /health/services /metrics /nowhere; do
    curl -s -o /dev/null "http://127.0.0.1:$PORT$path" || true
    curl -s -o /dev/null -I "http://127.0.0.1:$PORT$path" || true
  done
  stop_pid "$BG_PID"
  if [ -s "$W/health-app.aot" ]; then
    AOT_FLAGS=(-XX:AOTCache="$W/health-app.aot")
    variants+=(java+aot)
    echo "# AOT cache: $(du -m "$W/health-app.aot" | cut -f1) MB, trained once with -XX:AOTCacheOutput"
  else
    tail -5 "$W/aot-train.log" >&2
    log "no AOT cache was written: measuring without it"
  fi
else
  log "java $JAVA_MAJOR has no -XX:AOTCacheOutput (JDK 25+): no AOT variant"
fi
if [ -n "${SSL_CERT_FILE:-}" ]; then
  # the service then reads that CA bundle at start; a variant without it shows what that costs
  variants+=(java-no-ca)
  echo "# environment: SSL_CERT_FILE=$SSL_CERT_FILE (the service parses that CA bundle at start; java-no-ca starts without it)"
fi
echo "# JVM flags: $PROD_JAVA_OPTS (the launcher's); java $JAVA_MAJOR ($JAVA_BIN); JAVA_HOME ${JAVA_HOME:-unset} for the launcher"
echo "# config: 10 deployments on the in-process fake provider (--demo), no database, no Redis"

RESULTS=$W/starts.txt
: >"$RESULTS"
for ((i = 1; i <= STARTS; i++)); do
  for v in "${variants[@]}"; do
    # shellcheck disable=SC2206 # the JVM flags are split on purpose
    case $v in
      launcher) cmd=("$ROOT/bin/health-app" "${ARGS[@]}") ;;
      java) cmd=("$JAVA_BIN" $PROD_JAVA_OPTS -jar "$APP_JAR" "${ARGS[@]}") ;;
      java+aot) cmd=("$JAVA_BIN" $PROD_JAVA_OPTS "${AOT_FLAGS[@]}" -jar "$APP_JAR" "${ARGS[@]}") ;;
      java-no-ca) cmd=(env -u SSL_CERT_FILE "$JAVA_BIN" $PROD_JAVA_OPTS -jar "$APP_JAR" "${ARGS[@]}") ;;
    esac
    t0=$(date +%s%N)
    start_bg "$W/start-$v-$i.log" "${cmd[@]}"
    if ! wait_http "$READY" 120 200 "$BG_PID"; then
      stop_pid "$BG_PID"
      # the launcher rebuilds when sources changed meanwhile, and fails when they do not compile: not a measurement
      [ "$v" = launcher ] && grep -q building "$W/start-$v-$i.log" || { tail -30 "$W/start-$v-$i.log" >&2; die "start $i ($v) did not answer 200 on $READY"; }
      echo "start=$i variant=$v failed=rebuild" | tee -a "$RESULTS" >&2
      continue
    fi
    ms=$((($(date +%s%N) - t0) / 1000000))
    cpu_ms=$(($(cpu_ticks_with_children "$BG_PID") * 1000 / CLK_TCK))
    stop_pid "$BG_PID"
    note=""
    grep -q 'building' "$W/start-$v-$i.log" && note=" rebuilt=1"
    echo "start=$i variant=$v ms=$ms cpu_ms=$cpu_ms$note" | tee -a "$RESULTS" >&2
  done
done
echo
echo "process start to first 200 on /health/readiness (ms), $STARTS starts each, interleaved; and the CPU the process"
echo "(and the JVMs a launcher ran before it) had used by then: less sensitive to other load than wall time, and on"
echo "2 quiet cores wall time is at least CPU / 2:"
status=0
grep -v -e rebuilt= -e failed= "$RESULTS" >"$W/clean.txt" || true
for v in "${variants[@]}"; do
  all=$(values "$RESULTS" ms variant="$v" | tr '\n' ' ')
  med=$(values "$W/clean.txt" ms variant="$v" | median)
  cpu=$(values "$W/clean.txt" cpu_ms variant="$v" | median)
  verdict=$(meets "$med" "<=" 1000)
  if [ "$verdict" != met ] && { [ "$v" = launcher ] || [ "$v" = java ]; }; then status=3; fi
  printf '  %-10s median %6s   all: %-30s target <= 1000: %-6s  CPU to ready (median): %s ms\n' "$v" "$med" "$all" "$verdict" "$cpu"
done
if grep -q -e rebuilt= -e failed= "$RESULTS"; then echo "  (starts where the launcher rebuilt the jar, or failed to, are left out of the medians)"; fi
java_med=$(values "$RESULTS" ms variant=java | median)
launcher_med=$(values "$W/clean.txt" ms variant=launcher | median)
if [[ " ${variants[*]} " == *" launcher "* ]] && [ "$launcher_med" != nan ]; then
  echo "  launcher overhead (finding a JDK, checking the jar is fresh): $(num "$(awk -v a="$launcher_med" -v b="$java_med" 'BEGIN { print a - b }')") ms"
fi
if [ ${#AOT_FLAGS[@]} -gt 0 ]; then
  echo "  AOT cache: java+aot / java = $(ratio "$(values "$RESULTS" ms variant=java+aot | median)" "$java_med")"
fi
if [[ " ${variants[*]} " == *" java-no-ca "* ]]; then
  echo "  CA bundle at start: java / java-no-ca = $(ratio "$java_med" "$(values "$RESULTS" ms variant=java-no-ca | median)")"
fi

# --- RSS after a minute: 10 and 1,000 deployments side by side; the small one hosts the fake provider
echo
log "RSS: $RSS_DEPLOYMENTS and 10 deployments for ${SETTLE}s"
gen_config "$W/rss-small.yaml" 10 "http://127.0.0.1:$DEMO_PORT/healthy/v1" "health_check_interval: 15" "health_check_timeout: 5"
gen_config "$W/rss-large.yaml" "$RSS_DEPLOYMENTS" "http://127.0.0.1:$DEMO_PORT/healthy/v1" "health_check_interval: 15" "health_check_timeout: 5"
start_ours "$W/rss-small.log" "$SMALL_PORT" "$W/rss-small.yaml" --demo --demo-port "$DEMO_PORT"
SMALL_PID=$BG_PID
started_or_die "the service (10 deployments)" "http://127.0.0.1:$SMALL_PORT/health/readiness" 120 "$SMALL_PID" "$W/rss-small.log"
start_ours "$W/rss-large.log" "$LARGE_PORT" "$W/rss-large.yaml"
LARGE_PID=$BG_PID
started_or_die "the service ($RSS_DEPLOYMENTS deployments)" "http://127.0.0.1:$LARGE_PORT/health/readiness" 120 "$LARGE_PID" "$W/rss-large.log"
for ((s = 0; s < SETTLE; s++)); do
  curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$SMALL_PORT/health" || true
  curl -s -o /dev/null --max-time 1 "http://127.0.0.1:$LARGE_PORT/health" || true
  sleep 1
done
healthy=$(curl -s "http://127.0.0.1:$LARGE_PORT/health" | grep -o '"status":"healthy"' | wc -l)
rss_large=$(rss_mb "$LARGE_PID")
verdict=$(meets "$rss_large" "<=" 150)
[ "$verdict" = met ] || status=3
echo "RSS after ${SETTLE}s (a round every 15 s, /health polled every second):"
printf '  %5s deployments: RSS %s MB (peak %s), %s threads   target <= 150: %s   (%s healthy entries in /health)\n' \
  "$RSS_DEPLOYMENTS" "$rss_large" "$(hwm_mb "$LARGE_PID")" "$(threads_of "$LARGE_PID")" "$verdict" "$((healthy - 1))"
printf '  %5s deployments: RSS %s MB (peak %s), %s threads   (hosts the fake provider too)\n' \
  10 "$(rss_mb "$SMALL_PID")" "$(hwm_mb "$SMALL_PID")" "$(threads_of "$SMALL_PID")"
if command -v jcmd >/dev/null 2>&1 || [ -x "$BENCH_JAVA_HOME/bin/jcmd" ]; then
  echo "  the $RSS_DEPLOYMENTS-deployment process's young generation (jcmd GC.heap_info):"
  "$BENCH_JAVA_HOME/bin/jcmd" "$LARGE_PID" GC.heap_info 2>/dev/null | sed -n '2,4p' | sed 's/^/    /' || true
fi
echo "noise: load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
[ "${STRICT:-0}" = 1 ] && exit "$status"
exit 0
