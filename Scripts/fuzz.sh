#!/usr/bin/env bash
# Fuzzes, with libFuzzer and AddressSanitizer, for the given number of seconds
# (default 600), one of three targets (Tests/Fuzz):
#
#   Scripts/fuzz.sh [--target page|model|templates] [SECONDS] [extra libFuzzer options]
#
# - page (the default, PageFuzzer): the path a content page takes — parse, check,
#   report, render. Each input is the bytes of Content/docs/errors/item.md, checked
#   with the other real pages and rendered with the real templates;
#   ERRATA_FUZZ_PAGE=docs/errors/_index.md makes it the overview page instead.
# - model (ModelFuzzer): the model file (`--model FILE`). Each input is the bytes of a
#   model file, read by the JSON parser and the catalog reader; seeded from
#   Tests/Fuzz/seeds/model, the rule fixtures' models and JSONTestSuite's files.
# - templates (TemplateFuzzer): the Mustache engine. Each input is a set of templates
#   cut at NUL bytes (main, p0, p1, …), parsed, searched for loops and rendered in
#   both modes; seeded from Templates/ and the Mustache spec's templates.
# Everything lives in .build-fuzz/: the build, each target's corpus (kept from run to
# run), and the findings under .build-fuzz/findings/ (page), .build-fuzz/findings-model/
# or .build-fuzz/findings-templates/ (crash-*, timeout-*, oom-*, leak-*) beside each
# run's log.
# Replay one, or minimise it, with the same environment as below:
#   export SWIFT_BACKTRACE=enable=no LSAN_OPTIONS=suppressions=$PWD/Tests/Fuzz/lsan-suppressions.txt
#   .build-fuzz/release/PageFuzzer FILE
#   .build-fuzz/release/PageFuzzer -minimize_crash=1 -runs=10000 FILE
# Later options win: `Scripts/fuzz.sh 600 -max_len=65536` lets inputs grow to 64 KiB,
# which slow (super-linear) paths need; the default follows the largest seed.
set -euo pipefail
cd "$(dirname "$0")/.."

target=page
if [ "${1:-}" = "--target" ]; then
  target=${2:-}
  shift 2 || true
fi
case $target in
  page) fuzzer=PageFuzzer suffix="" dict=Tests/Fuzz/markdown.dict minimum=10000 ;;
  model) fuzzer=ModelFuzzer suffix=-model dict=Tests/Fuzz/model.dict minimum=10000 ;;
  templates) fuzzer=TemplateFuzzer suffix=-templates dict=Tests/Fuzz/mustache.dict minimum=1500 ;;
  *) echo "error: unknown target '$target'; use --target page, model or templates" >&2; exit 2 ;;
esac
seconds=${1:-600}
shift || true
scratch=.build-fuzz
corpus=$scratch/corpus$suffix
seeds=$scratch/seeds$suffix
findings=$scratch/findings$suffix

build() {
  swift build -c release --sanitize=fuzzer --sanitize=address -Xswiftc -use-ld=lld \
    --package-path Tests/Fuzz --scratch-path "$scratch" --product "$fuzzer"
}
# How many edges libFuzzer can see: the size of the binary's coverage counters.
counters() {
  local size
  size=$(readelf -SW "$scratch/release/$fuzzer" | awk '$2 == "__sancov_cntrs" { print $6 }')
  echo $((16#${size:-0}))
}
build
# Now and then SwiftPM links a target whose Swift modules lack the coverage
# instrumentation (only the C code has it), and the fuzzer is then nearly blind:
# start afresh when so.
for _ in 1 2; do
  [ "$(counters)" -ge "$minimum" ] && break
  echo "only $(counters) coverage counters: rebuilding from scratch" >&2
  rm -rf "$scratch/x86_64-unknown-linux-gnu/release"
  build
done
if [ "$(counters)" -lt "$minimum" ]; then
  echo "error: the fuzz target has only $(counters) coverage counters; delete $scratch and try again" >&2
  exit 1
fi

# Seeds, renamed by their path: for pages, the real pages and every page of the rule
# fixtures; for the model, the seed models, the fixtures' models and JSONTestSuite.
rm -rf "$seeds"
mkdir -p "$seeds" "$corpus" "$findings"
if [ "$target" = page ]; then
  seed_sources=(find Content Tests/ErrataKitTests/Fixtures/rules -name '*.md' -type f -print0)
elif [ "$target" = templates ]; then
  seed_sources=(find Templates -name '*.mustache' -type f -print0)
  # The spec's templates, one seed each (a test's template, then its partials).
  python3 - ../shared/conformance/mustache-spec "$seeds" <<'PY' || true
import json, os, sys
folder, out = sys.argv[1], sys.argv[2]
for name in sorted(os.listdir(folder)):
    if not name.endswith(".json"):
        continue
    for index, test in enumerate(json.load(open(os.path.join(folder, name)))["tests"]):
        pieces = [test["template"]] + list(test.get("partials", {}).values())
        with open(os.path.join(out, "spec_%s_%d" % (name.strip("~").replace(".json", ""), index)), "w") as seed:
            seed.write("\0".join(pieces))
PY
else
  seed_sources=(find Tests/Fuzz/seeds/model Tests/ErrataKitTests/Fixtures/rules ../shared/conformance/json-test-suite/test_parsing
    -name '*.json' -type f -print0)
fi
while IFS= read -r -d '' file; do
  cp "$file" "$seeds/$(printf '%s' "${file#../}" | tr '/' '_')"
done < <("${seed_sources[@]}" 2>/dev/null)

# The crash reporter can hang after a crash; libFuzzer reports instead. LeakSanitizer
# skips what the target keeps for the whole run (see the suppressions file).
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export LSAN_OPTIONS="suppressions=$PWD/Tests/Fuzz/lsan-suppressions.txt${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

# One worker (-fork=1) that goes on past a finding, so one run collects them all; the
# outer timeout is a last resort should the process itself hang.
log=$findings/fuzz-$(date +%Y%m%d-%H%M%S).log
status=0
timeout --kill-after=30 $((seconds + 300)) "$scratch/release/$fuzzer" \
  -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=1024 \
  -dict="$dict" -artifact_prefix="$findings/" -print_final_stats=1 \
  "$@" "$corpus" "$seeds" 2>&1 | tee "$log" || status=$?

echo
echo "corpus: $(find "$corpus" -type f | wc -l) inputs in $corpus"
echo "findings in $findings/:"
find "$findings" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) -newer "$seeds" -print | sed 's/^/  /'
echo "log: $log"
exit "$status"
