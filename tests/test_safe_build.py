"""A failed build never replaces the published site, and broken links fail the build (pins: test_dependencies.py)."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_NOT_COPIED_ANYWHERE = shutil.ignore_patterns(".git", ".venv", ".venv-*", ".site-*", ".cache", "__pycache__",
                                             ".pytest_cache", ".hypothesis", "node_modules")


def NOT_COPIED(directory: str, names: list[str]) -> set[str]:
    """What a checkout copy leaves out: build and tool leftovers, and the built site/ (top level only: handbook/site/
    is code)."""
    return _NOT_COPIED_ANYWHERE(directory, names) | ({"site"} if Path(directory) == ROOT else set())


@pytest.fixture
def checkout(tmp_path) -> Path:
    """A copy of the working tree sharing this .venv, with a previously published site/ in it."""
    target = tmp_path / "checkout"
    shutil.copytree(ROOT, target, ignore=NOT_COPIED)
    (target / ".venv").symlink_to(ROOT / ".venv")
    previous = target / "site"
    (previous / "roles" / "finance").mkdir(parents=True)
    (previous / "index.html").write_text("<title>昨天的網站 yesterday's site</title>", encoding="utf-8")
    (previous / "roles" / "finance" / "index.html").write_text("財務 finance", encoding="utf-8")
    return target


def make_build(checkout: Path) -> subprocess.CompletedProcess:
    """`make build` as a contributor runs it (-o: the shared .venv is already installed)."""
    env = {k: v for k, v in os.environ.items() if k != "HANDBOOK_DATA"}
    return subprocess.run(["make", "-o", ".venv/.installed", "build"], cwd=checkout, env=env, capture_output=True,
                          text=True, timeout=600)


def fingerprint(directory: Path) -> dict[str, str]:
    return {str(p.relative_to(directory)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(directory.rglob("*")) if p.is_file()}


def test_broken_data_fails_the_build_before_anything_is_written(checkout: Path):
    roles = checkout / "data" / "roles.yaml"
    text = roles.read_text(encoding="utf-8")
    match = re.search(r"^( +title: ).*$", text[text.index("\nroles:"):], re.M)
    line = text[: text.index("\nroles:") + match.start()].count("\n") + 1
    roles.write_text(text.replace(match[0], match[1] + '""', 1), encoding="utf-8")
    before = fingerprint(checkout / "site")

    result = make_build(checkout)

    assert result.returncode != 0
    assert f"data/roles.yaml:{line}:" in result.stderr + result.stdout, result.stderr[-3000:]
    assert fingerprint(checkout / "site") == before, "the previous site/ must stay exactly as it was"
    assert not (checkout / ".site-new").exists(), "validation runs before MkDocs writes anything"


def test_a_broken_link_or_anchor_fails_the_strict_build_and_keeps_the_site(checkout: Path):
    page = checkout / "docs" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[壞連結](roles/no-such-role.md) · "
                    "[壞錨點](roles/finance.md#no-such-duty)\n", encoding="utf-8")
    before = fingerprint(checkout / "site")

    result = make_build(checkout)

    assert result.returncode != 0
    assert "no-such-role.md" in result.stderr and "no-such-duty" in result.stderr, result.stderr[-3000:]
    assert fingerprint(checkout / "site") == before


def test_a_good_build_replaces_the_site_whole(checkout: Path):
    result = make_build(checkout)
    assert result.returncode == 0, result.stderr[-3000:]
    site = checkout / "site"
    assert "昨天的網站" not in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "roles" / "finance" / "index.html").read_text(encoding="utf-8").count("財務") > 1
    assert not (checkout / ".site-new").exists() and not (checkout / ".site-old").exists()

