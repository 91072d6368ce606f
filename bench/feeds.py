#!/usr/bin/env python3
"""Reads every Atom feed of a built site with feedparser and counts problems.

    bench/feeds.py PUBLIC_DIR

For each `atom.xml` under PUBLIC_DIR: feedparser must parse it without a
problem (`bozo` unset), find a title, and find in every entry a title, a
link, an id, an updated date and a summary. Prints the number of feeds,
entries and problems (the first few named) and exits 1 if there is any.
Needs feedparser: `python3 -m pip install feedparser`.
"""
import os
import sys

try:
    import feedparser
except ImportError:
    sys.exit("feedparser is missing: python3 -m pip install feedparser")

SHOWN = 10


def problems_of(path):
    with open(path, "rb") as f:
        parsed = feedparser.parse(f.read())
    found = []
    if parsed.bozo:
        found.append(f"not well-formed: {parsed.bozo_exception}")
    if parsed.version != "atom10":
        found.append(f"read as {parsed.version or 'nothing'}, not Atom 1.0")
    if not parsed.feed.get("title"):
        found.append("no feed title")
    for n, entry in enumerate(parsed.entries, 1):
        for key in ("title", "link", "id", "updated", "summary"):
            if not entry.get(key):
                found.append(f"entry {n} has no {key}")
    return len(parsed.entries), found


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    root = argv[1]
    feeds = entries = 0
    problems = []
    for folder, _, names in os.walk(root):
        if "atom.xml" not in names:
            continue
        path = os.path.join(folder, "atom.xml")
        count, found = problems_of(path)
        feeds += 1
        entries += count
        problems.extend(f"{os.path.relpath(path, root)}: {p}" for p in found)
    print(f"feedparser {feedparser.__version__}: {feeds} feeds, {entries} entries, {len(problems)} problems")
    for line in problems[:SHOWN]:
        print(f"  {line}")
    return 1 if problems or feeds == 0 else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
