"""Onboarding paths: built from the data, and checklists whose ticks survive a reload."""

from __future__ import annotations

import re

import pytest

from handbook.model import load as load_handbook

from .conftest import Server
from .htmlpage import load

HANDBOOK = load_handbook()


def test_every_role_has_a_path_built_from_data(site):
    assert {p.role.id for p in HANDBOOK.paths} == {r.id for r in HANDBOOK.roles}
    for path in HANDBOOK.paths:
        page = load(site, f"/onboarding/{path.role.id}/")
        boxes = [a for tag, a in page.tags if tag == "input" and a.get("data-hb-step")]
        company = sum(len(steps) for _, steps in HANDBOOK.company_steps)
        assert len(boxes) == path.step_count + company
        keys = {a["data-hb-step"] for a in boxes}
        assert all(f"{path.role.id}/{s.id}" in keys for _, steps in path.stages for s in steps)
        links = page.internal_links()
        for _, steps in path.stages:
            for step in steps:
                for duty in step.duties:
                    assert (f"/roles/{duty.role_id}/", duty.id) in links
                for meeting in step.meet:
                    assert (f"/roles/{meeting.role.id}/", "") in links
        assert ("/roles/" + path.role.id + "/", "") in links, "the path links back to its role"


def test_paths_follow_the_stages_and_day_90_reviews_the_measures():
    stage_ids = [s.id for s in HANDBOOK.stages]
    assert stage_ids == ["day-1", "week-1", "month-1", "day-60", "day-90"]
    for path in HANDBOOK.paths:
        assert 3 <= len(path.measures) <= 6
        assert all(m.duties and all(d.role_id == path.role.id for d in m.duties) for m in path.measures)
        final_stage, final_steps = path.stages[-1]
        assert final_stage.id == "day-90"
        assert any(step.measures for step in final_steps), path.role.id


def test_role_page_links_to_its_path(site):
    for role in HANDBOOK.roles:
        assert (f"/onboarding/{role.id}/", "") in load(site, f"/roles/{role.id}/").internal_links()


def test_start_page_lists_every_role_and_the_company_steps(site):
    page = load(site, "/onboarding/")
    for role in HANDBOOK.roles:
        assert (f"/onboarding/{role.id}/", "") in page.internal_links()
    keys = {a.get("data-hb-step") for tag, a in page.tags if tag == "input" and a.get("data-hb-step")}
    assert keys == {f"company/{s.id}" for _, steps in HANDBOOK.company_steps for s in steps}
    assert "不是原文" in page.text  # the paths are the handbook's own


def counts(tab) -> tuple[str, str]:
    box = tab.locator("[data-hb-progress]").first
    return box.locator("[data-hb-done]").inner_text(), box.locator("[data-hb-total]").inner_text()


def test_ticks_survive_reload_and_reset_clears_them(page, site_url):
    path = HANDBOOK.path_by_role["customer-service"]
    total = path.step_count + sum(len(s) for _, s in HANDBOOK.company_steps)
    page.goto(site_url + "onboarding/customer-service/")
    assert counts(page) == ("0", str(total))
    first_stage, steps = path.stages[1]
    key = f"customer-service/{steps[0].id}"
    page.locator(f'input[data-hb-step="{key}"]').check()
    page.locator(f'input[data-hb-step="company/{HANDBOOK.company_steps[0][1][0].id}"]').first.check()
    assert counts(page) == ("2", str(total))
    page.reload()
    assert page.locator(f'input[data-hb-step="{key}"]').is_checked()
    assert counts(page) == ("2", str(total))
    stage_counter = page.locator(f"h2#{first_stage.id} ~ p[data-hb-stage-count]").first
    assert stage_counter.locator("[data-hb-done]").inner_text() == "1"
    # The company step ticked here is ticked on the start page too (same key).
    page.goto(site_url + "onboarding/")
    assert counts(page)[0] == "1"
    page.goto(site_url + "onboarding/customer-service/")
    page.once("dialog", lambda dialog: dialog.accept())
    page.locator("[data-hb-reset]").click()
    assert counts(page) == ("0", str(total))
    page.reload()
    assert not page.locator(f'input[data-hb-step="{key}"]').is_checked()
    assert counts(page) == ("0", str(total))


def test_ticks_are_keyed_by_step_id_not_position(page, site_url):
    """Reordering steps in the data must not move ticks: the key is role/step-id."""
    page.goto(site_url + "onboarding/warehouse-logistics/")
    step = HANDBOOK.path_by_role["warehouse-logistics"].stages[0][1][-1]
    page.locator(f'input[data-hb-step="warehouse-logistics/{step.id}"]').check()
    stored = page.evaluate("Object.keys(localStorage)")
    assert any(re.search(rf"warehouse-logistics/{step.id}$", k) for k in stored)


@pytest.fixture
def two_sites(site, tmp_path):
    """The handbook published twice on one origin, as two project sites of one organisation on *.github.io."""
    for name in ("team-a", "team-b"):
        (tmp_path / name).symlink_to(site, target_is_directory=True)
    server = Server(tmp_path)
    yield server.url
    server.close()


def test_sites_on_one_origin_keep_their_own_ticks(page, two_sites):
    path = HANDBOOK.paths[0]
    key = f"{path.role.id}/{path.stages[0][1][0].id}"
    box = f'input[data-hb-step="{key}"]'
    page.goto(two_sites + f"team-a/onboarding/{path.role.id}/")
    page.locator(box).check()
    page.goto(two_sites + f"team-b/onboarding/{path.role.id}/")
    assert not page.locator(box).is_checked(), "a tick on one site showed on another site of the same origin"
    page.goto(two_sites + f"team-a/zh-Hans/onboarding/{path.role.id}/")
    assert page.locator(box).is_checked(), "the Simplified edition of the same site shares its ticks"
    assert all(k.startswith(("/team-a/", "/team-b/")) for k in page.evaluate("Object.keys(localStorage)"))


def test_ticks_saved_before_keys_were_scoped_still_show(page, site_url):
    path = HANDBOOK.paths[0]
    key = f"{path.role.id}/{path.stages[0][1][0].id}"
    box = f'input[data-hb-step="{key}"]'
    page.goto(site_url)
    page.evaluate("key => localStorage.setItem('handbook:onboarding:' + key, '1')", key)
    page.goto(site_url + f"onboarding/{path.role.id}/")
    assert page.locator(box).is_checked()
    page.locator(box).uncheck()
    page.reload()
    assert not page.locator(box).is_checked(), "an untick must outlast the older tick"


def test_print_hides_navigation_and_buttons(page, site_url):
    page.goto(site_url + "onboarding/customer-service/")
    page.emulate_media(media="print")
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert not page.locator("[data-hb-reset]").is_visible()
    assert not page.locator(".md-header").is_visible()
    assert page.locator("input[data-hb-step]").first.is_visible()


def card_lists(page, site_url, url):
    """The grid cards of a page: per card, its links (as resolved URLs) and the text below its rule; and the
    number of code blocks among them."""
    page.goto(site_url + url)
    cards = page.locator(".grid.cards > ul > li")
    found = [(c.locator("a").evaluate_all("links => links.map(a => new URL(a.href).pathname)"), c.locator("hr ~ *").all_inner_texts())
             for c in cards.all()]
    return found, page.locator(".grid.cards :is(pre, code)").count()


@pytest.mark.parametrize("edition", ["", "zh-Hans/"])
def test_role_picker_has_one_card_per_role_with_its_own_counts(page, site_url, edition):
    """Journey: a new hire opens /onboarding/ and picks their role; each card names one role and its path."""
    cards, code = card_lists(page, site_url, edition + "onboarding/")
    assert code == 0, "the role list renders as code blocks"
    assert len(cards) == len(HANDBOOK.roles)
    for role, (links, text) in zip(HANDBOOK.roles, cards):
        assert links == [f"/{edition}onboarding/{role.id}/"], (role.id, links)
        path = HANDBOOK.path_by_role.get(role.id)
        counts = [int(n) for n in re.findall(r"\d+", " ".join(text))]
        assert counts == ([path.step_count, len(path.measures)] * 2 if path else []), (role.id, text)


@pytest.mark.parametrize("edition", ["", "zh-Hans/"])
def test_roles_index_has_one_card_per_role(page, site_url, edition):
    cards, code = card_lists(page, site_url, edition + "roles/")
    assert code == 0 and len(cards) == len(HANDBOOK.roles)
    for role, (links, text) in zip(HANDBOOK.roles, cards):
        assert links == [f"/{edition}roles/{role.id}/"] and text, role.id


def stage_ids() -> list[str]:
    return [s.id for s in HANDBOOK.stages]


def test_day_one_comes_first_on_a_phone(browser, site_url):
    """Journey: a new hire opens their path on a phone on day one; the first stage's steps are on the first screen,
    the stages follow in order, and the measures come after the path."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-TW")
    tab = context.new_page()
    try:
        for role in HANDBOOK.roles:
            tab.goto(f"{site_url}onboarding/{role.id}/")
            heads = tab.locator("article h2[id]")
            shown = [h for h in heads.evaluate_all("hs => hs.map(h => h.id)") if h in stage_ids()]
            assert shown == [s for s in stage_ids() if tab.locator(f"h2#{s}").count()] and shown[0] == stage_ids()[0]
            first = tab.locator(f"h2#{shown[0]}").bounding_box()
            step = tab.locator(f"h2#{shown[0]} ~ .hb-step input").first.bounding_box()
            assert first["y"] < 844 and step["y"] + step["height"] < 844, f"{role.id}: day one starts below the screen"
            if tab.locator("#measures").count():
                last = tab.locator(f"h2#{shown[-1]}").bounding_box()
                assert tab.locator("h2#measures").bounding_box()["y"] > last["y"], f"{role.id}: measures before the path"
    finally:
        context.close()


def visible_stages(tab) -> list[str]:
    return [s for s in stage_ids() if tab.locator(f"h2#{s}").count() and tab.locator(f"h2#{s}").is_visible()]


def pdf_pages(tab) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", tab.pdf(format="A4")))


def test_print_the_whole_path_or_one_stage(page, site_url):
    """The storage note and the buttons never print; the path prints whole, or one stage by its own button."""
    role = HANDBOOK.path_by_role["customer-service"].role
    page.add_init_script("window.__printed = 0; window.print = () => { window.__printed += 1; };")
    page.goto(f"{site_url}onboarding/{role.id}/")
    page.emulate_media(media="print")
    article = page.locator("article")
    for hidden in [article.locator("button"), article.locator("[data-hb-progress]"), article.get_by_text("瀏覽器")]:
        shown = [el.inner_text() for el in hidden.all() if el.is_visible()]
        assert not shown, f"prints: {shown}"
    assert visible_stages(page) == [s for s in stage_ids() if page.locator(f"h2#{s}").count()]
    whole = pdf_pages(page)

    page.emulate_media(media="screen")
    second = visible_stages(page)[1]
    page.locator(f"[data-hb-stage='{second}'] button").click()
    assert page.evaluate("window.__printed") == 1
    page.emulate_media(media="print")
    assert visible_stages(page) == [second]
    assert page.locator(f"h2#{second} ~ .hb-step input").first.is_visible()
    assert not page.locator("#measures").is_visible()
    assert pdf_pages(page) < whole

    page.evaluate("window.dispatchEvent(new Event('afterprint'))")  # the print dialog closed
    assert len(visible_stages(page)) > 1
    page.emulate_media(media="screen")
    page.locator("[data-hb-print]").click()
    page.emulate_media(media="print")
    assert visible_stages(page) == [s for s in stage_ids() if page.locator(f"h2#{s}").count()]
