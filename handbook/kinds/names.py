"""The names the site gives its own pages and anchors, and the data ids that would collide with them.

A role with the id `index` would replace roles/index.html (the role list); a duty with the id `duties`
would give its role page two elements with one id, so a link lands on the wrong heading.  The page
folders and fixed pages (urls.py builds every path from them) and the fixed anchors (templates write
`{{ anchor(A.DUTIES) }}`) live here once, and RESERVED, the words each kind of data id may not be, is
derived from them.

This module imports nothing outside kinds/, so the data checks (handbook/data/shapes.py) can read RESERVED without
depending on the model or on the site: the data still flows one way.
"""

from __future__ import annotations

from handbook.kinds.records import KINDS, PROCESS, ROLE, TOPIC

ROLES, ONBOARDING = ROLE.folders  # a folder per kind of page
(TOPICS,), (PROCESSES,) = TOPIC.folders, PROCESS.folders
FEEDS = "feeds"  # the Atom feeds: feeds/handbook.xml, feeds/role-<role>.xml, feeds/topic-<topic>.xml

# The site's own pages, by name: every fixed source path lives here (urls.PAGES).
PAGES = {
    "home": "index.md",
    "roles": f"{ROLES}/index.md",
    "topics": f"{TOPICS}/index.md",
    "onboarding": f"{ONBOARDING}/index.md",
    "processes": f"{PROCESSES}/index.md",
    "measures": "measures.md",
    "matrix": "matrix.md",
    "map": "map.md",
    "tags": "tags.md",
    "glossary": "glossary.md",
    "changes": "changes.md",
    "gaps": "gaps.md",
}

# The folders each kind of data id names pages in: roles/<role>.md and onboarding/<role>.md, topics/<topic>.md.
PAGE_FOLDERS = {kind.name: kind.folders for kind in KINDS.values() if kind.folders}


class A:
    """The fixed #anchors templates give headings; links to them are promises too (/roles/<role>/#duties)."""

    DUTIES = "duties"
    MEASURES = "measures"
    ABOUT = "about"
    WORKS_WITH = "works-with"
    ROLES = "roles"
    TOPICS = "topics"
    PAIRS = "pairs"
    PICK_YOUR_ROLE = "pick-your-role"
    COMPANY = "company"
    PROCESSES = "processes"
    PROCESS_STEPS = "process-steps"
    OVERVIEW = "overview"  # the measures page's opening list
    QUIZ = "quiz"  # a path page's knowledge check
    RACI = "raci-"  # + a letter in lower case: a topic page's group of R, C or I duties (#raci-r)


# The templates that make anchors of one kind of data id (`anchor(duty.id)`), with the fixed anchors beside
# them on the same page (tests/test_reserved.py holds this table to the templates).
SHARED_PAGES = {
    "role.md.j2": ("duty", (A.DUTIES, A.MEASURES, A.PROCESSES, A.WORKS_WITH)),
    "gaps.md.j2": ("gap", ()),
    "glossary.md.j2": ("role", (A.ROLES, A.TOPICS, A.DUTIES)),
    "onboarding.md.j2": ("stage", (A.QUIZ, A.MEASURES, A.ABOUT)),
    "onboarding_index.md.j2": ("stage", (A.PICK_YOUR_ROLE, A.COMPANY)),
    "topics_index.md.j2": ("group", ()),
    "processes_index.md.j2": ("process", ()),
    "measures_catalogue.md.j2": ("measure", (A.OVERVIEW,)),
}
# The ids the swimlane drawing gives its title and description (site/swimlane.py), on the process page.
SWIM_TITLE, SWIM_DESC = "hb-swim-title", "hb-swim-desc"
# A process page's steps are list items with the step ids (process.md.j2), beside this heading and the drawing.
STEP_PAGE_ANCHORS = (A.PROCESS_STEPS, SWIM_TITLE, SWIM_DESC)

# Ticks are stored per "<role id>/<step id>"; the company-wide steps use this word in place of a role id.
COMPANY_STEPS = "company"


def _reserved() -> dict[str, frozenset[str]]:
    words: dict[str, set[str]] = {}
    for kind, folders in PAGE_FOLDERS.items():  # a page of the folder's own, such as roles/index.md
        words.setdefault(kind, set()).update(
            path.rsplit("/", 1)[1][: -len(".md")] for path in PAGES.values() if path.rsplit("/", 1)[0] in folders)
    for kind, fixed in SHARED_PAGES.values():
        words.setdefault(kind, set()).update(fixed)
    words["role"].add(COMPANY_STEPS)
    words.setdefault("process step", set()).update(STEP_PAGE_ANCHORS)
    return {kind: frozenset(found) for kind, found in words.items()}


RESERVED = _reserved()  # kind of id -> the words that id may not be
