#!/usr/bin/env bash
# Startup and resident size (issue 16). Process start to the first 200 on /health/readiness and on
# /health/liveliness, median of 5 (targets: ready <= 1 s with java -jar and with the launcher, <= 0.6 s with a
# JDK 25 AOT cache; liveliness <= 0.5 s), with the demo config as the demo runs it: config/demo.yaml, --demo (the
# in-process fake provider, on a free port here), the machine's PostgreSQL and Redis; so readiness means the first
# round ended, the database reached and the schema applied. Variants, interleaved: bin/health-app as operators run
# it (on JDK 25 it trains and uses its AOT cache by itself); the same JVM and flags started directly; the same with
# the AOT cache bin/aot-train.sh trains; and beside them, in the same run, a bare Helidon SE handler (with and
# without its own AOT cache): the floor of any Helidon server on this machine at this moment.
# Then RSS idle after start, and after 1 minute at 1,000 deployments (target <= 150 MB).
# Usage: bench/startup.sh   (env: STARTS=5 SETTLE=60 RSS_DEPLOYMENTS=1000; STRICT=1 exits 3 when a target is missed)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

STARTS=${STARTS:-5}
SETTLE=${SETTLE:-60}
RSS_DEPLOYMENTS=${RSS_DEPLOYMENTS:-1000}

bench_init startup
need_cmd curl curl
bench_java
ensure_main_built
BARE_JAR="$BENCH_DIR/peers/bare-helidon/target/bare-helidon.jar"
ensure_bench_project "$BENCH_DIR/peers/bare-helidon" "$BARE_JAR" -Dhelidon.version="$(helidon_version)"
alloc_port PORT 18880
alloc_port DEMO_PORT 4310
alloc_port BARE_PORT 18930
alloc_port SMALL_PORT 18980
alloc_port LARGE_PORT 19080
W=$BENCH_WORK
sed "s|127.0.0.1:4010|127.0.0.1:$DEMO_PORT|g" "$ROOT/config/demo.yaml" >"$W/config.yaml"
ARGS=(--config "$W/config.yaml" --port "$PORT" --host 127.0.0.1 --demo --demo-port "$DEMO_PORT")
READY="http://127.0.0.1:$PORT/health/readiness"
LIVE="http://127.0.0.1:$PORT/health/liveliness"
printf '"I'"'"'m alive!"' >"$W/liveliness"
BARE_ARGS=("$BARE_PORT" "/health/liveliness=$W/liveliness")
BARE_URL="http://127.0.0.1:$BARE_PORT/health/liveliness"
pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null && db=up || db=DOWN
redis-cli -h 127.0.0.1 -p 6379 ping 2>/dev/null | grep -q PONG && redis=up || redis=DOWN
echo "# config: config/demo.yaml (3 deployments on the in-process fake provider; PostgreSQL $db, Redis $redis)"

variants=(launcher java)
# the launcher rebuilds first when sources are newer than its jar, and trains its AOT cache (JDK 25+): one untimed start settles that
log "checking bin/health-app starts (it may build and train its AOT cache first)"
start_bg "$W/launcher-check.log" "$ROOT/bin/health-app" "${ARGS[@]}"
if wait_http "$READY" 300 200 "$BG_PID"; then
  stop_pid "$BG_PID"
else
  stop_pid "$BG_PID"
  tail -5 "$W/launcher-check.log" >&2
  log "bin/health-app does not start here (see above): measuring the jar directly only"
  variants=(java)
fi
grep -q 'training the AOT cache' "$W/launcher-check.log" && echo "# the launcher trained its AOT cache in the untimed first start"

variants+=(bare)
if [ "$JAVA_MAJOR" -ge 25 ]; then
  log "training AOT caches: the service (bin/aot-train.sh) and the bare handler"
  # shellcheck disable=SC2086
  if "$ROOT/bin/aot-train.sh" "$JAVA_BIN" "$APP_JAR" "$W/health-app.aot" "$ROOT/config/demo.yaml" $PROD_JAVA_OPTS; then
    variants+=(java+aot)
    echo "# AOT cache: $(du -m "$W/health-app.aot" | cut -f1) MB, trained once with bin/aot-train.sh"
  else
    log "no AOT cache was written: measuring without it"
  fi
  # shellcheck disable=SC2086
  start_bg "$W/bare-train.log" "$JAVA_BIN" $PROD_JAVA_OPTS -XX:AOTCacheOutput="$W/bare.aot" -jar "$BARE_JAR" "${BARE_ARGS[@]}"
  started_or_die "the bare handler's AOT training run" "$BARE_URL" 60 "$BG_PID" "$W/bare-train.log"
  for _ in 1 2 3 4 5; do curl -s -o /dev/null "$BARE_URL" || true; done
  stop_pid "$BG_PID"
  [ -s "$W/bare.aot" ] && variants+=(bare+aot)
else
  log "java $JAVA_MAJOR has no AOT cache (JDK 25+): no AOT variants"
fi
echo "# JVM flags: $PROD_JAVA_OPTS (the launcher's); java $JAVA_MAJOR ($JAVA_BIN); JAVA_HOME ${JAVA_HOME:-unset} for the launcher"

# time_start VARIANT: one start; prints live_ms (first 200 on liveliness), ms (first 200 on readiness), cpu_ms, rss_mb
RESULTS=$W/starts.txt
: >"$RESULTS"
time_start() {
  local v=$1 i=$2 cmd live_url ready_url t0 live="" now deadline
  # shellcheck disable=SC2206 # the JVM flags are split on purpose
  case $v in
    launcher) cmd=("$ROOT/bin/health-app" "${ARGS[@]}") ;;
    java) cmd=("$JAVA_BIN" $PROD_JAVA_OPTS -jar "$APP_JAR" "${ARGS[@]}") ;;
    java+aot) cmd=("$JAVA_BIN" $PROD_JAVA_OPTS -XX:AOTCache="$W/health-app.aot" -jar "$APP_JAR" "${ARGS[@]}") ;;
    bare) cmd=("$JAVA_BIN" $PROD_JAVA_OPTS -jar "$BARE_JAR" "${BARE_ARGS[@]}") ;;
    bare+aot) cmd=("$JAVA_BIN" $PROD_JAVA_OPTS -XX:AOTCache="$W/bare.aot" -jar "$BARE_JAR" "${BARE_ARGS[@]}") ;;
  esac
  case $v in bare*) live_url=$BARE_URL; ready_url=$BARE_URL ;; *) live_url=$LIVE; ready_url=$READY ;; esac
  t0=$(date +%s%N)
  start_bg "$W/start-$v-$i.log" "${cmd[@]}"
  deadline=$((t0 + 120000000000))
  while :; do
    now=$(date +%s%N)
    [ "$now" -lt "$deadline" ] && alive "$BG_PID" || { stop_pid "$BG_PID"; tail -20 "$W/start-$v-$i.log" >&2; die "start $i ($v) did not answer 200"; }
    if [ -z "$live" ] && [ "$(http_code "$live_url" 1)" = 200 ]; then live=$((($(date +%s%N) - t0) / 1000000)); fi
    if [ -n "$live" ] && [ "$(http_code "$ready_url" 1)" = 200 ]; then break; fi
    sleep 0.005
  done
  local ms=$((($(date +%s%N) - t0) / 1000000))
  local cpu_ms=$(($(cpu_ticks_with_children "$BG_PID") * 1000 / CLK_TCK))
  local rss; rss=$(rss_mb "$BG_PID")
  stop_pid "$BG_PID"
  local note=""
  grep -q -e 'building' -e 'training the AOT' "$W/start-$v-$i.log" && note=" rebuilt=1"
  echo "start=$i variant=$v live_ms=$live ms=$ms cpu_ms=$cpu_ms rss_mb=$rss$note" | tee -a "$RESULTS" >&2
}
for ((i = 1; i <= STARTS; i++)); do
  for v in "${variants[@]}"; do time_start "$v" "$i"; done
done
echo
echo "process start to first 200 (ms), $STARTS starts each, interleaved: on /health/readiness (ready: first round ended,"
echo "database reached, schema applied) and /health/liveliness; the bare handler's single path for both. CPU: what"
echo "the process (and the JVMs a launcher ran before it) had used by then; RSS at that moment."
status=0
grep -v -e rebuilt= "$RESULTS" >"$W/clean.txt" || true
med() { values "$W/clean.txt" "$1" variant="$2" | median; }
printf '  %-9s %8s %8s %8s %8s   %s\n' variant ready live cpu rss "all ready (ms) / target"
for v in "${variants[@]}"; do
  ready=$(med ms "$v"); live=$(med live_ms "$v")
  case $v in
    launcher | java) target=1000 ;;
    java+aot) target=600 ;;
    *) target="" ;;
  esac
  verdict=""
  if [ -n "$target" ]; then
    verdict="ready <= $target: $(meets "$ready" "<=" "$target"), live <= 500: $(meets "$live" "<=" 500)"
    [ "$(meets "$ready" "<=" "$target")" = met ] || status=3
  fi
  printf '  %-9s %8s %8s %8s %8s   %s  %s\n' "$v" "$ready" "$live" "$(med cpu_ms "$v")" "$(med rss_mb "$v")" \
    "$(values "$RESULTS" ms variant="$v" | tr '\n' ' ')" "$verdict"
done
if grep -q rebuilt= "$RESULTS"; then echo "  (starts where the launcher rebuilt the jar or trained its cache are left out of the medians)"; fi
echo "  side by side (ratios of medians, this run):"
echo "    java / bare: ready $(ratio "$(med ms java)" "$(med ms bare)"), CPU $(ratio "$(med cpu_ms java)" "$(med cpu_ms bare)")"
if [[ " ${variants[*]} " == *" java+aot "* ]]; then
  echo "    java+aot / bare+aot: ready $(ratio "$(med ms java+aot)" "$(med ms bare+aot)"), CPU $(ratio "$(med cpu_ms java+aot)" "$(med cpu_ms bare+aot)")"
  echo "    java+aot / java: ready $(ratio "$(med ms java+aot)" "$(med ms java)")"
fi
if [[ " ${variants[*]} " == *" launcher "* ]]; then
  echo "    launcher - java: $(num "$(awk -v a="$(med ms launcher)" -v b="$(med ms java)" 'BEGIN { print a - b }')") ms (on JDK 25 the launcher starts from its AOT cache)"
fi
echo "noise: load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

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
