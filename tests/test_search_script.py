"""Search in the reader's own script and words: a result's page highlights what was typed as that edition writes
it, and Taiwan's and the mainland's words for one thing find each other in either edition."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlparse

import pytest

from handbook.model import load as load_handbook
from handbook.edition.convert import EDITION
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
