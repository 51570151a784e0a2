#!/usr/bin/env bash
# Versus Spring Boot Actuator (issue 8, benchmark 2): the service's /health against /actuator/health of a Spring
# Boot app (bench/peers/actuator: PostgreSQL and Redis health groups, liveness/readiness probes on) with its health
# cache on and off, all against the same local PostgreSQL and Redis. Starts each (timing process start to first
# 200), warms each 30 s, then interleaved wrk rounds. Prints throughput ratios (targets: >= 4x Actuator cached,
# >= 20x uncached), p99 latency, RSS and startup time, and their ratios. Every JVM gets the launcher's flags.
# Usage: bench/vs-actuator.sh   (env: ROUNDS=3 DURATION=10 WARMUP=30 CACHE_TTL=10s ACTUATOR_JAVA_OPTS=...;
#        DATABASE_URL / JDBC_URL, REDIS_HOST / REDIS_PORT for other servers; STRICT=1 exits 3 when a target is missed)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-30}
CACHE_TTL=${CACHE_TTL:-10s}
DB_URL=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/test}
JDBC_URL=${JDBC_URL:-jdbc:postgresql://127.0.0.1:5432/test}
REDIS_HOST=${REDIS_HOST:-127.0.0.1}
REDIS_PORT=${REDIS_PORT:-6379}

bench_init vs-actuator
need_cmd wrk wrk
need_cmd curl curl
bench_java
ACTUATOR_JAVA_OPTS=${ACTUATOR_JAVA_OPTS:-$PROD_JAVA_OPTS}
ensure_main_installed
ACT_JAR="$BENCH_DIR/peers/actuator/target/actuator-peer.jar"
ensure_bench_project "$BENCH_DIR/peers/actuator" "$ACT_JAR"

# the same PostgreSQL and Redis for both; started as .ci/run starts them when they are down
if port_free 5432; then
  log "PostgreSQL is down: starting it"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start >&2 || true
fi
if port_free "$REDIS_PORT"; then
  log "Redis is down: starting it"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log >&2 || true
fi
for ((i = 0; i < 30; i++)); do ! port_free 5432 && ! port_free "$REDIS_PORT" && break; sleep 1; done
port_free 5432 && die "PostgreSQL is not listening on 127.0.0.1:5432"
port_free "$REDIS_PORT" && die "Redis is not listening on 127.0.0.1:$REDIS_PORT"

alloc_port OURS_PORT 18380
alloc_port ON_PORT 18390
alloc_port OFF_PORT 18490
alloc_port DEMO_PORT 4110
W=$BENCH_WORK

gen_config "$W/config.yaml" 10 "http://127.0.0.1:$DEMO_PORT/healthy/v1" \
  "database_url: $DB_URL" "health_check_interval: 300" "health_check_timeout: 5"
printf 'router_settings:\n  redis_host: %s\n  redis_port: %s\n' "$REDIS_HOST" "$REDIS_PORT" >>"$W/config.yaml"

# start_timed NAME URL LOG CMD...: starts CMD, waits for 200 on URL; sets BG_PID and STARTUP_MS (process start to first 200)
start_timed() {
  local name=$1 url=$2 logfile=$3; shift 3
  local t0
  t0=$(date +%s%N)
  start_bg "$logfile" "$@"
  started_or_die "$name" "$url" 180 "$BG_PID" "$logfile"
  STARTUP_MS=$((($(date +%s%N) - t0) / 1000000))
  log "$name answered 200 after $STARTUP_MS ms"
}

declare -A URL PID START
URL[ours]="http://127.0.0.1:$OURS_PORT/health"
URL[cached]="http://127.0.0.1:$ON_PORT/actuator/health"
URL[uncached]="http://127.0.0.1:$OFF_PORT/actuator/health"

# one at a time, so no start competes with another for the two cores
start_timed "the service" "${URL[ours]}" "$W/ours.log" \
  "$JAVA_BIN" $PROD_JAVA_OPTS -jar "$APP_JAR" --config "$W/config.yaml" --port "$OURS_PORT" \
  --host 127.0.0.1 --demo --demo-port "$DEMO_PORT"
PID[ours]=$BG_PID; START[ours]=$STARTUP_MS
for variant in cached uncached; do
  ttl=$CACHE_TTL; port=$ON_PORT
  [ "$variant" = uncached ] && { ttl=0ms; port=$OFF_PORT; }
  # shellcheck disable=SC2086
  start_timed "Actuator ($variant, cache time-to-live $ttl)" "${URL[$variant]}" "$W/actuator-$variant.log" \
    env PORT="$port" HEALTH_CACHE_TTL="$ttl" BENCH_JDBC_URL="$JDBC_URL" BENCH_REDIS_HOST="$REDIS_HOST" BENCH_REDIS_PORT="$REDIS_PORT" \
    "$JAVA_BIN" $ACTUATOR_JAVA_OPTS -jar "$ACT_JAR"
  PID[$variant]=$BG_PID; START[$variant]=$STARTUP_MS
done

# both report the same dependencies as up
curl -sf "${URL[ours]}" | grep -q '"db":"connected","redis":"connected"' || die "the service does not report db and redis connected"
for variant in cached uncached; do
  body=$(curl -sf "${URL[$variant]}")
  case $body in *'"db":{"status":"UP"'*'"redis":{"status":"UP"'*) ;; *) die "Actuator ($variant) does not report db and redis UP: $body" ;; esac
done
echo "# bodies: ours /health $(curl -s "${URL[ours]}" | wc -c) bytes (10 deployments, db, redis); Actuator /actuator/health $(curl -s "${URL[cached]}" | wc -c) bytes (db, redis, diskSpace, ping, ssl, liveness/readiness state)"
echo "# JVM flags: ours $PROD_JAVA_OPTS; Actuator $ACTUATOR_JAVA_OPTS; java $JAVA_MAJOR; Spring Boot $(sed -n 's/.*<version>\(3[^<]*\)<\/version>.*/\1/p' "$BENCH_DIR/peers/actuator/pom.xml" | head -1), cache time-to-live $CACHE_TTL when cached"
echo "# wrk -t$WRK_THREADS -c$WRK_CONNECTIONS; ${WARMUP}s warm-up each, then $ROUNDS interleaved rounds of ${DURATION}s"

targets=(ours cached uncached)
for s in "${targets[@]}"; do
  log "warming up $s for ${WARMUP}s"
  run_wrk "${URL[$s]}" "$WARMUP" "${PID[$s]}" >/dev/null
done

RESULTS=$W/results.txt
: >"$RESULTS"
for ((r = 1; r <= ROUNDS; r++)); do
  for ((k = 0; k < 3; k++)); do
    s=${targets[$(((r - 1 + k) % 3))]}
    log "round $r/$ROUNDS $s"
    line=$(run_wrk "${URL[$s]}" "$DURATION" "${PID[$s]}")
    echo "round=$r server=$s $line" | tee -a "$RESULTS" >&2
  done
done

echo
echo "raw runs:"
sed 's/^/  /' "$RESULTS"
echo
printf '%-9s %-24s %10s %12s %10s %11s %10s %12s %11s\n' server url "req/s med" "range" "p99 ms" "CPU us/req" "RSS MB" "peak RSS MB" "start ms"
for s in "${targets[@]}"; do
  printf '%-9s %-24s %10s %12s %10s %11s %10s %12s %11s\n' "$s" "${URL[$s]#http://127.0.0.1:}" \
    "$(num "$(values "$RESULTS" rps server=$s | median)")" \
    "$(num "$(values "$RESULTS" rps server=$s | minimum)")-$(num "$(values "$RESULTS" rps server=$s | maximum)")" \
    "$(num "$(values "$RESULTS" p99_ms server=$s | median)" 2)" "$(num "$(values "$RESULTS" cpu_us server=$s | median)" 1)" \
    "$(rss_mb "${PID[$s]}")" "$(hwm_mb "${PID[$s]}")" "${START[$s]}"
done

status=0
echo
printf '%-40s %8s %14s %8s %8s\n' ratio median "range" target verdict
for variant in cached uncached; do
  rs=()
  for ((r = 1; r <= ROUNDS; r++)); do
    rs+=("$(ratio "$(values "$RESULTS" rps round=$r server=ours)" "$(values "$RESULTS" rps round=$r server=$variant)" 3)")
  done
  med=$(printf '%s\n' "${rs[@]}" | median)
  target=4; [ "$variant" = uncached ] && target=20
  verdict=$(meets "$med" ">=" "$target"); [ "$verdict" = met ] || status=3
  printf '%-40s %8s %14s %8s %8s\n' "req/s ours / Actuator $variant" "$(num "$med" 1)" \
    "$(num "$(printf '%s\n' "${rs[@]}" | minimum)" 1)-$(num "$(printf '%s\n' "${rs[@]}" | maximum)" 1)" ">=$target" "$verdict"
done
for variant in cached uncached; do
  for metric in p99_ms cpu_us; do
    a=$(values "$RESULTS" $metric server=$variant | median); b=$(values "$RESULTS" $metric server=ours | median)
    verdict=$(meets "$a" ">=" "$b"); [ "$metric" = cpu_us ] && verdict="(info)"
    [ "$verdict" = MISSED ] && status=3
    printf '%-40s %8s %14s %8s %8s\n' "$metric Actuator $variant / ours" "$(ratio "$a" "$b" 1)" "" ">1" "$verdict"
  done
  a=$(rss_mb "${PID[$variant]}"); b=$(rss_mb "${PID[ours]}")
  verdict=$(meets "$a" ">=" "$b"); [ "$verdict" = met ] || status=3
  printf '%-40s %8s %14s %8s %8s\n' "RSS Actuator $variant / ours" "$(ratio "$a" "$b" 2)" "" ">1" "$verdict"
  a=${START[$variant]}; b=${START[ours]}
  verdict=$(meets "$a" ">=" "$b"); [ "$verdict" = met ] || status=3
  printf '%-40s %8s %14s %8s %8s\n' "startup Actuator $variant / ours" "$(ratio "$a" "$b" 2)" "" ">1" "$verdict"
done
echo
echo "noise: other processes used $(num "$(values "$RESULTS" other_cores | median)" 2) cores (median over runs; max $(num "$(values "$RESULTS" other_cores | maximum)" 2)) of $(nproc); load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "note: startup is one cold start each, taken one after another before the warm-up; bench/startup.sh takes the median of 5 for the service"
[ "${STRICT:-0}" = 1 ] && exit "$status"
exit 0
