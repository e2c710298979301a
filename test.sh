#!/usr/bin/env bash
# Runs every test of the repository: builds the solution and runs each test project, then prints one summary line.
# Safe to run again and again; it installs nothing that is already there.
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The Redis tests start real redis-server processes (Debian package); install it once if it is missing.
if ! command -v redis-server >/dev/null 2>&1; then
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get install -y --no-install-recommends redis-server >/dev/null 2>&1 \
    || { $sudo_cmd apt-get update >/dev/null && $sudo_cmd apt-get install -y --no-install-recommends redis-server >/dev/null; }
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
