"""Search in the reader's own script and words: a result's page highlights what was typed as that edition writes
it, and Taiwan's and the mainland's words for one thing find each other in either edition."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlparse

import pytest

from handbook.model import load as load_handbook
from handbook.edition.convert import EDITION
from handbook import urls
from handbook.search.terms import simplified

from .test_search import SearchBox

HANDBOOK = load_handbook()
LINKS = """() => [...document.querySelectorAll("a.md-search-result__link")].map(a => a.href)"""
MARKED = """() => [...document.querySelectorAll("article mark[data-md-highlight]")].map(m => m.textContent)"""


def traditional_word():
    """A topic name that Traditional and Simplified write differently (庫存 and 库存)."""
    return next(t.name for t in HANDBOOK.topics if simplified(t.name) != t.name)


@pytest.fixture
def box(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-TW")
    yield lambda path="": SearchBox(context.new_page(), site_url + path)
    context.close()


@pytest.mark.parametrize("typed", ["traditional", "simplified"])
def test_the_page_a_result_opens_highlights_the_words_in_its_editions_script(box, typed):
    word = traditional_word()
    searchbox = box()
    searchbox.search(word if typed == "traditional" else simplified(word))
    first = searchbox.page.evaluate(LINKS)[0]
    assert word in parse_qs(urlparse(first).query)["h"][0].split()
    searchbox.page.goto(first)
    searchbox.page.wait_for_selector("article mark[data-md-highlight]")
    assert word in searchbox.page.evaluate(MARKED)


def test_the_simplified_edition_highlights_in_simplified(box):
    word = simplified(traditional_word())
    searchbox = box(f"{EDITION}/")
    searchbox.search(word)
    first = searchbox.page.evaluate(LINKS)[0]
    assert f"/{EDITION}/" in first and word in parse_qs(urlparse(first).query)["h"][0].split()
    searchbox.page.goto(first)
    searchbox.page.wait_for_selector("article mark[data-md-highlight]")
    assert word in searchbox.page.evaluate(MARKED)


def variant(site) -> tuple[str, str]:
    """A word of the index that Taiwan and the mainland spell differently (列印, 打印), as the index pairs them."""
    config = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    words = config["handbook"]["variants"].split()
    assert words, "the handbook's text uses some Taiwan word"
    return words[0], words[1]


@pytest.mark.parametrize("edition", ["", f"{EDITION}/"])
def test_taiwan_and_mainland_words_find_the_same_pages(box, site, edition):
    taiwan, mainland = variant(site)
    searchbox = box(edition)
    count = lambda: searchbox.page.locator(".md-search-result__meta").inner_text()
    found, total = searchbox.search(taiwan).pages, count()
    assert found and set(found) <= set(searchbox.search(mainland, found).pages) and count() == total
    searchbox.search(mainland)
    assert searchbox.page.locator(".md-search-result__article mark").count()  # and marks it, as written there


# ---------------------------------------------------------------- results a person can scan

SNIPPETS = """() => [...document.querySelectorAll("a.md-search-result__link")].map(link => {
  const snippet = link.querySelector(".hb-snippet")
  const url = new URL(link.href)
  return {page: url.pathname.slice(1) + url.hash, text: snippet ? snippet.textContent : "",
          lines: snippet ? Math.round(snippet.getBoundingClientRect().height /
                                      parseFloat(getComputedStyle(snippet).lineHeight)) : 0}
})"""


def results(searchbox, query):
    searchbox.search(query)
    return searchbox.page.evaluate(SNIPPETS)


def first_for(found, page):
    return next(r for r in found if r["page"] == page)


@pytest.fixture
def phone_box(browser, site_url):
    """The search box at a phone's width (opened at a desktop's, where the box is in the header, then narrowed)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-TW")
    tab = context.new_page()

    def opened():
        searchbox = SearchBox(tab, site_url)
        tab.set_viewport_size({"width": 390, "height": 844})
        return searchbox
    yield opened
    context.close()


def test_results_say_who_answers_what_starts_a_process_and_what_a_measure_is(phone_box):
    searchbox = phone_box()
    topic = HANDBOOK.topics[0]
    found = results(searchbox, topic.name)
    snippet = first_for(found, urls.built(urls.source(topic)))["text"]
    assert HANDBOOK.role(topic.accountable.duty.role_id).name in snippet and topic.accountable.duty.title in snippet
    process = HANDBOOK.processes[0]
    found = results(searchbox, process.name)
    snippet = first_for(found, urls.built(urls.source(process)))["text"]
    assert process.trigger[:10] in snippet
    assert all(HANDBOOK.role(r).name in snippet for r in process.lanes)
    assert not any(step.hands_on in snippet for step in process.steps)  # not the swimlane's text
    measure = HANDBOOK.measures[0]
    found = results(searchbox, measure.name)
    snippet = first_for(found, urls.built(urls.source(measure)))["text"]
    assert (measure.expression or measure.numerator)[:10] in snippet
    for query in (topic.name, process.name, measure.name, "退款"):
        assert all(r["lines"] <= 3 for r in results(searchbox, query)), query


def typo(word: str, at: int) -> str:
    """`word` with the character at `at` replaced by one the handbook never uses."""
    return word[:at] + "囧" + word[at + 1:]


@pytest.mark.parametrize("n", range(3))
def test_a_one_character_typo_still_finds_the_duty(box, n):
    duties = [d for r in HANDBOOK.roles for d in r.duties if len(d.title) >= 4]
    duty = duties[n * len(duties) // 3]
    searchbox = box()
    for query in (typo(duty.title, len(duty.title) - 1), typo(duty.title, 1)):
        found = searchbox.search(query)
        assert urls.built(urls.source(duty)) in [link for group in found.groups[:5] for link in group], query


def test_a_latin_typo_still_finds_the_topic(box):
    topic = next(t for t in HANDBOOK.topics if t.name_en.isalpha() and len(t.name_en) >= 6)
    word = topic.name_en.lower()
    searchbox = box()
    for query in (word[:2] + word[3:], word[:2] + word[3] + word[2] + word[4:]):  # a letter dropped, two swapped
        assert urls.built(urls.source(topic)) in searchbox.search(query).pages[:3], query


def test_a_measures_word_lists_the_measure_and_every_role_whose_duty_names_it(box):
    searchbox = box()
    checked = 0
    for measure in HANDBOOK.measures:
        naming = {r.id for r in HANDBOOK.roles for d in r.duties if measure.name in d.title + d.description}
        if not naming:
            continue
        found = searchbox.search(measure.name, [urls.built(urls.source(HANDBOOK.role(r))) for r in naming])
        assert found.pages[0] == "measures/" and urls.built(urls.source(measure)) in found.groups[0], measure.id
        assert {urls.built(urls.source(HANDBOOK.role(r))) for r in naming} <= set(found.pages), measure.id
        checked += 1
    assert checked
