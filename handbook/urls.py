"""The site's URL scheme, in one place: where each page's source lives and the URL it is built to.

The paths here are a promise to readers (links are pasted into chat): `/roles/<role>/#<duty>`,
`/topics/<topic>/`, `/onboarding/<role>/`, `/processes/<process>/`, `/measures/#<measure>`.  Pages are addressed by their Markdown source path
(`roles/<role>.md#<duty>`); MkDocs turns a Markdown link to it into the built URL in either build
mode.  What MkDocs does not rewrite (raw HTML such as the map's SVG, the search index, the
exports) takes the built URL from `built`, for the mode the site is built in (`use_directory_urls`;
the pull-request preview is built without directory URLs).

Nothing else spells these paths: templates link with `href(obj)`, the hand-written pages in docs/ with
the `href("name")` macro, benchmarks and exports ask this module.  Only the tests write the promised URLs
out, on purpose, so that they check the promise rather than this module's idea of it.

Links out of the site into the repository (edit buttons, history) come from `Repository`, which holds
the one branch setting (`extra.branch` in mkdocs.yml).
"""

from __future__ import annotations

from dataclasses import dataclass

from handbook.model import Duty, Gap, Measure, OnboardingPath, Process, ProcessStep, Role, Topic
# The page folders and the fixed pages live in names.py, which the data checks read too, to reserve them.
from handbook.kinds.names import FEEDS, ONBOARDING, PAGES, PROCESSES, ROLES, TOPICS  # noqa: F401  (urls.PAGES is the usual name)


def role(role_id: str) -> str:
    return f"{ROLES}/{role_id}.md"


def topic(topic_id: str) -> str:
    return f"{TOPICS}/{topic_id}.md"


def onboarding(role_id: str) -> str:
    return f"{ONBOARDING}/{role_id}.md"


def process(process_id: str) -> str:
    return f"{PROCESSES}/{process_id}.md"


def feed(kind: str | None = None, ident: str | None = None) -> str:
    """An Atom feed's file: the whole handbook's, or one role's or topic's (kind "role" or "topic").

    All in one folder, beside an empty sitemap (FEED_SITEMAP): Material fetches a sitemap.xml beside every
    <link rel="alternate"> of a page, and one folder means one small request that finds something."""
    return f"{FEEDS}/{kind}-{ident}.xml" if kind else f"{FEEDS}/handbook.xml"


FEED_SITEMAP = f"{FEEDS}/sitemap.xml"


def duty(role_id: str, duty_id: str) -> str:
    return f"{role(role_id)}#{duty_id}"


def source(target: object, kind: object = None, anchor: str | None = None) -> str:
    """The source path of a model object or a named page, with an optional #anchor.

    `kind="onboarding"` gives a role's onboarding page instead of its role page; a process step is `target`
    with `kind` its process (the step's anchor on the process page).
    """
    if isinstance(target, Duty):
        path = duty(target.role_id, target.id)
    elif isinstance(target, Role):
        path = onboarding(target.id) if kind == ONBOARDING else role(target.id)
    elif isinstance(target, OnboardingPath):
        path = onboarding(target.role.id)
    elif isinstance(target, Topic):
        path = topic(target.id)
    elif isinstance(target, Process):
        path = process(target.id)
    elif isinstance(target, ProcessStep) and isinstance(kind, Process):
        path = f"{process(kind.id)}#{target.id}"
    elif isinstance(target, Measure):
        path = f"{PAGES['measures']}#{target.id}"
    elif isinstance(target, Gap):
        path = f"{PAGES['gaps']}#{target.id}"
    elif isinstance(target, str) and target in PAGES:
        path = PAGES[target]
    else:
        raise ValueError(f"no page for {target!r}")
    return f"{path}#{anchor}" if anchor else path


def built(src: str, directory_urls: bool = True) -> str:
    """The URL, relative to the site root, that MkDocs builds source `src` (with any #anchor) to."""
    path, hash_, anchor = src.partition("#")
    stem = path[: -len(".md")]
    if directory_urls:
        if stem == "index" or stem.endswith("/index"):
            url = stem[: -len("index")]
        else:
            url = stem + "/"
    else:
        url = stem + ".html"
    return url + hash_ + anchor


def relative(path: str, start: str) -> str:
    """The relative URL from folder `start` to `path` (a file, or a folder ending in "/"), as posixpath.relpath
    would give it, without its os.getcwd() per call (pages link thousands of times)."""
    here, there = start.split("/") if start else [], path.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


def link(here: str, target: str) -> str:
    """A relative Markdown link from page source `here` to source `target` (with any #anchor); MkDocs checks
    it and turns it into the built URL."""
    path, hash_, anchor = target.partition("#")
    return relative(path, here.rpartition("/")[0]) + hash_ + anchor


def built_link(here: str, target: str, directory_urls: bool = True) -> str:
    """A relative built URL from the built page of source `here` to source `target`: for raw HTML, which
    MkDocs does not rewrite."""
    page = built(here, directory_urls)
    folder = page.rpartition("/")[0]
    url = built(target, directory_urls)
    path, hash_, anchor = url.partition("#")
    rel = relative(path, folder) if path else relative("", folder) or "./"
    return (rel or "./") + hash_ + anchor


def asset_link(here: str, asset: str, directory_urls: bool = True) -> str:
    """A relative URL from the built page of source `here` to a file the site ships as it is (a script)."""
    return relative(asset, built(here, directory_urls).rpartition("/")[0])


@dataclass(frozen=True)
class Repository:
    """The GitHub repository the site is built from (`repo_url`) and its branch: where edit and history links go."""

    url: str
    branch: str

    def edit_uri(self, docs: str = "docs") -> str:
        """MkDocs' `edit_uri` for the hand-written pages in the `docs` folder."""
        return f"edit/{self.branch}/{docs}/"

    def file(self, path: str, lines: tuple[int, int] | None = None) -> str:
        """A file (relative to the repository's root), with its lines highlighted when given."""
        return f"{self.url.rstrip('/')}/blob/{self.branch}/{path}" + (f"#L{lines[0]}-L{lines[1]}" if lines else "")

    def history(self, path: str) -> str:
        """The commits that touched `path` (a file or folder relative to the repository's root)."""
        return f"{self.url.rstrip('/')}/commits/{self.branch}/{path}"

    def commit(self, sha: str) -> str:
        """One commit (the recent-changes page links each change to the commit that made it)."""
        return f"{self.url.rstrip('/')}/commit/{sha}"

    def issue_form(self, form: str) -> str:
        """A new issue from one of the forms in .github/ISSUE_TEMPLATE (e.g. proposing an answer to a gap)."""
        return f"{self.url.rstrip('/')}/issues/new?template={form}"
