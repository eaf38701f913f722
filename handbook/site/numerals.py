"""Counts written out in words, for prose that says how many roles or steps the data holds ("八個核心崗位").

Pages say such counts from the model, never copied by hand, so a ninth role makes them "九" and "nine".
"""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"
_ENGLISH = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
            "sixteen seventeen eighteen nineteen twenty").split()


def _below_10000(n: int) -> str:
    """1–9999 digit by digit: 一千零五, 三百二十."""
    out, gap = [], False
    for size, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // size % 10
        if digit:
            out.append(("零" if gap else "") + _DIGITS[digit] + unit)
            gap = False
        elif out:
            gap = True
    return "".join(out)


def chinese(n: int) -> str:
    """`n` (0 or more) in Chinese numerals as prose writes a count: 8 → 八, 12 → 十二, 105 → 一百零五, 20000 → 二萬."""
    if n < 10000:
        text = _below_10000(n) or _DIGITS[0]
        return text[1:] if text.startswith("一十") else text
    high, low = divmod(n, 10000)
    return chinese(high) + "萬" + (("零" if low < 1000 else "") + _below_10000(low) if low else "")


def english(n: int) -> str:
    """`n` in English as prose writes a count: words up to twenty (8 → eight), digits after (1,000)."""
    return _ENGLISH[n] if 0 <= n < len(_ENGLISH) else f"{n:,}"
