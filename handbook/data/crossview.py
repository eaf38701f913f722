"""Checks that the handbook's views tell one story: topic letters, process steps, measures and gaps.

Each view is written by hand in its own file; these rules catch the places where two files contradict
each other, the way a reader comparing the pages side by side would:

- a duty doing a process step holds R or A on a topic its process lists (else the swimlane has someone
  doing work the topic page says they are not part of);
- a measure names the duty accountable for its number, and that duty is the A of the work the measure
  measures (a topic in which a duty that moves it does the work);
- what the document does not say is not labelled as the document's: it never says who is consulted or
  informed, never chooses between roles, and never says who approves; a step or letter that rests on an
  open question names it (`gap:`), and the gap names that topic and duty, so the topic page, the role
  page, the process and the gaps page all link the same question.

They run after the shape and reference checks (integrity.py) and skip what those have reported, so one
mistake is reported once.
"""

from __future__ import annotations

import re

from handbook.data.editorial import duty_texts
from handbook.data.problems import Problem, show
from handbook.data.reporting import records
from handbook.data.yamlsource import Source
from handbook.kinds.vocabularies import ACCOUNTABLE, DOCUMENT, DOING, GAP, HANDBOOK

# Words by which a step or letter claims a decision (approving, signing off).  The document gives no duty the
# power to approve anything, so such a claim is the document's only where the duty's own words use the word.
_QUOTE = re.compile(r"「([^」]*)」")
DECIDING = ("批准", "审批", "審批", "核准", "准許", "准许", "審核", "审核", "approve", "approval", "sign off")


class _Views:
    """The facts the rules compare, read once from the checked files."""

    def __init__(self, sources: dict[str, Source]):
        self.sources = sources
        self.texts = duty_texts(sources["roles"])
        self.topics: dict[str, dict] = {}
        self.letters: dict[str, dict[str, str]] = {}  # topic id → duty ref → letter
        self.accountable: dict[str, str] = {}  # topic id → its A duty
        for topic in records(sources["topics"].data, "topics"):
            if isinstance(topic, dict) and isinstance(topic.get("id"), str):
                self.topics[topic["id"]] = topic
                letters = self.letters.setdefault(topic["id"], {})
                for a in records(topic, "duties"):
                    if isinstance(a, dict) and isinstance(a.get("duty"), str) and isinstance(a.get("raci"), str):
                        letters.setdefault(a["duty"], a["raci"])
                        if a["raci"] == ACCOUNTABLE:
                            self.accountable.setdefault(topic["id"], a["duty"])
        self.gaps: dict[str, dict] = {}
        self.gap_index: dict[str, int] = {}  # gap id → its place in gaps.yaml, for the message's line
        for n, g in enumerate(records(sources["gaps"].data, "gaps")):
            if isinstance(g, dict) and isinstance(g.get("id"), str):
                self.gaps.setdefault(g["id"], g)
                self.gap_index.setdefault(g["id"], n)

    def doing(self, duty: str) -> list[str]:
        """The topics in which a duty does or answers for the work (R or A)."""
        return [t for t, letters in self.letters.items() if letters.get(duty) in DOING]


def check(sources: dict[str, Source]) -> list[Problem]:
    """Every contradiction between the views; the files passed their own checks."""
    views = _Views(sources)
    problems: list[Problem] = []
    problems += _check_letters(views)
    problems += _check_steps(views)
    problems += _check_measures(views)
    return problems


def _problem(source: Source, path: tuple, zh: str, en: str, **kw) -> Problem:
    line, column = source.where(path)
    return Problem(source.name, line, column, source.label(path), zh, en, **kw)


def _gap_link(views: _Views, source: Source, path: tuple, item: dict, topics: list[str], duty: str,
              where_zh: str, where_en: str) -> list[Problem]:
    """A letter or step based on a gap names it; a named gap exists, and names the topic and the duty so that
    the topic page, the role page and the gaps page all link it."""
    gap_id = item.get("gap")
    if item.get("basis") == GAP and not isinstance(gap_id, str):
        choices = "、".join(sorted(views.gaps)) or "(data/gaps.yaml 還沒有 / none yet)"
        return [_problem(source, path + ("basis",), f"{where_zh}的依據是 gap,要寫 gap: 指出是哪一個待釐清問題。",
                         f"This {where_en} has basis 'gap': name the open question with 'gap:'.",
                         expected="gap: data/gaps.yaml 裡的 id / an id from data/gaps.yaml", found="(沒有 gap / none)",
                         hint=f"加一行 gap: <id>,可用的有 / add a line gap: <id>; there are: {choices}")]
    if not isinstance(gap_id, str):
        return []
    if item.get("basis") == DOCUMENT:
        return [_problem(source, path + ("basis",),
                         f"{where_zh}寫了 gap: {show(gap_id)}(原文沒有說清楚),依據卻是 document(原文這樣寫)。",
                         f"This {where_en} names the open question '{show(gap_id)}' yet says the document's own words "
                         "support it (basis: document).", expected="basis: handbook 或 or gap", found="document",
                         hint="改成 basis: gap(或 handbook),或刪掉 gap: / make the basis gap (or handbook), or remove gap:")]
    gap = views.gaps.get(gap_id)
    if gap is None:
        return [_problem(source, path + ("gap",), f"找不到待釐清問題「{show(gap_id)}」。",
                         f"There is no open question '{show(gap_id)}'.",
                         expected="data/gaps.yaml 裡已有的 id / an existing id from data/gaps.yaml", found=show(gap_id),
                         hint="先在 data/gaps.yaml 加上它,或用這些 / add it to data/gaps.yaml first, or use one of: "
                              + ("、".join(sorted(views.gaps)) or "(none)"))]
    missing = []
    if not any(t in records(gap, "topics") for t in topics):
        missing.append(f"topics: [{topics[0]}]" if len(topics) == 1 else f"topics: 其中一個 one of {', '.join(topics)}")
    if duty not in records(gap, "duties"):
        missing.append(f"duties: [{duty}]")
    if not missing:
        return []
    gaps = views.sources["gaps"]
    gap_path = ("gaps", views.gap_index[gap_id])
    return [_problem(gaps, gap_path + ("id",),
                     f"待釐清問題「{gap_id}」沒有列出依賴它的{where_zh}(在 {source.name} 第 {source.where(path)[0]} 行),"
                     "主題頁和崗位頁就不會連到它。",
                     f"The open question '{gap_id}' does not list the {where_en} that depends on it ({source.name} line "
                     f"{source.where(path)[0]}), so the topic and role pages would not link it.",
                     expected="; ".join(missing), found=show(", ".join(records(gap, "topics") + records(gap, "duties"))),
                     hint=f"在 data/gaps.yaml 的 {gap_id} 下加上 / add under {gap_id}: " + "; ".join(missing))]


def _check_letters(views: _Views) -> list[Problem]:
    """A letter the document does not support is handbook or gap: C and I (the document never says who is asked
    or told), and an A where several roles take part (the document never chooses between roles)."""
    src = views.sources["topics"]
    found: list[Problem] = []
    for i, topic in enumerate(records(src.data, "topics")):
        if not isinstance(topic, dict) or not isinstance(topic.get("id"), str):
            continue
        assignments = [a for a in records(topic, "duties") if isinstance(a, dict)]
        roles = {str(a.get("duty")).split("/", 1)[0] for a in assignments}
        for j, a in enumerate(records(topic, "duties")):
            if not isinstance(a, dict) or not isinstance(a.get("duty"), str):
                continue
            path, letter, duty = ("topics", i, "duties", j), a.get("raci"), a["duty"]
            found += _gap_link(views, src, path, a, [topic["id"]], duty, "這個字母", "letter")
            if a.get("basis") in (HANDBOOK, GAP) and not (isinstance(a.get("reason"), str) and a["reason"].strip()):
                if a.get("basis") == GAP:  # editorial.py already asks handbook letters for a reason
                    found.append(_problem(src, path, "依據是 gap 的字母要寫 reason:為什麼暫時放在這個職責。",
                                          "A letter based on a gap needs a reason: why it sits with this duty for now.",
                                          expected="reason: 一句話 / one line", found="(沒有 reason / none)",
                                          hint="加一行 reason: 說明原文缺了什麼、為什麼暫時放在這裡 / add a line reason: "
                                               "what the document leaves out and why it sits here for now"))
            if a.get("basis") != DOCUMENT or _quotes_its_duty(a.get("reason"), views.texts.get(duty, "")):
                continue
            why_zh = why_en = ""
            if letter in ("C", "I"):
                why_zh = (f"職責的文字寫它做什麼,很少寫要問誰(C)或告訴誰(I);標成原文的 {letter} 要在 reason 用「」"
                          "引出這項職責說明裡這樣寫的原話,否則是本手冊的判斷。")
                why_en = (f"A duty's words say what it does, seldom whom it asks (C) or tells (I): a {letter} marked as "
                          "the document's must quote those words of the duty in 「」 in its reason, or it is the "
                          "handbook's judgement.")
            elif letter == ACCOUNTABLE and len(roles) > 1:
                why_zh = (f"這個主題有 {len(roles)} 個崗位參與;在崗位之間選誰當責(A),除非職責說明這樣寫"
                          "(在 reason 用「」引出原話),就是本手冊的判斷。")
                why_en = (f"{len(roles)} roles take part in this topic: choosing which answers for it (A) is the "
                          "handbook's judgement, unless the duty's words say so (quote them in 「」 in the reason).")
            if why_zh:
                found.append(_problem(src, path + ("basis",), why_zh, why_en,
                                      expected="basis: handbook(加 reason)或 gap(加 gap: 和 reason)/ "
                                               "basis: handbook (with a reason) or gap (with gap: and a reason)",
                                      found=f"raci: {show(letter)}, basis: document",
                                      hint="把 basis 改成 handbook 並寫 reason,讓頁面標明是本手冊的判斷;或在 reason 用「」"
                                           "引出職責說明的原話 / make the basis handbook and give a reason, so the page "
                                           "marks it as the handbook's judgement; or quote the duty's words in the reason"))
    return found


def _quotes_its_duty(reason: object, text: str) -> bool:
    """Whether a reason quotes, in 「」, words that are in its duty's text (its evidence that the document says so)."""
    quotes = _QUOTE.findall(reason) if isinstance(reason, str) else []
    return any(q.strip() and all(part in text for part in re.split(r"…+", q) if part) for q in quotes)


def _check_steps(views: _Views) -> list[Problem]:
    """A step's duty takes part (R or A) in a topic of its process; a document step claims no decision its duty's
    words do not make; a gap step names its gap."""
    src = views.sources["processes"]
    found: list[Problem] = []
    for i, process in enumerate(records(src.data, "processes")):
        if not isinstance(process, dict):
            continue
        topics = [t for t in records(process, "topics") if isinstance(t, str) and t in views.topics]
        for k, step in enumerate(records(process, "steps")):
            if not isinstance(step, dict) or not isinstance(step.get("duty"), str) or step["duty"] not in views.texts:
                continue
            path, duty = ("processes", i, "steps", k), step["duty"]
            if topics and not any(views.letters[t].get(duty) in DOING for t in topics):
                elsewhere = views.doing(duty)
                letters = [f"{t}: {views.letters[t][duty]}" for t in topics if duty in views.letters[t]]
                hint_en = (f"give {duty} R (or A) in one of these topics in data/topics.yaml"
                           + (f", or add one of its topics to the process: {', '.join(elsewhere)}" if elsewhere else "")
                           + ", or give the step to a duty that does this work")
                found.append(_problem(
                    src, path + ("duty",),
                    f"「{duty}」做這一步,但在這個流程的主題裡它不執行(R)也不當責(A),主題頁和流程說法不一。",
                    f"'{duty}' does this step but neither does (R) nor answers for (A) any topic of this process, so "
                    "the topic pages and the process tell different stories.",
                    expected=f"{duty} 在其中一個主題是 R 或 A / R or A for {duty} in one of: {', '.join(topics)}",
                    found="; ".join(letters) or "(不在這些主題裡 / in none of them)",
                    hint=f"在 data/topics.yaml 給它 R 或 A,或把它做的主題加進流程的 topics,或改由做這件事的職責來做 / {hint_en}"))
            found += _gap_link(views, src, path, step, topics or ["(none)"], duty, "這一步", "step")
            if step.get("basis") != DOCUMENT:
                continue
            claim = f"{step.get('do', '')} {step.get('hands_on', '')}"
            text = views.texts[duty]
            word = next((w for w in DECIDING if w in claim.lower() and w not in text.lower()), None)
            if word:
                found.append(_problem(
                    src, path + ("basis",),
                    f"這一步說「{word}」,但 {duty} 的原文沒有給它批准的權力;原文沒有寫誰批准,所以不是 document。",
                    f"This step says '{word}' but the words of {duty} give it no power to approve: the document "
                    "does not say who approves, so the basis is not 'document'.",
                    expected="basis: handbook 或 or gap(加 gap: / with gap:)", found="basis: document",
                    hint="改成 basis: gap 並寫 gap: 指向誰批准的待釐清問題,或 basis: handbook 說明判斷 / make it "
                         "basis: gap with gap: naming the open question, or basis: handbook with the judgement"))
    return found


def _check_measures(views: _Views) -> list[Problem]:
    """A measure's accountable duty is the A of the work it measures: of a topic in which a duty that moves
    it does the work (R or A)."""
    src = views.sources["measures"]
    found: list[Problem] = []
    for i, m in enumerate(records(src.data, "measures")):
        if not isinstance(m, dict) or not isinstance(m.get("accountable"), str):
            continue
        accountable = m["accountable"]
        if accountable not in views.texts:
            continue  # an unknown duty: integrity.py says so
        moving = [d for d in records(m, "moved_by") if isinstance(d, str) and d in views.texts]
        work = list(dict.fromkeys(t for d in moving for t in views.doing(d)))
        if any(views.accountable.get(t) == accountable for t in work):
            continue
        answers = list(dict.fromkeys(f"{views.accountable[t]}({t})" for t in work if t in views.accountable))
        found.append(_problem(
            src, ("measures", i, "accountable"),
            f"「{accountable}」不是這個指標衡量的工作的當責(A):影響它的職責執行的主題裡,當責的是別人。",
            f"'{accountable}' is not the accountable (A) duty of the work this measure measures: in the topics "
            "that the duties moving it do, another duty answers.",
            expected="其中一個 / one of: " + ("、".join(answers) or "(moved_by 的職責沒有 R 或 A 的主題 / "
                                                                     "the moved_by duties do no topic)"),
            found=show(accountable),
            hint="accountable 寫那個主題的 A;負責定義和計算的職責寫在 owner / name the topic's A in accountable; "
                 "the duty that keeps the definition goes in owner"))
    return found
