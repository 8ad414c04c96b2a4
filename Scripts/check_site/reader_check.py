"""What a reader's browser does with the site: headless Chromium through Playwright.

not-found  an address that names a code, in any case or one misspelling away, goes from
           404.html straight to the code's section; a code two edits away is offered as a
           link; the page's links lead to the overview. At the root and two folders deep
           under a prefix (the site served as a project site), without --base-url; and at
           the base URL (the browser's requests to it answered from the --base-url build).
search     a typo in one word ("acess"), an HTTP status number ("400") and reason phrase
           ("bad request", "http 400"), a word of a description; every result shows the
           first sentence of its code's description.
copy-link  each code's "copy link" button copies its absolute short address (the page's
           origin without a base URL, the base URL with one) and says so to screen
           readers; the self-link is at least 24 x 24 px.
phone      at 390 px the first code of a type page starts within the first screen, no code
           title is wider than its box, wrapped sample lines continue under their hanging
           indent, and the search button opens the search from halfway down the page.

Prints one line per failed expectation and a total; exit status 1 on any failure.

Usage: reader_check.py --site DIR --site-base DIR --base https://example.com/ [--summary FILE]
"""
import argparse
import asyncio
import json
import mimetypes
import os
import socket
import subprocess
import sys
import time
import urllib.parse

from playwright.async_api import Error as PlaywrightError, async_playwright

from common import resolve, write_summary

CHROMIUM = os.environ.get("CHECK_SITE_CHROMIUM", "/usr/bin/chromium")
HERE = os.path.dirname(os.path.abspath(__file__))
PREFIX = "/project/reference/"


class Checks:
    def __init__(self):
        self.run = 0
        self.failed = []

    def expect(self, condition, what):
        self.run += 1
        if not condition:
            self.failed.append(what)
            print(f"  FAILED: {what}")


def catalog(site):
    with open(os.path.join(site, "docs/errors/errors.json"), encoding="utf-8") as f:
        return json.load(f)


def search_index(site):
    folder = os.path.join(site, "assets")
    name = next(n for n in sorted(os.listdir(folder)) if n.startswith("search-index."))
    with open(os.path.join(folder, name), encoding="utf-8") as f:
        text = f.read()
    return json.loads(text[text.index("=") + 1:].strip().rstrip(";"))


def serve(site, prefix):
    """A serve.py process for site under prefix, and its base address."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    process = subprocess.Popen([sys.executable, os.path.join(HERE, "serve.py"), str(port), site, prefix])
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    return process, f"http://127.0.0.1:{port}{prefix}"


async def answer_from(site, base, route):
    """Answers a request under base from the files of site, as a host with 404.html would."""
    path = urllib.parse.unquote(urllib.parse.urlsplit(route.request.url).path)
    base_path = urllib.parse.urlsplit(base).path
    file = resolve(site, path[len(base_path):]) if path.startswith(base_path) else None
    status = 200
    if file is None:
        file, status = os.path.join(site, "404.html"), 404
    with open(file, "rb") as f:
        body = f.read()
    await route.fulfill(status=status, body=body, content_type=mimetypes.guess_type(file)[0] or "text/html")


async def final_url(page, url):
    """Where the browser ends up after opening url and every redirect it is sent on.

    The page left behind may still be on its way somewhere (a not-found page's script
    asks the host for a file before it redirects): a navigation it starts while `url`
    loads interrupts that load, so `url` is opened again. The page must then be done
    with the network before its address counts as settled."""
    for attempt in range(3):
        try:
            await page.goto(url, wait_until="load")
            break
        except PlaywrightError as error:
            if "interrupted by another navigation" not in str(error) or attempt == 2:
                raise
    await page.wait_for_load_state("networkidle")
    for _ in range(20):
        before = page.url
        await page.wait_for_timeout(150)
        if page.url == before:
            break
    return page.url


async def check_not_found(browser, checks, base, codes, label, origin_site=None):
    context = await browser.new_context()
    if origin_site:
        await context.route(base + "**", lambda route: answer_from(origin_site, base, route))
    page = await context.new_page()
    try:
        code = "INVALID_API_KEYS"
        expected = base + codes[code]
        cases = [
            ("lower case", f"docs/errors/{code.lower()}/"),
            ("exact, no slash", f"docs/errors/{code}"),
            ("mixed case, .html", f"docs/errors/Invalid_Api_Keys.html"),
            ("one letter missing", f"docs/errors/{code[:-1]}/"),
            ("two letters swapped", "docs/errors/INVALDI_API_KEYS/"),
            ("hyphens for underscores", "docs/errors/invalid-api-keys/"),
            ("under a type's folder", f"docs/errors/item/{code.lower()}/"),
            ("outside the reference's folder", f"somewhere/else/{code.lower()}"),
        ]
        for what, path in cases:
            reached = await final_url(page, base + path)
            checks.expect(reached == expected, f"{label}: {what}: {base + path} leads to {reached}, not {expected}")

        url = base + "docs/errors/INVALID_API_KYES_X/"
        reached = await final_url(page, url)
        checks.expect(reached == url, f"{label}: a code two edits away stays on the not-found page ({reached})")
        links = await page.eval_on_selector_all(".not-found-nearest a", "links => links.map(a => [a.textContent, a.href])")
        checks.expect([code, expected] in [list(link) for link in links],
                      f"{label}: {url} offers {code} at {expected} (offers {links})")
        home = await page.eval_on_selector("a.brand", "a => a.href")
        checks.expect(home == base + "docs/errors/", f"{label}: the not-found page's brand leads to {home}")
        action = await page.eval_on_selector("form.not-found-search", "f => f.action")
        checks.expect(action == base + "docs/errors/", f"{label}: the not-found search goes to {action}")
    finally:
        await context.close()


async def results(page, query):
    field = page.locator("#site-search-input")
    await field.fill("")
    await field.press_sequentially(query)
    await page.wait_for_timeout(100)
    return await page.eval_on_selector_all(
        "#site-search-results [role=option]",
        """options => options.map(o => ({
            code: o.querySelector('.result-code').textContent,
            summary: (o.querySelector('.result-summary') || {}).textContent || '',
            status: (o.querySelector('.result-status') || {}).textContent || ''}))""")


async def check_search(browser, checks, base, index):
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    try:
        await page.goto(base + "docs/errors/", wait_until="load")
        summaries = {entry["code"]: entry["summary"] for entry in index}
        found = await results(page, "acess")
        checks.expect(found and all("ACCESS" in r["code"] for r in found),
                      f"search: 'acess' finds the ACCESS codes ({[r['code'] for r in found]})")
        found = await results(page, "invalid_acess_tokn")
        checks.expect(found and found[0]["code"] == "INVALID_ACCESS_TOKEN",
                      f"search: 'invalid_acess_tokn' finds INVALID_ACCESS_TOKEN first ({[r['code'] for r in found][:3]})")
        statuses = sorted({entry["status"] for entry in index if entry["status"]})
        for query in [str(statuses[0]), "http " + str(statuses[0]), "bad request", "Bad Request"]:
            found = await results(page, query)
            checks.expect(found and all(str(statuses[0]) in r["status"] for r in found),
                          f"search: '{query}' finds the codes of HTTP {statuses[0]} ({len(found)})")
        found = await results(page, "unauthorized")
        checks.expect(any(r["code"].startswith("UNAUTHORIZED") for r in found), "search: 'unauthorized' finds UNAUTHORIZED_*")
        await results(page, "not found")
        note = await page.text_content(".search-note")
        checks.expect(note and "HTTP" in note, f"search: 'not found' says which statuses the codes have ({note!r})")
        # A word that only a description has.
        entry = next(e for e in index if e["summary"])
        words = [w.strip(".,()").lower() for w in entry["summary"].split() if len(w) > 7]
        word = next((w for w in words if w.isalpha() and not any(w in (e["message"] + e["code"] + e["typeTitle"]).lower() for e in index)), None)
        if word:
            found = await results(page, word)
            checks.expect(entry["code"] in [r["code"] for r in found], f"search: '{word}' (from a description) finds {entry['code']}")
        found = await results(page, "invalid")
        checks.expect(found and all(r["summary"] == summaries[r["code"]] for r in found),
                      "search: every result shows the first sentence of its code's description")
        checks.expect(any(r["summary"] for r in found), "search: results have description lines")
    finally:
        await context.close()


async def check_copy_link(browser, checks, base, type_route, first_code, expected_url, label, origin_site=None):
    context = await browser.new_context(viewport={"width": 1280, "height": 900})
    if origin_site:
        await context.route(base + "**", lambda route: answer_from(origin_site, base, route))
    await context.grant_permissions(["clipboard-read", "clipboard-write"], origin=urllib.parse.urljoin(base, "/"))
    page = await context.new_page()
    try:
        await page.goto(base + type_route, wait_until="load")
        button = page.locator(f"#{first_code.lower()} .copy-link")
        checks.expect(await button.count() == 1, f"{label}: {first_code} has a copy-link button")
        name = await button.evaluate("b => b.textContent")
        checks.expect(name == f"Copy link to {first_code}", f"{label}: the button's name is {name!r}")
        await button.click()
        copied = await page.evaluate("navigator.clipboard.readText()")
        checks.expect(copied == expected_url, f"{label}: copy link copies {copied!r}, not {expected_url!r}")
        await page.wait_for_timeout(200)
        spoken = await page.eval_on_selector_all("[role=status]", "r => r.map(e => e.textContent).join(' ')")
        checks.expect(f"Copied the link to {first_code}" in spoken, f"{label}: the copy is announced ({spoken!r})")
        for width in (1280, 390):
            await page.set_viewport_size({"width": width, "height": 844})
            box = await page.locator(f"#{first_code.lower()} .self-link").bounding_box()
            checks.expect(box and box["width"] >= 24 and box["height"] >= 24,
                          f"{label}: the self-link is at least 24 x 24 px at {width} px ({box})")
    finally:
        await context.close()


async def check_phone(browser, checks, base, type_route):
    context = await browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = await context.new_page()
    try:
        await page.goto(base + type_route, wait_until="load")
        top = await page.eval_on_selector(".error-code", "e => e.getBoundingClientRect().top")
        checks.expect(top < 844, f"phone: the first code of {type_route} starts at y = {top}, below the first screen")
        wide = await page.eval_on_selector_all(".code-title code", "cs => cs.filter(c => c.scrollWidth > c.clientWidth + 1).length")
        checks.expect(wide == 0, f"phone: {wide} code titles are wider than their box")
        # Samples wrap with a hanging indent: a continuation starts right of its line's own start.
        bad = await page.eval_on_selector_all(".sample .line", """lines => lines.filter(line => {
            const range = document.createRange();
            range.selectNodeContents(line);
            const boxes = [...range.getClientRects()].filter(r => r.width > 0);
            if (boxes.length < 2) return false;
            // A continuation must start right of where its line starts (at least one indent deeper).
            const ch = parseFloat(getComputedStyle(line).fontSize) * 0.55;  // about a monospace column
            const deeper = (line.textContent.match(/^ */)[0].length + 1) * ch;
            return boxes.some(b => b.top > boxes[0].top + 1 && b.left < boxes[0].left + deeper - 1);
        }).length""")
        wrapped = await page.eval_on_selector_all(".sample .line", "lines => lines.filter(l => l.getClientRects()[0].height > 30).length")
        checks.expect(wrapped > 0, "phone: some sample lines wrap at 390 px (the hanging indent is exercised)")
        checks.expect(bad == 0, f"phone: {bad} wrapped sample lines continue left of their hanging indent")
        await page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
        await page.locator(".search-toggle").click()
        focused = await page.evaluate("document.activeElement && document.activeElement.id")
        checks.expect(focused == "site-search-input", f"phone: the search button halfway down the page opens the search ({focused})")
    finally:
        await context.close()


async def run(args, checks):
    codes = {c["code"]: c["url"] for c in catalog(args.site)["codes"]}
    index = search_index(args.site)
    type_route = codes["INVALID_API_KEYS"].split("#")[0]
    page_codes = [e["code"] for e in index if e["url"].split("#")[0] == type_route]
    first_code = sorted(page_codes, key=lambda c: index.index(next(e for e in index if e["code"] == c)))[0]
    servers = []
    try:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            try:
                for prefix in ["/", PREFIX]:
                    process, base = serve(args.site, prefix)
                    servers.append(process)
                    await check_not_found(browser, checks, base, codes, f"not-found under {prefix}")
                    await check_copy_link(browser, checks, base, type_route, first_code,
                                          base + f"docs/errors/{first_code}/", f"copy-link under {prefix}")
                    if prefix == "/":
                        await check_search(browser, checks, base, index)
                        await check_phone(browser, checks, base, type_route)
                await check_not_found(browser, checks, args.base, codes, "not-found at the base URL", args.site_base)
                await check_copy_link(browser, checks, args.base, type_route, first_code,
                                      args.base + f"docs/errors/{first_code}/", "copy-link with --base-url", args.site_base)
            finally:
                await browser.close()
    finally:
        for process in servers:
            process.terminate()
            process.wait()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", required=True)
    parser.add_argument("--site-base", required=True)
    parser.add_argument("--base", required=True)
    parser.add_argument("--summary")
    args = parser.parse_args()
    args.base = args.base.rstrip("/") + "/"
    checks = Checks()
    asyncio.run(run(args, checks))
    print(f"  reader: {checks.run} expectations, {len(checks.failed)} failed")
    write_summary(args.summary, f"reader_checks={checks.run}")
    write_summary(args.summary, f"reader_failed={len(checks.failed)}")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
