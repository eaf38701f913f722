"""The JSON Schema files under schemas/, generated from shapes.py.

Each data file names its schema in a first-line `# yaml-language-server:
$schema=../schemas/<name>.schema.json` comment, so editors complete fields
and underline mistakes with the same rules `make check` applies.
"""

from __future__ import annotations

import json
from pathlib import Path

from handbook.data.load import FILES, ROOT
from handbook.data.schema import json_schema

DIRECTORY = ROOT / "schemas"
TITLES = {
    "roles": "電商崗位職責手冊:崗位與職責 data/roles.yaml / Role handbook: roles and duties",
    "topics": "電商崗位職責手冊:職責主題 data/topics.yaml / Role handbook: duty topics",
    "onboarding": "電商崗位職責手冊:入職路徑 data/onboarding.yaml / Role handbook: onboarding paths",
    "measures": "電商崗位職責手冊:成效指標目錄 data/measures.yaml / Role handbook: measures catalogue",
    "processes": "電商崗位職責手冊:跨崗位流程 data/processes.yaml / Role handbook: cross-role processes",
    "gaps": "電商崗位職責手冊:待釐清 data/gaps.yaml / Role handbook: what the document leaves open",
    "synonyms": "電商崗位職責手冊:同義詞 data/synonyms.yaml / Role handbook: synonyms readers type",
    "simplified": "電商崗位職責手冊:簡體版用詞例外 data/simplified.yaml / Role handbook: Simplified wording exceptions",
}


def texts() -> dict[Path, str]:
    """Each schema file's path and its exact contents."""
    return {DIRECTORY / f"{key}.schema.json":
            json.dumps(json_schema(spec, TITLES[key]), ensure_ascii=False, indent=2) + "\n"
            for key, spec in FILES.items()}
