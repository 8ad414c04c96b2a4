#!/usr/bin/env bash
# The preview's error overlay in headless Chromium, against the real `errata serve`:
# errors first with their source line and caret, warnings folded, the badge after Esc,
# all gone once the file is fixed (Scripts/check_overlay.py says what is checked).
# Uses .build/debug/errata (build it first) or $ERRATA; screenshots go to
# ${SCREENSHOTS:-/tmp}/overlay-*.png. Installs chromium (Debian) and Playwright (PyPI,
# into .venv-check/, as Scripts/check-site.sh does) when missing; never downloads a
# browser of its own. Exit status: 0 passed, 1 a check failed, 2 setup failure.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=.venv-check
errata=${ERRATA:-.build/debug/errata}
export PYTHONDONTWRITEBYTECODE=1
export CHECK_SITE_CHROMIUM=${CHECK_SITE_CHROMIUM:-/usr/bin/chromium}

[ -x "$errata" ] || { echo "check-overlay: no $errata; run swift build first" >&2; exit 2; }
if [ ! -x "$CHECK_SITE_CHROMIUM" ]; then
  if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi
  "${sudo[@]}" apt-get update -qq && DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq chromium \
    || { echo "check-overlay: apt-get install chromium failed" >&2; exit 2; }
fi
if ! "$venv/bin/python" -c 'import playwright' 2>/dev/null; then
  { [ -x "$venv/bin/python" ] || python3 -m venv "$venv"; } \
    && "$venv/bin/pip" install -q --disable-pip-version-check -r Scripts/check_site/requirements.txt \
    || { echo "check-overlay: pip install failed" >&2; exit 2; }
fi
exec "$venv/bin/python" Scripts/check_overlay.py "$errata" --screenshots "${SCREENSHOTS:-/tmp}"
