# shellcheck shell=bash
# Finds a JDK >= 21 the way bin/health-app does: JAVA_HOME, then `java` on PATH, then /usr/lib/jvm/*
# (the machine's default java may be older, e.g. 17). Source it; it only defines functions.
# bin/health-app and the bench scripts (bench/lib/common.sh) source it.

# java_major JAVA_BIN: the feature version (17, 21, 25...) of that java, or nothing. Reads the JDK's
# `release` file when there is one (no JVM start: a start costs 0.1-2 s on a busy 2-core machine, and a
# launcher may try several candidates); asks the JVM itself otherwise.
java_major() {
  local home version
  home=$(dirname "$(dirname "$(readlink -f "$1")")")
  if [ -r "$home/release" ]; then
    version=$(sed -n 's/^JAVA_VERSION="\([0-9._]*\).*/\1/p' "$home/release")
    case $version in
      1.*) version=${version#1.}; echo "${version%%.*}"; return ;;
      [0-9]*) echo "${version%%.*}"; return ;;
    esac
  fi
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}

# find_java [MIN]: prints the first java whose version is >= MIN (default 21); fails when there is none
find_java() {
  local min=${1:-21} candidate
  for candidate in ${JAVA_HOME:+"$JAVA_HOME/bin/java"} "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [ -x "$candidate" ] || continue
    if [ "$(java_major "$candidate")" -ge "$min" ] 2>/dev/null; then echo "$candidate"; return 0; fi
  done
  return 1
}

# java_home_of JAVA_BIN: the JDK directory of that java (for JAVA_HOME, e.g. when calling Maven)
java_home_of() { dirname "$(dirname "$(readlink -f "$1")")"; }
