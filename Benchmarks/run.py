#!/usr/bin/env python3
"""Benchmarks errata against its floor, the cmark-gfm CLI and Hugo on generated corpora.

    Benchmarks/run.py [--sizes 1000,10000,50000] [--runs 5] [--work /tmp/errata-bench]
                      [--tools errata-build,errata-check,floor,cmark-gfm,hugo]
                      [--timeout 300] [--outputs DIR] [--keep-outputs] [--skip-build] [--errata BIN] [--templates DIR]

It builds the release `errata` and Benchmarks/Floor, generates one corpus per size with
generate-corpus.py (kept in the work folder, keyed by a hash of the generator and its
arguments), then for each size runs every tool once untimed and then --runs times,
round-robin (run 1 of every tool, then run 2, ...). Each run is one fork/exec measured
with wait4: wall time, CPU time (user + system) and peak resident memory. Every tool
writes into the same output folder on every run (errata swaps in a staging folder;
Hugo overwrites), by default on tmpfs: on a VM disk, creating and removing errata's
10,000s of files costs more than errata's own CPU time and varies from run to run.
It prints a Markdown table and the ratios the targets are about; see Benchmarks/README.md.
"""
import argparse
import datetime
import hashlib
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GENERATOR = os.path.join(HERE, "generate-corpus.py")
FLOOR_PACKAGE = os.path.join(HERE, "Floor")
HUGO_SITE = os.path.join(HERE, "hugo")
CMARK_EXTENSIONS = ["-e", "table", "-e", "autolink", "-e", "strikethrough", "-e", "tagfilter"]
ALL_TOOLS = ["errata-build", "errata-check", "floor", "cmark-gfm", "hugo"]


# --- building ------------------------------------------------------------------------

def swift_build(args, cwd):
    print(f"$ swift build {' '.join(args)}", file=sys.stderr, flush=True)
    if subprocess.run(["swift", "build", *args], cwd=cwd, stdout=sys.stderr).returncode:
        sys.exit(f"run.py: swift build {' '.join(args)} failed")
    return subprocess.run(["swift", "build", *args, "--show-bin-path"], cwd=cwd, check=True,
                          capture_output=True, text=True).stdout.strip()


def build(skip, errata):
    """Builds (unless skip) and returns the paths of errata (unless given) and floor."""
    if skip:
        return (errata or os.path.join(ROOT, ".build/release/errata"),
                os.path.join(FLOOR_PACKAGE, ".build/release/floor"))
    if not errata:
        errata = os.path.join(swift_build(["-c", "release", "--product", "errata"], ROOT), "errata")
    floor_bin = swift_build(["-c", "release", "--package-path", FLOOR_PACKAGE], ROOT)
    return errata, os.path.join(floor_bin, "floor")


# --- corpora -------------------------------------------------------------------------

def corpus(work, codes):
    """Returns the folder of the corpus of `codes` codes, generating it unless it exists."""
    args = ["--codes", str(codes), "--types", "8", "--seed", "1"]
    with open(GENERATOR, "rb") as generator:
        key = hashlib.sha256(generator.read() + " ".join(args).encode()).hexdigest()[:12]
    folder = os.path.join(work, f"corpus-{codes}-{key}")
    if not os.path.exists(os.path.join(folder, ".complete")):
        print(f"generating {folder}", file=sys.stderr, flush=True)
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([sys.executable, GENERATOR, *args, "--out", folder], check=True)
        open(os.path.join(folder, ".complete"), "w").close()
    # Hugo reads the corpus in place: its Content as content, model.json as data.
    with open(os.path.join(folder, "hugo-corpus.toml"), "w") as config:
        config.write(f'resourceDir = "{work}/hugo-resources"\n'
                     f'[[module.mounts]]\nsource = "{folder}/Content"\ntarget = "content"\n'
                     f'[[module.mounts]]\nsource = "{folder}"\ntarget = "data"\nincludeFiles = "/model.json"\n'
                     f'[[module.mounts]]\nsource = "layouts"\ntarget = "layouts"\n')
    return folder


def markdown_files(folder):
    found = []
    for directory, _, names in os.walk(folder):
        found += [os.path.join(directory, name) for name in names if name.endswith(".md")]
    return sorted(found)


# --- measuring -----------------------------------------------------------------------

class Run:
    def __init__(self, wall, cpu, rss_mib, status):
        self.wall, self.cpu, self.rss_mib, self.status = wall, cpu, rss_mib, status


def measure(argv, stdout_path, stderr_path, timeout):
    """Runs argv once; returns a Run. status is the exit code, -N for signal N, or 'timeout'."""
    timed_out = False

    def on_alarm(signum, frame):
        nonlocal timed_out
        timed_out = True
        os.killpg(pid, signal.SIGKILL)

    start = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # child
        try:
            os.setpgid(0, 0)
            signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # Python ignores it; exec would keep that
            out = os.open(stdout_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            err = os.open(stderr_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(out, 1)
            os.dup2(err, 2)
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    try:
        os.setpgid(pid, pid)  # as the child does: whichever runs first
    except OSError:
        pass
    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        _, wait_status, usage = os.wait4(pid, 0)  # retried after the alarm handler (PEP 475)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    wall = time.perf_counter() - start
    status = "timeout" if timed_out else os.waitstatus_to_exitcode(wait_status)
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, status)


def commands(tools, errata, templates, floor, folder, out):
    """The command line of each tool for one corpus; `out` holds their output folders."""
    content, model = os.path.join(folder, "Content"), os.path.join(folder, "model.json")
    every = {
        "errata-build": [errata, "build", "--content", content, "--model", model,
                         "--templates", templates, "--output", os.path.join(out, "errata")],
        "errata-check": [errata, "check", "--content", content, "--model", model],
        "floor": [floor, content],
        "cmark-gfm": ["cmark-gfm", *CMARK_EXTENSIONS, *markdown_files(content)],
        "hugo": ["hugo", "--quiet", "--noBuildLock", "-s", HUGO_SITE,
                 "--config", f"{HUGO_SITE}/hugo.toml,{folder}/hugo-corpus.toml",
                 "--cacheDir", os.path.join(os.path.dirname(folder), "hugo-cache"), "-d", os.path.join(out, "hugo")],
    }
    return {tool: every[tool] for tool in tools}


def bench_size(size, tools, errata, templates, floor, work, outputs, runs, timeout, keep_outputs):
    """Warms up and then times every tool on the corpus of `size` codes; returns {tool: [Run]}."""
    folder = corpus(work, size)
    out = os.path.join(outputs, f"out-{size}")
    logs = os.path.join(work, "logs")
    os.makedirs(out, exist_ok=True)
    os.makedirs(logs, exist_ok=True)
    argvs = commands(tools, errata, templates, floor, folder, out)
    results = {tool: [] for tool in tools}
    failed_warmup = {}

    def once(tool):
        stdout = os.devnull if tool == "cmark-gfm" else os.path.join(logs, f"{tool}-{size}.out")
        run = measure(argvs[tool], stdout, os.path.join(logs, f"{tool}-{size}.err"), timeout)
        if run.status != 0:
            print(f"  {tool} at {size}: exit status {run.status}; see {logs}/{tool}-{size}.err",
                  file=sys.stderr, flush=True)
        return run

    print(f"size {size}: warm-up", file=sys.stderr, flush=True)
    for tool in tools:
        run = once(tool)
        if run.status == "timeout":
            failed_warmup[tool] = run  # don't spend runs × timeout on it
    for number in range(runs):
        print(f"size {size}: run {number + 1}/{runs}", file=sys.stderr, flush=True)
        for tool in tools:
            if tool not in failed_warmup:
                results[tool].append(once(tool))
    for tool, run in failed_warmup.items():
        results[tool] = [run]
    if not keep_outputs:
        shutil.rmtree(out, ignore_errors=True)  # on tmpfs, the 50k sites hold half a gigabyte of memory
    return results


# --- reporting -----------------------------------------------------------------------

def seconds(value):
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.2f} s"


def ok(value):
    return statistics.median(r.wall for r in value) if value and all(r.status == 0 for r in value) else None


def statuses(runs):
    bad = [str(r.status) for r in runs if r.status != 0]
    return "0" if not bad else ", ".join(sorted(set(bad))) + f" ({len(bad)}/{len(runs)})"


def filesystem(path):
    """The type of the file system `path` is on, from /proc/mounts."""
    best, kind = "", "?"
    with open("/proc/mounts") as mounts:
        for line in mounts:
            point, fstype = line.split()[1:3]
            if (path == point or path.startswith(point.rstrip("/") + "/")) and len(point) > len(best):
                best, kind = point, fstype
    return kind


def machine_facts(load_before, errata):
    def first_line(command):
        try:
            return subprocess.run(command, capture_output=True, text=True, cwd=ROOT).stdout.strip().splitlines()[0]
        except (OSError, IndexError):
            return "?"
    model = "?"
    with open("/proc/cpuinfo") as cpuinfo:
        for line in cpuinfo:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    commit = first_line(["git", "rev-parse", "--short", "HEAD"])
    if subprocess.run(["git", "diff", "--quiet", "HEAD", "--", "Sources", "Package.swift", "Templates"], cwd=ROOT).returncode:
        commit += " + uncommitted changes in Sources/Templates"
    return [f"- date: {datetime.datetime.now().astimezone().isoformat(timespec='seconds')}",
            f"- CPU: {model}, {os.cpu_count()} cores ({len(os.sched_getaffinity(0))} usable)",
            f"- OS: {platform.platform()}; load average {load_before}",
            f"- errata commit: {commit}; binary {errata}",
            f"- {first_line(['swift', '--version'])}",
            f"- {first_line(['cmark-gfm', '--version'])}",
            f"- {first_line(['hugo', 'version']) if shutil.which('hugo') else 'hugo: not on PATH'}"]


def report(all_results, sizes, timeout):
    print("| codes | tool | median wall | min–max wall | median CPU | peak RSS | exit status |")
    print("|---:|---|---:|---:|---:|---:|---|")
    for size in sizes:
        for tool, results in all_results[size].items():
            if not results:
                continue
            walls = [r.wall for r in results]
            if all(r.status == "timeout" for r in results):
                print(f"| {size} | {tool} | > {timeout:.0f} s | | | | timeout (warm-up) |")
                continue
            print(f"| {size} | {tool} | {seconds(statistics.median(walls))} | {seconds(min(walls))}–{seconds(max(walls))} "
                  f"| {seconds(statistics.median(r.cpu for r in results))} | {max(r.rss_mib for r in results):.0f} MiB "
                  f"| {statuses(results)} |")

    print("\n| codes | ratio | value | target | met |")
    print("|---:|---|---:|---|---|")

    def row(size, name, value, target, met):
        shown = "n/a" if value is None else f"{value:.2f}"
        verdict = "" if value is None or met is None else ("yes" if met(value) else "**no**")
        print(f"| {size} | {name} | {shown} | {target} | {verdict} |")

    def ratio(size, a, b):
        x, y = ok(all_results[size].get(a)), ok(all_results[size].get(b))
        return None if x is None or y is None else x / y

    for size in sizes:
        row(size, "errata build / floor", ratio(size, "errata-build", "floor"), "≤ 2.5", lambda v: v <= 2.5)
        row(size, "hugo / errata build", ratio(size, "hugo", "errata-build"), "≥ 10", lambda v: v >= 10)
        row(size, "errata check / errata build", ratio(size, "errata-check", "errata-build"), "< 0.6", lambda v: v < 0.6)
        row(size, "errata build / cmark-gfm CLI", ratio(size, "errata-build", "cmark-gfm"), "(reference)", None)
    for small, large in zip(sizes, sizes[1:]):
        a, b = ok(all_results[small].get("errata-build")), ok(all_results[large].get("errata-build"))
        value = None if a is None or b is None else (b / large) / (a / small)
        target = "≤ 1.2" if (small, large) == (10000, 50000) else "(≤ 1.2 is for 10k → 50k)"
        row(f"{small} → {large}", "build time per code, larger / smaller", value, target,
            (lambda v: v <= 1.2) if (small, large) == (10000, 50000) else None)
    largest = sizes[-1]
    build = all_results[largest].get("errata-build")
    if build and any(r.status == 0 for r in build):
        row(largest, "errata build peak RSS (MiB)", max(r.rss_mib for r in build), "< 200 (at 50k)",
            (lambda v: v < 200) if largest == 50000 else None)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,50000", help="comma-separated code counts")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per tool and size")
    parser.add_argument("--work", default="/tmp/errata-bench", help="folder for corpora and logs")
    parser.add_argument("--tools", default=",".join(ALL_TOOLS), help=f"comma-separated subset of {','.join(ALL_TOOLS)}")
    parser.add_argument("--outputs", default="/dev/shm/errata-bench" if os.path.isdir("/dev/shm") else None,
                        help="folder for the tools' output sites (default: /dev/shm/errata-bench, a tmpfs, "
                             "else WORK/out); pass a folder on disk to include the disk's cost")
    parser.add_argument("--keep-outputs", action="store_true", help="keep the output sites for a look afterwards")
    parser.add_argument("--timeout", type=float, default=300, help="seconds before a run is killed")
    parser.add_argument("--skip-build", action="store_true", help="use the existing release binaries")
    parser.add_argument("--errata", help="time this errata binary (e.g. a saved baseline) instead of building one")
    parser.add_argument("--templates", default=os.path.join(ROOT, "Templates"), help="errata build --templates")
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    tools = [tool.strip() for tool in args.tools.split(",")]
    unknown = set(tools) - set(ALL_TOOLS)
    if unknown:
        parser.error(f"unknown tools: {', '.join(sorted(unknown))}")
    work = os.path.abspath(args.work)
    outputs = os.path.abspath(args.outputs or os.path.join(work, "out"))
    os.makedirs(work, exist_ok=True)
    os.makedirs(outputs, exist_ok=True)

    skipped = []
    for tool, program in [("hugo", "hugo"), ("cmark-gfm", "cmark-gfm")]:
        if tool in tools and not shutil.which(program):
            tools.remove(tool)
            skipped.append(f"{tool} skipped: `{program}` is not on PATH")
    errata, floor = build(args.skip_build, args.errata and os.path.abspath(args.errata))
    load_before = " ".join(f"{load:.2f}" for load in os.getloadavg())

    all_results = {size: bench_size(size, tools, errata, os.path.abspath(args.templates), floor, work, outputs,
                                  args.runs, args.timeout, args.keep_outputs) for size in sizes}

    load_after = " ".join(f"{load:.2f}" for load in os.getloadavg())
    print("# Errata benchmarks\n")
    print("\n".join(machine_facts(f"{load_before} before, {load_after} after", errata)))
    print(f"- {args.runs} timed runs per tool after one warm-up, interleaved round-robin; "
          f"each tool writes into the same output folder every run, under {outputs} ({filesystem(outputs)}); "
          f"timeout {args.timeout:.0f} s")
    for line in skipped:
        print(f"- **{line}**")
    print()
    report(all_results, sizes, args.timeout)


if __name__ == "__main__":
    main()
