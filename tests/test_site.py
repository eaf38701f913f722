"""The built handbook: every role and duty from the data, reachable at its promised URL."""

from __future__ import annotations

import html
import os
import re
import shutil
from pathlib import Path

import pytest

from handbook.model import load as load_handbook

from .conftest import FIXTURE, ROOT, SHIPPED, add_live_streaming, build_site

from .htmlpage import load

HANDBOOK = load_handbook()


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_role_has_its_page_with_all_duties(site):
    assert len(HANDBOOK.roles) == 8
    for role in HANDBOOK.roles:
        page = load(site, f"/roles/{role.id}/")
        text = squash(page.text)
        assert squash(role.name) in text and squash(role.purpose) in text
        for duty in role.duties:
            assert duty.id in page.ids, f"/roles/{role.id}/#{duty.id} has no anchor"
            assert squash(duty.title) in text and squash(duty.description) in text


@pytest.mark.content
def test_all_64_duties_are_the_documents_text():
    """Every duty title and description in data/ appears in the source document (slips corrected)."""
    seed = (ROOT / "source" / "document.txt").read_text(encoding="utf-8")
    for slip, fixed in [("售后", "售後"), ("采購", "採購"), ("報表制作", "報表製作"), ("后期", "後期")]:
        seed = seed.replace(slip, fixed)
    duties = [d for r in load_handbook(SHIPPED).roles for d in r.duties]
    assert len(duties) == 64
    for duty in duties:
        assert f"{duty.title}:{duty.description}" in seed, duty.ref


def test_duty_anchor_is_the_heading_of_the_duty(site):
    page = load(site, "/roles/customer-service/")
    heading = next(a for tag, a in page.tags if tag in ("h2", "h3") and a.get("id") == "returns-exchanges")
    assert heading


def test_works_with_names_the_shared_work(site):
    page = load(site, "/roles/customer-service/")
    text = squash(page.text)
    warehouse = HANDBOOK.role("warehouse-logistics")
    collab = next(c for c in HANDBOOK.collaborations(HANDBOOK.role("customer-service")) if c.other.id == warehouse.id)
    assert "works-with" in page.ids
    for topic, mine, theirs in collab.topics:
        assert squash(topic.name) in text
        assert any(t == "/roles/warehouse-logistics/" and f == theirs[0].duty.id for t, f in page.internal_links())
    # The document: customer service and the warehouse both handle returns.
    assert any(a.duty.id == "returns-processing" for _, _, theirs in collab.topics for a in theirs)


@pytest.mark.parametrize("url", ["/", "/roles/", "/roles/finance/", "/topics/", "/matrix/", "/map/", "/onboarding/",
                                 "/onboarding/customer-service/", "/tags/"])
def test_every_page_has_a_meta_description(site, url):
    assert len(load(site, url).meta.get("description", "")) > 10


def test_role_page_meta_description_comes_from_the_data(site):
    role = HANDBOOK.role("data-analysis")
    assert role.summary in html.unescape(load(site, "/roles/data-analysis/").meta["description"])


def edit_links(site: Path, url: str) -> list[str]:
    """The page's edit button(s): Material's edit action."""
    return [a["href"] for tag, a in load(site, url).tags if tag == "a" and "md-content__button" in a.get("class", "")]


def test_edit_button_opens_the_roles_own_lines(site):
    role = HANDBOOK.role("customer-service")
    first, last = role.lines
    folder = FIXTURE.relative_to(ROOT).as_posix()  # the data the site was built from (HANDBOOK_DATA)
    assert [href.rpartition(f"/{folder}/")[2] for href in edit_links(site, "/roles/customer-service/")] == \
        [f"roles.yaml#L{first}-L{last}"]
    lines = open(FIXTURE / "roles.yaml", encoding="utf-8").read().splitlines()
    assert lines[first - 1].strip() == f"- id: {role.id}"
    assert any(f"- id: {role.duties[-1].id}" in line for line in lines[first - 1:last])


def test_edit_and_history_links_name_the_data_built_from_and_one_branch(tmp_path):
    """HANDBOOK_DATA elsewhere in the repository and another branch: every link into the repository follows both."""
    data = ROOT / ".cache" / f"test-data-{os.getpid()}"
    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(FIXTURE, data)
    try:
        out = tmp_path / "site"
        result = build_site(out, data, {"HANDBOOK_BRANCH": "handbook-next"})
        assert result.returncode == 0, result.stderr[-3000:]
    finally:
        shutil.rmtree(data)
    folder = data.relative_to(ROOT).as_posix()
    topic = HANDBOOK.topics[0]
    first, last = topic.lines
    assert [h.split("/", 5)[5] for h in edit_links(out, f"/topics/{topic.id}/")] == \
        [f"blob/handbook-next/{folder}/topics.yaml#L{first}-L{last}"]
    assert [h.split("/", 5)[5] for h in edit_links(out, "/")] == ["edit/handbook-next/docs/index.md"]
    assert [h.split("/", 5)[5] for h in edit_links(out, "/matrix/")] == [f"blob/handbook-next/{folder}/topics.yaml"]
    history = [h for h in load(out, "/changes/").links if "/commits/" in h]
    assert [h.split("/", 5)[5] for h in history] == [f"commits/handbook-next/{folder}"]


def test_nothing_is_loaded_from_another_host(site):
    for path in site.rglob("*.html"):
        source = path.read_text(encoding="utf-8")
        for match in re.finditer(r'<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)="(https?:)?//', source):
            tag = source[match.start():match.start() + 200]
            assert 'rel="canonical"' in tag or "<a " in tag, f"{path}: {tag}"


def test_adding_a_role_is_a_data_only_change(data_copy, tmp_path):
    """Journey 7: a team lead adds 直播運營 by editing data; page, nav, topic, matrix and map follow."""
    add_live_streaming(data_copy)
    out = tmp_path / "site"
    result = build_site(out, data_copy)
    assert result.returncode == 0, result.stderr[-3000:]
    page = load(out, "/roles/live-streaming/")
    assert "live-promotions" in page.ids and "直播促銷" in page.text
    assert ("/roles/live-streaming/", "") in load(out, "/roles/finance/").internal_links()  # nav
    assert ("/roles/live-streaming/", "live-promotions") in load(out, "/topics/promotions/").internal_links()
    assert ("/roles/live-streaming/", "live-promotions") in load(out, "/matrix/").internal_links()
    assert ("/roles/live-streaming/", "") in load(out, "/map/").internal_links()
    assert (out / "onboarding" / "live-streaming" / "index.html").exists()
    assert edit_links(out, "/roles/live-streaming/") == []  # built from data outside the repository: no file to edit
    works_with = load(out, "/roles/live-streaming/").internal_links()
    assert ("/roles/platform-operations/", "") in works_with  # it does promotions work platform operations answers for


@pytest.mark.parametrize("edition", ["", "zh-Hans/"])
def test_home_page_shows_new_hires_the_way_in_on_the_first_screen(browser, site_url, edition):
    """Journey: a new hire opens the handbook on a phone; a button to the onboarding role picker is on the first
    screen, before everything else the home page offers."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-TW")
    tab = context.new_page()
    try:
        tab.goto(site_url + edition)
        entry = tab.locator("article a.md-button").first
        assert entry.evaluate("a => new URL(a.href).pathname") == f"/{edition}onboarding/"
        box = entry.bounding_box()
        assert box["y"] + box["height"] <= 844 and box["height"] >= 36, "the way in is off screen or too small"
        first_link = tab.locator("article p a, article li a").first.bounding_box()
        assert box["y"] <= first_link["y"], "other links come before the way in"
    finally:
        context.close()


def edit_link(site, url: str) -> str | None:
    page = load(site, url)
    found = [a.get("href") for tag, a in page.tags if tag == "a" and "md-content__button" in (a.get("class") or "")]
    assert len(found) <= 1
    return found[0] if found else None


def macro_only(source: str) -> bool:
    """A docs/ page with nothing of its own to edit: front matter, a title and macro calls."""
    body = re.sub(r"\A---\n.*?\n---\n", "", source, flags=re.S)
    body = re.sub(r"\{\{.*?\}\}|^#[^\n]*$|<!--.*?-->", "", body, flags=re.M | re.S)
    return not body.strip()


def test_edit_buttons_open_what_the_page_is_made_from(site):
    """Every page's edit button opens a data file that exists, or a docs/ page with text of its own; the pages
    drawn from the data open that data (the matrix and the map: topics), and a page no one file holds has none."""
    root = Path(__file__).resolve().parent.parent
    pages = sorted({"/" + p.relative_to(site).parent.as_posix().strip(".") for p in site.rglob("index.html")})
    checked = 0
    for url in (u.rstrip("/") + "/" for u in pages if not u.startswith(("/zh-Hans", "/search", "/assets"))):
        href = edit_link(site, url)
        if href is None:
            continue
        target = re.sub(r"^.*?/(?:blob|edit)/[^/]+/", "", href).split("#")[0]
        assert (root / target).is_file(), f"{url}: edit opens missing {target}"
        if target.startswith("docs/"):
            assert not macro_only((root / target).read_text(encoding="utf-8")), f"{url}: edit opens {target}"
        checked += 1
    assert checked > len(HANDBOOK.roles) * 2 + len(HANDBOOK.topics)
    for url in ("/matrix/", "/map/"):
        assert (edit_link(site, url) or "").endswith(f"/{FIXTURE.relative_to(ROOT).as_posix()}/topics.yaml"), url
    for url in ("/changes/", "/tags/", "/glossary/"):
        assert edit_link(site, url) is None, url
