/* epaper reader. Everything works without this script (hot zones are links placed
   in percent over the page image); it adds: the highlight of the article under the
   pointer or focus, zoom and pan of the page image (wheel, pinch, drag, double-click
   on an article, buttons), arrow keys for pages, the newest 前一天/後一天 from
   ../archive.js, and A+/A− and print on article views. Page data is inlined as JSON
   (browsers refuse fetch() under file://). */
(function () {
  "use strict";

  function each(selector, fn) { Array.prototype.forEach.call(document.querySelectorAll(selector), fn); }

  /* ---- 前一天/後一天: the archive may have grown since this page was built ---- */
  function updateDayNav() {
    var nav = document.querySelector(".day-nav");
    var archive = window.EPAPER_ARCHIVE;
    if (!nav || !archive || !archive.issues) { return; }
    var mine = archive.issues.filter(function (i) { return i.paper === nav.dataset.paper; });
    var at = -1;
    mine.forEach(function (issue, i) { if (issue.date === nav.dataset.date) { at = i; } });
    if (at < 0) { return; }
    function set(cls, issue, before) {
      var old = nav.querySelector("." + cls);
      if (!old || !issue) { return; }
      var a = document.createElement("a");
      a.className = cls;
      a.rel = before ? "prev" : "next";
      a.href = nav.dataset.up + issue.href;
      var label = issue.date_text.split(" ")[0];
      var t = nav.dataset[before ? "prevText" : "nextText"] || "";
      var small = document.createElement("small");
      small.textContent = label;
      if (before) { a.append("‹ " + t + " ", small); } else { a.append(small, " " + t + " ›"); }
      old.replaceWith(a);
    }
    set("prev-day", mine[at - 1], true);
    set("next-day", mine[at + 1], false);
  }

  /* ---- article view: A+/A−, print, permalink ---- */
  var SIZES = [0.85, 1, 1.15, 1.3, 1.5, 1.75];
  function articleTools() {
    var tools = document.querySelector(".reading-tools");
    if (!tools) { return; }
    tools.hidden = false;
    var step = 1;
    try { step = +(localStorage.getItem("epaper-font-step") || 1); } catch (e) { /* file:// */ }
    if (!(step >= 0 && step < SIZES.length)) { step = 1; }
    function apply() {
      document.documentElement.style.setProperty("--article-scale", SIZES[step]);
      tools.querySelector(".font-smaller").disabled = step === 0;
      tools.querySelector(".font-larger").disabled = step === SIZES.length - 1;
      try { localStorage.setItem("epaper-font-step", step); } catch (e) { /* private */ }
    }
    tools.querySelector(".font-larger").addEventListener("click", function () {
      step = Math.min(SIZES.length - 1, step + 1); apply();
    });
    tools.querySelector(".font-smaller").addEventListener("click", function () {
      step = Math.max(0, step - 1); apply();
    });
    tools.querySelector(".print-button").addEventListener("click", function () { window.print(); });
    apply();
    var link = document.querySelector(".permalink-url");
    if (link && link.getAttribute("href").indexOf("://") < 0) {
      link.href = link.href; /* the absolute address this view is open at */
      link.textContent = link.href;
    }
  }

  updateDayNav();
  articleTools();

  var dataNode = document.getElementById("page-data");
  var img = document.getElementById("page-image");
  var viewer = document.getElementById("viewer");
  var stage = document.getElementById("page-image-box");
  if (!dataNode || !img || !viewer || !stage) { return; }
  var data = JSON.parse(dataNode.textContent);
  var marks = Array.prototype.slice.call(
    document.querySelectorAll(".zone[data-article], .titles a[data-article]"));

  /* ---- highlight ---- */
  function highlight(id, on) {
    marks.forEach(function (el) {
      if (el.dataset.article === id) { el.classList.toggle("active", on); }
    });
  }
  marks.forEach(function (el) {
    var id = el.dataset.article;
    el.addEventListener("mouseenter", function () { highlight(id, true); });
    el.addEventListener("mouseleave", function () { highlight(id, false); });
    el.addEventListener("focus", function () { highlight(id, true); });
    el.addEventListener("blur", function () { highlight(id, false); });
  });
  viewer.addEventListener("mouseenter", function () { stage.classList.add("hovering"); });
  viewer.addEventListener("mouseleave", function () { stage.classList.remove("hovering"); });

  /* ---- zoom and pan: a CSS transform on the image and its zones together ---- */
  var scale = 1, tx = 0, ty = 0;
  var MAX = Math.min(8, Math.max(2, 2 * data.width / Math.max(1, viewer.clientWidth)));
  var source = stage.querySelector("source");
  var widest = 0;

  function size() { return {w: viewer.clientWidth, h: viewer.clientHeight}; }
  function clamp() {
    var v = size();
    tx = Math.min(0, Math.max(v.w - v.w * scale, tx));
    ty = Math.min(0, Math.max(v.h - v.h * scale, ty));
  }
  function apply() {
    clamp();
    stage.style.transform = scale === 1 ? "" : "translate(" + tx + "px," + ty + "px) scale(" + scale + ")";
    viewer.classList.toggle("zoomed", scale > 1);
    viewer.dataset.scale = scale.toFixed(3);
    /* ask for a wider image from srcset once the zoomed page needs it (never narrower:
       the wider one is already loaded) */
    var need = Math.ceil(size().w * scale);
    if (need > widest) {
      widest = need;
      if (source) { source.sizes = need + "px"; }
      img.sizes = need + "px";
    }
  }
  function zoomAt(next, cx, cy) {
    next = Math.max(1, Math.min(MAX, next));
    var px = (cx - tx) / scale, py = (cy - ty) / scale;
    tx = cx - px * next;
    ty = cy - py * next;
    scale = next;
    if (scale < 1.01) { scale = 1; tx = 0; ty = 0; }
    apply();
  }
  function local(ev) {
    var box = viewer.getBoundingClientRect();
    return {x: ev.clientX - box.left, y: ev.clientY - box.top};
  }
  function zoomToArticle(id) {
    var zone = data.zones.filter(function (z) { return z.id === id; })[0];
    if (!zone) { return false; }
    var x0 = Infinity, y0 = Infinity, x1 = 0, y1 = 0;
    zone.rects.forEach(function (r) {
      x0 = Math.min(x0, r[0]); y0 = Math.min(y0, r[1]);
      x1 = Math.max(x1, r[0] + r[2]); y1 = Math.max(y1, r[1] + r[3]);
    });
    var v = size(), k = v.w / data.width;
    var bw = (x1 - x0) * k, bh = (y1 - y0) * k;
    /* the article fills the viewer, with a small margin */
    scale = Math.max(1, Math.min(MAX, 0.95 * Math.min(v.w / bw, v.h / bh)));
    tx = v.w / 2 - (x0 * k + bw / 2) * scale;
    ty = v.h / 2 - (y0 * k + bh / 2) * scale;
    apply();
    return true;
  }

  viewer.addEventListener("wheel", function (ev) {
    if (scale <= 1 && ev.deltaY > 0) { return; } /* let the page scroll on */
    ev.preventDefault();
    var p = local(ev);
    zoomAt(scale * Math.exp(-ev.deltaY * 0.002), p.x, p.y);
  }, {passive: false});

  var pointers = {}, moved = 0, pinch = null, suppressClick = false;
  function count() { return Object.keys(pointers).length; }
  function pinchState() {
    var ids = Object.keys(pointers), a = pointers[ids[0]], b = pointers[ids[1]];
    return {d: Math.hypot(a.x - b.x, a.y - b.y) || 1, x: (a.x + b.x) / 2, y: (a.y + b.y) / 2, s: scale};
  }
  viewer.addEventListener("pointerdown", function (ev) {
    if (ev.button !== 0) { return; }
    pointers[ev.pointerId] = local(ev);
    moved = 0;
    if (count() === 2) { pinch = pinchState(); }
  });
  viewer.addEventListener("pointermove", function (ev) {
    var last = pointers[ev.pointerId];
    if (!last) { return; }
    var p = local(ev);
    pointers[ev.pointerId] = p;
    if (count() >= 2 && pinch) {
      var now = pinchState();
      zoomAt(pinch.s * now.d / pinch.d, now.x, now.y);
      moved += 10;
      return;
    }
    if (scale <= 1) { return; }
    moved += Math.abs(p.x - last.x) + Math.abs(p.y - last.y);
    if (moved > 4 && !viewer.hasPointerCapture(ev.pointerId)) {
      /* capture only once this is a drag: a plain click must reach its zone */
      viewer.setPointerCapture(ev.pointerId);
    }
    tx += p.x - last.x;
    ty += p.y - last.y;
    apply();
  });
  function up(ev) {
    if (!pointers[ev.pointerId]) { return; }
    delete pointers[ev.pointerId];
    if (count() < 2) { pinch = null; }
    if (moved > 4) {
      /* the click that ends a drag is not a click on a zone; it comes before any timer */
      suppressClick = true;
      window.setTimeout(function () { suppressClick = false; }, 0);
    }
  }
  viewer.addEventListener("pointerup", up);
  viewer.addEventListener("pointercancel", up);

  /* A click on a zone waits a moment: a second click makes it a double-click, which
     zooms onto the article instead of opening it. Keyboard activation (detail 0)
     opens at once. */
  var pending = null;
  viewer.addEventListener("click", function (ev) {
    if (suppressClick) {
      suppressClick = false;
      ev.preventDefault();
      ev.stopPropagation();
      return;
    }
    var zone = ev.target.closest ? ev.target.closest("a.zone") : null;
    if (!zone || ev.detail === 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey) { return; }
    ev.preventDefault();
    if (ev.detail > 1) { return; }
    var href = zone.href;
    pending = window.setTimeout(function () { pending = null; window.location.href = href; }, 280);
  }, true);
  viewer.addEventListener("dblclick", function (ev) {
    if (pending) { window.clearTimeout(pending); pending = null; }
    ev.preventDefault();
    if (scale > 1.01) { zoomAt(1, 0, 0); return; }
    var zone = ev.target.closest ? ev.target.closest("a.zone") : null;
    if (zone && zoomToArticle(zone.dataset.article)) { return; }
    var p = local(ev);
    zoomAt(2.5, p.x, p.y);
  });

  var controls = viewer.querySelector(".zoom-controls");
  if (controls) {
    controls.hidden = false;
    each(".zoom-hint", function (el) { el.hidden = false; });
    controls.addEventListener("pointerdown", function (ev) { ev.stopPropagation(); });
    controls.addEventListener("dblclick", function (ev) { ev.stopPropagation(); });
    function centre(f) { var v = size(); zoomAt(scale * f, v.w / 2, v.h / 2); }
    controls.querySelector(".zoom-in").addEventListener("click", function () { centre(1.6); });
    controls.querySelector(".zoom-out").addEventListener("click", function () { centre(1 / 1.6); });
    controls.querySelector(".zoom-reset").addEventListener("click", function () { zoomAt(1, 0, 0); });
  }

  /* Arrow keys turn pages, as in print readers; + − 0 zoom. Not while typing. */
  document.addEventListener("keydown", function (ev) {
    if (ev.altKey || ev.ctrlKey || ev.metaKey) { return; }
    var tag = (ev.target && ev.target.tagName) || "";
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") { return; }
    var v = size();
    if (ev.key === "+" || ev.key === "=") { zoomAt(scale * 1.6, v.w / 2, v.h / 2); return; }
    if (ev.key === "-") { zoomAt(scale / 1.6, v.w / 2, v.h / 2); return; }
    if (ev.key === "0") { zoomAt(1, 0, 0); return; }
    if (ev.shiftKey) { return; }
    var pan = {ArrowLeft: [1, 0], ArrowRight: [-1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1]}[ev.key];
    if (pan && scale > 1) {
      /* zoomed: the arrows move over the page (15 % of the viewer a press) */
      ev.preventDefault();
      tx += pan[0] * 0.15 * v.w;
      ty += pan[1] * 0.15 * v.h;
      apply();
      return;
    }
    var target = ev.key === "ArrowLeft" ? data.prev : ev.key === "ArrowRight" ? data.next : null;
    if (target && scale === 1) { window.location.href = target; }
  });
  window.addEventListener("resize", function () { apply(); });

  /* Keep the current page visible in a long 版面導航 list (scrolls the list only). */
  var list = document.querySelector(".page-list ol");
  var current = document.querySelector(".page-list li.current");
  if (list && current && list.scrollHeight > list.clientHeight) {
    list.scrollTop = current.offsetTop - list.offsetTop - 8;
  }
}());
