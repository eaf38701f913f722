"""What the handbook quotes as the document's words is the document's words.

A process step or a topic's letter based on the document (basis: document) may quote its duty in 「」; the
page shows the quote as 原文, so every quoted piece (pieces joined by … may skip words) must stand in that
duty's title or description, compared after folding (fold.py: script, width, case).  Until now only a test
knew this, and only for this company's data; here `make check` says where and what the duty says instead.
"""

from __future__ import annotations

import difflib
import re

from handbook.data.editorial import duty_texts
from handbook.data.fold import fold
from handbook.data.problems import Problem, show
from handbook.data.reporting import records
from handbook.data.yamlsource import Source
from handbook.kinds.vocabularies import DOCUMENT

QUOTE = re.compile(r"「([^」]*)」")
SKIP = re.compile(r"…+|\.\.\.")  # a quote may leave words out where it says so


def missing(quoted: str, text: str) -> list[str]:
    """The pieces of `quoted` (split at …) that `text` does not hold, folded alike."""
    folded = fold(text)
    return [piece for piece in (p.strip() for p in SKIP.split(quoted)) if piece and fold(piece) not in folded]


def nearest(piece: str, text: str) -> str | None:
    """The stretch of `text` most like `piece` (a misremembered quote), when it is close enough to help."""
    size, best, found = len(piece), 0.0, None
    for start in range(max(1, len(text) - size + 1)):
        window = text[start:start + size]
        ratio = difflib.SequenceMatcher(None, fold(piece), fold(window)).ratio()
        if ratio > best:
            best, found = ratio, window
    return found if best >= 0.5 else None


def check(sources: dict[str, Source], sound: dict[str, bool]) -> list[Problem]:
    """Every quote of a document-based process step (`because`) and topic letter (`reason`)."""
    if not sound.get("roles"):
        return []
    texts = duty_texts(sources["roles"])
    problems: list[Problem] = []

    def quoted(source: Source, path: tuple, ref, said) -> None:
        if not isinstance(said, str) or not isinstance(ref, str) or ref not in texts:
            return
        text = texts[ref]
        for quote in QUOTE.findall(said):
            for piece in missing(quote, text):
                near = nearest(piece, text.split(":", 1)[-1])
                line, column = source.where(path)
                problems.append(Problem(
                    source.name, line, column, source.label(path),
                    f"「{show(piece)}」不是職責 {ref} 的原話,頁面卻會把它當成原文顯示。",
                    f"'{show(piece)}' is not in the words of the duty {ref}, yet the page would show it as the "
                    "document's own words.",
                    expected=f"{ref} 說明裡的字 / words from the description of {ref}: {show(text, 160)}",
                    found=show(piece),
                    hint=(f"是不是 did you mean「{near}」?" if near else "照抄職責說明裡的字 / copy the duty's words exactly")
                    + " 或把 basis 改成 handbook / or make the basis handbook"))
                break  # one message per quote

    if sound.get("processes"):
        for i, process in enumerate(records(sources["processes"].data, "processes")):
            for k, step in enumerate(records(process, "steps") if isinstance(process, dict) else []):
                if isinstance(step, dict) and step.get("basis") == DOCUMENT:
                    quoted(sources["processes"], ("processes", i, "steps", k, "because"), step.get("duty"),
                           step.get("because"))
    if sound.get("topics"):
        for i, topic in enumerate(records(sources["topics"].data, "topics")):
            for j, letter in enumerate(records(topic, "duties") if isinstance(topic, dict) else []):
                if isinstance(letter, dict) and letter.get("basis") == DOCUMENT:
                    quoted(sources["topics"], ("topics", i, "duties", j, "reason"), letter.get("duty"),
                           letter.get("reason"))
    return problems
