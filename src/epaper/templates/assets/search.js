/* epaper search: loads every issue's search.js listed in archive.js, looks the
   query's character bigrams up in each, checks the hits for the whole query and
   lists them newest first with date, page and snippet. Script files, not fetch(),
   so it works from file:// as well as over HTTP. Normalisation matches
   epaper/render/site_search.py: NFKC, lowercase, Traditional folded to Simplified,
   non-letters/digits as one gap. */
(function () {
  "use strict";
  var text = JSON.parse(document.getElementById("search-text").textContent);
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var issues = ((window.EPAPER_ARCHIVE && window.EPAPER_ARCHIVE.issues) || [])
    .filter(function (issue) { return issue.search; });
  var loaded = {};
  var SNIPPET = 36; /* characters either side of the hit: two lines on a phone */

  /* Traditional → Simplified, one character each (assets/fold.txt, from OpenCC) */
  var FOLD = {};
  (function (chars) {
    for (var i = 0; i + 1 < chars.length; i += 2) { FOLD[chars[i]] = chars[i + 1]; }
  }(Array.from(JSON.parse(document.getElementById("search-fold").textContent))));
  function fold(s) {
    return Array.from(s).map(function (c) { return FOLD[c] || c; }).join("");
  }
  function normalise(s) {
    return fold(s.normalize("NFKC").toLowerCase()).replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  }
  function bigrams(runs) {
    var out = [];
    runs.forEach(function (run) {
      for (var i = 0; i + 1 < run.length; i++) { out.push(run.slice(i, i + 2)); }
    });
    return out;
  }

  window.EPAPER_SEARCH_ADD = function (script, data) {
    if (script && script.dataset.href) { loaded[script.dataset.href] = data; }
  };

  function loadAll(done) {
    var pending = issues.length;
    if (!pending) { done(); return; }
    issues.forEach(function (issue) {
      var s = document.createElement("script");
      s.src = issue.search;
      s.dataset.href = issue.search;
      s.onload = s.onerror = function () { if (--pending === 0) { done(); } };
      document.head.appendChild(s);
    });
  }

  function candidates(index, grams) {
    if (!grams.length) { return index.docs.map(function (_, i) { return i; }); }
    var found = null;
    for (var g = 0; g < grams.length; g++) {
      var post = index.bigrams[grams[g]];
      if (!post) { return []; }
      if (found === null) { found = post.slice(); continue; }
      var keep = {};
      post.forEach(function (i) { keep[i] = true; });
      found = found.filter(function (i) { return keep[i]; });
      if (!found.length) { return []; }
    }
    return found;
  }

  function snippet(raw, runs) {
    /* the first place the first run occurs in the raw text, letters compared as
       the index does; a hit split by punctuation falls back to the start */
    var flat = raw.replace(/\n/g, " ");
    var norm = "", map = [], gap = false;
    for (var i = 0; i < flat.length; i++) {
      var c = fold(flat[i].normalize("NFKC").toLowerCase());
      if (/[\p{L}\p{N}]/u.test(c)) {
        if (gap && norm) { norm += " "; map.push(i); }
        norm += c[0]; map.push(i); gap = false;
      } else { gap = true; }
    }
    var at = norm.indexOf(runs[0]);
    var start = at < 0 ? 0 : map[at];
    var end = at < 0 ? 0 : map[Math.min(at + runs[0].length - 1, map.length - 1)] + 1;
    var from = Math.max(0, start - SNIPPET);
    var p = document.createElement("p");
    p.className = "snippet";
    p.appendChild(document.createTextNode((from > 0 ? "…" : "") + flat.slice(from, start)));
    if (end > start) {
      var mark = document.createElement("mark");
      mark.textContent = flat.slice(start, end);
      p.appendChild(mark);
    }
    var to = Math.min(flat.length, end + SNIPPET);
    p.appendChild(document.createTextNode(flat.slice(end, to) + (to < flat.length ? "…" : "")));
    return p;
  }

  function run(query) {
    var norm = normalise(query);
    list.textContent = "";
    if (!norm) { status.textContent = ""; return; }
    var runs = norm.split(" ");
    var grams = bigrams(runs);
    var hits = [];
    issues.forEach(function (issue) {
      var index = loaded[issue.search];
      if (!index) { return; }
      var base = issue.href.replace(/[^/]*$/, "");
      candidates(index, grams).forEach(function (i) {
        var doc = index.docs[i];
        var hay = normalise(doc.text);
        if (runs.every(function (r) { return hay.indexOf(r) >= 0; })) {
          hits.push({issue: issue, doc: doc, base: base});
        }
      });
    });
    hits.sort(function (a, b) {
      return a.issue.date < b.issue.date ? 1 : a.issue.date > b.issue.date ? -1
        : a.doc.page - b.doc.page;
    });
    status.textContent = hits.length ? text.count.replace("{n}", hits.length)
      : text.none.replace("{q}", query);
    hits.forEach(function (hit) {
      var li = document.createElement("li");
      var meta = document.createElement("p");
      meta.className = "meta";
      meta.textContent = hit.issue.paper + " " + hit.issue.date_text + " " + hit.doc.page_label;
      var a = document.createElement("a");
      a.href = hit.base + hit.doc.href;
      a.className = "result-title";
      a.textContent = hit.doc.title;
      var h = document.createElement("h2");
      h.appendChild(a);
      li.appendChild(h);
      li.appendChild(meta);
      if (hit.doc.byline) {
        var by = document.createElement("p");
        by.className = "byline";
        by.textContent = hit.doc.byline;
        li.appendChild(by);
      }
      li.appendChild(snippet(hit.doc.text, runs));
      list.appendChild(li);
    });
  }

  var query = new URLSearchParams(window.location.search).get("q") || "";
  input.value = query;
  document.querySelectorAll(".search-form input[name=q]").forEach(function (el) {
    el.value = query;
  });
  status.textContent = text.loading;
  loadAll(function () {
    document.body.classList.add("search-ready");
    run(query);
  });
}());
