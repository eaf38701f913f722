"""Render page bodies from templates, treating every data value as text.

Data never becomes template source: templates are files in this package,
and every value they print is escaped by `finalize` unless a helper has
marked it safe.  Escaping turns all ASCII punctuation into numeric
character references, so no Markdown, HTML, attribute-list or Jinja
syntax in the data can take effect, while the reader sees the same text.
"""

from __future__ import annotations

import html
import re

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from markupsafe import Markup

from handbook.kinds.vocabularies import LETTER
from handbook import urls
from handbook.kinds import names, records
from handbook.kinds.plan import PEOPLE

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


@pass_context
def href(context, target: object, kind: object = None, anchor: str | None = None) -> Markup:
    """A relative Markdown link from the page being rendered to a model object or a named page (urls.source)."""
    return Markup(urls.link(context["page"], urls.source(target, kind, anchor)))


@pass_context
def url(context, target: object, kind: str | None = None, anchor: str | None = None) -> Markup:
    """A relative built URL from the page being rendered, for raw HTML (tables with data attributes), which
    MkDocs does not rewrite; needs `directory_urls` in the context."""
    return Markup(html.escape(urls.built_link(context["page"], urls.source(target, kind, anchor),
                                              context["directory_urls"]), quote=True))


@pass_context
def asset(context, path: str) -> Markup:
    """A relative URL from the page being rendered to one of the site's own files (assets/…), for raw HTML."""
    return Markup(html.escape(urls.asset_link(context["page"], path, context["directory_urls"]), quote=True))


def ident(value: str) -> Markup:
    """A checked id, pair of ids (a step's key, role/step) or letter, printed as is inside attributes
    (data-role="customer-service", data-raci="A")."""
    if not (re.fullmatch(f"{records.ID}(?:/{records.ID})?", value) or value in LETTER):
        raise ValueError(f"not a slug: {value!r}")
    return Markup(value)


def badge(code: str) -> Markup:
    """A responsibility letter (R/A/C/I) as a small mark; its meaning is in the legend beside it."""
    if code not in LETTER:
        raise ValueError(f"not a letter: {code!r}")
    return Markup(f'<span class="hb-raci hb-raci-{code.lower()}">{code}</span>')


def judged(reason: object = "", basis: str = "handbook") -> Markup:
    """The visible mark of a handbook judgement (or, for basis gap, of a placeholder the document leaves open),
    with its one-line reason when given."""
    mark = ('<span class="hb-judgement">原文沒有指定 · left open</span>' if basis == "gap"
            else '<span class="hb-judgement">本手冊判斷 · judgement</span>')
    return Markup(f'{mark} <span class="hb-reason">{md(reason)}</span>' if reason else mark)


def anchor(ident: str, *flags: str) -> Markup:
    """An attribute list giving a heading a stable id (ids are checked slugs; fixed ones come from names.A),
    with bare attributes such as data-search-exclude."""
    if not all(re.fullmatch(records.ID, word) for word in (ident, *flags)):
        raise ValueError(f"not a slug: {(ident, *flags)!r}")
    return Markup(f"{{ #{ident}{''.join(' ' + flag for flag in flags)} }}")


_env = Environment(loader=PackageLoader("handbook.site", "templates"), autoescape=False, finalize=_finalize,
                   undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
_env.globals.update(href=href, url=url, asset=asset, anchor=anchor, badge=badge, judged=judged, A=names.A,
                    COMPANY_STEPS=names.COMPANY_STEPS, people=PEOPLE)
_env.filters.update(md=md, ident=ident)


def render(template: str, **context) -> str:
    return _env.get_template(template).render(**context)
