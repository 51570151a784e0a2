#!/usr/bin/env bash
# No thread, file descriptor or connection leaked across many probe rounds: the long run of
# NoLeakAcrossRoundsTest (health-adapters-probes), which the test command runs with 20 rounds. The real
# CheckRoundService and ProviderProbes against in-process upstreams that answer, hang or refuse (timeout
# 300 ms); after the rounds, platform threads, /proc/self/fd and the upstreams' open connections must be
# back near their level after two warm-up rounds. Exits non-zero when the test fails.
# Usage: bench/no-leak.sh        (env: ROUNDS=100)
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

ROUNDS=${ROUNDS:-100}
bench_init no-leak
bench_java
log "NoLeakAcrossRoundsTest with $ROUNDS rounds (./mvnw -pl health-adapters-probes -am verify -Dtest='NoLeak*')"
start=$(date +%s%N)
mvnw -pl health-adapters-probes -am verify -Dtest='NoLeak*' -Dsurefire.failIfNoSpecifiedTests=false -Dnoleak.rounds="$ROUNDS" \
  || die "NoLeakAcrossRoundsTest failed with $ROUNDS rounds (see health-adapters-probes/target/surefire-reports)"
report="$ROOT/health-adapters-probes/target/surefire-reports/TEST-dev.llmhealth.adapters.probes.models.NoLeakAcrossRoundsTest.xml"
grep -ho 'no-leak: .*' "$report" | sed 's/^no-leak: /  /' | awk '!seen[$0]++'
grep -q "no-leak: $ROUNDS rounds" "$report" || die "the test did not run $ROUNDS rounds (is -Dnoleak.rounds passed on?)"
echo "passed: $ROUNDS rounds in $(( ($(date +%s%N) - start) / 1000000000 )) s (build included)"
echo "noise: load average at end $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
