"""The hostile catalogue, part three: words that would take another record's search over (issue 26).

Search lists first the record whose name a query is, so every name, alias and synonym must lead to one
record, or to records of one story, in every script and in both vocabularies.  Each case puts a word
where a contributor might (a topic's synonyms, a topic's, process's or measure's aliases) and expects
`make check` to refuse it at that line, naming the record that owns the word, or to accept it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from opencc import OpenCC

from handbook.data.load import read_sources
from handbook.model import Handbook, load
from handbook.data.problems import DataError

from .conftest import FIXTURE
from .refusal import one_problem

H = load(FIXTURE)
T2S = OpenCC("t2s").convert


def fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def unrelated_topic(h: Handbook, refs: set[str], processes: tuple[str, ...] = ()) -> str:
    """A topic none of the duties `refs` takes part in and none of `processes` belongs to."""
    return next(t.id for t in h.topics if not {a.duty.ref for a in t.duties} & refs
                and not any(t in h.process_by_id[p].topics for p in processes))


def measure_refs(m) -> set[str]:
    return {m.owner.ref, *(d.ref for d in m.moved_by)}


def role_refs(role) -> set[str]:
    return {d.ref for d in role.duties}


def add_word(data: Path, where: str, ident: str, word: str) -> tuple[str, int]:
    """Put `word` first among the synonyms of topic `ident` (where="synonyms") or the aliases of the topic,
    process or measure `ident`; returns the file and line it is on."""
    file = {"synonyms": "synonyms.yaml", "topic": "topics.yaml", "process": "processes.yaml",
            "measure": "measures.yaml"}[where]
    path = data / file
    text = path.read_text(encoding="utf-8")
    quoted = json.dumps(word, ensure_ascii=False)
    if where == "synonyms":
        match = re.search(rf"^  {re.escape(ident)}:\n    \[", text, re.M)
        if match:
            at = match.end()
            text = text[:at] + quoted + ", " + text[at:]
            line = text.count("\n", 0, at) + 1
        else:
            text = text.rstrip("\n") + f"\n  {ident}: [{quoted}]\n"
            line = text.count("\n")
    else:
        record = re.search(rf"^  - id: {re.escape(ident)}\n(?:    .*\n)*?    name_en: .*\n", text, re.M)
        block = text[record.end():]
        aliases = re.match(r"(?:    (?!aliases).*\n)*?    aliases: \[", block)
        if aliases and not re.match(r"(?:.*\n)*?  - id:", block[:aliases.end()]):
            at = record.end() + aliases.end()
            text = text[:at] + quoted + ", " + text[at:]
        else:
            at = record.end()
            text = text[:at] + f"    aliases: [{quoted}]\n" + text[at:]
        line = text.count("\n", 0, at) + 1
    path.write_text(text, encoding="utf-8")
    return file, line


@dataclass
class Case:
    name: str
    where: str  # synonyms, topic, process or measure
    ident: Callable[[Handbook], str]
    word: Callable[[Handbook], str]
    says: tuple[str, ...] = ()  # words the message holds; () when the word is accepted

    def __str__(self) -> str:
        return self.name


ROLE = lambda h: h.roles[1]  # noqa: E731
CASES = [
    Case("role-name-as-synonym-of-an-unrelated-topic", "synonyms", lambda h: unrelated_topic(h, role_refs(ROLE(h))),
         lambda h: ROLE(h).name, ("role", "a role's name is the role's own")),
    Case("role-name-as-synonym-of-a-topic-its-duties-are-in", "synonyms", lambda h: next(t.id for t in h.topics if ROLE(h).duties[0].ref in {a.duty.ref for a in t.duties}),
         lambda h: ROLE(h).name, ("role",)),
    Case("another-roles-english-name-upper-case-as-topic-alias", "topic", lambda h: h.topics[-1].id,
         lambda h: h.roles[-1].name_en.upper(), ("role",)),
    Case("role-name-in-simplified-as-process-alias", "process", lambda h: h.processes[0].id,
         lambda h: T2S(h.roles[-2].name), ("role",)),
    Case("role-name-full-width-as-measure-alias", "measure", lambda h: h.measures[0].id,
         lambda h: fullwidth(h.roles[-3].name_en), ("role",)),
    Case("unrelated-duty-title-as-synonym", "synonyms",
         lambda h: unrelated_topic(h, {h.roles[2].duties[-1].ref}), lambda h: h.roles[2].duties[-1].title,
         ("duty",)),
    Case("unrelated-duty-english-title-as-topic-alias", "topic",
         lambda h: unrelated_topic(h, {h.roles[3].duties[0].ref}), lambda h: h.roles[3].duties[0].title_en.lower(),
         ("duty",)),
    Case("measure-name-as-synonym-of-an-unrelated-topic", "synonyms",
         lambda h: unrelated_topic(h, measure_refs(h.measures[-1])), lambda h: h.measures[-1].name, ("measure",)),
    Case("process-name-as-synonym-of-an-unrelated-topic", "synonyms",
         lambda h: unrelated_topic(h, {s.duty.ref for s in h.processes[-1].steps}, (h.processes[-1].id,)),
         lambda h: h.processes[-1].name, ("process",)),
    Case("topic-name-in-simplified-as-measure-alias", "measure",
         lambda h: next(m.id for m in h.measures if not measure_refs(m) & {a.duty.ref for a in h.topics[0].duties}),
         lambda h: T2S(h.topics[0].name), ("topic",)),
    Case("one-character-synonym", "synonyms", lambda h: h.topics[0].id, lambda h: "錢", ("single character",)),
    Case("one-latin-letter-synonym", "synonyms", lambda h: h.topics[1].id, lambda h: "Ｑ", ("single character",)),
    Case("one-character-process-alias", "process", lambda h: h.processes[0].id, lambda h: "貨",
         ("single character",)),
    # accepted: words of one story
    Case("a-topics-own-duty-title-as-its-synonym", "synonyms", lambda h: h.topics[0].id,
         lambda h: T2S(h.topics[0].duties[-1].duty.title)),
    Case("a-process-name-as-synonym-of-its-own-topic", "synonyms", lambda h: h.processes[0].topics[0].id,
         lambda h: h.processes[0].name + "流程圖"),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_a_word_leads_search_to_one_record(case: Case, data_copy: Path):
    file, line = add_word(data_copy, case.where, case.ident(H), case.word(H))
    if not case.says:
        read_sources(data_copy)
        return
    one_problem(data_copy, file, line, case.says)


def test_words_equal_only_in_mainland_wording_are_one_word(data_copy: Path):
    """列印 (Taiwan) and 打印 (mainland) are one word to a reader of the Simplified edition."""
    roles = data_copy / "roles.yaml"
    name = H.roles[0].name
    roles.write_text(roles.read_text(encoding="utf-8").replace(f"name: {name}\n", "name: 列印中心\n", 1),
                     encoding="utf-8")
    file, line = add_word(data_copy, "synonyms", unrelated_topic(H, role_refs(H.roles[0])), "打印中心")
    with pytest.raises(DataError) as caught:
        read_sources(data_copy)
    [problem] = caught.value.problems
    assert problem.file.endswith(file) and problem.line == line and "mainland" in problem.en, problem.format()
