/* Since your last visit: role and topic pages carry a hidden mark beside each duty and letter that changed,
   dated by the data's history (data-hb-changed="YYYY-MM-DD"; handbook/site/since.py).  This browser remembers
   the day it last showed the page, under "<site path>handbook:visited:<page path>" (Material's storage scope,
   the site's root in both editions, which share one visit), and reveals the marks newer than that.  The first
   visit reveals nothing: everything is new then. */
(function () {
  "use strict";
  var script = document.currentScript;
  var root = typeof __md_scope !== "undefined" ? __md_scope  // eslint-disable-line no-undef
    : new URL("../../", script ? script.src : location.href);
  var page = location.pathname.slice(root.pathname.length).replace(/^zh-Hans\//, "").replace(/index\.html$/, "");
  var key = root.pathname + "handbook:visited:" + page;
  var today = new Date().toISOString().slice(0, 10);
  var last = null;
  try {
    last = localStorage.getItem(key);
    localStorage.setItem(key, today);
  } catch (e) {
    return;  // storage refused (private mode): no marks, as on a first visit
  }
  if (!last) {
    return;
  }
  var marks = document.querySelectorAll("[data-hb-changed]");
  for (var i = 0; i < marks.length; i++) {
    if (marks[i].getAttribute("data-hb-changed") > last) {
      marks[i].hidden = false;
    }
  }
})();
