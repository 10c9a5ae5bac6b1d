/* epaper reader: rescales the PagePicMap hot zones to the displayed image and
   highlights the article under the pointer or keyboard focus. Page data is inlined
   as JSON (browsers refuse fetch() under file://). */
(function () {
  "use strict";
  var dataNode = document.getElementById("page-data");
  var img = document.getElementById("page-image");
  var map = document.getElementById("PagePicMap");
  if (!dataNode || !img || !map) { return; }
  var data = JSON.parse(dataNode.textContent);
  var box = document.getElementById("page-image-box");
  var areas = Array.prototype.slice.call(map.querySelectorAll("area"));
  var marks = Array.prototype.slice.call(
    document.querySelectorAll(".zone[data-article], .titles a[data-article]"));

  /* Image maps use image pixels of the displayed size; ours are stored at the
     image's own size, so scale them by the displayed width. */
  function rescale() {
    var shown = img.getBoundingClientRect().width;
    if (!shown) { return; }
    var s = shown / data.width;
    areas.forEach(function (area) {
      var r = data.zones[+area.dataset.zone].rects[+area.dataset.rect];
      area.coords = [r[0], r[1], r[0] + r[2], r[1] + r[3]].map(function (v) {
        return Math.round(v * s);
      }).join(",");
    });
  }

  function highlight(id, on) {
    marks.forEach(function (el) {
      if (el.dataset.article === id) { el.classList.toggle("active", on); }
    });
  }

  function bind(el) {
    var id = el.dataset.article;
    el.addEventListener("mouseenter", function () { highlight(id, true); });
    el.addEventListener("mouseleave", function () { highlight(id, false); });
    el.addEventListener("focus", function () { highlight(id, true); });
    el.addEventListener("blur", function () { highlight(id, false); });
  }
  areas.forEach(bind);
  document.querySelectorAll(".titles a[data-article]").forEach(bind);

  /* Faint outlines of every zone while the pointer is over the page. */
  function hovering(on) { if (box) { box.classList.toggle("hovering", on); } }
  map.addEventListener("mouseenter", function () { hovering(true); }, true);
  map.addEventListener("mouseleave", function () { hovering(false); }, true);

  /* Arrow keys turn pages, as in print readers. */
  document.addEventListener("keydown", function (ev) {
    if (ev.altKey || ev.ctrlKey || ev.metaKey || ev.shiftKey) { return; }
    var target = ev.key === "ArrowLeft" ? data.prev : ev.key === "ArrowRight" ? data.next : null;
    if (target) { window.location.href = target; }
  });

  /* Keep the current page visible in a long 版面導航 list (scrolls the list only). */
  var list = document.querySelector(".page-list ol");
  var current = document.querySelector(".page-list li.current");
  if (list && current && list.scrollHeight > list.clientHeight) {
    list.scrollTop = current.offsetTop - list.offsetTop - 8;
  }

  window.addEventListener("resize", rescale);
  img.addEventListener("load", rescale);
  if (window.ResizeObserver) { new ResizeObserver(rescale).observe(img); }
  rescale();
}());
