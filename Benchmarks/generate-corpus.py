#!/usr/bin/env python3
"""Writes a synthetic error-docs site and its matching model, for benchmarks.

    Benchmarks/generate-corpus.py --codes 10000 --out /tmp/corpus-10k [--types 8] [--seed 1]

The output folder gets `Content/docs/errors/` (an `_index.md` and one page per error
type, codes in alphabetical order) and `model.json` for `errata build --model`. Each code
has about 1.24 KB of Markdown: a description, a JSON sample with its HTTP status, a
user-facing message, common causes with a link to a code on another page, and
troubleshooting steps. The same arguments always give the same bytes.
"""
import argparse
import json
import os
import random

WORDS = ("account institution request token credential product link item user "
         "environment access verification deposit consent webhook identifier field "
         "session balance transfer payment routing number secret client partner").split()
STATUSES = [400, 400, 400, 401, 403, 404, 409, 429, 500, 503]


def sentence(rng, count):
    words = [rng.choice(WORDS) for _ in range(count)]
    return " ".join(words).capitalize() + "."


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--codes", type=int, required=True)
    parser.add_argument("--types", type=int, default=8)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    types = [{"id": f"TYPE{t:02d}_ERROR", "title": f"Type {t:02d} errors", "slug": f"type-{t:02d}",
              "description": f"Occur when part {t:02d} of a request cannot be served."}
             for t in range(args.types)]
    codes = []
    for index in range(args.codes):
        kind = types[index % len(types)]
        name = "_".join(rng.choice(WORDS).upper() for _ in range(2)) + f"_{index:06d}"
        message = sentence(rng, 9).lower().rstrip(".")
        display = None if index % 3 == 0 else sentence(rng, 10)
        codes.append({"code": name, "type": kind["id"], "http_status": rng.choice(STATUSES),
                      "error_message": message, "display_message": display})

    by_type = {kind["id"]: sorted((c for c in codes if c["type"] == kind["id"]),
                                  key=lambda c: c["code"].replace("_", " ")) for kind in types}
    folder = os.path.join(args.out, "Content", "docs", "errors")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "_index.md"), "w") as index_page:
        index_page.write("---\ntitle: Errors\ndescription: Every error code.\n---\n\n"
                         "A synthetic reference for benchmarks.\n")
    for number, kind in enumerate(types):
        other = types[(number + 1) % len(types)]
        others = by_type[other["id"]] or by_type[kind["id"]]
        parts = [f"---\ntitle: {kind['title']}\ndescription: Guide to {kind['title'].lower()}.\n"
                 f"error_type: {kind['id']}\n---\n\nGuide to troubleshooting {kind['title'].lower()}.\n"]
        for code in by_type[kind["id"]]:
            target = rng.choice(others)
            sample = json.dumps({"error_type": code["type"], "error_code": code["code"],
                                 "error_message": code["error_message"],
                                 "display_message": code["display_message"],
                                 "request_id": "HNTDNrA8F1shFEW"}, indent=1)
            parts.append(
                f"\n### {code['code']}\n\n{sentence(rng, 14)} {sentence(rng, 10)}\n\n"
                f"```json\n// http code {code['http_status']}\n{sample}\n```\n\n"
                f"#### Sample user-facing error message\n\n{sentence(rng, 4)[:-1]}: {sentence(rng, 14)}\n\n"
                f"#### Common causes\n\n- {sentence(rng, 12)}\n- {sentence(rng, 9)} See "
                f"[{target['code']}](../{other['slug'] if target in by_type[other['id']] else kind['slug']}/#{target['code'].lower()}).\n\n"
                f"#### Troubleshooting steps\n\n- {sentence(rng, 11)}\n- {sentence(rng, 12)}\n")
        with open(os.path.join(folder, f"{kind['slug']}.md"), "w") as page:
            page.write("".join(parts))
    with open(os.path.join(args.out, "model.json"), "w") as model:
        json.dump({"types": types, "codes": codes}, model, indent=1, sort_keys=True)
        model.write("\n")


if __name__ == "__main__":
    main()
