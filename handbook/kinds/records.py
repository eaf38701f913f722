"""Each kind of record the handbook holds and each data file, declared once: what it is called in Chinese and
English, which page folders are named after its ids, whether readers look it up by name.

The data's shapes (handbook/data/shapes.py), the files read (data/load.py FILES), the reserved ids
(names.RESERVED), the editors' JSON Schemas, the recent-changes page's labels and the search's named things all
derive from these.  Adding a kind of record: one declaration here, its shape, one template, one test.
"""

from __future__ import annotations

from dataclasses import dataclass

ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"  # every id: lowercase ASCII letters and digits, words joined by hyphens
DUTY_REF = rf"{ID}/{ID}"  # a duty named from another file: role-id/duty-id


@dataclass(frozen=True)
class Kind:
    name: str  # what the shapes, the checks and the recent-changes page call it
    zh: str
    en: str
    folders: tuple[str, ...] = ()  # page folders with a page per record, named by its id (roles/<id>.md)
    searched: bool = False  # readers look it up by its names (name, name_en, aliases): search lists its page first


ROLE = Kind("role", "崗位", "Role", folders=("roles", "onboarding"))
DUTY = Kind("duty", "職責", "Duty")
GROUP = Kind("group", "主題分組", "Topic group")
TOPIC = Kind("topic", "主題", "Topic", folders=("topics",), searched=True)
STAGE = Kind("stage", "入職階段", "Onboarding stage")
COMPANY_STEP = Kind("company-wide step", "新人共同步驟", "Company-wide step")
STEP = Kind("step", "步驟", "Step")
PATH = Kind("path", "入職路徑", "Onboarding path")
MEASURE = Kind("measure", "成效指標", "Measure", searched=True)
PROCESS = Kind("process", "流程", "Process", folders=("processes",), searched=True)
PROCESS_STEP = Kind("process step", "流程步驟", "Process step")
GAP = Kind("gap", "待釐清", "Open question")
KINDS = {k.name: k for k in (ROLE, DUTY, GROUP, TOPIC, STAGE, COMPANY_STEP, STEP, PATH, MEASURE, PROCESS,
                             PROCESS_STEP, GAP)}


@dataclass(frozen=True)
class DataFile:
    key: str  # its name in the data directory without .yaml, and its key everywhere (FILES, edit links)
    zh: str  # what it holds
    en: str
    optional: dict | None = None  # what a data directory without it means (a company's own roles): None = required
    other: tuple[str, str] | None = None  # what its content outside records is called (the recent-changes page)


FILES = {f.key: f for f in (
    DataFile("roles", "崗位與職責", "roles and duties", other=("手冊文字", "Handbook text")),
    DataFile("topics", "職責主題", "duty topics"),
    DataFile("onboarding", "入職路徑", "onboarding paths"),
    DataFile("measures", "成效指標目錄", "measures catalogue"),
    DataFile("processes", "跨崗位流程", "cross-role processes", optional={"processes": []}),
    DataFile("gaps", "待釐清", "what the document leaves open", optional={"gaps": []}),
    DataFile("synonyms", "同義詞", "synonyms readers type", optional={"synonyms": {}},
             other=("搜尋同義詞", "Search synonyms")),
    DataFile("moved", "改名或刪除過的 id", "renamed or removed ids", optional={"moved": []},
             other=("改名或刪除過的 id", "Renamed or removed ids")),
    DataFile("simplified", "簡體版用詞例外", "Simplified wording exceptions", optional={"words": []},
             other=("簡體版用詞", "Simplified wording")),
)}
