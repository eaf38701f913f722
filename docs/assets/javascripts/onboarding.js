/* Onboarding checklists: ticks live in this browser's localStorage, keyed by
   "<role or company>/<step id>", so they survive reloads and reordered steps. */
(function () {
  "use strict";
  var PREFIX = "handbook:onboarding:";

  function store(key, value) {
    try {
      if (value) localStorage.setItem(PREFIX + key, "1"); else localStorage.removeItem(PREFIX + key);
    } catch (e) { /* storage disabled: ticks last until the page closes */ }
  }
  function stored(key) {
    try { return localStorage.getItem(PREFIX + key) === "1"; } catch (e) { return false; }
  }

  function count(scope, boxes) {
    var done = boxes.filter(function (b) { return b.checked; }).length;
    var d = scope.querySelector("[data-hb-done]"), t = scope.querySelector("[data-hb-total]");
    if (d) d.textContent = String(done);
    if (t) t.textContent = String(boxes.length);
    var bar = scope.querySelector("[data-hb-bar]");
    if (bar) { bar.max = boxes.length; bar.value = done; }
  }

  function refresh(root, boxes) {
    boxes.forEach(function (b) {
      var step = b.closest(".hb-step");
      if (step) step.classList.toggle("hb-done", b.checked);
    });
    root.querySelectorAll("[data-hb-progress]").forEach(function (p) { count(p, boxes); });
    root.querySelectorAll("[data-hb-stage-count]").forEach(function (counter) {
      var mine = [], node = counter.nextElementSibling;
      while (node && !/^H[12]$/.test(node.tagName)) {
        node.querySelectorAll("input[data-hb-step]").forEach(function (b) { mine.push(b); });
        node = node.nextElementSibling;
      }
      count(counter, mine);
    });
  }

  function setup(root) {
    // Print buttons: the onboarding checklists and the role pages' job descriptions.
    root.querySelectorAll("[data-hb-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
    var boxes = Array.prototype.slice.call(root.querySelectorAll("input[data-hb-step]"));
    if (!boxes.length) return;
    boxes.forEach(function (b) {
      b.checked = stored(b.dataset.hbStep);
      b.addEventListener("change", function () {
        // The same step can appear twice (company steps); keep every copy in step.
        boxes.forEach(function (o) { if (o.dataset.hbStep === b.dataset.hbStep) o.checked = b.checked; });
        store(b.dataset.hbStep, b.checked);
        refresh(root, boxes);
      });
    });
    root.querySelectorAll("[data-hb-reset]").forEach(function (button) {
      button.addEventListener("click", function () {
        if (!window.confirm("清除這一頁所有勾選?Clear every tick on this page?")) return;
        boxes.forEach(function (b) { b.checked = false; store(b.dataset.hbStep, false); });
        refresh(root, boxes);
      });
    });
    refresh(root, boxes);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () { setup(document); });
  } else {
    setup(document);
  }
})();
