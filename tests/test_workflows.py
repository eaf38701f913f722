"""The GitHub workflows follow least privilege: pinned actions, read-only by default, deploys only from main.

A pull request from anyone runs CI, so CI must never hold write access or
secrets, and nothing but a push to main may publish the site.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

WORKFLOWS = Path(__file__).resolve().parent.parent / ".github" / "workflows"
FILES = sorted(WORKFLOWS.glob("*.y*ml"))
READ_ONLY = {"read", "none"}


def workflow(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def triggers(data: dict) -> dict:
    on = data["on"]
    return {on: {}} if isinstance(on, str) else {t: {} for t in on} if isinstance(on, list) else on


def steps(data: dict):
    for name, job in data["jobs"].items():
        for step in job.get("steps", []):
            yield name, step


def test_there_is_a_ci_and_a_deploy_workflow():
    assert {p.name for p in FILES} >= {"ci.yml", "deploy.yml"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_workflow_runs_untrusted_code_with_the_repositorys_rights(path):
    assert "pull_request_target" not in triggers(workflow(path))
    assert "pull_request_target" not in path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path):
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if re.match(r"\s*(- )?uses:", line)]
    assert lines, f"{path.name} uses no action"
    for line in lines:
        assert re.fullmatch(r"\s*(- )?uses: [\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+", line), line
    for job, step in steps(workflow(path)):
        if "uses" in step:
            assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", step["uses"]), f"{job}: {step['uses']}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_workflow_declares_read_only_permissions_at_the_top(path):
    permissions = workflow(path).get("permissions")
    assert isinstance(permissions, dict), f"{path.name} has no top-level permissions: block"
    assert set(permissions.values()) <= READ_ONLY, permissions


def test_only_the_deploy_job_may_write_and_only_to_pages():
    writers = {}
    for path in FILES:
        for name, job in workflow(path)["jobs"].items():
            granted = job.get("permissions", {})
            assert isinstance(granted, dict), f"{path.name}/{name}: permissions must list each scope"
            writes = {scope for scope, level in granted.items() if level not in READ_ONLY}
            if writes:
                writers[f"{path.name}/{name}"] = writes
    assert writers == {"deploy.yml/deploy": {"pages", "id-token"}}


def test_deploy_runs_only_for_a_push_to_main_and_never_twice_at_once():
    data = workflow(WORKFLOWS / "deploy.yml")
    assert triggers(data) == {"push": {"branches": ["main"]}}
    assert data["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    deploy = data["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["environment"]["name"] == "github-pages"
    actions = {(job, step["uses"].split("@")[0]) for job, step in steps(data) if "uses" in step}
    assert {("build", "actions/upload-pages-artifact"), ("deploy", "actions/deploy-pages")} <= actions


def test_ci_checks_builds_tests_and_uploads_a_preview_on_every_pull_request():
    data = workflow(WORKFLOWS / "ci.yml")
    on = triggers(data)
    assert "pull_request" in on and on["push"] == {"branches": ["main"]}
    assert "group" in data["concurrency"]
    runs = "\n".join(step.get("run", "") for _, step in steps(data))
    for command in ("make check", "make build", "make test"):
        assert re.search(rf"^{command}$", runs, re.M), f"CI does not run `{command}`"
    assert re.search(r"apt-get install .*\bchromium\b.*\bfonts-noto-cjk\b", runs), "browser tests need Chromium"
    assert any(step.get("uses", "").startswith("actions/upload-artifact@") for _, step in steps(data))
