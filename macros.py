"""mkdocs-macros adapter: hands the handbook model and page renderers to the pages.

The model is loaded and checked once by hooks/handbook_hooks.py (before
anything is written) and passed here through `config.extra`.  Each macro
renders one template from handbook/site/templates with every data value escaped.
"""

from __future__ import annotations

from markupsafe import Markup

from handbook.site import changes
from handbook.site import collabmap
from handbook.data import schema
from handbook.data.load import data_dir, repository_path
from handbook.model import CONTRIBUTES, OWNS, PART_NAMES
from handbook.site.pages import LIST_LIMIT
from handbook.site.render import render

# Where the recent-changes page sends a reader for each data file.
CHANGE_SECTIONS = {"roles.yaml": ("崗位 Roles", "roles"), "topics.yaml": ("主題 Topics", "topics"),
                   "onboarding.yaml": ("入職 Onboarding", "onboarding")}


def define_env(env) -> None:
    handbook = env.conf.extra["handbook"]
    review_days = int(env.conf.extra.get("review_days", 365))
    today = schema.today()
    env.variables["handbook"] = handbook

    def here() -> str:
        return env.page.file.src_uri

    def page(template: str, **context) -> str:
        return render(template, handbook=handbook, page=here(), parts=PART_NAMES, **context)

    @env.macro
    def role_page(role_id: str) -> str:
        role = handbook.role(role_id)
        stale = (today - role.reviewed).days > review_days
        return page("role.md.j2", role=role, stale=stale, review_days=review_days, limit=LIST_LIMIT)

    @env.macro
    def topic_page(topic_id: str) -> str:
        return page("topic.md.j2", topic=handbook.topic_by_id[topic_id])

    @env.macro
    def onboarding_page(role_id: str) -> str:
        path = handbook.path_by_role.get(role_id)
        company = dict(handbook.company_steps)
        own = dict(path.stages) if path else {}
        stages = [(s, company.get(s, ()), own.get(s, ())) for s in handbook.stages if company.get(s) or own.get(s)]
        total = sum(len(c) + len(o) for _, c, o in stages)
        return page("onboarding.md.j2", role=handbook.role(role_id), path=path, stages=stages, total=total)

    @env.macro
    def roles_index() -> str:
        return page("roles_index.md.j2")

    @env.macro
    def topics_index() -> str:
        return page("topics_index.md.j2")

    @env.macro
    def onboarding_index() -> str:
        total = sum(len(steps) for _, steps in handbook.company_steps)
        return page("onboarding_index.md.j2", company_total=total)

    @env.macro
    def matrix() -> str:
        return page("matrix.md.j2", marks={OWNS: "●", CONTRIBUTES: "○"})

    @env.macro
    def collaboration_map() -> str:
        pairs = collabmap.pairs(handbook)
        return page("map.md.j2", svg=collabmap.svg(handbook, here(), pairs, env.conf.use_directory_urls), pairs=pairs,
                    total=collabmap.pair_count(handbook))

    @env.macro
    def glossary() -> str:
        english = {t.id: [a for a in t.aliases if a.isascii()] for t in handbook.topics}  # other English names
        return page("glossary.md.j2", english=english)

    @env.macro
    def recent_changes() -> str:
        """The latest commits touching the data, or a note when the build cannot read git history."""
        repository = env.conf.extra["repository"]  # site config, not data: printed as is
        data = repository_path(data_dir())
        return page("changes.md.j2", changes=changes.recent(data_dir()),
                    repo=Markup(repository.url.rstrip("/")) if repository else None,
                    history=Markup(repository.history(data)) if repository and data else None,
                    sections=CHANGE_SECTIONS)

    @env.macro
    def handbook_text(name: str) -> str:
        """The handbook's own texts from the data (introduction, closing), escaped."""
        return render("text.md.j2", text=getattr(handbook, name))
