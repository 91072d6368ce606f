#!/usr/bin/env python3
"""What a built site weighs, by kind of page, per article.

    bench/weight.py ARTICLES PUBLIC_DIR [LABEL]
    bench/weight.py ARTICLES PUBLIC_DIR LABEL --compare OTHER_DIR OTHER_LABEL

Walks PUBLIC_DIR (a `briefing build` output with the default URL layout),
puts every file in one kind (below), and prints, per kind, its files, its
bytes, bytes per article and files per article, then the total and whether
it is within the 20 KB per article of issue 24 (50,000 articles in GitHub
Pages' 1 GB). With --compare, prints both sites side by side.

Kinds, by path:
  articles    YYYY/MM/DD/<slug>/index.html (article pages)
  site feed   atom.xml at the root
  term feeds  every other atom.xml (actors, places, tags, authors, chronology)
  lists       home pages (page/N), archive, chronology, actor, place, tag
              and author pages with their pages, the taxonomy indexes
  pairs       actors/<a>/with/<b>/...
  dates       year, month, week and day pages (YYYY/..., YYYY/Www/...)
  search      search/...
  other       sitemaps, data/, style, favicon, robots, 404, redirects
Sizes are the files' bytes before compression (`du --apparent-size`, without
the folders' own blocks); KB is 1,024 bytes. The summary line adds the size
of the folder as the tar archive the Pages workflow uploads (headers and
padding: about 1 KB more per file).
"""
import os
import re
import sys

KINDS = ["articles", "site feed", "term feeds", "lists", "pairs", "dates", "search", "other"]
ARTICLE = re.compile(r"^\d{4}/\d{2}/\d{2}/[^/]+/index\.html$")
DATE = re.compile(r"^\d{4}/(W\d{2}/|\d{2}/(\d{2}/)?)?(page/\d+/)?(index\.html|atom\.xml)$")
LIST_ROOTS = ("page/", "archive/", "chronology/", "actors/", "places/", "tags/", "authors/")
TARGET = 20 * 1024


def kind(path):
    if path == "atom.xml":
        return "site feed"
    if path.endswith("atom.xml"):
        return "term feeds"
    if path.startswith("search/"):
        return "search"
    if ARTICLE.match(path):
        return "articles"
    if DATE.match(path):
        return "dates"
    if path.startswith("actors/") and "/with/" in path:
        return "pairs"
    if path == "index.html" or path.startswith(LIST_ROOTS):
        return "lists"
    return "other"


def weigh(root):
    """Files and bytes per kind, and the size of the folder as a tar
    archive (a 512-byte header per file and folder, contents padded to
    512 bytes), which is what actions/upload-pages-artifact uploads."""
    files = {k: 0 for k in KINDS}
    sizes = {k: 0 for k in KINDS}
    tar = 1024
    for folder, _, names in os.walk(root):
        tar += 512
        for name in names:
            full = os.path.join(folder, name)
            k = kind(os.path.relpath(full, root).replace(os.sep, "/"))
            size = os.path.getsize(full)
            files[k] += 1
            sizes[k] += size
            tar += 512 + (size + 511) // 512 * 512
    return files, sizes, tar


def human(n):
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024


def rows(articles, files, sizes):
    out = []
    for k in KINDS + ["total"]:
        f = sum(files.values()) if k == "total" else files[k]
        s = sum(sizes.values()) if k == "total" else sizes[k]
        out.append((k, f, s, s / articles, f / articles))
    return out


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    articles = int(argv[1])
    sites = [(argv[3] if len(argv) > 3 else argv[2], argv[2])]
    if len(argv) > 4 and argv[4] == "--compare":
        sites.append((argv[6], argv[5]))
    weighed = [(label, weigh(root)) for label, root in sites]
    tables = [(label, rows(articles, files, sizes)) for label, (files, sizes, _) in weighed]
    head = f"{'kind':<11}"
    for label, _ in tables:
        head += f" | {label[:30]:>30}: {'files':>7} {'size':>9} {'B/article':>9} {'files/art':>9}"
    print(f"{articles} articles")
    print(head)
    for i, k in enumerate(KINDS + ["total"]):
        line = f"{k:<11}"
        for _, table in tables:
            _, f, s, per, fper = table[i]
            line += f" | {'':>30}  {f:>7} {human(s):>9} {per:>9.0f} {fper:>9.3f}"
        print(line)
    for (label, table), (_, (_, _, tar)) in zip(tables, weighed):
        per = table[-1][3]
        verdict = "within" if per <= TARGET else "over"
        print(f"{label}: {per / 1024:.1f} KB ({per:.0f} bytes) per article, {verdict} the 20 KB "
              f"(20,480-byte) target; 50,000 articles would weigh {per * 50000 / 2**30:.2f} GiB "
              f"({per * 50000 / 1e9:.2f} GB); as a tar archive {tar / articles / 1024:.1f} KB per article")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
