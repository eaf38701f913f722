"""The hostile catalogue, part four: rules only the tests or the build knew, now `make check` rules (issue 26).

A document step quoting words its duty never says, a step id the swimlane uses itself, a name whose
heading anchor is an id on its own page, two topic names one anchor apart only in the Simplified edition:
each passed `make check` and was caught later (by a content test, or by the build with no file or line),
if at all.  Each case edits a private copy of the fixture data and expects one problem at its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from opencc import OpenCC

from handbook.data.load import read_sources
from handbook.kinds.names import SWIM_DESC, SWIM_TITLE
from handbook.site import pages

from .refusal import one_problem

T2S = OpenCC("t2s").convert


@dataclass
class Case:
    name: str
    file: str
    pattern: str  # its group `old` is replaced; the problem is expected on the line of group `at` (else `old`)
    value: str | object
    says: tuple[str, ...] = ()  # () when the data is accepted
    found: str | None = None

    def __str__(self) -> str:
        return self.name


DOCUMENT_STEP = r"^        basis: document\n        because: \"(?P<before>[^「\"]*)「(?P<old>[^」]+)」"
FIRST_STEP_ID = r"^processes:\n(?:.*\n)*?      - id: (?P<old>[a-z0-9-]+)$"
PROCESS_NAME = r"^processes:\n  - id: [a-z0-9-]+\n    name: (?P<old>.*)\n(?:.*\n)*?      - id: (?P<step>[a-z0-9-]+)\n"
ROLE_NAME = r"^roles:\n(?:.*\n)*?  - id: [a-z0-9-]+\n    name: (?P<old>.*)\n(?:    .*\n)*?      - id: (?P<duty>[a-z0-9-]+)\n"
DOCUMENT_LETTER = r"^topics:\n(?:.*\n)*?      - duty: (?P<duty>[a-z0-9/-]+)\n        raci: [RACI]\n" \
                  r"        basis: document\n(?P<old>)"
TOPIC_NAMES = r"^topics:\n(?:  #.*\n)*  - id: [a-z0-9-]+\n    name: (?P<old>.*)\n(?:.*\n)*?  - id: [a-z0-9-]+\n" \
              r"    name: (?P<second>.*)\n"

CASES = [
    Case("document-quote-not-in-its-duty", "processes.yaml", DOCUMENT_STEP, "確保每一筆退款都在當天到賬",
         ("not in the words of the duty", "原文"), found="確保每一筆退款都在當天到賬"),
    Case("document-quote-with-one-invented-piece", "processes.yaml", DOCUMENT_STEP,
         lambda m: m["old"][:4] + "…並且全年無休", ("not in the words of the duty",), found="並且全年無休"),
    Case("document-quote-misremembered-by-a-character", "processes.yaml", DOCUMENT_STEP,
         lambda m: m["old"][:-1] + ("好" if m["old"][-1] != "好" else "壞"), ("did you mean",)),
    Case("document-quote-in-simplified-is-the-same-words", "processes.yaml", DOCUMENT_STEP,
         lambda m: T2S(m["old"])),
    Case("document-quote-with-an-ellipsis-between-real-words", "processes.yaml", DOCUMENT_STEP,
         lambda m: m["old"][:3] + "…" + m["old"][-3:]),
    Case("document-letter-reason-quoting-invented-words", "topics.yaml", DOCUMENT_LETTER,
         '        reason: "原文寫「全權負責所有的退款審批」。"\n', ("not in the words of the duty",)),
    Case("step-id-is-the-swimlanes-title-id", "processes.yaml", FIRST_STEP_ID, SWIM_TITLE,
         ("the site itself uses",), found=SWIM_TITLE),
    Case("step-id-is-the-swimlanes-description-id", "processes.yaml", FIRST_STEP_ID, SWIM_DESC,
         ("the site itself uses",)),
    Case("process-name-whose-heading-anchor-is-a-step-id", "processes.yaml", PROCESS_NAME,
         lambda m: '"' + m["step"].replace("-", " ").title() + '"', ("anchor", "the same as"),
         found="→ #"),
    Case("process-name-whose-heading-anchor-is-the-steps-heading", "processes.yaml", PROCESS_NAME,
         '"Process Steps"', ("anchor",), found="#process-steps"),
    Case("role-name-whose-heading-anchor-is-a-duty-id", "roles.yaml", ROLE_NAME,
         lambda m: m["duty"].replace("-", " ").upper(), ("anchor", "the same as")),
    Case("role-name-whose-heading-anchor-is-the-duties-heading", "roles.yaml", ROLE_NAME, "Duties", ("anchor",)),
    # one fault, one message, saying what the value looks like and what it was meant to be
    Case("lower-case-letter-on-a-topics-only-a", "topics.yaml", r"^        raci: (?P<old>A)$", "a",
         ("did you mean「A」",), found="a"),
    Case("full-width-letter-on-a-topics-only-a", "topics.yaml", r"^        raci: (?P<old>A)$", "Ａ",
         ("did you mean「A」", "full-width"), found="Ａ"),
    Case("full-width-direction", "measures.yaml", r"^    direction: (?P<old>higher)$", "ｈｉｇｈｅｒ",
         ("did you mean「higher」", "full-width")),
    Case("capitalised-step-basis", "processes.yaml", r"^        basis: (?P<old>document)$", "Document",
         ("did you mean「document」",)),
    Case("mistyped-measure-owner-is-one-problem-not-two", "measures.yaml", r"^    owner: (?P<old>[a-z0-9/-]+)$",
         lambda m: m["old"] + "x", ("did you mean",)),
    Case("two-topic-names-one-anchor-only-in-simplified", "topics.yaml", TOPIC_NAMES,
         lambda m: '"臺灣 倉儲"', ("Simplified",)),
]


def apply(case: Case, data: Path) -> tuple[re.Match, int]:
    path = data / case.file
    text = path.read_text(encoding="utf-8")
    match = re.search(case.pattern, text, re.M)
    assert match, f"{case}: the pattern no longer matches {case.file}"
    value = case.value(match) if callable(case.value) else case.value
    text = text[:match.start("old")] + value + text[match.end("old"):]
    if case.name == "two-topic-names-one-anchor-only-in-simplified":  # the second name, one script and a dash apart
        text = text.replace(f"name: {match['second']}\n", 'name: "台灣-倉儲"\n', 1)
    path.write_text(text, encoding="utf-8")
    line = text.count("\n", 0, match.start("old")) + 1
    if case.name == "two-topic-names-one-anchor-only-in-simplified":
        line = text.count("\n", 0, text.index('name: "台灣-倉儲"')) + 1
    return match, line


@pytest.mark.parametrize("case", CASES, ids=str)
def test_a_rule_the_build_or_a_test_knew_is_a_check_rule(case: Case, data_copy: Path):
    _, line = apply(case, data_copy)
    if not case.says:
        read_sources(data_copy)
        return
    one_problem(data_copy, case.file, line, case.says, case.found)


def test_the_build_refuses_a_simplified_page_with_one_id_twice(tmp_path):
    """What `make check` cannot foresee still fails the build, naming the converted page and the id."""
    edition = tmp_path / "zh-Hans" / "tags"
    edition.mkdir(parents=True)
    (edition / "index.html").write_text('<h2 id="tag:台湾">台湾</h2> <h2 id="tag:台湾">台湾</h2>', encoding="utf-8")
    (edition.parent / "index.html").write_text('<p id="a"></p> <p id="b"></p>', encoding="utf-8")
    assert pages.duplicate_ids_in(tmp_path / "zh-Hans") == ["zh-Hans/tags/index.html: 'tag:台湾'"]
