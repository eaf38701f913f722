"""The handbook as plain Python objects, with the indexes pages need.

Built only from checked data (see load.py); nothing here knows about MkDocs.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

OWNS, CONTRIBUTES = "owns", "contributes"
PART_NAMES = {OWNS: ("負責", "owns"), CONTRIBUTES: ("協作", "contributes")}


@dataclass(frozen=True)
class Duty:
    role_id: str
    id: str
    title: str
    title_en: str
    description: str

    @property
    def url(self) -> str:
        return f"roles/{self.role_id}/#{self.id}"

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

    @property
    def url(self) -> str:
        return f"roles/{self.id}/"

    def duty(self, duty_id: str) -> Duty | None:
        return next((d for d in self.duties if d.id == duty_id), None)


@dataclass(frozen=True)
class Group:
    id: str
    name: str
    name_en: str


@dataclass(frozen=True)
class Topic:
    id: str
    name: str
    name_en: str
    group: str
    description: str
    aliases: tuple[str, ...]
    duties: tuple[tuple[Duty, str], ...]  # (duty, OWNS or CONTRIBUTES), owners first
    lines: tuple[int, int] = (0, 0)  # first and last line in topics.yaml

    @property
    def url(self) -> str:
        return f"topics/{self.id}/"


@dataclass(frozen=True)
class Stage:
    id: str
    name: str
    name_en: str


@dataclass(frozen=True)
class Meeting:
    role: Role
    learn: str


@dataclass(frozen=True)
class Measure:
    id: str
    name: str
    name_en: str
    duty: Duty
    how: str


@dataclass(frozen=True)
class Step:
    id: str
    do: str
    why: str
    checkpoint: str
    duties: tuple[Duty, ...] = ()
    meet: tuple[Meeting, ...] = ()
    measures: tuple[Measure, ...] = ()


@dataclass(frozen=True)
class Path:
    """A role's onboarding path; `stages` follows Handbook.stages' order and skips empty ones."""

    role: Role
    measures: tuple[Measure, ...]
    stages: tuple[tuple[Stage, tuple[Step, ...]], ...]
    lines: tuple[int, int] = (0, 0)  # first and last line in onboarding.yaml

    @property
    def url(self) -> str:
        return f"onboarding/{self.role.id}/"

    @property
    def step_count(self) -> int:
        return sum(len(steps) for _, steps in self.stages)


@dataclass(frozen=True)
class Collaboration:
    """What one role shares with another: the topics, with each side's duties in them."""

    other: Role
    topics: tuple[tuple[Topic, tuple[Duty, ...], tuple[Duty, ...]], ...]  # (topic, mine, theirs)


@dataclass
class Handbook:
    title: str
    title_en: str
    introduction: str
    closing: str
    roles: tuple[Role, ...]
    groups: tuple[Group, ...] = ()
    topics: tuple[Topic, ...] = ()
    stages: tuple[Stage, ...] = ()
    company_steps: tuple[tuple[Stage, tuple[Step, ...]], ...] = ()
    paths: tuple[Path, ...] = ()
    _topics_of: dict = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.role_by_id = {r.id: r for r in self.roles}
        self.topic_by_id = {t.id: t for t in self.topics}
        self.path_by_role = {p.role.id: p for p in self.paths}
        for topic in self.topics:
            for duty, part in topic.duties:
                self._topics_of.setdefault(duty.ref, []).append((topic, part))

    def role(self, role_id: str) -> Role:
        return self.role_by_id[role_id]

    def topics_of(self, duty: Duty) -> list[tuple[Topic, str]]:
        """The topics a duty belongs to, with the duty's part in each."""
        return self._topics_of.get(duty.ref, [])

    def partners(self, duty: Duty) -> list[Duty]:
        """Other roles' duties that share a topic with this duty: who to work with on it."""
        seen: dict[str, Duty] = {}
        for topic, _ in self.topics_of(duty):
            for other, _ in topic.duties:
                if other.role_id != duty.role_id:
                    seen.setdefault(other.ref, other)
        return list(seen.values())

    def topics_of_role(self, role: Role) -> list[Topic]:
        seen: dict[str, Topic] = {}
        for duty in role.duties:
            for topic, _ in self.topics_of(duty):
                seen.setdefault(topic.id, topic)
        return list(seen.values())

    def topics_in(self, group: Group) -> list[Topic]:
        return [t for t in self.topics if t.group == group.id]

    def roles_in(self, topic: Topic) -> list[tuple[Role, list[tuple[Duty, str]]]]:
        """Each role involved in a topic with its duties there; roles that own it first."""
        by_role: dict[str, list[tuple[Duty, str]]] = {}
        for duty, part in topic.duties:
            by_role.setdefault(duty.role_id, []).append((duty, part))
        order = {r.id: i for i, r in enumerate(self.roles)}
        return sorted(((self.role(rid), duties) for rid, duties in by_role.items()),
                      key=lambda rd: (all(p != OWNS for _, p in rd[1]), order[rd[0].id]))

    def cell(self, topic: Topic, role: Role) -> list[tuple[Duty, str]]:
        """A role's duties in a topic with their part: one cell of the matrix."""
        return [(d, p) for d, p in topic.duties if d.role_id == role.id]

    def collaborations(self, role: Role) -> list[Collaboration]:
        """The roles this role shares topics with, most shared topics first."""
        result = []
        mine = self.topics_of_role(role)
        for other in self.roles:
            if other.id == role.id:
                continue
            shared = []
            for topic in mine:
                theirs = tuple(d for d, _ in topic.duties if d.role_id == other.id)
                if theirs:
                    shared.append((topic, tuple(d for d, _ in topic.duties if d.role_id == role.id), theirs))
            if shared:
                result.append(Collaboration(other, tuple(shared)))
        return sorted(result, key=lambda c: -len(c.topics))
