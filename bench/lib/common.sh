# shellcheck shell=bash
# Shared helpers for bench/*.sh (source it): JDK discovery, guarded installs, builds, child-process
# cleanup, waiting for HTTP, wrk runs parsed into key=value lines, /proc readings, small statistics.
# Every loop here is bounded in count or time; every server binds and every request goes to 127.0.0.1.

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
# shellcheck source=../../bin/find-java.sh
. "$BENCH_DIR/../bin/find-java.sh"

WRK_THREADS=${WRK_THREADS:-2}
WRK_CONNECTIONS=${WRK_CONNECTIONS:-64}
CLK_TCK=$(getconf CLK_TCK)
BENCH_PIDS=()
BENCH_PORTS=()
BENCH_WORK=""

log() { printf '%s %s\n' "$(date +%T)" "$*" >&2; }
die() { printf 'FAILED: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- setup and cleanup

# bench_init NAME: a private work dir, a copy of stdout under bench/results/, cleanup of children on any exit
bench_init() {
  BENCH_NAME=$1
  BENCH_WORK=$(mktemp -d "/tmp/bench-$1.XXXXXX")
  trap bench_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  mkdir -p "$BENCH_DIR/results"
  BENCH_RESULT="$BENCH_DIR/results/$1-$(date +%Y%m%d-%H%M%S).txt"
  exec > >(tee "$BENCH_RESULT")
  echo "# bench/$1.sh on $(hostname) at $(date -u +%FT%TZ): $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
  echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
}

bench_cleanup() {
  local rc=$?
  set +e
  trap - EXIT
  local pid
  for pid in "${BENCH_PIDS[@]}"; do stop_pid "$pid"; done
  if [ -n "$BENCH_WORK" ] && [ -z "${BENCH_KEEP:-}" ]; then rm -rf "$BENCH_WORK"; fi
  [ "$rc" = 0 ] || echo "# $BENCH_NAME failed (exit $rc); partial output kept in $BENCH_RESULT" >&2
  exit "$rc"
}

# alive PID: the process exists and is not a zombie
alive() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  [ "${stat:0:1}" != Z ]
}

# stop_pid PID: SIGTERM (JVMs run their shutdown hooks), then SIGKILL after 15 s; reaps it
stop_pid() {
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < 150; i++)); do alive "$pid" || break; sleep 0.1; done
  if alive "$pid"; then kill -KILL "$pid" 2>/dev/null || true; fi
  wait "$pid" 2>/dev/null || true
  local kept=() p
  for p in "${BENCH_PIDS[@]}"; do [ "$p" = "$pid" ] || kept+=("$p"); done
  BENCH_PIDS=("${kept[@]}")
}

# start_bg LOGFILE CMD...: CMD in the background (its own PID: scripts exec their server), stopped on exit; sets BG_PID
start_bg() {
  local logfile=$1; shift
  "$@" >"$logfile" 2>&1 &
  BG_PID=$!
  BENCH_PIDS+=("$BG_PID")
}

# need_cmd COMMAND DEBIAN_PACKAGE: installs the package with apt-get when the command is missing
_apt_updated=0
need_cmd() {
  command -v "$1" >/dev/null 2>&1 && return 0
  command -v apt-get >/dev/null 2>&1 || die "$1 is missing and there is no apt-get: install $2"
  [ "$(id -u)" = 0 ] || die "$1 is missing: run 'apt-get install $2' as root"
  if [ "$_apt_updated" = 0 ]; then
    log "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || die "apt-get update failed"
    _apt_updated=1
  fi
  log "installing $2 (for $1)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >&2 || die "apt-get install $2 failed"
  command -v "$1" >/dev/null 2>&1 || die "$1 is still missing after installing $2"
}

# ---------------------------------------------------------------- Java and builds

# bench_java: JAVA_BIN, BENCH_JAVA_HOME and JAVA_MAJOR of a JDK >= 21 (found as bin/health-app finds it)
bench_java() {
  JAVA_BIN=$(find_java 21) || die "no JDK >= 21 found (looked at JAVA_HOME, PATH and /usr/lib/jvm)"
  BENCH_JAVA_HOME=$(java_home_of "$JAVA_BIN")
  JAVA_MAJOR=$(java_major "$JAVA_BIN")
  # the JVM flags the launcher runs the service with; the peers get the same, for a like-for-like RSS and CPU
  PROD_JAVA_OPTS=${HEALTH_APP_JAVA_OPTS:-$(sed -n 's/.*HEALTH_APP_JAVA_OPTS:-\([^}]*\)}.*/\1/p' "$ROOT/bin/health-app")}
  [ -n "$PROD_JAVA_OPTS" ] || die "cannot read the default JVM flags from bin/health-app"
}

# mvnw ARGS...: the project's Maven wrapper with the JDK found above, quiet, output on stderr
mvnw() {
  local opts=${MAVEN_OPTS:-}
  # Maven's Guice warns about sun.misc.Unsafe on JDK >= 24; the warning is noise here
  if [ -z "$opts" ] && [ "$JAVA_MAJOR" -ge 24 ]; then opts="--sun-misc-unsafe-memory-access=allow"; fi
  (cd "$ROOT" && JAVA_HOME="$BENCH_JAVA_HOME" MAVEN_OPTS="$opts" ./mvnw -B -q "$@") >&2
}

project_version() { sed -n '0,/<version>/s/.*<version>\(.*\)<\/version>.*/\1/p' "$ROOT/pom.xml"; }
helidon_version() { sed -n 's/.*<helidon.version>\(.*\)<\/helidon.version>.*/\1/p' "$ROOT/pom.xml"; }

# newer_sources DIR... -- FILE: true when FILE is missing or any pom.xml or src/main file under the DIRs is newer
newer_sources() {
  local dirs=() file
  while [ "$1" != "--" ]; do dirs+=("$1"); shift; done
  file=$2
  [ -f "$file" ] || return 0
  [ -n "$(find "${dirs[@]}" \( -path '*/src/main/*' -o -name pom.xml \) -newer "$file" -print -quit 2>/dev/null)" ]
}

# ensure_main_installed: the service's jar and the installed artifacts (for bench/jmh, bench/probe-round) match the
# sources, then a private copy of the jar (APP_JAR) so a build running meanwhile cannot pull it from under a server.
# BENCH_BUILD=0 measures what is built already.
ensure_main_installed() {
  local version m stale=0
  version=$(project_version)
  for m in health-domain health-adapters-probes health-adapters-http health-adapters-alerts health-embedded health-app; do
    if newer_sources "$ROOT/$m" "$ROOT/pom.xml" -- "$HOME/.m2/repository/dev/llmhealth/$m/$version/$m-$version.jar"; then stale=1; fi
  done
  if newer_sources "$ROOT/health-domain" "$ROOT/health-adapters-probes" "$ROOT/health-adapters-http" "$ROOT/health-adapters-alerts" "$ROOT/health-embedded" "$ROOT/health-app" "$ROOT/pom.xml" \
      -- "$ROOT/health-app/target/health-app.jar"; then stale=1; fi
  if [ "$stale" = 1 ] && [ "${BENCH_BUILD:-1}" != 0 ]; then
    log "building and installing the service (./mvnw -B -q install -DskipTests)"
    mvnw install -DskipTests || die "the service does not build (BENCH_BUILD=0 measures the last build as it is)"
  elif [ "$stale" = 1 ]; then
    log "BENCH_BUILD=0: measuring the existing build, older than some sources"
  fi
  [ -f "$ROOT/health-app/target/health-app.jar" ] || die "no health-app/target/health-app.jar"
  cp "$ROOT/health-app/target/health-app.jar" "$BENCH_WORK/health-app.jar"
  APP_JAR="$BENCH_WORK/health-app.jar"
  echo "# service: health-app.jar of $(date -u -r "$ROOT/health-app/target/health-app.jar" +%FT%TZ), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$( [ -n "$(git -C "$ROOT" status --porcelain -- health-domain health-adapters-probes health-adapters-http health-adapters-alerts health-embedded health-app pom.xml 2>/dev/null | head -1)" ] && echo ' with uncommitted changes')"
}

# ensure_main_built: the service's jar matches the sources (./mvnw package, nothing installed into ~/.m2), then a
# private copy of it (APP_JAR), for the scripts that need only the jar. BENCH_BUILD=0 measures what is built already.
ensure_main_built() {
  if newer_sources "$ROOT/health-domain" "$ROOT/health-adapters-probes" "$ROOT/health-adapters-http" "$ROOT/health-app" "$ROOT/pom.xml" \
      -- "$ROOT/health-app/target/health-app.jar"; then
    if [ "${BENCH_BUILD:-1}" != 0 ]; then
      log "building the service (./mvnw -B -q package -DskipTests -pl health-app -am)"
      mvnw package -DskipTests -pl health-app -am || die "the service does not build (BENCH_BUILD=0 measures the last build as it is)"
    else
      log "BENCH_BUILD=0: measuring the existing build, older than some sources"
    fi
  fi
  [ -f "$ROOT/health-app/target/health-app.jar" ] || die "no health-app/target/health-app.jar"
  cp "$ROOT/health-app/target/health-app.jar" "$BENCH_WORK/health-app.jar"
  APP_JAR="$BENCH_WORK/health-app.jar"
  echo "# service: health-app.jar of $(date -u -r "$ROOT/health-app/target/health-app.jar" +%FT%TZ), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
}

# ensure_bench_project DIR JAR [MAVEN ARGS...]: builds a bench/ Maven project when its jar is missing or stale
ensure_bench_project() {
  local dir=$1 jar=$2; shift 2
  if newer_sources "$dir" -- "$jar"; then
    log "building ${dir#"$ROOT"/}"
    mvnw -f "$dir/pom.xml" package "$@" || die "${dir#"$ROOT"/} does not build"
  fi
  [ -f "$jar" ] || die "no $jar after the build"
  echo "# ${dir#"$ROOT"/}: built $(date -u -r "$jar" +%FT%TZ)"
}

# ---------------------------------------------------------------- ports and HTTP

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# alloc_port VAR BASE: the first port from BASE that is free and not yet handed out by this script
alloc_port() {
  local p=$2 i taken q
  for ((i = 0; i < 200; i++, p++)); do
    taken=0
    for q in "${BENCH_PORTS[@]}"; do [ "$q" = "$p" ] && taken=1; done
    if [ "$taken" = 0 ] && port_free "$p"; then BENCH_PORTS+=("$p"); printf -v "$1" '%s' "$p"; return 0; fi
  done
  die "no free port in $2..$((p - 1))"
}

# http_code URL [MAX_SECONDS]: the status code, 000 when nothing answered
http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time "${2:-2}" "$1" 2>/dev/null || true; }

# wait_http URL TIMEOUT_S [CODE] [PID]: polls every 10 ms until URL answers CODE (200); fails on timeout or when PID dies
wait_http() {
  local url=$1 timeout=$2 want=${3:-200} pid=${4:-} deadline
  deadline=$(($(date +%s%N) + timeout * 1000000000))
  while [ "$(date +%s%N)" -lt "$deadline" ]; do
    [ "$(http_code "$url" 1)" = "$want" ] && return 0
    if [ -n "$pid" ] && ! alive "$pid"; then return 1; fi
    sleep 0.01
  done
  return 1
}

# ---------------------------------------------------------------- /proc readings

# cpu_ticks PID...: utime+stime of these processes (all their threads), in clock ticks
cpu_ticks() {
  local total=0 pid stat f
  for pid in "$@"; do
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
    read -r -a f <<<"${stat##*) }"
    total=$((total + f[11] + f[12]))
  done
  echo "$total"
}

# cpu_ticks_with_children PID: utime+stime of the process and of its children it has waited for (e.g. the JVMs a
# launcher script started to check versions before exec-ing the service), in clock ticks
cpu_ticks_with_children() {
  local stat f
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || { echo 0; return; }
  read -r -a f <<<"${stat##*) }"
  echo $((f[11] + f[12] + f[13] + f[14]))
}

# machine_busy_ticks: CPU ticks spent by all processes on the machine (user, nice, system, steal; not irq/softirq,
# which per-process times do not include either)
machine_busy_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $9; exit}' /proc/stat; }

rss_mb() { awk '/^VmRSS/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }
hwm_mb() { awk '/^VmHWM/ {printf "%.1f", $2 / 1024}' "/proc/$1/status"; }
threads_of() { awk '/^Threads/ {print $2}' "/proc/$1/status"; }

# nginx_pids MASTER: the master and its workers
# shellcheck disable=SC2046 # one PID per word on purpose
nginx_pids() { echo "$1" $(pgrep -P "$1" || true); }

# ---------------------------------------------------------------- wrk

# run_wrk URL SECONDS SERVER_PID...: one wrk run, -t$WRK_THREADS -c$WRK_CONNECTIONS. Prints one line of key=value:
# rps, bytes_per_s, p50_ms, p99_ms, requests, non2xx, errors (socket), cpu_us (server CPU per request),
# wrk_cpu_s, other_cores (CPU used by everything else on the machine during the run, in cores: the noise).
# Fails when wrk fails, nothing was answered, or any answer was not 2xx/3xx.
run_wrk() {
  local url=$1 secs=$2; shift 2
  local c0 m0 t0 c1 m1 t1 out line
  need_cmd wrk wrk
  c0=$(cpu_ticks "$@"); m0=$(machine_busy_ticks); t0=$(date +%s%N)
  if ! out=$({ wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"${secs}s" --timeout 10s --latency "$url"; times; } 2>&1); then
    printf '%s\n' "$out" >&2
    die "wrk failed against $url"
  fi
  c1=$(cpu_ticks "$@"); m1=$(machine_busy_ticks); t1=$(date +%s%N)
  line=$(printf '%s\n' "$out" | awk -v sticks=$((c1 - c0)) -v mticks=$((m1 - m0)) -v wall_ns=$((t1 - t0)) -v hz="$CLK_TCK" '
    function ms(s) { if (s ~ /us$/) return s * 0.001; if (s ~ /ms$/) return s + 0; if (s ~ /m$/) return s * 60000; return s * 1000 }
    function bytes(s) { if (s ~ /GB$/) return s * 1073741824; if (s ~ /MB$/) return s * 1048576; if (s ~ /KB$/) return s * 1024; return s + 0 }
    function secs(t,  p) { split(t, p, "m"); return p[1] * 60 + p[2] }
    /^Requests\/sec:/ { rps = $2 }
    /^Transfer\/sec:/ { bps = bytes($2) }
    /^ +50% / { p50 = ms($2) }
    /^ +99% / { p99 = ms($2) }
    / requests in / { requests = $1 }
    /Non-2xx or 3xx responses:/ { non2xx = $NF }
    /Socket errors:/ { gsub(",", ""); errors = $4 + $6 + $8 + $10 }
    /^[0-9]+m[0-9.]+s [0-9]+m[0-9.]+s$/ { times++; if (times == 2) wrk_cpu = secs($1) + secs($2) }
    END {
      if (requests == 0) exit 1
      server_s = sticks / hz
      other = (mticks / hz - server_s - wrk_cpu) / (wall_ns / 1e9)
      printf "rps=%.1f bytes_per_s=%.0f p50_ms=%.3f p99_ms=%.3f requests=%d non2xx=%d errors=%d cpu_us=%.2f wrk_cpu_s=%.2f other_cores=%.2f\n",
        rps, bps, p50, p99, requests, non2xx, errors, server_s * 1e6 / requests, wrk_cpu, (other < 0 ? 0 : other)
    }') || { printf '%s\n' "$out" >&2; die "no requests answered by $url"; }
  case "$line" in
    *" non2xx=0 "*) ;;
    *) printf '%s\n' "$out" >&2; die "non-2xx answers from $url: $line" ;;
  esac
  echo "$line"
}

# ---------------------------------------------------------------- statistics over key=value lines

# values FILE KEY [NAME=VALUE...]: KEY's value on every line of FILE that carries all the NAME=VALUE pairs
values() {
  local file=$1 key=$2; shift 2
  awk -v key="$key" -v filters="$*" '
    BEGIN { n = split(filters, f, " ") }
    { split("", kv); for (i = 1; i <= NF; i++) { eq = index($i, "="); if (eq) kv[substr($i, 1, eq - 1)] = substr($i, eq + 1) }
      ok = 1; for (j = 1; j <= n; j++) { eq = index(f[j], "="); if (kv[substr(f[j], 1, eq - 1)] != substr(f[j], eq + 1)) ok = 0 }
      if (ok && (key in kv)) print kv[key] }' "$file"
}

# median / minimum / maximum of the numbers on stdin
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
minimum() { sort -g | head -1; }
maximum() { sort -g | tail -1; }

# ratio A B [DECIMALS]: A / B
ratio() { awk -v a="$1" -v b="$2" -v d="${3:-2}" 'BEGIN { if (b == 0) print "nan"; else printf "%." d "f\n", a / b }'; }
# num X [DECIMALS]: X rounded
num() { awk -v x="$1" -v d="${2:-0}" 'BEGIN { printf "%." d "f\n", x }'; }
# meets VALUE OP TARGET: "met" or "MISSED" (OP is >= or <=)
meets() { awk -v v="$1" -v op="$2" -v t="$3" 'BEGIN { ok = (op == ">=") ? (v >= t) : (v <= t); print (ok ? "met" : "MISSED") }'; }

# ---------------------------------------------------------------- the service

# gen_config FILE COUNT API_BASE [GENERAL_SETTINGS_LINE...]: a LiteLLM config with COUNT deployments at API_BASE
gen_config() {
  local file=$1 count=$2 base=$3; shift 3
  {
    echo "model_list:"
    awk -v n="$count" -v base="$base" 'BEGIN { for (i = 1; i <= n; i++)
      printf "  - model_name: bench-model-%d\n    litellm_params:\n      model: openai/bench-model-%d\n      api_base: %s\n      api_key: sk-bench-not-a-real-key\n", i, i, base }'
    echo "general_settings:"
    local line
    for line in "$@"; do echo "  $line"; done
  } >"$file"
}

APP_JAR="$ROOT/health-app/target/health-app.jar" # replaced by a private copy in ensure_main_installed

# start_ours LOG PORT CONFIG [ARGS...]: the service's jar with the launcher's JVM flags, on 127.0.0.1; sets BG_PID.
# (Not through bin/health-app: it rebuilds when any src/main under the repo, bench/ included, is newer than the
# jar; bench/startup.sh times the launcher itself.)
start_ours() {
  local logfile=$1 port=$2 config=$3; shift 3
  # shellcheck disable=SC2086
  start_bg "$logfile" "$JAVA_BIN" $PROD_JAVA_OPTS -jar "$APP_JAR" --config "$config" --port "$port" --host 127.0.0.1 "$@"
}

# started_or_die NAME URL TIMEOUT_S PID LOG [CODE]
started_or_die() {
  wait_http "$2" "$3" "${6:-200}" "$4" || { tail -30 "$5" >&2; die "$1 did not answer ${6:-200} on $2 within $3 s"; }
}
