"""The 最近更新 page: recent changes to the data from git history, and a plain note when there is none."""

from __future__ import annotations

import html
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from handbook.site import changes

from .conftest import build_site
from .htmlpage import load

ROOT = Path(__file__).resolve().parent.parent
GIT = shutil.which("git")
needs_git = pytest.mark.skipif(GIT is None and not os.environ.get("CI"), reason="git is not installed")
IDENTITY = {"GIT_AUTHOR_NAME": "佩君", "GIT_AUTHOR_EMAIL": "hr@example.com", "GIT_COMMITTER_NAME": "佩君",
            "GIT_COMMITTER_EMAIL": "hr@example.com", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(repo: Path, *args: str, date: str = "2026-11-02T10:00:00") -> None:
    env = {**os.environ, **IDENTITY, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    """A repository whose history has two data changes and, between them, a change outside data/."""
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = tmp_path / "handbook"
    (root / "data").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    (root / "data" / "roles.yaml").write_text("roles: []\n", encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "新增崗位 <b>直播運營</b> & [連結](x)", date="2026-11-01T09:00:00")
    (root / "README.md").write_text("說明\n", encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "Only the README", date="2026-11-02T09:00:00")
    (root / "data" / "topics.yaml").write_text("topics: []\n", encoding="utf-8")
    (root / "data" / "roles.yaml").write_text("roles: [x]\n", encoding="utf-8")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "客服:更新退換貨管理", date="2026-11-03T09:00:00")
    return root


@needs_git
def test_recent_lists_the_data_changes_newest_first(repo):
    found = changes.recent(repo / "data")
    assert [(c.date, c.subject, c.files) for c in found] == [
        ("2026-11-03", "客服:更新退換貨管理", ("data/roles.yaml", "data/topics.yaml")),
        ("2026-11-01", "新增崗位 <b>直播運營</b> & [連結](x)", ("data/roles.yaml",)),
    ]
    assert all(len(c.commit) == 40 for c in found)


@needs_git
def test_recent_keeps_only_the_latest(repo):
    assert [c.subject for c in changes.recent(repo / "data", limit=1)] == ["客服:更新退換貨管理"]


def test_no_history_outside_a_repository(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (tmp_path / "data").mkdir()
    assert changes.recent(tmp_path / "data") is None


def test_no_history_without_git(repo, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))
    assert changes.recent(repo / "data") is None


@needs_git
def test_the_page_lists_the_latest_data_commit(site):
    latest = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%H%x1f%ad%x1f%s", "--date=short", "--",
                             "data"], capture_output=True, text=True, check=True).stdout.strip()
    commit, date, subject = latest.split("\x1f")
    page = load(site, "/changes/")
    assert f"{date} {subject}" in " ".join(html.unescape(page.text).split())
    assert any(link.endswith(f"/commit/{commit}") for link in page.links)
    assert "最近更新 Recent changes" in (site / "index.html").read_text(encoding="utf-8")  # in the navigation


def test_the_site_builds_without_git_and_says_so(tmp_path):
    empty = tmp_path / "no-programs"
    empty.mkdir()
    result = build_site(tmp_path / "site", extra_env={"PATH": str(empty)})
    assert result.returncode == 0, result.stderr[-4000:]
    page = load(tmp_path / "site", "/changes/")
    assert "讀不到修改紀錄" in page.text and "History not available" in page.text
    assert not any("/commit/" in link for link in page.links)
