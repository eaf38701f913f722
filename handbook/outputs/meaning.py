"""What a change to the data means: letters moved, who answers for what, steps, onboarding, addresses.

Records are compared by the one comparison the 最近更新 page uses (changes.compare); the letters, the
accountable role of each topic and measure, and the order of process steps are read from the two models,
where both versions pass the checks.  Ids renamed in data/moved.yaml (the new version's) are followed, so a
renamed topic is compared with itself, and its old address counts as kept.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from handbook.outputs.revision import Version
from handbook.outputs.worddiff import short
from handbook.kinds.vocabularies import ACCOUNTABLE
from handbook.model import Duty, Handbook, Role
from handbook import urls
from handbook.history import changes


@dataclass(frozen=True)
class Named:
    """A record as the report names it, in both languages, with the role it belongs to (for review)."""

    zh: str
    en: str
    role: str | None = None  # the role id it belongs to, when it belongs to one


@dataclass(frozen=True)
class LetterMove:
    topic: Named
    duty: Named
    old: str | None  # the letter before; None when the duty was not in the topic
    new: str | None


@dataclass(frozen=True)
class Accountable:
    kind: str  # "topic" or "measure"
    record: Named
    old: Named | None  # the accountable duty before, and after
    new: Named | None
    steps: int = 0  # the steps of the topic's processes that the new accountable role does
    measures: int = 0  # the measures those steps move


@dataclass(frozen=True)
class RecordChange:
    """A role, duty or onboarding step added, removed or reworded (the 最近更新 page's comparison)."""

    file: str
    action: str  # a key of changes.ACTIONS, or "renamed"
    kind: tuple[str, str]
    record: Named
    words: tuple[tuple[str, str], ...] = ()  # (field, short word diff) for reworded text


@dataclass(frozen=True)
class StepChange:
    process: Named
    action: str  # added, removed, moved (reordered), reassigned (another duty does it)
    step: Named
    old: Named | None = None  # reassigned: the duty before, and after
    new: Named | None = None


@dataclass(frozen=True)
class Address:
    kind: str
    old: str
    new: str | None  # the id that replaces it, from data/moved.yaml
    redirected: bool  # whether the old address still leads somewhere
    urls: tuple[str, ...]
    suggest: str | None = None  # an id with the same name now, for the moved.yaml entry to add


@dataclass
class Meaning:
    base: str
    head: str
    letters: list[LetterMove] = field(default_factory=list)
    accountable: list[Accountable] = field(default_factory=list)
    records: list[RecordChange] = field(default_factory=list)
    steps: list[StepChange] = field(default_factory=list)
    addresses: list[Address] = field(default_factory=list)
    problems: list = field(default_factory=list)  # the checks the new version fails that the old one passed
    compared: bool = True  # False when either version fails the checks: letters and steps were not compared
    reviewers: list[Role] = field(default_factory=list)  # roles whose owners should review, from the data

    @property
    def broken(self) -> list[Address]:
        return [a for a in self.addresses if not a.redirected]


# ---------------------------------------------------------------- names


def _role_names(h: Handbook | None, role_id: str) -> tuple[str, str]:
    role = next((r for r in h.roles if r.id == role_id), None) if h else None
    return (role.name, role.name_en) if role else (role_id, role_id)


def duty_name(h: Handbook, duty: Duty) -> Named:
    zh, en = _role_names(h, duty.role_id)
    return Named(f"{zh}·{duty.title}", f"{en} · {duty.title_en}", duty.role_id)


def _record_name(fields: dict, fallback: str) -> tuple[str, str]:
    zh, en = changes.names_of(fields)
    return zh or fallback, en or zh or fallback


# ---------------------------------------------------------------- renames


class Renames:
    """Old id → new id from the new version's data/moved.yaml, a duty following its role's rename too."""

    def __init__(self, h: Handbook | None):
        self.by_kind: dict[str, dict[str, str]] = {}
        for m in h.moved if h else ():
            if m.new:
                self.by_kind.setdefault(m.kind, {})[m.old] = m.new
        self.moved = {(m.kind, m.old) for m in h.moved} if h else set()

    def targets(self, kind: str) -> set[str]:
        return set(self.by_kind.get(kind, {}).values())

    def now(self, kind: str, ident: str) -> str:
        if kind == "duty" and ident not in self.by_kind.get("duty", {}):
            role, duty = ident.split("/", 1)
            return f"{self.by_kind.get('role', {}).get(role, role)}/{duty}"
        return self.by_kind.get(kind, {}).get(ident, ident)


# ---------------------------------------------------------------- the comparison


def compare(base: Version, head: Version) -> Meaning:
    meaning = Meaning(base.label, head.label)
    old, new = base.model, head.model
    renames = Renames(new)
    meaning.records = _records(base, head, renames)
    meaning.addresses = _addresses(base, head, renames)
    meaning.problems = _new_problems(base, head)
    if old is None or new is None:
        meaning.compared = False
    else:
        meaning.letters, meaning.accountable = _letters(old, new, renames)
        meaning.accountable += _measures(old, new, renames)
        meaning.steps = _steps(old, new, renames)
    meaning.reviewers = _reviewers(meaning, old, new)
    return meaning


# The kinds of record listed as they are compared in the files; roles, duties, topics, processes and measures that
# appear or disappear are said with their addresses (and renames), their letters and steps from the models.
LISTED = {"role": ("reworded", "changed", "reviewed"), "duty": ("reworded", "changed"),
          "topic": ("added", "reworded"), "process": ("added", "reworded"), "measure": ("added", "reworded"),
          "step": None, "company-wide step": None, "path": None, "path measure": None, "stage": None, "gap": None}


def _records(base: Version, head: Version, renames: Renames) -> list[RecordChange]:
    found = []
    for name in dict.fromkeys([*head.records, *base.records]):
        old, new = base.records.get(name, {}), head.records.get(name, {})
        for key, action, item, _ in changes.compare(old, new):
            if item.kind not in LISTED or action not in (LISTED[item.kind] or changes.ACTIONS):
                continue
            if action == "added" and len(key) == 1 and key[0][1] in renames.targets(item.kind):
                continue  # a renamed one: said with its old address
            words = ()
            if action == "reworded":
                before = old[key].fields
                words = tuple((f, short(before[f], item.fields[f])) for f in item.fields
                              if isinstance(item.fields.get(f), str) and isinstance(before.get(f), str)
                              and before[f] != item.fields[f])
            names = [_record_name((new.get(key[:n]) or old.get(key[:n])).fields, key[n - 1][1])
                     for n in range(1, len(key) + 1) if new.get(key[:n]) or old.get(key[:n])]
            role = key[0][1] if key and key[0][0] in ("roles", "paths") else None
            found.append(RecordChange(name, action, changes.kind_name(item.kind),
                                      Named(" › ".join(n[0] for n in names), " › ".join(n[1] for n in names), role),
                                      words))
    return found + _added_removed(base, head, renames)


def _added_removed(base: Version, head: Version, renames: Renames) -> list[RecordChange]:
    """Roles and duties added, removed or renamed (a rename is a removal and an addition that moved.yaml joins)."""
    old, new = (_people(v) for v in (base, head))
    found = []
    for kind in ("role", "duty"):
        joined = {renames.now(kind, i): i for i in old[kind] if renames.now(kind, i) != i}
        for ident, fields in new[kind].items():
            if ident in old[kind]:
                continue
            action = "renamed" if ident in joined and joined[ident] not in new[kind] else "added"
            zh, en = _record_name(fields, ident)
            if action == "renamed":
                zh, en = f"{joined[ident]} → {ident}:{zh}", f"{joined[ident]} → {ident}: {en}"
            found.append(RecordChange("roles.yaml", action, changes.kind_name(kind), Named(zh, en, ident.split("/")[0])))
        for ident, fields in old[kind].items():
            if ident not in new[kind] and not (renames.now(kind, ident) != ident and renames.now(kind, ident) in new[kind]):
                zh, en = _record_name(fields, ident)
                found.append(RecordChange("roles.yaml", "removed", changes.kind_name(kind),
                                          Named(zh, en, ident.split("/")[0])))
    return found


def _people(version: Version) -> dict[str, dict[str, dict]]:
    records = version.records.get("roles.yaml", {})
    found: dict[str, dict[str, dict]] = {"role": {}, "duty": {}}
    for key, item in records.items():
        if len(key) == 1 and key[0][0] == "roles":
            found["role"][key[0][1]] = item.fields
        elif len(key) == 2 and key[1][0] == "duties":
            found["duty"][f"{key[0][1]}/{key[1][1]}"] = item.fields
    return found


def _letters(old: Handbook, new: Handbook, renames: Renames) -> tuple[list[LetterMove], list[Accountable]]:
    moves, accountable = [], []
    old_topics = {renames.now("topic", t.id): t for t in old.topics}
    for topic in new.topics:
        before = old_topics.get(topic.id)
        name = Named(topic.name, topic.name_en)
        was = {renames.now("duty", a.duty.ref): a for a in before.duties} if before else {}
        now = {a.duty.ref: a for a in topic.duties}
        for ref in dict.fromkeys([*now, *was]):
            a, b = was.get(ref), now.get(ref)
            if (a and a.letter) != (b and b.letter):
                duty = duty_name(new, b.duty) if b else duty_name(old, a.duty)
                moves.append(LetterMove(name, duty, a.letter if a else None, b.letter if b else None))
        head_a = next((a.duty for a in topic.duties if a.letter == ACCOUNTABLE), None)
        base_a = next((a.duty for a in before.duties if a.letter == ACCOUNTABLE), None) if before else None
        if before and (base_a and renames.now("duty", base_a.ref)) != (head_a and head_a.ref):
            steps = [s for p in new.processes if topic in p.topics for s in p.steps
                     if head_a and s.duty.role_id == head_a.role_id]
            accountable.append(Accountable("topic", name, base_a and duty_name(old, base_a),
                                           head_a and duty_name(new, head_a), len(steps),
                                           len({m.id for s in steps for m in s.measures})))
    return moves, accountable


def _measures(old: Handbook, new: Handbook, renames: Renames) -> list[Accountable]:
    found = []
    before = {renames.now("measure", m.id): m for m in old.measures}
    for measure in new.measures:
        was = before.get(measure.id)
        if was and renames.now("duty", was.owner.ref) != measure.owner.ref:
            found.append(Accountable("measure", Named(measure.name, measure.name_en), duty_name(old, was.owner),
                                     duty_name(new, measure.owner)))
    return found


def _steps(old: Handbook, new: Handbook, renames: Renames) -> list[StepChange]:
    found = []
    before = {renames.now("process", p.id): p for p in old.processes}
    for process in new.processes:
        was = before.get(process.id)
        if was is None:
            continue
        name = Named(process.name, process.name_en)
        old_steps, new_steps = {s.id: s for s in was.steps}, {s.id: s for s in process.steps}
        for step in process.steps:
            if step.id not in old_steps:
                found.append(StepChange(name, "added", _step(new, step)))
            elif renames.now("duty", old_steps[step.id].duty.ref) != step.duty.ref:
                found.append(StepChange(name, "reassigned", _step(new, step), duty_name(old, old_steps[step.id].duty),
                                        duty_name(new, step.duty)))
        for step in was.steps:
            if step.id not in new_steps:
                found.append(StepChange(name, "removed", _step(old, step)))
        kept = [s.id for s in was.steps if s.id in new_steps]
        order = [s.id for s in process.steps if s.id in old_steps]
        for ident in _out_of_order(kept, order):
            found.append(StepChange(name, "moved", _step(new, new_steps[ident])))
    return found


def _step(h: Handbook, step) -> Named:
    duty = duty_name(h, step.duty)
    return Named(f"第 {step.number} 步 {step.do[:30]}({duty.zh})", f"step {step.number} ({duty.en})", step.duty.role_id)


def _out_of_order(before: list[str], after: list[str]) -> list[str]:
    """The ids that changed place: those outside a longest run kept in the same relative order."""
    keep = set()
    for block in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_matching_blocks():
        keep.update(before[block.a:block.a + block.size])
    return [i for i in after if i not in keep]


def _addresses(base: Version, head: Version, renames: Renames) -> list[Address]:
    """Every published id of the old version that the new one no longer has, with the addresses that named it."""
    old, new = _ids(base), _ids(head)
    found = []
    for kind, ids in old.items():
        for ident, name in ids.items():
            if ident in new[kind]:
                continue
            if kind == "duty" and ident.split("/")[0] not in new["role"] \
                    and renames.now("role", ident.split("/")[0]) == ident.split("/")[0]:
                continue  # its role is gone too: said once, with the role
            target = renames.now(kind, ident)
            moved = (kind, ident) in renames.moved or (target != ident and target in new[kind])
            suggest = None if moved else next((i for i, n in new[kind].items() if n == name and i not in ids), None)
            found.append(Address(kind, ident, target if target != ident else None, moved, _urls(kind, ident), suggest))
    return found


def _ids(version: Version) -> dict[str, dict[str, str]]:
    """Each kind's published ids in a version, with each one's name (to suggest what it was renamed to)."""
    found: dict[str, dict[str, str]] = {"role": {}, "duty": {}, "topic": {}, "process": {}, "measure": {}}
    people = _people(version)
    for kind in ("role", "duty"):
        found[kind] = {i: _record_name(f, i)[0] for i, f in people[kind].items()}
    for kind, file in (("topic", "topics.yaml"), ("process", "processes.yaml"), ("measure", "measures.yaml")):
        for key, item in version.records.get(file, {}).items():
            if len(key) == 1:
                found[kind][key[0][1]] = _record_name(item.fields, key[0][1])[0]
    return found


def _urls(kind: str, ident: str) -> tuple[str, ...]:
    def at(source: str) -> str:
        return "/" + urls.built(source)
    if kind == "role":
        return at(urls.role(ident)), at(urls.onboarding(ident))
    if kind == "duty":
        return (at(urls.duty(*ident.split("/", 1))),)
    if kind == "topic":
        return (at(urls.topic(ident)),)
    if kind == "process":
        return (at(urls.process(ident)),)
    return (at(f"{urls.PAGES['measures']}#{ident}"),)


def _new_problems(base: Version, head: Version) -> list:
    def same(p) -> tuple:
        return (p.file.rsplit("/", 1)[-1].split("@")[0], p.field, p.en)
    known = {same(p) for p in base.problems}
    return [p for p in head.problems if same(p) not in known]


def _reviewers(meaning: Meaning, old: Handbook | None, new: Handbook | None) -> list[Role]:
    """The roles whose records or letters the change touches, as the newest version that has them names them."""
    touched: dict[str, None] = {}
    for named in [*(m.duty for m in meaning.letters), *(x for a in meaning.accountable for x in (a.old, a.new) if x),
                  *(r.record for r in meaning.records),
                  *(x for s in meaning.steps for x in (s.step, s.old, s.new) if x)]:
        if named.role:
            touched[named.role] = None
    for address in meaning.addresses:
        if address.kind in ("role", "duty"):
            touched[address.old.split("/")[0]] = None
    found = []
    for role_id in touched:
        role = next((r for h in (new, old) if h for r in h.roles if r.id == role_id), None)
        if role and role not in found:
            found.append(role)
    return found
