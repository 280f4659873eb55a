#!/usr/bin/env bash
# The test command (README): installs what the tests need, runs every test of the solution, prints the totals last.
set -uo pipefail
cd "$(dirname "$0")/.."

need_apt=()
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ! command -v initdb >/dev/null 2>&1; then need_apt+=(postgresql); fi
command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)
# Browser tests drive Debian's Chromium through Playwright (no browser download).
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "Installing ${need_apt[*]} (Debian packages the tests use)..." >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}") >&2 \
      || { echo "apt-get install ${need_apt[*]} failed" >&2; exit 1; }
  else
    echo "Missing ${need_apt[*]}: run as root, or apt-get install -y ${need_apt[*]}" >&2
    exit 1
  fi
fi

log=$(mktemp)
dotnet test TalentFlow.Orleans.sln -c Release -p:TreatWarningsAsErrors=true \
  --blame-hang-timeout 10m --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

passed=0; failed=0
# VSTest prints, per test assembly, "Total tests: N" then "     Passed: N" / "     Failed: N" on lines of their own.
while read -r kind n; do
  case "$kind" in Passed) passed=$((passed + n)) ;; Failed) failed=$((failed + n)) ;; esac
done < <(grep -aE '^ +(Passed|Failed): +[0-9]+ *$' "$log" | sed -E 's/^ +(Passed|Failed): +([0-9]+).*/\1 \2/')
# Name the failed tests just above the totals, so the tail of a long CI log says which ones they were.
grep -aE '^ +Failed [A-Za-z_][A-Za-z0-9_]*\.[A-Za-z0-9_.]+' "$log" | sed -E 's/^ +Failed ([^ ]+).*/failed: \1/' | sort -u
rm -f "$log"
# A build error or a crashed test host counts as a failure even when no summary line mentions it.
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$passed passed, $failed failed"
exit "$status"
