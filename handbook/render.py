"""Render page bodies from templates, treating every data value as text.

Data never becomes template source: templates are files in this package,
and every value they print is escaped by `finalize` unless a helper has
marked it safe.  Escaping turns all ASCII punctuation into numeric
character references, so no Markdown, HTML, attribute-list or Jinja
syntax in the data can take effect, while the reader sees the same text.
"""

from __future__ import annotations

import html
import posixpath
import re

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

_PUNCT = re.compile(r"[!-/:-@\[-`{-~]")
_SPACE = re.compile(r"\s+")


def md(value: object) -> Markup:
    """Text that Markdown and HTML will show literally, on one line."""
    text = _SPACE.sub(" ", str(value)).strip()
    return Markup(_PUNCT.sub(lambda m: f"&#{ord(m.group())};", text))


def plain(value: object) -> str:
    """Text safe for MkDocs' own templates (titles, meta), which do not autoescape."""
    return html.escape(_SPACE.sub(" ", str(value)).strip(), quote=True).replace("{", "&#123;").replace("}", "&#125;")


def _finalize(value: object) -> object:
    if isinstance(value, Markup) or value is None:
        return value if value is not None else ""
    if isinstance(value, (int, float)):
        return value
    return md(value)


def link(here: str, target: str) -> Markup:
    """A relative link from page `here` (e.g. roles/a.md) to `target` (e.g. topics/b.md#c), checked by MkDocs."""
    path, _, anchor = target.partition("#")
    rel = relative(path, posixpath.dirname(here))
    return Markup(rel + (f"#{anchor}" if anchor else ""))


def relative(path: str, start: str) -> str:
    """The relative URL from folder `start` to `path` (a file, or a folder ending in "/"), as posixpath.relpath
    would give it, without its os.getcwd() per call (pages link thousands of times)."""
    here, there = start.split("/") if start else [], path.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def anchor(ident: str) -> Markup:
    """An attribute list giving a heading a stable id (ids are checked slugs)."""
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", ident):
        raise ValueError(f"not a slug: {ident!r}")
    return Markup(f"{{ #{ident} }}")


def site_root(here: str) -> str:
    """The relative URL of the site root from the built page of source `here` (directory URLs)."""
    depth = here.count("/") + (0 if here.rsplit("/", 1)[-1] == "index.md" else 1)
    return "../" * depth


_env = Environment(loader=PackageLoader("handbook", "templates"), autoescape=False, finalize=_finalize,
                   undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
_env.globals.update(link=link, anchor=anchor)
_env.filters.update(md=md)


def render(template: str, **context) -> str:
    return _env.get_template(template).render(**context)
