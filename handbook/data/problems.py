"""Problems found in the data, worded for the person who has to fix them.

Contributors are mostly not programmers and often edit in GitHub's web
editor, so every problem carries the file and line, the field, what was
expected and what was found, in Chinese and English.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    line: int  # 1-based; 0 when unknown
    column: int  # 1-based; 0 when unknown
    field: str  # human path, e.g. "roles → customer-service → duties → reviews → title"
    zh: str
    en: str
    expected: str = ""
    found: str = ""
    hint: str = ""

    def __post_init__(self) -> None:
        # Data can put any character into a message: keep every message on its lines and in reading order.
        for name in ("field", "zh", "en", "expected", "found", "hint"):
            object.__setattr__(self, name, printable(getattr(self, name)))

    @property
    def where(self) -> str:
        if not self.line:
            return self.file
        return f"{self.file}:{self.line}:{self.column}" if self.column else f"{self.file}:{self.line}"

    def sort_key(self) -> tuple:
        return (self.file, self.line, self.column, self.field)

    def format(self) -> str:
        lines = [f"{self.where}: {self.field or '(file)'}", f"  {self.zh}", f"  {self.en}"]
        if self.expected:
            lines.append(f"  應該是 expected: {self.expected}")
        if self.found:
            lines.append(f"  實際是 found:    {self.found}")
        if self.hint:
            lines.append(f"  建議 hint:       {self.hint}")
        return "\n".join(lines)


class DataError(Exception):
    """The data cannot be built; carries every problem found, sorted by place."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        head = (
            f"資料有 {count} 個問題,網站沒有建置,之前的 site/ 保持不變。\n"
            f"The data has {count} problem(s); the site was not built and the previous site/ is untouched.\n"
        )
        return head + "\n\n".join(p.format() for p in self.problems)


def hidden_char(text: str) -> int | None:
    """Where text first has a character that is invisible, reorders text or breaks lines unseen, else None.

    Those are control and format characters (zero-width spaces, bidi overrides),
    line and paragraph separators, surrogates and noncharacters.  Tab, newline
    and the zero-width joiner (which emoji such as 👩‍💻 need) are allowed.
    """
    if text.isprintable():  # the common case, checked in C
        return None
    for i, c in enumerate(text):
        if c in "\t\n\u200d":
            continue
        noncharacter = 0xFDD0 <= ord(c) <= 0xFDEF or (ord(c) & 0xFFFE) == 0xFFFE
        if noncharacter or unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            return i
    return None


# Letters that draw nothing (Hangul fillers, the Braille blank) and the categories that draw nothing on their
# own: spaces, marks with nothing to sit on, private-use and unassigned code points, controls and formats.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_DRAW_NOTHING = frozenset(("Zs", "Mn", "Me", "Co", "Cn", "Cf", "Cc"))


def shows_nothing(text: str) -> bool:
    """Whether text would look blank on a page (a nav entry with no visible name)."""
    return all(c in _BLANK_LETTERS or unicodedata.category(c) in _DRAW_NOTHING for c in text)


def printable(text: str) -> str:
    """text with each hidden character, tab, newline and zero-width joiner written as an escape such as \\u202e."""
    if text.isprintable():
        return text
    return "".join(c.encode("unicode_escape").decode("ascii") if c in "\t\n\u200d" or hidden_char(c) is not None
                   else c for c in text)


def show(value: object, limit: int = 80) -> str:
    """A short, printable rendering of a found value for messages."""
    text = printable(repr(value) if not isinstance(value, str) else value)
    return text if len(text) <= limit else text[: limit - 1] + "…"
