"""The handbook's editorial rules: one accountable duty per topic, a reason for every judgement, the document
quoted where it is cited, topic names that stay apart on the tags page."""

from __future__ import annotations

import re

from pymdownx.slugs import slugify  # a Markdown extension, not MkDocs: what Material's tags plugin calls

from handbook.data.problems import show
from handbook.data.reporting import Checker, records
from handbook.data.yamlsource import Source
from handbook.kinds.vocabularies import ACCOUNTABLE, DOCUMENT, HANDBOOK, LETTERS

LETTER_CODES = {letter.code for letter in LETTERS}

_TAG_SLUG = slugify(case="lower")


def tag_anchor(name: str) -> str:
    """The #anchor Material's tags plugin gives a tag on the tags page (its default tags_slugify): two
    topic names with one anchor share one entry there."""
    return "tag:" + _TAG_SLUG(name, "-")


_QUOTE = re.compile(r"「([^」]*)」")


def check_quote(c: Checker, processes: Source, path: tuple, step: dict) -> None:
    """A process step based on the document quotes it (quotes.py checks the words are its duty's)."""
    because, ref = step.get("because"), step.get("duty")
    if step.get("basis") == DOCUMENT and isinstance(because, str) and not _QUOTE.search(because):
        c.report(processes, path + ("because",),
                 "依據是 document(原文)時,because 要用「」引出這項職責說明裡的原話。",
                 "With basis 'document', 'because' must quote the duty's description in 「」.",
                 expected=f"「…」裡是 {ref} 的說明裡的字 / words from the description of {ref}",
                 found=show(because), hint="或把 basis 改成 handbook / or make the basis handbook")


ASSISTING = ("協助", "协助", "配合", "支持")  # words by which the document says a duty helps others do the work


def duty_texts(roles: Source) -> dict[str, str]:
    """role-id/duty-id -> the duty's title and description, as the document words them."""
    found = {}
    for role in records(roles.data, "roles"):
        if isinstance(role, dict) and isinstance(role.get("id"), str):
            for duty in records(role, "duties"):
                if isinstance(duty, dict) and isinstance(duty.get("id"), str):
                    found[f"{role['id']}/{duty['id']}"] = f"{duty.get('title', '')}:{duty.get('description', '')}"
    return found


def assisting_words(text: str) -> str | None:
    """The phrase around the first assisting word in a duty's text, or None."""
    for word in ASSISTING:
        at = text.find(word)
        if at >= 0:
            return text[max(0, at - 4): at + len(word) + 10]
    return None


def check_letters(c: Checker, topics: Source, i: int, topic: dict, texts: dict[str, str]) -> None:
    """Exactly one accountable duty per topic; reasons for judgements and for accountable assisting duties."""
    assignments = [(j, a) for j, a in enumerate(records(topic, "duties")) if isinstance(a, dict)]
    if not assignments:
        return
    name = show(topic.get("id"))
    line = topics.where(("topics", i))[0]

    def listed(items) -> str:
        return "、".join(f"{show(a.get('duty'))}({a.get('raci')},第 {topics.where(('topics', i, 'duties', j))[0]} 行)"
                        for j, a in items)

    accountable = [(j, a) for j, a in assignments if a.get("raci") == ACCOUNTABLE]
    # a letter that is no letter (a, Ａ) is its own message (spec.py); without it, the topic may well have its A
    if not accountable and all(a.get("raci") in LETTER_CODES for _, a in assignments):
        doing = [(j, a) for j, a in assignments if a.get("raci") == "R"] or assignments
        c.report(topics, ("topics", i, "duties"),
                 f"主題「{name}」(第 {line} 行)沒有當責(A)的職責;每個主題要有一個,讀者才知道找誰。",
                 f"Topic '{name}' (line {line}) has no accountable (A) duty; each topic needs exactly one, "
                 "so readers know whom to ask.",
                 expected="一項 raci: A / exactly one duty with raci: A", found="0 × A",
                 hint=f"從這些職責中選一個改成 A / make one of these A:{listed(doing)}")
    roles = {str(a.get("duty")).split("/", 1)[0] for _, a in accountable}
    if len(accountable) > 1:
        j, _ = accountable[1]
        kind_zh = f"{len(roles)} 個崗位" if len(roles) > 1 else "同一個崗位的幾個職責"
        kind_en = f"{len(roles)} roles" if len(roles) > 1 else "several duties of one role"
        c.report(topics, ("topics", i, "duties", j, "raci"),
                 f"主題「{name}」(第 {line} 行)有 {len(accountable)} 項 A({kind_zh});每個主題只能有一個當責。",
                 f"Topic '{name}' (line {line}) has {len(accountable)} accountable (A) duties ({kind_en}); "
                 "a topic has exactly one.",
                 expected="一項 raci: A / exactly one duty with raci: A", found=listed(accountable),
                 hint="只留一個 A,其餘改成 R / keep one A and make the others R")
    for j, a in assignments:
        reason = a.get("reason")
        has_reason = isinstance(reason, str) and bool(reason.strip())
        if a.get("basis") == HANDBOOK and not has_reason and "reason" not in a:
            c.report(topics, ("topics", i, "duties", j), "這一項是本手冊的判斷(basis: handbook),要寫 reason 說明為什麼。",
                     "This assignment is the handbook's judgement (basis: handbook): give a reason.",
                     expected="reason: 一句話說明 / reason: one line saying why", found="(沒有 reason / none)")
        phrase = assisting_words(texts.get(str(a.get("duty")), ""))
        if a.get("raci") == ACCOUNTABLE and phrase and not has_reason and "reason" not in a:
            c.report(topics, ("topics", i, "duties", j, "raci"),
                     f"原文把這個職責寫成協助別人(「{phrase}」);要列為當責(A)必須在 reason 寫明理由。",
                     f"The document words this duty as assisting others ('{phrase}'); it may be accountable (A) "
                     "only with a written reason.",
                     expected="reason: 為什麼仍由它當責 / reason: why it still answers for the topic", found="A",
                     hint="加上 reason,或改成 R 並把 A 給主導的職責 / add a reason, or make it R and give A to "
                          "the duty that leads")
