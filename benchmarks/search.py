"""Search latency in Chromium: from the key that completes a query to the first results on screen.

The built site is served locally and a role page opened.  The first query
is typed as soon as the page's load event fires, so its time includes the
search worker reading the index; the later ones are what a reader sees once
the index is ready.  Times are taken inside the page (performance.now).
"""

from __future__ import annotations

import statistics
from pathlib import Path

from benchmarks.localsite import serve

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
QUERIES = ("退款", "refund", "库存", "inventory", "KOL", "促銷")

# window.hbSearch resolves with the milliseconds from the next keyup in the search box to results painted.
_WATCH = """() => { window.hbSearch = new Promise(resolve => {
  const input = document.querySelector(".md-search__input");
  const list = document.querySelector(".md-search-result__list");
  let start = null;
  input.addEventListener("keyup", e => { start = e.timeStamp; }, {once: true, capture: true});
  const done = () => requestAnimationFrame(() => resolve(performance.now() - start));
  new MutationObserver((_, observer) => {
    if (start !== null && list.children.length) { observer.disconnect(); done(); }
  }).observe(list, {childList: true});
}); }"""


def latency(site: Path, page_path: str, rounds: int = 3) -> dict:
    """First query right after load, and the median of later queries, in milliseconds."""
    from playwright.sync_api import sync_playwright

    httpd = serve(site, compress=False)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-TW")
                page.goto(f"http://127.0.0.1:{httpd.server_port}/{page_path}", wait_until="load")
                box = page.locator(".md-search__input")

                def query(text: str) -> float:
                    box.click()
                    box.fill("")
                    page.keyboard.press("End")
                    page.wait_for_function("!document.querySelector('.md-search-result__list').children.length")
                    page.evaluate(_WATCH)
                    box.fill(text)
                    page.keyboard.press("End")  # the keyup that runs the search, as after typing or an IME commit
                    return page.evaluate("window.hbSearch")

                first = query(QUERIES[0])
                later = [query(q) for _ in range(rounds) for q in QUERIES]
            finally:
                browser.close()
    finally:
        httpd.shutdown()
    return {"first_query_ms": round(first, 1), "query_ms": round(statistics.median(later), 1),
            "slowest_query_ms": round(max(later), 1), "queries": len(later)}


if __name__ == "__main__":
    import sys

    print(latency(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else ""))
