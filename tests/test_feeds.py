"""Atom feeds (the whole handbook, each role, each topic) and the marks of what changed since a reader's last visit."""

from __future__ import annotations

import shutil
from pathlib import Path

import feedparser
import pytest
import yaml

from .conftest import FIXTURE, Server, build_site
from .htmlpage import Page
from .test_changes import commit, edit, git, needs_git

SITE_URL = "https://handbook.example/team/"


def local(site: Path, url: str) -> Path:
    """The built file an absolute or feed-relative address names."""
    assert url.startswith(SITE_URL), url
    path = url[len(SITE_URL):].split("#")[0]
    return site / (path + "index.html" if path.endswith("/") or not path else path)


@pytest.fixture(scope="module")
def history(tmp_path_factory):
    """A repository whose last commit rewords one role's duty and moves a letter of a topic to another role; built."""
    root = tmp_path_factory.mktemp("feeds") / "handbook"
    shutil.copytree(FIXTURE, root / "data")
    git(root, "init", "-q", "-b", "main")
    commit(root, "Import", "2026-10-01T09:00:00")
    roles = yaml.safe_load((root / "data" / "roles.yaml").read_text(encoding="utf-8"))["roles"]
    topics = yaml.safe_load((root / "data" / "topics.yaml").read_text(encoding="utf-8"))["topics"]
    role, duty = roles[0]["id"], roles[0]["duties"][0]["id"]
    topic = next(t for t in topics if any(a["raci"] in "CI" and not a["duty"].startswith(role + "/")
                                          for a in t["duties"]))
    lettered = next(a["duty"] for a in topic["duties"] if a["raci"] in "CI" and not a["duty"].startswith(role + "/"))
    edit(root, "roles", lambda d: d["roles"][0]["duties"][0].update(  # added words: a step may quote the rest
        description=d["roles"][0]["duties"][0]["description"] + "每週一檢查所有商品信息。"))

    def promote(d):
        for a in next(t for t in d["topics"] if t["id"] == topic["id"])["duties"]:
            if a["duty"] == lettered:
                a.update(raci="R", basis="handbook", reason="一起做")
    edit(root, "topics", promote)
    commit(root, "商品:每週檢查;一個字母", "2026-11-05T09:00:00")
    out = root / "site"
    result = build_site(out, data=root / "data", extra_env={"SITE_URL": SITE_URL})
    assert result.returncode == 0, result.stderr[-3000:]
    untouched = next(r["id"] for r in roles if r["id"] not in (role, lettered.split("/")[0]))
    return {"site": out, "role": role, "duty": duty, "topic": topic["id"], "lettered": lettered,
            "untouched": untouched}


def feeds_of(page: Path) -> list[str]:
    tags = Page(page, page.parent).tags
    return [a["href"] for tag, a in tags if tag == "link" and a.get("rel") == "alternate"
            and a.get("type") == "application/atom+xml"]


def parse(site: Path, page: Path, href: str):
    path = (page.parent / href).resolve()
    assert path.is_file() and site.resolve() in path.parents, href
    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, parsed.bozo_exception
    return parsed


@needs_git
@pytest.mark.parametrize("edition", ["", "zh-Hans/"])
def test_each_role_page_links_its_feed_and_the_feed_lists_what_changed_for_it(history, edition):
    site = history["site"]
    page = site / edition / "roles" / history["role"] / "index.html"
    hrefs = feeds_of(page)
    assert len(hrefs) == 2  # the role's own, then the whole handbook's
    own = parse(site, page, hrefs[0])
    assert "Recent changes" not in own.feed.title and own.entries
    newest = own.entries[0]
    assert newest.updated.startswith("2026-11-05")
    assert local(site, newest.link) == site / "roles" / history["role"] / "index.html"
    assert newest.link.endswith(f"#{history['duty']}")
    whole = parse(site, page, hrefs[1])
    assert {e.id for e in own.entries} <= {e.id for e in whole.entries}


@needs_git
def test_a_letter_that_moved_reaches_the_topic_feed_and_the_roles_feed_and_no_other(history):
    site = history["site"]
    topic_page = site / "topics" / history["topic"] / "index.html"
    topic_feed = parse(site, topic_page, feeds_of(topic_page)[0])
    assert any(e.updated.startswith("2026-11-05") and local(site, e.link) == topic_page for e in topic_feed.entries)
    role_page = site / "roles" / history["lettered"].split("/")[0] / "index.html"
    assert any(e.updated.startswith("2026-11-05") for e in parse(site, role_page, feeds_of(role_page)[0]).entries)
    other = site / "roles" / history["untouched"] / "index.html"
    assert not any(e.updated.startswith("2026-11-05") for e in parse(site, other, feeds_of(other)[0]).entries)


def test_feeds_without_directory_urls_link_pages_that_exist(flat_site):
    page = flat_site / "roles" / (sorted(p.name for p in (flat_site / "roles").glob("*.html") if p.name != "index.html")[0])
    hrefs = feeds_of(page)
    assert hrefs and all(not h.startswith("/") for h in hrefs)
    for href in hrefs:
        assert (page.parent / href).resolve().is_file()
        parsed = feedparser.parse((page.parent / href).resolve().read_bytes())
        assert not parsed.bozo


@needs_git
def test_changed_duties_and_letters_are_marked_since_the_last_visit(history, browser):
    server = Server(history["site"])
    try:
        context = browser.new_context(viewport={"width": 390, "height": 800})
        tab = context.new_page()
        role_url = f"{server.url}roles/{history['role']}/"
        tab.goto(role_url)
        assert tab.locator(".hb-since:visible").count() == 0  # a first visit: nothing is marked
        # Last seen between the import and the change: only the reworded duty is marked.
        tab.evaluate("""() => { for (const k of Object.keys(localStorage))
                                  if (k.includes("handbook:visited:")) localStorage.setItem(k, "2026-10-15"); }""")
        tab.reload()
        marked = tab.locator(".hb-since:visible")
        assert marked.count() == 1
        assert marked.first.evaluate("e => e.previousElementSibling.id") == history["duty"]
        tab.reload()
        assert tab.locator(".hb-since:visible").count() == 0  # seen now
        topic_url = f"{server.url}zh-Hans/topics/{history['topic']}/"
        tab.goto(topic_url)
        tab.evaluate("""() => { for (const k of Object.keys(localStorage))
                                  if (k.includes("handbook:visited:")) localStorage.setItem(k, "2026-10-15"); }""")
        tab.reload()
        assert tab.locator(".hb-since:visible").count() == 1
        context.close()
    finally:
        server.close()


def test_only_role_and_topic_pages_load_the_script(site):
    assert "since.js" not in (site / "index.html").read_text(encoding="utf-8")
    role = next(p for p in (site / "roles").iterdir() if p.is_dir())
    assert "since.js" in (role / "index.html").read_text(encoding="utf-8")
