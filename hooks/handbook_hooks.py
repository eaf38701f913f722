"""MkDocs event wiring: load the data first, add the generated pages, set edit links, write the search index and
the Simplified edition after the build.  One reach into Material's internals, named where it is (on_pre_build:
the search plugin's private `_segment_chinese`, see ENGINE.md); everything else lives in the `handbook` package,
which knows nothing of MkDocs.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from watchdog.observers.polling import PollingObserver

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the repository root, for `handbook`

from handbook.edition import convert as edition  # noqa: E402
from handbook.history import changes  # noqa: E402
from handbook.outputs import exports  # noqa: E402
from handbook import urls  # noqa: E402
from handbook.site import errorpage, feeds, moves, pages, recent, since, sitename  # noqa: E402
from handbook.search import index as searchindex  # noqa: E402
from handbook.search import worker as searchworker  # noqa: E402
from handbook.data.load import data_dir, data_file, repository_path  # noqa: E402
from handbook.model import load  # noqa: E402
from handbook.data.problems import DataError  # noqa: E402

PACKAGE = Path(pages.__file__).parents[1]
TEMPLATE_CACHE = PACKAGE.parent / ".cache" / "templates"
SOURCE_POLL_S = 0.1  # how often `mkdocs serve` looks for edits of the data and the package
SERVING = "HANDBOOK_SERVING"  # `mkdocs serve` reloads this module for every rebuild; the flag outlives it
BROKEN = "handbook_problems"  # config.extra key: while serving, the data's problems instead of a failed build
STATE = "handbook_build"  # config.extra key of this build's Build
PROPOSE_FORM = "search-word.yml"  # the issue form under .github/ISSUE_TEMPLATE a search that found nothing opens
log = logging.getLogger("mkdocs.hooks.handbook")


class Build:
    """What one build knows, kept on its own config (`mkdocs serve` makes a new one for every rebuild), never in
    this module: the generated pages by source path.  (A plain class: MkDocs loads this file outside sys.modules,
    where a dataclass cannot resolve its annotations.)"""

    def __init__(self) -> None:
        self.generated: dict[str, pages.Page] = {}


def build_of(config) -> Build:
    return config.extra[STATE]


def on_startup(command, dirty):
    if command == "serve":
        os.environ[SERVING] = "1"


def on_env(env, config, files):
    # Every build (and each `mkdocs serve` rebuild) makes a new theme environment: the theme's templates, its
    # language partials included, are compiled once and read back compiled (keyed by their source's checksum).
    TEMPLATE_CACHE.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = FileSystemBytecodeCache(str(TEMPLATE_CACHE))
    return env


@event_priority(100)  # before the search and macros plugins read their settings
def on_config(config):
    config.extra[STATE] = Build()
    try:
        handbook = load()
    except DataError as error:
        if not os.environ.get(SERVING):
            raise PluginError("\n" + error.report()) from None
        # A failed build would leave the preview waiting: the site becomes the problems (errorpage).
        log.error("\n" + errorpage.report(error))
        config.extra.update({"handbook": None, "history": None, BROKEN: error})
        return config
    config.extra["handbook"] = handbook
    sitename.apply(handbook, config)
    repository = urls.Repository(config.repo_url, config.extra["branch"]) if config.repo_url else None
    config.extra["repository"] = repository
    if repository:
        config.edit_uri = repository.edit_uri(Path(config.docs_dir).name)
    # Where a search that found nothing proposes its word (search-proposal.js), when the repository's address can
    # go into a link.
    config.extra["propose"] = repository.issue_form(PROPOSE_FORM) if repository and recent.linkable(repository.url) \
        else None
    config.nav = pages.nav(handbook)
    theirs = searchworker.theme_worker(config.theme.dirs)
    config.extra["search_worker"] = {"theirs": theirs, "ours": searchworker.OURS} if theirs else None
    build_of(config).generated.update({p.uri: p for p in pages.generated(handbook)})
    redirects = config.plugins.get("redirects")
    if redirects:
        redirects.config["redirect_maps"] = moves.redirects(handbook)
    # The data's recent history, read once: the 最近更新 page, the feeds and the since-your-last-visit marks.
    history = changes.recent(data_dir(), changes.LIMIT, handbook.identity.history_since)
    for reason in history.skipped if history else ():
        log.info("最近更新 Recent changes: %s", reason)  # not a warning: history never fails a strict build
    config.extra["history"] = history
    return config


def on_pre_build(config):
    # searchindex.rewrite keeps each entry's text as plain text for the site's own search worker, which
    # needs no word cuts in it: the plugin's own jieba cut (a sixth of a rebuild) is skipped.
    # No public setting for it (ENGINE.md): without the attribute the site is the same, only the rebuild slower.
    index = getattr(config.plugins.get("material/search"), "search_index", None)
    if index is not None and hasattr(index, "_segment_chinese"):
        index._segment_chinese = str


@event_priority(50)  # before the redirects plugin lists the pages its redirects may lead to
def on_files(files, config):
    if config.extra.get(BROKEN):  # only the theme's files: every address answers with the problems
        return Files([f for f in files if not f.is_documentation_page()])
    added = [File.generated(config, page.uri, content=page.source()) for page in build_of(config).generated.values()]
    added += [File.generated(config, uri, content=content) for uri, content in
              exports.files(config.extra["handbook"], config.site_url, config.use_directory_urls).items()]
    added += [File.generated(config, uri, content=content) for uri, content in
              feeds.files(config.extra["handbook"], config.extra["history"], config.site_url,
                          config.use_directory_urls).items()]
    clashes = pages.clashes(((f.src_uri, f.dest_uri) for f in files), ((f.src_uri, f.dest_uri) for f in added))
    if clashes:
        raise PluginError("A generated file would replace another one; no page may silently disappear:\n  "
                          + "\n  ".join(clashes))
    for file in added:
        files.append(file)
    return files


def on_post_page(output, page, config):
    duplicates = pages.duplicate_ids(output)
    if duplicates:
        raise PluginError(f"{page.file.src_uri}: more than one element has the id "
                          + ", ".join(repr(i) for i in duplicates) + "; links to it would land on the wrong one")
    return output


def on_page_markdown(markdown, page, config, files):
    generated, repository = build_of(config).generated.get(page.file.src_uri), config.extra["repository"]
    if generated and generated.edit and repository:  # the data file the page is built from, at its lines
        key, *lines = generated.edit
        path = repository_path(data_file(key))
        page.edit_url = repository.file(path, tuple(lines)) if path else None
    elif page.file.src_uri in pages.EDIT:  # a page in docs/ drawn from the data, or from no one file
        key = pages.EDIT[page.file.src_uri]
        path = repository_path(data_file(key)) if key and repository else None
        page.edit_url = repository.file(path) if path else None
    page.meta["hb_feeds"] = feeds.for_page(config.extra["handbook"], page.file.src_uri)  # main.html: <link rel=alternate>
    page.meta["hb_since"] = since.marked(config.extra["handbook"], page.file.src_uri)  # main.html loads since.js
    return markdown


@event_priority(-100)  # after the search plugin has written its index
def on_post_build(config):
    if config.extra.get(BROKEN):
        for name in ("index.html", "404.html"):  # 404.html: what `mkdocs serve` answers at every other address
            (Path(config.site_dir) / name).write_text(errorpage.page(config.extra[BROKEN]), encoding="utf-8")
        return
    index = Path(config.site_dir) / "search" / "search_index.json"
    search = config.plugins.get("material/search")
    if search and search.config.enabled and index.exists():
        searchindex.rewrite(index, config.extra["handbook"], config.use_directory_urls)
    # Last, from the finished pages and index: the Simplified edition in zh-Hans/.
    ui = edition.theme_strings(config.theme.dirs, config.theme["language"])
    edition.write(Path(config.site_dir), config.site_url, ui,
                  reuse=edition.SERVED if os.environ.get(SERVING) else None,
                  exceptions=config.extra["handbook"].mainland)
    twice = pages.duplicate_ids_in(Path(config.site_dir) / edition.EDITION)
    if twice:
        raise PluginError("In the Simplified edition, more than one element has the same id (links to it would "
                          "land on the wrong one):\n  " + "\n  ".join(twice))


def on_serve(server, config, builder):
    # MkDocs polls for changes every 0.5 s; the data and the package are a few dozen files, cheap to look at
    # every 0.1 s, which takes 0.2 s off the average wait for a reload (0.25 s → 0.05 s).  They get a watchdog
    # observer of their own with that interval (watchdog's public constructor), and the server's own watch()
    # schedules them on it, so their changes reach the server as any other; the server keeps its usual one.
    usual, server.observer = server.observer, PollingObserver(timeout=SOURCE_POLL_S)
    try:
        server.watch(str(data_dir()))
        server.watch(str(PACKAGE))
    finally:
        fast, server.observer = server.observer, usual
    fast.start()  # its threads are daemons: they end with the server
    return server
