#!/usr/bin/env python3
"""Benchmarks errata against its floors, the cmark-gfm CLI and Hugo on generated corpora,
with the output sites on tmpfs and on disk in the same run.

    Benchmarks/run.py [--sizes 1000,10000,50000] [--runs 5] [--work /tmp/errata-bench]
                      [--tools errata-build,errata-check,floor,fs-floor,cmark-gfm,hugo]
                      [--places tmpfs,disk] [--tmpfs-outputs /dev/shm/errata-bench] [--outputs WORK/out]
                      [--reload-runs 30] [--reload-sizes 10000,50000] [--no-sync]
                      [--timeout 300] [--keep-outputs] [--skip-build] [--errata BIN] [--templates DIR]

It builds the release `errata`, Benchmarks/Floor and Benchmarks/fs-floor.c (with cc),
generates one corpus per size with generate-corpus.py (kept in the work folder, keyed by
a hash of the generator and its arguments), then for each size runs every tool once
untimed and then --runs times, round-robin (run 1 of every tool, then run 2, ...). The
tools that write a site (errata build, fs-floor, Hugo) run in each round once with their
output on tmpfs and once on disk, the two in alternating order. Each run is one
fork/exec measured with wait4: wall time, CPU time (user + system) and peak resident
memory; before each, `sync` (untimed) writes back what the previous run left dirty, so
that no run pays for another's disk writes. Every tool writes into the same output
folder on every run (errata and fs-floor swap in a staging folder; Hugo overwrites).
fs-floor replays the folders and files (with their sizes) of errata's warm-up build.
Then, for the sizes in --reload-sizes, it times `errata serve` from saving an edit of
one code's section to the `reload` event (reload-latency.py). It prints the full table,
the ratio and target rows, and one short table of the targets to paste into the README
with the command line that reproduces it; see Benchmarks/README.md.
"""
import argparse
import datetime
import hashlib
import importlib.util
import os
import platform
import shlex
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
FS_FLOOR_SOURCE = os.path.join(HERE, "fs-floor.c")
HUGO_SITE = os.path.join(HERE, "hugo")
CMARK_EXTENSIONS = ["-e", "table", "-e", "autolink", "-e", "strikethrough", "-e", "tagfilter"]
ALL_TOOLS = ["errata-build", "errata-check", "floor", "fs-floor", "cmark-gfm", "hugo"]
WRITING_TOOLS = {"errata-build", "fs-floor", "hugo"}  # the others write no site: they run once a round
ALL_PLACES = ["tmpfs", "disk"]
DEFAULT_TMPFS = "/dev/shm/errata-bench"


# --- building ------------------------------------------------------------------------

def swift_build(args, cwd):
    print(f"$ swift build {' '.join(args)}", file=sys.stderr, flush=True)
    if subprocess.run(["swift", "build", *args], cwd=cwd, stdout=sys.stderr).returncode:
        sys.exit(f"run.py: swift build {' '.join(args)} failed")
    return subprocess.run(["swift", "build", *args, "--show-bin-path"], cwd=cwd, check=True,
                          capture_output=True, text=True).stdout.strip()


def build(skip, errata, work):
    """Builds (unless skip) and returns the paths of errata (unless given), floor and fs-floor."""
    fs_floor = os.path.join(work, "fs-floor")
    command = ["cc", "-O2", "-pthread", "-o", fs_floor, FS_FLOOR_SOURCE]
    if not os.path.exists(fs_floor) or os.path.getmtime(fs_floor) < os.path.getmtime(FS_FLOOR_SOURCE) or not skip:
        print(f"$ {' '.join(command)}", file=sys.stderr, flush=True)
        if subprocess.run(command).returncode:
            sys.exit("run.py: compiling fs-floor.c failed")
    if skip:
        return (errata or os.path.join(ROOT, ".build/release/errata"),
                os.path.join(FLOOR_PACKAGE, ".build/release/floor"), fs_floor)
    if not errata:
        errata = os.path.join(swift_build(["-c", "release", "--product", "errata"], ROOT), "errata")
    floor_bin = swift_build(["-c", "release", "--package-path", FLOOR_PACKAGE], ROOT)
    return errata, os.path.join(floor_bin, "floor"), fs_floor


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


def write_manifest(site, path):
    """Lists the folders and files (with sizes) under `site`, parents first, for fs-floor.
    Returns (folders, files, bytes)."""
    folders = files = total = 0
    with open(path, "w") as manifest:
        for directory, subfolders, names in os.walk(site):
            subfolders.sort()
            relative = os.path.relpath(directory, site)
            if relative != ".":
                manifest.write(f"D {relative}\n")
                folders += 1
            for name in sorted(names):
                size = os.lstat(os.path.join(directory, name)).st_size
                manifest.write(f"F {size} {name if relative == '.' else relative + '/' + name}\n")
                files += 1
                total += size
    return folders, files, total


def commands(errata, templates, floor, fs_floor, folder, out, manifest):
    """The command line of each tool for one corpus; `out` holds their output folders."""
    content, model = os.path.join(folder, "Content"), os.path.join(folder, "model.json")
    return {
        "errata-build": [errata, "build", "--content", content, "--model", model,
                         "--templates", templates, "--output", os.path.join(out, "errata")],
        "errata-check": [errata, "check", "--content", content, "--model", model],
        "floor": [floor, content],
        "fs-floor": [fs_floor, manifest, os.path.join(out, "fs-floor")],
        "cmark-gfm": ["cmark-gfm", *CMARK_EXTENSIONS, *markdown_files(content)],
        "hugo": ["hugo", "--quiet", "--noBuildLock", "-s", HUGO_SITE,
                 "--config", f"{HUGO_SITE}/hugo.toml,{folder}/hugo-corpus.toml",
                 "--cacheDir", os.path.join(os.path.dirname(folder), "hugo-cache"), "-d", os.path.join(out, "hugo")],
    }


def bench_size(size, tools, errata, templates, floor, fs_floor, work, places, runs, timeout, keep_outputs, sync):
    """Warms up and then times every tool on the corpus of `size` codes.
    Returns ({(tool, place): [Run]}, site facts); place is None for a tool that writes no site."""
    folder = corpus(work, size)
    logs = os.path.join(work, "logs")
    os.makedirs(logs, exist_ok=True)
    manifest = os.path.join(work, f"manifest-{size}.txt")
    outs = {place: os.path.join(root, f"out-{size}") for place, root in places.items()}
    for out in outs.values():
        os.makedirs(out, exist_ok=True)
    argvs = {place: commands(errata, templates, floor, fs_floor, folder, out, manifest) for place, out in outs.items()}
    any_argvs = commands(errata, templates, floor, fs_floor, folder, next(iter(outs.values())), manifest)
    keys = [(tool, place) for tool in tools for place in (places if tool in WRITING_TOOLS else [None])]
    results = {key: [] for key in keys}
    failed_warmup = {}
    facts = None

    def once(key):
        tool, place = key
        name = f"{tool}-{size}" + (f"-{place}" if place else "")
        stdout = os.devnull if tool == "cmark-gfm" else os.path.join(logs, f"{name}.out")
        if sync:
            os.sync()
        run = measure((argvs[place] if place else any_argvs)[tool], stdout, os.path.join(logs, f"{name}.err"), timeout)
        if run.status != 0:
            print(f"  {tool} at {size}{' on ' + place if place else ''}: exit status {run.status}; "
                  f"see {logs}/{name}.err", file=sys.stderr, flush=True)
        return run

    def in_round(number):
        """The keys in the order of round `number`: the places of each tool alternate their order."""
        order = []
        for tool in tools:
            mine = [key for key in keys if key[0] == tool]
            order += mine if number % 2 == 0 else mine[::-1]
        return order

    print(f"size {size}: warm-up", file=sys.stderr, flush=True)
    for key in sorted(in_round(0), key=lambda key: key[0] != "errata-build"):  # fs-floor needs errata's site
        if key[0] == "fs-floor" and facts is None:
            failed_warmup[key] = "no errata site"  # its manifest comes from errata's warm-up build
            continue
        run = once(key)
        if run.status == "timeout":
            failed_warmup[key] = run  # don't spend runs × timeout on it
        if key[0] == "errata-build" and run.status == 0 and facts is None:
            facts = write_manifest(os.path.join(outs[key[1]], "errata"), manifest)
    for number in range(runs):
        print(f"size {size}: run {number + 1}/{runs}", file=sys.stderr, flush=True)
        for key in in_round(number + 1):
            if key not in failed_warmup:
                results[key].append(once(key))
    for key, run in failed_warmup.items():
        results[key] = [run] if isinstance(run, Run) else []
    if not keep_outputs:
        for out in outs.values():
            shutil.rmtree(out, ignore_errors=True)  # on tmpfs, the 50k sites hold half a gigabyte of memory
    return results, facts


def reload_latency(errata, templates, size, work, runs):
    """Edit-to-reload latencies (ms) of `errata serve` on the corpus of `size` codes, one code's section edited."""
    spec = importlib.util.spec_from_file_location("reload_latency", os.path.join(HERE, "reload-latency.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    folder = corpus(work, size)
    print(f"size {size}: reload latency, {runs} edits", file=sys.stderr, flush=True)
    try:
        latencies, extra = module.measure(errata, os.path.join(folder, "Content"), templates,
                                          os.path.join(folder, "model.json"), "docs/errors/type-03.md", runs)
    except module.ReloadFailure as failure:
        print(f"  reload latency at {size}: {failure}", file=sys.stderr, flush=True)
        return None, str(failure).splitlines()[0]
    return (latencies, extra), None


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


def place_label(place, places):
    return "—" if place is None else f"{place} ({filesystem(places[place])})"


def report(all_results, sizes, timeout, places, reloads, reload_runs):
    """Prints the full table and the ratio rows; returns the rows of the targets table."""
    print("| codes | tool | output on | median wall | min–max wall | median CPU | peak RSS | exit status |")
    print("|---:|---|---|---:|---:|---:|---:|---|")
    for size in sizes:
        for (tool, place), results in all_results[size].items():
            if not results:
                continue
            walls = [r.wall for r in results]
            where = place_label(place, places)
            if all(r.status == "timeout" for r in results):
                print(f"| {size} | {tool} | {where} | > {timeout:.0f} s | | | | timeout (warm-up) |")
                continue
            print(f"| {size} | {tool} | {where} | {seconds(statistics.median(walls))} "
                  f"| {seconds(min(walls))}–{seconds(max(walls))} "
                  f"| {seconds(statistics.median(r.cpu for r in results))} | {max(r.rss_mib for r in results):.0f} MiB "
                  f"| {statuses(results)} |")
        if size in reloads and reloads[size][0]:
            latencies, extra = reloads[size][0]
            print(f"| {size} | errata serve: edit → reload | — | {statistics.median(latencies):.1f} ms "
                  f"| {min(latencies):.1f}–{max(latencies):.1f} ms | | | {len(latencies)} edits, {extra} extra reloads |")
        elif size in reloads:
            print(f"| {size} | errata serve: edit → reload | — | n/a | | | | failed: {reloads[size][1]} |")

    def median(size, tool, place=None):
        return ok(all_results[size].get((tool, place)))

    print("\n| codes | ratio | value | target | met |")
    print("|---:|---|---:|---|---|")

    def row(size, name, value, target, met, unit=""):
        shown = "n/a" if value is None else f"{value:.2f}{unit}"
        verdict = "" if value is None or met is None else ("yes" if met(value) else "**no**")
        print(f"| {size} | {name} | {shown} | {target} | {verdict} |")

    def ratio(a, b):
        return None if a is None or b is None else a / b

    def at(size, wanted, test):
        return test if size == wanted else None

    targets = []  # (target, figure, met) for the README's table
    for size in sizes:
        build, build_disk = median(size, "errata-build", "tmpfs"), median(size, "errata-build", "disk")
        floor, check, cmark = median(size, "floor"), median(size, "errata-check"), median(size, "cmark-gfm")
        hugo, hugo_disk = median(size, "hugo", "tmpfs"), median(size, "hugo", "disk")
        fs_tmpfs, fs_disk = median(size, "fs-floor", "tmpfs"), median(size, "fs-floor", "disk")
        target = lambda text: text if size == 10000 else f"({text} at 10k)"
        row(size, "errata build / floor (tmpfs)", ratio(build, floor), target("≤ 2.5"), at(size, 10000, lambda v: v <= 2.5))
        row(size, "hugo / errata build (tmpfs)", ratio(hugo, build), target("≥ 5"), at(size, 10000, lambda v: v >= 5))
        row(size, "errata check / errata build (tmpfs)", ratio(check, build), target("≤ 0.5"), at(size, 10000, lambda v: v <= 0.5))
        row(size, "errata build / cmark-gfm CLI (tmpfs)", ratio(build, cmark), "(reference)", None)
        row(size, "errata build / floor (disk)", ratio(build_disk, floor), "(reference)", None)
        row(size, "hugo / errata build (disk)", ratio(hugo_disk, build_disk), "(reference)", None)
        limit = None if build is None or fs_disk is None else build + 1.2 * fs_disk
        disk_met = None if limit is None or build_disk is None else build_disk <= limit
        print(f"| {size} | errata disk build (s) | {'n/a' if build_disk is None else f'{build_disk:.3f}'} "
              f"| ≤ tmpfs build + 1.2 × fs-floor(disk) = "
              f"{'n/a' if limit is None else f'{build:.3f} + 1.2 × {fs_disk:.3f} = {limit:.3f}'} "
              f"| {'' if disk_met is None else ('yes' if disk_met else '**no**')} |")
        row(size, "(disk build − tmpfs build) / fs-floor(disk)",
            None if build is None or build_disk is None or not fs_disk else (build_disk - build) / fs_disk,
            "≤ 1.2 (the same target)", lambda v: v <= 1.2)
        row(size, "(disk build − tmpfs build) / (fs-floor(disk) − fs-floor(tmpfs))",
            None if None in (build, build_disk, fs_disk, fs_tmpfs) or fs_disk <= fs_tmpfs
            else (build_disk - build) / (fs_disk - fs_tmpfs), "(reference: the disk's own share)", None)
        row(size, "errata build / fs-floor (tmpfs)", ratio(build, fs_tmpfs), "(reference)", None)
        builds = [r for place in places for r in all_results[size].get(("errata-build", place), []) if r.status == 0]
        peak = max((r.rss_mib for r in builds), default=None)
        row(size, "errata build peak RSS", peak, "< 150 MiB" if size == 50000 else "(< 150 MiB at 50k)",
            at(size, 50000, lambda v: v < 150), " MiB")
        if size in reloads:
            latencies = reloads[size][0] and reloads[size][0][0]
            limit_ms = {10000: 30, 50000: 60}.get(size)
            row(size, "errata serve edit → reload, median", latencies and statistics.median(latencies),
                f"< {limit_ms} ms" if limit_ms else "(< 30 ms at 10k, < 60 ms at 50k)",
                (lambda v: v < limit_ms) if limit_ms else None, " ms")

        def add(text, figure, met):
            targets.append((text, figure, "n/a" if met is None else ("yes" if met else "**no**")))
        if size in reloads and size in (10000, 50000):
            limit_ms = {10000: 30, 50000: 60}[size]
            if reloads[size][0]:
                latencies, _ = reloads[size][0]
                value = statistics.median(latencies)
                add(f"Preview, {size:,} codes: one edited code section → `reload`, median < {limit_ms} ms",
                    f"{value:.1f} ms (min {min(latencies):.1f}, max {max(latencies):.1f}, {len(latencies)} edits)",
                    value < limit_ms)
            else:
                add(f"Preview, {size:,} codes: one edited code section → `reload`, median < {limit_ms} ms",
                    f"failed: {reloads[size][1]}", False)
        if size == 10000:
            add("Build, 10,000 codes, tmpfs: ≤ 2.5 × floor",
                "n/a" if None in (build, floor) else f"{build:.2f} s = {build / floor:.2f} × floor ({floor:.2f} s)",
                None if None in (build, floor) else build / floor <= 2.5)
            add("Build, 10,000 codes, tmpfs: ≥ 5 × faster than Hugo",
                "n/a" if None in (build, hugo) else f"Hugo {hugo:.2f} s = {hugo / build:.1f} × errata",
                None if None in (build, hugo) else hugo / build >= 5)
            add("`errata check`, 10,000 codes: ≤ 0.5 × build",
                "n/a" if None in (build, check) else f"{check:.2f} s = {check / build:.2f} × build",
                None if None in (build, check) else check / build <= 0.5)
        if size == 50000:
            add("Peak memory, build, 50,000 codes: < 150 MiB", "n/a" if peak is None else f"{peak:.0f} MiB",
                None if peak is None else peak < 150)
        if size >= 10000 or size == sizes[-1]:
            add(f"Disk, {size:,} codes: disk build ≤ tmpfs build + 1.2 × fs-floor(disk)",
                "n/a" if limit is None or build_disk is None else
                f"{build_disk:.2f} s vs {build:.2f} + 1.2 × {fs_disk:.2f} = {limit:.2f} s "
                f"(fs-floor tmpfs {fs_tmpfs:.2f} s)" if fs_tmpfs is not None else
                f"{build_disk:.2f} s vs {build:.2f} + 1.2 × {fs_disk:.2f} = {limit:.2f} s", disk_met)
    for small, large in zip(sizes, sizes[1:]):
        a, b = median(small, "errata-build", "tmpfs"), median(large, "errata-build", "tmpfs")
        row(f"{small} → {large}", "build time per code, larger / smaller (tmpfs)",
            None if a is None or b is None else (b / large) / (a / small), "(reference; 1 is linear)", None)
    return targets


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,50000", help="comma-separated code counts")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per tool, place and size")
    parser.add_argument("--work", default="/tmp/errata-bench", help="folder for corpora, logs and fs-floor")
    parser.add_argument("--tools", default=",".join(ALL_TOOLS), help=f"comma-separated subset of {','.join(ALL_TOOLS)}")
    parser.add_argument("--places", default=",".join(ALL_PLACES),
                        help="where the sites go: tmpfs, disk or both (default both, in the same rounds)")
    parser.add_argument("--tmpfs-outputs", default=DEFAULT_TMPFS,
                        help=f"folder on a tmpfs for the output sites (default {DEFAULT_TMPFS})")
    parser.add_argument("--outputs", help="folder on disk for the output sites (default WORK/out)")
    parser.add_argument("--reload-runs", type=int, default=30, help="edits timed per size for the preview (0: none)")
    parser.add_argument("--reload-sizes", default="10000,50000", help="the sizes (of those run) whose preview is timed")
    parser.add_argument("--no-sync", action="store_true", help="don't sync the disks before each run")
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
    wanted_places = [place.strip() for place in args.places.split(",")]
    if set(wanted_places) - set(ALL_PLACES) or not wanted_places:
        parser.error("--places takes tmpfs, disk or tmpfs,disk")
    work = os.path.abspath(args.work)
    folders = {"tmpfs": os.path.abspath(args.tmpfs_outputs), "disk": os.path.abspath(args.outputs or os.path.join(work, "out"))}
    places = {place: folders[place] for place in ALL_PLACES if place in wanted_places}
    os.makedirs(work, exist_ok=True)
    notes = []
    for place, folder in places.items():
        os.makedirs(folder, exist_ok=True)
        kind = filesystem(folder)
        if (place == "tmpfs") != (kind == "tmpfs"):
            notes.append(f"the {place} outputs, {folder}, are on {kind}")

    for tool, program in [("hugo", "hugo"), ("cmark-gfm", "cmark-gfm")]:
        if tool in tools and not shutil.which(program):
            tools.remove(tool)
            notes.append(f"{tool} skipped: `{program}` is not on PATH")
    if "fs-floor" in tools and "errata-build" not in tools:
        tools.remove("fs-floor")
        notes.append("fs-floor skipped: it replays errata-build's site, and errata-build is not run")
    errata, floor, fs_floor = build(args.skip_build, args.errata and os.path.abspath(args.errata), work)
    templates = os.path.abspath(args.templates)
    load_before = " ".join(f"{load:.2f}" for load in os.getloadavg())

    all_results, site_facts, reloads = {}, {}, {}
    for size in sizes:
        all_results[size], site_facts[size] = bench_size(size, tools, errata, templates, floor, fs_floor, work, places,
                                                         args.runs, args.timeout, args.keep_outputs, not args.no_sync)
        if args.reload_runs > 0 and str(size) in args.reload_sizes.split(","):
            reloads[size] = reload_latency(errata, templates, size, work, args.reload_runs)

    load_after = " ".join(f"{load:.2f}" for load in os.getloadavg())
    command = "Benchmarks/run.py" + "".join(f" {shlex.quote(arg)}" for arg in sys.argv[1:])
    print("# Errata benchmarks\n")
    print("\n".join(machine_facts(f"{load_before} before, {load_after} after", errata)))
    print(f"- {args.runs} timed runs per tool after one warm-up, interleaved round-robin; "
          f"the tools that write a site write it on "
          + " and ".join(f"{place} ({folder}, {filesystem(folder)})" for place, folder in places.items())
          + f" in every round, {'with' if not args.no_sync else 'without'} a sync before each run; timeout {args.timeout:.0f} s")
    for size, facts in site_facts.items():
        if facts:
            print(f"- errata's site at {size} codes (fs-floor replays it): {facts[1]:,} files in {facts[0]:,} folders, "
                  f"{facts[2] / 1048576:.1f} MiB")
    if reloads:
        print(f"- preview: {args.reload_runs} saves (truncate and write) of docs/errors/type-03.md, each changing or "
              f"restoring one word of one code's description, timed to the `reload` event")
    for line in notes:
        print(f"- **{line}**")
    print(f"- command: `{command}`")
    print()
    targets = report(all_results, sizes, args.timeout, places, reloads, args.reload_runs)
    print("\n## Targets (for the README)\n")
    print("| target | figure | met |")
    print("|---|---|---|")
    for target, figure, met in targets:
        print(f"| {target} | {figure} | {met} |")
    print(f"\nReproduce with `{command}` (from the repository's root; "
          f"{os.cpu_count()} cores, {datetime.date.today().isoformat()}).")


if __name__ == "__main__":
    main()
