#!/usr/bin/env bash
# Trains a JDK 25+ AOT cache (JEP 483/514/515: classes loaded and linked, method profiles) for the service:
# one start of the jar on the demo config (its own fake provider, on free ports; the database and Redis of
# the demo config when they are there, their "disconnected" paths when not), a few requests on every
# endpoint, then a stop; the JVM writes the cache as it exits (-XX:AOTCacheOutput). Run by bin/health-app
# after a build, by deploy/dist/build-dist.sh (the tarball and the Docker image) at build time.
# Needs only bash (requests go through /dev/tcp), so it runs in a build container without curl.
# Usage: aot-train.sh JAVA_BIN JAR CACHE_FILE DEMO_CONFIG [JVM OPTION...]
# Exits 0 with the cache written, 1 when it could not be (the caller then starts without one).
set -uo pipefail
java_bin=$1 jar=$2 cache=$3 demo_config=$4; shift 4
work=$(mktemp -d "${TMPDIR:-/tmp}/health-app-aot.XXXXXX")
pid=""
cleanup() { [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { local p; for p in $(seq "$1" $(($1 + 200))); do port_free "$p" && { echo "$p"; return 0; }; done; return 1; }
# request METHOD PATH: one HTTP/1.1 request with Connection: close; prints the status line
request() {
  local reply
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf '%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$1" "$2" >&3
  reply=$(timeout 10 cat <&3)
  exec 3<&- 3>&-
  printf '%s\n' "${reply%%$'\r'*}"
}

port=$(free_port 18700) && demo_port=$(free_port 18900) || { echo "aot-train: no free port" >&2; exit 1; }
# the demo config with its provider on the free port
sed "s|127.0.0.1:4010|127.0.0.1:$demo_port|g" "$demo_config" >"$work/config.yaml"
"$java_bin" "$@" -XX:AOTCacheOutput="$work/cache.aot" -jar "$jar" --config "$work/config.yaml" \
  --host 127.0.0.1 --port "$port" --demo --demo-port "$demo_port" >"$work/train.log" 2>&1 &
pid=$!
up=0
for _ in $(seq 1 600); do
  kill -0 "$pid" 2>/dev/null || break
  case "$(request GET /health/readiness 2>/dev/null)" in
    *" 200"*) up=1; break ;;
    *" 503"*) up=2 ;;   # answering, not ready (no database here): keep waiting a little for the first round
  esac
  sleep 0.05
done
if [ "$up" = 0 ]; then
  echo "aot-train: the training run did not answer; no AOT cache" >&2
  tail -5 "$work/train.log" >&2
  exit 1
fi
# every endpoint, as probes, monitoring and operators call them
for _ in 1 2 3; do
  for path in /health/liveliness /health/liveness /health/readiness /health /health/models /health/services \
      /health/history /metrics "/health/models?model=gpt-4" /nowhere; do
    request GET "$path" >/dev/null
  done
  request HEAD /health >/dev/null
  request OPTIONS /health >/dev/null
done
kill -TERM "$pid"
wait "$pid" 2>/dev/null
pid=""
if [ ! -s "$work/cache.aot" ]; then
  echo "aot-train: the JVM wrote no AOT cache" >&2
  tail -5 "$work/train.log" >&2
  exit 1
fi
mv -f "$work/cache.aot" "$cache"
