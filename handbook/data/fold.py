"""One way to compare words the way readers mean them: 退貨, 退货 and a full-width ＫＯＬ are the same word.

Unicode compatibility forms are folded (NFKC: full-width letters, compatibility ideographs), letters
lower-cased, and Traditional characters written as Simplified (OpenCC's t2s).  Used wherever two words
must not be told apart by how they were typed: the synonym check and the search index and its queries.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from opencc import OpenCC

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")  # a run of Chinese characters
_T2S = OpenCC("t2s")


@functools.lru_cache(maxsize=None)
def simplified(text: str) -> str:
    """`text` in Simplified characters (OpenCC's t2s): the one Traditional→Simplified conversion for comparing
    and cutting words (search, checks, the edition's character fallback)."""
    return _T2S.convert(text)


@functools.lru_cache(maxsize=None)
def fold(text: str) -> str:
    """`text` normalised (NFKC), lower-cased and in Simplified characters."""
    normal = unicodedata.normalize("NFKC", text).casefold()
    return normal if normal.isascii() else simplified(normal)
