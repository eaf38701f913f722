"""The language the data files' shapes are declared in (Record, Field, Text, Choice …) and the check of a
file against its declaration, with line numbers.

The same declarations become the JSON Schemas editors use for completion (handbook.outputs.schemafiles),
so the two can never disagree about which fields exist.
"""

from __future__ import annotations

import datetime
import os
import re
import time
from dataclasses import dataclass, field

from handbook.data.lookalike import described, meant
from handbook.data.problems import Problem, hidden_char, show, shows_nothing
from handbook.data.yamlsource import NOT_TEXT, Source
from handbook.kinds import records

SLUG = f"^{records.ID}$"
DUTY_REF = f"^{records.DUTY_REF}$"
URL = r"^https?://[^\s<>\"'`\\{}|^]+$"  # a web address to link to, nothing a page could run or break out of
OWNER = r"^@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:/[A-Za-z0-9._-]+)?$"


@dataclass(frozen=True)
class Text:
    max_length: int = 200
    pattern: str = ""  # optional regex the text must match
    expected_zh: str = "一段文字"
    expected_en: str = "text"
    reserved: frozenset = frozenset()  # words the site itself uses where this id goes (handbook/kinds/names.py)


@dataclass(frozen=True)
class Date:
    past: bool = False  # a date things were done on (a review): not after today


@dataclass(frozen=True)
class Integer:
    """A whole number from `least` to `most` (a day of the onboarding plan, a meeting's minutes)."""

    least: int
    most: int


@dataclass(frozen=True)
class Choice:
    """One of a few fixed words (e.g. the letters R, A, C, I), each with what it means for the message."""

    choices: tuple[tuple[str, str], ...]  # (value, its meaning in Chinese and English)

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(v for v, _ in self.choices)

    @property
    def described(self) -> str:
        return "; ".join(f"{v} = {meaning}" for v, meaning in self.choices)


@dataclass(frozen=True)
class ListOf:
    item: object
    min_items: int = 1


@dataclass(frozen=True)
class MapOf:
    """A mapping whose keys are ids (e.g. onboarding stage ids)."""

    value: object
    min_items: int = 1


@dataclass(frozen=True)
class Field:
    spec: object
    zh: str
    en: str
    required: bool = True


@dataclass(frozen=True)
class Record:
    name: str
    fields: dict = field(default_factory=dict)


def slug(zh: str, en: str, required: bool = True, reserved=frozenset()) -> Field:
    return Field(Text(60, SLUG, "小寫英文字母、數字和連字號,例如 customer-service",
                      "lowercase ASCII letters, digits and hyphens, e.g. customer-service",
                      frozenset(reserved)), zh, en, required)


def text(zh: str, en: str, max_length: int = 200, required: bool = True) -> Field:
    return Field(Text(max_length), zh, en, required)


# ---------------------------------------------------------------- checking


def check(spec, source: Source) -> list[Problem]:
    """Check source.data against spec; returns every problem, not only the first."""
    problems: list[Problem] = []

    def report(path, zh, en, *, key=False, **kw):
        line, column = source.key_where(path) if key else source.where(path)
        problems.append(Problem(source.name, line, column, source.label(path), zh, en, **kw))

    def walk(spec, value, path, field_: Field | None):
        if path in source.broken:
            return
        if isinstance(spec, Record):
            if not isinstance(value, dict):
                report(path, f"這裡應該是一組欄位({spec.name})。", f"Expected a mapping of fields ({spec.name}) here.",
                       expected=", ".join(spec.fields), found=show(value))
                return
            for key in value:
                if key not in spec.fields:
                    close = closest(key, spec.fields)
                    report(path + (key,), f"不認得的欄位「{show(key)}」。", f"Unknown field '{show(key)}'.", key=True,
                           expected="、".join(spec.fields), found=show(key),
                           hint=f"是不是 did you mean「{close}」?" if close else "刪掉這個欄位 / remove this field")
            for key, sub in spec.fields.items():
                if key in value:
                    walk(sub.spec, value[key], path + (key,), sub)
                elif sub.required:
                    report(path, f"缺少必填欄位「{key}」({sub.zh})。", f"Missing required field '{key}' ({sub.en}).",
                           expected=f"{key}: …", found="(沒有 / none)")
        elif isinstance(spec, ListOf):
            if not isinstance(value, list):
                report(path, "這裡應該是一個清單(每項以「- 」開頭)。", "Expected a list here (items start with '- ').",
                       found=show(value))
                return
            if len(value) < spec.min_items:
                report(path, f"清單至少要有 {spec.min_items} 項。", f"The list needs at least {spec.min_items} item(s).",
                       found=f"{len(value)}")
            for i, item in enumerate(value):
                walk(spec.item, item, path + (i,), field_)
        elif isinstance(spec, MapOf):
            if not isinstance(value, dict):
                report(path, "這裡應該是一組「id: 內容」。", "Expected a mapping of 'id: …' here.", found=show(value))
                return
            if len(value) < spec.min_items:
                report(path, f"至少要有 {spec.min_items} 項。", f"Needs at least {spec.min_items} entry.", found="0")
            for key, item in value.items():
                if not re.fullmatch(SLUG, key):
                    report(path + (key,), f"「{show(key)}」不是有效的 id。", f"'{show(key)}' is not a valid id.", key=True,
                           expected="小寫英文 slug / a lowercase ASCII slug", found=show(key))
                walk(spec.value, item, path + (key,), field_)
        elif isinstance(spec, Date):
            raw = source.raw(path)[0]
            if not _is_date(raw):
                report(path, "日期格式不對。", "Not a valid date.", expected="YYYY-MM-DD,例如 2026-11-29",
                       found=show(raw if raw is not None else value))
            elif spec.past and datetime.date.fromisoformat(raw) > today() + datetime.timedelta(days=1):
                report(path, "這個日期還沒到:審閱日期不能在未來,否則「需要重新審閱」的提醒永遠不會出現。",
                       "This date is in the future: a review cannot have happened yet, and the review-due "
                       "notice would never show.", expected=f"今天或更早 / today or earlier ({today()})",
                       found=raw, hint="寫上真正審閱的日期 / write the day the review happened")
        elif isinstance(spec, Integer):
            raw = source.raw(path)[0]
            if isinstance(value, bool) or not isinstance(value, int) or not spec.least <= value <= spec.most:
                report(path, f"這裡應該是 {spec.least} 到 {spec.most} 之間的整數(不加引號)。",
                       f"Expected a whole number from {spec.least} to {spec.most} here (no quotes).",
                       expected=f"{spec.least}–{spec.most}", found=show(raw if raw is not None else value) or "(空 / empty)")
        elif isinstance(spec, Choice):
            raw = source.raw(path)[0]
            shown = show(raw if raw is not None else value)
            if not isinstance(value, str) or value not in spec.values:
                near = meant(value, spec.values)
                report(path, f"「{shown}」不是可用的值;只能寫 {'、'.join(spec.values)} 其中一個。",
                       f"'{shown}' is not allowed here; write one of {', '.join(spec.values)}.",
                       expected=spec.described, found=described(raw if raw is not None else value) or "(空 / empty)",
                       hint=f"是不是 did you mean「{near}」?" if near else "")
        elif isinstance(spec, Text):
            _check_text(spec, value, path, source, report)

    walk(spec, source.data, (), None)
    return problems


_KINDS = (
    (re.compile(r"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$"),
     "是/否(布林值)", "a yes/no (boolean) value"),
    (re.compile(r"^(?:~|null|Null|NULL|)$"), "空值", "an empty (null) value"),
    (re.compile(r"^[0-9]{4}-"), "日期", "a date"),
)


def today() -> datetime.date:
    """Today, or the day of SOURCE_DATE_EPOCH when a reproducible build sets it (as the pages do)."""
    return datetime.date.fromtimestamp(int(os.environ.get("SOURCE_DATE_EPOCH") or time.time()))


def _is_date(text: str | None) -> bool:
    """Exactly YYYY-MM-DD and a real day (the JSON Schema says the same)."""
    if text is None or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _check_text(spec: Text, value, path, source: Source, report) -> None:
    expected = f"{spec.expected_zh} / {spec.expected_en}"
    raw, plain = source.raw(path)
    if not isinstance(value, str) or (plain and raw is not None and NOT_TEXT.match(raw)):
        shown = show(raw if raw is not None else value)
        zh_kind, en_kind = next(((z, e) for rx, z, e in _KINDS if rx.match(shown)), ("數字", "a number"))
        if value is None or shown == "":
            report(path, "這個欄位是空的。", "This field is empty.", expected=expected, found="(空 / empty)")
        elif raw is not None and plain:
            report(path, f"「{shown}」沒有加引號,YAML 會把它讀成{zh_kind},不是文字。",
                   f"'{shown}' is not quoted, so YAML reads it as {en_kind}, not text.",
                   expected=expected, found=shown, hint=f'加上引號 / put it in quotes: "{shown}"')
        else:
            report(path, "這裡應該是文字。", "Expected text here.", expected=expected, found=show(value))
        return
    if not value.strip():
        report(path, "這個欄位是空的。", "This field is empty.", expected=expected, found="(空白 / blank)")
        return
    bad = hidden_char(value)
    if bad is not None:
        report(path, "文字裡有看不見的控制字元(可能來自複製貼上)。",
               "The text contains an invisible control character (often from copy and paste).",
               expected=expected, found=f"U+{ord(value[bad]):04X} at character {bad + 1}",
               hint="重新輸入這段文字 / retype this text")
        return
    if shows_nothing(value):
        report(path, "這段文字看起來是空白的:裡面只有看不見、私人使用或還沒有定義的字元。",
               "This text would look blank: it holds only characters that draw nothing, private-use or "
               "unassigned ones.", expected=expected, found=" ".join(f"U+{ord(c):04X}" for c in value[:8]),
               hint="重新輸入這段文字 / retype this text")
        return
    if len(value) > spec.max_length:
        report(path, f"文字太長:最多 {spec.max_length} 個字。", f"The text is too long: at most {spec.max_length} characters.",
               expected=f"≤ {spec.max_length}", found=f"{len(value)}")
    if spec.pattern and not re.fullmatch(spec.pattern, value):
        report(path, f"「{show(value, 40)}」格式不對。", f"'{show(value, 40)}' has the wrong form.",
               expected=expected, found=described(value))
    elif value in spec.reserved:
        words = ", ".join(sorted(spec.reserved))
        report(path, f"「{value}」是網站自己的頁面或錨點用的名稱,不能當這個 id:它會蓋掉那一頁,或讓連結跳到別的標題。",
               f"'{value}' is a name the site itself uses for a page or an anchor, so it cannot be this id: "
               "it would replace that page or send links to the wrong heading.",
               expected=f"{spec.expected_zh},但不是 / {spec.expected_en}, but none of: {words}", found=value,
               hint=f"換一個 id,例如 {value}-1 / choose another id, e.g. {value}-1")


def closest(word: str, choices) -> str | None:
    import difflib

    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return match[0] if match else None
