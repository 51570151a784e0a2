#!/usr/bin/env bash
# Hot path vs the physical limit (issue 8, benchmark 1): wrk on /health/liveliness and /health (10 deployments,
# served from the snapshot) against the service, nginx (1 worker) serving the same bytes from files, and a bare
# Helidon handler serving the same bytes; interleaved rounds, one run. Prints req/s, p99, server CPU per
# request, and the ratios ours/nginx (target >= 0.8) and ours/bare (target >= 0.9).
# Usage: bench/hot-path.sh   (env: ROUNDS=3 DURATION=10 WARMUP=5 WRK_THREADS=2 WRK_CONNECTIONS=64;
#        STRICT=1 exits 3 when a target is missed)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10}
WARMUP=${WARMUP:-5}
DEPLOYMENTS=${DEPLOYMENTS:-10}

bench_init hot-path
need_cmd wrk wrk
need_cmd nginx nginx-light
need_cmd curl curl
need_cmd jq jq
bench_java
ensure_main_installed
BARE_JAR="$BENCH_DIR/peers/bare-helidon/target/bare-helidon.jar"
ensure_bench_project "$BENCH_DIR/peers/bare-helidon" "$BARE_JAR" -Dhelidon.version="$(helidon_version)"

alloc_port OURS_PORT 18080
alloc_port NGINX_PORT 18180
alloc_port BARE_PORT 18280
alloc_port DEMO_PORT 4010
W=$BENCH_WORK

# --- the service: 10 deployments against its in-process fake provider
gen_config "$W/config.yaml" "$DEPLOYMENTS" "http://127.0.0.1:$DEMO_PORT/healthy/v1" \
  "health_check_interval: 300" "health_check_timeout: 5"
start_ours "$W/ours.log" "$OURS_PORT" "$W/config.yaml" --demo --demo-port "$DEMO_PORT"
OURS_PID=$BG_PID
started_or_die "the service" "http://127.0.0.1:$OURS_PORT/health/readiness" 90 "$OURS_PID" "$W/ours.log"
mkdir -p "$W/www"
curl -sf "http://127.0.0.1:$OURS_PORT/health/liveliness" -o "$W/www/liveliness"
curl -sf "http://127.0.0.1:$OURS_PORT/health" -o "$W/www/health"
healthy=$(jq '.healthy_endpoints | length' "$W/www/health")
[ "$healthy" = "$DEPLOYMENTS" ] || die "/health lists $healthy healthy deployments, expected $DEPLOYMENTS"
content_type=$(curl -s -o /dev/null -w '%{content_type}' "http://127.0.0.1:$OURS_PORT/health")
[ "$content_type" = application/json ] || die "unexpected content type '$content_type'"

# --- nginx: one worker, its own config, temp dirs and port; the same bytes and headers
mkdir -p "$W/nginx/tmp"
chmod 755 "$W"   # nginx workers run as another user and read the files under it
cat >"$W/nginx/nginx.conf" <<EOF
worker_processes 1;
daemon off;
master_process on;
pid $W/nginx/nginx.pid;
error_log $W/nginx/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  server_tokens off;
  etag off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000000;
  keepalive_timeout 75s;
  open_file_cache max=16 inactive=1h;
  open_file_cache_valid 1h;
  client_body_temp_path $W/nginx/tmp/body;
  proxy_temp_path $W/nginx/tmp/proxy;
  fastcgi_temp_path $W/nginx/tmp/fastcgi;
  uwsgi_temp_path $W/nginx/tmp/uwsgi;
  scgi_temp_path $W/nginx/tmp/scgi;
  default_type application/json;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    add_header x-llm-health-version 0.1.0;
    location = /health/liveliness { alias $W/www/liveliness; }
    location = /health { alias $W/www/health; }
  }
}
EOF
start_bg "$W/nginx/out.log" nginx -p "$W/nginx" -c "$W/nginx/nginx.conf"
NGINX_PID=$BG_PID
started_or_die nginx "http://127.0.0.1:$NGINX_PORT/health" 20 "$NGINX_PID" "$W/nginx/out.log"

# --- bare Helidon: the same bytes, same JVM flags
# shellcheck disable=SC2086
start_bg "$W/bare.log" "$JAVA_BIN" $PROD_JAVA_OPTS -jar "$BARE_JAR" "$BARE_PORT" \
  "/health/liveliness=$W/www/liveliness" "/health=$W/www/health"
BARE_PID=$BG_PID
started_or_die "bare Helidon" "http://127.0.0.1:$BARE_PORT/health" 60 "$BARE_PID" "$W/bare.log"

declare -A URL
for s in ours nginx bare; do
  case $s in
    ours) port=$OURS_PORT ;;
    nginx) port=$NGINX_PORT ;;
    bare) port=$BARE_PORT ;;
  esac
  URL[$s]="http://127.0.0.1:$port"
done
pids_of() { case $1 in ours) echo "$OURS_PID" ;; bare) echo "$BARE_PID" ;; nginx) nginx_pids "$NGINX_PID" ;; esac; }

# same status and body everywhere (ours may have published a newer snapshot: compare sizes for /health)
for ep in liveliness health; do
  path=/health; [ "$ep" = liveliness ] && path=/health/liveliness
  for s in nginx bare; do
    curl -sf "${URL[$s]}$path" -o "$W/check" || die "$s does not answer $path"
    size_ours=$(curl -sf "${URL[ours]}$path" | wc -c)
    [ "$(wc -c <"$W/check")" = "$size_ours" ] || die "$s serves $(wc -c <"$W/check") bytes on $path, ours $size_ours"
  done
done
echo "# bodies: /health/liveliness $(wc -c <"$W/www/liveliness") bytes, /health $(wc -c <"$W/www/health") bytes ($DEPLOYMENTS deployments); content-type application/json"
echo "# JVM flags (service and bare Helidon, from bin/health-app): $PROD_JAVA_OPTS; java $JAVA_MAJOR ($JAVA_BIN)"
echo "# wrk -t$WRK_THREADS -c$WRK_CONNECTIONS, $ROUNDS interleaved rounds of ${DURATION}s per server and path, after ${WARMUP}s warm-up each"

log "warming up"
for ep in liveliness health; do
  path=/health; [ "$ep" = liveliness ] && path=/health/liveliness
  for s in ours nginx bare; do
    # shellcheck disable=SC2046
    run_wrk "${URL[$s]}$path" "$WARMUP" $(pids_of $s) >/dev/null
  done
done

RESULTS=$W/results.txt
: >"$RESULTS"
servers=(ours nginx bare)
for ((r = 1; r <= ROUNDS; r++)); do
  for ep in liveliness health; do
    path=/health; [ "$ep" = liveliness ] && path=/health/liveliness
    for ((k = 0; k < 3; k++)); do
      s=${servers[$(((r - 1 + k) % 3))]}
      log "round $r/$ROUNDS $path $s"
      # shellcheck disable=SC2046
      line=$(run_wrk "${URL[$s]}$path" "$DURATION" $(pids_of $s))
      echo "round=$r endpoint=$ep server=$s $line" | tee -a "$RESULTS" >&2
    done
  done
done

echo
echo "raw runs (one line per wrk run):"
sed 's/^/  /' "$RESULTS"
echo
printf '%-20s %-6s %12s %10s %10s %14s %12s\n' path server "req/s(med)" "min" "max" "p99 ms(med)" "CPU us/req"
for ep in liveliness health; do
  path=/health; [ "$ep" = liveliness ] && path=/health/liveliness
  for s in ours nginx bare; do
    printf '%-20s %-6s %12s %10s %10s %14s %12s\n' "$path" "$s" \
      "$(num "$(values "$RESULTS" rps endpoint=$ep server=$s | median)")" \
      "$(num "$(values "$RESULTS" rps endpoint=$ep server=$s | minimum)")" \
      "$(num "$(values "$RESULTS" rps endpoint=$ep server=$s | maximum)")" \
      "$(num "$(values "$RESULTS" p99_ms endpoint=$ep server=$s | median)" 2)" \
      "$(num "$(values "$RESULTS" cpu_us endpoint=$ep server=$s | median)" 1)"
  done
done

# per-round ratios (each round's three runs were side by side), then their median and range
echo
printf '%-20s %-20s %8s %12s %8s %8s\n' path ratio median "range" target verdict
status=0
for ep in liveliness health; do
  path=/health; [ "$ep" = liveliness ] && path=/health/liveliness
  for pair in ours/nginx ours/bare bare/nginx; do
    a=${pair%/*}; b=${pair#*/}
    rs=()
    for ((r = 1; r <= ROUNDS; r++)); do
      rs+=("$(ratio "$(values "$RESULTS" rps round=$r endpoint=$ep server=$a)" "$(values "$RESULTS" rps round=$r endpoint=$ep server=$b)" 3)")
    done
    med=$(printf '%s\n' "${rs[@]}" | median)
    lo=$(printf '%s\n' "${rs[@]}" | minimum); hi=$(printf '%s\n' "${rs[@]}" | maximum)
    case $pair in
      ours/nginx) target=0.8 ;;
      ours/bare) target=0.9 ;;
      *) target="" ;;
    esac
    verdict="(ref)"
    if [ -n "$target" ]; then
      verdict=$(meets "$med" ">=" "$target")
      [ "$verdict" = met ] || status=3
    fi
    printf '%-20s %-20s %8s %12s %8s %8s\n' "$path" "req/s $pair" "$(num "$med" 2)" "$(num "$lo" 2)-$(num "$hi" 2)" "${target:+>=$target}" "$verdict"
  done
  printf '%-20s %-20s %8s\n' "$path" "CPU/req ours/nginx" \
    "$(ratio "$(values "$RESULTS" cpu_us endpoint=$ep server=ours | median)" "$(values "$RESULTS" cpu_us endpoint=$ep server=nginx | median)")"
  printf '%-20s %-20s %8s\n' "$path" "CPU/req ours/bare" \
    "$(ratio "$(values "$RESULTS" cpu_us endpoint=$ep server=ours | median)" "$(values "$RESULTS" cpu_us endpoint=$ep server=bare | median)")"
done
echo
echo "RSS after the runs: ours $(rss_mb "$OURS_PID") MB (peak $(hwm_mb "$OURS_PID")), bare Helidon $(rss_mb "$BARE_PID") MB (peak $(hwm_mb "$BARE_PID")), nginx worker $(rss_mb "$(pgrep -P "$NGINX_PID" | head -1)") MB"
echo "noise: other processes used $(num "$(values "$RESULTS" other_cores | median)" 2) cores (median over runs; max $(num "$(values "$RESULTS" other_cores | maximum)" 2)) of $(nproc); load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
# a missed target is a result, not a failed measurement: exit 3 only when asked (STRICT=1)
[ "${STRICT:-0}" = 1 ] && exit "$status"
exit 0
