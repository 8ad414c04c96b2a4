"""Serve a built site on 127.0.0.1 the way a static host does.

Python's http.server, plus two things a host does: a missing path gets the site's
404.html with status 404, and every response carries the "LinkChecker" header, which
lifts linkchecker's default limit of 10 requests a second for this local server. With
PREFIX (/project/docs/), the site is served under that path, as a project site is, and
every other path is missing.

Usage: serve.py PORT DIRECTORY [PREFIX]
"""
import functools
import http.server
import os
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"

    def translate_path(self, path):
        if not path.startswith(self.prefix):
            return os.path.join(self.directory, ".outside-the-prefix", "missing")
        return super().translate_path("/" + path[len(self.prefix):])

    def end_headers(self):
        self.send_header("LinkChecker", "local")
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        page = os.path.join(self.directory, "404.html")
        if code != 404 or not os.path.isfile(page):
            return super().send_error(code, message, explain)
        with open(page, "rb") as f:
            body = f.read()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):
        pass


def main():
    port, directory = int(sys.argv[1]), sys.argv[2]
    if len(sys.argv) > 3:
        Handler.prefix = "/" + sys.argv[3].strip("/") + "/" if sys.argv[3].strip("/") else "/"
    handler = functools.partial(Handler, directory=directory)
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        server.serve_forever()


if __name__ == "__main__":
    main()
