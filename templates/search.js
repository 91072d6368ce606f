/* briefing search: reads the index that `briefing build` writes beside this
   script (search/meta.json, words/, docs/, facets/, lists/, actors/, places/,
   tags/) and fetches only the files a query needs. No dependencies; every URL is
   made from this script's own address, so the site works under any path
   and on any host. See docs/architecture.md for the file formats. */
(function () {
  "use strict";
  var script = document.currentScript;
  var form = document.getElementById("search-form");
  if (!script || !form || !window.fetch) return;
  var dir = new URL(".", script.src);
  var root = new URL("..", dir);
  var input = form.querySelector("input[name=q]");
  var statusBox = document.getElementById("search-status");
  var cardsBox = document.getElementById("search-cards");
  var facetsBox = document.getElementById("search-facets");
  var filtersBox = document.getElementById("search-filters");
  var resultsBox = document.getElementById("search-results");
  var moreButton = document.getElementById("search-more");
  /* The page's words in its language (data-strings, from the theme's
     translation table); English when a site's own search page has none. */
  var WORDS = {
    prompt: "Type a name, a place, a topic or any word.",
    none: "No briefings match.",
    matches: { one: "{count} briefing matches.", other: "{count} briefings match." },
    failed: "The search index could not be loaded ({error}).",
    briefings: { one: "{count} briefing", other: "{count} briefings" },
    current: "current role",
    actors: "Actors", places: "Places", topics: "Topics", years: "Years"
  };
  try {
    var given = JSON.parse(form.getAttribute("data-strings") || "{}");
    Object.keys(given).forEach(function (k) { WORDS[k] = given[k]; });
  } catch (e) { /* keep English */ }
  var plurals = window.Intl && Intl.PluralRules ?
    new Intl.PluralRules(document.documentElement.lang || "en") : null;
  function counted(forms, count) {
    var form = plurals ? plurals.select(count) : (count === 1 ? "one" : "other");
    var text = forms[form] || forms.other || "";
    return text.replace("{count}", String(count));
  }
  var FACETS = [
    { key: "actors", param: "actor", title: WORDS.actors },
    { key: "places", param: "place", title: WORDS.places },
    { key: "tags", param: "tag", title: WORDS.topics }
  ];
  /* Filter counts read at most this many facet files; beyond, they come
     from the lists of the values shown. */
  var CARDS = 3, FACET_FILES = 4;
  /* A typed query runs once the reader pauses this long (ms), and only
     when it has at least MIN_CHARS characters (pressing Enter runs any). */
  var PAUSE = 150, MIN_CHARS = 2;
  var files = new Map();
  var meta = null, keys = null, longestKey = 0;
  var generation = 0, current = null, pending = 0;

  /* Each file is fetched once per page load: the promise is kept from
     the moment it is asked for, so a second query needing a file still
     in flight waits for the same request. A failed fetch is forgotten. */
  function get(path, json) {
    if (!files.has(path)) {
      var loaded = fetch(new URL(path, dir)).then(function (r) {
        if (!r.ok) throw new Error(path + ": " + r.status);
        return json ? r.json() : r.text();
      });
      loaded.catch(function () { files.delete(path); });
      files.set(path, loaded);
    }
    return files.get(path);
  }

  /* The same words as the index: lower case, the fold table, runs of
     letters and digits (src/search/fold.rs). */
  function words(text) {
    var folded = "";
    for (var c of text.toLowerCase()) {
      var to = meta.fold[c];
      folded += to === undefined ? c : to;
    }
    return (folded.match(/[\p{Alphabetic}\p{N}]+/gu) || []).map(function (w) {
      return Array.from(w).slice(0, meta.maxWord).join("");
    });
  }

  function fileKey(key) {
    if (/^[a-z0-9]+$/.test(key)) return key;
    return "_" + Array.from(key).map(function (c) {
      return c.codePointAt(0).toString(16);
    }).join("-");
  }

  /* The shards that can hold `word` (and, for a prefix, every word that
     starts with it): the longest shard key that is a prefix of it, and
     every longer key that starts with it. */
  function shardsFor(word, prefix) {
    var chars = Array.from(word), found = [];
    for (var n = Math.min(chars.length, longestKey); n > 0; n--) {
      var key = chars.slice(0, n).join("");
      if (keys.has(key)) { found.push(key); break; }
    }
    if (prefix) {
      meta.shards.forEach(function (key) {
        if (key.length > word.length && key.startsWith(word)) found.push(key);
      });
    }
    return found;
  }

  function loadShard(key) {
    return get("words/" + fileKey(key) + ".txt").then(function (text) {
      return text.split("\n").filter(Boolean).map(function (line) {
        var parts = line.split(" ");
        return { word: parts[0], postings: parts[1], actors: parts[2], counts: parts[3] };
      });
    });
  }

  function base36List(text) {
    return text ? text.split(",").map(function (n) { return parseInt(n, 36); }) : [];
  }

  /* One query word: document id -> strong (title, summary, names), the
     actors whose names hold it, and the filter counts of each word line it
     matched (none for a word in at most one page of documents). The last
     word matches as a prefix. */
  function lookUp(word, prefix) {
    return Promise.all(shardsFor(word, prefix).map(loadShard)).then(function (shards) {
      var docs = new Map(), actors = new Set(), counts = [];
      shards.forEach(function (lines) {
        lines.forEach(function (line) {
          var hit = line.word === word || (prefix && line.word.startsWith(word));
          if (!hit) return;
          if (line.postings) counts.push(line.counts);
          var value = 0;
          base36List(line.postings).forEach(function (gap) {
            value += gap;
            var id = value >> 1, strong = value & 1;
            docs.set(id, (docs.get(id) || 0) | strong);
          });
          if (!prefix || word.length >= 3 || line.word === word) {
            base36List(line.actors).forEach(function (a) { actors.add(a); });
          }
        });
      });
      return { docs: docs, actors: actors, lines: counts };
    });
  }

  function facetsOf(ids) {
    var chunks = new Set(ids.map(function (id) { return Math.floor(id / meta.chunks.facets); }));
    return Promise.all(Array.from(chunks).map(function (n) {
      return get("facets/" + n + ".txt").then(function (text) {
        return { n: n, rows: text.split("\n") };
      });
    })).then(function (loaded) {
      var byChunk = new Map();
      loaded.forEach(function (c) { byChunk.set(c.n, c.rows); });
      return function (id) {
        var row = byChunk.get(Math.floor(id / meta.chunks.facets))[id % meta.chunks.facets];
        return row.split(";").map(base36List);
      };
    });
  }

  /* The documents of an actor, place or tag: line `id - first` of the
     list file whose first term is the last at or below `id`. */
  function termList(key, id) {
    var firsts = meta.lists[key], n = 0;
    while (n + 1 < firsts.length && firsts[n + 1] <= id) n++;
    return get("lists/" + key + "/" + n + ".txt").then(function (text) {
      var value = 0;
      return base36List(text.split("\n")[id - firsts[n]] || "").map(function (gap) {
        value += gap;
        return value;
      });
    });
  }

  /* `a:3,b:2;c:5;` -> a Map of counts per facet. */
  function parseCounts(text) {
    return text.split(";").map(function (part) {
      var counts = new Map();
      part.split(",").filter(Boolean).forEach(function (pair) {
        var p = pair.split(":");
        counts.set(parseInt(p[0], 36), parseInt(p[1], 36));
      });
      return counts;
    });
  }

  function row(id) {
    var size = meta.chunks.docs;
    return get("docs/" + Math.floor(id / size) + ".json", true).then(function (rows) {
      return rows[id % size];
    });
  }

  function countAll(ids, termsOf) {
    return FACETS.map(function (f, i) {
      var counts = new Map();
      ids.forEach(function (id) {
        termsOf(id)[i].forEach(function (t) { counts.set(t, (counts.get(t) || 0) + 1); });
      });
      return counts;
    });
  }

  /* Each facet's counts (value id -> documents) among `keep`, for the
     values the filters show, fetching little: the rows of a result that
     fits one page (fetched to show it anyway); the counts the index holds
     for a single word with no filter and no actor named; the facet rows of a result in a few
     facet files; else the lists of the likeliest values (those most
     frequent for the query's words, or overall, and those selected). */
  function facetCounts(keep, hits, selected, narrowed) {
    if (keep.length <= meta.page) {
      return Promise.all(keep.map(row)).then(function (rows) {
        var byId = new Map();
        keep.forEach(function (id, i) { byId.set(id, rows[i].slice(4, 7)); });
        return countAll(keep, function (id) { return byId.get(id); });
      });
    }
    var lines = [];
    hits.forEach(function (hit) { lines.push.apply(lines, hit.lines); });
    if (!narrowed && lines.length === 1 && lines[0]) return Promise.resolve(parseCounts(lines[0]));
    var chunks = new Set(keep.map(function (id) { return Math.floor(id / meta.chunks.facets); }));
    if (chunks.size <= FACET_FILES) {
      return facetsOf(keep).then(function (facets) { return countAll(keep, facets); });
    }
    var kept = new Set(keep);
    var guesses = lines.filter(Boolean).map(parseCounts);
    return Promise.all(FACETS.map(function (f, i) {
      var guess = new Map();
      guesses.forEach(function (g) {
        g[i].forEach(function (n, t) { guess.set(t, (guess.get(t) || 0) + n); });
      });
      var top = Array.from(guess).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; })
        .map(function (e) { return e[0]; });
      /* Terms are numbered most covered first. */
      for (var t = 0; top.length < meta.shown && t < meta.terms[f.key]; t++) {
        if (top.indexOf(t) < 0) top.push(t);
      }
      top = top.slice(0, meta.shown);
      selected[i].forEach(function (t) { if (t !== null && top.indexOf(t) < 0) top.push(t); });
      return Promise.all(top.map(function (t) { return termList(f.key, t); })).then(function (lists) {
        var counts = new Map();
        top.forEach(function (t, j) {
          var n = lists[j].filter(function (id) { return kept.has(id); }).length;
          if (n) counts.set(t, n);
        });
        return counts;
      });
    }));
  }

  function term(key, id) {
    var size = meta.chunks.terms;
    return get(key + "/" + Math.floor(id / size) + ".json", true).then(function (rows) {
      var row = rows[id % size];
      return { id: id, name: row[0], path: row[1], count: row[2], role: row[3], current: row[4] };
    });
  }

  /* A filter's term id from the slug in the URL: term files are read in
     order (most covered first) until the slug is found. */
  function findTerm(key, slug) {
    var total = meta.terms[key], size = meta.chunks.terms, path = key + "/" + slug + "/";
    function scan(n) {
      if (n * size >= total) return Promise.resolve(null);
      return get(key + "/" + n + ".json", true).then(function (rows) {
        var i = rows.findIndex(function (row) { return row[1] === path; });
        return i < 0 ? scan(n + 1) : n * size + i;
      });
    }
    return scan(0);
  }

  function yearOf(id) {
    var year = meta.years.find(function (y) { return id >= y[1] && id <= y[2]; });
    return year ? year[0] : null;
  }

  function readState() {
    var params = new URLSearchParams(location.search);
    var state = { q: params.get("q") || "", filters: {}, year: params.get("year") || "" };
    FACETS.forEach(function (f) { state.filters[f.key] = params.getAll(f.param); });
    return state;
  }

  function writeState(state) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    FACETS.forEach(function (f) {
      state.filters[f.key].forEach(function (slug) { params.append(f.param, slug); });
    });
    if (state.year) params.set("year", state.year);
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  }

  /* The documents every query word matches, ranked: those in `own` (the
     briefings of the actors the query names) first, then by the number
     of words matched in a strong field, then by id (newer first). */
  function matchAll(list, own) {
    if (!list.length) return null;
    var mine = new Set();
    own.forEach(function (ids) { ids.forEach(function (id) { mine.add(id); }); });
    list.sort(function (a, b) { return a.docs.size - b.docs.size; });
    var scored = [];
    list[0].docs.forEach(function (strong, id) {
      var score = strong;
      for (var i = 1; i < list.length; i++) {
        if (!list[i].docs.has(id)) return;
        score += list[i].docs.get(id);
      }
      scored.push({ id: id, own: mine.has(id) ? 1 : 0, score: score });
    });
    scored.sort(function (a, b) { return b.own - a.own || b.score - a.score || a.id - b.id; });
    return scored.map(function (s) { return s.id; });
  }

  /* Each query word's documents with the briefings of the `named` actors
     whose name or alias holds the word (`own`: their lists), as if the
     word were in those briefings' actor names: a briefing that spells
     the actor otherwise (another alias, another script) is found. */
  function withActors(hits, named, own) {
    return hits.map(function (hit) {
      var docs = new Map(hit.docs);
      named.forEach(function (a, i) {
        if (hit.actors.has(a)) own[i].forEach(function (id) { docs.set(id, 1); });
      });
      return { docs: docs, actors: hit.actors, lines: hit.lines };
    });
  }

  /* The actors named by the most query words (name or alias), most
     covered first, at most CARDS. */
  function bestActors(list) {
    var score = new Map(), best = 0;
    list.forEach(function (hit) {
      hit.actors.forEach(function (a) {
        var s = (score.get(a) || 0) + 1;
        score.set(a, s);
        best = Math.max(best, s);
      });
    });
    return Array.from(score).filter(function (e) { return e[1] === best; })
      .map(function (e) { return e[0]; })
      .sort(function (a, b) { return a - b; })
      .slice(0, CARDS);
  }

  function search(state) {
    var mine = ++generation;
    var query = words(state.q);
    if (!query.length && !hasFilters(state)) {
      show(mine, state, query, null);
      return Promise.resolve();
    }
    var lookups = query.map(function (w, i) { return lookUp(w, i === query.length - 1 && w.length >= 2); });
    var wanted = FACETS.map(function (f) {
      return Promise.all(state.filters[f.key].map(function (slug) { return findTerm(f.key, slug); }));
    });
    return Promise.all([Promise.all(lookups), Promise.all(wanted)]).then(function (found) {
      if (mine !== generation) return;
      var hits = found[0], selected = found[1];
      /* The actors the query names (shown as cards) bring their
         briefings to the words that name them. */
      var named = bestActors(hits);
      return Promise.all(named.map(function (a) { return termList("actors", a); })).then(function (own) {
        if (mine !== generation) return;
        var ids = matchAll(withActors(hits, named, own), own);
        if (ids === null) ids = Array.from({ length: meta.docs }, function (_, i) { return i; });
        return narrow(mine, state, query, hits, selected, ids, named);
      });
    });
  }

  /* `ids` narrowed by the filters, counted and shown with the cards of
     the `named` actors (then the result is not its words' documents
     alone, so no word's counts stand for it). */
  function narrow(mine, state, query, hits, selected, ids, named) {
    var unknown = selected.some(function (want) { return want.indexOf(null) >= 0; });
    var lists = [];
    selected.forEach(function (want, f) {
      want.forEach(function (t) { if (t !== null) lists.push(termList(FACETS[f].key, t)); });
    });
    return Promise.all(lists).then(function (lists) {
      if (mine !== generation) return;
      var sets = lists.map(function (l) { return new Set(l); });
      var keep = unknown ? [] : ids.filter(function (id) {
        return sets.every(function (s) { return s.has(id); }) &&
          (!state.year || String(yearOf(id)) === state.year);
      });
      var result = { ids: keep, selected: selected, actors: named };
      /* The filters' counts are asked for once the results are shown:
         their files do not hold up the results. */
      var counts = function () {
        return facetCounts(keep, hits, selected, hasFilters(state) || named.length > 0);
      };
      return show(mine, state, query, result, counts);
    });
  }

  function hasFilters(state) {
    return !!state.year || FACETS.some(function (f) { return state.filters[f.key].length > 0; });
  }

  /* The status, the actor cards and the first result are put in the
     page together, in one frame, once they are known; the other results
     follow in order as their rows arrive, each below the last, in an
     area reserved beforehand (style.css), so nothing the reader sees
     moves. The filters, after the results, follow once `counts()` (a
     promise of each facet's counts) is in. */
  function show(mine, state, query, result, counts) {
    if (!result) {
      current = { state: state, query: query, result: null, shown: 0 };
      statusBox.textContent = WORDS.prompt;
      cardsBox.replaceChildren();
      resultsBox.replaceChildren();
      filtersBox.replaceChildren();
      facetsBox.hidden = true;
      moreButton.hidden = true;
      return Promise.resolve();
    }
    var next = { state: state, query: query, result: result, shown: 0 };
    var rows = page(next);
    return Promise.all([cards(result), rows[0]]).then(function (made) {
      if (mine !== generation) return;
      current = next;
      var count = result.ids.length;
      statusBox.textContent = count === 0 ? WORDS.none : counted(WORDS.matches, count);
      cardsBox.replaceChildren.apply(cardsBox, made[0]);
      resultsBox.replaceChildren();
      moreButton.hidden = true;
      return append(mine, next, rows);
    }).then(function () {
      if (mine !== generation) return;
      moreButton.hidden = next.shown >= result.ids.length;
      return counts().then(function (counted) {
        if (mine !== generation) return;
        return showFilters(mine, state, result, counted);
      });
    });
  }

  function cards(result) {
    return Promise.all(result.actors.map(function (id) { return term("actors", id); })).then(function (actors) {
      return actors.map(function (actor) {
        var card = el("article", "actor-card");
        var name = el("h2");
        name.appendChild(link(actor.name, actor.path));
        card.appendChild(name);
        if (actor.role) {
          var role = el("p", "role", actor.role);
          if (actor.current) role.appendChild(el("span", "role-when", " (" + WORDS.current + ")"));
          card.appendChild(role);
        }
        card.appendChild(el("p", "count", counted(WORDS.briefings, actor.count)));
        return card;
      });
    });
  }

  /* The rows of the next page of `view`'s results (promises, in order). */
  function page(view) {
    var ids = view.result.ids.slice(view.shown, view.shown + meta.page);
    view.shown += ids.length;
    return ids.map(row);
  }

  /* Each of `rows` shown at the end of the list as soon as it and those
     before it are in; `first` (if given) gets the first one shown. */
  function append(mine, view, rows, first) {
    return rows.reduce(function (chain, next, n) {
      return chain.then(function () { return next; }).then(function (r) {
        if (mine !== generation || view !== current) return;
        var entry = item(r, view.query);
        resultsBox.appendChild(entry);
        if (n === 0 && first) first(entry);
      });
    }, Promise.resolve());
  }

  function showFilters(mine, state, result, counted) {
    var groups = FACETS.map(function (f, index) {
      var counts = counted[index];
      var chosen = result.selected[index].filter(function (t) { return t !== null; });
      var top = Array.from(counts).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; })
        .slice(0, meta.shown).map(function (e) { return e[0]; });
      chosen.forEach(function (t) { if (top.indexOf(t) < 0) top.push(t); });
      return Promise.all(top.map(function (t) { return term(f.key, t); })).then(function (terms) {
        return { facet: f, values: terms.map(function (t) {
          var slug = t.path.split("/")[1];
          return { label: t.name, value: slug, count: counts.get(t.id) || 0,
            on: state.filters[f.key].indexOf(slug) >= 0 };
        }) };
      });
    });
    var years = new Map();
    result.ids.forEach(function (id) { var y = yearOf(id); years.set(y, (years.get(y) || 0) + 1); });
    return Promise.all(groups).then(function (groups) {
      if (mine !== generation) return;
      groups.push({ facet: { param: "year", title: WORDS.years }, values: meta.years
        .filter(function (y) { return years.has(y[0]) || String(y[0]) === state.year; })
        .map(function (y) {
          return { label: String(y[0]), value: String(y[0]), count: years.get(y[0]) || 0,
            on: String(y[0]) === state.year };
        }) });
      filtersBox.replaceChildren.apply(filtersBox, groups.filter(function (g) {
        return g.values.length;
      }).map(filterGroup));
      facetsBox.hidden = !filtersBox.children.length;
    });
  }

  function filterGroup(group) {
    var set = el("fieldset", "filter");
    set.appendChild(el("legend", null, group.facet.title));
    var list = el("ul");
    group.values.forEach(function (v) {
      var item = el("li"), label = el("label"), box = el("input");
      box.type = "checkbox";
      box.name = group.facet.param;
      box.value = v.value;
      box.checked = v.on;
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + v.label + " "));
      label.appendChild(el("span", "count", "(" + v.count + ")"));
      item.appendChild(label);
      list.appendChild(item);
    });
    set.appendChild(list);
    return set;
  }

  /* "More results": the next page, added below; keyboard focus moves to
     the first new result (the button may have gone). */
  function showMore() {
    var mine = generation, view = current;
    if (!view || !view.result) return Promise.resolve();
    return append(mine, view, page(view), function (entry) {
      entry.querySelector("a").focus();
    }).then(function () {
      if (mine !== generation || view !== current) return;
      moreButton.hidden = view.shown >= view.result.ids.length;
    });
  }

  /* A result row: [title, path, date, summary, actor ids, place ids,
     tag ids, actors as [name, role on the article's day]]. */
  function item(row, query) {
    var entry = el("li", "entry");
    var title = el("h2", "entry-title");
    var a = link("", row[1]);
    highlight(a, row[0], query);
    title.appendChild(a);
    entry.appendChild(title);
    var info = el("p", "meta", row[2]);
    var actors = row[7] || [];
    if (actors.length) {
      info.appendChild(document.createTextNode(" · " + actors.map(function (t) {
        return t[1] ? t[0] + " (" + t[1] + ")" : t[0];
      }).join(", ")));
    }
    entry.appendChild(info);
    var snippet = el("p", "summary");
    highlight(snippet, row[3], query);
    entry.appendChild(snippet);
    return entry;
  }

  /* `text` into `node`, the words the query matched in <mark>. */
  function highlight(node, text, query) {
    var last = query.length - 1;
    var pattern = /[\p{Alphabetic}\p{N}\p{M}]+/gu, at = 0, m;
    while ((m = pattern.exec(text))) {
      var w = words(m[0])[0] || "";
      var hit = query.some(function (q, i) { return w === q || (i === last && q.length >= 2 && w.startsWith(q)); });
      if (!hit) continue;
      node.appendChild(document.createTextNode(text.slice(at, m.index)));
      node.appendChild(el("mark", null, m[0]));
      at = m.index + m[0].length;
    }
    node.appendChild(document.createTextNode(text.slice(at)));
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function link(text, path) {
    var a = el("a", null, text);
    a.href = new URL(path, root).pathname;
    return a;
  }

  function run() {
    clearTimeout(pending);
    var state = readState();
    state.q = input.value;
    writeState(state);
    return search(state);
  }

  /* While the reader types nothing is fetched or counted: the query runs
     after a pause, if long enough (shorter ones show the prompt). */
  function typed() {
    clearTimeout(pending);
    generation++;
    var state = readState();
    state.q = input.value;
    var length = words(state.q).join("").length;
    if (length > 0 && length < MIN_CHARS && !hasFilters(state)) {
      writeState(state);
      show(generation, state, [], null);
      return;
    }
    pending = setTimeout(run, PAUSE);
  }

  function start() {
    var state = readState();
    input.value = state.q;
    /* The filters are open beside the results on a wide screen, behind
       their summary on a narrow one. */
    var wide = window.matchMedia("(min-width: 48rem)");
    facetsBox.open = wide.matches;
    form.addEventListener("submit", function (e) { e.preventDefault(); run(); });
    input.addEventListener("input", typed);
    filtersBox.addEventListener("change", function (e) {
      var box = e.target, state = readState();
      if (box.name === "year") {
        state.year = box.checked ? box.value : "";
      } else {
        var f = FACETS.find(function (f) { return f.param === box.name; });
        var list = state.filters[f.key].filter(function (s) { return s !== box.value; });
        if (box.checked) list.push(box.value);
        state.filters[f.key] = list;
      }
      state.q = input.value;
      writeState(state);
      search(state).then(function () {
        var again = filtersBox.querySelector("input[name='" + box.name + "'][value='" + CSS.escape(box.value) + "']");
        if (again) again.focus();
      });
    });
    moreButton.addEventListener("click", showMore);
    return search(state);
  }

  get("meta.json", true).then(function (m) {
    meta = m;
    keys = new Set(m.shards);
    m.shards.forEach(function (k) { longestKey = Math.max(longestKey, Array.from(k).length); });
    document.documentElement.classList.add("search-ready");
    return start();
  }).catch(function (err) {
    statusBox.textContent = WORDS.failed.replace("{error}", err.message);
  });
})();
