"""Role pages print as job descriptions: title, purpose, duties, the measures they move, on at most two A4 pages."""

from __future__ import annotations

import re

import pytest

from handbook.model import load as load_handbook

from .htmlpage import load

HANDBOOK = load_handbook()
PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![A-Za-z])")  # one per page in the PDF; /Pages is the page tree


def test_role_page_shows_the_measures_its_duties_move(site):
    for role in HANDBOOK.roles:
        page = load(site, f"/roles/{role.id}/")
        assert "measures" in page.ids
        text = re.sub(r"\s+", "", page.text)
        links = page.internal_links()
        for measure, duties in HANDBOOK.measures_of_role(role):
            assert all(re.sub(r"\s+", "", t) in text for t in (measure.name, measure.name_en, measure.unit))
            assert ("/measures/", measure.id) in links
            assert all((f"/roles/{role.id}/", d.id) in links for d in duties)


@pytest.mark.parametrize("url", [f"roles/{r.id}/" for r in HANDBOOK.roles] + ["zh-Hans/roles/customer-service/"])
def test_job_description_fits_on_two_a4_pages(page, site_url, url):
    page.goto(site_url + url)
    pdf = page.pdf(format="A4")
    assert 1 <= len(PAGE_OBJECT.findall(pdf)) <= 2


def test_printed_job_description_keeps_the_description_and_drops_the_clutter(page, site_url):
    role = HANDBOOK.role("customer-service")
    page.goto(site_url + f"roles/{role.id}/")
    page.emulate_media(media="print")
    for shown in ["h1", ".admonition.abstract", "#duties", "#measures", "#measures ~ * table", ".hb-print-only",
                  *(f"h3#{d.id}" for d in role.duties)]:
        assert page.locator(shown).first.is_visible(), shown
    for hidden in [".md-header", ".md-sidebar--primary", ".md-search", ".md-tags", "a.hb-chip", ".hb-label",
                   "[data-hb-print]", ".md-button", ".md-content__button", "#works-with", "#works-with + ul",
                   f'a[href="../warehouse-logistics/#returns-processing"]']:
        assert page.locator(hidden).count() and not page.locator(hidden).first.is_visible(), hidden
    page.emulate_media(media="screen")
    assert not page.locator(".hb-print-only").is_visible()
    assert page.locator("a.hb-chip").first.is_visible()


@pytest.mark.parametrize("url", ["roles/finance/", "onboarding/finance/"])
def test_print_button_prints(page, site_url, url):
    page.add_init_script("window.__printed = 0; window.print = () => { window.__printed += 1; };")
    page.goto(site_url + url)
    page.locator("[data-hb-print]").click()
    assert page.evaluate("window.__printed") == 1
