"""The handbook as plain Python objects, with the indexes pages need.

Built only from checked data (see load.py); nothing here knows about MkDocs.
"""

from __future__ import annotations

import datetime
import heapq
from collections import Counter
from dataclasses import dataclass, field

from handbook.model.identity import Identity
from handbook.kinds.vocabularies import ACCOUNTABLE, DOCUMENT, DOING, GAP, HANDBOOK
from handbook.kinds.plan import HIRE, MEETING, TASK, Due, Schedule


class Named:
    """A record readers look up by name: its name, English name and aliases (kinds.records: `searched`)."""

    name: str
    name_en: str
    aliases: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, self.name_en, *self.aliases)


@dataclass(frozen=True)
class Duty:
    role_id: str
    id: str
    title: str
    title_en: str
    description: str
    description_en: str
    # The role it belongs to, set once when the role is built (build.py): a page names a duty with its role.
    role: Role = field(default=None, compare=False, repr=False)  # type: ignore[assignment]

    @property
    def ref(self) -> str:
        return f"{self.role_id}/{self.id}"


@dataclass(frozen=True)
class Role:
    id: str
    name: str
    name_en: str
    summary: str
    purpose: str
    owners: tuple[str, ...]
    reviewed: datetime.date
    duties: tuple[Duty, ...]
    lines: tuple[int, int]  # first and last line of the role in roles.yaml, for the edit button


    def duty(self, duty_id: str) -> Duty | None:
        return next((d for d in self.duties if d.id == duty_id), None)

    def review_due(self, today: datetime.date, days: int) -> bool:
        """Whether the owners' last review is more than `days` old (mkdocs.yml: extra.review_days).

        Pages carry the date and the days too, so the browser repeats this check against its own date
        (docs/assets/javascripts/review.js) and a site that was not rebuilt still shows the flag."""
        return (today - self.reviewed).days > days


@dataclass(frozen=True)
class Section:
    """A named division of one of the handbook's lists: a group of topics, or a stage of onboarding."""

    id: str
    name: str
    name_en: str


@dataclass(frozen=True)
class Assignment:
    """A duty's part in a topic: its letter, and whether the document's words or the handbook's judgement say so."""

    duty: Duty
    letter: str  # a code of LETTERS
    basis: str = DOCUMENT  # DOCUMENT, HANDBOOK or GAP
    reason: str = ""  # why, in a line; always given for a judgement
    gap: Gap | None = None  # the open question the letter depends on (always one when basis is GAP)

    @property
    def judgement(self) -> bool:
        """Whether the letter is not the document's own (the handbook's judgement, or a placeholder for a gap)."""
        return self.basis in (HANDBOOK, GAP)

    @property
    def rank(self) -> int:
        return "ARCI".index(self.letter)


@dataclass(frozen=True)
class Topic(Named):
    id: str
    name: str
    name_en: str
    group: str
    description: str
    aliases: tuple[str, ...]
    duties: tuple[Assignment, ...]  # A first, then R, C, I; in the data's order within a letter
    lines: tuple[int, int] = (0, 0)  # first and last line in topics.yaml
    description_basis: str = DOCUMENT

    @property
    def accountable(self) -> Assignment:
        """The one duty that answers for the topic (the checks guarantee exactly one)."""
        return next(a for a in self.duties if a.letter == ACCOUNTABLE)

    @property
    def english_aliases(self) -> list[str]:
        """The other English names of the topic (its aliases in Latin letters)."""
        return [a for a in self.aliases if a.isascii()]


@dataclass(frozen=True)
class Meeting:
    role: Role
    learn: str


@dataclass(frozen=True)
class Measure(Named):
    """One measure of the catalogue (measures.yaml): defined once, referred to by id everywhere else."""

    id: str
    name: str
    name_en: str
    aliases: tuple[str, ...]
    numerator: str | None
    denominator: str | None
    expression: str | None
    unit: str
    direction: str  # HIGHER or LOWER
    source: str
    cadence: str
    owner: Duty  # the duty that keeps the definition (formula, scope)
    moved_by: tuple[Duty, ...]
    accountable: Duty | None = None  # the duty that answers for the number: the A of the work it measures
    note: str = ""  # what the number does and does not count, where readers confuse it with another



@dataclass(frozen=True)
class PathMeasure:
    """A catalogue measure on a role's onboarding path, with what that role's new hire reviews at the last stage."""

    measure: Measure
    review: str
    duties: tuple[Duty, ...]  # the role's duties that move it (or own its definition)


@dataclass(frozen=True)
class ProcessStep:
    id: str
    number: int  # 1-based position in its process
    duty: Duty
    do: str
    hands_on: str
    basis: str  # DOCUMENT, HANDBOOK or GAP
    because: str
    measures: tuple[Measure, ...] = ()
    gap: Gap | None = None  # the open question the step depends on (always one when basis is GAP)


@dataclass(frozen=True)
class Process(Named):
    """A piece of work passed from duty to duty across roles, in order (processes.yaml)."""

    id: str
    name: str
    name_en: str
    aliases: tuple[str, ...]
    trigger: str
    topics: tuple[Topic, ...]
    steps: tuple[ProcessStep, ...]
    lines: tuple[int, int] = (0, 0)  # first and last line in processes.yaml


    @property
    def roles(self) -> tuple[Role, ...]:
        """The roles taking part, in the order they first act."""
        return tuple({s.duty.role_id: s.duty.role for s in self.steps}.values())

    @property
    def lanes(self) -> tuple[str, ...]:
        """The ids of the roles taking part, in the order they first act."""
        return tuple(dict.fromkeys(s.duty.role_id for s in self.steps))

    def neighbours(self, step: ProcessStep) -> tuple[ProcessStep | None, ProcessStep | None]:
        """The steps just before and after `step`."""
        i = step.number - 1
        return (self.steps[i - 1] if i > 0 else None, self.steps[i + 1] if i + 1 < len(self.steps) else None)


@dataclass(frozen=True)
class Step:
    id: str
    do: str
    why: str
    checkpoint: str
    duties: tuple[Duty, ...] = ()
    meet: tuple[Meeting, ...] = ()
    measures: tuple[Measure, ...] = ()
    processes: tuple[Process, ...] = ()
    by: tuple[str, ...] = (HIRE,)  # who does it: keys of plan.PEOPLE
    kind: str = TASK  # TASK or MEETING

    @property
    def meeting(self) -> bool:
        return self.kind == MEETING

    @property
    def helpers(self) -> tuple[str, ...]:
        """Who besides the new hire does this step (a meeting's other side)."""
        return tuple(p for p in self.by if p != HIRE)


@dataclass(frozen=True)
class OnboardingPath:
    """A role's onboarding path; `stages` follows Handbook.stages' order and skips empty ones."""

    role: Role
    measures: tuple[PathMeasure, ...]
    stages: tuple[tuple[Section, tuple[Step, ...]], ...]
    lines: tuple[int, int] = (0, 0)  # first and last line in onboarding.yaml


    @property
    def step_count(self) -> int:
        return sum(len(steps) for _, steps in self.stages)

    @property
    def review_stage(self) -> Section | None:
        """The stage in which a step reviews the measures with the manager (the last such), if any."""
        return next((stage for stage, steps in reversed(self.stages) if any(s.measures for s in steps)), None)


@dataclass(frozen=True)
class Collaboration:
    """What one role shares with another: the topics, with each side's duties in them."""

    other: Role
    topics: tuple[tuple[Topic, tuple[Assignment, ...], tuple[Assignment, ...]], ...]  # (topic, mine, theirs)


@dataclass(frozen=True)
class Gap:
    """Something the document leaves open, where it matters, and (with `term`) every duty whose text uses a word."""

    id: str
    question: str
    question_en: str
    said: str  # what the document says, or does not
    matters: str  # where the answer matters
    topics: tuple[Topic, ...] = ()
    duties: tuple[Duty, ...] = ()
    term: str = ""


@dataclass(frozen=True)
class Moved:
    """A published id that was renamed or removed (data/moved.yaml): its old address leads to `new`, or to the
    list of its kind when nothing replaces it."""

    kind: str  # role, duty, topic, process or measure
    old: str  # a duty as role-id/duty-id
    new: str | None


@dataclass
class Handbook:
    identity: Identity  # whose handbook: title, source document, credits (handbook/model/identity.py)
    introduction: str
    closing: str
    roles: tuple[Role, ...]
    groups: tuple[Section, ...] = ()
    topics: tuple[Topic, ...] = ()
    stages: tuple[Section, ...] = ()
    company_steps: tuple[tuple[Section, tuple[Step, ...]], ...] = ()
    paths: tuple[OnboardingPath, ...] = ()
    measures: tuple[Measure, ...] = ()
    processes: tuple[Process, ...] = ()
    gaps: tuple[Gap, ...] = ()
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # topic id → curated words readers use for it
    schedule: Schedule = Schedule()
    due: dict[str, Due] = field(default_factory=dict)  # stage id → when it falls due
    quiz_stage: str | None = None  # the stage whose end holds the knowledge check
    moved: tuple[Moved, ...] = ()  # renamed or removed ids, whose old addresses still lead somewhere
    mainland: dict[str, str] = field(default_factory=dict)  # Traditional word → its mainland form, where OpenCC errs
    _topics_of: dict = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.role_by_id = {r.id: r for r in self.roles}
        self.topic_by_id = {t.id: t for t in self.topics}
        self.path_by_role = {p.role.id: p for p in self.paths}
        self._order = {r.id: i for i, r in enumerate(self.roles)}
        # topic id -> role id -> that role's assignments in the topic, in the topic's order: one index
        # so that pages over a thousand roles do not each rescan every topic's duties.
        self._by_role: dict[str, dict[str, list[Assignment]]] = {}
        self._partners: dict[tuple, list[Assignment]] = {}
        for topic in self.topics:
            by_role = self._by_role.setdefault(topic.id, {})
            for assignment in topic.duties:
                self._topics_of.setdefault(assignment.duty.ref, []).append((topic, assignment))
                by_role.setdefault(assignment.duty.role_id, []).append(assignment)
        self.measure_by_id = {m.id: m for m in self.measures}
        self.process_by_id = {p.id: p for p in self.processes}
        self._steps_of: dict[str, list[tuple[Process, ProcessStep]]] = {}
        for process in self.processes:
            for step in process.steps:
                self._steps_of.setdefault(step.duty.ref, []).append((process, step))
        self._moved: dict[str, list[Measure]] = {}
        for measure in self.measures:
            for duty in measure.moved_by:
                self._moved.setdefault(duty.ref, []).append(measure)

    def gap_duties(self, gap: Gap) -> list[Duty]:
        """The duties a gap names, then every duty whose title or description uses its term."""
        found = {d.ref: d for d in gap.duties}
        if gap.term:
            found.update((d.ref, d) for r in self.roles for d in r.duties
                         if gap.term in d.title or gap.term in d.description)
        return list(found.values())

    def gaps_of(self, topic: Topic) -> list[Gap]:
        """The open points that matter to a topic: those naming it, and those its letters depend on."""
        named = {a.gap.id for a in topic.duties if a.gap}
        return [g for g in self.gaps if g.id in named or any(t.id == topic.id for t in g.topics)]

    def depends_on(self, gap: Gap) -> tuple[list[tuple[Topic, Assignment]], list[tuple[Process, ProcessStep]]]:
        """The letters and process steps that rest on an open question, for its entry on the gaps page."""
        return ([(t, a) for t in self.topics for a in t.duties if a.gap and a.gap.id == gap.id],
                [(p, s) for p in self.processes for s in p.steps if s.gap and s.gap.id == gap.id])

    def role(self, role_id: str) -> Role:
        return self.role_by_id[role_id]

    @property
    def company_step_count(self) -> int:
        """How many steps every new hire takes, whatever the role."""
        return sum(len(steps) for _, steps in self.company_steps)

    def onboarding(self, role: Role) -> list[tuple[Section, tuple[Step, ...], tuple[Step, ...]]]:
        """A new hire's stages in `role`, in order: each with the company-wide steps and the role's own;
        stages with neither are left out."""
        company = dict(self.company_steps)
        path = self.path_by_role.get(role.id)
        own = dict(path.stages) if path else {}
        return [(s, company.get(s, ()), own.get(s, ())) for s in self.stages if company.get(s) or own.get(s)]

    def onboarding_step_count(self, role: Role) -> int:
        """How many steps a new hire in `role` takes in all: the company-wide ones and the role's own."""
        return sum(len(company) + len(own) for _, company, own in self.onboarding(role))

    def topics_of(self, duty: Duty) -> list[tuple[Topic, Assignment]]:
        """The topics a duty belongs to, with the duty's assignment (letter and basis) in each."""
        return self._topics_of.get(duty.ref, [])

    def partners(self, duty: Duty) -> list[Assignment]:
        """Other roles' duties in this duty's topics, with their letters: who to work with on it.

        Those who do or answer for the same work as this duty come first, then the ones asked or told.
        """
        mine = tuple((topic.id, a.letter in DOING) for topic, a in self.topics_of(duty))
        if mine not in self._partners:  # duties with the same topics and letters share one list
            seen: dict[str, tuple[int, int, Assignment]] = {}
            for i, (topic_id, doing) in enumerate(mine):
                for theirs in self.topic_by_id[topic_id].duties:
                    key = (0 if doing and theirs.letter in DOING else 1, theirs.rank)
                    if theirs.duty.ref not in seen or key < seen[theirs.duty.ref][:2]:
                        seen[theirs.duty.ref] = (*key, theirs)
            self._partners[mine] = [a for *_, a in sorted(seen.values(), key=lambda k: k[:2])]
        return [a for a in self._partners[mine] if a.duty.role_id != duty.role_id]

    def topics_of_role(self, role: Role) -> list[Topic]:
        seen: dict[str, Topic] = {}
        for duty in role.duties:
            for topic, _ in self.topics_of(duty):
                seen.setdefault(topic.id, topic)
        return list(seen.values())

    def topics_in(self, group: Section) -> list[Topic]:
        return [t for t in self.topics if t.group == group.id]

    def roles_in(self, topic: Topic) -> list[tuple[Role, list[Assignment]]]:
        """Each role involved in a topic with its assignments there: the accountable role first, then by letter."""
        return sorted(((self.role(rid), duties) for rid, duties in self._by_role[topic.id].items()),
                      key=lambda rd: (min(a.rank for a in rd[1]), self._order[rd[0].id]))

    def cell(self, topic: Topic, role: Role) -> list[Assignment]:
        """A role's assignments in a topic: one cell of the matrix."""
        return self._by_role[topic.id].get(role.id, [])

    def matrix_row(self, topic: Topic) -> list[tuple[Role, list[tuple[str, list[Assignment]]]]]:
        """A topic's row of the matrix: each role with its assignments there grouped by letter, strongest letter
        first (a role not involved has none)."""
        row = []
        for role in self.roles:
            groups: dict[str, list[Assignment]] = {}
            for a in sorted(self.cell(topic, role), key=lambda a: a.rank):
                groups.setdefault(a.letter, []).append(a)
            row.append((role, list(groups.items())))
        return row

    def letter(self, topic: Topic, role: Role) -> str | None:
        """A role's strongest letter in a topic, or None when it is not involved."""
        cell = self.cell(topic, role)
        return min(cell, key=lambda a: a.rank).letter if cell else None

    def _shared(self, role: Role) -> Counter:
        """How many topics this role does or answers for together with each other role (A or R on both sides)."""
        shared: Counter = Counter()
        for topic in self.topics_of_role(role):
            by_role = self._by_role[topic.id]
            if any(a.letter in DOING for a in by_role[role.id]):
                shared.update(rid for rid, cell in by_role.items() if any(a.letter in DOING for a in cell))
        shared.pop(role.id, None)
        return shared

    def collaborator_count(self, role: Role) -> int:
        """How many other roles share R or A work with this role."""
        return len(self._shared(role))

    def ranked_collaborators(self, role: Role, limit: int | None = None) -> list[tuple[Role, int]]:
        """The roles sharing R or A work with this one and in how many topics, most first (the first `limit`)."""
        shared = self._shared(role)

        def key(rid: str) -> tuple[int, int]:
            return -shared[rid], self._order[rid]

        ranked = sorted(shared, key=key) if limit is None else heapq.nsmallest(limit, shared, key=key)
        return [(self.role_by_id[rid], shared[rid]) for rid in ranked]

    def shared_topics(self, role: Role, other: Role) -> list[Topic]:
        """The topics in which both roles do or answer for the work, in the first role's order."""
        return [t for t in self.topics_of_role(role)
                if any(a.letter in DOING for a in self._by_role[t.id][role.id])
                and any(a.letter in DOING for a in self._by_role[t.id].get(other.id, ()))]

    def collaborations(self, role: Role, limit: int | None = None) -> list[Collaboration]:
        """The roles sharing R or A work with this role, most shared topics first (only the first `limit`)."""
        return [Collaboration(other=other, topics=tuple(
            (topic, tuple(self._by_role[topic.id][role.id]), tuple(self._by_role[topic.id][other.id]))
            for topic in self.shared_topics(role, other)))
            for other, _ in self.ranked_collaborators(role, limit)]

    def accountable_for(self, role: Role) -> list[tuple[Topic, Assignment]]:
        """The topics this role answers for, with the duty that does."""
        return [(t, t.accountable) for t in self.topics_of_role(role) if t.accountable.duty.role_id == role.id]

    def answers_for_others(self, limit: int | None = None) -> list[tuple[Role, Role, list[Topic]]]:
        """(accountable role, doing role, topics): where one role answers for work another role does (R).

        The map's one relation; most topics first.  Only pairs where that happens, never every pair.
        """
        pairs: dict[tuple[str, str], list[Topic]] = {}
        for topic in self.topics:
            answers = topic.accountable.duty.role_id
            for rid, cell in self._by_role[topic.id].items():
                if rid != answers and any(a.letter == "R" for a in cell):
                    pairs.setdefault((answers, rid), []).append(topic)
        ranked = sorted(pairs.items(), key=lambda kv: (-len(kv[1]), self._order[kv[0][0]], self._order[kv[0][1]]))
        return [(self.role_by_id[a], self.role_by_id[r], topics) for (a, r), topics in ranked[:limit]]

    # ------------------------------------------------------------ processes and measures

    def steps_of(self, duty: Duty) -> list[tuple[Process, ProcessStep]]:
        """The process steps this duty does, in process order."""
        return self._steps_of.get(duty.ref, [])

    def processes_of_role(self, role: Role) -> list[tuple[Process, list[ProcessStep]]]:
        """The processes a role takes part in, with its own steps in each."""
        return [(p, steps) for p in self.processes
                if (steps := [s for s in p.steps if s.duty.role_id == role.id])]

    def processes_of_topic(self, topic: Topic) -> list[Process]:
        return [p for p in self.processes if topic in p.topics]

    def measures_moved_by(self, duty: Duty) -> list[Measure]:
        return self._moved.get(duty.ref, [])

    def measures_of_role(self, role: Role) -> list[tuple[Measure, list[Duty]]]:
        """The measures this role's duties move, in catalogue order, with those duties."""
        duties = {d.ref for d in role.duties}
        return [(m, moved) for m in self.measures if (moved := [d for d in m.moved_by if d.ref in duties])]

    def measures_answered_only(self, role: Role) -> list[Measure]:
        """The measures whose number this role answers for (its duty is the accountable one) though none of its
        duties moves them: the role page lists them under its table of the measures it moves."""
        duties = {d.ref for d in role.duties}
        return [m for m in self.measures if m.accountable and m.accountable.role_id == role.id
                and not any(d.ref in duties for d in m.moved_by)]
