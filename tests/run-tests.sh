#!/usr/bin/env bash
# The test command (README): installs and starts what the tests need, runs every test assembly,
# and ends with one line summing them all: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."

log=$(mktemp)
pidfile="${TMPDIR:-/tmp}/thidua-smtp4dev.pid"
stop_services() {
  rm -f "$log"
  # smtp4dev started by tests/setup/smtp4dev.sh runs in its own session: stop that whole group.
  if [ -f "$pidfile" ]; then
    kill -TERM -- "-$(cat "$pidfile")" 2>/dev/null || kill -TERM "$(cat "$pidfile")" 2>/dev/null || true
    rm -f "$pidfile"
  fi
}
trap stop_services EXIT

for setup in tests/setup/*.sh; do
  [ -e "$setup" ] || continue
  echo "== $setup"
  bash "$setup" || { echo "setup failed: $setup"; echo "0 passed, 1 failed"; exit 1; }
done

dotnet test ThiDua.Workflows.sln -c Release --nologo 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}

# A build error or a crashed test host leaves no result line of its own: say so before the sum.
if [ "$rc" -ne 0 ] && ! grep -qE '^\s*Failed!' "$log"; then
  echo "dotnet test exited with code $rc without a failed test: a project did not build or a test host crashed (see above)"
fi

grep -E '^\s*(Passed|Failed)!\s+-\s+Failed:' "$log" \
  | sed -E 's/.*Failed:\s*([0-9]+), Passed:\s*([0-9]+), Skipped:\s*([0-9]+).*/\1 \2 \3/' \
  | awk '{f+=$1;p+=$2;s+=$3} END {printf "%d passed, %d failed, %d skipped\n", p, f, s}'
exit "$rc"
