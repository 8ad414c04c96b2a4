"""Links and anchors, as a reader follows them and as a host serves them.

crawl:    linkchecker (AnchorCheck on, the site's own links only) against the site served
          on 127.0.0.1, starting at the root, 404.html and every short-address redirect page
          (nothing links to those, and their meta refresh targets are checked as links);
          then the addresses in the search index and errors.json, which only scripts and
          API clients follow.
base-url: in a site built with --base-url, every absolute address under that URL
          (canonical links, sitemap.xml, 404.html) must name a file of the site, and
          its #anchor an id of that file.

Prints each broken link or missing anchor and the totals; exit status 1 on any.

Usage: links.py crawl --site DIR --url http://127.0.0.1:PORT/ --config RC [--summary FILE]
       links.py base-url --site DIR --base https://example.com/ [--summary FILE]
"""
import argparse
import csv
import html.parser
import io
import json
import os
import re
import subprocess
import sys
import urllib.parse
import xml.etree.ElementTree as ET

from common import anchors, html_files, is_redirect, resolve, url_path, write_summary


class Target:
    """Resolves site-relative addresses to files and checks their anchors, with a cache."""

    def __init__(self, site):
        self.site = site
        self._anchors = {}

    def problem(self, path, fragment):
        """None when path#fragment is served by the site, else what is wrong."""
        path = urllib.parse.unquote(path)
        file = resolve(self.site, path)
        if file is None:
            return "no such page"
        if fragment:
            if file not in self._anchors:
                self._anchors[file] = anchors(file) if file.endswith(".html") else set()
            if urllib.parse.unquote(fragment) not in self._anchors[file]:
                return f"no anchor #{fragment} on the page"
        return None


def check_index_addresses(site):
    """(checked, problems) for the site-relative addresses in the search index and errors.json."""
    target = Target(site)
    sources = []
    for folder, _, names in os.walk(site):
        for name in sorted(names):
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, site)
            if name.startswith("search-index") and name.endswith(".js"):
                text = open(path, encoding="utf-8").read()
                body = text[text.index("["): text.rindex("]") + 1]
                sources += [(rel, e.get("code", "?"), "url", e["url"]) for e in json.loads(body) if "url" in e]
            elif name == "errors.json":
                data = json.load(open(path, encoding="utf-8"))
                for e in data.get("codes", []):
                    for key in ("url", "short_url"):
                        if isinstance(e.get(key), str):
                            sources.append((rel, e.get("code", "?"), key, e[key]))
    problems = []
    for rel, code, key, address in sources:
        parts = urllib.parse.urlsplit(address)
        if parts.scheme or parts.netloc or address.startswith("/"):
            problems.append(f"{rel}: {code} {key} {address}: not a site-relative address")
            continue
        problem = target.problem(parts.path, parts.fragment)
        if problem:
            problems.append(f"{rel}: {code} {key} {address}: {problem}")
    return len(sources), problems


def crawl(args):
    site, base = args.site, args.url.rstrip("/") + "/"
    starts = [base, base + "404.html"]
    starts += [base + url_path(rel) for rel in html_files(site)
               if rel not in ("index.html", "404.html") and is_redirect(os.path.join(site, rel))]
    run = subprocess.run(
        ["linkchecker", "--no-status", "--verbose", "--config", args.config, "-o", "csv", *starts],
        capture_output=True, text=True,
    )
    if run.returncode not in (0, 1):
        print("  linkchecker failed:", run.stderr.strip()[-2000:], file=sys.stderr)
        return 2
    # The CSV log has "# " comment lines before its header and after its last row; an
    # anchor-only link ("#main-content") also starts a row with "#", so keep the middle.
    lines = run.stdout.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.startswith("urlname;")), len(lines))
    end = len(lines)
    while end > start and lines[end - 1].startswith("# "):
        end -= 1
    rows = list(csv.DictReader(io.StringIO("".join(lines[start:end])), delimiter=";"))
    if not rows:
        print("  linkchecker reported nothing:", run.stderr.strip()[-2000:], file=sys.stderr)
        return 2

    def short(url):
        return url[len(base) - 1:] if url.startswith(base) else url

    broken = anchors_missing = other_warnings = 0
    for row in rows:
        where = short(row["parentname"]) or "(start)"
        if row["line"]:
            where += f":{row['line']}"
        if row["valid"] != "True":
            broken += 1
            print(f"  broken: {short(row['url']) or row['urlname']} ({row['result']}) linked from {where}")
        for warning in filter(None, row["warningstring"].split("\n")):
            if "Anchor" in warning:
                anchors_missing += 1
                print(f"  missing anchor: {row['urlname']} linked from {where}: {warning.split('. Available')[0]}")
            else:
                other_warnings += 1
    print(f"  linkchecker: {len(rows)} URLs from {len(starts)} start pages, {broken} broken, "
          f"{anchors_missing} missing anchors, {other_warnings} other warnings")

    checked, problems = check_index_addresses(site)
    for p in problems:
        print(f"  broken: {p}")
    print(f"  search index and errors.json: {checked} addresses, {len(problems)} broken")

    write_summary(args.summary, f"links_checked={len(rows) + checked}")
    write_summary(args.summary, f"links_broken={broken + anchors_missing + len(problems)}")
    return 1 if broken or anchors_missing or problems else 0


class _Urls(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and name in ("href", "src", "action"):
                self.urls.append((self.getpos()[0], value))
            elif value and name == "content" and tag == "meta":
                match = re.match(r"(?i)\s*\d+\s*;\s*url\s*=\s*(.+)", value)
                if match:
                    self.urls.append((self.getpos()[0], match.group(1).strip("'\" ")))


def base_url(args):
    site, base = args.site, args.base
    if not base.endswith("/"):
        base += "/"
    target = Target(site)
    found = []  # (where, address)
    for rel in html_files(site):
        parser = _Urls()
        parser.feed(open(os.path.join(site, rel), encoding="utf-8").read())
        found += [(f"{rel}:{line}", url) for line, url in parser.urls]
    problems = []
    sitemap = os.path.join(site, "sitemap.xml")
    if not os.path.isfile(sitemap):
        problems.append("sitemap.xml: missing")
    else:
        try:
            root = ET.parse(sitemap).getroot()
            ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
            if root.tag != ns + "urlset":
                problems.append(f"sitemap.xml: root element is {root.tag}, not {ns}urlset")
            locs = [loc.text or "" for loc in root.iter(ns + "loc")]
            if not locs:
                problems.append("sitemap.xml: no <loc>")
            for loc in locs:
                if not loc.startswith(base):
                    problems.append(f"sitemap.xml: {loc}: not under {base}")
                elif urllib.parse.urlsplit(loc).fragment:
                    problems.append(f"sitemap.xml: {loc}: a sitemap address has no #fragment")
                else:
                    rel = urllib.parse.unquote(urllib.parse.urlsplit(loc).path[len(urllib.parse.urlsplit(base).path):])
                    file = resolve(site, rel)
                    if file and is_redirect(file):
                        problems.append(f"sitemap.xml: {loc}: a redirect page, which should not be listed")
                    elif rel == "404.html":
                        problems.append(f"sitemap.xml: {loc}: the 404 page should not be listed")
            found += [("sitemap.xml", loc) for loc in locs]
        except ET.ParseError as error:
            problems.append(f"sitemap.xml: not well-formed XML: {error}")
    checked = 0
    for where, url in found:
        if not url.startswith(base):
            continue
        checked += 1
        parts = urllib.parse.urlsplit(url)
        problem = target.problem(parts.path[len(urllib.parse.urlsplit(base).path):], parts.fragment)
        if problem:
            problems.append(f"{where}: {url}: {problem}")
    for p in problems:
        print(f"  broken: {p}")
    print(f"  absolute addresses under {base}: {checked} checked, {len(problems)} problems")
    write_summary(args.summary, f"base_checked={checked}")
    write_summary(args.summary, f"base_broken={len(problems)}")
    return 1 if problems else 0


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    c = sub.add_parser("crawl")
    c.add_argument("--site", required=True)
    c.add_argument("--url", required=True)
    c.add_argument("--config", required=True)
    c.add_argument("--summary")
    b = sub.add_parser("base-url")
    b.add_argument("--site", required=True)
    b.add_argument("--base", required=True)
    b.add_argument("--summary")
    args = parser.parse_args()
    return crawl(args) if args.command == "crawl" else base_url(args)


if __name__ == "__main__":
    sys.exit(main())
