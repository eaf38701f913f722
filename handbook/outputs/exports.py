"""The handbook as data for other systems: /api/roles.json (with its JSON Schema), /api/duties.csv,
/api/processes.csv (one row per process step) and /api/measures.csv (one row per measure).

HR systems and spreadsheets read these instead of the pages.  Both are
built from the checked model, so they say exactly what the pages say.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Callable

from handbook.model.identity import Identity
from handbook.kinds.vocabularies import BASES, BASIS_NAMES, LETTERS

from handbook.model import Assignment, Handbook, Step
from handbook.data.spec import DUTY_REF, SLUG
from handbook import urls
from handbook.kinds.plan import COUNTS, KINDS, PEOPLE, WEEKDAYS
from handbook.outputs import quizexport

VERSION = "2.2"  # the export format; a change that could break a reader bumps the major number (2.0: R/A/C/I letters and basis replace owns/contributes; measures and processes added; 2.1: the onboarding schedule, stages' due days, who does each step; 2.2: a measure's accountable role and note, a letter's or step's gap)
JSON, SCHEMA, CSV = "api/roles.json", "api/roles.schema.json", "api/duties.csv"
PROCESSES_CSV, MEASURES_CSV = "api/processes.csv", "api/measures.csv"
CSV_COLUMNS = ("role_id", "role_name", "duty_id", "title", "title_en", "description", "description_en", "topics",
               "raci", "basis", "url")  # raci and basis list one entry per topic, in the order of topics
PROCESS_COLUMNS = ("process_id", "process_name", "process_name_en", "step", "step_id", "role_id", "duty_id", "duty_title",
                   "do", "hands_on", "basis", "because", "gap", "measures", "url")
MEASURE_COLUMNS = ("measure_id", "name", "name_en", "aliases", "numerator", "denominator", "expression", "unit",
                   "direction", "source", "cadence", "owner", "accountable_role", "accountable", "note", "moved_by", "url")
LIST_SEPARATOR = " "  # between ids in one CSV cell
TOPIC_SEPARATOR = "、"
_FORMULA = "=+-@"  # a cell starting with one of these (after blanks, in any width) is run as a formula
_RUNS_AT_START = ("\t", "\r")  # ... and so is one starting with these, whatever follows
_LEADING = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]*")
_SIGNED_WORDS = re.compile(r"[+-][0-9][0-9.,]*%?(?:\s[^=+\-*/^&()!|@;:\"'<>{}\[\]]*)?")  # "-10% 折扣": no operator


def files(h: Handbook, site_url: str | None, directory_urls: bool = True) -> dict[str, str]:
    """Every export, by its path in the site."""
    base = site_url.rstrip("/") + "/" if site_url else ""
    schema_url = base + SCHEMA if base else "roles.schema.json"

    def url(target: object) -> str:
        return base + urls.built(urls.source(target), directory_urls)

    return {
        JSON: json.dumps(document(h, url, schema_url), ensure_ascii=False, indent=2) + "\n",
        SCHEMA: json.dumps(schema(schema_url, h.identity), ensure_ascii=False, indent=2) + "\n",
        CSV: duties_csv(h, url),
        PROCESSES_CSV: processes_csv(h, url),
        MEASURES_CSV: measures_csv(h, url),
        **quizexport.files(h, lambda src: base + urls.built(src, directory_urls),
                           base + quizexport.SCHEMA if base else "quiz.schema.json"),
    }


def document(h: Handbook, url: Callable[[object], str], schema_url: str) -> dict:
    """roles.json: roles with their duties, topics and onboarding; ids as in the data, URLs to the pages
    (relative to the site root when the site has no URL)."""

    def steps(items: tuple[Step, ...]) -> list[dict]:
        return [{"id": s.id, "do": s.do, "why": s.why, "checkpoint": s.checkpoint,
                 "duties": [d.id for d in s.duties], "meet": [{"role": m.role.id, "learn": m.learn} for m in s.meet],
                 "measures": [m.id for m in s.measures], "processes": [p.id for p in s.processes],
                 "by": list(s.by), "kind": s.kind} for s in items]

    return {
        "$schema": schema_url,
        "version": VERSION,
        "handbook": {"title": h.identity.title, "title_en": h.identity.title_en},
        "roles": [{
            "id": r.id, "name": r.name, "name_en": r.name_en, "summary": r.summary, "purpose": r.purpose,
            "owners": list(r.owners), "reviewed": r.reviewed.isoformat(), "url": url(r),
            "duties": [{"id": d.id, "title": d.title, "title_en": d.title_en, "description": d.description,
                        "description_en": d.description_en, "url": url(d),
                        "topics": [{"topic": t.id, **_assignment(a)} for t, a in h.topics_of(d)]}
                       for d in r.duties],
        } for r in h.roles],
        "groups": [{"id": g.id, "name": g.name, "name_en": g.name_en} for g in h.groups],
        "topics": [{
            "id": t.id, "name": t.name, "name_en": t.name_en, "group": t.group, "description": t.description,
            "description_basis": t.description_basis, "aliases": list(t.aliases), "url": url(t),
            "accountable": {"role": t.accountable.duty.role_id, "duty": t.accountable.duty.id},
            "duties": [{"role": a.duty.role_id, "duty": a.duty.id, **_assignment(a)} for a in t.duties],
        } for t in h.topics],
        "measures": [{
            "id": m.id, "name": m.name, "name_en": m.name_en, "aliases": list(m.aliases),
            "formula": {k: v for k, v in (("numerator", m.numerator), ("denominator", m.denominator),
                                           ("expression", m.expression)) if v is not None},
            "unit": m.unit, "direction": m.direction, "source": m.source, "cadence": m.cadence,
            "owner": m.owner.ref, "accountable": {"role": m.accountable.role_id, "duty": m.accountable.id},
            "note": m.note, "moved_by": [d.ref for d in m.moved_by], "url": url(m),
        } for m in h.measures],
        "processes": [{
            "id": p.id, "name": p.name, "name_en": p.name_en, "aliases": list(p.aliases), "trigger": p.trigger,
            "topics": [t.id for t in p.topics], "roles": list(p.lanes), "url": url(p),
            "steps": [{"id": s.id, "duty": s.duty.ref, "do": s.do, "hands_on": s.hands_on, "basis": s.basis,
                       "because": s.because, "gap": s.gap.id if s.gap else None,
                       "measures": [m.id for m in s.measures]} for s in p.steps],
        } for p in h.processes],
        "onboarding": {
            "schedule": {"days_off": list(h.schedule.days_off), "count": h.schedule.count,
                         "meetings_at": h.schedule.meetings_at, "meeting_minutes": h.schedule.meeting_minutes},
            "stages": [{"id": s.id, "name": s.name, "name_en": s.name_en, "due": h.due[s.id].day,
                        "count": h.due[s.id].count} for s in h.stages],
            "company": [{"stage": stage.id, "steps": steps(items)} for stage, items in h.company_steps],
            "paths": [{
                "role": p.role.id, "url": url(p),
                "measures": [{"id": m.measure.id, "name": m.measure.name, "name_en": m.measure.name_en,
                              "duty": m.duties[0].id, "how": m.review} for m in p.measures],
                "stages": [{"stage": stage.id, "steps": steps(items)} for stage, items in p.stages],
            } for p in h.paths],
        },
    }


def _assignment(a: Assignment) -> dict:
    return {"raci": a.letter, "basis": a.basis, "reason": a.reason, "gap": a.gap.id if a.gap else None}


def schema(schema_url: str, identity: Identity) -> dict:
    """The JSON Schema (draft 2020-12) of roles.json, published beside it."""
    text = {"type": "string", "minLength": 1}
    ident = {"type": "string", "pattern": SLUG}
    ref = {"type": "string", "pattern": DUTY_REF}
    idents = {"type": "array", "items": ident}
    raci = {"enum": [letter.code for letter in LETTERS],
            "description": "; ".join(f"{l.code} = {l.name} {l.name_en}" for l in LETTERS)}
    basis = {"enum": list(BASES), "description": "; ".join(f"{k} = {zh} / {en}" for k, (zh, en) in BASES.items())}
    letter_basis = {"enum": list(BASIS_NAMES),
                    "description": "; ".join(f"{k} = {zh} / {en}" for k, (zh, en) in BASIS_NAMES.items())}
    reason = {"type": "string", "description": "為什麼(本手冊判斷時必有)/ why (always given for a judgement)"}
    gap = {"type": ["string", "null"], "pattern": SLUG,
           "description": "依賴的待釐清問題(/gaps/#<id>),沒有時是 null / the open question it rests on, or null"}

    def record(about: str, /, **properties) -> dict:
        return {"type": "object", "description": about, "additionalProperties": False,
                "required": list(properties), "properties": properties}

    def listed(item: dict) -> dict:
        return {"type": "array", "items": item}

    step = record("一個入職步驟 / an onboarding step", id=ident, do=text, why=text, checkpoint=text,
                  duties=idents, meet=listed(record("要認識的崗位 / a role to meet", role=ident, learn=text)),
                  measures=idents, processes=idents,
                  by={"type": "array", "items": {"enum": list(PEOPLE)}, "minItems": 1,
                      "description": "; ".join(f"{k} = {zh} / {en}" for k, (zh, en) in PEOPLE.items())},
                  kind={"enum": list(KINDS)})
    stage_steps = listed(record("一個階段的步驟 / the steps of one stage", stage=ident, steps=listed(step)))
    named = record("分組或階段 / a group or stage", id=ident, name=text, name_en=text)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": schema_url,
        "title": f"{identity.title} roles.json / {identity.title_en} export",
        **record(
            "崗位、職責、主題、成效指標、流程與入職路徑 / roles, duties, topics, measures, processes and onboarding",
            **{"$schema": text},
            version={"type": "string", "pattern": r"^2\.[0-9]+$",
                     "description": "匯出格式的版本 / version of this export format"},
            handbook=record("手冊 / the handbook", title=text, title_en=text),
            roles=listed(record(
                "崗位 / a role", id=ident, name=text, name_en=text, summary=text, purpose=text,
                owners=listed(text), reviewed={"type": "string", "format": "date"}, url=text,
                duties=listed(record("職責 / a duty", id=ident, title=text, title_en=text, description=text,
                                     description_en=text, url=text,
                                     topics=listed(record("職責所屬的主題 / a topic of the duty",
                                                          topic=ident, raci=raci, basis=letter_basis, reason=reason,
                                                          gap=gap)))))),
            groups=listed(named),
            topics=listed(record(
                "主題 / a topic", id=ident, name=text, name_en=text, group=ident, description=text,
                description_basis=basis, aliases=listed(text), url=text,
                accountable=record("當責的職責 / the accountable duty", role=ident, duty=ident),
                duties=listed(record("主題牽涉的職責 / a duty in the topic",
                                     role=ident, duty=ident, raci=raci, basis=letter_basis, reason=reason,
                                     gap=gap)))),
            measures=listed(record(
                "成效指標 / a measure", id=ident, name=text, name_en=text, aliases=listed(text),
                formula={"type": "object", "additionalProperties": False, "description":
                         "分子和分母,或算式 / numerator and denominator, or an expression",
                         "properties": {k: text for k in ("numerator", "denominator", "expression")},
                         "oneOf": [{"required": ["numerator", "denominator"]}, {"required": ["expression"]}]},
                unit=text, direction={"enum": ["higher", "lower"]}, source=text, cadence=text, owner=ref,
                accountable=record("為這個數字當責的崗位和職責 / the role and duty that answer for the number",
                                   role=ident, duty=ident),
                note={"type": "string", "description": "口徑說明,沒有時是空字串 / a note on scope, or empty"},
                moved_by=listed(ref), url=text)),
            processes=listed(record(
                "跨崗位流程 / a cross-role process", id=ident, name=text, name_en=text, aliases=listed(text),
                trigger=text, topics=idents, roles=idents, url=text,
                steps=listed(record("流程的一步 / a process step", id=ident, duty=ref, do=text, hands_on=text,
                                    basis={"enum": list(BASIS_NAMES)}, because=text, gap=gap,
                                    measures=idents)))),
            onboarding=record(
                "入職 / onboarding",
                schedule=record("入職計畫的日子怎麼算 / how the plan's days count",
                                days_off=listed({"enum": list(WEEKDAYS)}), count={"enum": list(COUNTS)},
                                meetings_at={"type": "string", "pattern": r"^[0-2][0-9]:[0-5][0-9]$"},
                                meeting_minutes={"type": "integer", "minimum": 1}),
                stages=listed(record("階段 / a stage", id=ident, name=text, name_en=text,
                                     due={"type": "integer", "minimum": 1,
                                          "description": "到期日是第幾天(第 1 天是開始日期)/ due on day N (day 1 is the start)"},
                                     count={"enum": list(COUNTS)})),
                company=stage_steps,
                paths=listed(record(
                    "崗位的入職路徑 / a role's onboarding path", role=ident, url=text,
                    measures=listed(record("成效指標 / a measure of success", id=ident, name=text, name_en=text,
                                           duty=ident, how=text)),
                    stages=stage_steps))),
        ),
    }


def _cell(value: str) -> str:
    """Text a spreadsheet shows as text, following OWASP's advice on CSV injection.

    Excel runs a cell that starts with = + - or @ (or a tab or carriage return) as a formula, and
    looks past leading spaces, line breaks and control characters, and reads fullwidth ＝＋－＠ as their
    ASCII forms.  Such a cell gets a leading ' (what Excel itself uses for "this is text"), as does a
    cell that already starts with ', so a reader gets the data back by dropping one leading ' from any
    cell that has one.  A sign before a plain number and words, such as "-10% 折扣", runs nothing and stays
    as it is.
    """
    start = _LEADING.match(value).end()
    first = unicodedata.normalize("NFKC", value[start:start + 1])[:1]
    runs = first != "" and first in _FORMULA and not (start == 0 and _SIGNED_WORDS.fullmatch(value))
    return "'" + value if runs or value[:1] in ("'", *_RUNS_AT_START) else value


def duties_csv(h: Handbook, url: Callable[[object], str]) -> str:
    """duties.csv: one row per duty; UTF-8 with a byte-order mark, which Excel needs to read Chinese."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for role in h.roles:
        for duty in role.duties:
            topics = h.topics_of(duty)
            names = TOPIC_SEPARATOR.join(t.name for t, _ in topics)
            letters = TOPIC_SEPARATOR.join(a.letter for _, a in topics)
            bases = TOPIC_SEPARATOR.join(a.basis for _, a in topics)
            writer.writerow([_cell(v) for v in (role.id, role.name, duty.id, duty.title, duty.title_en,
                                                 duty.description, duty.description_en, names, letters, bases,
                                                 url(duty))])
    return "\ufeff" + out.getvalue()


def _csv(columns: tuple[str, ...], rows) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return "\ufeff" + out.getvalue()


def processes_csv(h: Handbook, url: Callable[[object], str]) -> str:
    """processes.csv: one row per process step, in order."""
    return _csv(PROCESS_COLUMNS, (
        (p.id, p.name, p.name_en, str(s.number), s.id, s.duty.role_id, s.duty.id, s.duty.title, s.do, s.hands_on,
         s.basis, s.because, s.gap.id if s.gap else "", LIST_SEPARATOR.join(m.id for m in s.measures), url(p) + "#" + s.id)
        for p in h.processes for s in p.steps))


def measures_csv(h: Handbook, url: Callable[[object], str]) -> str:
    """measures.csv: one row per measure of the catalogue."""
    return _csv(MEASURE_COLUMNS, (
        (m.id, m.name, m.name_en, TOPIC_SEPARATOR.join(m.aliases), m.numerator or "", m.denominator or "",
         m.expression or "", m.unit, m.direction, m.source, m.cadence, m.owner.ref,
         m.accountable.role_id, m.accountable.ref, m.note, LIST_SEPARATOR.join(d.ref for d in m.moved_by), url(m))
        for m in h.measures))
