"""What contributors get: schemas their editor understands, `make check` messages, and CODEOWNERS from the data.

The JSON Schemas and the validator come from the same declarations
(handbook/data/shapes.py); these tests check that an editor using the schema and
`make check` accept and refuse the same edits, and that every generated file
is in step with what it is generated from.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path

import jsonschema
import pytest
import yaml

from handbook.outputs import codeowners
from handbook.outputs import schemafiles
from handbook.data import yamlsource
from handbook.data.load import FILES
from handbook.model import load
from handbook.data.spec import check

from .conftest import FIXTURE, ROOT, SHIPPED


class EditorLoader(yaml.SafeLoader):
    """YAML the way editors read it (YAML 1.2): dates stay text and only true/false are booleans."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
EditorLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                   list("tTfF"))


def schema_validator(key: str) -> jsonschema.Draft7Validator:
    schema = json.loads((schemafiles.DIRECTORY / f"{key}.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


def schema_errors(key: str, text: str) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in schema_validator(key).iter_errors(yaml.load(text, EditorLoader))]


def validator_problems(key: str, text: str, tmp_path: Path) -> list[str]:
    path = tmp_path / f"{key}.yaml"
    path.write_text(text, encoding="utf-8")
    source, problems = yamlsource.read(path, f"data/{key}.yaml")
    if source.data is not None:
        problems += check(FILES[key], source)
    return [p.format() for p in problems]


def edit(text: str, old: str, new: str) -> str:
    """text with the first line starting (after indentation) with `old` replaced by `new` at the same indentation;
    an empty `new` deletes that line and the lines nested under it."""
    match = re.search(rf"^(?P<indent> *){re.escape(old)}.*\n(?:(?P=indent) +\S.*\n)*" if not new else
                      rf"^(?P<indent> *){re.escape(old)}.*$", text, re.M)
    assert match, f"no line starts with {old!r}"
    return text[:match.start()] + "\n".join(match["indent"] + line for line in new.split("\n") if new) + \
        text[match.end():]


# ---------------------------------------------------------------- generated files are current

def test_schema_files_are_generated_from_the_shapes():
    for path, text in schemafiles.texts().items():
        assert path.exists() and path.read_text(encoding="utf-8") == text, \
            f"{path.relative_to(ROOT)} is out of date: run `make schemas`"


@pytest.mark.parametrize("data", [SHIPPED, FIXTURE], ids=["data", "fixture"])
def test_each_data_file_names_its_schema_on_its_first_line(data):
    for key in FILES:
        if not (data / f"{key}.yaml").exists():
            continue  # an optional file left out
        first = (data / f"{key}.yaml").read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, f"{data / key}.yaml does not open with its schema comment"
        assert (data / match[1]).resolve() == schemafiles.DIRECTORY / f"{key}.schema.json"


@pytest.mark.parametrize("data", [SHIPPED, FIXTURE], ids=["data", "fixture"])
def test_schemas_are_valid_and_the_real_data_passes_them(data):
    for key in FILES:
        jsonschema.Draft7Validator.check_schema(schema_validator(key).schema)
        if (data / f"{key}.yaml").exists():  # an optional file may be left out
            assert schema_errors(key, (data / f"{key}.yaml").read_text(encoding="utf-8")) == []


def test_every_schema_field_is_explained_in_chinese_and_english():
    """Editors show a field's title on hover and in completion lists."""
    def fields(node):
        for name, sub in node.get("properties", {}).items():
            yield name, sub
            yield from fields(sub)
        for key in ("items", "additionalProperties"):
            if isinstance(node.get(key), dict):
                yield from fields(node[key])

    for key in FILES:
        for name, sub in fields(schema_validator(key).schema):
            title = sub.get("title", "")
            assert re.search(r"[\u4e00-\u9fff]", title) and re.search(r"[A-Za-z]{2}", title), \
                f"{key}: field {name} has no bilingual title: {title!r}"


# ---------------------------------------------------------------- the schema and the validator agree

AGREE = [
    # (file, line starting with, replacement, accepted?)
    ("roles.yaml", None, None, True),
    ("topics.yaml", None, None, True),
    ("onboarding.yaml", None, None, True),
    ("roles.yaml", "owners:", 'owners: ["@some-user", "@org/some-team"]', True),
    ("gaps.yaml", None, None, True),
    ("topics.yaml", "reason:", "", True),  # optional field, left out (a judgement without one fails make check)
    ("topics.yaml", "raci:", "raci: X", False),  # not one of R, A, C, I
    ("topics.yaml", "raci:", "raci: a", False),  # letters are capitals
    ("topics.yaml", "basis:", "basis: doc", False),  # not document or handbook
    ("topics.yaml", "description_basis:", "", False),  # every description records its basis
    ("onboarding.yaml", "meet:", "", True),  # optional list, left out
    ("roles.yaml", "summary:", 'summary: "摘要"\nmanager: "王經理"', False),  # unknown field
    ("roles.yaml", "summary:", 'sumary: "摘要"', False),  # misspelt field: unknown, and summary is missing
    ("roles.yaml", "reviewed:", "", False),  # missing field
    ("roles.yaml", "name:", "name: 123", False),  # a number, not text
    ("roles.yaml", "owners:", "owners: \"@hr-team\"", False),  # text, not a list
    ("roles.yaml", "- id:", "- id: Customer_Service", False),  # not a slug
    ("roles.yaml", "reviewed:", "reviewed: 2026-13-45", False),  # no such day
    ("roles.yaml", "reviewed:", "reviewed: 29/11/2026", False),  # not YYYY-MM-DD
    ("roles.yaml", "owners:", "owners: []", False),  # nobody owns the role
    ("roles.yaml", "owners:", 'owners: ["hr-team"]', False),  # not a GitHub @user or @org/team
    ("roles.yaml", "summary:", 'summary: "' + "很長" * 61 + '"', False),  # over 120 characters
    ("roles.yaml", "name:", 'name: ""', False),  # empty
    ("roles.yaml", "name:", 'name: "   "', False),  # blank
    ("topics.yaml", "- duty: customer-service/", "- duty: customer-service", False),  # a duty reference needs role/duty
    ("topics.yaml", "aliases:", "aliases: 退款", False),  # text, not a list
    ("onboarding.yaml", "day-1:", "Day-1:", False),  # a stage key that is not a slug
    ("onboarding.yaml", "checkpoint:", "", False),  # missing field in a step
]


@pytest.mark.parametrize("file, old, new, accepted", AGREE,
                         ids=[f"{f}:{o or 'as-is'}->{(n or 'deleted')[:24]}" for f, o, n, _ in AGREE])
def test_schema_and_validator_agree(file, old, new, accepted, tmp_path):
    key = file.removesuffix(".yaml")
    text = (FIXTURE / file).read_text(encoding="utf-8")
    if old is not None:
        text = edit(text, old, new)
    problems, errors = validator_problems(key, text, tmp_path), schema_errors(key, text)
    assert (not problems) == accepted, "make check: " + "\n".join(problems)
    assert (not errors) == accepted, "JSON Schema: " + "\n".join(errors)


# ---------------------------------------------------------------- make check

def run_check(data: Path | None = None, command: list[str] | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "HANDBOOK_DATA"}
    if data is not None:
        env["HANDBOOK_DATA"] = str(data)
    return subprocess.run(command or [sys.executable, "-m", "handbook", "check"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def break_a_duty_reference(data: Path) -> tuple[int, int, str, str, str]:
    """Misspell the first duty reference of the first topic; returns its line, column, topic, wrong and right id."""
    lines = (data / "topics.yaml").read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if re.fullmatch(r" +- duty: [a-z0-9-]+/[a-z0-9-]+", line))
    topic = next(re.fullmatch(r"  - id: (\S+)", line)[1] for line in reversed(lines[:number])
                 if re.fullmatch(r"  - id: (\S+)", line))
    right = lines[number].split("- duty: ", 1)[1]
    wrong = right[:-2] + right[-1]  # drop one letter, as a typo would
    lines[number] = lines[number].replace(right, wrong)
    (data / "topics.yaml").write_text("\n".join(lines), encoding="utf-8")
    return number + 1, lines[number].index(wrong) + 1, topic, wrong, right


def test_check_names_the_place_the_field_and_the_closest_id(data_copy):
    line, column, topic, wrong, right = break_a_duty_reference(data_copy)
    result = run_check(data_copy)
    assert result.returncode == 1
    assert f"topics.yaml:{line}:{column}: topics → {topic} → duties" in result.stderr
    assert f"實際是 found:    {wrong}" in result.stderr
    assert f"是不是 did you mean「{right}」" in result.stderr
    assert result.stdout == ""


def test_make_check_fails_on_a_broken_file(data_copy):
    line, column, _, wrong, right = break_a_duty_reference(data_copy)
    # -o: take the installed .venv as given; BIN: the Python running these tests.
    result = run_check(data_copy, ["make", "--no-print-directory", "-o", ".venv/.installed", "check",
                                   f"BIN={Path(sys.executable).parent}"])
    assert result.returncode != 0
    assert f"topics.yaml:{line}:{column}:" in result.stderr and right in result.stderr


def test_check_passes_the_real_data_quickly_without_loading_the_site_builder():
    probe = ("import runpy, sys\nsys.argv = ['handbook', 'check']\ntry:\n    runpy.run_module('handbook', run_name='__main__')\n"
             "except SystemExit as exit:\n    status = exit.code\n"
             "print(status, sorted({m.split('.')[0] for m in sys.modules} & {'mkdocs', 'material', 'jieba', 'jinja2'}))")
    started = time.monotonic()
    result = run_check(command=[sys.executable, "-c", probe])
    elapsed = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    h = load(SHIPPED)  # run_check without data checks data/
    summary, status = result.stdout.splitlines()
    assert f"{len(h.roles)} roles, {sum(len(r.duties) for r in h.roles)} duties, {len(h.topics)} topics" in summary
    assert status == "0 []", "make check must not import the site builder or the search segmenter"
    assert elapsed < 5, f"make check took {elapsed:.1f} s"


# ---------------------------------------------------------------- CODEOWNERS

def rules(text: str) -> list[list[str]]:
    return [line.split() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def test_codeowners_is_in_step_with_the_roles_owners():
    assert codeowners.PATH.read_text(encoding="utf-8") == codeowners.text(load(SHIPPED)), \
        ".github/CODEOWNERS is out of date: run `make codeowners`"


def test_every_roles_owners_review_changes_to_the_data():
    h = load(SHIPPED)
    (pattern, *owners), = rules(codeowners.PATH.read_text(encoding="utf-8"))
    assert pattern == "/data/"
    assert {o for r in h.roles for o in r.owners} == set(owners)


def test_codeowners_goes_stale_when_a_roles_owners_change(data_copy):
    text = (data_copy / "roles.yaml").read_text(encoding="utf-8")
    (data_copy / "roles.yaml").write_text(edit(text, "owners:", 'owners: ["@new-owner"]'), encoding="utf-8")
    changed = codeowners.text(load(data_copy))
    assert changed != codeowners.PATH.read_text(encoding="utf-8")
    assert "@new-owner" in rules(changed)[0]


def test_a_role_name_cannot_add_a_codeowners_rule():
    h = load()
    role = dataclasses.replace(h.roles[0], name="直播\n* @intruder\n/.github/ @intruder")
    text = codeowners.text(dataclasses.replace(h, roles=(role, *h.roles[1:])))
    assert [r[0] for r in rules(text)] == ["/data/"] and "@intruder" not in rules(text)[0]
