#!/usr/bin/env bash
# Puts `errata serve` under load and checks that it answers everything and holds its memory:
#   1. builds the release binary (swift build -c release);
#   2. starts `errata serve --port 0` on 127.0.0.1 with the real Content/ and Templates/, or
#      with --corpus N a generated N-code site (Benchmarks/generate-corpus.py, kept under
#      /tmp) and its model, and waits until it serves the page under test;
#   3. runs `wrk -t2 -c100 -d10s --latency` against a type page three times, reading the
#      server's VmRSS and VmHWM (/proc/PID/status) before, between and after the runs;
#   4. stops the server with SIGINT and checks it exits with status 0.
# Prints requests/s, p50 and p99 latency, errors and memory for each run.
#
#   Scripts/load-test.sh [--corpus N] [--target PATH] [--duration 10s] [--connections 100] [--threads 2]
#
# Exit status: 0 no errors and flat memory; 1 a run had errors (socket errors or non-2xx/3xx
# responses), RSS grew by more than RSS_MARGIN_KB (default 4096) from the end of run 2 to the
# end of run 3, or the server did not stop cleanly; 2 setup failure.
set -euo pipefail

cd "$(dirname "$0")/.."
corpus=
target=
duration=10s
connections=100
threads=2
margin_kb=${RSS_MARGIN_KB:-4096}

while [ $# -gt 0 ]; do
  case "$1" in
    --corpus) corpus=$2; shift 2 ;;
    --target) target=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "load-test: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done

fail_setup() { echo "load-test: $*" >&2; exit 2; }
command -v wrk >/dev/null || fail_setup "wrk is missing (apt-get install wrk)"
command -v curl >/dev/null || fail_setup "curl is missing (apt-get install curl)"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/load-test.XXXXXX")
server_pid=
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -INT "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- Build ------------------------------------------------------------------------------
echo "== build"
swift build -c release --product errata >"$tmp/build.log" 2>&1 || { tail -20 "$tmp/build.log" >&2; fail_setup "the release build failed"; }
binary="$(swift build -c release --show-bin-path)/errata"
[ -x "$binary" ] || fail_setup "no binary at $binary"

# --- Site -------------------------------------------------------------------------------
serve_args=(--content Content --templates Templates)
label="the real Content/"
if [ -n "$corpus" ]; then
  corpus_dir=/tmp/errata-corpus-$corpus
  if [ ! -f "$corpus_dir/model.json" ]; then
    python3 Benchmarks/generate-corpus.py --codes "$corpus" --out "$corpus_dir" >/dev/null || fail_setup "generate-corpus.py failed"
  fi
  serve_args=(--content "$corpus_dir/Content" --templates Templates --model "$corpus_dir/model.json")
  label="a generated $corpus-code corpus"
  target=${target:-/docs/errors/type-00/}
fi
target=${target:-/docs/errors/item/}

# --- Server -----------------------------------------------------------------------------
echo "== serve $label"
"$binary" serve --host 127.0.0.1 --port 0 "${serve_args[@]}" 2>"$tmp/serve.log" &
server_pid=$!
port=
for _ in $(seq 1 600); do
  port=$(sed -n 's|.*serving http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$tmp/serve.log" | head -1)
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$tmp/serve.log" >&2; fail_setup "errata serve exited"; }
  sleep 0.1
done
[ -n "$port" ] || { cat "$tmp/serve.log" >&2; fail_setup "errata serve did not start within 60 s"; }
url="http://127.0.0.1:$port$target"
status=$(curl -s -o /dev/null -w '%{http_code}' "$url")
[ "$status" = 200 ] || fail_setup "GET $url answered $status"
echo "   $url (pid $server_pid)"

# --- Runs -------------------------------------------------------------------------------
rss_kb() { awk '/^VmRSS:/ { print $2 }' "/proc/$server_pid/status"; }
hwm_kb() { awk '/^VmHWM:/ { print $2 }' "/proc/$server_pid/status"; }
mb() { awk -v kb="$1" 'BEGIN { printf "%.1f", kb / 1024 }'; }
memory() { echo "RSS $(mb "$(rss_kb)") MB, peak $(mb "$(hwm_kb)") MB"; }

errors_total=0
rss_before=$(rss_kb)
echo "== memory before: $(memory)"
declare -a rss_after
for run in 1 2 3; do
  wrk -t"$threads" -c"$connections" -d"$duration" --latency "$url" >"$tmp/wrk-$run.txt" 2>&1 \
    || { cat "$tmp/wrk-$run.txt" >&2; fail_setup "wrk failed"; }
  out="$tmp/wrk-$run.txt"
  rps=$(awk '/^Requests\/sec:/ { print $2 }' "$out")
  p50=$(awk '$1 == "50%" { print $2 }' "$out")
  p99=$(awk '$1 == "99%" { print $2 }' "$out")
  requests=$(awk '/requests in/ { print $1 }' "$out")
  # "Socket errors: connect 0, read 0, write 0, timeout 0", printed only when there are some.
  socket=$(sed -n 's/.*Socket errors: connect \([0-9]*\), read \([0-9]*\), write \([0-9]*\), timeout \([0-9]*\).*/\1 \2 \3 \4/p' "$out")
  read -r connect_errors read_errors write_errors timeouts <<<"${socket:-0 0 0 0}"
  non2xx=$(awk -F': *' '/Non-2xx or 3xx responses/ { print $2 }' "$out")
  non2xx=${non2xx:-0}
  errors=$((connect_errors + read_errors + write_errors + timeouts + non2xx))
  errors_total=$((errors_total + errors))
  rss_after[$run]=$(rss_kb)
  echo "== run $run: $rps requests/s ($requests requests), latency p50 $p50, p99 $p99"
  echo "   errors: $errors (connect $connect_errors, read $read_errors, write $write_errors, timeout $timeouts, non-2xx/3xx $non2xx)"
  echo "   memory after: $(memory)"
done

# --- Stop -------------------------------------------------------------------------------
peak=$(hwm_kb)
kill -INT "$server_pid"
exit_status=0
wait "$server_pid" || exit_status=$?
server_pid=
refusals=$(grep -c refused "$tmp/serve.log" || true)

growth=$((rss_after[3] - rss_after[2]))
echo "== summary ($(nproc) cores, $(. /etc/os-release && echo "$PRETTY_NAME"))"
echo "   RSS before $(mb "$rss_before") MB; after runs 1, 2, 3: $(mb "${rss_after[1]}"), $(mb "${rss_after[2]}"), $(mb "${rss_after[3]}") MB; peak $(mb "$peak") MB"
echo "   RSS growth from run 2 to run 3: $growth KB (margin $margin_kb KB)"
echo "   errors: $errors_total; refused requests logged: $refusals; server exit status on SIGINT: $exit_status"

failed=0
[ "$errors_total" -eq 0 ] || { echo "load-test: $errors_total errors" >&2; failed=1; }
[ "$growth" -le "$margin_kb" ] || { echo "load-test: RSS grew by $growth KB from run 2 to run 3" >&2; failed=1; }
[ "$exit_status" -eq 0 ] || { echo "load-test: errata serve exited with $exit_status on SIGINT" >&2; tail -20 "$tmp/serve.log" >&2; failed=1; }
[ "$failed" -eq 0 ] && echo "load-test: passed"
exit "$failed"
