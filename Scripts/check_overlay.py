#!/usr/bin/env python3
"""The preview's error overlay, checked in a real browser against the real `errata serve`.

Copies Content/ and Templates/ into a temporary folder, serves them with the given
`errata` binary on a free port of 127.0.0.1, opens a type page in headless Chromium
(Playwright driving the system browser), then breaks the page it shows: a comma
missing in a JSON sample (an error) and an emptied "Troubleshooting steps" (a
warning). It checks that the overlay
  - lists the error first, with the parser's message naming the line of the value,
    the page's source line and a caret under the end of that value;
  - folds the warning into one closed line that opens on a click;
  - after Esc, leaves only a badge saying the build is failing, which opens the
    overlay again;
  - disappears, badge and all, once the file is fixed.
Screenshots of each state, at 1280 and 390 px in light and dark, go to --screenshots.

Usage: check_overlay.py ERRATA_BINARY [--screenshots DIR]
Exit status: 0 passed, 1 a check failed, 2 setup failure.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

from playwright.sync_api import sync_playwright

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHROMIUM = os.environ.get("CHECK_SITE_CHROMIUM", "/usr/bin/chromium")
PAGE = "Content/docs/errors/item.md"
# The value the comma is taken from, and the section whose steps are emptied.
VALUE_LINE = ' "error_code": "ACCESS_NOT_GRANTED",'
STEPS = "- Have the user check their credentials and enter them again on the credentials pane in Link.\n"

failures = []


def check(condition, what):
    print(("  ok    " if condition else "  FAIL  ") + what)
    if not condition:
        failures.append(what)


def start_server(binary, folder):
    """Runs `errata serve --port 0` in folder; returns the process and its port."""
    process = subprocess.Popen(
        [binary, "serve", "--port", "0"], cwd=folder,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    port = None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line:
            break
        match = re.search(r"serving http://127\.0\.0\.1:(\d+)/", line)
        if match:
            port = int(match.group(1))
            break
    if port is None:
        process.kill()
        sys.exit("check-overlay: errata serve did not start")
    # Keep draining stderr, so the server never blocks on a full pipe.
    threading.Thread(target=lambda: [None for _ in process.stderr], daemon=True).start()
    return process, port


def shoot(browser, url, directory, name, action=None):
    """Screenshots of url at 1280 and 390 px, light and dark, after action(page)."""
    for width, height in ((1280, 900), (390, 844)):
        for scheme in ("light", "dark"):
            page = browser.new_page(viewport={"width": width, "height": height}, color_scheme=scheme)
            page.goto(url)
            page.wait_for_selector("#__errata-diagnostics")
            if action:
                action(page)
            page.wait_for_timeout(150)
            page.screenshot(path=os.path.join(directory, f"overlay-{name}-{width}-{scheme}.png"))
            page.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("--screenshots", default=tempfile.gettempdir())
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    os.makedirs(args.screenshots, exist_ok=True)

    folder = tempfile.mkdtemp(prefix="check-overlay.")
    process = None
    try:
        for name in ("Content", "Templates"):
            shutil.copytree(os.path.join(ROOT, name), os.path.join(folder, name))
        page_path = os.path.join(folder, PAGE)
        with open(page_path, encoding="utf-8") as f:
            good = f.read()
        lines = good.split("\n")
        value_line = lines.index(VALUE_LINE) + 1
        if STEPS not in good:
            sys.exit(f"check-overlay: {PAGE} no longer holds the steps this check empties")
        broken = good.replace(VALUE_LINE, VALUE_LINE[:-1], 1).replace(STEPS, "", 1)
        broken_line = VALUE_LINE[:-1]

        process, port = start_server(binary, folder)
        url = f"http://127.0.0.1:{port}/docs/errors/item/"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(url)
            page.wait_for_function("window.__errataLiveReload === true")
            page.wait_for_timeout(300)  # the event stream opens
            check(page.locator("#__errata-diagnostics").count() == 0, "a good build shows no overlay")

            with open(page_path, "w", encoding="utf-8") as f:
                f.write(broken)
            page.wait_for_selector("#__errata-diagnostics .panel", timeout=15000)

            print("== the overlay")
            title = page.locator("#__errata-diagnostics h2").inner_text()
            check(title == "Build failed: 1 error, 1 warning", f"the title counts both ({title!r})")
            cards = page.locator("#__errata-diagnostics li")
            check(cards.count() == 2, f"two findings ({cards.count()})")
            first = cards.nth(0)
            check("error" in (first.get_attribute("class") or ""), "the error comes first")
            message = first.locator(".message").inner_text()
            check(f"missing `,` after the value on line {value_line}" in message,
                  f"the message names the value's line {value_line} ({message!r})")
            location = first.locator(".location").inner_text()
            expected_location = f"{PAGE}:{value_line}:{len(broken_line.encode()) + 1}"
            check(location == expected_location, f"it points just past the value ({location!r})")
            check(first.locator(".source .text").inner_text() == broken_line,
                  "it quotes the source line")
            # The caret sits where the comma belongs: at the right edge of the line's text.
            text_box = first.locator(".source .text").bounding_box()
            caret_box = first.locator(".source .caret").bounding_box()
            check(abs(caret_box["x"] - (text_box["x"] + text_box["width"])) < 1.5,
                  f"the caret is under the column (caret x {caret_box['x']:.1f}, "
                  f"end of text {text_box['x'] + text_box['width']:.1f})")

            fold = page.locator("#__errata-diagnostics details.warnings")
            check(fold.count() == 1 and fold.get_attribute("open") is None, "the warnings are folded")
            check(fold.locator("summary").inner_text() == "1 warning", "into one line")
            warning = page.locator("#__errata-diagnostics details.warnings li")
            check(not warning.is_visible(), "the warning card is hidden while folded")
            fold.locator("summary").click()
            check(warning.is_visible(), "a click opens the warnings")
            check("empty-section" in warning.locator(".rule").inner_text(), "the warning is the empty section")

            print("== Esc")
            page.keyboard.press("Escape")
            check(page.locator("#__errata-diagnostics .panel").count() == 0, "Esc closes the overlay")
            badge = page.locator("#__errata-diagnostics .badge")
            check(badge.count() == 1 and badge.is_visible(), "a badge stays")
            check(badge.inner_text() == "Build failing: 1 error, 1 warning", f"saying so ({badge.inner_text()!r})")
            box = badge.bounding_box()
            check(box["width"] < 400 and box["height"] < 60, "the badge is small")
            check(page.evaluate("document.elementFromPoint(300, 300).closest('#__errata-diagnostics') === null"),
                  "the page under the badge can be used")
            badge.click()
            check(page.locator("#__errata-diagnostics .panel").count() == 1, "the badge opens the overlay again")
            page.keyboard.press("Escape")

            print("== screenshots")
            shoot(browser, url, args.screenshots, "errors")
            shoot(browser, url, args.screenshots, "warnings",
                  lambda p: p.locator("#__errata-diagnostics details.warnings summary").click())
            shoot(browser, url, args.screenshots, "badge", lambda p: p.keyboard.press("Escape"))

            print("== fixed")
            with open(page_path, "w", encoding="utf-8") as f:
                f.write(good)
            page.wait_for_function("document.getElementById('__errata-diagnostics') === null", timeout=15000)
            page.wait_for_load_state()
            page.wait_for_timeout(300)
            check(page.locator("#__errata-diagnostics").count() == 0, "fixing the file removes the badge")
            browser.close()
    finally:
        if process:
            process.terminate()
            process.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)

    print(f"screenshots in {args.screenshots}/overlay-*.png")
    if failures:
        print(f"check-overlay: {len(failures)} checks failed", file=sys.stderr)
        return 1
    print("check-overlay: passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
