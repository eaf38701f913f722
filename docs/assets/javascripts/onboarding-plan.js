/* The dated onboarding plan, on a role's path page only (the page loads this file itself).

   A start date (day 1) is kept in this browser beside the ticks (onboarding.js's storage, under
   "start:<role>"); from it each stage gets its due date, counted as the page says the data counts it
   (data-hb-day, data-hb-count, the plan's data-hb-days-off), and carries it as data-due="YYYY-MM-DD".
   Unticked steps past their due date, by this browser's own date, are flagged.  The calendar file (.ics,
   RFC 5545) and the share link are built here too: nothing leaves the browser but the file and the link,
   whose #fragment browsers never send to a server. */
(function () {
  "use strict";
  var DAY = 864e5, SHARE = "#hb-share?";

  function setup() {
    var plan = document.querySelector("[data-hb-plan]"), ticks = window.hbOnboarding;
    if (!plan || !ticks) return;
    var role = plan.dataset.hbPlan, KEY = "start:" + role;
    var input = plan.querySelector("[data-hb-start]");
    var stages = Array.prototype.slice.call(document.querySelectorAll("[data-hb-stage][data-hb-day]"));
    var boxes = Array.prototype.slice.call(document.querySelectorAll("input[data-hb-step]"));
    var off = plan.dataset.hbDaysOff.split(" ").filter(Boolean).map(Number);
    if (off.length >= 7) off = [];  // a week with no working day: count every day
    var shared = readShare();

    function word(name) {
      var el = plan.querySelector('[data-hb-word="' + name + '"]');
      return el ? el.textContent : "";
    }
    function loadStart() {
      try { return localStorage.getItem(ticks.prefix + KEY) || ""; } catch (e) { return ""; }
    }
    function saveStart(value) {
      try {
        if (value) localStorage.setItem(ticks.prefix + KEY, value); else localStorage.removeItem(ticks.prefix + KEY);
      } catch (e) { /* storage disabled: the date lasts until the page closes */ }
    }

    // ---- dates: whole days in UTC milliseconds, so no time zone or summer time shifts a day
    function parse(iso) {
      var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
      return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) : null;
    }
    function iso(ms) { return new Date(ms).toISOString().slice(0, 10); }
    function weekday(ms) { return new Date(ms).getUTCDay() || 7; }  // ISO: Monday 1 … Sunday 7
    function isOff(ms) { return off.indexOf(weekday(ms)) >= 0; }
    function due(start, day, count) {
      var ms = start;
      if (day <= 1) return start;  // day 1 is the start date, whatever day it is
      if (count === "working") {
        for (var n = 1; n < day;) { ms += DAY; if (!isOff(ms)) n++; }
        return ms;
      }
      ms = start + (day - 1) * DAY;
      while (isOff(ms)) ms += DAY;  // a calendar day that falls on a day off moves to the next working day
      return ms;
    }
    function today() {
      var now = new Date();
      return Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
    }
    function shown(ms) { return iso(ms) + " (" + word("day-" + weekday(ms)) + ")"; }

    function draw() {
      var start = parse(input.value), now = today();
      plan.querySelector("[data-hb-ics]").disabled = start === null;
      var printed = plan.querySelector("[data-hb-start-printed]");
      printed.textContent = start === null ? "" : word("start") + " " + shown(start);
      stages.forEach(function (stage) {
        var label = stage.querySelector("[data-hb-due]");
        if (start === null) {
          stage.removeAttribute("data-due");
          label.hidden = true;
        } else {
          var ms = due(start, +stage.dataset.hbDay, stage.dataset.hbCount);
          stage.setAttribute("data-due", iso(ms));
          label.textContent = word("due") + " " + shown(ms);
          label.hidden = false;
        }
        stage.querySelectorAll(".hb-step").forEach(function (step) {
          var box = step.querySelector("input[data-hb-step]"), mark = step.querySelector("[data-hb-step-due]");
          var date = stage.getAttribute("data-due"), late = date !== null && !box.checked && parse(date) < now;
          step.classList.toggle("hb-overdue", late);
          if (mark) {
            mark.hidden = date === null;
            mark.textContent = date === null ? "" : (late ? word("overdue") : word("due")) + " " + shown(parse(date));
          }
        });
      });
      var link = plan.querySelector("a[data-share]");
      link.hidden = false;
      link.href = location.href.split("#")[0] + SHARE + new URLSearchParams({
        start: input.value,
        done: boxes.filter(function (b) { return b.checked; })
          .map(function (b) { return b.dataset.hbStep; })
          .filter(function (k, i, all) { return all.indexOf(k) === i; }).join(",")
      }).toString();
    }

    // ---- someone else's copy, from a share link's fragment
    function readShare() {
      if (location.hash.indexOf(SHARE) !== 0) return null;
      var params = new URLSearchParams(location.hash.slice(SHARE.length));
      return { start: parse(params.get("start")) === null ? "" : params.get("start"),
               done: (params.get("done") || "").split(",").filter(Boolean) };
    }
    function leave() {  // back to this browser's own copy
      history.replaceState(null, "", location.pathname + location.search);
      location.reload();
    }
    if (shared) {
      input.value = shared.start;
      input.disabled = true;
      boxes.forEach(function (b) { b.checked = shared.done.indexOf(b.dataset.hbStep) >= 0; b.disabled = true; });
      ticks.refresh();
      plan.classList.add("hb-shared-copy");
      document.documentElement.classList.add("hb-viewing-shared");
      plan.querySelector("[data-hb-shared]").hidden = false;
      plan.querySelector("[data-hb-take-over]").addEventListener("click", function () {
        boxes.forEach(function (b) { ticks.store(b.dataset.hbStep, b.checked); });
        saveStart(shared.start);
        leave();
      });
      plan.querySelector("[data-hb-discard]").addEventListener("click", leave);
    } else {
      input.value = loadStart();
      ["input", "change"].forEach(function (type) {
        input.addEventListener(type, function () { saveStart(parse(input.value) === null ? "" : input.value); draw(); });
      });
      document.addEventListener("change", function (e) { if (e.target.matches("input[data-hb-step]")) draw(); });
      document.querySelectorAll("[data-hb-reset]").forEach(function (b) { b.addEventListener("click", draw); });
    }
    plan.querySelector("a[data-share]").addEventListener("click", function (e) {
      e.preventDefault();
      var url = this.href, note = plan.querySelector("[data-hb-copied]");
      function copied() { note.hidden = false; }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).then(copied, function () { window.prompt(word("copy"), url); });
      } else {
        window.prompt(word("copy"), url);
      }
    });
    plan.querySelector("[data-hb-ics]").addEventListener("click", function () {
      var start = parse(input.value);
      if (start === null) return;
      var a = document.createElement("a");
      a.href = URL.createObjectURL(new Blob([calendar(start)], { type: "text/calendar;charset=utf-8" }));
      a.download = "onboarding-" + role + "-" + input.value + ".ics";
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
    });
    // A share link opened on this very page changes only the #fragment: read it as a fresh page would.
    window.addEventListener("hashchange", function () { if (location.hash.indexOf(SHARE) === 0) location.reload(); });
    draw();

    // ---- the calendar file (RFC 5545): an all-day event per stage on its due date, and each meeting at
    // the data's time of day in this browser's time zone (written in UTC, so every calendar shows it there)
    function calendar(start) {
      var title = text(document.querySelector(".md-content h1")), page = location.href.split("#")[0];
      var stamp = utc(new Date()), host = location.host || "handbook";
      var at = plan.dataset.hbMeetingsAt.split(":").map(Number), minutes = +plan.dataset.hbMeetingMinutes;
      var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//role-handbook//onboarding plan//ZH", "CALSCALE:GREGORIAN",
                   "METHOD:PUBLISH", "X-WR-CALNAME:" + escape(title)];
      stages.forEach(function (stage) {
        var ms = due(start, +stage.dataset.hbDay, stage.dataset.hbCount), name = text(stage.querySelector("h2"));
        var steps = Array.prototype.map.call(stage.querySelectorAll(".hb-check span"), function (s) {
          return "- " + s.textContent.trim();
        });
        lines.push("BEGIN:VEVENT", "UID:" + role + "-" + stage.dataset.hbStage + "-" + input.value + "@" + host,
                   "DTSTAMP:" + stamp, "DTSTART;VALUE=DATE:" + iso(ms).replace(/-/g, ""),
                   "DTEND;VALUE=DATE:" + iso(ms + DAY).replace(/-/g, ""), "TRANSP:TRANSPARENT",
                   "SUMMARY:" + escape(word("due") + " " + name + " · " + title),
                   "DESCRIPTION:" + escape(word("steps") + "\n" + steps.join("\n") + "\n" + page),
                   "URL:" + page + "#" + stage.dataset.hbStage, "END:VEVENT");
        stage.querySelectorAll(".hb-step[data-hb-meeting]").forEach(function (step) {
          var day = new Date(ms), key = step.querySelector("input[data-hb-step]").dataset.hbStep;
          var begin = new Date(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), at[0], at[1]);
          var what = step.querySelector(".hb-check span").textContent.trim(), who = step.querySelector("[data-hb-who]");
          lines.push("BEGIN:VEVENT", "UID:" + role + "-" + key.replace("/", "-") + "-" + input.value + "@" + host,
                     "DTSTAMP:" + stamp, "DTSTART:" + utc(begin), "DTEND:" + utc(new Date(begin.getTime() + minutes * 6e4)),
                     "SUMMARY:" + escape(word("meeting") + " " + name + ":" + what.split(/[,。;:,.;]/)[0]),
                     "DESCRIPTION:" + escape(what + (who ? "\n" + who.textContent.trim() : "") + "\n" + page),
                     "URL:" + page + "#" + stage.dataset.hbStage, "END:VEVENT");
        });
      });
      lines.push("END:VCALENDAR");
      return lines.map(fold).join("\r\n") + "\r\n";
    }
  }

  function text(el) {  // a heading's words without its permalink mark
    if (!el) return "";
    var copy = el.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach(function (a) { a.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }
  function utc(date) { return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, ""); }
  function escape(value) {  // RFC 5545 TEXT
    return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
  }
  function fold(line) {  // lines of at most 75 octets, never splitting a character
    var out = "", size = 0;
    Array.from(line).forEach(function (ch) {
      var c = ch.codePointAt(0), bytes = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
      if (size + bytes > 75) { out += "\r\n "; size = 1; }
      out += ch;
      size += bytes;
    });
    return out;
  }

  document.addEventListener("DOMContentLoaded", setup);
})();
