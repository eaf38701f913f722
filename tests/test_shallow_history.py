"""A history cut short is said, never read as "nothing changed" (issue 26).

`git clone --depth 1` holds one commit: its data looks added in one go, or (dropped as such) not at all,
and /changes/ said "There are no recorded changes to the data yet" while the strict build passed.  Now the
page says the history is cut short and the build warns, so CI's `--strict` build fails (as it does when git cannot
read the history at all: test_changes.py).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from handbook.history import changes, gitlog

from .conftest import FIXTURE, ROOT
from .htmlpage import load as load_page

GIT = shutil.which("git")
pytestmark = pytest.mark.skipif(GIT is None and not os.environ.get("CI"), reason="git is not installed")
IDENTITY = {"GIT_AUTHOR_NAME": "HR", "GIT_AUTHOR_EMAIL": "hr@example.com", "GIT_COMMITTER_NAME": "HR",
            "GIT_COMMITTER_EMAIL": "hr@example.com"}


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env={**os.environ, **IDENTITY})


@pytest.fixture(scope="module")
def origin(tmp_path_factory) -> Path:
    """A repository whose data has five commits: the import and four rewordings of the closing words."""
    repo = tmp_path_factory.mktemp("origin")
    git(repo, "init", "-q", "-b", "main")
    shutil.copytree(FIXTURE, repo / "data")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "import")
    roles = repo / "data" / "roles.yaml"
    for day in range(1, 5):
        text = roles.read_text(encoding="utf-8")
        roles.write_text(re.sub(r"^  closing: .*$", f'  closing: "結語第 {day} 版。"', text, count=1, flags=re.M),
                         encoding="utf-8")
        git(repo, "commit", "-qam", f"closing words {day}")
    return repo


def clone(origin: Path, target: Path, *depth: str) -> Path:
    subprocess.run(["git", "clone", "-q", *depth, f"file://{origin}", str(target)], check=True, capture_output=True)
    return target


@pytest.mark.parametrize("depth, limit, cut", [
    (("--depth", "1"), 30, True),  # one commit: the edge of the clone is right there
    (("--depth", "3"), 30, True),  # three of five: fewer than asked for, and the third has lost its parent
    (("--depth", "3"), 2, False),  # the two commits asked for are whole
    ((), 30, False),  # a full clone: the import is the start of the history, not a cut
])
def test_a_shallow_clone_is_known_to_end_early(origin, tmp_path, depth, limit, cut):
    repo = clone(origin, tmp_path / "clone", *depth)
    log = gitlog.read(repo / "data", limit)
    assert log is not None and log.cut is cut
    history = changes.recent(repo / "data", limit)
    assert history.cut is cut
    if not cut and not depth:
        assert len(history.entries) == 5


def build(data: Path, out: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=900,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_DATA": str(data), "REPO_URL": "",
                               **env})


def test_a_strict_build_from_a_shallow_clone_fails_and_its_page_says_why(origin, tmp_path):
    repo = clone(origin, tmp_path / "clone", "--depth", "1")
    result = build(repo / "data", tmp_path / "site")
    assert result.returncode != 0, "a strict build from a shallow clone passed"
    assert "WARNING" in result.stderr and "shallow clone" in result.stderr, result.stderr[-3000:]
    for edition in ("", "zh-Hans/"):
        page = load_page(tmp_path / "site", f"/{edition}changes/")
        assert "History cut short" in page.text and "shallow clone" in page.text, page.text[:2000]
        assert "There are no recorded changes" not in page.text
