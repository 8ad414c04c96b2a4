#!/usr/bin/env python3
"""Measures edit-to-reload latency of `errata serve`: the time from writing one
changed page until the preview's server-sent `reload` event arrives.

    Benchmarks/reload-latency.py [--binary .build/release/errata] [--runs 30]

It measures the real Content/ and a generated 10,000-code corpus (made with
generate-corpus.py under /tmp if missing), editing one page per run, and prints
the median, minimum and maximum for each. Everything runs on 127.0.0.1.
"""
import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def start_server(binary, content, templates, model):
    command = [binary, "serve", "--port", "0", "--content", content, "--templates", templates]
    if model:
        command += ["--model", model]
    server = subprocess.Popen(command, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    deadline = time.time() + 120
    while time.time() < deadline:
        line = server.stderr.readline()
        match = re.search(r"serving http://127\.0\.0\.1:(\d+)/", line)
        if match:
            return server, int(match.group(1))
    server.kill()
    sys.exit("errata serve did not start")


def open_events(port):
    """Connects to the event stream and returns a function that waits for the next event name."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    sock.sendall(b"GET /__errata/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
    buffer = b""

    def next_event():
        nonlocal buffer
        while True:
            while b"\n" in buffer:
                line, buffer = buffer.split(b"\n", 1)
                line = line.strip(b"\r")
                if line.startswith(b"event:"):
                    return line[6:].strip().decode()
            chunk = sock.recv(65536)
            if not chunk:
                raise RuntimeError("event stream closed")
            buffer += chunk

    return sock, next_event


def measure(binary, label, content, templates, model, page, runs):
    server, port = start_server(binary, content, templates, model)
    try:
        sock, next_event = open_events(port)
        assert next_event() in ("ok", "diagnostics")
        path = os.path.join(content, page)
        original = open(path, encoding="utf-8").read()
        latencies = []
        try:
            for run in range(runs):
                edited = original.replace("\n\n", f"\n\nEdit {run}.\n\n", 1) if run % 2 == 0 else original
                start = time.perf_counter()
                with open(path, "w", encoding="utf-8") as handle:
                    handle.write(edited)
                event = next_event()
                latencies.append((time.perf_counter() - start) * 1000)
                if event != "reload":
                    sys.exit(f"{label}: expected a reload, got {event}")
                time.sleep(0.05)
        finally:
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(original)
        sock.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    return latencies


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "errata"))
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--corpus", default="/tmp/errata-corpus-10000")
    args = parser.parse_args()
    if not os.path.exists(os.path.join(args.corpus, "model.json")):
        subprocess.run([sys.executable, os.path.join(HERE, "generate-corpus.py"), "--codes", "10000", "--out", args.corpus], check=True)
    templates = os.path.join(ROOT, "Templates")
    cases = [
        ("real Content/ (29 codes), item.md", os.path.join(ROOT, "Content"), None, "docs/errors/item.md"),
        ("10,000-code corpus, one page of 1,250 codes", os.path.join(args.corpus, "Content"),
         os.path.join(args.corpus, "model.json"), "docs/errors/type-03.md"),
    ]
    print(f"{'corpus':48} {'median':>9} {'min':>9} {'max':>9}  runs")
    for label, content, model, page in cases:
        latencies = measure(args.binary, label, content, templates, model, page, args.runs)
        print(f"{label:48} {statistics.median(latencies):7.1f}ms {min(latencies):7.1f}ms {max(latencies):7.1f}ms  {len(latencies)}")


if __name__ == "__main__":
    main()
