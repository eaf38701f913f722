"""`python -m handbook diff BASE HEAD`: what a change means, read from two revisions of a temporary repository."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from handbook.model import load as load_model
from handbook.outputs.worddiff import short

from .conftest import FIXTURE
from .test_changes import commit, edit, git, needs_git

ROOT = Path(__file__).resolve().parent.parent


def diff(repo: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "HANDBOOK_DATA": str(repo / "data")}
    return subprocess.run([sys.executable, "-m", "handbook", "diff", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


def load(repo: Path, name: str) -> dict:
    return yaml.safe_load((repo / "data" / f"{name}.yaml").read_text(encoding="utf-8"))


def rename(repo: Path, old: str, new: str) -> None:
    pattern = re.compile(rf"(?<![a-z0-9-]){re.escape(old)}(?![a-z0-9-])")
    for path in (repo / "data").glob("*.yaml"):
        path.write_text(pattern.sub(new, path.read_text(encoding="utf-8")), encoding="utf-8")


@pytest.fixture
def repo(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    root = tmp_path / "handbook"
    shutil.copytree(FIXTURE, root / "data")
    git(root, "init", "-q", "-b", "main")
    commit(root, "Import", "2026-10-01T09:00:00")
    return root


def names(repo: Path) -> tuple[dict, dict]:
    """Role id → role, and role/duty ref → duty, from the repository's roles.yaml as it is."""
    roles = {r["id"]: r for r in load(repo, "roles")["roles"]}
    return roles, {f"{r}/{d['id']}": d for r, role in roles.items() for d in role["duties"]}


@needs_git
def test_moving_a_topics_A_and_rewording_a_duty_is_said_in_plain_words(repo):
    roles, duties = names(repo)
    topics = load(repo, "topics")["topics"]
    # A topic whose A and another letter belong to two different roles: the letter A moves to the other one.
    topic = next(t for t in topics if len({a["duty"].split("/")[0] for a in t["duties"]}) > 1)
    was = next(a["duty"] for a in topic["duties"] if a["raci"] == "A")
    now = next(a["duty"] for a in topic["duties"] if a["duty"].split("/")[0] != was.split("/")[0])
    reworded = next(ref for ref in duties if ref.split("/")[0] not in (was.split("/")[0], now.split("/")[0]))

    def move(d):
        for a in next(t for t in d["topics"] if t["id"] == topic["id"])["duties"]:
            if a["duty"] in (was, now):
                a.update(raci="R" if a["duty"] == was else "A", basis="handbook", reason="財務付款")
    edit(repo, "topics", move)
    role_id, duty_id = reworded.split("/")
    def reword(d):  # words added at the end: a process step may quote the rest
        duty = next(x for r in d["roles"] if r["id"] == role_id for x in r["duties"] if x["id"] == duty_id)
        duty["description"] += "三天內回覆每一位客戶。"
    edit(repo, "roles", reword)
    commit(repo, "A moves; a duty reworded", "2026-11-01T09:00:00")
    result = diff(repo, "HEAD~1", "HEAD")
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    old_role, new_role = roles[was.split("/")[0]], roles[now.split("/")[0]]
    owners = out.split("Who answers for it (A) changed")[1].split("\n\n")[0]
    a_line = next(line for line in owners.splitlines() if topic["name"] in line)
    assert old_role["name"] in a_line and new_role["name"] in a_line
    assert a_line.index(old_role["name"]) < a_line.index("→") < a_line.index(new_role["name"])  # from the old, to the new
    h = load_model(repo / "data")  # what now rests with the new role: its steps in the topic's processes
    steps = [s for p in h.processes if topic["id"] in {t.id for t in p.topics} for s in p.steps
             if s.duty.role_id == new_role["id"]]
    assert f"{len(steps)} process step(s)" in a_line if steps else "process step" not in a_line
    assert duties[reworded]["title"] in out and "{+三天內回覆每一位客戶。+}" in out
    review = out.split("Roles whose owners should review")[1].split("\n\n")[0]
    for role in (old_role, new_role, roles[role_id]):
        assert role["name"] in review and role["owners"][0] in review
    untouched = [r for r in roles.values() if r["id"] not in (was.split("/")[0], now.split("/")[0], role_id)]
    assert not any(r["name"] in review for r in untouched)  # only the roles the change touches


@needs_git
def test_a_published_id_gone_without_a_redirect_fails_naming_its_address(repo):
    process = load(repo, "processes")["processes"][0]["id"]
    roles, duties = names(repo)
    ref = next(iter(duties))
    rename(repo, process, "renamed-process")
    rename(repo, ref.split("/")[1], "renamed-duty")
    commit(repo, "Rename a process and a duty", "2026-11-01T09:00:00")
    result = diff(repo, "HEAD~1", "HEAD")
    assert result.returncode == 1
    assert f"/processes/{process}/" in result.stdout and f"/roles/{ref.split('/')[0]}/#{ref.split('/')[1]}" in result.stdout
    # It says what to add: the same process, by its name, is there under its new id.
    assert f"{{kind: process, from: {process}, to: renamed-process}}" in result.stdout
    (repo / "data" / "moved.yaml").write_text(yaml.safe_dump({"moved": [
        {"kind": "process", "from": process, "to": "renamed-process"},
        {"kind": "duty", "from": ref, "to": f"{ref.split('/')[0]}/renamed-duty"}]}), encoding="utf-8")
    commit(repo, "Keep the old addresses", "2026-11-02T09:00:00")
    kept = diff(repo, "HEAD~2", "HEAD")
    assert kept.returncode == 0, kept.stdout
    assert "would break" not in kept.stdout and f"/processes/{process}/" in kept.stdout  # listed as kept


@needs_git
def test_steps_reordered_and_reassigned_and_onboarding_steps_are_named(repo):
    processes = load(repo, "processes")["processes"]
    process = next(p for p in processes if len(p["steps"]) >= 3)
    first, second = process["steps"][0], process["steps"][1]
    other = next(s["duty"] for p in processes for s in p["steps"] if s["duty"] != first["duty"])

    def change(d):
        steps = next(p for p in d["processes"] if p["id"] == process["id"])["steps"]
        steps[0], steps[1] = steps[1], steps[0]
        steps[2].update(duty=other if steps[2]["duty"] != other else first["duty"], basis="handbook",
                        because="改由另一個職責做,是本手冊的判斷。")
    edit(repo, "processes", change)
    path = load(repo, "onboarding")["paths"][0]
    stage = next(iter(path["stages"]))
    dropped = path["stages"][stage][0]
    edit(repo, "onboarding", lambda d: d["paths"][0]["stages"][stage].pop(0))
    commit(repo, "Steps", "2026-11-01T09:00:00")
    out = diff(repo, "HEAD~1", "HEAD").stdout
    steps = out.split("Process steps")[1]
    assert "moved" in steps and ("reassigned" in steps or "now done by another duty" in steps)
    assert process["name"] in steps
    onboarding = out.split("Onboarding steps")[1]
    assert "removed" in onboarding and dropped["do"][:10] in onboarding


@needs_git
def test_data_that_fails_the_checks_is_reported_with_its_line(repo):
    edit(repo, "topics", lambda d: d["topics"][0]["duties"][0].update(duty="nobody/nothing"))
    commit(repo, "Broken", "2026-11-01T09:00:00")
    result = diff(repo, "HEAD~1", "HEAD")
    assert result.returncode == 1
    assert re.search(r"topics\.yaml@[0-9a-f]{7}:\d+", result.stdout) and "nobody" in result.stdout


@needs_git
def test_the_working_tree_is_compared_when_no_head_is_given(repo):
    edit(repo, "roles", lambda d: d["roles"][0]["duties"][0].update(title="新的標題"))
    result = diff(repo, "HEAD")
    assert result.returncode == 0 and "{+新的標題+}" in result.stdout and "working tree" in result.stdout


@needs_git
def test_markdown_shows_data_text_and_never_runs_it(repo):
    hostile = "[點我](https://evil.example) <img src=x onerror=alert(1)> **粗**"
    edit(repo, "roles", lambda d: d["roles"][0]["duties"][0].update(title=hostile))
    commit(repo, "Hostile title", "2026-11-01T09:00:00")
    out = diff(repo, "HEAD~1", "HEAD", "--markdown").stdout
    assert "](https://" not in out and "<img" not in out and "**粗**" not in out
    assert r"\[點我\]\(https\:\/\/evil\.example\)" in out and "&lt;img" in out


@needs_git
def test_an_unknown_revision_is_said_plainly(repo):
    result = diff(repo, "--", "no-such-branch")
    assert result.returncode == 2 and "no-such-branch" in result.stderr and "Traceback" not in result.stderr
    result = diff(repo, "--upload-pack=touch /tmp/x")
    assert result.returncode == 2 and "Traceback" not in result.stderr


@pytest.mark.parametrize("old, new, shown", [
    ("確保訂單的及時發貨。", "確保訂單在 48 小時內發貨。", "[-的及時-]{+在 48 小時內+}"),
    ("ship orders on time", "ship orders within two days", "[-on time-]{+within two days+}"),
    ("上傳、編輯和維護", "上傳和維護", "[-、編輯-]"),
    ("同一段文字", "同一段文字", ""),
])
def test_a_word_diff_shows_only_what_changed(old, new, shown):
    assert short(old, new) == shown or (shown and shown in short(old, new))
