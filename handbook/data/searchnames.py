"""Every word search takes for a name leads to one thing, or to things that tell one story.

Search lists first the thing whose name a query is (handbook/search/index.py), so a word listed under the
wrong record takes another's search over: a role's name among a topic's synonyms sends readers who type
the role to the topic.  Names are role names, duty titles, the names and aliases of topics, processes and
measures, and the synonyms of topics, compared after folding (fold.py: Traditional and Simplified, NFKC,
case) and in both vocabularies (OpenCC tw2sp: 列印 and 打印 are one word to a mainland reader).

A word may be shared by records of one story: a topic and a duty it lists, a process and its topics or the
duties doing its steps, a measure and the duties owning or moving it (and their topics and processes).  A
role's name is its own.  Names shared within one kind are checked where that kind is (references.py);
here only what those checks cannot see: names of two kinds, and names equal only in the other vocabulary.
A single character is no synonym or alias: it is inside too many words to lead anywhere.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from opencc import OpenCC

from handbook.data.fold import fold
from handbook.data.problems import Problem, show
from handbook.data.yamlsource import Source

_TW2SP = OpenCC("tw2sp")

# kind → (Chinese, English) for messages; topics' synonyms count as the topic's own names.
KINDS = {"role": ("崗位", "role"), "duty": ("職責", "duty"), "topic": ("主題", "topic"),
         "process": ("流程", "process"), "measure": ("成效指標", "measure")}


@functools.lru_cache(maxsize=None)
def forms(word: str) -> tuple[str, ...]:
    """The folded forms a reader's query of `word` takes: as written, and in mainland wording."""
    folded = fold(word.strip())
    mainland = fold(_TW2SP.convert(word.strip()))
    return (folded,) if mainland == folded else (folded, mainland)


@dataclass(frozen=True)
class Name:
    thing: tuple[str, str]  # (kind, id): ("duty", "finance/budgeting")
    word: str
    source: Source
    path: tuple
    alias: bool  # an alias or a synonym (one character is refused), not a record's own name


def _records(data, key: str) -> list:
    value = data.get(key) if isinstance(data, dict) else None
    return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []


def _text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _names(sources: dict[str, Source]) -> list[Name]:
    """Every name, in the order messages blame the later one: roles and duties first, synonyms last."""
    found: list[Name] = []

    def add(thing, source, path, value, alias=False):
        if _text(value):
            found.append(Name(thing, value, source, path, alias))

    roles = sources["roles"]
    for i, role in enumerate(_records(roles.data, "roles")):
        for key in ("name", "name_en"):
            add(("role", role.get("id")), roles, ("roles", i, key), role.get(key))
        for j, duty in enumerate(_records(role, "duties")):
            for key in ("title", "title_en"):
                add(("duty", f"{role.get('id')}/{duty.get('id')}"), roles, ("roles", i, "duties", j, key),
                    duty.get(key))
    for kind, file in (("topic", "topics"), ("process", "processes"), ("measure", "measures")):
        source = sources[file]
        for i, item in enumerate(_records(source.data, file)):
            for key in ("name", "name_en"):
                add((kind, item.get("id")), source, (file, i, key), item.get(key))
            aliases = item.get("aliases")
            for j, alias in enumerate(aliases if isinstance(aliases, list) else []):
                add((kind, item.get("id")), source, (file, i, "aliases", j), alias, alias=True)
    synonyms = sources.get("synonyms")
    by_topic = synonyms.data.get("synonyms") if synonyms and isinstance(synonyms.data, dict) else None
    for topic_id, words in (by_topic.items() if isinstance(by_topic, dict) else ()):
        for j, word in enumerate(words if isinstance(words, list) else []):
            add(("topic", topic_id), synonyms, ("synonyms", topic_id, j), word, alias=True)
    return found


def stories(sources: dict[str, Source]) -> set[frozenset]:
    """The pairs of records that tell one story, so may share a word (see the module docstring)."""
    pairs: set[frozenset] = set()

    def join(a, b):
        pairs.add(frozenset((a, b)))

    for role in _records(sources["roles"].data, "roles"):
        for duty in _records(role, "duties"):
            join(("role", role.get("id")), ("duty", f"{role.get('id')}/{duty.get('id')}"))
    topic_duties: dict[str, set] = {}
    for topic in _records(sources["topics"].data, "topics"):
        refs = {a.get("duty") for a in _records(topic, "duties")}
        topic_duties[topic.get("id")] = refs
        for ref in refs:
            join(("topic", topic.get("id")), ("duty", ref))
    measure_duties = {m.get("id"): {m.get("owner"), *(m.get("moved_by") or [])}
                      for m in _records(sources["measures"].data, "measures")}
    for measure, refs in measure_duties.items():
        for ref in refs:
            join(("measure", measure), ("duty", ref))
        for topic, duties in topic_duties.items():
            if refs & duties:
                join(("measure", measure), ("topic", topic))
    for process in _records(sources["processes"].data, "processes"):
        here = ("process", process.get("id"))
        topics = process.get("topics")
        for topic in topics if isinstance(topics, list) else []:
            join(here, ("topic", topic))
        for step in _records(process, "steps"):
            join(here, ("duty", step.get("duty")))
            for measure, refs in measure_duties.items():
                if step.get("duty") in refs:
                    join(here, ("measure", measure))
            measures = step.get("measures")
            for measure in measures if isinstance(measures, list) else []:
                join(here, ("measure", measure))
    return pairs


def check(sources: dict[str, Source]) -> list[Problem]:
    """Words that would lead search to two unrelated records, and one-character synonyms and aliases."""
    problems: list[Problem] = []
    together = stories(sources)
    owner: dict[str, Name] = {}  # folded form → the first name that has it
    for name in _names(sources):
        here = forms(name.word)
        if name.alias and len(here[0]) < 2:
            problems.append(_one_character(name))
            continue
        for form in here:
            first = owner.get(form)
            if first is None or first.thing == name.thing or frozenset((first.thing, name.thing)) in together:
                continue
            same_kind = first.thing[0] == name.thing[0]
            if same_kind and (name.thing[0] == "duty" or fold(first.word.strip()) == here[0]):
                continue  # duties of two roles may share a title; the same word in one kind: references.py
            problems.append(_taken(name, first))
            break
        else:
            for form in here:
                owner.setdefault(form, name)
    return problems


def _thing(name: Name) -> tuple[str, str]:
    kind, ident = name.thing
    zh, en = KINDS[kind]
    return f"{zh}「{show(ident)}」", f"{en} '{show(ident)}'"


def _taken(name: Name, first: Name) -> Problem:
    line, column = name.source.where(name.path)
    first_line = first.source.where(first.path)[0]
    where = f"{first.source.name}:{first_line}"
    other_zh, other_en = _thing(first)
    mine_zh, mine_en = _thing(name)
    same = "" if fold(first.word.strip()) == fold(name.word.strip()) else \
        f"(大陸用語裡兩者是同一個詞 / one word in mainland wording: {show(first.word)} = {show(name.word)})"
    hint_zh = "刪掉這個詞;如果兩者確實是同一件事,把它們連起來(例如在主題 duties 下列出這項職責)"
    hint_en = "remove this word; if both are one story, link them (e.g. list the duty under the topic's duties)"
    if first.thing[0] == "role":
        hint_zh, hint_en = "刪掉這個詞:崗位名稱只屬於崗位本身", "remove this word: a role's name is the role's own"
    return Problem(
        name.source.name, line, column, name.source.label(name.path),
        f"「{show(name.word)}」已經是{other_zh}的名稱({where});搜尋這個詞的讀者要找的是它,"
        f"不能再指向{mine_zh}。{same}",
        f"'{show(name.word)}' is already the name of {other_en} ({where}): readers who search for it look for "
        f"that, so it cannot also lead to {mine_en}, which has nothing to do with it. {same}".rstrip(),
        expected=f"別的紀錄沒有用過的詞 / a word no unrelated record uses", found=show(name.word),
        hint=f"{hint_zh} / {hint_en}")


def _one_character(name: Name) -> Problem:
    line, column = name.source.where(name.path)
    return Problem(name.source.name, line, column, name.source.label(name.path),
                   f"「{show(name.word)}」只有一個字,不能當別名或同義詞:它出現在太多詞裡,搜尋會把讀者帶錯地方。",
                   f"'{show(name.word)}' is a single character, which cannot be an alias or synonym: it is part "
                   "of too many words, so search would lead readers astray.",
                   expected="至少兩個字的詞 / a word of two or more characters", found=show(name.word),
                   hint="改成完整的說法,例如「退錢」而不是「錢」/ write the whole word readers type")
