"""The history can start at a chosen commit (issue 23): an organisation that adopted a fork sets
handbook.history_since in its data, and /changes/ (and every other reader of gitlog.read) lists only the commits
after it, not the old company's."""

from __future__ import annotations

import html

import yaml

from handbook.model import load
from handbook.history import changes
from handbook.site import recent
from handbook.site.render import render

from .test_changes import entries_by_date, git, needs_git, repo  # noqa: F401 (repo: the fixture)


def start_after(repo_root, sha: str) -> None:
    """Set handbook.history_since in the data's roles.yaml, as an adopter would."""
    path = repo_root / "data" / "roles.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["handbook"]["history_since"] = sha
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")


def page(history: recent.History, h) -> str:
    return html.unescape(render("changes.md.j2", history=history, repository=None, data="data",
                                actions=changes.ACTIONS, handbook=h, page="changes.md"))


@needs_git
def test_the_history_starts_after_the_configured_commit(repo):
    everything = entries_by_date(recent.recent(repo / "data", load(repo / "data")))
    assert "2026-10-01" in everything and "2026-11-01" in everything
    start = git(repo, "log", "--format=%H", "--grep=客服:更新退換貨管理").strip()
    start_after(repo, start[:10])  # an abbreviated id, as people copy it
    h = load(repo / "data")
    history = recent.recent(repo / "data", h)
    assert list(entries_by_date(history)) == ["2026-11-04", "2026-11-03"]  # not the commit itself, nor before
    assert history.since == start and not history.since_missing
    assert "之後開始" in page(history, h) and start[:7] in page(history, h)


@needs_git
def test_a_starting_commit_this_clone_lacks_is_said_not_hidden(repo):
    start_after(repo, "abcdef1234")
    h = load(repo / "data")
    history = recent.recent(repo / "data", h)
    assert history.entries == () and history.since_missing
    text = page(history, h)
    assert "abcdef1234" in text and "沒有這個提交" in text and "沒有修改紀錄" not in text


def test_the_setting_is_a_commit_id():
    from handbook.data.spec import check
    from handbook.data.shapes import ROLES_FILE
    from handbook.data.yamlsource import parse

    def problems(value: str) -> list:
        source, found = parse(f"handbook:\n  title: t\n  title_en: t\n  history_since: {value}\n  introduction: i\n"
                              f"  closing: c\nroles: []\n".encode(), "roles.yaml")
        return [p for p in found + check(ROLES_FILE, source) if "history_since" in p.field]

    assert problems("abcdef1") == []
    assert problems("HEAD~3") and problems("'--all'") and problems("abc")
