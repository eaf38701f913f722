"""The site GitHub Pages publishes, read as it is: the bytes deploy.yml publishes are the bytes tested here.

The behaviour tests read the fixture handbook; the published site is data/ built by `make build`. In CI,
HANDBOOK_TESTED_SITE=site points these tests at that very `site/`, which CI uploads only after every test passed
and deploy.yml publishes without building anything. Run alone (no variable), they build data/ the same way.
Only what holds for any organisation's valid data is asserted: links resolve, every kind of page opens in Chromium
without a script error in both editions, and the search box finds a role by its name.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from . import linkcheck
from .conftest import ROOT, SHIPPED, Server, build_site

TESTED_SITE = "HANDBOOK_TESTED_SITE"
SIMPLIFIED = "zh-Hans"
NOT_PAGES = {"assets", "search", "api", "stylesheets", "javascripts", SIMPLIFIED}


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """CI's `site/` when HANDBOOK_TESTED_SITE names it (read in place, never written), else data/ built now."""
    if os.environ.get(TESTED_SITE):
        built = ROOT / os.environ[TESTED_SITE]
        assert (built / "index.html").is_file(), f"{TESTED_SITE}={built} holds no built site: run make build first"
        return built
    out = tmp_path_factory.mktemp("published")
    result = build_site(out, data=SHIPPED)
    assert result.returncode == 0, result.stderr[-4000:]
    return out


@pytest.fixture(scope="module")
def served(published):
    server = Server(published)
    yield server.url
    server.close()


def canonical(site: Path) -> str:
    return re.search(r'<link rel="canonical" href="([^"]+)"', (site / "index.html").read_text("utf-8")).group(1)


def one_page_of_each_kind(site: Path) -> list[str]:
    """The home page and, for each folder of pages (roles/, topics/, measures/, …), its first page, in both editions."""
    found = [""]
    for folder in sorted(p for p in site.iterdir() if p.is_dir() and p.name not in NOT_PAGES):
        pages = sorted(folder.rglob("index.html"))
        if pages:
            found.append(pages[-1].parent.relative_to(site).as_posix() + "/")
    return found + [f"{SIMPLIFIED}/{path}" for path in found if (site / SIMPLIFIED / path / "index.html").exists()]


def test_every_link_of_the_published_site_resolves(published):
    report = linkcheck.check(published, canonical(published))
    assert report, "\n".join(report.problems[:40])
    assert report.links > 100


def test_every_kind_of_page_opens_without_a_script_error(browser, published, served):
    paths = one_page_of_each_kind(published)
    assert len(paths) >= 10, paths
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-TW")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    page.on("console", lambda message: message.type == "error" and errors.append(f"{page.url}: {message.text}"))
    try:
        for path in paths:
            response = page.goto(served + path, wait_until="load")
            assert response and response.ok, path
            assert page.locator("h1").first.inner_text().strip(), f"{path} has no heading"
    finally:
        context.close()
    assert not errors, "\n".join(errors)


def test_the_search_box_finds_a_role_by_its_name(browser, published, served):
    roles = sorted((published / "roles").glob("*/index.html"))
    assert roles, "the published site has no role pages"
    role = roles[0].parent.name
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-TW")
    page = context.new_page()
    try:
        page.goto(f"{served}roles/{role}/")
        name = page.locator("h1").first.inner_text().replace("¶", "").strip()
        page.locator("input.md-search__input").click()
        page.locator("input.md-search__input").fill(name)
        page.locator("input.md-search__input").press("End")
        page.wait_for_function("() => document.querySelector('.md-search-result__item')", timeout=15000)
        links = page.evaluate("() => [...document.querySelectorAll('a.md-search-result__link')].map(a => new URL(a.href).pathname)")
    finally:
        context.close()
    assert f"/roles/{role}/" in links, (name, links[:10])
