/* A search that found nothing becomes a proposal: under the results, a link to the repository's issue form
   (data-form on this script's tag, from urls.Repository) prefilled with the words typed and the page searched
   from.  No results: "propose this word"; some: "not what I looked for".  Nothing runs until the search box
   is first used; the link is built from the box's own value, never from the results' HTML. */
(function () {
  "use strict";
  var script = document.currentScript;
  var form = script && script.getAttribute("data-form");
  var input = document.querySelector("[data-md-component=search-query]");
  var result = document.querySelector("[data-md-component=search-result]");
  if (!form || !input || !result) {
    return;
  }
  var QUERY_LIMIT = 100;  // characters carried into the form; a longer query is cut, not refused
  var none = "";  // the theme's words for "no results" in this edition (its __config), to tell an answer from a wait
  try {
    none = JSON.parse(document.getElementById("__config").textContent).translations["search.result.none"] || "";
  } catch (e) { /* without them, only a search with results gets a link */ }

  function link(query, found) {
    var url = new URL(form);
    url.searchParams.set("title", "[搜尋 Search] " + query);
    url.searchParams.set("query", query);
    url.searchParams.set("page", location.origin + location.pathname);
    var p = document.createElement("p");
    p.className = "hb-propose";
    var a = document.createElement("a");
    a.href = url.toString();
    a.target = "_blank";
    a.rel = "noopener";
    a.textContent = found
      ? "不是要找的?告訴我們你想找什麼 · Not what you looked for? Tell us"
      : "找不到「" + query + "」?提議把它加進手冊 · Propose this word to the handbook";
    p.appendChild(a);
    return p;
  }

  function update() {
    var old = result.querySelector(".hb-propose");
    var query = input.value.trim().slice(0, QUERY_LIMIT);
    var list = result.querySelector(".md-search-result__list");
    var found = list ? list.children.length : 0;
    var meta = result.querySelector(".md-search-result__meta");
    var answered = found > 0 || (none && meta && meta.textContent.trim() === none);
    if (old && old.getAttribute("data-for") === query + "|" + (found > 0)) {
      return;
    }
    if (old) {
      old.remove();
    }
    if (!query || !answered) {
      return;
    }
    var p = link(query, found > 0);
    p.setAttribute("data-for", query + "|" + (found > 0));
    (list || result).insertAdjacentElement(list ? "afterend" : "beforeend", p);
  }

  function start() {
    input.removeEventListener("focus", start);
    var pending = false;
    new MutationObserver(function () {
      if (!pending) {
        pending = true;
        requestAnimationFrame(function () { pending = false; update(); });
      }
    }).observe(result, { childList: true, subtree: true, characterData: true });
  }

  input.addEventListener("focus", start);
})();
