"""How a cross-record check reports a problem (Checker), and the rules every kind of record shares: an id
used once, names a reader can tell apart; with the helpers that read what the shape checks let through."""

from __future__ import annotations

from handbook.data.fold import fold
from handbook.data.problems import Problem, hidden_char, show
from handbook.data.spec import closest
from handbook.data.yamlsource import Source


class Checker:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        # "Did you mean" compares a word with every id it could be (a thousand roles, say): enough to help a
        # contributor, and a file of endless wrong ids still checks in about the time it takes to read.
        self.suggestions_left = 200

    def report(self, source: Source, path: tuple, zh: str, en: str, *, key: bool = False, **kw) -> None:
        """A problem at the value at path, or with key=True at its key (for ids written as mapping keys)."""
        line, column = source.key_where(path) if key else source.where(path)
        self.problems.append(Problem(source.name, line, column, source.label(path), zh, en, **kw))

    def unknown(self, source: Source, path: tuple, what_zh: str, what_en: str, value: str, choices, where: str,
                key: bool = False):
        near = closest(value, choices) if self.suggestions_left > 0 else None
        self.suggestions_left -= 1
        self.report(source, path, f"找不到{what_zh}「{show(value)}」。", f"There is no {what_en} '{show(value)}'.", key=key,
                    expected=f"{where} 裡已有的 id / an existing id from {where}", found=show(value),
                    hint=f"是不是 did you mean「{near}」?" if near else f"先在 {where} 加上它 / add it to {where} first")

    def unique(self, source: Source, items: list, base: tuple, what_zh: str, what_en: str, key="id") -> None:
        seen: dict[str, int] = {}
        for i, item in enumerate(items):
            value = item.get(key) if isinstance(item, dict) else None
            if not isinstance(value, str):
                continue
            if value in seen:
                first = source.where(base + (seen[value], key))[0]
                self.report(source, base + (i, key), f"{what_zh} id「{show(value)}」重複了(第 {first} 行已經用過)。",
                            f"The {what_en} id '{show(value)}' is used twice (already on line {first}).",
                            expected="每個 id 只用一次 / each id once", found=show(value),
                            hint="換一個新的 id / choose a new id")
            else:
                seen[value] = i

    def same_names(self, source: Source, items: list, base: tuple, what_zh: str, what_en: str,
                   keys: tuple[str, ...] = ("name", "name_en")) -> None:
        """Two items of one list that a reader cannot tell apart: the same name once folded (fold.py)."""
        for key in keys:
            seen: dict[str, int] = {}
            for i, item in enumerate(items):
                value = item.get(key) if isinstance(item, dict) else None
                if not readable(value):
                    continue
                folded = fold(value.strip())
                if folded in seen:
                    first = source.where(base + (seen[folded], key))[0]
                    self.report(source, base + (i, key),
                                f"{what_zh}名稱「{show(value)}」和第 {first} 行的{what_zh}一樣(不分繁簡、全半形、大小寫),讀者分不出是哪一個。",
                                f"The {what_en} name '{show(value)}' is the same as the {what_en} on line {first} "
                                "(ignoring script, width and case): readers cannot tell them apart.",
                                expected="每個名稱只用一次 / each name once", found=show(value),
                                hint="換一個名稱 / choose another name")
                else:
                    seen[folded] = i


def readable(value: object) -> bool:
    """Text that can be compared with other text: the shape checks have refused blank text and hidden
    characters such as lone surrogates, which text tools (OpenCC) cannot even encode."""
    return isinstance(value, str) and bool(value.strip()) and hidden_char(value) is None


def records(data, key: str) -> list:
    """The list under key, or [] when the shape check has already complained."""
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, list) else []


def ids(source: Source, key: str) -> set[str]:
    return {x["id"] for x in records(source.data, key) if isinstance(x, dict) and isinstance(x.get("id"), str)}
