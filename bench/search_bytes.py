#!/usr/bin/env python3
"""What the search page downloads for a query, from a built site's index.

    bench/search_bytes.py PUBLIC_DIR WORD [WORD...]

Follows templates/search.js for a one-word query with no filters: meta.json,
the word's shards (the last word of a query matches as a prefix), the facet
chunks of every matched document, the result rows of the first 10 results,
and the term chunks holding the filter values and actors shown. Prints the
bytes of each file kind and the total, per word, and the index's size on
disk. Sizes are uncompressed (a host that gzips sends less).
"""
import json
import os
import sys

PAGE, SHOWN, CARDS = 10, 8, 3


def size(root, path):
    return os.path.getsize(os.path.join(root, path))


def file_key(key):
    if key.isascii() and key.isalnum():
        return key
    return "_" + "-".join(format(ord(c), "x") for c in key)


def query(root, word):
    meta = json.load(open(os.path.join(root, "meta.json"), encoding="utf-8"))
    keys = set(meta["shards"])
    fetched = {"meta.json"}
    shards = [k for k in (word[:n] for n in range(len(word), 0, -1)) if k in keys][:1]
    shards += [k for k in meta["shards"] if len(k) > len(word) and k.startswith(word)]
    docs, actors = {}, set()
    for key in shards:
        path = "words/%s.txt" % file_key(key)
        fetched.add(path)
        for line in open(os.path.join(root, path), encoding="utf-8").read().splitlines():
            w, postings, names = line.split(" ")
            if not w.startswith(word):
                continue
            value = 0
            for gap in filter(None, postings.split(",")):
                value += int(gap, 36)
                docs[value >> 1] = docs.get(value >> 1, 0) | (value & 1)
            if len(word) >= 3 or w == word:
                actors.update(int(a, 36) for a in filter(None, names.split(",")))
    ranked = sorted(docs, key=lambda d: (-docs[d], d))
    chunks = meta["chunks"]
    counts = [{}, {}, {}]
    for d in ranked:
        path = "facets/%d.txt" % (d // chunks["facets"])
        if path not in fetched:
            fetched.add(path)
        # term ids are read below from the rows themselves
    rows = {}
    for path in [p for p in fetched if p.startswith("facets/")]:
        n = int(path.split("/")[1].split(".")[0])
        for i, line in enumerate(open(os.path.join(root, path)).read().splitlines()):
            rows[n * chunks["facets"] + i] = [
                [int(x, 36) for x in filter(None, part.split(","))] for part in line.split(";")
            ]
    for d in ranked:
        for f in range(3):
            for t in rows[d][f]:
                counts[f][t] = counts[f].get(t, 0) + 1
    for f, key in enumerate(["actors", "places", "tags"]):
        top = sorted(counts[f], key=lambda t: (-counts[f][t], t))[:SHOWN]
        for t in top:
            fetched.add("%s/%d.json" % (key, t // chunks["terms"]))
    for d in ranked[:PAGE]:
        path = "docs/%d.json" % (d // chunks["docs"])
        fetched.add(path)
        row = json.load(open(os.path.join(root, path), encoding="utf-8"))[d % chunks["docs"]]
        for a in row[4]:
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
