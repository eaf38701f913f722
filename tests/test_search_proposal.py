"""A search that found nothing becomes a proposal: a link to the issue form, prefilled with the words and the page."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from .test_search import SearchBox

ROOT = Path(__file__).resolve().parent.parent
FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "search-word.yml"


@pytest.fixture(scope="module")
def box(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-TW")
    yield SearchBox(context.new_page(), site_url + "roles/")
    context.close()


def proposal(box: SearchBox) -> dict:
    link = box.page.locator(".hb-propose a")
    link.wait_for(state="visible")
    url = urlsplit(link.get_attribute("href"))
    return {"url": url, "query": parse_qs(url.query), "text": link.inner_text()}


@pytest.mark.parametrize("word", ["喵喵喵嗚", "zxqv frobnicate", "<b>x</b>&\"?#"])
def test_a_word_that_finds_nothing_offers_the_issue_form_with_that_word(box, word):
    results = box.search(word)
    assert not results.pages
    found = proposal(box)
    assert found["url"].path.endswith("/issues/new") and found["query"]["template"] == [FORM.name]
    assert found["query"]["query"] == [word] and word in found["text"]  # carried as text, never as markup
    assert found["query"]["page"][0].endswith("/roles/")
    assert box.page.locator(".hb-propose b").count() == 0


def test_results_end_with_a_not_what_i_looked_for_link(box):
    results = box.search("退款")
    assert results.pages
    found = proposal(box)
    assert found["query"]["query"] == ["退款"] and "Not what you looked for" in found["text"]
    assert box.page.locator(".hb-propose").count() == 1


def test_the_form_has_the_fields_the_link_fills():
    """GitHub prefills an issue form's fields from the query by their ids: the link's names must be the form's."""
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    ids = {item.get("id") for item in form["body"]}
    assert {"query", "page"} <= ids
    script = (ROOT / "docs" / "assets" / "javascripts" / "search-proposal.js").read_text(encoding="utf-8")
    for name in ("query", "page", "title"):
        assert f'searchParams.set("{name}"' in script
