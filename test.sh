#!/usr/bin/env bash
# Runs every test of the repository: builds the solution and runs each test project, then prints one summary line.
# Safe to run again and again; it installs nothing that is already there.
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The frontend tests (tests/LabelStudio.ML.Frontend.Tests) show predictions in Label Studio's own frontend in headless
# Chromium: Debian's chromium, and the npm packages of tests/frontend (the LSF bundle and playwright-core).
if [ ! -x /usr/bin/chromium ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y chromium || { apt-get update && apt-get install -y chromium; }
fi
if [ ! -d tests/frontend/node_modules ] || [ tests/frontend/package-lock.json -nt tests/frontend/node_modules/.package-lock.json ]; then
  (cd tests/frontend && npm ci --ignore-scripts --no-audit --no-fund)
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT

status=0
dotnet test LabelStudio.ML.slnx --nologo 2>&1 | tee "$log" || status=$?

# One line a test runner reader understands, summed over every test project.
awk '
  /(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+/ {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:")  { gsub(",", "", $(i+1)); failed += $(i+1) }
      if ($i == "Passed:")  { gsub(",", "", $(i+1)); passed += $(i+1) }
      if ($i == "Skipped:") { gsub(",", "", $(i+1)); skipped += $(i+1) }
    }
  }
  END { printf "%d passed, %d failed, %d skipped\n", passed, failed, skipped }
' "$log"

exit "$status"
