"""Shared helpers for the checks of Scripts/check-site.sh."""
import html.parser
import os
import re

REFRESH = re.compile(r"""<meta\s[^>]*http-equiv\s*=\s*["']?refresh""", re.IGNORECASE)


def html_files(site):
    """Every .html file under site, as sorted paths relative to it."""
    found = []
    for folder, dirs, files in os.walk(site):
        dirs.sort()
        for name in files:
            if name.endswith(".html"):
                found.append(os.path.relpath(os.path.join(folder, name), site))
    return sorted(found)


def is_redirect(path):
    """A page that only sends the reader elsewhere (<meta http-equiv="refresh">)."""
    with open(path, encoding="utf-8", errors="replace") as f:
        return REFRESH.search(f.read()) is not None


def split_pages(site):
    """(pages, redirects): the site's HTML files, readable pages apart from redirects."""
    pages, redirects = [], []
    for rel in html_files(site):
        (redirects if is_redirect(os.path.join(site, rel)) else pages).append(rel)
    return pages, redirects


def url_path(rel):
    """The address a host serves a file at: docs/x/index.html -> docs/x/."""
    if rel == "index.html":
        return ""
    if rel.endswith("/index.html"):
        return rel[: -len("index.html")]
    return rel


class _Anchors(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is not None and (name == "id" or (tag == "a" and name == "name")):
                self.ids.add(value)


def anchors(path):
    """The fragment targets (id, a[name]) of an HTML file."""
    parser = _Anchors()
    with open(path, encoding="utf-8", errors="replace") as f:
        parser.feed(f.read())
    parser.close()
    return parser.ids


def resolve(site, path):
    """The file a host serves for a site-relative path (no query or fragment), or None."""
    candidate = os.path.normpath(os.path.join(site, path))
    if not (candidate == os.path.normpath(site) or candidate.startswith(os.path.normpath(site) + os.sep)):
        return None
    if path == "" or path.endswith("/"):
        candidate = os.path.join(candidate, "index.html")
    elif os.path.isdir(candidate):
        return None  # a host would redirect to the address with a slash; the site should link that one
    return candidate if os.path.isfile(candidate) else None


def write_summary(path, text):
    if path:
        with open(path, "a", encoding="utf-8") as f:
            f.write(text + "\n")
