"""Ids a page makes from the data's names, beside the data's own ids, in both editions.

The build refuses a page with two elements of one id (a link to it lands on the wrong one), but only after
the data has passed `make check`, and without a file or line.  The ids it would find come from the data:
a role page's heading is its name made an id (財務 → #財務) beside its duties' ids, a process page's
heading beside its steps' ids, and the tags page gives each topic name an anchor; the Simplified edition
converts them all (OpenCC: 臺 and 台, 列印 and 打印 become one), so two names apart in Traditional can be
one id there.  Here each is found in the data, with the lines to change.  (Fixed ids such as the
swimlane's own are reserved words: handbook/kinds/names.py.)
"""

from __future__ import annotations

import functools

from opencc import OpenCC
from pymdownx.slugs import slugify

from handbook.data.editorial import tag_anchor
from handbook.data.problems import Problem, show
from handbook.data.reporting import readable, records
from handbook.data.searchnames import forms
from handbook.data.yamlsource import Source
from handbook.kinds.names import SHARED_PAGES, STEP_PAGE_ANCHORS

_HEADING = slugify(case="lower")  # mkdocs.yml's toc slugify: the id a heading gets from its text
_EDITIONS = (OpenCC("t2s").convert, OpenCC("tw2sp").convert)  # characters, and mainland phrases


def heading_id(text: str) -> str:
    return _HEADING(text, "-")


@functools.lru_cache(maxsize=None)
def simplified_forms(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(convert(text) for convert in _EDITIONS))


def check(sources: dict[str, Source], sound: dict[str, bool]) -> list[Problem]:
    problems: list[Problem] = []

    def beside(source: Source, name_path: tuple, name: str, taken: dict[str, str], page: str) -> None:
        """The heading id `name` gives its page, against the ids `taken` on it (id → where it comes from)."""
        for form in (name, *simplified_forms(name)):
            ident = heading_id(form)
            if ident in taken:
                line, column = source.where(name_path)
                problems.append(Problem(
                    source.name, line, column, source.label(name_path),
                    f"「{show(name)}」當標題時,{page}的標題錨點會是 #{ident},和{taken[ident]}一樣;同一頁有兩個相同的 id,連結會跳錯地方。",
                    f"As the heading of {page}, '{show(name)}' gets the anchor #{ident}, the same as "
                    f"{taken[ident]}: a page with two equal ids sends links to the wrong one.",
                    expected=f"名稱變成錨點後不是 / a name whose anchor is none of: {', '.join(sorted(taken))}",
                    found=f"{show(name)} → #{ident}", hint="換一個名稱,或換那個 id / choose another name, or change that id"))
                return

    # (file, its records, the ids on each record's page, the page's fixed anchors, the page, those ids)
    for file, inner, fixed, page, what in (
            ("roles", "duties", SHARED_PAGES["role.md.j2"][1], "崗位頁 the role page of", "職責 id the duty id"),
            ("processes", "steps", STEP_PAGE_ANCHORS, "流程頁 the process page of", "步驟 id the step id")):
        if not sound.get(file):
            continue
        source = sources[file]
        for i, record in enumerate(records(source.data, file)):
            if not isinstance(record, dict) or not readable(record.get("name")):
                continue
            taken = {word: f"固定的錨點 the page's own anchor #{word}" for word in fixed}
            for k, item in enumerate(records(record, inner)):
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    line = source.where((file, i, inner, k, "id"))[0]
                    taken[item["id"]] = f"第 {line} 行的{what} on line {line} ({item['id']})"
            beside(source, (file, i, "name"), record["name"], taken, f"{page} {record.get('id')}")
    if sound.get("topics"):
        problems += _tags_in_the_simplified_edition(sources["topics"])
    return problems


def _tags_in_the_simplified_edition(topics: Source) -> list[Problem]:
    """Two topic names whose tags-page anchors differ in Traditional (editorial.py checks those) but are one
    anchor once the Simplified edition converts them."""
    problems: list[Problem] = []
    names = [(i, t["name"]) for i, t in enumerate(records(topics.data, "topics"))
             if isinstance(t, dict) and readable(t.get("name"))]
    traditional = {tag_anchor(name) for _, name in names}
    if len(traditional) < len(names):
        return []  # editorial.py has said which names share an anchor already
    owner: dict[str, tuple[str, int]] = {}
    for i, name in names:
        line = topics.where(("topics", i, "name"))[0]
        anchors = dict.fromkeys(tag_anchor(form) for form in simplified_forms(name))
        clash = next((a for a in anchors if a in owner and owner[a][0] != name
                      and not set(forms(owner[a][0])) & set(forms(name))), None)  # else searchnames.py says it
        if clash:
            other, first = owner[clash]
            line, column = topics.where(("topics", i, "name"))
            problems.append(Problem(
                topics.name, line, column, topics.label(("topics", i, "name")),
                f"主題名稱「{show(name)}」和第 {first} 行的「{show(other)}」在簡體版是同一個詞,簡體版的標籤頁會有兩個 #{clash}。",
                f"The topic name '{show(name)}' and '{show(other)}' on line {first} are one word in the Simplified "
                f"edition, whose tags page would hold #{clash} twice.",
                expected="簡體版裡也不一樣的名稱 / a name that differs in Simplified too", found=f"{show(name)} → #{clash}",
                hint="換一個名稱 / choose another name"))
            continue
        for anchor in anchors:
            owner.setdefault(anchor, (name, line))
    return problems
