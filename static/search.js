/* brief — client-side search for the default theme. No dependencies, no external requests.
 *
 * Progressive enhancement: every search form is an ordinary GET form to /search/?q=…, and the
 * search page says that search needs JavaScript until this script runs. The script
 *   - loads search.json (written by `brief build` beside this script) once, on the first focus or
 *     input of a search box, or at once on /search/?q=…;
 *   - matches every word of the query against the start of words in titles, summaries, people and
 *     topics, ignoring case and diacritics ("blínken" finds "Blinken"), and ranks by where the
 *     words match (title, then people and topics, then summary; whole words over prefixes),
 *     newest first among equals;
 *   - answers as you type: under the header's box (the first few results and a link to all of
 *     them), and on /search/ (all results, 20 at a time).
 * Keyboard: ↓ from the box moves into the results, ↑/↓ move between them, Esc goes back to the box
 * (and closes the header's list).
 * Every URL comes from the page: the index is found next to this script's own `src`, and the
 * search page is each form's `action`, so a site published under a sub-path (/desk/) works.
 */
(function () {
  "use strict";

  var INDEX_URL = new URL("search.json", document.currentScript.src).href;
  var PAGE_SIZE = 20;
  var HEADER_ARTICLES = 6;
  var HEADER_ENTITIES = 4;

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
     "brief-search-fetch" (download and JSON parse) and "brief-search-prepare". */
  function measure(name, start) {
    try { performance.measure(name, { start: start, end: performance.now() }); } catch (e) { /* old browsers */ }
  }

  function load() {
    if (!loading) {
      var started = performance.now();
      loading = fetch(INDEX_URL, { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        })
        .then(function (raw) {
          measure("brief-search-fetch", started);
          var preparing = performance.now();
          var index = prepare(raw);
          measure("brief-search-prepare", preparing);
          return index;
        });
      loading.catch(function () { loading = null; });
    }
    return loading;
  }

  function prepare(raw) {
    if (!raw || raw.v !== 1) throw new Error("unknown search index version");
    function entities(names, urls, kind) {
      return names.map(function (name, i) {
        return { kind: kind, name: name, url: urls ? urls[i] : null, key: " " + fold(name), count: 0 };
      });
    }
    var topics = entities(raw.topics, raw.topic_urls, "topic");
    var people = entities(raw.people, raw.people_urls, "person");
    var articles = raw.articles.map(function (a, order) {
      var names = [];
      a[4].forEach(function (t) { topics[t].count++; names.push(topics[t].key); });
      a[5].forEach(function (p) { people[p].count++; names.push(people[p].key); });
      return {
        order: order,
        title: a[0],
        url: a[1],
        date: a[2],
        summary: a[3],
        topics: a[4],
        people: a[5],
        kTitle: " " + fold(a[0]),
        kNames: names.join(""),
        kSummary: " " + fold(a[3])
      };
    });
    return { topics: topics, people: people, articles: articles };
  }

  /* Word-prefix match: `key` starts with a space and has single spaces between words. */
  function has(key, term) {
    return key.indexOf(" " + term) !== -1;
  }

  function whole(key, term) {
    var at = key.indexOf(" " + term);
    while (at !== -1) {
      var end = at + 1 + term.length;
      if (end === key.length || key.charCodeAt(end) === 32) return true;
      at = key.indexOf(" " + term, at + 1);
    }
    return false;
  }

  function run(index, query) {
    var words = terms(query);
    if (!words.length) return null;
    var hits = [];
    var articles = index.articles;
    for (var i = 0; i < articles.length; i++) {
      var a = articles[i];
      var score = 0;
      for (var w = 0; w < words.length; w++) {
        var t = words[w];
        var s = 0;
        if (has(a.kTitle, t)) s += whole(a.kTitle, t) ? 12 : 8;
        if (has(a.kNames, t)) s += whole(a.kNames, t) ? 7 : 5;
        if (has(a.kSummary, t)) s += whole(a.kSummary, t) ? 3 : 2;
        if (!s) { score = 0; break; }
        score += s;
      }
      if (score) hits.push({ score: score, item: a });
    }
    hits.sort(function (x, y) { return y.score - x.score || x.item.order - y.item.order; });
    var entities = index.topics.concat(index.people).filter(function (e) {
      return e.url && words.every(function (t) { return has(e.key, t); });
    });
    entities.sort(function (x, y) { return y.count - x.count || x.name.localeCompare(y.name); });
    return {
      words: words,
      articles: hits.map(function (h) { return h.item; }),
      entities: entities
    };
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
    parts.push(plural(result.articles.length, "article", "articles"));
    if (topics) parts.push(plural(topics, "topic", "topics"));
    if (people) parts.push(plural(people, "person", "people"));
    var list = parts.length > 1 ? parts.slice(0, -1).join(", ") + " and " + parts[parts.length - 1] : parts[0];
    var total = result.articles.length + result.entities.length;
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

    function more() {
      var next = current.articles.slice(shown, shown + PAGE_SIZE);
      var firstNew = null;
      next.forEach(function (article) {
        var item = articleCard(article, current.words, current.index);
        firstNew = firstNew || item;
        articleList.appendChild(item);
      });
      shown += next.length;
      var button = results.querySelector(".search-more");
      if (button) button.parentNode.remove();
      if (shown < current.articles.length) {
        var left = current.articles.length - shown;
        results.appendChild(el("p", { class: "more" }, [
          el("button", { type: "button", class: "search-more" }, ["Show " + Math.min(left, PAGE_SIZE) + " more of " + left])
        ]));
        results.querySelector(".search-more").addEventListener("click", function () {
          var before = shown;
          more();
          var link = articleList.children[before] && articleList.children[before].querySelector("a");
          if (link) link.focus();
        });
      }
      return firstNew;
    }

    function render(index, query) {
      var result = run(index, query);
      results.textContent = "";
      shown = 0;
      if (!result) {
        status.textContent = "";
        return;
      }
      current = { articles: result.articles, words: result.words, index: index };
      status.textContent = summaryOf(result, query);
      if (result.entities.length) {
        results.appendChild(el("section", { class: "search-section", "aria-labelledby": "search-entities-title" }, [
          el("h2", { class: "section-title", id: "search-entities-title", text: "Topics and people" }),
          entityChips(result.entities, result.words, index)
        ]));
      }
      if (result.articles.length) {
        articleList = el("ol", { class: "card-list" });
        results.appendChild(el("section", { class: "search-section", "aria-labelledby": "search-articles-title" }, [
          el("h2", { class: "section-title", id: "search-articles-title", text: "Articles" }),
          articleList
        ]));
        more();
      }
    }

    var pending = 0;
    function update(fromUrl) {
      var query = input.value;
      var ticket = ++pending;
      if (!fromUrl && window.history && history.replaceState) {
        var url = query.trim() ? "?q=" + encodeURIComponent(query.trim()).replace(/%20/g, "+") : location.pathname;
        history.replaceState(null, "", url);
      }
      if (!terms(query).length) {
        results.textContent = "";
        status.textContent = "";
        return;
      }
      if (!loading) status.textContent = "Loading the search index…";
      load().then(function (index) {
        if (ticket === pending) render(index, query);
      }, function (error) {
        if (ticket === pending) failure(status, error);
      });
    }

    input.addEventListener("focus", function () { load().catch(function () {}); }, { once: true });
    input.addEventListener("input", function () { update(false); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      update(false);
    });
    keyboard(input, results);

    var q = new URLSearchParams(location.search).get("q");
    if (q) {
      input.value = q;
      update(true);
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

    function render(index, query) {
      var result = run(index, query);
      panel.textContent = "";
      if (!result) {
        status.textContent = "";
        close();
        return;
      }
      var text = summaryOf(result, query);
      status.textContent = text;
      var entities = result.entities.slice(0, HEADER_ENTITIES);
      var articles = result.articles.slice(0, HEADER_ARTICLES);
      panel.appendChild(el("p", { class: "search-panel-status", text: text }));
      if (entities.length) panel.appendChild(entityChips(entities, result.words, index));
      if (articles.length) {
        panel.appendChild(el("ul", { class: "search-panel-list", "aria-label": "Articles" }, articles.map(function (a) {
          return headerItem(a, result.words);
        })));
      }
      if (result.articles.length + result.entities.length > 0) {
        panel.appendChild(el("p", { class: "search-panel-all" }, [
          el("a", { class: "search-all", href: form.action + "?q=" + encodeURIComponent(query.trim()).replace(/%20/g, "+") }, [
            result.articles.length > articles.length ? "All " + result.articles.length + " results" : "Open on the search page",
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
      load().then(function (index) {
        if (ticket === pending) render(index, query);
      }, function (error) {
        if (ticket !== pending) return;
        panel.textContent = "";
        var message = el("p", { class: "search-panel-status" });
        failure(message, error);
        panel.appendChild(message);
        open();
      });
    }

    input.addEventListener("focus", function () { load().catch(function () {}); }, { once: true });
    input.addEventListener("input", update);
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
