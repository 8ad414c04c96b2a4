#!/usr/bin/env bash
# Examples/AcmeAPI as its team would use Errata: `swift package errata check --strict`
# passes on the example as it is (its docs checked against the catalog its Swift code
# declares), then a drift planted in a temporary copy — one code's HTTP status changed
# in the Swift source — is reported at the page line whose sample disagrees.
# Exit status: 0 both hold, 1 one does not.
set -euo pipefail
cd "$(dirname "$0")/.."
example=Examples/AcmeAPI
# One build folder for both runs: Errata itself (a dependency by path) is built once.
scratch=$PWD/$example/.build

echo "== $example as it is"
(cd "$example" && swift package --scratch-path "$scratch" errata check --strict)

echo "== a drift: TOO_MANY_REQUESTS answers 503 in the Swift source, the docs say 429"
copy=Examples/.AcmeAPI-drift-$$
trap 'rm -rf "$copy"' EXIT
mkdir -p "$copy"
(cd "$example" && tar --exclude=./.build --exclude=./public -cf - .) | (cd "$copy" && tar -xf -)
sed -i 's/code: "TOO_MANY_REQUESTS", type: rateLimit.id, httpStatus: 429/code: "TOO_MANY_REQUESTS", type: rateLimit.id, httpStatus: 503/' \
  "$copy/Sources/AcmeErrors/Catalog.swift"
grep -q 'httpStatus: 503' "$copy/Sources/AcmeErrors/Catalog.swift"
line=$(grep -n '^// http code 429' "$copy/Content/docs/errors/rate-limit.md" | tail -1 | cut -d: -f1)
status=0
output=$(cd "$copy" && swift package --scratch-path "$scratch" errata check 2>&1) || status=$?
echo "$output" | grep -v '^\[' | tail -5
expected="Content/docs/errors/rate-limit.md:$line:"
if [ "$status" -ne 1 ] || ! echo "$output" | grep -F "$expected" | grep -q 'sample-status-mismatch'; then
  echo "check-example: expected exit 1 and a sample-status-mismatch at $expected (got exit $status)" >&2
  exit 1
fi
echo "check-example: passed (drift reported at $expected)"
