"""The GitHub workflows follow least privilege: pinned actions, read-only by default, deploys only what passed on main.

A pull request from anyone runs CI, so CI must never hold write access or
secrets; nothing but a push to main whose tests passed may publish the site,
and Dependabot keeps the pins from ageing.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
GITHUB = ROOT / ".github"
WORKFLOWS = GITHUB / "workflows"
FILES = sorted(WORKFLOWS.glob("*.y*ml"))
READ_ONLY = {"read", "none"}
# The first major version of each action that runs on Node 24 (GitHub removed Node 20 from its runners on
# 2026-09-16). An action not listed here must be checked, then added.
NODE_24 = {"actions/checkout": 5, "actions/setup-python": 6, "actions/upload-artifact": 6,
           "actions/download-artifact": 6, "actions/upload-pages-artifact": 5, "actions/deploy-pages": 5}


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


def test_every_action_runs_on_node_24_and_every_checkout_keeps_no_credentials():
    for path in FILES:
        for line in path.read_text(encoding="utf-8").splitlines():
            if match := re.match(r"\s*(?:- )?uses: ([\w.-]+/[\w.-]+)@[0-9a-f]{40} # v(\d+)\.", line):
                action, major = match.group(1), int(match.group(2))
                assert action in NODE_24, f"{path.name}: check which version of {action} runs on Node 24"
                assert major >= NODE_24[action], f"{path.name}: {action} v{major} runs on Node 20"
        for job, step in steps(workflow(path)):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False, f"{path.name}/{job} keeps the token in .git"


def needed(jobs: dict, name: str) -> set[str]:
    """Every job that must succeed before `name` runs."""
    direct = jobs[name].get("needs", [])
    direct = [direct] if isinstance(direct, str) else direct
    return set(direct).union(*(needed(jobs, n) for n in direct)) if direct else set()


def test_deploy_publishes_only_a_commit_whose_ci_passed_on_main_and_never_twice_at_once():
    ci, data = workflow(WORKFLOWS / "ci.yml"), workflow(WORKFLOWS / "deploy.yml")
    run = triggers(data)["workflow_run"]
    assert triggers(data).keys() == {"workflow_run"}, "a push must not publish before its tests pass"
    assert run["workflows"] == [ci["name"]] and run["types"] == ["completed"] and run["branches"] == ["main"]
    assert data["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    jobs = data["jobs"]
    deploy = jobs["deploy"]
    assert deploy["environment"]["name"] == "github-pages"
    gates = [name for name in needed(jobs, "deploy") if not jobs[name].get("needs")]
    assert gates, "the deploy runs unconditionally"
    for name in gates:  # every first job checks that CI passed for a push to main of this repository
        condition = re.sub(r"\s+", " ", jobs[name]["if"])
        for clause in ("github.event.workflow_run.conclusion == 'success'", "github.event.workflow_run.event == 'push'",
                       "github.event.workflow_run.head_branch == 'main'",
                       "github.event.workflow_run.head_repository.full_name == github.repository"):
            assert clause in condition, f"{name}: {clause}"
        assert "||" not in condition, condition
    actions = {(job, step["uses"].split("@")[0]) for job, step in steps(data) if "uses" in step}
    publishes = {job for job, action in actions if action == "actions/upload-pages-artifact"}
    assert publishes and publishes <= needed(jobs, "deploy")
    assert ("deploy", "actions/deploy-pages") in actions


def uploads(data: dict) -> dict[str, tuple[str, int, dict]]:
    """artifact name → (job, step index, the step) for every upload-artifact step."""
    found = {}
    for name, job in data["jobs"].items():
        for index, step in enumerate(job.get("steps", [])):
            if step.get("uses", "").startswith("actions/upload-artifact@"):
                found[step["with"]["name"]] = (name, index, step)
    return found


def test_deploy_publishes_the_artifact_ci_tested_and_builds_nothing():
    """The bytes on Pages are the bytes CI's tests read: the `site/` of `make build`, uploaded after `make test`, from
    exactly the run that triggered the deploy."""
    ci, data = workflow(WORKFLOWS / "ci.yml"), workflow(WORKFLOWS / "deploy.yml")
    downloads = [(job, step) for job, step in steps(data) if step.get("uses", "").startswith("actions/download-artifact@")]
    assert len(downloads) == 1, "deploy must fetch CI's artifact, once"
    job, download = downloads[0]
    options = download["with"]
    assert options["run-id"] == "${{ github.event.workflow_run.id }}", "the artifact of the run that passed, no other"
    assert data["jobs"][job]["permissions"] == {"actions": "read"}, "reading another run's artifact needs actions: read"
    assert job in needed(data["jobs"], "deploy")
    published = [step["with"]["path"] for j, step in steps(data) if step.get("uses", "").startswith(
        "actions/upload-pages-artifact@")]
    assert published == [options["path"]], "Pages must get the downloaded folder as it is"

    # Nothing is built, installed or checked out in deploy: it cannot publish anything CI did not test.
    for name, step in steps(data):
        assert not step.get("uses", "").startswith(("actions/checkout@", "actions/setup-python@")), f"{name}: {step}"
        assert not re.search(r"\b(make|mkdocs|pip|python)\b", step.get("run", "")), f"{name} builds: {step['run']}"

    # CI uploads that artifact from site/ after `make build`, and after `make test` has read that same folder.
    uploaded = uploads(ci)
    assert options["name"] in uploaded, f"ci.yml uploads no artifact called {options['name']!r}"
    ci_job, index, upload = uploaded[options["name"]]
    assert upload["with"]["path"].rstrip("/") == "site"
    earlier = ci["jobs"][ci_job]["steps"][:index]
    runs = [step.get("run", "").strip() for step in earlier]
    assert "make build" in runs and "make test" in runs, "upload the strict build only after every test passed"
    test_step = earlier[runs.index("make test")]
    assert test_step.get("env", {}).get("HANDBOOK_TESTED_SITE") == "site", \
        "the tests must read the very site/ that is uploaded (tests/test_published_site.py)"
    assert runs.index("make build") < runs.index("make test")
    for run in runs[runs.index("make build") + 1:]:  # nothing may change site/ between the build and the upload
        writes_site = re.search(r"(?<![\w.-])site/", run) or ("mkdocs" in run and not re.search(
            r"--site-dir (?!site/?(\s|$))\S+", run)) or re.fullmatch(r"make (build|serve)", run)
        assert not writes_site, f"this step changes site/ after the tests read it: {run}"


def test_ci_runs_in_an_image_pinned_by_digest_that_dependabot_updates():
    dockerfile = (ROOT / ".ci" / "Dockerfile").read_text(encoding="utf-8")
    froms = re.findall(r"^FROM (\S+)$", dockerfile, re.M)
    assert len(froms) == 1 and re.fullmatch(r"[\w./-]+:[\w.-]+@sha256:[0-9a-f]{64}", froms[0]), froms
    ci = workflow(WORKFLOWS / "ci.yml")
    for name, job in ci["jobs"].items():
        if "container" in job:
            image = job["container"]["image"]
            producer = re.fullmatch(r"\$\{\{ needs\.(\w+)\.outputs\.image \}\}", image)
            assert producer, f"{name}: the image comes from .ci/Dockerfile, one home for the digest"
            script = "\n".join(step.get("run", "") for step in ci["jobs"][producer.group(1)]["steps"])
            assert ".ci/Dockerfile" in script and "sha256" in script, script
            # What the producing job's sed reads from the Dockerfile is the pinned reference.
            sed = re.search(r"sed -n '([^']+)' \.ci/Dockerfile", script).group(1)
            found = subprocess.run(["sed", "-n", sed], input=dockerfile, capture_output=True, text=True).stdout
            assert found.strip() == froms[0]
            unpinned = subprocess.run(["sed", "-n", sed], input="FROM python:3.11-slim-bookworm\n",
                                      capture_output=True, text=True).stdout
            assert not unpinned.strip(), "an image named by tag alone must stop the run"
    config = yaml.safe_load((GITHUB / "dependabot.yml").read_text(encoding="utf-8"))
    docker = [u for u in config["updates"] if u["package-ecosystem"] == "docker"]
    assert docker and docker[0]["directory"] == "/.ci"


def test_dependabot_waits_a_week_before_proposing_a_release():
    config = yaml.safe_load((GITHUB / "dependabot.yml").read_text(encoding="utf-8"))
    for update in config["updates"]:
        assert update.get("cooldown", {}).get("default-days", 0) >= 7, update["package-ecosystem"]


ZIZMOR = Path(sys.executable).with_name("zizmor")


def test_zizmor_offline_finds_nothing_and_every_accepted_finding_says_why():
    assert ZIZMOR.exists(), "zizmor is in the lock: run make"
    result = subprocess.run([str(ZIZMOR), "--offline", "--no-progress", str(GITHUB)], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    for path in [*FILES, GITHUB / "dependabot.yml"]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if match := re.search(r"zizmor: ignore\[[\w,-]+\](.*)", line):
                assert len(match.group(1).strip(" —-")) >= 20, f"{path.name}:{number}: say why it is accepted"
    runs = "\n".join(step.get("run", "") for _, step in steps(workflow(WORKFLOWS / "ci.yml")))
    assert re.search(r"zizmor --offline\b.*\.github/", runs), "CI runs zizmor offline too"


def test_dependabot_proposes_weekly_grouped_updates_of_actions_and_python_packages():
    config = yaml.safe_load((GITHUB / "dependabot.yml").read_text(encoding="utf-8"))
    updates = {u["package-ecosystem"]: u for u in config["updates"]}
    assert updates.keys() >= {"github-actions", "pip"}
    for ecosystem in ("github-actions", "pip"):
        update = updates[ecosystem]
        assert update["directory"] == "/" and update["schedule"]["interval"] == "weekly", ecosystem
        assert any(g.get("patterns") == ["*"] for g in update.get("groups", {}).values()), f"{ecosystem}: not grouped"
    ignored = {i["dependency-name"]: i.get("versions") for i in updates["pip"].get("ignore", [])}
    assert ignored.get("mkdocs") == [">=2"], "Dependabot must not propose MkDocs 2"


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


def test_each_pull_request_gets_the_meaning_of_its_change_in_its_summary_and_as_a_file():
    """journey 7: CI says what the change means and whom to ask, for a fork's pull request too (no token needed)."""
    jobs = workflow(WORKFLOWS / "ci.yml")["jobs"]
    [(name, job)] = [(n, j) for n, j in jobs.items()
                     if any("handbook diff" in s.get("run", "") for s in j.get("steps", []))]
    assert "pull_request" in job["if"] and not job.get("permissions")  # the read-only default: nothing to post with
    run = next(s for s in job["steps"] if "handbook diff" in s.get("run", ""))
    assert "${{" not in run["run"], "expressions go through env, never into the script"
    assert run["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    assert re.search(r'handbook diff --markdown "\$BASE_SHA" HEAD > (\S+)', run["run"])
    report = re.search(r'handbook diff --markdown "\$BASE_SHA" HEAD > (\S+)', run["run"])[1]
    assert f'cat {report} >> "$GITHUB_STEP_SUMMARY"' in run["run"]
    assert re.search(r'exit "\$status"\s*$', run["run"]), "a broken address fails the job, after the summary"
    checkout = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0, "the base revision must be in the clone"
    upload = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["with"]["path"] == report and upload["if"] == "always()"
