"""The site's name, description and footer from the data's identity (handbook/model/identity.py), not mkdocs.yml.

Material prints `site_name` unescaped in the header and escaped in tooltips, so it gets escaped text marked safe:
printed as is, never escaped twice. The same holds for the footer's copyright line.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from handbook.model import identity
from handbook.model import Handbook
from handbook.site.render import plain


def apply(h: Handbook, config) -> None:
    """Name the site after the data: every <title>, the header, the default meta description, the footer."""
    config.site_name = escape(h.identity.title)
    config.site_description = Markup(plain(identity.description(h)))
    config.copyright = escape(h.identity.copyright) if h.identity.copyright else None
