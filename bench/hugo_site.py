#!/usr/bin/env python3
"""Turn a corpus written by `cargo run --example corpus` into a Hugo site
with the pages briefing builds from it, for bench/compare.sh.

    python3 bench/hugo_site.py CORPUS_DIR HUGO_DIR [--days]

What the Hugo site has, to match briefing's output:

- one page per article at /YYYY/MM/DD/<slug>/ (the slug made as briefing
  makes it, set in front matter);
- the home page with the latest 20 articles;
- taxonomies actors, places and tags: a list page for each (all terms with
  their counts) and a term page per actor, place and tag listing all its
  articles (no pagination, like `page_size: 0`);
- taxonomies years and months filled from the date (`years: ["2022"]`,
  `months: ["2022-01"]`), since Hugo has no date archives; with --days, a
  days taxonomy as well (briefing also writes a page per day);
- a feed (RSS, latest 50, full content) for the home page and every
  actor, place and tag, a sitemap and robots.txt, as briefing writes Atom
  feeds for those, a sitemap and robots.txt;
- no section pages (briefing has none).

Layouts use the template system of Hugo 0.146 and later (layouts/home.html,
page.html, taxonomy.html, term.html, _partials/). Article list entries are
rendered once with partialCached and reused on every list they appear on,
as a Hugo site tuned for this would do.

Uses only the standard library: the corpus's front matter is in a known
shape (double-quoted title, `date: YYYY-MM-DD`), and the rest of each front
matter is copied as it is (Hugo reads YAML front matter).
"""

import json
import os
import re
import sys
from pathlib import Path

HUGO_TOML = """\
# Written by bench/hugo_site.py from a corpus made by examples/corpus.rs.
baseURL = "/"
title = {title}
locale = "en"
# briefing has no section pages; RSS and sitemap stay (briefing writes
# Atom feeds and a sitemap).
disableKinds = ["section"]
enableRobotsTXT = true
# Term names as written ("grain exports"), as briefing shows them.
capitalizeListTitles = false
timeout = "10m"

[taxonomies]
actor = "actors"
place = "places"
tag = "tags"
year = "years"
month = "months"
{days_taxonomy}
[permalinks.page]
articles = "/:year/:month/:day/:slug/"

[pagination]
pagerSize = 1000000

[services.rss]
limit = 50

[outputs]
home = ["html", "rss"]
page = ["html"]
taxonomy = ["html"]
term = ["html", "rss"]

[markup.goldmark.renderer]
# briefing allows raw HTML in bodies.
unsafe = true

# Feeds only for the home page and actor, place and tag pages, as briefing.
[[cascade]]
outputs = ["html"]
[cascade.target]
path = "{{/years/**,/months/**,/days/**}}"
"""

LAYOUTS = {
    "baseof.html": """\
<!DOCTYPE html>
<html lang="{{ site.Language.Locale }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} | {{ site.Title }}{{ end }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">
{{ end }}<link rel="canonical" href="{{ .Permalink }}">
<link rel="stylesheet" href="/style.css">
{{ with .OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .RelPermalink }}">
{{ end }}</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
<div class="wrap">
<a class="site-title" href="/">{{ site.Title }}</a>
<nav aria-label="Sections">
<ul>
<li><a href="/">Latest</a></li>
<li><a href="/actors/">Actors</a></li>
<li><a href="/places/">Places</a></li>
<li><a href="/tags/">Topics</a></li>
<li><a href="/years/">Archive</a></li>
</ul>
</nav>
</div>
</header>
<main id="main" class="wrap">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer">
<div class="wrap">
<p>{{ site.Title }}{{ with site.Params.description }}: {{ . }}{{ end }}</p>
</div>
</footer>
</body>
</html>
""",
    "_partials/entry.html": """\
<article class="entry">
<h2 class="entry-title"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
<p class="meta"><a href="/months/{{ .Date.Format "2006-01" }}/"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></a>{{ with .GetTerms "actors" }} <span class="sep" aria-hidden="true">·</span> {{ range $i, $t := . }}{{ if $i }}, {{ end }}<a href="{{ $t.RelPermalink }}">{{ $t.LinkTitle }}</a>{{ end }}{{ end }}</p>
{{ with .Params.summary }}<p class="summary">{{ . }}</p>
{{ end }}</article>
""",
    "page.html": """\
{{ define "main" }}
<article class="article">
<header>
<p class="meta"><a href="/months/{{ .Date.Format "2006-01" }}/"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></a> <span class="sep" aria-hidden="true">·</span> {{ .ReadingTime }} min read</p>
<h1>{{ .Title }}</h1>
{{ with .GetTerms "actors" }}<p class="byline">With {{ range $i, $t := . }}{{ if $i }}, {{ end }}<a href="{{ $t.RelPermalink }}">{{ $t.LinkTitle }}</a>{{ end }}</p>
{{ end }}</header>
<div class="body">
{{ .Content }}
</div>
<footer class="facets">
<dl>
{{ with .GetTerms "actors" }}<dt>Actors</dt>
<dd><ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul></dd>
{{ end }}{{ with .GetTerms "places" }}<dt>Places</dt>
<dd><ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul></dd>
{{ end }}{{ with .GetTerms "tags" }}<dt>Topics</dt>
<dd><ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul></dd>
{{ end }}<dt>Date</dt>
<dd><a href="/months/{{ .Date.Format "2006-01" }}/">All briefings of {{ .Date.Format "January 2006" }}</a></dd>
</dl>
</footer>
</article>
{{ end }}
""",
    "home.html": """\
{{ define "main" }}
<h1 class="page-title">Latest briefings</h1>
{{ with site.Params.description }}<p class="lede">{{ . }}</p>
{{ end }}{{ range first 20 site.RegularPages }}{{ partialCached "entry.html" . .RelPermalink }}
{{ else }}<p>Nothing has been published yet.</p>
{{ end }}
{{ end }}
""",
    "taxonomy.html": """\
{{ define "main" }}
<h1 class="page-title">{{ .Title }}</h1>
<ul class="terms">
{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> <span class="count">{{ .Count }}</span></li>
{{ end }}</ul>
{{ end }}
""",
    "term.html": """\
{{ define "main" }}
<header>
<p class="kicker"><a href="{{ .Parent.RelPermalink }}">{{ .Parent.Title }}</a></p>
<h1 class="page-title">{{ .Title }}</h1>
<p class="count">{{ len .Pages }} {{ cond (eq (len .Pages) 1) "briefing" "briefings" }}, newest first.</p>
</header>
{{ range .Pages }}{{ partialCached "entry.html" . .RelPermalink }}
{{ end }}
{{ end }}
""",
    "404.html": """\
{{ define "main" }}
<h1 class="page-title">Page not found</h1>
<p><a href="/">Latest briefings</a></p>
{{ end }}
""",
    # Full content in feeds, as briefing's Atom feeds carry it.
    "rss.xml": """\
{{- printf "<?xml version=\\"1.0\\" encoding=\\"utf-8\\" standalone=\\"yes\\"?>" | safeHTML }}
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ site.Title }}: {{ .Title }}{{ end }}</title>
<link>{{ .Permalink }}</link>
<description>{{ site.Params.description }}</description>
<generator>Hugo</generator>
{{ with .OutputFormats.Get "rss" }}<atom:link href="{{ .Permalink }}" rel="self" type="application/rss+xml"/>{{ end }}
{{ $pages := .Pages }}{{ if .IsHome }}{{ $pages = site.RegularPages }}{{ end }}
{{ range first site.Config.Services.RSS.Limit $pages }}<item>
<title>{{ .Title }}</title>
<link>{{ .Permalink }}</link>
<pubDate>{{ .Date.Format "Mon, 02 Jan 2006 15:04:05 -0700" | safeHTML }}</pubDate>
<guid>{{ .Permalink }}</guid>
{{ range .GetTerms "actors" }}<category>{{ .LinkTitle }}</category>
{{ end }}{{ range .GetTerms "places" }}<category>{{ .LinkTitle }}</category>
{{ end }}{{ range .GetTerms "tags" }}<category>{{ .LinkTitle }}</category>
{{ end }}<description>{{ .Content | transform.XMLEscape | safeHTML }}</description>
</item>
{{ end }}</channel>
</rss>
""",
}

TITLE = re.compile(r'^title:\s*(".*")\s*$', re.M)
PLAIN_TITLE = re.compile(r"^title:\s*(.*?)\s*$", re.M)
DATE = re.compile(r"^date:\s*(\d{4})-(\d{2})-(\d{2})", re.M)
SITE_TITLE = re.compile(r"^title:\s*(.*?)\s*$", re.M)
SITE_DESCRIPTION = re.compile(r"^description:\s*(.*?)\s*$", re.M)


def slugify(text):
    """briefing's slug for ASCII text: letters and digits, lower-case,
    runs of anything else (but apostrophes and backticks) as one hyphen."""
    out = []
    pending = False
    for c in text:
        if c.isascii() and c.isalnum():
            if pending and out:
                out.append("-")
            pending = False
            out.append(c.lower())
        elif c not in "'`":
            pending = True
    return "".join(out)


def yaml_scalar(raw):
    raw = raw.strip()
    if raw.startswith('"'):
        return json.loads(raw)  # the corpus escapes only \" and \\
    if raw.startswith("'"):
        return raw[1:-1].replace("''", "'")
    return raw


def convert(corpus, hugo, days):
    site_yaml = (corpus / "site.yaml").read_text(encoding="utf-8")
    title = "Briefing"
    match = SITE_TITLE.search(site_yaml)
    if match:
        title = yaml_scalar(match.group(1))
    description = ""
    match = SITE_DESCRIPTION.search(site_yaml)
    if match:
        description = yaml_scalar(match.group(1))

    hugo.mkdir(parents=True, exist_ok=True)
    config = HUGO_TOML.format(
        title=json.dumps(title),
        days_taxonomy='day = "days"\n' if days else "",
    )
    config += "\n[params]\ndescription = {}\n".format(json.dumps(description))
    (hugo / "hugo.toml").write_text(config, encoding="utf-8")
    for name, text in LAYOUTS.items():
        path = hugo / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    static = hugo / "static"
    static.mkdir(exist_ok=True)
    (static / "style.css").write_text(
        "body { font-family: sans-serif; max-width: 42rem; margin: auto; }\n",
        encoding="utf-8",
    )

    source = corpus / "content"
    target = hugo / "content" / "articles"
    count = 0
    made_folders = set()
    for folder, dirs, files in os.walk(source):
        dirs.sort()
        rel = Path(folder).relative_to(source)
        if rel.parts and rel.parts[0] == "actors":
            continue  # actor profiles: the corpus writes none
        for name in sorted(files):
            if not name.endswith(".md"):
                continue
            path = Path(folder) / name
            text = path.read_text(encoding="utf-8")
            if not text.startswith("---\n"):
                raise SystemExit(f"{path}: no front matter")
            end = text.find("\n---\n", 4)
            if end < 0:
                raise SystemExit(f"{path}: front matter is not closed")
            matter, body = text[4 : end + 1], text[end + 5 :]
            date = DATE.search(matter)
            if not date:
                raise SystemExit(f"{path}: no date: YYYY-MM-DD line")
            year, month, day = date.groups()
            match = TITLE.search(matter) or PLAIN_TITLE.search(matter)
            if not match:
                raise SystemExit(f"{path}: no title")
            slug = slugify(yaml_scalar(match.group(1)))
            extra = (
                f'slug: "{slug}"\n'
                f'years: ["{year}"]\n'
                f'months: ["{year}-{month}"]\n'
            )
            if days:
                extra += f'days: ["{year}-{month}-{day}"]\n'
            out_folder = target / rel
            if out_folder not in made_folders:
                out_folder.mkdir(parents=True, exist_ok=True)
                made_folders.add(out_folder)
            (out_folder / name).write_text(
                "---\n" + matter + extra + "---\n" + body, encoding="utf-8"
            )
            count += 1
    return count


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    flags = {a for a in argv[1:] if a.startswith("--")}
    unknown = flags - {"--days"}
    if len(args) != 2 or unknown:
        sys.exit(f"usage: {argv[0]} CORPUS_DIR HUGO_DIR [--days]")
    corpus, hugo = Path(args[0]), Path(args[1])
    if not (corpus / "content").is_dir():
        sys.exit(f"{corpus}: no content/ folder (make one with the corpus example)")
    if (hugo / "content").exists():
        sys.exit(f"{hugo}/content already exists; choose a new folder")
    count = convert(corpus, hugo, "--days" in flags)
    print(f"wrote a Hugo site of {count} articles to {hugo}")


if __name__ == "__main__":
    main(sys.argv)
