"""Pictures read on a phone: at 390 px no text drawn in an SVG renders under 12 px, every link in one is a tap
target of at least 24 × 24 px, and a process's steps still run in order, top to bottom."""

from __future__ import annotations

import re

import pytest

from .test_phone import PHONE, built_pages

SMALLEST_TEXT = 12  # px, as rendered
SMALLEST_TARGET = 24  # px, each way (WCAG 2.2 target size, minimum)
MEASURE = """() => {
  const shown = el => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden"
  const texts = [], links = []
  for (const svg of document.querySelectorAll("article svg")) {
    if (!shown(svg)) continue
    for (const text of svg.querySelectorAll("text")) {
      if (!shown(text) || !text.textContent.trim()) continue
      const matrix = text.getScreenCTM()
      const scale = Math.hypot(matrix.a, matrix.b)
      texts.push({text: text.textContent, px: parseFloat(getComputedStyle(text).fontSize) * scale})
    }
    for (const a of svg.querySelectorAll("a")) {
      if (!shown(a)) continue
      const box = a.getBoundingClientRect()
      links.push({href: a.getAttribute("href"), width: box.width, height: box.height})
    }
  }
  return {texts, links}
}"""
ORDER = """() => [...document.querySelectorAll("article svg")]
  .filter(svg => svg.getClientRects().length && svg.querySelector("text.hb-swim-number"))
  .map(svg => [...svg.querySelectorAll("text.hb-swim-number")].map(t =>
    ({n: Number(t.textContent), y: t.getBoundingClientRect().top, x: t.getBoundingClientRect().left})))"""


def pages_with_pictures(site) -> list[str]:
    """The pages whose article draws an SVG with text in it (a map, a swimlane), both editions."""
    found = []
    for path in built_pages(site):
        file = site / (path + "index.html" if path.endswith("/") or not path else path)
        html = file.read_text(encoding="utf-8") if file.exists() else ""
        if re.search(r"<svg\b[^>]*>(?:(?!</svg>).)*<text\b", html, re.S):
            found.append(path)
    return found


def test_svg_text_and_links_are_readable_and_tappable_on_a_phone(phone, site, site_url):
    pages = pages_with_pictures(site)
    assert any(p.startswith("zh-Hans/") for p in pages) and any("processes/" in p for p in pages)
    small, tiny_links, measured = {}, {}, 0
    for path in pages:
        phone.goto(site_url + path)
        found = phone.evaluate(MEASURE)
        measured += len(found["texts"])
        under = [(t["text"], round(t["px"], 1)) for t in found["texts"] if t["px"] < SMALLEST_TEXT - 0.05]
        if under:
            small[path] = under[:5]
        cramped = [(a["href"], round(a["width"]), round(a["height"])) for a in found["links"]
                   if min(a["width"], a["height"]) < SMALLEST_TARGET - 0.5]
        if cramped:
            tiny_links[path] = cramped[:5]
    assert measured > 10 * len(pages) / 2, "the pictures were measured"
    assert not small, f"SVG text under {SMALLEST_TEXT} px at {PHONE['width']} px: {small}"
    assert not tiny_links, f"SVG links under {SMALLEST_TARGET}×{SMALLEST_TARGET} px: {tiny_links}"


def test_the_steps_of_a_process_run_top_to_bottom_in_order_on_a_phone_and_a_desktop(browser, site, site_url):
    processes = [p for p in pages_with_pictures(site) if re.fullmatch(r"processes/[^/]+/", p)]
    assert processes
    for viewport in (PHONE, {"width": 1280, "height": 900}):
        context = browser.new_context(viewport=viewport)
        tab = context.new_page()
        for path in processes:
            tab.goto(site_url + path)
            drawn = tab.evaluate(ORDER)
            assert len(drawn) == 1, (path, viewport)  # one layout shows at a time
            numbers = drawn[0]
            assert [n["n"] for n in numbers] == list(range(1, len(numbers) + 1)) and len(numbers) >= 2
            assert all(a["y"] < b["y"] for a, b in zip(numbers, numbers[1:])), (path, viewport)
        context.close()


def test_the_measure_fails_a_shrunken_picture(phone, site, site_url):
    """The check can fail: a swimlane forced to draw at half its size is caught."""
    path = next(p for p in pages_with_pictures(site) if p.startswith("processes/"))
    phone.goto(site_url + path)
    phone.add_style_tag(content=".hb-swim-narrow { width: 170px !important; }")
    found = phone.evaluate(MEASURE)
    assert any(t["px"] < SMALLEST_TEXT for t in found["texts"])
    assert any(min(a["width"], a["height"]) < SMALLEST_TARGET for a in found["links"])
