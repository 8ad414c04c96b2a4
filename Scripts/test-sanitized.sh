#!/usr/bin/env bash
# Runs the test suite under AddressSanitizer and LeakSanitizer, in its own build folder.
# Any report of a memory error or of a leak outside Foundation's own caches fails it.
set -euo pipefail
cd "$(dirname "$0")/.."
export LSAN_OPTIONS="suppressions=$PWD/Scripts/lsan-suppressions.txt"
swift test --sanitize=address --scratch-path .build-asan "$@"
