"""axe-core in the system's headless Chromium, through Playwright.

Every page of the site except the redirect pages, 404.html included, at 1280 and 390 px
wide in the light and dark colour schemes; then the overview page with the search open
on a result (opened with the search button on small screens), and 404.html as a host
serves it for a missing code-shaped address (status 404), once with the nearest codes listed. Fails on violations of serious or
critical impact and on page errors (an uncaught script error, an unexpected HTTP status).
Prints one line per page and rule, with the node count in each variant it occurs in.

Usage: axe_check.py --site DIR --url http://127.0.0.1:PORT/ [--summary FILE]
"""
import argparse
import asyncio
import os
import sys
from collections import defaultdict

from axe_playwright_python.async_playwright import Axe
from playwright.async_api import async_playwright

from common import split_pages, url_path, write_summary

CHROMIUM = os.environ.get("CHECK_SITE_CHROMIUM", "/usr/bin/chromium")
FAILING = ("serious", "critical")
VARIANTS = [
    ("1280 light", dict(viewport={"width": 1280, "height": 900}, color_scheme="light")),
    ("1280 dark", dict(viewport={"width": 1280, "height": 900}, color_scheme="dark")),
    ("390 light", dict(viewport={"width": 390, "height": 844}, color_scheme="light",
                       is_mobile=True, has_touch=True, device_scale_factor=3)),
    ("390 dark", dict(viewport={"width": 390, "height": 844}, color_scheme="dark",
                      is_mobile=True, has_touch=True, device_scale_factor=3)),
]
SEARCH_PAGE = "docs/errors/index.html"
MISSING_CODE_PATH = "/docs/errors/NOT_A_REAL_CODE/"
MISTYPED_CODE_PATH = "/docs/errors/INVALID_AP_KEYZ/"  # two edits from a code: listed, not followed


async def open_search(page):
    """Type into the site search and move to the first result, as a reader would."""
    field = page.locator("#site-search-input")
    toggle = page.locator(".search-toggle")
    if await toggle.is_visible():
        await toggle.click()  # a small screen: the button opens the search over the page
    await field.click()
    await field.press_sequentially("invalid")
    await page.keyboard.press("ArrowDown")
    await page.locator("#site-search-results").wait_for(state="visible", timeout=5000)


async def run_variant(browser, axe, variant, options, base, targets):
    """[(label, violations, script errors)] for every target in one viewport and scheme."""
    context = await browser.new_context(**options)
    page = await context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    results = []
    try:
        for label, path, action, status in targets:
            errors.clear()
            response = await page.goto(base + path.lstrip("/"), wait_until="load")
            if response is None or response.status != status:
                errors.append(f"HTTP {response.status if response else 'no response'}, expected {status}")
            if action:
                await action(page)
            result = (await axe.run(page)).response
            results.append((label, result.get("violations", []), list(errors)))
    finally:
        await context.close()
    return results


async def run_all(base, targets):
    axe = Axe()
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            per_variant = await asyncio.gather(
                *(run_variant(browser, axe, variant, options, base, targets) for variant, options in VARIANTS))
        finally:
            await browser.close()
    return [(variant, results) for (variant, _), results in zip(VARIANTS, per_variant)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", required=True)
    parser.add_argument("--url", required=True)
    parser.add_argument("--summary")
    args = parser.parse_args()
    base = args.url.rstrip("/") + "/"
    pages, _ = split_pages(args.site)
    targets = [(rel, "/" + url_path(rel), None, 200) for rel in pages]
    if SEARCH_PAGE in pages:
        targets.append((SEARCH_PAGE + " (search open)", "/" + url_path(SEARCH_PAGE), open_search, 200))
    if "404.html" in pages:
        targets.append((f"404.html (served at {MISSING_CODE_PATH})", MISSING_CODE_PATH, None, 404))
        targets.append((f"404.html (served at {MISTYPED_CODE_PATH}, nearest codes)", MISTYPED_CODE_PATH, None, 404))

    # (label, rule) -> impact, help, a few node targets, node count per variant
    found = defaultdict(lambda: {"impact": None, "help": "", "variants": {}})
    script_errors = []
    runs = 0
    for variant, results in asyncio.run(run_all(base, targets)):
        for label, violations, errors in results:
            runs += 1
            for v in violations:
                entry = found[(label, v["id"])]
                entry["impact"] = v.get("impact") or "minor"
                entry["help"] = v.get("help", "")
                entry["variants"][variant] = len(v.get("nodes", []))
                entry.setdefault("targets", [n["target"] for n in v.get("nodes", [])][:3])
            script_errors += [f"{label} [{variant}]: {e}" for e in errors]

    failing = other = 0
    for (label, rule), entry in sorted(found.items()):
        impact = entry["impact"]
        counts = ", ".join(f"{v}: {n}" for v, n in entry["variants"].items())
        bad = impact in FAILING
        failing += bad
        other += not bad
        mark = "" if bad else " (not failing)"
        targets = "; ".join(" ".join(t) if isinstance(t, list) else str(t) for t in entry["targets"])
        print(f"  {label}: {rule} ({impact}){mark} nodes [{counts}] — {entry['help']} — e.g. {targets}")
    for e in script_errors:
        print(f"  page error: {e}")
    print(f"  axe: {len(pages)} pages, {runs} runs, {failing} serious/critical violations, "
          f"{other} moderate/minor, {len(script_errors)} page errors")
    write_summary(args.summary, f"axe_pages={len(pages)}")
    write_summary(args.summary, f"axe_violations={failing}")
    write_summary(args.summary, f"axe_minor={other}")
    write_summary(args.summary, f"axe_script_errors={len(script_errors)}")
    return 1 if failing or script_errors else 0


if __name__ == "__main__":
    sys.exit(main())
