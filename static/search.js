/* brief — client-side search for the default theme. No dependencies, no external requests.
 *
 * Progressive enhancement: every search form is an ordinary GET form to /search/?q=…, and the
 * search page says that search needs JavaScript until this script runs. The script
 *   - loads /search/names.json (written by `brief build`: the names of topics and people, and the
 *     list of word shards) on the first focus or input of a search box, or at once on
 *     /search/?q=…; then, for a query, the shards of its words (/search/w/<prefix>.json, which
 *     articles have each word and where) and the records of its first results
 *     (/search/a/<n>.json, a hundred articles each): a phone never loads the whole index;
 *   - matches every word of the query against the start of words in titles, summaries, people and
 *     topics, ignoring case and diacritics ("blínken" finds "Blinken"), and ranks by where the
 *     words match (title, then people and topics, then summary; whole words over prefixes),
 *     newest first among equals;
 *   - answers as you type, a short pause after the last key: under the header's box (the first few
 *     results and a link to all of them), and on /search/ (all results, 20 at a time).
 * Keyboard: ↓ from the box moves into the results, ↑/↓ move between them, Esc goes back to the box
 * (and closes the header's list).
 */
(function () {
  "use strict";

  /* Every URL comes from the page: the index is found beside this script's own `src`, and the
     search page is each form's `action`, so a site published under a sub-path (/desk/) works. */
  var BASE = new URL("search/", document.currentScript.src).href;
  var PAGE_SIZE = 20;
  var HEADER_ARTICLES = 6;
  var HEADER_ENTITIES = 4;
  /* Chips of matching topics and people on the search page: the most covered first. */
  var PAGE_ENTITIES = 24;
  /* Typing waits this long after the last key before searching (the first key of a query that
     finds nothing loaded yet is searched at once). */
  var DEBOUNCE_MS = 120;

  /* ---- Text folding: lower case, no diacritics, words separated by single spaces ---- */

  var MARKS = /\p{M}+/gu;
  var NON_WORD = /[^\p{L}\p{N}]+/gu;
  var SPECIAL = { "ß": "ss", "ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i" };
  var SPECIAL_RE = /[ßłøđðþæœı]/g;

  var NON_ASCII = /[^\x00-\x7f]/;
  var ASCII_NON_WORD = /[^a-z0-9]+/g;

  function fold(text) {
    text = String(text);
    // Most text is ASCII: the fast path gives the same result without Unicode normalisation.
    if (!NON_ASCII.test(text)) return text.toLowerCase().replace(ASCII_NON_WORD, " ").trim();
    return text
      .normalize("NFD")
      .replace(MARKS, "")
      .toLowerCase()
      .replace(SPECIAL_RE, function (c) { return SPECIAL[c]; })
      .replace(NON_WORD, " ")
      .trim();
  }

  /* The folded text with, for each folded character, the index of the original character it
     came from: to highlight matches in the original text. */
  function foldWithMap(text) {
    var folded = "";
    var map = [];
    var i = 0;
    for (var ch of String(text)) {
      var f = ch.normalize("NFD").replace(MARKS, "").toLowerCase()
        .replace(SPECIAL_RE, function (c) { return SPECIAL[c]; })
        .replace(NON_WORD, " ");
      for (var k = 0; k < f.length; k++) {
        folded += f[k];
        map.push(i);
      }
      i += ch.length;
    }
    return { text: folded, map: map };
  }

  function terms(query) {
    var seen = Object.create(null);
    return fold(query).split(" ").filter(function (t) {
      if (!t || seen[t]) return false;
      seen[t] = true;
      return true;
    });
  }

  /* ---- The index ---- */

  var loading = null;

  /* Timings for anyone curious (and tests/browser/search-bench.mjs): performance measures
     "brief-search-fetch" (download and parse of names.json) and "brief-search-query". */
  function measure(name, start) {
    try { performance.measure(name, { start: start, end: performance.now() }); } catch (e) { /* old browsers */ }
  }

  function json(path) {
    return fetch(BASE + path, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    });
  }

  /* names.json, once: the names and what else the index holds. */
  function load() {
    if (!loading) {
      var started = performance.now();
      loading = json("names.json").then(function (raw) {
        measure("brief-search-fetch", started);
        return prepare(raw);
      });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  function prepare(raw) {
    if (!raw || raw.v !== 2) throw new Error("unknown search index version");
    function entities(names, urls, counts, kind) {
      return names.map(function (name, i) {
        return { kind: kind, name: name, url: urls[i], key: " " + fold(name), count: counts[i] };
      });
    }
    var shards = Object.create(null);
    raw.shards.forEach(function (file) { shards[file] = null; });
    return {
      topics: entities(raw.topics, raw.topic_urls, raw.topic_counts, "topic"),
      people: entities(raw.people, raw.people_urls, raw.people_counts, "person"),
      chunk: raw.chunk,
      prefix: raw.prefix,
      shards: shards,
      chunks: Object.create(null)
    };
  }

  /* A prefix as its shard's file name: its UTF-8 bytes in hex. */
  function hex(text) {
    return Array.prototype.map.call(new TextEncoder().encode(text), function (b) {
      return (b < 16 ? "0" : "") + b.toString(16);
    }).join("");
  }

  /* The shard of a word's prefix ({word: [id * 8 + where]}), fetched once; {} if none. */
  function shard(index, term) {
    var file = hex(Array.from(term).slice(0, index.prefix).join(""));
    if (!(file in index.shards)) return Promise.resolve({});
    if (!index.shards[file]) {
      index.shards[file] = json("w/" + file + ".json");
      index.shards[file].catch(function () { index.shards[file] = null; });
    }
    return index.shards[file];
  }

  /* The articles `ids` stand for, fetching the record files they are in. */
  function records(index, ids) {
    var wanted = Object.create(null);
    ids.forEach(function (id) { wanted[Math.floor(id / index.chunk)] = true; });
    return Promise.all(Object.keys(wanted).map(function (n) {
      if (!index.chunks[n]) {
        index.chunks[n] = json("a/" + n + ".json");
        index.chunks[n].catch(function () { index.chunks[n] = null; });
      }
      return index.chunks[n];
    })).then(function () {
      return Promise.all(ids.map(function (id) {
        return index.chunks[Math.floor(id / index.chunk)].then(function (list) {
          var a = list[id % index.chunk];
          return { id: id, title: a[0], url: a[1], date: a[2], summary: a[3], topics: a[4], people: a[5] };
        });
      }));
    });
  }

  /* Where a word is, and what a match there weighs: whole word, then word start. */
  var PLACES = [[1, 12, 8], [2, 7, 5], [4, 3, 2]];

  /* The ids of the articles with every term, best first (newest first among equals). */
  function rank(shards, terms) {
    var scores = null;
    terms.forEach(function (term, t) {
      var whole = Object.create(null);
      var start = Object.create(null);
      var words = shards[t];
      Object.keys(words).forEach(function (word) {
        if (word.lastIndexOf(term, 0) !== 0) return;
        var into = word === term ? whole : start;
        words[word].forEach(function (posting) {
          var id = posting >> 3;
          into[id] = (into[id] || 0) | (posting & 7);
        });
      });
      var next = Object.create(null);
      function add(id) {
        if (id in next || (scores && !(id in scores))) return;
        var score = 0;
        PLACES.forEach(function (place) {
          if ((whole[id] || 0) & place[0]) score += place[1];
          else if ((start[id] || 0) & place[0]) score += place[2];
        });
        next[id] = (scores ? scores[id] : 0) + score;
      }
      Object.keys(whole).forEach(add);
      Object.keys(start).forEach(add);
      scores = next;
    });
    return Object.keys(scores || {}).map(Number).sort(function (x, y) {
      return scores[y] - scores[x] || x - y;
    });
  }

  /* The result of `query`: matching topics and people, and the ranked ids of articles (none
     when no word is long enough to have a shard). */
  function run(index, query) {
    var words = terms(query);
    if (!words.length) return Promise.resolve(null);
    var started = performance.now();
    var entities = index.topics.concat(index.people).filter(function (e) {
      return e.url && words.every(function (t) { return has(e.key, t); });
    });
    entities.sort(function (x, y) { return y.count - x.count || x.name.localeCompare(y.name); });
    var long = words.filter(function (t) { return Array.from(t).length >= index.prefix; });
    if (long.length < words.length && long.length) words = long;
    var lookups = long.length ? Promise.all(long.map(function (t) { return shard(index, t); })) : null;
    return (lookups || Promise.resolve(null)).then(function (shards) {
      measure("brief-search-query", started);
      return { words: words, ids: shards ? rank(shards, long) : [], short: !shards, entities: entities, index: index };
    });
  }

  /* Word-prefix match: `key` starts with a space and has single spaces between words. */
  function has(key, term) {
    return key.indexOf(" " + term) !== -1;
  }

  /* ---- Rendering (DOM nodes only: index text is never parsed as HTML) ---- */

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (name) {
        if (name === "text") node.textContent = attrs[name];
        else node.setAttribute(name, attrs[name]);
      });
    }
    (children || []).forEach(function (child) {
      if (child != null) node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  /* `text` with the matched word starts wrapped in <mark>. */
  function marked(text, words) {
    var fragment = document.createDocumentFragment();
    var folded = foldWithMap(text);
    var ranges = [];
    words.forEach(function (t) {
      var at = folded.text.indexOf(t);
      while (at !== -1) {
        if (at === 0 || folded.text[at - 1] === " ") {
          var last = folded.map[at + t.length - 1];
          var end = last + (text.codePointAt(last) > 0xffff ? 2 : 1);
          ranges.push([folded.map[at], end]);
        }
        at = folded.text.indexOf(t, at + 1);
      }
    });
    ranges.sort(function (x, y) { return x[0] - y[0]; });
    var position = 0;
    ranges.forEach(function (r) {
      if (r[1] <= position) return;
      var start = Math.max(r[0], position);
      if (start > position) fragment.appendChild(document.createTextNode(text.slice(position, start)));
      fragment.appendChild(el("mark", { text: text.slice(start, r[1]) }));
      position = r[1];
    });
    if (position < text.length) fragment.appendChild(document.createTextNode(text.slice(position)));
    return fragment;
  }

  /* "9 January 2022", as the pages write dates, with the month named in the page's language. */
  var lang = document.documentElement.lang || undefined;
  var monthName = null;
  function displayDate(iso) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (!parts) return iso;
    try {
      monthName = monthName || new Intl.DateTimeFormat(lang, { month: "long", timeZone: "UTC" });
      var month = monthName.format(new Date(Date.UTC(+parts[1], +parts[2] - 1, 1)));
      return +parts[3] + " " + month + " " + parts[1];
    } catch (e) {
      return iso;
    }
  }

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  function summaryOf(result, query) {
    if (!result) return "";
    var parts = [];
    var topics = result.entities.filter(function (e) { return e.kind === "topic"; }).length;
    var people = result.entities.length - topics;
    parts.push(plural(result.ids.length, "article", "articles"));
    if (topics) parts.push(plural(topics, "topic", "topics"));
    if (people) parts.push(plural(people, "person", "people"));
    var list = parts.length > 1 ? parts.slice(0, -1).join(", ") + " and " + parts[parts.length - 1] : parts[0];
    var total = result.ids.length + result.entities.length;
    if (result.short) {
      var found = result.entities.length ? list.replace(/^0 articles(, | and )/, "") + (result.entities.length === 1 ? " matches" : " match") + " “" + query.trim() + "”. " : "";
      return found + "Type two letters or more to search the articles.";
    }
    if (!total) return "Nothing matches “" + query.trim() + "”.";
    return list + (total === 1 ? " matches" : " match") + " “" + query.trim() + "”.";
  }

  function entityChips(entities, words, index) {
    return el("ul", { class: "chips search-entities" }, entities.map(function (e) {
      return el("li", null, [
        el("a", { class: "chip chip-" + e.kind + " search-hit", href: e.url }, [
          el("span", { class: "visually-hidden", text: e.kind === "topic" ? "Topic: " : "Person: " }),
          /* One element: a chip is a flex box, and each bare text node beside a <mark> would be
             an item of its own, with a gap between the parts of one word. */
          el("span", { class: "chip-name" }, [marked(e.name, words)]),
          el("span", { class: "chip-count" }, [
            el("span", { class: "visually-hidden", text: "(" }),
            String(e.count),
            el("span", { class: "visually-hidden", text: e.count === 1 ? " article)" : " articles)" })
          ])
        ])
      ]);
    }));
  }

  function namesOf(article, index) {
    return article.topics.map(function (t) { return index.topics[t].name; })
      .concat(article.people.map(function (p) { return index.people[p].name; }));
  }

  function articleCard(article, words, index) {
    var meta = [];
    if (article.date) {
      meta.push(el("time", { datetime: article.date, text: displayDate(article.date) }));
    }
    var names = namesOf(article, index);
    if (names.length) {
      if (meta.length) meta.push(el("span", { class: "meta-sep", "aria-hidden": "true", text: " · " }));
      meta.push(el("span", null, [marked(names.join(", "), words)]));
    }
    return el("li", null, [
      el("article", { class: "card" }, [
        el("h3", { class: "card-title" }, [el("a", { class: "search-hit", href: article.url }, [marked(article.title, words)])]),
        meta.length ? el("p", { class: "meta" }, meta) : null,
        article.summary ? el("p", { class: "card-summary" }, [marked(article.summary, words)]) : null
      ])
    ]);
  }

  function headerItem(article, words) {
    return el("li", null, [
      el("a", { class: "search-hit", href: article.url }, [
        el("span", { class: "search-panel-title" }, [marked(article.title, words)]),
        article.date ? el("span", { class: "search-panel-date" }, [el("time", { datetime: article.date, text: displayDate(article.date) })]) : null
      ])
    ]);
  }

  /* ---- Wiring ---- */

  function links(container) {
    return Array.prototype.slice.call(container.querySelectorAll("a.search-hit, button.search-more, a.search-all"));
  }

  function keyboard(input, container, onEscape) {
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") {
        var first = links(container)[0];
        if (first) {
          event.preventDefault();
          first.focus();
        }
      }
    });
    container.addEventListener("keydown", function (event) {
      var all = links(container);
      var at = all.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && at !== -1) {
        event.preventDefault();
        (all[at + 1] || all[at]).focus();
      } else if (event.key === "ArrowUp" && at !== -1) {
        event.preventDefault();
        if (at === 0) input.focus();
        else all[at - 1].focus();
      } else if (event.key === "Escape") {
        event.preventDefault();
        input.focus();
        if (onEscape) onEscape();
      }
    });
  }

  function failure(status, error) {
    status.textContent = "Search could not load its index (" + (error && error.message ? error.message : "network error") + "). Try again, or browse the lists.";
  }

  /* `fn` when typing pauses: at once for the first key after a pause, else DEBOUNCE_MS after
     the last one, so that a fast typist's every key is not a search of its own. */
  function debounce(fn) {
    var timer = null;
    var last = -Infinity;
    return function () {
      var now = performance.now();
      clearTimeout(timer);
      if (now - last > DEBOUNCE_MS) fn();
      else timer = setTimeout(fn, DEBOUNCE_MS);
      last = now;
    };
  }

  /* Answer `query` with its first `count` articles' records, unless `stale()` by then. */
  function answer(query, count, stale) {
    return load().then(function (index) {
      return run(index, query);
    }).then(function (result) {
      if (!result || stale()) return result;
      return records(result.index, result.ids.slice(0, count)).then(function (articles) {
        result.articles = articles;
        return result;
      });
    });
  }

  function setupPage(form) {
    var input = form.querySelector("input[name=q]");
    var root = form.parentNode;
    var status = root.querySelector("[data-search-status]");
    var results = root.querySelector("[data-search-results]");
    var fallback = root.querySelector("[data-search-fallback]");
    if (!input || !status || !results) return;
    form.hidden = false;
    if (fallback) fallback.hidden = true;

    var shown = 0;
    var current = null;
    var articleList = null;

    /* The next page of results after the `articles` just fetched for it. */
    function show(articles) {
      articles.forEach(function (article) {
        articleList.appendChild(articleCard(article, current.words, current.index));
      });
      shown += articles.length;
      var button = results.querySelector(".search-more");
      if (button) button.parentNode.remove();
      if (shown >= current.ids.length) return;
      var left = current.ids.length - shown;
      results.appendChild(el("p", { class: "more" }, [
        el("button", { type: "button", class: "search-more" }, ["Show " + Math.min(left, PAGE_SIZE) + " more of " + left])
      ]));
      results.querySelector(".search-more").addEventListener("click", function () {
        var before = shown;
        var asked = current;
        records(current.index, current.ids.slice(shown, shown + PAGE_SIZE)).then(function (articles) {
          if (asked !== current) return;
          show(articles);
          var link = articleList.children[before] && articleList.children[before].querySelector("a");
          if (link) link.focus();
        }, function (error) { failure(status, error); });
      });
    }

    function render(result, query) {
      results.textContent = "";
      shown = 0;
      current = result;
      if (!result) {
        status.textContent = "";
        return;
      }
      status.textContent = summaryOf(result, query);
      if (result.entities.length) {
        var chips = result.entities.slice(0, PAGE_ENTITIES);
        var left = result.entities.length - chips.length;
        results.appendChild(el("section", { class: "search-section", "aria-labelledby": "search-entities-title" }, [
          el("h2", { class: "section-title", id: "search-entities-title", text: "Topics and people" }),
          entityChips(chips, result.words, result.index),
          left ? el("p", { class: "section-note", text: "And " + plural(left, "more", "more") + ": add a word to narrow the search, or browse the lists of topics and people." }) : null
        ]));
      }
      if (result.ids.length) {
        articleList = el("ol", { class: "card-list" });
        results.appendChild(el("section", { class: "search-section", "aria-labelledby": "search-articles-title" }, [
          el("h2", { class: "section-title", id: "search-articles-title", text: "Articles" }),
          articleList
        ]));
        show(result.articles);
      }
    }

    /* The address keeps the query as typed, for sharing and for the back button. */
    function remember() {
      if (!window.history || !history.replaceState) return;
      var query = input.value.trim();
      history.replaceState(null, "", query ? "?q=" + encodeURIComponent(query).replace(/%20/g, "+") : location.pathname);
    }

    var pending = 0;
    function update() {
      var query = input.value;
      var ticket = ++pending;
      if (!terms(query).length) {
        results.textContent = "";
        status.textContent = "";
        return;
      }
      if (!loading) status.textContent = "Loading the search index…";
      var stale = function () { return ticket !== pending; };
      answer(query, PAGE_SIZE, stale).then(function (result) {
        if (!stale()) render(result, query);
      }, function (error) {
        if (!stale()) failure(status, error);
      });
    }

    input.addEventListener("focus", function () { load().catch(function () {}); }, { once: true });
    var search = debounce(update);
    input.addEventListener("input", function () {
      remember();
      search();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      remember();
      update();
    });
    keyboard(input, results);

    var q = new URLSearchParams(location.search).get("q");
    if (q) {
      input.value = q;
      update();
    }
  }

  function setupHeader(form) {
    var input = form.querySelector("input[name=q]");
    if (!input) return;
    var status = el("p", { class: "visually-hidden", role: "status" });
    var panel = el("div", { class: "search-panel", id: "search-panel", hidden: "" });
    form.appendChild(status);
    form.appendChild(panel);
    input.setAttribute("aria-controls", "search-panel");

    function close() {
      panel.hidden = true;
    }

    function open() {
      panel.hidden = false;
    }

    function render(result, query) {
      panel.textContent = "";
      if (!result) {
        status.textContent = "";
        close();
        return;
      }
      var text = summaryOf(result, query);
      status.textContent = text;
      var entities = result.entities.slice(0, HEADER_ENTITIES);
      var articles = result.articles;
      panel.appendChild(el("p", { class: "search-panel-status", text: text }));
      if (entities.length) panel.appendChild(entityChips(entities, result.words, result.index));
      if (articles.length) {
        panel.appendChild(el("ul", { class: "search-panel-list", "aria-label": "Articles" }, articles.map(function (a) {
          return headerItem(a, result.words);
        })));
      }
      if (result.ids.length + result.entities.length > 0) {
        panel.appendChild(el("p", { class: "search-panel-all" }, [
          el("a", { class: "search-all", href: form.action + "?q=" + encodeURIComponent(query.trim()).replace(/%20/g, "+") }, [
            result.ids.length > articles.length ? "All " + result.ids.length + " results" : "Open on the search page",
            el("span", { "aria-hidden": "true", text: " →" })
          ])
        ]));
      }
      open();
    }

    var pending = 0;
    function update() {
      var query = input.value;
      var ticket = ++pending;
      if (!terms(query).length) {
        panel.textContent = "";
        status.textContent = "";
        close();
        return;
      }
      var stale = function () { return ticket !== pending; };
      answer(query, HEADER_ARTICLES, stale).then(function (result) {
        if (!stale()) render(result, query);
      }, function (error) {
        if (stale()) return;
        panel.textContent = "";
        var message = el("p", { class: "search-panel-status" });
        failure(message, error);
        panel.appendChild(message);
        open();
      });
    }

    input.addEventListener("focus", function () { load().catch(function () {}); }, { once: true });
    input.addEventListener("input", debounce(update));
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && !panel.hidden) {
        event.preventDefault();
        close();
      }
    });
    keyboard(input, panel, close);
    /* Clicking the list's text (not a link) keeps the focus, so the list stays open. */
    panel.addEventListener("mousedown", function (event) {
      if (!event.target.closest("a, button")) event.preventDefault();
    });
    form.addEventListener("focusout", function (event) {
      if (!event.relatedTarget || !form.contains(event.relatedTarget)) close();
    });
    input.addEventListener("focus", function () {
      if (panel.childNodes.length && terms(input.value).length) open();
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-search]"), function (form) {
      if (form.getAttribute("data-search") === "page") setupPage(form);
      else setupHeader(form);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
