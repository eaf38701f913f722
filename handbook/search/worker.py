"""Which search worker the theme's search box starts: the handbook's own (handbook-search.js) instead of the theme's.

Material names its worker `assets/javascripts/workers/search.<hash>.min.js` and writes that path into the page's
`__config`; the hash changes with every Material release. Python finds the name among the theme's files, and the
template (overrides/main.html) only replaces that text with a filter, so no template calls a Python string method
(Zensical's templates refuse them).
"""

from __future__ import annotations

from pathlib import Path

OURS = "workers/handbook-search.js"
THEIRS = "assets/javascripts/workers"  # where Material keeps its worker, under each theme folder


def theme_worker(theme_dirs: list[str]) -> str | None:
    """`workers/search.<hash>.min.js`, as the theme's config block names it; None when the theme has none."""
    for folder in theme_dirs:
        found = sorted((Path(folder) / THEIRS).glob("search.*.min.js"))
        if found:
            return f"workers/{found[0].name}"
    return None
