"""mkdocs-macros adapter: hands the handbook model and page renderers to the pages.

The model is loaded and checked once by hooks/handbook_hooks.py (before
anything is written) and passed here through `config.extra`.  Each macro
renders one template from handbook/site/templates with every data value escaped.
"""

from __future__ import annotations

import logging

from markupsafe import Markup

from handbook.history import changes
from handbook.site import collabmap
from handbook.data import spec as schema
from handbook.site import numerals
from handbook.site import measures_overview
from handbook.site import swimlane
from handbook import urls
from handbook.data.load import data_dir, repository_path
from handbook.kinds.vocabularies import BASIS_NAMES, DIRECTION_NAMES, LETTER, LETTERS
from handbook.site.pages import LIST_LIMIT
from handbook.site.render import render

log = logging.getLogger("mkdocs.plugins.handbook")
GAP_FORM = "gap-answer.yml"  # the issue form under .github/ISSUE_TEMPLATE that proposes an answer to a gap


def define_env(env) -> None:
    handbook = env.conf.extra["handbook"]
    review_days = int(env.conf.extra.get("review_days", 365))
    today = schema.today()
    env.variables["handbook"] = handbook
    env.filter(numerals.chinese)  # counts in the hand-written pages' prose: {{ handbook.roles|length|chinese }}
    env.filter(numerals.english)

    def here() -> str:
        return env.page.file.src_uri

    def page(template: str, **context) -> str:
        return render(template, handbook=handbook, page=here(), letters=LETTER, all_letters=LETTERS, basis=BASIS_NAMES,
                      directions=DIRECTION_NAMES, directory_urls=env.conf.use_directory_urls, **context)

    @env.macro
    def href(target: str, anchor: str | None = None) -> str:
        """A hand-written page's link to one of the site's pages by name (urls.PAGES), as templates link."""
        return urls.link(here(), urls.source(target, anchor=anchor))

    @env.macro
    def address(kind: str, *ids: str) -> str:
        """The address readers see for a kind of page in urls.py (`duty`, "<崗位>", "<職責>" → /roles/<崗位>/#<職責>)."""
        return "/" + urls.built(getattr(urls, kind)(*ids), env.conf.use_directory_urls)

    @env.macro
    def role_page(role_id: str) -> str:
        return page("role.md.j2", role=handbook.role(role_id), today=today, review_days=review_days, limit=LIST_LIMIT)

    @env.macro
    def topic_page(topic_id: str) -> str:
        return page("topic.md.j2", topic=handbook.topic_by_id[topic_id])

    @env.macro
    def gaps() -> str:
        repository = env.conf.extra["repository"]
        return page("gaps.md.j2", propose=Markup(repository.issue_form(GAP_FORM)) if repository else None)  # site config, not data

    @env.macro
    def onboarding_page(role_id: str) -> str:
        role = handbook.role(role_id)
        return page("onboarding.md.j2", role=role, path=handbook.path_by_role.get(role_id),
                    stages=handbook.onboarding(role), total=handbook.onboarding_step_count(role))

    @env.macro
    def process_page(process_id: str) -> str:
        process = handbook.process_by_id[process_id]
        return page("process.md.j2", process=process,
                    svg=swimlane.svg(handbook, process, here(), env.conf.use_directory_urls),
                    narrow=swimlane.narrow(handbook, process, here(), env.conf.use_directory_urls))

    @env.macro
    def processes_index() -> str:
        return page("processes_index.md.j2")

    @env.macro
    def measures_catalogue() -> str:
        uses = {m.id: [(p, s) for p in handbook.processes for s in p.steps if m in s.measures] for m in handbook.measures}
        reviewed = {m.id: [p for p in handbook.paths if any(pm.measure == m for pm in p.measures)]
                    for m in handbook.measures}
        return page("measures_catalogue.md.j2", uses=uses, reviewed=reviewed, overview=measures_overview.overview(handbook))

    @env.macro
    def roles_index() -> str:
        return page("roles_index.md.j2", today=today, review_days=review_days)

    @env.macro
    def topics_index() -> str:
        return page("topics_index.md.j2")

    @env.macro
    def onboarding_index() -> str:
        return page("onboarding_index.md.j2", company_total=handbook.company_step_count)

    @env.macro
    def matrix() -> str:
        return page("matrix.md.j2")

    @env.macro
    def collaboration_map() -> str:
        pairs = collabmap.pairs(handbook)
        return page("map.md.j2", svg=collabmap.svg(handbook, here(), pairs, env.conf.use_directory_urls), pairs=pairs,
                    total=collabmap.pair_count(handbook), drawn=len(collabmap.drawn(pairs)),
                    joined=collabmap.joined(pairs), strong=collabmap.STRONG)

    @env.macro
    def glossary() -> str:
        return page("glossary.md.j2")

    @env.macro
    def recent_changes() -> str:
        """What the latest data commits changed in the handbook, or a note when the build cannot read git history."""
        history = changes.recent(data_dir(), handbook)
        for reason in history.skipped if history else ():
            log.info("最近更新 Recent changes: %s", reason)  # not a warning: history never fails a strict build
        # Commit links only for the data's own history in the site's repository (not for HANDBOOK_DATA elsewhere).
        repository, data = env.conf.extra["repository"], repository_path(data_dir())
        linked = repository if repository and data and changes.linkable(repository.url) else None
        return page("changes.md.j2", history=history, repository=linked, data=data, actions=changes.ACTIONS)

    @env.macro
    def handbook_text(name: str) -> str:
        """The handbook's own texts from the data (introduction, closing), escaped."""
        return render("text.md.j2", text=getattr(handbook, name))


def on_pre_page_macros(env) -> None:
    """A hand-written page's description (front matter) may state facts from the data too, as its text does."""
    description = env.page.meta.get("description")
    if isinstance(description, str) and "{{" in description:
        env.page.meta["description"] = env.render(description)
