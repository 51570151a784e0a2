#!/usr/bin/env bash
# Flat in deployments (issue 8, benchmark 3): /health with 10 vs 1,000 deployments, side by side with a bare
# Helidon handler serving the same two bodies, in interleaved wrk rounds: req/s, bytes/s and server CPU per
# request. Per-request server time should grow only with the body (ours/bare the same at both sizes). Then JMH
# (bench/jmh, against the installed artifacts): AggregationPolicy.evaluate, /health rendering and the per-request
# serving path at 10/100/1,000/10,000 deployments.
# Usage: bench/flat-in-deployments.sh   (env: ROUNDS=3 DURATION=10 WARMUP=5; JMH=0 skips JMH; JMH_ARGS for other JMH options)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-5}
SMALL=${SMALL:-10}
LARGE=${LARGE:-1000}
JMH=${JMH:-1}
JMH_ARGS=${JMH_ARGS:--f 1 -wi 5 -w 1s -i 5 -r 1s}

bench_init flat-in-deployments
need_cmd wrk wrk
need_cmd curl curl
need_cmd jq jq
bench_java
ensure_main_installed
BARE_JAR="$BENCH_DIR/peers/bare-helidon/target/bare-helidon.jar"
ensure_bench_project "$BENCH_DIR/peers/bare-helidon" "$BARE_JAR" -Dhelidon.version="$(helidon_version)"
JMH_JAR="$BENCH_DIR/jmh/target/health-jmh.jar"
[ "$JMH" = 0 ] || ensure_bench_project "$BENCH_DIR/jmh" "$JMH_JAR" -Dllmhealth.version="$(project_version)"

alloc_port SMALL_PORT 18580
alloc_port LARGE_PORT 18680
alloc_port BARE_PORT 18780
alloc_port DEMO_PORT 4210
W=$BENCH_WORK

for n in "$SMALL" "$LARGE"; do
  gen_config "$W/config-$n.yaml" "$n" "http://127.0.0.1:$DEMO_PORT/healthy/v1" "health_check_interval: 300" "health_check_timeout: 5"
done
start_ours "$W/ours-$SMALL.log" "$SMALL_PORT" "$W/config-$SMALL.yaml" --demo --demo-port "$DEMO_PORT"
SMALL_PID=$BG_PID
started_or_die "the service ($SMALL deployments)" "http://127.0.0.1:$SMALL_PORT/health/readiness" 120 "$SMALL_PID" "$W/ours-$SMALL.log"
start_ours "$W/ours-$LARGE.log" "$LARGE_PORT" "$W/config-$LARGE.yaml"
LARGE_PID=$BG_PID
started_or_die "the service ($LARGE deployments)" "http://127.0.0.1:$LARGE_PORT/health/readiness" 120 "$LARGE_PID" "$W/ours-$LARGE.log"
for n in "$SMALL" "$LARGE"; do
  port=$SMALL_PORT; [ "$n" = "$LARGE" ] && port=$LARGE_PORT
  curl -sf "http://127.0.0.1:$port/health" -o "$W/health-$n"
  healthy=$(jq '.healthy_endpoints | length' "$W/health-$n")
  [ "$healthy" = "$n" ] || die "/health with $n deployments lists $healthy healthy"
done
# shellcheck disable=SC2086
start_bg "$W/bare.log" "$JAVA_BIN" $PROD_JAVA_OPTS -jar "$BARE_JAR" "$BARE_PORT" \
  "/health-$SMALL=$W/health-$SMALL" "/health-$LARGE=$W/health-$LARGE"
BARE_PID=$BG_PID
started_or_die "bare Helidon" "http://127.0.0.1:$BARE_PORT/health-$SMALL" 60 "$BARE_PID" "$W/bare.log"

declare -A URL PIDOF BYTES
URL[ours-$SMALL]="http://127.0.0.1:$SMALL_PORT/health"; PIDOF[ours-$SMALL]=$SMALL_PID
URL[ours-$LARGE]="http://127.0.0.1:$LARGE_PORT/health"; PIDOF[ours-$LARGE]=$LARGE_PID
URL[bare-$SMALL]="http://127.0.0.1:$BARE_PORT/health-$SMALL"; PIDOF[bare-$SMALL]=$BARE_PID
URL[bare-$LARGE]="http://127.0.0.1:$BARE_PORT/health-$LARGE"; PIDOF[bare-$LARGE]=$BARE_PID
BYTES[$SMALL]=$(wc -c <"$W/health-$SMALL"); BYTES[$LARGE]=$(wc -c <"$W/health-$LARGE")
targets=("ours-$SMALL" "ours-$LARGE" "bare-$SMALL" "bare-$LARGE")
echo "# /health bodies: ${BYTES[$SMALL]} bytes at $SMALL deployments, ${BYTES[$LARGE]} bytes at $LARGE; bare Helidon serves the same bytes"
echo "# JVM flags: $PROD_JAVA_OPTS; java $JAVA_MAJOR; wrk -t$WRK_THREADS -c$WRK_CONNECTIONS, $ROUNDS interleaved rounds of ${DURATION}s after ${WARMUP}s warm-up"

log "warming up"
for t in "${targets[@]}"; do run_wrk "${URL[$t]}" "$WARMUP" "${PIDOF[$t]}" >/dev/null; done
RESULTS=$W/results.txt
: >"$RESULTS"
for ((r = 1; r <= ROUNDS; r++)); do
  for ((k = 0; k < 4; k++)); do
    t=${targets[$(((r - 1 + k) % 4))]}
    log "round $r/$ROUNDS $t"
    line=$(run_wrk "${URL[$t]}" "$DURATION" "${PIDOF[$t]}")
    echo "round=$r target=$t $line" | tee -a "$RESULTS" >&2
  done
done

echo
echo "raw runs:"
sed 's/^/  /' "$RESULTS"
echo
printf '%-10s %12s %10s %12s %12s %12s %14s\n' target "body bytes" "req/s med" "MB/s med" "p99 ms" "CPU us/req" "CPU us/100KB"
for t in "${targets[@]}"; do
  n=${t#*-}
  cpu=$(values "$RESULTS" cpu_us target="$t" | median)
  printf '%-10s %12s %10s %12s %12s %12s %14s\n' "$t" "${BYTES[$n]}" "$(num "$(values "$RESULTS" rps target="$t" | median)")" \
    "$(num "$(awk -v b="$(values "$RESULTS" bytes_per_s target="$t" | median)" 'BEGIN { print b / 1048576 }')" 1)" \
    "$(num "$(values "$RESULTS" p99_ms target="$t" | median)" 2)" "$(num "$cpu" 1)" \
    "$(awk -v c="$cpu" -v b="${BYTES[$n]}" 'BEGIN { printf "%.1f", c / (b / 102400) }')"
done

# per-round ratios, median
round_ratio() { # round_ratio METRIC A B
  local r rs=()
  for ((r = 1; r <= ROUNDS; r++)); do
    rs+=("$(ratio "$(values "$RESULTS" "$1" round=$r target="$2")" "$(values "$RESULTS" "$1" round=$r target="$3")" 4)")
  done
  printf '%s\n' "${rs[@]}" | median
}
echo
size_ratio=$(ratio "${BYTES[$LARGE]}" "${BYTES[$SMALL]}" 1)
echo "body x$size_ratio from $SMALL to $LARGE deployments:"
printf '  ours:  req/s %s x, bytes/s %s x, CPU per request %s x\n' \
  "$(num "$(round_ratio rps "ours-$LARGE" "ours-$SMALL")" 3)" "$(num "$(round_ratio bytes_per_s "ours-$LARGE" "ours-$SMALL")" 2)" \
  "$(ratio "$(values "$RESULTS" cpu_us target="ours-$LARGE" | median)" "$(values "$RESULTS" cpu_us target="ours-$SMALL" | median)")"
printf '  bare:  req/s %s x, bytes/s %s x, CPU per request %s x\n' \
  "$(num "$(round_ratio rps "bare-$LARGE" "bare-$SMALL")" 3)" "$(num "$(round_ratio bytes_per_s "bare-$LARGE" "bare-$SMALL")" 2)" \
  "$(ratio "$(values "$RESULTS" cpu_us target="bare-$LARGE" | median)" "$(values "$RESULTS" cpu_us target="bare-$SMALL" | median)")"
small_vs=$(round_ratio rps "ours-$SMALL" "bare-$SMALL"); large_vs=$(round_ratio rps "ours-$LARGE" "bare-$LARGE")
printf '  ours/bare req/s: %s at %s deployments, %s at %s: flat in deployments when these match (no per-deployment work per request)\n' \
  "$(num "$small_vs" 2)" "$SMALL" "$(num "$large_vs" 2)" "$LARGE"
echo "RSS after the runs: ours $SMALL deployments $(rss_mb "$SMALL_PID") MB, ours $LARGE deployments $(rss_mb "$LARGE_PID") MB (peak $(hwm_mb "$LARGE_PID")), bare $(rss_mb "$BARE_PID") MB"
echo "noise: other processes used $(num "$(values "$RESULTS" other_cores | median)" 2) cores (median over runs; max $(num "$(values "$RESULTS" other_cores | maximum)" 2)) of $(nproc); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
for pid in "$SMALL_PID" "$LARGE_PID" "$BARE_PID"; do stop_pid "$pid"; done

if [ "$JMH" != 0 ]; then
  echo
  log "JMH: $JMH_ARGS"
  # shellcheck disable=SC2086
  timeout 1800 "$JAVA_BIN" -jar "$JMH_JAR" $JMH_ARGS -p deployments=10,100,1000,10000 -rf csv -rff "$W/jmh.csv" \
    >"$W/jmh.log" 2>&1 || { tail -40 "$W/jmh.log" >&2; die "JMH failed"; }
  echo "JMH (average time per call, µs; $JMH_ARGS; fork JVM -XX:+UseSerialGC -Xmx1g):"
  # "Benchmark","Mode","Threads","Samples","Score","Score Error (99.9%)","Unit","Param: deployments"
  awk -F, 'NR > 1 { gsub(/"/, ""); split($1, b, "."); printf "%s %s %s %s\n", b[length(b)], $8, $5, $6 }' "$W/jmh.csv" >"$W/jmh.txt"
  printf '  %-10s %16s %16s %16s %20s %12s\n' benchmark 10 100 1000 10000 "x 10->10,000"
  for b in aggregate render serve; do
    row=()
    for n in 10 100 1000 10000; do
      row+=("$(awk -v b=$b -v n=$n '$1 == b && $2 == n { printf "%.3f±%.3f", $3, $4 }' "$W/jmh.txt")")
    done
    lo=$(awk -v b=$b '$1 == b && $2 == 10 { print $3 }' "$W/jmh.txt"); hi=$(awk -v b=$b '$1 == b && $2 == 10000 { print $3 }' "$W/jmh.txt")
    printf '  %-10s %16s %16s %16s %20s %12s\n' "$b" "${row[@]}" "$(ratio "$hi" "$lo" 1)"
  done
  render_big=$(awk '$1 == "render" && $2 == 10000 { print $3 }' "$W/jmh.txt")
  echo "  render at 10,000 deployments: $(num "$(awk -v t="$render_big" 'BEGIN { print t / 10000 * 1000 }')" 0) ns per deployment, once per snapshot"
  echo "  serve is what every request pays before Helidon writes the bytes: it must not grow with deployments"
fi
exit 0
