#!/usr/bin/env bash
# Builds the self-contained distribution (./mvnw -Pdist -DskipTests package -pl health-app -am):
# a jlink runtime holding only the modules jdeps finds in the jar, the jar, and the launcher, as
# health-app/target/dist/llm-health-VERSION-linux-ARCH.tar.gz. Runs on a machine with no Java.
# Usage: build-dist.sh JAR OUTDIR VERSION
set -euo pipefail
jar="$1"; out="$2"; version="$3"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'; }
find_jdk() {
  local candidate
  for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [ -x "$candidate" ] && [ -x "$(dirname "$candidate")/jlink" ] || continue
    if [ "$(java_major "$candidate")" -ge 21 ] 2>/dev/null; then dirname "$candidate"; return 0; fi
  done
  return 1
}
jdk_bin="$(find_jdk)" || { echo "dist: no JDK >= 21 with jlink found (JAVA_HOME, PATH, /usr/lib/jvm)" >&2; exit 1; }

modules="$("$jdk_bin/jdeps" --multi-release 21 --ignore-missing-deps --print-module-deps "$jar")"
# service providers jdeps cannot see: Helidon scans the class path through the zip file system;
# TLS to providers needs the EC ciphers, a module of their own up to JDK 21
modules="$modules,jdk.zipfs"
if "$jdk_bin/java" --list-modules | grep -q '^jdk.crypto.ec@'; then modules="$modules,jdk.crypto.ec"; fi
echo "dist: modules $modules" >&2

name="llm-health-$version-linux-$(uname -m)"
stage="$out/$name"
rm -rf "$stage" && mkdir -p "$stage/bin" "$stage/lib"
"$jdk_bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --compress zip-6 --output "$stage/runtime"
cp "$jar" "$stage/lib/health-app.jar"
cp "$here/../docker/health-app" "$stage/bin/health-app"
chmod +x "$stage/bin/health-app"
cp "$here/../../config/demo.yaml" "$stage/demo.yaml"
"$stage/bin/health-app" --version >/dev/null   # the runtime starts the app
# JDK 25+: the AOT cache, trained once here with the bundled runtime and the launcher's options (JDK 21-24: none;
# the launcher starts without it)
runtime_major=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$stage/runtime/release")
if [ "${runtime_major:-0}" -ge 25 ]; then
  # shellcheck disable=SC2046 # the launcher's default options, split
  if "$here/../../bin/aot-train.sh" "$stage/runtime/bin/java" "$stage/lib/health-app.jar" "$stage/lib/health-app.aot" \
      "$stage/demo.yaml" $(sed -n 's/^default_opts="\(.*\)"$/\1/p' "$stage/bin/health-app"); then
    echo "dist: AOT cache $(du -h "$stage/lib/health-app.aot" | cut -f1)" >&2
  else
    echo "dist: no AOT cache (the training run failed); the launcher starts without one" >&2
  fi
else
  echo "dist: runtime $runtime_major has no AOT cache (JDK 25+); the launcher starts without one" >&2
fi
tar -C "$out" -czf "$out/$name.tar.gz" "$name"
echo "dist: $out/$name.tar.gz $(du -h "$out/$name.tar.gz" | cut -f1) (unpacked $(du -sh "$stage" | cut -f1))"
