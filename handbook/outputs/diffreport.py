"""The diff's report in plain words, Chinese and English: a terminal's text, or Markdown for a pull request.

Text from the data is content: in Markdown every punctuation mark it holds is escaped, so a duty title can
never become a link, an image or a heading in the job summary; in both forms hidden characters are shown
as escapes.
"""

from __future__ import annotations

import re

from handbook.data.problems import printable
from handbook.outputs.meaning import Meaning, Named
from handbook.kinds.vocabularies import LETTER

_PUNCT = re.compile(r"[!-/:-@\[-`{-~]")
KINDS = {"role": ("崗位", "role"), "duty": ("職責", "duty"), "topic": ("主題", "topic"),
         "process": ("流程", "process"), "measure": ("成效指標", "measure")}
ACTIONS = {"added": ("新增", "added"), "removed": ("刪除", "removed"), "reworded": ("改寫", "reworded"),
           "changed": ("修改", "changed"), "reviewed": ("審閱", "reviewed"), "renamed": ("改名", "renamed"),
           "moved": ("換了順序", "moved to another place"), "reassigned": ("換人做", "now done by another duty")}
ONBOARDING = "onboarding.yaml"


class Writer:
    def __init__(self, markdown: bool):
        self.markdown = markdown
        self.lines: list[str] = []

    def text(self, value: object) -> str:
        """Data text, shown and never interpreted."""
        shown = printable(" ".join(str(value).split()))
        if self.markdown:
            return _PUNCT.sub(lambda m: "\\" + m.group() if m.group() not in "<>&" else
                              {"<": "&lt;", ">": "&gt;", "&": "&amp;"}[m.group()], shown)
        return shown

    def code(self, value: str) -> str:
        return f"`{value}`" if self.markdown else value

    def head(self, zh: str, en: str, level: int = 2) -> None:
        self.lines += ["", f"{'#' * level} {zh} · {en}" if self.markdown else f"{zh} · {en}",
                       "" if self.markdown else "-" * 40]

    def item(self, line: str) -> None:
        self.lines.append(f"- {line}")

    def named(self, n: Named | None) -> str:
        if n is None:
            return "(無 none)"
        return f"{self.text(n.zh)} ({self.text(n.en)})" if n.en and n.en != n.zh else self.text(n.zh)


def _letter(code: str | None) -> str:
    return f"{code} {LETTER[code].name}" if code else "—"


def render(meaning: Meaning, markdown: bool = False) -> str:
    w = Writer(markdown)
    w.lines.append(("# " if markdown else "") + "這個改動的意思 · What this change means")
    w.lines += ["", f"比較 Comparing {w.code(meaning.base)} → {w.code(meaning.head)}"]
    if not meaning.compared:
        w.lines += ["", "其中一個版本沒有通過檢查,只比較了紀錄,沒有比較字母、當責和流程順序。 / "
                        "One version fails the checks: records were compared, letters, owners and step order were not."]
    if meaning.reviewers:
        w.head("請這些崗位的負責人審閱", "Roles whose owners should review")
        for role in meaning.reviewers:
            w.item(f"{w.text(role.name)} ({w.text(role.name_en)}, {w.code(role.id)}):"
                   f"{' '.join(w.code(o) for o in role.owners)}")  # checked: @user or @org/team
    if meaning.broken:
        w.head("會斷掉的網址", "Published addresses that would break")
        for a in meaning.broken:
            zh, en = KINDS[a.kind]
            entry = f"- {{kind: {a.kind}, from: {a.old}" + (f", to: {a.suggest}}}" if a.suggest else "}")
            w.item(f"{', '.join(w.code(u) for u in a.urls)}:{zh}「{a.old}」不見了,data/moved.yaml 沒有它的紀錄。"
                   f" / The {en} '{a.old}' is gone and data/moved.yaml has no entry for it."
                   f" 在 data/moved.yaml 加上 Add to data/moved.yaml: {w.code(entry)}")
    if meaning.accountable:
        w.head("當責(A)換了", "Who answers for it (A) changed")
        for a in meaning.accountable:
            zh, en = KINDS[a.kind]
            depends = (f";這個主題的流程裡有 {a.steps} 個步驟、{a.measures} 個指標由它的崗位負責 / {a.steps} process "
                       f"step(s) and {a.measures} measure(s) of this topic now rest with its role") if a.steps else ""
            w.item(f"{zh} {en}「{w.named(a.record)}」:{w.named(a.old)} → {w.named(a.new)}{depends}")
    if meaning.letters:
        w.head("主題裡的字母變了", "Letters moved in topics")
        for m in meaning.letters:
            w.item(f"{w.named(m.topic)}:{w.named(m.duty)} {_letter(m.old)} → {_letter(m.new)}")
    duties = [r for r in meaning.records if r.file != ONBOARDING]
    if duties:
        w.head("職責與其他紀錄", "Duties and other records")
        for r in duties:
            _record(w, r)
    if meaning.steps:
        w.head("流程步驟", "Process steps")
        for s in meaning.steps:
            zh, en = ACTIONS[s.action]
            who = f":{w.named(s.old)} → {w.named(s.new)}" if s.action == "reassigned" else ""
            w.item(f"{w.named(s.process)}:{zh} {en} — {w.named(s.step)}{who}")
    onboarding = [r for r in meaning.records if r.file == ONBOARDING]
    if onboarding:
        w.head("入職步驟", "Onboarding steps")
        for r in onboarding:
            _record(w, r)
    moved = [a for a in meaning.addresses if a.redirected]
    if moved:
        w.head("改名或刪除、舊網址仍可用", "Renamed or removed, old addresses kept")
        for a in moved:
            zh, en = KINDS[a.kind]
            w.item(f"{zh} {en} {w.code(a.old)} → {w.code(a.new) if a.new else '(清單頁 the list)'}:"
                   f"{', '.join(w.code(u) for u in a.urls)}")
    if meaning.problems:
        w.head("這個改動沒通過的檢查", "Checks this change now fails")
        for p in meaning.problems:
            w.item(f"{w.code(p.where)} {w.text(p.field)}:{w.text(p.zh)} / {w.text(p.en)}"
                   + (f" — {w.text(p.hint)}" if p.hint else ""))
    if len(w.lines) <= 3 + (0 if meaning.compared else 2):
        w.lines += ["", "沒有改到職責、字母、流程或網址。 / Nothing changes in duties, letters, processes or addresses."]
    return "\n".join(w.lines) + "\n"


def _record(w: Writer, r) -> None:
    zh, en = ACTIONS.get(r.action, (r.action, r.action))
    w.item(f"{zh} {en} {r.kind[0]} {r.kind[1]}:{w.named(r.record)}")
    for field, words in r.words:
        w.lines.append(f"  - {w.code(field)}:{w.text(words)}")
