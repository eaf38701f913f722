/* Review-due flags, checked again against this browser's date.  The build marks a role whose owners last
   reviewed it more than review_days ago (mkdocs.yml; the rule is Role.review_due in handbook/model/records.py,
   repeated here) and writes the dates on the flag, so a site not rebuilt since still raises it on time.
   Only pages with a flag load this file (handbook/site/templates/review.md.j2); it reads each flag's two dates
   once and sets its `hidden` once, when the browser is idle: nothing at load waits for it. */
(function () {
  "use strict";
  var DAY_MS = 86400000;

  function day(iso) {  // YYYY-MM-DD as a day number, the same in every time zone
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) / DAY_MS : NaN;
  }

  function check() {
    var now = new Date();
    var today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / DAY_MS;
    var flags = document.querySelectorAll("[data-hb-reviewed]");
    for (var i = 0; i < flags.length; i++) {
      var flag = flags[i];
      var reviewed = day(flag.getAttribute("data-hb-reviewed"));
      var days = parseInt(flag.getAttribute("data-hb-review-days"), 10);
      if (!isNaN(reviewed) && !isNaN(days)) {
        var due = today - reviewed > days;
        if (flag.hidden === due) flag.hidden = !due;  // unchanged flags are not written: no style work
      }
    }
  }

  var later = window.requestIdleCallback || function (run) { return setTimeout(run, 1); };
  function schedule() { later(check, { timeout: 2000 }); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", schedule); else schedule();
})();
