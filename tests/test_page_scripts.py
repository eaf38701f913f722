"""The site's own page scripts act in time linear in the elements they serve, and run only where those exist.

A script that is quadratic in a page's records (or scans the page once per record) is what blocks a phone on
the long pages: the measures catalogue once spent 1.5 s in the review check. Timing is left to `make bench`
(benchmarks/longtasks.py); here the work is counted, which no machine load changes: every call a script makes to
the DOM while the page loads and the browser goes idle, on a page as built and on the same page with its content
repeated three times. Linear work grows at most threefold.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import ROOT

SCRIPTS = sorted((ROOT / "docs" / "assets" / "javascripts").glob("*.js"))
REPEAT = 3
# Wraps the DOM methods a page script reaches its elements with, and counts each call per element.
COUNT = """
window.__hbCalls = 0; window.__hbTouched = new Map();
const count = (proto, names) => { for (const name of names) {
  const original = proto[name]; if (typeof original !== "function") continue;
  proto[name] = function (...args) {
    window.__hbCalls++;
    if (this instanceof Element) window.__hbTouched.set(this, (window.__hbTouched.get(this) || 0) + 1);
    return original.apply(this, args) } } };
count(Element.prototype, ["getAttribute", "setAttribute", "hasAttribute", "removeAttribute", "querySelector",
  "querySelectorAll", "closest", "matches", "getBoundingClientRect", "getElementsByTagName", "getElementsByClassName"]);
count(Document.prototype, ["querySelector", "querySelectorAll", "getElementById", "getElementsByTagName",
  "getElementsByClassName"]);
count(DOMTokenList.prototype, ["add", "remove", "toggle", "contains"]);
"""
IDLE = """() => new Promise(done => {
  const idle = () => requestIdleCallback(() => setTimeout(done, 50), {timeout: 3000});
  if (document.readyState === "complete") idle(); else addEventListener("load", idle);
})"""
ARTICLE = re.compile(r'(<article class="md-content__inner md-typeset">)(.*?)(</article>)', re.S)


def pages_loading(site: Path, script: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if f"javascripts/{script.name}" in p.read_text(encoding="utf-8"))


def only_own_scripts(html: str) -> str:
    """The page without the theme's bundle, so that every DOM call counted is one of the handbook's scripts."""
    return re.sub(r'<script src="[^"]*bundle\.[0-9a-f]+\.min\.js"[^>]*></script>', "", html)


def repeated(html: str, times: int) -> str:
    """The page with its content `times` over: the records repeated, a script the content loads loaded once."""
    def more(m: re.Match) -> str:
        copy = re.sub(r"<script\b[^>]*>.*?</script>", "", m.group(2), flags=re.S)
        return m.group(1) + m.group(2) + copy * (times - 1) + m.group(3)
    return ARTICLE.sub(more, html, count=1)


def work(browser, url: str, html: str) -> tuple[int, int]:
    """(DOM calls, elements touched) while the page at `url`, served as `html`, loads and goes idle."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-TW")
    page = context.new_page()
    page.add_init_script(COUNT)
    page.route(url, lambda route: route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html))
    try:
        page.goto(url, wait_until="load")
        page.evaluate(IDLE)
        return page.evaluate("() => [window.__hbCalls, window.__hbTouched.size]")
    finally:
        context.close()


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_a_page_script_does_work_linear_in_the_page(browser, site, site_url, script):
    pages = pages_loading(site, script)
    assert pages, f"no page loads {script.name}: remove it"
    largest = max(pages, key=lambda p: p.stat().st_size)
    url = site_url + largest.relative_to(site).as_posix()
    html = only_own_scripts(largest.read_text(encoding="utf-8"))
    assert ARTICLE.search(html), largest
    once, touched_once = work(browser, url, html)
    many, touched_many = work(browser, url, repeated(html, REPEAT))
    assert once > 0, f"{script.name} did nothing on {largest.relative_to(site)}"
    assert many <= REPEAT * once + 20, f"{script.name}: {once} DOM calls on the page, {many} with its content ×{REPEAT}"
    assert touched_many <= REPEAT * touched_once + 20


def test_the_review_check_reads_each_dated_element_once_and_nothing_else(browser, site_url):
    """Two dates read from each flag, one query for all of them, no other element touched."""
    flags = "".join(f'<span data-hb-reviewed="2020-01-{1 + i % 28:02d}" data-hb-review-days="365" hidden>due</span>'
                    for i in range(200))
    filler = "<p>text</p>" * 2000
    url = site_url + "review-check.html"
    html = (f"<!doctype html><html><body>{filler}{flags}{filler}"
            f'<script src="{site_url}assets/javascripts/review.js" defer></script></body></html>')
    calls, touched = work(browser, url, html)
    assert touched == 200 and calls == 2 * 200 + 1, (calls, touched)


def test_review_js_loads_only_on_pages_with_a_dated_element(site):
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        loads = "javascripts/review.js" in text
        assert loads == ("data-hb-reviewed" in text), page.relative_to(site)
