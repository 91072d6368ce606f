#!/usr/bin/env python3
"""What the search page downloads for a query, from a built site's index.

    bench/search_bytes.py PUBLIC_DIR WORD [WORD...]

Follows templates/search.js for a one-word query with no filters: meta.json,
the word's shards (the last word of a query matches as a prefix), then the
filter counts as the script finds them (the rows of a result that fits one
page; the counts in the word's line when one line matched; the facet rows
of a result in at most FACET_FILES facet files; else the document lists of
the likeliest values), the result rows of the first page, and the term
chunks holding the filter values and actors shown. Prints the bytes of
each file kind and the total, per word, and the index's size on disk.
Sizes are uncompressed (a host that gzips sends less).
"""
import json
import os
import sys

CARDS, FACET_FILES = 3, 4
KEYS = ["actors", "places", "tags"]


def size(root, path):
    return os.path.getsize(os.path.join(root, path))


def file_key(key):
    if key.isascii() and key.isalnum():
        return key
    return "_" + "-".join(format(ord(c), "x") for c in key)


def base36(text):
    return [int(x, 36) for x in text.split(",") if x]


def parse_counts(text):
    return [
        {int(t, 36): int(n, 36) for t, n in (pair.split(":") for pair in part.split(",") if pair)}
        for part in text.split(";")
    ]


def read(root, fetched, path):
    fetched.add(path)
    return open(os.path.join(root, path), encoding="utf-8").read()


def term_list(root, fetched, meta, key, term):
    firsts = meta["lists"][key]
    n = max(i for i, first in enumerate(firsts) if first <= term)
    line = read(root, fetched, "lists/%s/%d.txt" % (key, n)).split("\n")[term - firsts[n]]
    value, ids = 0, []
    for gap in base36(line):
        value += gap
        ids.append(value)
    return ids


def counts_of(root, fetched, meta, keep, lines):
    chunks = meta["chunks"]

    def count_rows(rows_of):
        counts = [{}, {}, {}]
        for d in keep:
            for f in range(3):
                for t in rows_of(d)[f]:
                    counts[f][t] = counts[f].get(t, 0) + 1
        return counts

    if len(keep) <= meta["page"]:
        rows = {}
        for d in keep:
            text = read(root, fetched, "docs/%d.json" % (d // chunks["docs"]))
            rows[d] = json.loads(text)[d % chunks["docs"]][4:7]
        return count_rows(rows.get)
    if len(lines) == 1 and lines[0]:
        return parse_counts(lines[0])
    files = {d // chunks["facets"] for d in keep}
    if len(files) <= FACET_FILES:
        rows = {}
        for n in files:
            for i, line in enumerate(read(root, fetched, "facets/%d.txt" % n).splitlines()):
                rows[n * chunks["facets"] + i] = [base36(part) for part in line.split(";")]
        return count_rows(rows.get)
    kept = set(keep)
    guesses = [parse_counts(line) for line in lines if line]
    counts = [{}, {}, {}]
    for f, key in enumerate(KEYS):
        guess = {}
        for g in guesses:
            for t, n in g[f].items():
                guess[t] = guess.get(t, 0) + n
        top = sorted(guess, key=lambda t: (-guess[t], t))
        top += [t for t in range(meta["terms"][key]) if t not in top][: max(0, meta["shown"] - len(top))]
        for t in top[: meta["shown"]]:
            n = sum(1 for d in term_list(root, fetched, meta, key, t) if d in kept)
            if n:
                counts[f][t] = n
    return counts


def query(root, word):
    meta = json.load(open(os.path.join(root, "meta.json"), encoding="utf-8"))
    keys = set(meta["shards"])
    fetched = {"meta.json"}
    shards = [k for k in (word[:n] for n in range(len(word), 0, -1)) if k in keys][:1]
    shards += [k for k in meta["shards"] if len(k) > len(word) and k.startswith(word)]
    docs, actors, lines = {}, set(), []
    for key in shards:
        for line in read(root, fetched, "words/%s.txt" % file_key(key)).splitlines():
            parts = line.split(" ")
            w, postings, names = parts[:3]
            if not w.startswith(word):
                continue
            if postings:
                lines.append(parts[3] if len(parts) > 3 else None)
            value = 0
            for gap in base36(postings):
                value += gap
                docs[value >> 1] = docs.get(value >> 1, 0) | (value & 1)
            if len(word) >= 3 or w == word:
                actors.update(base36(names))
    ranked = sorted(docs, key=lambda d: (-docs[d], d))
    chunks = meta["chunks"]
    counts = counts_of(root, fetched, meta, ranked, lines)
    for f, key in enumerate(KEYS):
        top = sorted(counts[f], key=lambda t: (-counts[f][t], t))[: meta["shown"]]
        for t in top:
            fetched.add("%s/%d.json" % (key, t // chunks["terms"]))
    for d in ranked[: meta["page"]]:
        text = read(root, fetched, "docs/%d.json" % (d // chunks["docs"]))
        for a in json.loads(text)[d % chunks["docs"]][4]:
            fetched.add("actors/%d.json" % (a // chunks["terms"]))
    for a in sorted(actors)[:CARDS]:
        fetched.add("actors/%d.json" % (a // chunks["terms"]))
    kinds = {}
    for path in fetched:
        kind = path.split("/")[0] if "/" in path else path
        kinds[kind] = kinds.get(kind, 0) + size(root, path)
    return len(docs), kinds


def main():
    public, words = sys.argv[1], sys.argv[2:]
    root = os.path.join(public, "search")
    total = sum(
        os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(root) for f in fs
    )
    files = sum(len(fs) for _, _, fs in os.walk(root))
    print("index: %d files, %.1f MB" % (files, total / 1e6))
    for word in words:
        matched, kinds = query(root, word)
        detail = ", ".join("%s %.0f KB" % (k, v / 1e3) for k, v in sorted(kinds.items()))
        print("%-12s %6d matches, %6.0f KB: %s" % (word, matched, sum(kinds.values()) / 1e3, detail))


if __name__ == "__main__":
    main()
