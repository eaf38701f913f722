"""mkdocs-macros adapter: hands the handbook model and page renderers to the pages.

Under MkDocs the model is loaded and checked once by hooks/handbook_hooks.py (before anything is written) and
passed here through `config.extra`.  Each macro renders one template from handbook/site/templates with every data
value escaped.  The same file also loads under Zensical's mkdocs-macros shim (ENGINE.md), which runs no hooks and
hands `env.conf` over as a dict: the repository root goes on the import path here, settings are read in either
shape, and the model is loaded here when no hook did it.
"""

from __future__ import annotations

import html
import logging
import sys
from collections.abc import Mapping
from pathlib import Path

from markupsafe import Markup

if str(Path(__file__).resolve().parent) not in sys.path:  # `handbook` without the hook (Zensical runs none)
    sys.path.insert(0, str(Path(__file__).resolve().parent))

from handbook.history import changes
from handbook.site import recent
from handbook.site import collabmap
from handbook.data import spec as schema
from handbook.outputs import issuetemplates
from handbook.kinds import plan
from handbook.model import quiz
from handbook.site import moves
from handbook.site import since
from handbook.site import numerals
from handbook.site import measures_overview
from handbook.site import swimlane
from handbook import urls
from handbook.data.load import data_dir, repository_path
from handbook.kinds.vocabularies import BASIS_NAMES, DIRECTION_NAMES, LETTER, LETTERS
from handbook.model import identity, load
from handbook.site.pages import LIST_LIMIT
from handbook.site.render import plain, render

log = logging.getLogger("mkdocs.plugins.handbook")
GAP_FORM = "gap-answer.yml"  # the issue form under .github/ISSUE_TEMPLATE that proposes an answer to a gap


def setting(conf, name: str, default=None):
    """A site setting from MkDocs' config object or Zensical's plain dict."""
    if isinstance(conf, Mapping):
        return conf.get(name, default)
    return getattr(conf, name, default)


def define_env(env) -> None:
    extra = setting(env.conf, "extra") or {}
    # The hook's model, checked before anything was written (None while `mkdocs serve` shows the data's problems);
    # an engine that runs no hook gets it loaded here.
    handbook = extra["handbook"] if "handbook" in extra else load()
    repository = extra.get("repository")
    directory_urls = setting(env.conf, "use_directory_urls", True)
    review_days = int(extra.get("review_days", 365))
    today = schema.today()
    env.variables["handbook"] = handbook
    # The data's recent history, read once per build by the hook (an engine that runs no hook reads it here).
    history = extra["history"] if "history" in extra else \
        changes.recent(data_dir(), changes.LIMIT, handbook.identity.history_since) if handbook else None
    changed = since.dates(history, handbook)  # when each duty and letter last changed
    env.filter(numerals.chinese)  # counts in the hand-written pages' prose: {{ handbook.roles|length|chinese }}
    env.filter(numerals.english)

    def here() -> str:
        """The page's source path in docs/ (MkDocs: page.file.src_uri; Zensical: page.path)."""
        file = getattr(env.page, "file", None)
        return file.src_uri if file is not None else Path(env.page.path).as_posix()

    def page(template: str, **context) -> str:
        return render(template, handbook=handbook, page=here(), letters=LETTER, all_letters=LETTERS, basis=BASIS_NAMES,
                      directions=DIRECTION_NAMES, directory_urls=directory_urls, **context)

    @env.macro
    def href(target: str, anchor: str | None = None) -> str:
        """A hand-written page's link to one of the site's pages by name (urls.PAGES), as templates link."""
        return urls.link(here(), urls.source(target, anchor=anchor))

    @env.macro
    def address(kind: str, *ids: str) -> str:
        """The address readers see for a kind of page in urls.py (`duty`, "<崗位>", "<職責>" → /roles/<崗位>/#<職責>)."""
        return "/" + urls.built(getattr(urls, kind)(*ids), directory_urls)

    @env.macro
    def role_page(role_id: str) -> str:
        return page("role.md.j2", role=handbook.role(role_id), today=today, review_days=review_days, limit=LIST_LIMIT,
                    aliases=moves.duty_aliases(handbook).get(role_id, ()), changed=changed)

    @env.macro
    def topic_page(topic_id: str) -> str:
        return page("topic.md.j2", topic=handbook.topic_by_id[topic_id], changed=changed)

    @env.macro
    def gaps() -> str:
        return page("gaps.md.j2", propose=Markup(repository.issue_form(GAP_FORM)) if repository else None)  # site config, not data

    @env.macro
    def onboarding_page(role_id: str) -> str:
        role = handbook.role(role_id)
        issue = Markup(repository.issue_form(issuetemplates.name(role.id))) if repository else None  # site config
        stages = handbook.onboarding(role)
        shown = [stage.id for stage, *_ in stages]
        at = quiz.stage(handbook).id
        return page("onboarding.md.j2", issue=issue, questions=quiz.questions(handbook, role),
                    quiz_at=at if at in shown else (shown[-1] if shown else None), role=role, path=handbook.path_by_role.get(role_id),
                    stages=stages, total=handbook.onboarding_step_count(role),
                    schedule=handbook.schedule, weekdays=list(enumerate(plan.WEEKDAYS.values(), 1)))

    @env.macro
    def process_page(process_id: str) -> str:
        process = handbook.process_by_id[process_id]
        return page("process.md.j2", process=process,
                    svg=swimlane.svg(handbook, process, here(), directory_urls),
                    narrow=swimlane.narrow(handbook, process, here(), directory_urls))

    @env.macro
    def processes_index() -> str:
        return page("processes_index.md.j2")

    @env.macro
    def measures_catalogue() -> str:
        uses = {m.id: [(p, s) for p in handbook.processes for s in p.steps if m in s.measures] for m in handbook.measures}
        reviewed = {m.id: [p for p in handbook.paths if any(pm.measure == m for pm in p.measures)]
                    for m in handbook.measures}
        return page("measures_catalogue.md.j2", uses=uses, reviewed=reviewed, aliases=moves.measure_aliases(handbook),
                    overview=measures_overview.overview(handbook))

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
        return page("map.md.j2", svg=collabmap.svg(handbook, here(), pairs, directory_urls), pairs=pairs,
                    total=collabmap.pair_count(handbook), drawn=len(collabmap.drawn(pairs)),
                    joined=collabmap.joined(pairs), strong=collabmap.STRONG)

    @env.macro
    def glossary() -> str:
        return page("glossary.md.j2")

    @env.macro
    def recent_changes() -> str:
        """What the latest data commits changed in the handbook, or a note when the build cannot read git history."""
        shown = recent.page(history, handbook)  # the history the hook read once (it logs what it skipped)
        missing = recent.missing(shown, data_dir())
        if missing:  # a warning: CI's strict build fails rather than publish a history that says too little
            log.warning("最近更新 Recent changes: %s", missing)
        # Commit links only for the data's own history in the site's repository (not for HANDBOOK_DATA elsewhere).
        data = repository_path(data_dir())
        linked = repository if repository and data and recent.linkable(repository.url) else None
        return page("changes.md.j2", history=shown, repository=linked, data=data,
                    actions=changes.ACTIONS)

    @env.macro
    def handbook_text(name: str) -> str:
        """The handbook's own texts from the data (introduction, closing), escaped."""
        return render("text.md.j2", text=getattr(handbook, name))

    @env.macro
    def identity_text(name: str) -> str:
        """Whose handbook this is, from the data (title, title_en, short, copyright), escaped."""
        return render("text.md.j2", text=getattr(handbook.identity, name)).strip()  # inline in a sentence

    @env.macro
    def stage_name(index: int, language: str = "zh") -> str:
        """An onboarding stage's name from the data (0: the first, -1: the last), escaped."""
        stage = handbook.stages[index]
        return render("text.md.j2", text=stage.name_en if language == "en" else stage.name).strip()

    @env.macro
    def home_description() -> str:
        """The handbook in one sentence, as plain text: for front matter only, which the hook escapes whole."""
        return identity.description(handbook)

    @env.macro
    def examples(kind: str, limit: int = 4) -> str:
        """Examples from the data for the home page's prose: words to search for, or the processes' names."""
        if kind == "search":
            return page("examples.md.j2", words=identity.search_examples(handbook)[:limit], quoted=True)
        return page("examples.md.j2", words=[p.name for p in handbook.processes[:limit]], quoted=False,
                    more=len(handbook.processes) > limit)

    @env.macro
    def introduction() -> str:
        """The introduction, credited to the source document when the data names one."""
        source = handbook.identity.source
        # The link as an attribute: checked to be http(s) with nothing that ends it (shapes.py), escaped once, not
        # as Markdown text: the Simplified edition must see it as the absolute address it is.
        link = Markup(html.escape(source.url, quote=True)) if source and source.url else None
        return page("introduction.md.j2", source=source, link=link)


def on_pre_page_macros(env) -> None:
    """A hand-written page's description (front matter) may state facts from the data too, as its text does."""
    description = env.page.meta.get("description")
    if isinstance(description, str) and "{{" in description:  # data in it is text: the whole is escaped once
        env.page.meta["description"] = plain(env.render(description))
