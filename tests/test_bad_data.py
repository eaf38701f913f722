"""A catalogue of broken and hostile edits to the real data, each with the outcome a contributor must see.

Every case edits one line of a private copy of data/ the way a contributor
might, then expects one of two things: the data is refused with a message
naming the file, the line, the field and what is wrong (in Chinese and
English), or the handbook builds and the page shows the text exactly as typed,
with no element the unedited page lacks.
"""

from __future__ import annotations

import functools
import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from opencc import OpenCC

from handbook.data import shapes
from handbook.data import files
from handbook.data.load import FILES, read_sources
from handbook.model import load
from handbook.data.problems import DataError, Problem
from handbook.kinds.names import RESERVED

from .conftest import FIXTURE
from .pagerender import Html, Site, squash

ROOT = Path(__file__).resolve().parent.parent


def q(text: str) -> str:
    """text as a YAML double-quoted string (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def qx(text: str) -> str:
    """Like q, but every character outside printable ASCII and CJK written as an escape, as an editor might keep it."""
    return json.dumps(text, ensure_ascii=True)


@dataclass
class Case:
    name: str
    file: str
    pattern: str  # must match once; its group `old` is replaced by `value`
    value: str | Callable[[re.Match], str]
    field: str | None = None  # a word of the problem's field; None for a problem with the whole file
    says: tuple[str, ...] = ()  # words the message must contain (Chinese and English)
    found: str | None = None  # what the message must say was found
    hint: str | Callable[[re.Match], str] | None = None  # what the hint must suggest
    offset: int = 0  # the problem's line, counted from the line of `old`
    shows: str | None = None  # the data builds and this text appears on `page`
    page: str = ""  # page source, formatted with the pattern's named groups, e.g. roles/{role}.md

    def __str__(self) -> str:
        return self.name


# Where values live in the real files.  Each pattern finds the first such value.
HANDBOOK = r"^  {key}: (?P<old>.*)$"
ROLE = r"^roles:\n(?:.*\n)*?  - id: (?P<role>[a-z0-9-]+)\n(?:    .*\n)*?    {key}: (?P<old>.*)$"
ROLE_ID = r"^roles:\n(?:.*\n)*?  - id: (?P<old>[a-z0-9-]+)$"
SECOND_ROLE_ID = r"^roles:\n(?:.*\n)*?  - id: (?P<first>[a-z0-9-]+)\n(?:(?:    .*)?\n)*  - id: (?P<old>[a-z0-9-]+)$"
DUTY = r"^roles:\n(?:.*\n)*?  - id: (?P<role>[a-z0-9-]+)\n(?:    .*\n)*?      - id: (?P<duty>[a-z0-9-]+)\n" \
       r"(?:        .*\n)*?        {key}: (?P<old>.*)$"
# A duty no document step quotes (its description may change without changing a quote: data/quotes.py).
_QUOTED = {step.duty.ref for process in load(FIXTURE).processes for step in process.steps if step.basis == "document"}
_FREE = next(d for role in load(FIXTURE).roles for d in role.duties if d.ref not in _QUOTED)
UNQUOTED_DUTY = rf"^roles:\n(?:.*\n)*?  - id: (?P<role>{_FREE.role_id})\n(?:    .*\n)*?      - id: (?P<duty>{_FREE.id})\n" \
                r"(?:        .*\n)*?        {key}: (?P<old>.*)$"
DUTY_ID = r"^roles:\n(?:.*\n)*?  - id: (?P<role>[a-z0-9-]+)\n(?:    .*\n)*?      - id: (?P<old>[a-z0-9-]+)$"
SECOND_DUTY_ID = r"^      - id: (?P<first>[a-z0-9-]+)\n(?:        .*\n)*      - id: (?P<old>[a-z0-9-]+)$"
GROUP = r"^groups:\n  - id: (?P<group>[a-z0-9-]+)\n(?:    .*\n)*?    {key}: (?P<old>.*)$"
SECOND_GROUP_ID = r"^groups:\n  - id: (?P<first>[a-z0-9-]+)\n(?:    .*\n)*  - id: (?P<old>[a-z0-9-]+)$"
TOPIC = r"^topics:\n(?:.*\n)*?  - id: (?P<topic>[a-z0-9-]+)\n(?:    .*\n)*?    {key}: (?P<old>.*)$"
SECOND_TOPIC_ID = r"^topics:\n(?:.*\n)*?  - id: (?P<first>[a-z0-9-]+)\n(?:(?:    .*|  #.*)?\n)*" \
                  r"  - id: (?P<old>[a-z0-9-]+)$"
TOPIC_ALIAS = r"^topics:\n(?:.*\n)*?  - id: (?P<topic>[a-z0-9-]+)\n(?:    .*\n)*?    aliases: \[(?P<old>[^,\]]+)"
TOPIC_DUTY = r"^topics:\n(?:.*\n)*?      - duty: (?P<role>[a-z0-9-]+)/(?P<old>[a-z0-9-]+)$"
TOPIC_LETTER = r"^topics:\n(?:.*\n)*?  - id: (?P<topic>[a-z0-9-]+)\n(?:    .*\n)*?        {key}: (?P<old>.*)$"
STAGE = r"^stages:\n  - id: (?P<stage>[a-z0-9-]+)\n(?:    .*\n)*?    {key}: (?P<old>.*)$"
SECOND_STAGE_ID = r"^stages:\n  - id: (?P<first>[a-z0-9-]+)\n(?:    .*\n)*  - id: (?P<old>[a-z0-9-]+)$"
COMPANY_STAGE = r"^company:\n  (?P<old>[a-z0-9-]+):$"
COMPANY_STEP = r"^company:\n(?:.*\n)*?      {key}: (?P<old>.*)$"
SECOND_COMPANY_STEP_ID = r"^company:\n  [a-z0-9-]+:\n    - id: (?P<first>[a-z0-9-]+)\n(?:      .*\n)*" \
                         r"    - id: (?P<old>.*)$"
PATH = r"^paths:\n(?:.*\n)*?  - role: (?P<role>[a-z0-9-]+)\n"
PATH_ROLE = r"^paths:\n(?:.*\n)*?  - role: (?P<old>[a-z0-9-]+)$"
PATH_MEASURES = PATH + r"(?:    #.*\n)*    measures:\n"
MEASURE = PATH_MEASURES + r"(?:      .*\n)*?        {key}: (?P<old>.*)$"
PATH_MEASURE_ID = PATH_MEASURES + r"      - measure: (?P<old>[a-z0-9-]+)$"
SECOND_MEASURE_ID = PATH_MEASURES + r"      - measure: (?P<first>[a-z0-9-]+)\n(?:        .*\n)*" \
                                    r"      - measure: (?P<old>.*)$"
CATALOGUE = r"^measures:\n(?:.*\n)*?  - id: (?P<measure>[a-z0-9-]+)\n(?:    .*\n)*?    {key}: (?P<old>.*)$"
CATALOGUE_FORMULA = r"^measures:\n(?:.*\n)*?  - id: (?P<measure>[a-z0-9-]+)\n(?:    .*\n)*?    formula:\n" \
                    r"      {key}: (?P<old>.*)$"
PROCESS = r"^processes:\n(?:.*\n)*?  - id: (?P<process>[a-z0-9-]+)\n(?:    .*\n)*?    {key}: (?P<old>.*)$"
PROCESS_STEP = r"^processes:\n(?:.*\n)*?  - id: (?P<process>[a-z0-9-]+)\n(?:    .*\n)*?    steps:\n" \
               r"(?:      .*\n)*?        {key}: (?P<old>.*)$"
PATH_STAGE = PATH + r"(?:    .*\n)*?    stages:\n      (?P<old>[a-z0-9-]+):$"
STEP = PATH + r"(?:    .*\n)*?    stages:\n(?:      .*\n)*?{indent}{key}: (?P<old>.*)$"
SECOND_STEP_ID = PATH + r"(?:    .*\n)*?    stages:\n      [a-z0-9-]+:\n        - id: (?P<first>[a-z0-9-]+)\n" \
                        r"(?:          .*\n)*        - id: (?P<old>.*)$"
STEP_KEY = "          "
MEET_KEY = "              "

HOSTILE_HTML = '<script>alert("x")</script><img src=x onerror=alert(1)>'
LINK = "[點我](javascript:alert(1)) ![圖](https://evil.test/x.png) <a href=\"javascript:alert(2)\">a</a>"
MARKDOWN = "# 假標題\n\n## 另一個 ![img](x.png) [連結](https://evil.test) **粗體** `code` | 表格 |"
JINJA = "{{ config }} {% include 'mkdocs.yml' %} {# 註解 #} {{ 7*7 }}"
ATTRS = "文字 { onclick=\"alert(1)\" #main .x } {: .y }"
EMOJI_NAME = "直播😀運營𠀀𠮷"  # U+20000 and U+20BB7 are CJK Extension B
LONG_WORD = "Ｗ" * 1000  # a duty description at its limit, with no place to break

CASES = [
    # ---------------------------------------------------------------- YAML syntax
    Case("colon-in-plain-text", "roles.yaml", HANDBOOK.format(key="title_en"), "E-commerce: Role: Handbook",
         None, ("YAML", "mapping values are not allowed")),
    Case("bad-indentation", "roles.yaml", DUTY.format(key="title"), lambda m: m["old"] + "\n         title_en: x",
         None, ("YAML", "縮排"), offset=1),
    Case("tab-indentation", "roles.yaml", DUTY.format(key="title"), lambda m: m["old"] + "\n\ttitle_en: x",
         None, ("Tab", "tab"), offset=1),
    Case("unclosed-flow-list", "topics.yaml", TOPIC.format(key="aliases"), lambda m: m["old"].rstrip("]"),
         None, ("YAML",), offset=1),
    Case("second-document", "roles.yaml", ROLE_ID, lambda m: m["old"] + "\n---\nroles: []", None, ("YAML",),
         offset=1),
    Case("duplicate-key", "roles.yaml", DUTY.format(key="title"), lambda m: m["old"] + "\n        title: 另一個標題",
         "title", ("重複", "twice", "keep only the last"), offset=1),
    Case("undefined-alias", "roles.yaml", DUTY.format(key="title_en"), "*alias", "title_en", ("YAML", "別名")),
    Case("anchor-and-alias", "topics.yaml", TOPIC_ALIAS, lambda m: f"&a {m['old']}, *a", "aliases",
         ("錨點", "anchors")),
    Case("explicit-python-tag", "roles.yaml", ROLE.format(key="name"), "!!python/object/apply:os.system [ls]",
         "name", ("標籤", "tags")),
    Case("custom-tag", "roles.yaml", ROLE.format(key="summary"), "!secret 摘要", "summary", ("標籤", "tags")),
    # ---------------------------------------------------------------- duplicate ids at every level
    Case("duplicate-role-id", "roles.yaml", SECOND_ROLE_ID, lambda m: m["first"], "id", ("重複", "used twice")),
    Case("duplicate-duty-id", "roles.yaml", SECOND_DUTY_ID, lambda m: m["first"], "id", ("重複", "used twice")),
    Case("duplicate-group-id", "topics.yaml", SECOND_GROUP_ID, lambda m: m["first"], "id", ("重複", "used twice")),
    Case("duplicate-topic-id", "topics.yaml", SECOND_TOPIC_ID, lambda m: m["first"], "id", ("重複", "used twice")),
    Case("duplicate-stage-id", "onboarding.yaml", SECOND_STAGE_ID, lambda m: m["first"], "id",
         ("重複", "used twice")),
    Case("duplicate-company-step-id", "onboarding.yaml", SECOND_COMPANY_STEP_ID, lambda m: m["first"], "id",
         ("重複", "used twice")),
    Case("duplicate-step-id", "onboarding.yaml", SECOND_STEP_ID, lambda m: m["first"], "id", ("重複", "used twice")),
    Case("duplicate-measure-id", "onboarding.yaml", SECOND_MEASURE_ID, lambda m: m["first"], "measure",
         ("重複", "used twice")),
    Case("duplicate-catalogue-measure-name", "measures.yaml",
         r"^measures:\n(?:.*\n)*?    name: (?P<first>.*)\n(?:.*\n)*?    name: (?P<old>.*)$", lambda m: m["first"], "name",
         ("已經是成效指標", "already the name or an alias")),
    Case("duplicate-path-role", "onboarding.yaml", r"^paths:\n(?:.*\n)*?  - role: (?P<first>[a-z0-9-]+)\n(?:.*\n)*?"
         r"  - role: (?P<old>[a-z0-9-]+)$", lambda m: m["first"], "role", ("重複", "used twice")),
    Case("duplicate-alias-across-topics", "topics.yaml", r"^topics:\n(?:.*\n)*?    name: (?P<first>.*)\n(?:.*\n)*?"
         r"    aliases: \[[^\]]*\]\n(?:.*\n)*?    aliases: \[(?P<old>[^,\]]+)", lambda m: m["first"], "aliases",
         ("已經是主題", "already the name or an alias")),
    # ---------------------------------------------------------------- YAML 1.1 booleans and numbers
    Case("unquoted-no-as-title", "roles.yaml", DUTY.format(key="title"), "no", "title",
         ("沒有加引號", "not quoted", "boolean"), found="no", hint='"no"'),
    Case("unquoted-on-as-name", "roles.yaml", ROLE.format(key="name"), "on", "name", ("布林值", "boolean")),
    Case("number-as-id", "roles.yaml", DUTY_ID, "1e3", "id", ("數字", "number"), found="1e3"),
    Case("number-as-stage-name", "onboarding.yaml", STAGE.format(key="name"), "1e3", "name", ("number",)),
    Case("boolean-as-alias", "topics.yaml", TOPIC_ALIAS, "yes", "aliases", ("boolean",)),
    Case("boolean-as-review-date", "roles.yaml", ROLE.format(key="reviewed"), "no", "reviewed",
         ("日期", "date"), found="no"),
    Case("impossible-date", "roles.yaml", ROLE.format(key="reviewed"), "2026-13-40", "reviewed", ("date",),
         found="2026-13-40"),
    Case("date-with-time", "roles.yaml", ROLE.format(key="reviewed"), "2026-11-29 25:00:00", "reviewed", ("date",)),
    Case("5000-digit-number", "roles.yaml", DUTY.format(key="title_en"), "9" * 5000, "title_en", ("number",)),
    # ---------------------------------------------------------------- empty, missing and unknown
    Case("empty-title", "roles.yaml", DUTY.format(key="title"), '""', "title", ("空", "empty")),
    Case("null-description", "roles.yaml", DUTY.format(key="description"), "", "description", ("空", "empty")),
    Case("whitespace-summary", "roles.yaml", ROLE.format(key="summary"), q(" \t　 "), "summary", ("空", "empty")),
    Case("empty-list-as-step-text", "onboarding.yaml", COMPANY_STEP.format(key="do"), "[]", "do", ("文字", "text")),
    Case("missing-required-field", "roles.yaml",
         r"^roles:\n(?:.*\n)*?      - id: [a-z0-9-]+\n        title: .*\n(?P<old>        title_en: .*\n)", "",
         "duties", ("缺少必填欄位", "Missing required field", "title_en"), offset=-2),
    Case("typo-in-measure-field", "onboarding.yaml", PATH_MEASURES + r"(?:      .*\n)*?        (?P<old>review): ",
         "reveiw", "reveiw", ("不認得", "Unknown field"), hint="review"),
    Case("measure-without-owner", "measures.yaml", r"^measures:\n(?:.*\n)*?(?P<old>    owner: .*\n)", "", "measures",
         ("缺少必填欄位", "Missing required field", "owner"), offset=-11),
    Case("formula-half-a-ratio", "measures.yaml", CATALOGUE_FORMULA.format(key="numerator"),
         lambda m: m["old"] + "\n      expression: \"a × b\"", "formula", ("分子和分母", "numerator and a denominator")),
    Case("direction-not-a-choice", "measures.yaml", CATALOGUE.format(key="direction"), "up", "direction",
         ("不是可用的值", "not allowed", "higher is better"), found="up"),
    Case("process-basis-not-a-choice", "processes.yaml", PROCESS_STEP.format(key="basis"), "guess", "basis",
         ("不是可用的值", "not allowed", "the handbook's judgement"), found="guess"),
    Case("process-basis-misspelt", "processes.yaml", PROCESS_STEP.format(key="basis"), "handbok", "basis",
         ("不是可用的值", "not allowed"), hint="handbook"),
    Case("typo-in-role-field", "roles.yaml",
         r"^roles:\n(?:.*\n)*?  - id: [a-z0-9-]+\n(?:    .*\n)*?    (?P<old>duties):$",
         "dutys", "dutys", ("不認得", "Unknown field"), hint="duties"),
    Case("mapping-where-text", "roles.yaml", ROLE.format(key="name"), "{zh: 名稱}", "name", ("文字", "text")),
    Case("list-where-text", "topics.yaml", GROUP.format(key="name"), "[甲, 乙]", "name", ("文字", "text")),
    # ---------------------------------------------------------------- dangling references, every reference field
    Case("topic-unknown-duty", "topics.yaml", TOPIC_DUTY, lambda m: m["old"][:-1],
         "duty", ("沒有職責", "has no duty"), hint=lambda m: m["old"]),
    Case("topic-unknown-role", "topics.yaml",
         r"^topics:\n(?:.*\n)*?        raci: R\n(?:.*\n)*?      - duty: (?P<old>[a-z0-9-]+)/[a-z0-9-]+$",
         lambda m: m["old"] + "s", "duty", ("找不到崗位", "no role"), hint=lambda m: m["old"]),
    Case("lowercase-letter", "topics.yaml", TOPIC_LETTER.format(key="raci"), lambda m: m["old"].lower(), "raci",
         ("不是可用的值", "not allowed"), hint=lambda m: m["old"]),
    Case("word-as-letter", "topics.yaml", TOPIC_LETTER.format(key="raci"), "owns", "raci",
         ("不是可用的值", "not allowed"), found="owns"),
    Case("unknown-basis", "topics.yaml", TOPIC_LETTER.format(key="basis"), "docment", "basis",
         ("不是可用的值", "not allowed"), hint="document"),
    Case("judgement-without-reason", "topics.yaml",
         r"^topics:\n(?:.*\n)*?        basis: handbook\n(?P<old>        reason: .*\n)", "", "duties",
         ("reason",), offset=-3),
    Case("topic-group-unknown", "topics.yaml", TOPIC.format(key="group"), lambda m: m["old"][:-1], "group",
         ("找不到分組", "no group"), hint=lambda m: m["old"]),
    Case("path-role-unknown", "onboarding.yaml", PATH_ROLE, lambda m: m["old"] + "x", "role", ("找不到崗位", "no role"),
         hint=lambda m: m["old"]),
    Case("step-duty-unknown", "onboarding.yaml", STEP.format(indent=STEP_KEY, key="duties"), "[no-such-duty]",
         "duties", ("找不到", "no duty")),
    Case("meet-role-unknown", "onboarding.yaml", STEP.format(indent=MEET_KEY[:-2] + "- ", key="role"),
         lambda m: m["old"][:-1], "role", ("找不到崗位", "no role"), hint=lambda m: m["old"]),
    Case("path-measure-unknown", "onboarding.yaml", PATH_MEASURE_ID, lambda m: m["old"][:-1], "measure",
         ("找不到成效指標", "no measure"), hint=lambda m: m["old"]),
    Case("measure-owner-unknown", "measures.yaml", CATALOGUE.format(key="owner"), lambda m: m["old"][:-1], "owner",
         ("沒有職責", "has no duty"), hint=lambda m: m["old"]),
    Case("process-step-duty-unknown", "processes.yaml", PROCESS_STEP.format(key="duty"), lambda m: m["old"] + "s",
         "duty", ("沒有職責", "has no duty"), hint=lambda m: m["old"]),
    Case("process-topic-unknown", "processes.yaml", PROCESS.format(key="topics") + "",
         lambda m: "[" + m["old"][1:].split(",")[0].rstrip("]") + "x]", "topics", ("找不到主題", "no topic")),
    Case("process-step-measure-unknown", "processes.yaml", PROCESS_STEP.format(key="measures"), "[no-such-measure]",
         "measures", ("找不到成效指標", "no measure")),
    Case("onboarding-step-process-unknown", "onboarding.yaml", COMPANY_STEP.format(key="processes"),
         "[no-such-process]", "processes", ("找不到流程", "no process")),
    Case("step-measure-unknown", "onboarding.yaml", STEP.format(indent=STEP_KEY, key="measures"), "[no-such-measure]",
         "measures", ("找不到成效指標", "no measure")),
    Case("company-stage-unknown", "onboarding.yaml", COMPANY_STAGE, "day-one", "day-one", ("找不到階段", "no stage")),
    Case("path-stage-unknown", "onboarding.yaml", PATH_STAGE, lambda m: m["old"] + "x", "stages",
         ("找不到階段", "no stage"), hint=lambda m: m["old"]),
    # ---------------------------------------------------------------- too long
    Case("title-one-too-long", "roles.yaml", DUTY.format(key="title"),
         q("長" * (shapes.DUTY.fields["title"].spec.max_length + 1)), "title", ("太長", "too long"),
         found=str(shapes.DUTY.fields["title"].spec.max_length + 1)),
    Case("nested-1200-deep", "roles.yaml", DUTY.format(key="title"), "[" * 1200, None,
         ("太深", "too deeply")),
    # ---------------------------------------------------------------- invisible characters
    Case("bell-in-title", "roles.yaml", DUTY.format(key="title"), qx("商品\x07管理"), "title",
         ("看不見", "invisible"), found="U+0007"),
    Case("raw-control-character-in-file", "roles.yaml", DUTY.format(key="title"), "商品\x1b管理", None,
         ("看不見", "invisible"), found="U+001B"),
    Case("raw-line-separator-in-file", "roles.yaml", DUTY.format(key="description"), lambda m: "說明\u2028第二行",
         None, ("換行", "line-break"), found="U+2028"),
    Case("zero-width-space-in-role-id", "roles.yaml", ROLE_ID, lambda m: m["old"][:3] + "\u200b" + m["old"][3:],
         "id", ("看不見", "invisible"), found="U+200B"),
    Case("bidi-override-in-duty-id", "roles.yaml", DUTY_ID, lambda m: qx(m["old"][:3] + "\u202e" + m["old"][3:]),
         "id", ("看不見", "invisible"), found="U+202E"),
    Case("bidi-isolate-in-topic-reference", "topics.yaml", TOPIC_DUTY,
         lambda m: m["old"] + "\u2066", "duty", ("看不見", "invisible"), found="U+2066"),
    Case("zero-width-joiner-in-stage-key", "onboarding.yaml", COMPANY_STAGE, lambda m: m["old"] + "\u200d",
         "\\u200d", ("不是有效的 id", "not a valid id")),
    Case("newline-at-end-of-id", "roles.yaml", DUTY_ID, lambda m: qx(m["old"] + "\n"), "id", ("格式不對", "wrong form")),
    Case("soft-hyphen-in-name", "roles.yaml", ROLE.format(key="name"), qx("平臺\u00ad運營"), "name", ("invisible",),
         found="U+00AD"),
    # ---------------------------------------------------------------- markup where ids are expected
    Case("jinja-as-role-id", "roles.yaml", ROLE_ID, q("{{ config }}"), "id", ("格式不對", "wrong form")),
    Case("jinja-as-owner", "roles.yaml", ROLE.format(key="owners"), '["@{% include \'mkdocs.yml\' %}"]', "owners",
         ("格式不對", "wrong form")),
    Case("html-as-duty-reference", "topics.yaml", r"^topics:\n(?:.*\n)*?      - duty: (?P<old>[a-z0-9/-]+)$",
         lambda m: q(m["old"] + "<script>"), "duty", ("格式不對", "wrong form"), found="<script>"),
    Case("jinja-as-review-date", "roles.yaml", ROLE.format(key="reviewed"), q("{% now 'utc' %}"), "reviewed",
         ("date",)),
    # ---------------------------------------------------------------- text that must show literally
    Case("script-in-duty-description", "roles.yaml", UNQUOTED_DUTY.format(key="description"), q(HOSTILE_HTML),
         shows=HOSTILE_HTML, page="roles/{role}.md"),
    Case("event-handler-in-role-summary", "roles.yaml", ROLE.format(key="summary"), q(HOSTILE_HTML),
         shows=HOSTILE_HTML, page="roles/index.md"),
    Case("javascript-link-in-topic-description", "topics.yaml", TOPIC.format(key="description"), q(LINK),
         shows=LINK, page="topics/{topic}.md"),
    Case("markdown-in-step", "onboarding.yaml", STEP.format(indent=STEP_KEY, key="do"), q(MARKDOWN),
         shows=MARKDOWN, page="onboarding/{role}.md"),
    Case("markdown-in-introduction", "roles.yaml", HANDBOOK.format(key="introduction"), q(MARKDOWN),
         shows=MARKDOWN, page="index.md"),
    Case("jinja-in-duty-title", "roles.yaml", DUTY.format(key="title"), q("{{ config }}{% include 'a' %}"),
         shows="{{ config }}{% include 'a' %}", page="roles/{role}.md"),
    Case("jinja-in-measure-review", "onboarding.yaml", MEASURE.format(key="review"), q(JINJA), shows=JINJA,
         page="onboarding/{role}.md"),
    Case("jinja-in-process-step", "processes.yaml", PROCESS_STEP.format(key="do"), q(JINJA), shows=JINJA,
         page="processes/{process}.md"),
    Case("html-in-hands-on", "processes.yaml", PROCESS_STEP.format(key="hands_on"), q("<b>包裹</b> & </svg>"),
         shows="<b>包裹</b> & </svg>", page="processes/{process}.md"),
    Case("markdown-in-measure-formula", "measures.yaml", CATALOGUE_FORMULA.format(key="numerator"), q(MARKDOWN),
         shows=MARKDOWN, page="measures.md"),
    Case("jinja-in-meet", "onboarding.yaml", STEP.format(indent=MEET_KEY, key="learn"), q(JINJA), shows=JINJA,
         page="onboarding/{role}.md"),
    Case("jinja-in-company-step", "onboarding.yaml", COMPANY_STEP.format(key="why"), q(JINJA), shows=JINJA,
         page="onboarding/index.md"),
    Case("attribute-list-in-alias", "topics.yaml", TOPIC_ALIAS, q("{: onclick=x }"), shows="{: onclick=x }",
         page="topics/{topic}.md"),
    Case("attribute-list-in-duty-title", "roles.yaml", DUTY.format(key="title_en"), q(ATTRS), shows=ATTRS,
         page="roles/{role}.md"),
    Case("table-pipes-in-measure-name", "measures.yaml", CATALOGUE.format(key="name"), q("| a | b |"),
         shows="| a | b |", page="measures.md"),
    Case("entity-in-group-name", "topics.yaml", GROUP.format(key="name"), q("&lt;b&gt; &amp; &#60;i&#62;"),
         shows="&lt;b&gt; &amp; &#60;i&#62;", page="topics/index.md"),
    Case("html-in-stage-name", "onboarding.yaml", STAGE.format(key="name"), q("<b>第一天</b>"),
         shows="<b>第一天</b>", page="onboarding/index.md"),
    Case("emoji-and-extension-b-in-role-name", "roles.yaml", ROLE.format(key="name"), q(EMOJI_NAME),
         shows=EMOJI_NAME, page="roles/{role}.md"),
    Case("extension-b-in-topic-name", "topics.yaml", TOPIC.format(key="name"), q("𠮷野家𩸽"), shows="𠮷野家𩸽",
         page="topics/{topic}.md"),
    Case("zero-width-joiner-emoji-in-duty-title", "roles.yaml", DUTY.format(key="title"), q("客服👩‍💻"),
         shows="客服👩‍💻", page="roles/{role}.md"),
    Case("longest-unbroken-description", "roles.yaml", UNQUOTED_DUTY.format(key="description"), q(LONG_WORD),
         shows=LONG_WORD,
         page="roles/{role}.md"),
    Case("yaml-number-quoted-is-text", "roles.yaml", DUTY.format(key="title_en"), q("1e3"), shows="1e3",
         page="roles/{role}.md"),
]

# Every word the site keeps for itself, as each kind of id it is reserved for (handbook/kinds/names.py): a role
# `index` would replace roles/index.html, a duty `duties` would give the role page two headings with one id.
FIRST_ID = {
    "role": ("roles.yaml", ROLE_ID),
    "duty": ("roles.yaml", DUTY_ID),
    "topic": ("topics.yaml", r"^topics:\n(?:.*\n)*?  - id: (?P<old>[a-z0-9-]+)$"),
    "group": ("topics.yaml", r"^groups:\n  - id: (?P<old>[a-z0-9-]+)$"),
    "stage": ("onboarding.yaml", r"^stages:\n  - id: (?P<old>[a-z0-9-]+)$"),
    "process": ("processes.yaml", r"^processes:\n(?:.*\n)*?  - id: (?P<old>[a-z0-9-]+)$"),
    "process step": ("processes.yaml", r"^processes:\n(?:.*\n)*?      - id: (?P<old>[a-z0-9-]+)$"),
    "measure": ("measures.yaml", r"^measures:\n(?:.*\n)*?  - id: (?P<old>[a-z0-9-]+)$"),
}
CASES += [Case(f"reserved-{kind}-id-{word}", *FIRST_ID[kind], word, "id", ("網站自己", "the site itself uses"),
               found=word, hint=f"{word}-1")
          for kind, words in sorted(RESERVED.items()) for word in sorted(words)]


def fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


T2S = OpenCC("t2s").convert
FIRST_TOPIC = r"^topics:\n(?:.*\n)*?  - id: [a-z0-9-]+\n    name: (?P<first>.*)\n    name_en: (?P<first_en>.*)\n"
LATER_TOPIC = FIRST_TOPIC + r"(?:.*\n)*?  - id: [a-z0-9-]+\n"
LATER_ALIAS = LATER_TOPIC + r"(?:    .*\n)*?    aliases: \[(?P<old>[^,\]]+)"
SECOND_ROLE_NAME = r"^roles:\n(?:.*\n)*?  - id: [a-z0-9-]+\n    name: (?P<first>.*)\n(?:(?:    .*)?\n)*?" \
                   r"  - id: [a-z0-9-]+\n    name: (?P<old>.*)$"
SAME_WORD = ("已經是主題", "already the name or an alias", "one topic only")
CASES += [
    # ---------------------------------------------------------------- what normalisation would let through
    Case("alias-in-fullwidth-is-another-topics-english-name", "topics.yaml", LATER_ALIAS,
         lambda m: q(fullwidth(m["first_en"])), "aliases", SAME_WORD),
    Case("alias-in-simplified-is-another-topics-name", "topics.yaml", LATER_ALIAS, lambda m: q(T2S(m["first"])),
         "aliases", SAME_WORD),
    Case("alias-is-another-topics-english-name", "topics.yaml", LATER_ALIAS, lambda m: q(m["first_en"].upper()),
         "aliases", SAME_WORD),
    Case("english-name-is-another-topics-english-name", "topics.yaml", LATER_TOPIC + r"    name: .*\n"
         r"    name_en: (?P<old>.*)$", lambda m: q(m["first_en"]), "name_en", SAME_WORD),
    Case("topic-names-with-one-tag-anchor", "topics.yaml", LATER_TOPIC + r"    name: (?P<old>.*)$",
         lambda m: q(m["first"] + "?"), "name", ("標籤", "tags page"), found="#tag:"),
    Case("private-use-role-name", "roles.yaml", ROLE.format(key="name"), qx("\ue000\ue001"), "name",
         ("空白", "blank"), found="U+E000"),
    Case("hangul-filler-topic-name", "topics.yaml", TOPIC.format(key="name"), q("\u3164\u3164"), "name",
         ("空白", "blank")),
    Case("unassigned-group-name", "topics.yaml", GROUP.format(key="name"), qx("\u0378\u0379"), "name",
         ("空白", "blank")),
    Case("combining-marks-only-stage-name", "onboarding.yaml", STAGE.format(key="name"), qx("\u0301\u0302"),
         "name", ("blank",)),
    Case("two-roles-with-one-name", "roles.yaml", SECOND_ROLE_NAME, lambda m: m["first"], "name",
         ("一樣", "same as")),
    Case("two-roles-with-one-name-in-two-scripts", "roles.yaml", SECOND_ROLE_NAME, lambda m: T2S(m["first"]),
         "name", ("一樣", "same as")),
    Case("review-date-in-the-future", "roles.yaml", ROLE.format(key="reviewed"), "9999-12-31", "reviewed",
         ("未來", "future"), found="9999-12-31"),
    Case("duties-on-a-company-step", "onboarding.yaml", COMPANY_STEP.format(key="do"),
         lambda m: m["old"] + "\n      duties: [returns-exchanges]", "duties", ("不認得", "Unknown field"), offset=1),
    Case("measures-on-a-company-step", "onboarding.yaml", COMPANY_STEP.format(key="do"),
         lambda m: m["old"] + "\n      measures: [first-reply]", "measures", ("不認得", "Unknown field"), offset=1),
    Case("topic-group-without-topics", "topics.yaml", r"^(?P<old>groups:)$",
         "groups:\n  - id: empty-group\n    name: 空的分組\n    name_en: An empty group", "id",
         ("沒有任何主題", "no topics"), offset=1),
]


def apply(case: Case, data: Path) -> tuple[re.Match, int]:
    """Edit the copy as the case says; returns the match and the line the edit is on."""
    path = data / case.file
    text = path.read_text(encoding="utf-8")
    match = re.search(case.pattern, text, re.M)
    assert match, f"{case}: the pattern no longer matches {case.file}; update the case"
    value = case.value(match) if callable(case.value) else case.value
    path.write_text(text[:match.start("old")] + value + text[match.end("old"):], encoding="utf-8")
    return match, text.count("\n", 0, match.start("old")) + 1 + case.offset


@functools.cache
def unedited() -> Site:
    return Site(load(FIXTURE))


def assert_refused(case: Case, data: Path, match: re.Match, line: int) -> None:
    with pytest.raises(DataError) as caught:
        read_sources(data)
    problems = caught.value.problems
    report = caught.value.report()
    here = [p for p in problems if p.file == str(data / case.file) and p.line == line]
    assert here, f"{case}: nothing reported at {case.file}:{line}\n{report[:3000]}"
    problem: Problem = here[0]
    assert problem.format().startswith(f"{data / case.file}:{line}")
    if case.field is None:
        assert problem.field == "", report
    else:
        assert case.field in problem.field, report
    message = " ".join([problem.zh, problem.en, problem.expected, problem.found, problem.hint])
    for word in case.says:
        assert word in message, f"{case}: '{word}' missing from\n{problem.format()}"
    assert re.search(r"[\u4e00-\u9fff]", problem.zh) and re.search(r"[A-Za-z]{3}", problem.en)
    if case.found is not None:
        assert case.found in problem.found, problem.format()
    if case.hint is not None:
        hint = case.hint(match) if callable(case.hint) else case.hint
        assert hint in problem.hint, problem.format()
    for other in problems:  # whatever else is reported stays readable: one line per part, no raw controls
        assert all(part.isprintable() or not part for part in (other.zh, other.en, other.found, other.field))


def assert_shown(case: Case, data: Path, match: re.Match) -> None:
    uri = case.page.format(**match.groupdict())
    page = Html(Site(load(data)).html(uri))
    assert squash(case.shows) in page.text, f"{case}: {case.shows!r} not shown on {uri}"
    assert page.shape() == Html(unedited().html(uri)).shape(), f"{case}: the page gained or lost elements"


def test_the_catalogue_is_large():
    assert len(CASES) >= 30 and len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_bad_input(case: Case, data_copy: Path):
    match, line = apply(case, data_copy)
    if case.shows is None:
        assert_refused(case, data_copy, match, line)
    else:
        assert_shown(case, data_copy, match)


def test_a_ten_megabyte_file_is_refused_with_its_place(data_copy: Path):
    """Refused unread when over the size limit, else at the line of the giant text."""
    _, line = apply(Case("10-mb", "roles.yaml", DUTY.format(key="description"), q("長" * 3_500_000)), data_copy)
    size = (data_copy / "roles.yaml").stat().st_size
    assert size > 10_000_000
    with pytest.raises(DataError) as caught:
        read_sources(data_copy)
    [problem] = caught.value.problems
    assert problem.file.endswith("roles.yaml")
    if size > files.limit("roles").bytes:
        assert "too large" in problem.en and f"{size:,}" in problem.found
    else:
        assert problem.line == line and "too long" in problem.en and problem.found == "3500000"


def test_a_file_over_the_size_limit_is_refused_unread(data_copy: Path):
    path = data_copy / "topics.yaml"
    path.write_bytes(path.read_bytes() + b"#" * (files.limit("topics").bytes - path.stat().st_size + 1))
    with pytest.raises(DataError) as caught:
        read_sources(data_copy)
    [problem] = caught.value.problems
    assert problem.file.endswith("topics.yaml") and "too large" in problem.en
    assert f"{path.stat().st_size:,}" in problem.found


def alias_bomb(levels: int = 10) -> str:
    """Nine aliases per level, ten levels: a few hundred bytes that stand for 9**11 strings if expanded."""
    lines = ['lol: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"l{i}: &l{i} [{','.join([f'*l{i - 1}'] * 9)}]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


CHECK_IN_A_CHILD = """
import json, sys, time
from pathlib import Path
from handbook.data.load import read_sources
from handbook.data.problems import DataError
start = time.perf_counter()
try:
    read_sources(Path(sys.argv[1]))
    problems = []
except DataError as error:
    problems = [(Path(p.file).name, p.line, p.field, p.en) for p in error.problems]
print(json.dumps({"seconds": time.perf_counter() - start, "problems": problems}))
"""


@pytest.mark.parametrize("file", FILES)
@pytest.mark.parametrize("place", ["top", "inside"])
def test_an_alias_bomb_is_refused_at_once(file: str, place: str, data_copy: Path):
    """A ten-level alias bomb in any data file: refused at its first line within 2 s, never expanded.

    The check runs in a child process, so a regression fails on the timeout instead of hanging the suite.
    """
    path = data_copy / f"{file}.yaml"
    text = path.read_text(encoding="utf-8")
    if place == "top":
        text, line = alias_bomb() + text, 1
    else:  # at the end, nested under a field of its own, after everything else has been read
        text = text.rstrip("\n") + "\nextra:\n" + "".join(f"  {row}\n" for row in alias_bomb().splitlines())
        line = text.count("\n", 0, text.index("  lol:")) + 1
    path.write_text(text, encoding="utf-8")
    try:
        child = subprocess.run([sys.executable, "-c", CHECK_IN_A_CHILD, str(data_copy)], cwd=ROOT,
                               capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail(f"checking {file}.yaml with an alias bomb did not finish in 60 s")
    assert child.returncode == 0, child.stderr[-3000:]
    result = json.loads(child.stdout)
    assert result["seconds"] < 2, f"the data check took {result['seconds']:.1f} s"
    mine = [p for p in result["problems"] if p[0] == f"{file}.yaml"]
    assert mine and mine[0][1] == line and "anchors and aliases" in mine[0][3], result["problems"]
    assert mine[0][2].endswith("lol")


@pytest.mark.parametrize("word", sorted(RESERVED["role"]))
def test_a_role_renamed_to_a_reserved_word_in_every_file_is_refused_once(word: str, data_copy: Path):
    """The role id changed everywhere it is used, as a careful contributor would: one problem, at the id."""
    role = re.search(ROLE_ID, (data_copy / "roles.yaml").read_text(encoding="utf-8"), re.M)["old"]
    for file in FILES:
        path = data_copy / f"{file}.yaml"
        path.write_text(re.sub(rf"(?<![a-z0-9-]){role}(?![a-z0-9-])", word, path.read_text(encoding="utf-8")),
                        encoding="utf-8")
    with pytest.raises(DataError) as caught:
        read_sources(data_copy)
    [problem] = caught.value.problems
    assert problem.file.endswith("roles.yaml") and problem.field.endswith("id") and problem.found == word
    assert "the site itself uses" in problem.en


def test_a_missing_file_is_named(data_copy: Path):
    (data_copy / "onboarding.yaml").unlink()
    with pytest.raises(DataError) as caught:
        read_sources(data_copy)
    [problem] = caught.value.problems
    assert problem.file.endswith("onboarding.yaml") and "missing" in problem.en


# ---------------------------------------------------------------- many mistakes at once

DUTY_TITLE = re.compile(r"^(        title: ).*$")
MISTAKES = [  # (what to put on a duty's title line, extra line after it or None, words of the message)
    ('""', None, "empty"),
    ("no", None, "boolean"),
    ("1e3", None, "number"),
    (q("長" * 41), None, "too long"),
    (qx("商品\u200b管理"), None, "invisible"),
    ("[甲, 乙]", None, "Expected text"),
    ("!!binary eA==", None, "tags"),
    ("KEEP", "        titel: 標題", "Unknown field"),
    ("KEEP", "        title: 第二個標題", "twice"),
    ("KEEP", "        note: 備註", "Unknown field"),
]


def test_fifty_mistakes_in_one_file_are_all_reported_in_order_of_lines(data_copy: Path):
    """Journey 6 under load: one run lists every mistake, by line, not only the first."""
    path = data_copy / "roles.yaml"
    lines, expected, kinds = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = DUTY_TITLE.match(line)
        if not match or len(expected) == 50:
            lines.append(line)
            continue
        title, extra, kind = MISTAKES[len(expected) % len(MISTAKES)]
        lines.append(line if title == "KEEP" else match[1] + title)
        if extra:
            lines.append(extra)
        expected.append(len(lines))
        kinds.append(kind)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert len(expected) == 50, "the data needs at least 50 duties for this test"

    with pytest.raises(DataError) as caught:
        read_sources(data_copy)
    problems = caught.value.problems
    assert [p.line for p in problems] == expected
    for problem, kind in zip(problems, kinds):
        assert problem.file.endswith("roles.yaml") and kind in problem.en, problem.format()
    report = caught.value.report()
    assert "50" in report.splitlines()[0]
    positions = [report.index(f"roles.yaml:{line}:") for line in expected]
    assert positions == sorted(positions), "the report lists problems in order of lines"


def test_shape_and_reference_mistakes_are_reported_in_the_same_run(data_copy: Path):
    """A blank field and a wrong id in one edit: the contributor learns of both at once."""
    edits = [
        Case("blank-topic-name", "topics.yaml", TOPIC.format(key="name"), '"  "'),
        Case("unknown-group", "topics.yaml", TOPIC.format(key="group"), "no-such-group"),
        Case("blank-do", "onboarding.yaml", COMPANY_STEP.format(key="do"), '"  "'),
        Case("unknown-step-duty", "onboarding.yaml", STEP.format(indent=STEP_KEY, key="duties"), "[no-such-duty]"),
    ]
    at = {case.name: (case.file, apply(case, data_copy)[1]) for case in edits}
    with pytest.raises(DataError) as caught:
        read_sources(data_copy)
    assert {(Path(p.file).name, p.line) for p in caught.value.problems} == set(at.values())

    # With roles.yaml broken too, references into it wait for the next run instead of all looking wrong.
    title = Case("empty-title", "roles.yaml", DUTY.format(key="title"), '""')
    at[title.name] = (title.file, apply(title, data_copy)[1])
    del at["unknown-step-duty"]
    with pytest.raises(DataError) as caught:
        read_sources(data_copy)
    assert {(Path(p.file).name, p.line) for p in caught.value.problems} == set(at.values())
