"""Tables and labels on a 390 px phone: a table fits or scrolls inside its own box with its first column kept in
view; badges and labels are 12 px or more; the matrix says who answers (A) for a topic without a swipe; the
measures page opens with an overview of every measure."""

from __future__ import annotations

import pytest

from handbook import urls
from handbook.model import load as load_handbook

from .test_phone import PHONE

HANDBOOK = load_handbook()
TABLES = """() => [...document.querySelectorAll("article table")].map(table => {
  let box = table.parentElement  // the box it scrolls in: the nearest that scrolls sideways, else its parent
  for (let e = box; e && e.tagName !== "ARTICLE"; e = e.parentElement)
    if (["auto", "scroll"].includes(getComputedStyle(e).overflowX)) { box = e; break }
  const first = table.querySelector("tr > :first-child")
  const before = first.getBoundingClientRect().left - box.getBoundingClientRect().left
  const scrolls = box.scrollWidth > box.clientWidth + 1
  box.scrollLeft = box.scrollWidth
  const after = first.getBoundingClientRect().left - box.getBoundingClientRect().left
  box.scrollLeft = 0
  return {scrolls, overflow: getComputedStyle(box).overflowX, kept: after >= -0.5 && before >= -0.5,
          right: box.getBoundingClientRect().right}
})"""
LABELS = """() => [...document.querySelectorAll(
    "article :is(.hb-raci, .hb-judgement, .hb-basis, .hb-part, .hb-label, .hb-action, .hb-en-inline, .hb-reason)")]
  .filter(el => el.getClientRects().length && el.textContent.trim() && !el.closest(".hb-sr"))
  .map(el => ({text: el.textContent.trim().slice(0, 20), px: parseFloat(getComputedStyle(el).fontSize)}))
  .filter(label => label.px < 12)"""


def pages() -> list[str]:
    """A role page, an onboarding page, the measures, matrix and a topic and process page, in both editions."""
    chosen = [urls.source(HANDBOOK.roles[0]), urls.source(HANDBOOK.paths[0]), urls.PAGES["measures"],
              urls.PAGES["matrix"], urls.source(HANDBOOK.topics[0]), urls.source(HANDBOOK.processes[0])]
    built = [urls.built(src) for src in chosen]
    return built + ["zh-Hans/" + path for path in built]


@pytest.mark.parametrize("path", pages())
def test_tables_fit_or_scroll_in_their_box_keeping_the_first_column_and_labels_are_readable(phone, site_url, path):
    phone.goto(site_url + path)
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for table in phone.evaluate(TABLES):
        assert table["right"] <= PHONE["width"] + 0.5
        if table["scrolls"]:
            assert table["overflow"] in ("auto", "scroll") and table["kept"], table
    assert not phone.evaluate(LABELS)


def test_the_matrix_names_who_answers_for_each_topic_in_the_first_column(phone, site_url):
    phone.goto(site_url + urls.built(urls.PAGES["matrix"]))
    rows = phone.locator(".hb-matrix tbody th[scope=row]")
    assert rows.count() == len(HANDBOOK.topics)
    for i, topic in enumerate(HANDBOOK.topics):
        cell = rows.nth(i)
        assert HANDBOOK.role(topic.accountable.duty.role_id).name in cell.inner_text()
        box = cell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


def test_the_measures_page_opens_with_an_overview_of_every_measure(phone, site_url):
    phone.goto(site_url + urls.built(urls.PAGES["measures"]))
    overview = phone.locator("article .hb-overview")
    links = overview.locator("a").evaluate_all("links => links.map(a => new URL(a.href).hash.slice(1))")
    assert {m.id for m in HANDBOOK.measures} <= set(links)
    first_measure = phone.locator(f"article [id='{HANDBOOK.measures[0].id}']").bounding_box()["y"]
    assert overview.bounding_box()["y"] < first_measure
