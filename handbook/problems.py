"""Problems found in the data, worded for the person who has to fix them.

Contributors are mostly not programmers and often edit in GitHub's web
editor, so every problem carries the file and line, the field, what was
expected and what was found, in Chinese and English.
"""

from __future__ import annotations

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


def show(value: object, limit: int = 80) -> str:
    """A short, printable rendering of a found value for messages."""
    text = repr(value) if not isinstance(value, str) else value
    text = text.encode("unicode_escape").decode("ascii") if any(
        ord(c) < 32 or 0x200B <= ord(c) <= 0x200F or 0x202A <= ord(c) <= 0x202E or 0x2066 <= ord(c) <= 0x2069
        for c in text
    ) else text
    return text if len(text) <= limit else text[: limit - 1] + "…"
