#!/usr/bin/env bash
# Runs every test of the repository: builds the solution and runs each test project, then prints one summary line.
# Safe to run again and again; it installs nothing that is already there.
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# What the tests need besides the .NET SDK, installed only when missing:
# - redis-server (Debian): the Redis tests start real servers;
# - prometheus (Debian): the observability tests start a real Prometheus that scrapes a backend and run the Grafana
#   dashboard's queries against it;
# - chromium (Debian) and the npm packages of tests/frontend (Label Studio's frontend bundle, playwright-core): the
#   frontend tests show predictions in Label Studio's own frontend in headless Chromium.
sudo_cmd=""
if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  # Try the package lists the machine has first; refresh them only if that fails.
  $sudo_cmd apt-get install -y --no-install-recommends "$@" \
    || { $sudo_cmd apt-get update && $sudo_cmd apt-get install -y --no-install-recommends "$@"; }
}
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
[ -x /usr/bin/prometheus ] || missing+=(prometheus)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  apt_install "${missing[@]}"
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
