"""The JSON Schema files under schemas/, generated from the shapes (handbook/data/shapes.py).

Each data file names its schema in a first-line `# yaml-language-server:
$schema=../schemas/<name>.schema.json` comment, so editors complete fields
and underline mistakes with the same rules `make check` applies.
"""

from __future__ import annotations

import json
from pathlib import Path

from handbook.data.load import FILES, ROOT
from handbook.data.spec import SLUG, Choice, Date, Field, Integer, ListOf, MapOf, Record
from handbook.kinds import records

DIRECTORY = ROOT / "schemas"
# The same for every organisation's data: the schemas describe the files' shape, not one company's handbook.
TITLES = {key: f"崗位手冊:{file.zh} data/{key}.yaml / Role handbook: {file.en}" for key, file in records.FILES.items()}


def texts() -> dict[Path, str]:
    """Each schema file's path and its exact contents."""
    return {DIRECTORY / f"{key}.schema.json":
            json.dumps(json_schema(spec, TITLES[key]), ensure_ascii=False, indent=2) + "\n"
            for key, spec in FILES.items()}


def json_schema(spec, title: str) -> dict:
    """The JSON Schema editors use for completion and underlining.

    Draft-07, because the YAML extension of VS Code (yaml-language-server) fully
    supports only that draft; every keyword used here means the same in 2020-12.
    """

    def convert(spec, field_: Field | None) -> dict:
        doc = {"title": f"{field_.zh} / {field_.en}"} if field_ else {}
        if isinstance(spec, Record):
            return {**doc, "type": "object", "additionalProperties": False,
                    "required": [k for k, f in spec.fields.items() if f.required],
                    "properties": {k: convert(f.spec, f) for k, f in spec.fields.items()}}
        if isinstance(spec, ListOf):
            return {**doc, "type": "array", "minItems": spec.min_items, "items": convert(spec.item, None)}
        if isinstance(spec, MapOf):
            return {**doc, "type": "object", "minProperties": spec.min_items, "propertyNames": {"pattern": SLUG},
                    "additionalProperties": convert(spec.value, None)}
        if isinstance(spec, Integer):
            return {**doc, "type": "integer", "minimum": spec.least, "maximum": spec.most}
        if isinstance(spec, Choice):
            return {**doc, "type": "string", "enum": list(spec.values), "description": spec.described}
        if isinstance(spec, Date):
            return {**doc, "type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
        out = {**doc, "type": "string", "minLength": 1, "maxLength": spec.max_length,
               "description": f"{spec.expected_zh} / {spec.expected_en}"}
        out["pattern"] = spec.pattern or r"\S"
        if spec.reserved:
            out["not"] = {"enum": sorted(spec.reserved)}
        return out

    return {"$schema": "http://json-schema.org/draft-07/schema#", "title": title, **convert(spec, None)}
