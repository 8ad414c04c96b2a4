#!/usr/bin/env bash
# Builds the site into a temporary folder and checks it as a reader and a host would:
#   vnu    the Nu HTML Checker on every HTML and CSS file (both builds)
#   links  linkchecker with #anchors against the site served on 127.0.0.1, the addresses
#          in the search index and errors.json, and (--base-url build) the canonical links
#          and sitemap.xml
#   axe    axe-core in headless Chromium on every page but the redirects, at 1280 and
#          390 px, light and dark
#   reader what a reader's browser does (Scripts/check_site/reader_check.py): 404.html
#          sends a code's address (any case, one typo, any depth under a prefix, with and
#          without --base-url) to its section; search forgives typos and knows statuses;
#          "copy link" copies the absolute short address; the first code on a phone
# Installs what it needs (Debian: linkchecker, chromium, a Java runtime; PyPI, into
# .venv-check/: Scripts/check_site/requirements.txt) when missing. Never touches public/.
# Exit status: 0 every check passed, 1 a check failed, 2 setup or build failure.
set -euo pipefail

start=$SECONDS
cd "$(dirname "$0")/.."
helpers=Scripts/check_site
venv=.venv-check
base_url=https://concentrix.com/
export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ in Scripts/check_site/
export CHECK_SITE_CHROMIUM=${CHECK_SITE_CHROMIUM:-/usr/bin/chromium}

elapsed() { echo "$((SECONDS - start)) s"; }
fail_setup() { echo "check-site: $*, after $(elapsed)" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-site.XXXXXX")
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- Tools --------------------------------------------------------------------------
echo "== setup"
missing=()
command -v linkchecker >/dev/null || missing+=(linkchecker)
[ -x "$CHECK_SITE_CHROMIUM" ] || missing+=(chromium)
command -v java >/dev/null || missing+=(default-jre-headless)
python3 -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
  echo "  apt-get install ${missing[*]}"
  "${sudo[@]}" apt-get update -qq >"$tmp/apt.log" 2>&1 \
    && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >>"$tmp/apt.log" 2>&1 \
    || { tail -n 20 "$tmp/apt.log" >&2; fail_setup "apt-get install ${missing[*]} failed"; }
fi
# The requirements file is copied into the venv once installed: an unchanged file means nothing to do.
if ! cmp -s "$helpers/requirements.txt" "$venv/.check-site-requirements" || [ ! -x "$venv/bin/python" ]; then
  echo "  pip install -r $helpers/requirements.txt into $venv/"
  { [ -x "$venv/bin/python" ] || python3 -m venv "$venv"; } >"$tmp/pip.log" 2>&1 \
    && "$venv/bin/pip" install -q --disable-pip-version-check -r "$helpers/requirements.txt" >>"$tmp/pip.log" 2>&1 \
    || { tail -n 20 "$tmp/pip.log" >&2; fail_setup "pip install failed"; }
  cp "$helpers/requirements.txt" "$venv/.check-site-requirements"
fi
python="$PWD/$venv/bin/python"

# --- Build ----------------------------------------------------------------------------
echo "== build (debug)"
swift build --product errata >"$tmp/swift-build.log" 2>&1 \
  || { tail -n 40 "$tmp/swift-build.log" >&2; fail_setup "swift build failed"; }
bin=$(swift build --product errata --show-bin-path)/errata
build_site() { # OUTPUT [ARGS...]: prints errata's summary line only, everything when it fails
  local out=$1; shift
  if "$bin" build --output "$out" "$@" 2>"$tmp/errata.log"; then
    echo "  $(tail -n 1 "$tmp/errata.log" | sed "s|$tmp/||")"
  else
    cat "$tmp/errata.log" >&2; fail_setup "errata build $* failed"
  fi
}
site=$tmp/public
site_base=$tmp/public-base-url
build_site "$site"
build_site "$site_base" --base-url "$base_url"
pages=$( { grep -rLi --include='*.html' 'http-equiv="refresh"' "$site" || true; } | wc -l)
redirects=$( { grep -rli --include='*.html' 'http-equiv="refresh"' "$site" || true; } | wc -l)

# --- Checks ---------------------------------------------------------------------------
summary=$tmp/summary
: >"$summary"
failed=()
run_check() { # NAME COMMAND...: runs a check, remembers it failed without stopping
  local name=$1 status=0; shift
  (cd "$helpers" && "$@") || status=$?
  if [ "$status" -ne 0 ]; then failed+=("$name"); fi
  if [ "$status" -gt 1 ]; then echo "  ($name could not run: exit status $status)"; fi
}

echo "== vnu: HTML and CSS of both builds"
run_check vnu "$python" vnu.py --summary "$summary" "$site" "$site_base"

port=$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$python" "$helpers/serve.py" "$port" "$site" >"$tmp/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 100); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$tmp/serve.log" >&2; fail_setup "the local server did not start"; }
  sleep 0.1
done
(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || fail_setup "the local server did not answer on port $port"
url=http://127.0.0.1:$port/

echo "== links: linkchecker with anchors on $url"
run_check links "$python" links.py crawl --site "$site" --url "$url" --config "$PWD/$helpers/linkcheckerrc" --summary "$summary"
echo "== links: absolute addresses of the --base-url build"
run_check base-url "$python" links.py base-url --site "$site_base" --base "$base_url" --summary "$summary"

echo "== axe: serious and critical violations, 1280/390 px, light/dark"
run_check axe "$python" axe_check.py --site "$site" --url "$url" --summary "$summary"

echo "== reader: not-found addresses, search, copy link, phone layout in headless Chromium"
run_check reader "$python" reader_check.py --site "$site" --site-base "$site_base" --base "$base_url" --summary "$summary"

# --- Summary --------------------------------------------------------------------------
value() { local v; v=$(sed -n "s/^$1=//p" "$summary" | tail -n 1); echo "${v:-?}"; }
add() { if [[ $1 =~ ^[0-9]+$ && $2 =~ ^[0-9]+$ ]]; then echo $(($1 + $2)); else echo '?'; fi; }
line="check-site: $pages pages (+$redirects redirects), vnu $(value vnu_errors) errors ($(value vnu_warnings) warnings)"
line+=", links $(add "$(value links_broken)" "$(value base_broken)") broken of $(add "$(value links_checked)" "$(value base_checked)")"
line+=", axe $(value axe_violations) violations ($(value axe_minor) minor)"
line+=", reader $(value reader_failed) failed of $(value reader_checks), $(elapsed)"
if [ ${#failed[@]} -gt 0 ]; then
  echo "$line — FAILED: ${failed[*]}"
  exit 1
fi
echo "$line — passed"
