"""Reading on a phone (390 px) and a desktop: no page scrolls sideways, wide things scroll in their own box."""

from __future__ import annotations

import pytest

from handbook.model import load as load_handbook

from .conftest import PHONE

HANDBOOK = load_handbook()
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, locale="zh-TW")
    yield context.new_page()
    context.close()


def built_pages(site) -> list[str]:
    """Every HTML page of the built site, both editions, as site paths."""
    paths = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    return [p.removesuffix("index.html") for p in paths if not p.startswith(("assets/", "search/"))]


def test_no_page_is_wider_than_a_phone(phone, site, site_url):
    pages = built_pages(site)
    assert len(pages) > 2 * (len(HANDBOOK.roles) * 2 + len(HANDBOOK.topics))
    assert any(p.startswith("zh-Hans/") for p in pages)
    # The search index is not needed to lay a page out; skipping it keeps a hundred page loads quick.
    phone.route("**/search/search_index.json", lambda route: route.abort())
    wide = {}
    for path in pages:
        phone.goto(site_url + path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            wide[path] = width
    assert not wide, f"wider than {PHONE['width']} px: {wide}"


def box(tab) -> dict:
    return tab.locator(".hb-matrix").evaluate(
        "b => ({scrollWidth: b.scrollWidth, clientWidth: b.clientWidth, scrollHeight: b.scrollHeight,"
        " clientHeight: b.clientHeight, top: b.getBoundingClientRect().top, left: b.getBoundingClientRect().left})")


@pytest.mark.parametrize("edition", ["", "zh-Hans/"])
def test_matrix_scrolls_inside_its_box_with_headers_in_view(phone, site_url, edition):
    phone.goto(site_url + edition + "matrix/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    size = box(phone)
    assert size["scrollWidth"] > size["clientWidth"] and size["scrollHeight"] > size["clientHeight"]
    matrix = phone.locator(".hb-matrix")
    matrix.evaluate("b => { b.scrollLeft = b.scrollWidth; b.scrollTop = b.scrollHeight; }")
    size = box(phone)
    corner = phone.locator(".hb-matrix thead th").first.bounding_box()
    assert abs(corner["x"] - size["left"]) < 2 and abs(corner["y"] - size["top"]) < 2, "headers scrolled away"
    last_role = phone.locator(".hb-matrix thead th").last.bounding_box()
    assert abs(last_role["y"] - size["top"]) < 2, "the role row scrolled away"
    last_topic = phone.locator(".hb-matrix tbody tr").last.locator("th, td").first.bounding_box()
    assert abs(last_topic["x"] - size["left"]) < 2, "the topic column scrolled away"


def test_matrix_shows_every_role_on_a_desktop(page, site_url):
    page.set_viewport_size(DESKTOP)
    page.goto(site_url + "matrix/")
    size = box(page)
    heads = page.locator(".hb-matrix thead th")
    assert heads.count() == len(HANDBOOK.roles) + 1
    right = size["left"] + size["clientWidth"]
    for i in range(heads.count()):
        head = heads.nth(i).bounding_box()
        assert head["x"] + head["width"] <= right + 1, f"role column {i} is cut off at {DESKTOP['width']} px"
    assert size["top"] + min(size["clientHeight"], 400) <= DESKTOP["height"], "the matrix starts below the screen"


@pytest.mark.parametrize("edition", ["", "zh-Hans/"])
def test_role_page_starts_with_title_and_purpose_on_a_phone(phone, site_url, edition):
    """A role's tags (its topics) follow the content: the title and purpose are on the first screen."""
    for role in HANDBOOK.roles:
        phone.goto(f"{site_url}{edition}roles/{role.id}/")
        title = phone.locator("article h1").bounding_box()
        purpose = phone.locator("article .admonition").first.bounding_box()
        assert title["y"] < PHONE["height"] / 3 and purpose["y"] < PHONE["height"], role.id
        tags = phone.locator(".md-tag")
        assert tags.count(), role.id
        duties = phone.locator(f"article h3#{role.duties[-1].id}").bounding_box()
        for tag in tags.all():
            assert tag.bounding_box()["y"] > duties["y"], f"{role.id}: a tag sits above the duties"
