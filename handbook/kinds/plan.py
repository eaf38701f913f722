"""The onboarding plan's vocabularies: which days are worked, how a stage's days are counted, who takes part.

A bottom module (it imports nothing from the project): the data's shapes declare their choices from it and
the model and pages label them with it, so a word means the same in `make check`, on the page and in the
issue templates.
"""

from __future__ import annotations

from dataclasses import dataclass

# ISO order (Monday is 1): the browser's Date.getDay() is this number modulo 7.
WEEKDAYS = {"monday": ("週一", "Monday"), "tuesday": ("週二", "Tuesday"), "wednesday": ("週三", "Wednesday"),
            "thursday": ("週四", "Thursday"), "friday": ("週五", "Friday"), "saturday": ("週六", "Saturday"),
            "sunday": ("週日", "Sunday")}
WORKING, CALENDAR = "working", "calendar"
COUNTS = {WORKING: ("只數工作日:跳過 days_off 列出的日子", "working days only: the days in days_off are skipped"),
          CALENDAR: ("每天都算;到期日落在休息日就順延到下一個工作日",
                     "every day counts; a due date on a day off moves to the next working day")}
HIRE, MANAGER, BUDDY = "hire", "manager", "buddy"
PEOPLE = {HIRE: ("新人", "new hire"), MANAGER: ("直屬主管", "manager"), BUDDY: ("帶教同事", "buddy")}
TASK, MEETING = "task", "meeting"
KINDS = {TASK: ("一件要做的事", "something to do"),
         MEETING: ("一次會面:行事曆檔在這個階段的到期日為它建一個會議", "a meeting: the calendar file holds it on the stage's due day")}


@dataclass(frozen=True)
class Schedule:
    """How the plan's days are counted from a start date (onboarding.yaml `schedule`)."""

    days_off: tuple[str, ...] = ("saturday", "sunday")  # keys of WEEKDAYS
    count: str = WORKING  # how a stage's `due` day is counted unless the stage says otherwise
    meetings_at: str = "10:00"  # local time of day the calendar file gives each meeting
    meeting_minutes: int = 60

    @property
    def days_off_numbers(self) -> tuple[int, ...]:
        """The days off as ISO weekday numbers (Monday 1 … Sunday 7)."""
        order = list(WEEKDAYS)
        return tuple(order.index(day) + 1 for day in self.days_off)


@dataclass(frozen=True)
class Due:
    """When a stage is due: on day `day` of the plan (day 1 is the start date), counted as `count` says."""

    day: int
    count: str
