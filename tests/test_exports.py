"""/api/roles.json and /api/duties.csv: valid, linked from the home page, and saying exactly what the data says."""

from __future__ import annotations

import codecs
import copy
import csv
import dataclasses
import io
import json
import re
import unicodedata

import jsonschema
import pytest

from handbook.outputs import exports
from handbook.model import load as load_handbook

from .htmlpage import load

HANDBOOK = load_handbook()


def read_json(site, name: str) -> dict:
    return json.loads((site / "api" / name).read_text(encoding="utf-8"))


def validator(site) -> jsonschema.Draft202012Validator:
    schema = read_json(site, "roles.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def test_roles_json_validates_against_its_published_schema(site):
    document = read_json(site, "roles.json")
    validator(site).validate(document)
    schema_url = document["$schema"]
    assert schema_url == read_json(site, "roles.schema.json")["$id"]
    assert schema_url.endswith("/api/roles.schema.json")
    assert document["version"]


@pytest.mark.parametrize("damage", [
    lambda d: d["roles"][0]["duties"][0].pop("title"),
    lambda d: d["topics"][0]["duties"][0].update(raci="X"),
    lambda d: d["roles"][0]["duties"][0]["topics"][0].update(basis="hunch"),
    lambda d: d.update(version="1.1"),
    lambda d: d["roles"][0].update(reviewed="last spring"),
    lambda d: d.pop("version"),
])
def test_the_schema_refuses_a_broken_document(site, damage):
    document = copy.deepcopy(read_json(site, "roles.json"))
    damage(document)
    with pytest.raises(jsonschema.ValidationError):
        validator(site).validate(document)


def test_roles_json_round_trips_to_the_data(site):
    document = read_json(site, "roles.json")
    roles = {r["id"]: r for r in document["roles"]}
    assert list(roles) == [r.id for r in HANDBOOK.roles]
    for role in HANDBOOK.roles:
        got = roles[role.id]
        assert (got["name"], got["name_en"], got["summary"], got["purpose"]) == \
            (role.name, role.name_en, role.summary, role.purpose)
        assert got["owners"] == list(role.owners) and got["reviewed"] == role.reviewed.isoformat()
        assert [d["id"] for d in got["duties"]] == [d.id for d in role.duties]
        for duty, entry in zip(role.duties, got["duties"]):
            assert (entry["title"], entry["title_en"], entry["description"], entry["description_en"]) == \
                (duty.title, duty.title_en, duty.description, duty.description_en)
            assert [(t["topic"], t["raci"], t["basis"], t["reason"]) for t in entry["topics"]] == \
                [(t.id, a.letter, a.basis, a.reason) for t, a in HANDBOOK.topics_of(duty)]
            assert entry["url"].endswith(f"/roles/{role.id}/#{duty.id}")
    topics = {t["id"]: t for t in document["topics"]}
    assert list(topics) == [t.id for t in HANDBOOK.topics]
    for topic in HANDBOOK.topics:
        got = topics[topic.id]
        assert (got["name"], got["name_en"], got["group"], got["description"], got["aliases"]) == \
            (topic.name, topic.name_en, topic.group, topic.description, list(topic.aliases))
        assert [(d["role"], d["duty"], d["raci"], d["basis"], d["reason"]) for d in got["duties"]] == \
            [(a.duty.role_id, a.duty.id, a.letter, a.basis, a.reason) for a in topic.duties]
        assert got["description_basis"] == topic.description_basis
        only_a = [d for d in got["duties"] if d["raci"] == "A"]
        assert len(only_a) == 1 and got["accountable"] == {"role": only_a[0]["role"], "duty": only_a[0]["duty"]}
    paths = {p["role"]: p for p in document["onboarding"]["paths"]}
    assert list(paths) == [p.role.id for p in HANDBOOK.paths]
    for path in HANDBOOK.paths:
        got = paths[path.role.id]
        assert [(m["id"], m["name"], m["name_en"], m["duty"], m["how"]) for m in got["measures"]] == \
            [(m.measure.id, m.measure.name, m.measure.name_en, m.duties[0].id, m.review) for m in path.measures]
        assert [(s["stage"], [(x["id"], x["do"], x["why"], x["checkpoint"], x["duties"]) for x in s["steps"]])
                for s in got["stages"]] == \
            [(stage.id, [(x.id, x.do, x.why, x.checkpoint, [d.id for d in x.duties]) for x in steps])
             for stage, steps in path.stages]
    assert [s["stage"] for s in document["onboarding"]["company"]] == [s.id for s, _ in HANDBOOK.company_steps]


def test_every_url_in_roles_json_is_a_page_of_the_site(site):
    document = read_json(site, "roles.json")
    base = document["$schema"].rsplit("api/roles.schema.json", 1)[0]
    urls = [r["url"] for r in document["roles"]] + [t["url"] for t in document["topics"]]
    urls += [d["url"] for r in document["roles"] for d in r["duties"]]
    urls += [p["url"] for p in document["onboarding"]["paths"]]
    for url in urls:
        assert url.startswith(base)
        path, _, anchor = url[len(base):].partition("#")
        page = load(site, "/" + path)
        assert not anchor or anchor in page.ids, url


def test_duties_csv_opens_in_excel_and_round_trips_to_the_data(site):
    raw = (site / "api" / "duties.csv").read_bytes()
    assert raw.startswith(codecs.BOM_UTF8), "Excel needs the byte-order mark to read UTF-8"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    expected = [
        {"role_id": role.id, "role_name": role.name, "duty_id": duty.id, "title": duty.title,
         "title_en": duty.title_en, "description": duty.description, "description_en": duty.description_en,
         "topics": "、".join(t.name for t, _ in HANDBOOK.topics_of(duty)),
         "raci": "、".join(a.letter for _, a in HANDBOOK.topics_of(duty)),
         "basis": "、".join(a.basis for _, a in HANDBOOK.topics_of(duty))}
        for role in HANDBOOK.roles for duty in role.duties]
    assert len(rows) == 64
    assert [{k: row[k] for k in expected[0]} for row in rows] == expected
    assert all(row["url"].endswith(f"/roles/{row['role_id']}/#{row['duty_id']}") for row in rows)


def test_csv_cells_never_start_a_spreadsheet_formula(data_copy):
    """Data text is shown, never run: Excel would run a cell starting with =, +, - or @."""
    roles = data_copy / "roles.yaml"
    text = roles.read_text(encoding="utf-8")
    hostile = text.replace('description: "協助客戶完成退換貨流程', 'description: "=HYPERLINK(1)協助客戶完成退換貨流程', 1)
    assert hostile != text
    roles.write_text(hostile, encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(exports.files(load_handbook(data_copy), None)[exports.CSV].lstrip("\ufeff"))))
    cell = next(r["description"] for r in rows if r["duty_id"] == "returns-exchanges")
    assert cell.startswith("'=HYPERLINK(1)")


# What OWASP's CSV-injection advice names: a formula sign anywhere a spreadsheet still sees it first (after
# blanks, line breaks and invisible characters, or in its fullwidth form), tab and carriage return, and a
# cell that already starts with ' (so the guard can be undone); then text that must stay as typed.
RUNS = ["=1+1", "+1+1", "-1+1", "@SUM(1)", " =1+1", "\n=1+1", "\r\n=1+1", "\t=1+1", "\t1", "\rA", "\u3000=1",
        "\u200b=1+1", "\x00=1", "＝HYPERLINK(1)", "＋1+1", "－1+1", "＠SUM(1)", "﹦1", "-2+3+cmd|' /C calc'!A0",
        "'=1+1", "'plain", "@mention", "- 列表項"]
READABLE = ["-10% 折扣", "-10%", "+86 電話號碼", "普通文字", "A-B=C", "R&D 部門", " 前面有空格", "3-5 天"]


def runs_in_a_spreadsheet(cell: str) -> bool:
    """Whether a spreadsheet would take the cell for a formula (its own reading, not the export's code)."""
    if cell[:1] in ("\t", "\r"):
        return True
    visible = "".join(c for c in cell if not (c.isspace() or unicodedata.category(c) in ("Cc", "Cf")))
    first = unicodedata.normalize("NFKC", visible[:1])
    signed_number = re.fullmatch(r"[+-][0-9][0-9.,]*%?(?: [^=+*/^&()!|@;:'\"-]*)?", cell)
    return first in ("=", "+", "-", "@") and not signed_number


def test_the_csv_guard_follows_owasp_and_round_trips(data_copy):
    """Every cell of every column, guarded: none runs, ordinary text stays as typed, and dropping one leading '
    gives back the data exactly."""
    values = RUNS + READABLE
    handbook = load_handbook(data_copy)
    roles = []
    for r, role in enumerate(handbook.roles):
        duties = tuple(dataclasses.replace(d, **{field: values[(r * 9 + i * 4 + k) % len(values)]
                                                  for k, field in enumerate(("title", "title_en", "description",
                                                                             "description_en"))})
                       for i, d in enumerate(role.duties))
        roles.append(dataclasses.replace(role, name=values[r % len(values)], duties=duties))
    changed = dataclasses.replace(handbook, roles=tuple(roles))
    text = exports.duties_csv(changed, lambda target: "https://example.test/x")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))
    expected = [[role.id, role.name, d.id, d.title, d.title_en, d.description, d.description_en] for role in roles
                for d in role.duties]
    assert len(rows) == len(expected) + 1
    seen = set()
    for row, data in zip(rows[1:], expected):
        for cell, value in zip(row, data):
            assert not runs_in_a_spreadsheet(cell), f"{cell!r} would run"
            assert (cell[1:] if cell.startswith("'") else cell) == value, f"{value!r} came back as {cell!r}"
            if value in READABLE:
                assert cell == value, f"ordinary text {value!r} was changed to {cell!r}"
            seen.add(value)
    assert set(values) <= seen


def test_home_page_links_to_the_exports(site):
    links = load(site, "/").internal_links()
    for name in ("roles.json", "duties.csv", "roles.schema.json"):
        assert (f"/api/{name}", "") in links
        assert (site / "api" / name).is_file()
