#!/usr/bin/env python3
"""Measures edit-to-reload latency of `errata serve`: the time from writing a page in
which one code's section changed until the preview's server-sent `reload` event arrives.

    Benchmarks/reload-latency.py [--binary .build/release/errata] [--runs 30]
                                 [--sizes 10000] [--corpus DIR] [--work /tmp/errata-bench]
                                 [--mode write|rename|both] [--no-real-content]

Cases: the real Content/ (page item.md) and, for each of --sizes, the corpus of that
many codes that run.py uses (generated into --work if missing), page type-03.md (an
eighth of the codes), or the corpus in --corpus instead. Each case serves a copy of
its content, so nothing is edited in place. Every run changes one word in the
description of the code in the middle of the page, and the next run puts it back.
The page is written the way an editor saves: `write` opens it, truncates it and writes
the whole text in one call; `rename` writes a temporary file beside it and renames it
over the page. After each `reload` the page is fetched to see that it shows the edit
(a watcher that fires on the truncation may publish a build of a half-written file
first); the latency is to the first `reload` whose site shows it. Extra reloads that
arrive in the next 300 ms are counted. A `diagnostics` event stops the run with its
text. Prints median, minimum and maximum per case. Everything runs on 127.0.0.1.
"""
import argparse
import http.client
import importlib.util
import os
import queue
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SETTLE = 0.3  # seconds to watch for extra reloads after the one that showed the edit
EDIT_TIMEOUT = 120  # seconds to wait for the reload of one edit
SERVER_LOG = None  # where the server's stderr goes (--server-log), else nowhere


class ReloadFailure(Exception):
    """The server did not answer an edit with a reload that shows it."""


def start_server(binary, content, templates, model):
    command = [binary, "serve", "--port", "0", "--content", content, "--templates", templates]
    if model:
        command += ["--model", model]
    server = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    deadline = time.time() + 300
    while time.time() < deadline:
        line = server.stderr.readline()
        if not line and server.poll() is not None:
            break
        match = re.search(r"serving http://127\.0\.0\.1:(\d+)/", line)
        if match:
            # Keep reading its stderr so that the server never blocks on a full pipe.
            # With --server-log, what it says is kept there (ERRATA_TIMINGS=1 adds each
            # rebuild's parse, check and render times).
            log = open(SERVER_LOG, "a") if SERVER_LOG else None

            def drain():
                for text in server.stderr:
                    if log:
                        log.write(text)
                        log.flush()
            threading.Thread(target=drain, daemon=True).start()
            return server, int(match.group(1))
    server.kill()
    raise ReloadFailure(f"`{' '.join(command)}` did not start serving")


class EventStream:
    """The server's event stream, read on a thread that stamps each event as it arrives."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=None)
        self.sock.sendall(b"GET /__errata/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
        self.events = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        buffer, name, data = b"", None, []
        try:
            while True:
                chunk = self.sock.recv(65536)
                arrived = time.perf_counter()
                if not chunk:
                    break
                buffer += chunk
                while b"\n" in buffer:
                    line, buffer = buffer.split(b"\n", 1)
                    line = line.rstrip(b"\r").decode("utf-8", "replace")
                    if line.startswith("event:"):
                        name = line[6:].strip()
                    elif line.startswith("data:"):
                        data.append(line[5:].strip())
                    elif not line and name:
                        self.events.put((arrived, name, "\n".join(data)))
                        name, data = None, []
        except OSError:
            pass
        self.events.put((time.perf_counter(), "closed", ""))

    def next(self, timeout):
        """(arrival time, name, data) of the next event, or None after `timeout` seconds."""
        try:
            return self.events.get(timeout=timeout)
        except queue.Empty:
            return None

    def close(self):
        self.sock.close()


def edited_section(text, marker):
    """`text` with the first word of the description of the middle code (`### NAME`) replaced by `marker`."""
    headings = [match.end() for match in re.finditer(r"^### .*\n", text, re.MULTILINE)]
    if not headings:
        raise ReloadFailure("the page has no `### CODE` section to edit")
    start = headings[len(headings) // 2]
    paragraph = re.compile(r"\n*([A-Za-z]+)").match(text, start)  # the first paragraph after the heading
    if not paragraph:
        raise ReloadFailure("the middle code's section does not start with a paragraph")
    return text[:paragraph.start(1)] + marker + text[paragraph.end(1):]


def write_page(path, data, mode):
    """Saves `data` at `path` as an editor does: one write after truncating, or a rename over it."""
    if mode == "write":
        descriptor = os.open(path, os.O_WRONLY | os.O_TRUNC)
        target = path
    else:
        target = os.path.join(os.path.dirname(path), "." + os.path.basename(path) + ".errata-bench~")
        descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view):]
    finally:
        os.close(descriptor)
    if mode == "rename":
        os.rename(target, path)


def fetch(port, url):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", url)
        response = connection.getresponse()
        return response.read().decode("utf-8", "replace")
    finally:
        connection.close()


def page_url(page):
    """The address errata serves a content page at: docs/errors/item.md → /docs/errors/item/."""
    stem = page[:-3]
    if os.path.basename(stem) == "_index":
        stem = os.path.dirname(stem)
    return "/" + stem + ("/" if stem else "")


def measure(binary, content, templates, model, page, runs, mode="write"):
    """Serves a copy of `content` and times `runs` edits of one code's section in `page`.
    Returns (latencies in ms, number of extra reloads)."""
    with tempfile.TemporaryDirectory(prefix="errata-reload-") as scratch:
        copy = os.path.join(scratch, "Content")
        shutil.copytree(content, copy)
        server, port = start_server(binary, copy, templates, model)
        try:
            events = EventStream(port)
            first = events.next(300)
            if not first or first[1] not in ("ok", "diagnostics"):
                raise ReloadFailure(f"the event stream opened with {first and first[1]}, not ok")
            if first[1] == "diagnostics":
                raise ReloadFailure(f"the site does not build before any edit:\n{first[2][:2000]}")
            path, url = os.path.join(copy, page), page_url(page)
            original = open(path, encoding="utf-8").read()
            if "Edited0" in original:
                raise ReloadFailure(f"{page} already holds the edit marker")
            latencies, extra = [], 0
            for run in range(runs):
                marker = f"Edited{run - run % 2}"
                text = edited_section(original, marker) if run % 2 == 0 else original
                start = time.perf_counter()
                write_page(path, text.encode("utf-8"), mode)
                deadline = start + EDIT_TIMEOUT
                while True:
                    event = events.next(max(0.0, deadline - time.perf_counter()))
                    if event is None:
                        raise ReloadFailure(f"run {run + 1}: no reload showing the edit within {EDIT_TIMEOUT} s")
                    arrived, name, data = event
                    if name == "diagnostics":
                        raise ReloadFailure(f"run {run + 1}: the edit was answered with diagnostics:\n{data[:2000]}")
                    if name == "closed":
                        raise ReloadFailure(f"run {run + 1}: the event stream closed")
                    if name != "reload":
                        continue
                    if (marker in fetch(port, url)) == (run % 2 == 0):
                        latencies.append((arrived - start) * 1000)
                        break
                    extra += 1  # a build of the page before the whole of the edit was read
                settle = time.perf_counter() + SETTLE
                while (event := events.next(max(0.0, settle - time.perf_counter()))) is not None:
                    if event[1] == "diagnostics":
                        raise ReloadFailure(f"run {run + 1}: a second build after the edit failed:\n{event[2][:2000]}")
                    extra += event[1] == "reload"
            events.close()
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    return latencies, extra


def summary(latencies):
    return statistics.median(latencies), min(latencies), max(latencies)


def corpus_for(work, size):
    """The corpus run.py uses for `size` codes, generated if missing."""
    spec = importlib.util.spec_from_file_location("errata_bench_run", os.path.join(HERE, "run.py"))
    run = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run)
    return run.corpus(work, size)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "errata"))
    parser.add_argument("--runs", type=int, default=30, help="edits per case (each other one puts the word back)")
    parser.add_argument("--sizes", default="10000", help="comma-separated code counts of the corpora to serve")
    parser.add_argument("--corpus", help="serve this corpus folder (Content/ and model.json) instead of --sizes")
    parser.add_argument("--work", default="/tmp/errata-bench", help="where run.py keeps its corpora")
    parser.add_argument("--page", default="docs/errors/type-03.md", help="the corpus page to edit")
    parser.add_argument("--mode", choices=["write", "rename", "both"], default="write",
                        help="how the page is saved: truncate and write, or write beside it and rename")
    parser.add_argument("--no-real-content", action="store_true", help="skip the real Content/ case")
    parser.add_argument("--templates", default=os.path.join(ROOT, "Templates"))
    parser.add_argument("--server-log", help="append the server's stderr to this file")
    args = parser.parse_args()
    global SERVER_LOG
    SERVER_LOG = args.server_log
    binary = os.path.abspath(args.binary)
    cases = [] if args.no_real_content else [("real Content/, item.md", os.path.join(ROOT, "Content"), None, "docs/errors/item.md")]
    if args.corpus:
        corpora = [(f"corpus {args.corpus}", os.path.abspath(args.corpus))]
    else:
        corpora = [(f"{int(size):,} codes", corpus_for(os.path.abspath(args.work), int(size)))
                   for size in args.sizes.split(",") if size]
    for label, folder in corpora:
        cases.append((f"{label}, {os.path.basename(args.page)}", os.path.join(folder, "Content"),
                      os.path.join(folder, "model.json"), args.page))
    modes = ["write", "rename"] if args.mode == "both" else [args.mode]
    print(f"{'case':40} {'save':7} {'median':>9} {'min':>9} {'max':>9}  runs  extra reloads")
    for label, content, model, page in cases:
        for mode in modes:
            try:
                latencies, extra = measure(binary, content, args.templates, model, page, args.runs, mode)
            except ReloadFailure as failure:
                sys.exit(f"reload-latency.py: {label} ({mode}): {failure}")
            median, low, high = summary(latencies)
            print(f"{label:40} {mode:7} {median:7.1f}ms {low:7.1f}ms {high:7.1f}ms  {len(latencies):4}  {extra}", flush=True)


if __name__ == "__main__":
    main()
