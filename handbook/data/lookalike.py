"""What a mistyped value looks like, and the allowed word it was meant to be.

Contributors type in Chinese input methods, which give full-width letters (Ａ for A), or in lower case
(a for A); a message that only says "'Ａ' is not allowed" leaves them staring at what looks like an A.
"""

from __future__ import annotations

import difflib
import unicodedata

from handbook.data.problems import show


def plain(value: str) -> str:
    """value as the keyboard's plain form: NFKC (Ａ → A, full-width spaces → spaces), trimmed."""
    return unicodedata.normalize("NFKC", value).strip()


def described(value: object) -> str:
    """The value as a message shows it, saying when it is a full-width or other look-alike form."""
    shown = show(value)
    if isinstance(value, str) and plain(value) != value.strip():
        return f"{shown}(全形或相似字元,其實是 / full-width or look-alike characters for「{show(plain(value))}」)"
    return shown


def meant(value: object, choices) -> str | None:
    """The allowed word `value` was most likely meant to be: the same once plain and in one case, or close."""
    if not isinstance(value, str):
        return None
    folded = plain(value).casefold()
    same = next((c for c in choices if c.casefold() == folded), None)
    if same:
        return same
    close = difflib.get_close_matches(plain(value), list(choices), n=1, cutoff=0.6)
    return close[0] if close else None
