/* Onboarding checklists: ticks live in this browser's localStorage, keyed by
   "<site path>handbook:onboarding:<role or company>/<step id>", so they survive reloads and reordered
   steps.  The site's path keeps sites apart that share an origin (every project site of an organisation
   on *.github.io does): it is Material's storage scope, the site's root in both editions. */
(function () {
  "use strict";
  var script = document.currentScript;
  var root = typeof __md_scope !== "undefined" ? __md_scope  // eslint-disable-line no-undef
    : new URL("../../", script ? script.src : location.href);
  var PREFIX = root.pathname + "handbook:onboarding:";
  var UNSCOPED = "handbook:onboarding:";  // ticks saved before keys had the site's path

  function store(key, value) {
    try {
      // "0", not a removed key: an untick must hide an older unscoped tick of the same step.
      localStorage.setItem(PREFIX + key, value ? "1" : "0");
    } catch (e) { /* storage disabled: ticks last until the page closes */ }
  }
  function stored(key) {
    try {
      var mine = localStorage.getItem(PREFIX + key);
      return (mine === null ? localStorage.getItem(UNSCOPED + key) : mine) === "1";
    } catch (e) { return false; }
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
    // Print buttons: the whole onboarding checklist and the role pages' job descriptions; a stage's own button
    // prints that stage alone (the stylesheet hides the rest while <html> has hb-print-one).
    var html = document.documentElement;
    function printed() {
      html.classList.remove("hb-print-one");
      root.querySelectorAll(".hb-printing").forEach(function (s) { s.classList.remove("hb-printing"); });
    }
    window.addEventListener("afterprint", printed);
    root.querySelectorAll("[data-hb-print]").forEach(function (button) {
      button.addEventListener("click", function () { printed(); window.print(); });
    });
    root.querySelectorAll("[data-hb-print-stage]").forEach(function (button) {
      button.addEventListener("click", function () {
        printed();
        var stage = button.closest("[data-hb-stage]");
        if (stage) { stage.classList.add("hb-printing"); html.classList.add("hb-print-one"); }
        window.print();
      });
    });
    var boxes = Array.prototype.slice.call(root.querySelectorAll("input[data-hb-step]"));
    if (!boxes.length) return;
    // For the dated plan (onboarding-plan.js): the same storage, and the counts redrawn after it sets ticks.
    window.hbOnboarding = { prefix: PREFIX, store: store, stored: stored,
                            refresh: function () { refresh(root, boxes); } };
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
