"""One GitHub onboarding issue template per role, generated from its path like CODEOWNERS, and linked from the
path page; `make check` fails while one is stale."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import subprocess
import sys

import yaml

from handbook.model import load
from handbook.model import Step
from handbook.outputs import issuetemplates
from handbook.kinds.plan import BUDDY, HIRE, MANAGER

from .conftest import FIXTURE, ROOT, SHIPPED
from .htmlpage import load as load_page

HANDBOOK = load(FIXTURE)


def front_and_body(text: str) -> tuple[dict, str]:
    _, front, body = text.split("---\n", 2)
    return yaml.safe_load(front), body


def sections(body: str) -> dict[str, list[str]]:
    """## heading → its task-list items."""
    found: dict[str, list[str]] = {}
    for part in re.split(r"^## ", body, flags=re.M)[1:]:
        head, _, rest = part.partition("\n")
        found[head] = re.findall(r"^- \[ \] (.*)$", rest, flags=re.M)
    return found


def test_a_template_per_role_with_the_steps_split_by_who_does_them():
    texts = issuetemplates.texts(HANDBOOK)
    assert set(texts) == {f"onboarding-{r.id}.md" for r in HANDBOOK.roles}
    for role in HANDBOOK.roles:
        front, body = front_and_body(texts[f"onboarding-{role.id}.md"])
        assert role.name in front["name"] and front["title"] and front["about"]
        lists = list(sections(body).values())
        assert len(lists) == 3, "new hire, manager, buddy and partners"
        steps = [s for _, company, own in HANDBOOK.onboarding(role) for s in (*company, *own)]

        def count(who: str) -> int:
            return sum(who in s.by for s in steps)

        assert len(lists[0]) == count(HIRE)
        assert len(lists[1]) == count(MANAGER) > 0
        assert len(lists[2]) == count(BUDDY) + sum(len(s.meet) for s in steps)
        for step in steps:
            if MANAGER in step.by:
                assert any(step.do[:12] in item for item in lists[1]), step.id


def test_a_step_done_by_the_manager_alone_is_only_on_the_managers_list():
    role = HANDBOOK.paths[0].role
    stage, steps = HANDBOOK.paths[0].stages[0]
    extra = Step(id="accounts", do="開好新人的系統帳號 prepare the accounts", why="w", checkpoint="c", by=(MANAGER,))
    path = dataclasses.replace(HANDBOOK.paths[0], stages=((stage, (*steps, extra)), *HANDBOOK.paths[0].stages[1:]))
    h = dataclasses.replace(HANDBOOK, paths=(path, *HANDBOOK.paths[1:]))
    lists = list(sections(front_and_body(issuetemplates.text(h, role))[1]).values())
    assert sum("prepare the accounts" in i for i in lists[1]) == 1
    assert not any("prepare the accounts" in i for i in lists[0] + lists[2])


def test_data_text_cannot_mention_link_or_format_in_the_issue():
    role = HANDBOOK.paths[0].role
    stage, steps = HANDBOOK.paths[0].stages[0]
    hostile = Step(id="x", do="ping @org/team #1 <img src=x onerror=alert(1)> [go](http://evil.example) **b** | c",
                   why="w", checkpoint="c")
    path = dataclasses.replace(HANDBOOK.paths[0], stages=((stage, (hostile,)),))
    h = dataclasses.replace(HANDBOOK, paths=(path, *HANDBOOK.paths[1:]))
    item = next(i for i in sections(front_and_body(issuetemplates.text(h, role))[1])["新人 New hire"] if "ping" in i)
    for raw in ("@org", "#1", "<img", "http://"):
        assert raw not in item, raw
    assert not re.search(r"(?<!\\)[\[\]*|]", item), "every bracket, star and bar is escaped"
    assert len(item.splitlines()) == 1


def test_the_shipped_templates_follow_the_shipped_data():
    """The repository's own files: any organisation's data/ must have its templates in step."""
    shipped = load(SHIPPED)
    directory = ROOT / issuetemplates.DIRECTORY
    assert issuetemplates.stale(shipped, directory) == [], "run `make issue-templates`"


def run_check(data, cwd) -> subprocess.CompletedProcess:
    env = {**os.environ, "HANDBOOK_DATA": str(data)}
    return subprocess.run([sys.executable, "-m", "handbook", "check"], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


def test_make_check_fails_on_a_stale_template_of_the_repositorys_own_data(tmp_path):
    """A copy of the repository: check passes, then a step's text changes in its data/ without the templates."""
    repo = tmp_path / "repo"
    for part in ("handbook", "data", "schemas", ".github"):
        shutil.copytree(ROOT / part, repo / part, ignore=shutil.ignore_patterns("__pycache__"))
    assert run_check(repo / "data", repo).returncode == 0
    onboarding = repo / "data" / "onboarding.yaml"
    text = onboarding.read_text(encoding="utf-8")
    step = load(repo / "data").company_steps[0][1][0]
    onboarding.write_text(text.replace(step.do, step.do + "(改過 changed)", 1), encoding="utf-8")
    result = run_check(repo / "data", repo)
    assert result.returncode == 1
    assert "onboarding-" in result.stderr and "make issue-templates" in result.stderr
    other = tmp_path / "elsewhere"
    shutil.copytree(repo / "data", other)
    assert run_check(other, repo).returncode == 0, "another data directory has no templates to keep in step"


def test_each_path_page_links_to_its_template(site):
    for role in HANDBOOK.roles:
        page = load_page(site, f"/onboarding/{role.id}/")
        links = [a.get("href", "") for tag, a in page.tags if tag == "a"]
        assert any(re.search(rf"/issues/new\?template=onboarding-{role.id}\.md$", href) for href in links), role.id
