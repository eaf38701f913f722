"""Review dates: the roles index shows each role's last review, and a review-due flag is raised by the build and
again by the reader's browser against its own date, so a site that was not rebuilt still shows it."""

from __future__ import annotations

import datetime
import re

import pytest

from handbook.model import load
from handbook import urls

from .pagerender import Site

EDITIONS = ["", "zh-Hans/"]


def shown_flags(monkeypatch, today: datetime.date) -> tuple[int, dict[str, bool], int]:
    """Flags the build leaves visible on the roles index and on each role page, built on `today`."""
    noon = datetime.datetime(today.year, today.month, today.day, 12, tzinfo=datetime.timezone.utc)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(noon.timestamp())))
    h = load()
    site = Site(h)

    def shown(uri: str) -> int:
        flags = re.findall(r"<[^>]*\bdata-hb-reviewed=[^>]*>", site.markdown(uri))
        return sum(not re.search(r"\shidden\b", tag) for tag in flags)  # other elements may be hidden too

    return (shown(urls.PAGES["roles"]), {r.id: bool(shown(urls.role(r.id))) for r in h.roles},
            int(site.env.conf.extra["review_days"]))


def test_the_build_raises_the_flag_for_reviews_older_than_review_days(monkeypatch):
    h = load()
    oldest = min(r.reviewed for r in h.roles)
    _, _, days = shown_flags(monkeypatch, oldest)
    for day in (oldest + datetime.timedelta(days=days), oldest + datetime.timedelta(days=days + 1)):
        index, pages, _ = shown_flags(monkeypatch, day)
        assert index == sum(r.review_due(day, days) for r in h.roles)
        assert pages == {r.id: r.review_due(day, days) for r in h.roles}
    assert index >= 1


def at_noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, 12)


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_browser_raises_the_flag_on_its_own_date(browser, site_url, edition):
    h = load()
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{site_url}{edition}roles/")
    days = int(page.get_attribute("[data-hb-review-days]", "data-hb-review-days"))
    first = h.roles[0]
    due_day = first.reviewed + datetime.timedelta(days=days + 1)
    for day in (due_day - datetime.timedelta(days=1), due_day):
        page = context.new_page()
        page.clock.set_fixed_time(at_noon(day))  # the site was built earlier: only the browser knows the date
        page.goto(f"{site_url}{edition}roles/")
        for role in h.roles:
            card = page.locator(".grid.cards li", has=page.locator(f'a[href="{role.id}/"]'))
            assert role.reviewed.isoformat() in card.inner_text()
            assert card.locator("[data-hb-reviewed]").is_visible() == role.review_due(day, days), (role.id, day)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.goto(f"{site_url}{edition}roles/{first.id}/")
        flag = page.locator(".admonition[data-hb-reviewed]")
        assert flag.is_visible() == (day == due_day)
        if day == due_day:
            assert first.reviewed.isoformat() in flag.inner_text() and str(days) in flag.inner_text()
        page.close()
    context.close()


@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("width", [390, 1280])
def test_the_change_page_fits_the_screen(browser, site_url, edition, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(f"{site_url}{edition}changes/")
    assert page.locator(".hb-change").count() >= 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.close()
