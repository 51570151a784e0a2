#!/usr/bin/env bash
# Probe rounds at scale (issue 8, benchmark 4): the real CheckRoundService and OpenAiCompatibleModelProbe
# (bench/probe-round, against the installed artifacts) probing 1,000 deployments over 100 upstream hosts
# (in-process HTTP servers in a child JVM, one port each), a third of them hung. Target: each round ends by
# timeout + 1 s. Prints per round: duration, verdicts (and any healthy deployment judged unhealthy), when the
# healthy hosts' probes started and finished, peak threads and heap; the prober runs with the launcher's JVM flags.
# Then a scaling check: 10,000 deployments, none hung, to see whether the work after the probes grows linearly.
# Then the same fleet with the global cap above the hung probes, to show where the healthy hosts' wait comes from.
# Usage: bench/probe-round.sh   (env: TIMEOUT_MS=5000 ROUNDS=5 DEPLOYMENTS=1000 HOSTS=100 HUNG=33 SCALE_DEPLOYMENTS=10000;
#        SCALE_DEPLOYMENTS=0 skips the scaling check, WIDE_CAP=0 the wide-cap run; STRICT=1 exits 3 when a target is missed)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

TIMEOUT_MS=${TIMEOUT_MS:-5000}
ROUNDS=${ROUNDS:-5}
DEPLOYMENTS=${DEPLOYMENTS:-1000}
HOSTS=${HOSTS:-100}
HUNG=${HUNG:-$((HOSTS / 3))}
SCALE_DEPLOYMENTS=${SCALE_DEPLOYMENTS:-10000}

bench_init probe-round
bench_java
ensure_main_installed
PROBE_DIR="$BENCH_DIR/probe-round"
# target/lib holds copies of the service's jars: rebuild when the installed ones are newer, or it measures old code
for m in health-domain health-adapters-probes; do
  installed="$HOME/.m2/repository/dev/llmhealth/$m/$(project_version)/$m-$(project_version).jar"
  if [ "$installed" -nt "$PROBE_DIR/target/probe-round.jar" ]; then rm -f "$PROBE_DIR/target/probe-round.jar"; fi
done
ensure_bench_project "$PROBE_DIR" "$PROBE_DIR/target/probe-round.jar" -Dllmhealth.version="$(project_version)"
W=$BENCH_WORK

# run_rounds LOG ARGS...: the benchmark JVM, bounded in time; its key=value lines are in LOG
run_rounds() {
  local logfile=$1; shift
  # shellcheck disable=SC2086
  start_bg "$logfile" timeout 900 "$JAVA_BIN" $PROD_JAVA_OPTS -cp "$PROBE_DIR/target/probe-round.jar:$PROBE_DIR/target/lib/*" \
    bench.probes.ProbeRoundBench "$@"
  local pid=$BG_PID rc=0
  wait "$pid" || rc=$?
  stop_pid "$pid"
  if [ "$rc" != 0 ] || ! grep -q '^round=' "$logfile"; then
    tail -30 "$logfile" >&2
    die "the probe-round benchmark failed (exit $rc)"
  fi
}

echo "# prober JVM: $PROD_JAVA_OPTS (the launcher's flags); java $JAVA_MAJOR; the upstreams run in a child JVM of their own"
log "$DEPLOYMENTS deployments over $HOSTS hosts, $HUNG hung, timeout ${TIMEOUT_MS} ms, $ROUNDS rounds"
run_rounds "$W/rounds.log" --deployments "$DEPLOYMENTS" --hosts "$HOSTS" --hung "$HUNG" --timeout-ms "$TIMEOUT_MS" --rounds "$ROUNDS"
grep -E '^(setup|round=|end)' "$W/rounds.log" | sed 's/^/  /'
grep '^round=' "$W/rounds.log" >"$W/rounds.txt"
deadline=$(values "$W/rounds.txt" deadline_ms | head -1)

echo
printf '%-6s %9s %9s %9s %8s %10s %10s %16s %16s %8s %10s %10s\n' round "round ms" "probes ms" "after ms" healthy unhealthy misjudged \
  "healthy-host" "healthy-host" threads "heap peak" "live heap"
printf '%-6s %9s %9s %9s %8s %10s %10s %16s %16s %8s %10s %10s\n' "" "" "" "" "" "" "" "start max ms" "done p50 ms" "peak" "MB" "MB"
for ((r = 1; r <= ROUNDS; r++)); do
  sel=round=$r
  d=$(values "$W/rounds.txt" duration_ms "$sel"); p=$(values "$W/rounds.txt" probe_phase_ms "$sel")
  printf '%-6s %9s %9s %9s %8s %10s %10s %16s %16s %8s %10s %10s\n' "$r" "$d" "$p" "$((d - p))" \
    "$(values "$W/rounds.txt" healthy "$sel")" "$(values "$W/rounds.txt" unhealthy "$sel")" "$(values "$W/rounds.txt" misjudged "$sel")" \
    "$(values "$W/rounds.txt" healthy_hosts_probes_started_max_ms "$sel")" "$(values "$W/rounds.txt" healthy_hosts_probes_done_p50_ms "$sel")" \
    "$(values "$W/rounds.txt" peak_threads "$sel")" "$(values "$W/rounds.txt" peak_heap_used_mb "$sel")" \
    "$(values "$W/rounds.txt" live_heap_after_round_mb "$sel")"
done

status=0
first=$(values "$W/rounds.txt" duration_ms round=1)
grep -v '^round=1 ' "$W/rounds.txt" >"$W/steady.txt" || cp "$W/rounds.txt" "$W/steady.txt"
steady=$(values "$W/steady.txt" duration_ms | maximum)
[ -n "$steady" ] || steady=$first
misjudged=$(values "$W/rounds.txt" misjudged | maximum)
echo
echo "target: a round ends by timeout + 1 s = $deadline ms"
printf '  first round (cold JVM, logs every transition): %s ms = %s x the deadline: %s\n' "$first" "$(ratio "$first" "$deadline" 3)" "$(meets "$first" "<=" "$deadline")"
printf '  later rounds, slowest: %s ms = %s x the deadline: %s\n' "$steady" "$(ratio "$steady" "$deadline" 3)" "$(meets "$steady" "<=" "$deadline")"
printf '  healthy deployments judged unhealthy (held up behind hung hosts), worst round: %s\n' "$misjudged"
late=$(values "$W/steady.txt" healthy_hosts_probes_started_max_ms | minimum)
if [ "$late" = -1 ]; then
  echo "  in every later round some healthy hosts' probes never started before the deadline: they queue behind hung probes holding the global cap"
else
  printf '  healthy hosts'"'"' probes started as late as %s ms into a round (least of the later rounds)\n' "$late"
fi
printf '  peak threads %s (platform; probes themselves are virtual threads, at most %s in flight), peak heap used %s MB of %s, live heap after a round %s MB\n' \
  "$(values "$W/rounds.txt" peak_threads | maximum)" "$(values "$W/rounds.txt" probes_in_flight_max | maximum)" \
  "$(values "$W/rounds.txt" peak_heap_used_mb | maximum)" "$(sed -n 's/.*max_heap_mb=\([0-9]*\).*/\1/p' "$W/rounds.log")" \
  "$(values "$W/rounds.txt" live_heap_after_round_mb | maximum)"
grep '^end' "$W/rounds.log" | sed 's/^end /  at the end: /'
[ "$(meets "$steady" "<=" "$deadline")" = met ] || status=3
[ "$misjudged" = 0 ] || status=3

if [ "${WIDE_CAP:-1}" != 0 ]; then
  # the same fleet with a global cap above the number of hung probes (health_check_concurrency: 1000):
  # shows whether the healthy hosts' wait comes from the global cap
  echo
  log "the same with health_check_concurrency 1000, 2 rounds"
  run_rounds "$W/wide.log" --deployments "$DEPLOYMENTS" --hosts "$HOSTS" --hung "$HUNG" --timeout-ms "$TIMEOUT_MS" --rounds 2 --global-cap 1000
  echo "with health_check_concurrency 1000 (second round):"
  grep '^round=2' "$W/wide.log" | sed 's/^/  /'
  grep '^round=2' "$W/wide.log" >"$W/wide.txt"
  printf '  healthy hosts'"'"' probes: started by %s ms, half done by %s ms, all done by %s ms (vs started by %s ms with the default cap)\n' \
    "$(values "$W/wide.txt" healthy_hosts_probes_started_max_ms)" "$(values "$W/wide.txt" healthy_hosts_probes_done_p50_ms)" \
    "$(values "$W/wide.txt" healthy_hosts_probes_done_max_ms)" "$late"
fi

if [ "$SCALE_DEPLOYMENTS" -gt 0 ]; then
  echo
  log "scaling check: $SCALE_DEPLOYMENTS deployments over $HOSTS hosts, none hung, 2 rounds"
  run_rounds "$W/scale.log" --deployments "$SCALE_DEPLOYMENTS" --hosts "$HOSTS" --hung 0 --timeout-ms "$TIMEOUT_MS" --rounds 2
  grep '^round=' "$W/scale.log" >"$W/scale.txt"
  [ -s "$W/steady.txt" ] || cp "$W/rounds.txt" "$W/steady.txt"
  small_after=$(paste <(values "$W/steady.txt" duration_ms) <(values "$W/steady.txt" probe_phase_ms) | awk '{ print $1 - $2 }' | median)
  big_d=$(values "$W/scale.txt" duration_ms round=2); big_p=$(values "$W/scale.txt" probe_phase_ms round=2)
  echo "scaling check ($SCALE_DEPLOYMENTS deployments, none hung, second round):"
  grep '^round=2' "$W/scale.log" | sed 's/^/  /'
  printf '  work after the probes (verdicts, publishing): %s ms at %s deployments vs %s ms at %s: x%s for x%s deployments (linear would be x%s)\n' \
    "$((big_d - big_p))" "$SCALE_DEPLOYMENTS" "$small_after" "$DEPLOYMENTS" "$(ratio "$((big_d - big_p))" "$small_after" 1)" \
    "$((SCALE_DEPLOYMENTS / DEPLOYMENTS))" "$((SCALE_DEPLOYMENTS / DEPLOYMENTS))"
  printf '  healthy deployments judged unhealthy: %s (probes that could not finish by the deadline on this machine)\n' \
    "$(values "$W/scale.txt" misjudged round=2)"
fi
echo
echo "noise: load average at end $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
[ "${STRICT:-0}" = 1 ] && exit "$status"
exit 0
