"""The dated onboarding plan: a start date gives every stage and step its due date, counted as the data says;
the calendar file; a share link that shows the same plan in another browser.  On the fixture data."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import icalendar
import pytest

from handbook.model import load
from handbook.data.problems import DataError
from handbook.kinds.plan import CALENDAR, WEEKDAYS, WORKING

from .conftest import FIXTURE, Server

HANDBOOK = load(FIXTURE)
ROLE = HANDBOOK.paths[0].role.id
START = "2026-12-09"


def due(start: datetime.date, day: int, count: str, days_off: tuple[str, ...]) -> datetime.date:
    """What the data says, written out here once more: day 1 is the start date; working days skip the days off;
    a calendar day that falls on a day off moves to the next working day."""
    off = {list(WEEKDAYS).index(d) + 1 for d in days_off}
    if day <= 1:
        return start
    date = start
    if count == WORKING:
        n = 1
        while n < day:
            date += datetime.timedelta(days=1)
            n += date.isoweekday() not in off
        return date
    date = start + datetime.timedelta(days=day - 1)
    while date.isoweekday() in off:
        date += datetime.timedelta(days=1)
    return date


def expected_dues(start: str) -> dict[str, str]:
    first = datetime.date.fromisoformat(start)
    return {stage.id: due(first, HANDBOOK.due[stage.id].day, HANDBOOK.due[stage.id].count,
                          HANDBOOK.schedule.days_off).isoformat()
            for stage, *_ in HANDBOOK.onboarding(HANDBOOK.role(ROLE))}


def test_the_oracle_counts_as_the_words_say():
    wednesday = datetime.date(2026, 12, 9)
    weekend = ("saturday", "sunday")
    assert due(wednesday, 1, WORKING, weekend) == wednesday
    assert due(wednesday, 5, WORKING, weekend) == datetime.date(2026, 12, 15)  # Wed Thu Fri, Mon Tue
    assert due(wednesday, 4, CALENDAR, weekend) == datetime.date(2026, 12, 14)  # Saturday → Monday
    assert due(datetime.date(2026, 12, 12), 1, WORKING, weekend) == datetime.date(2026, 12, 12)  # day 1 stays


def test_the_fixture_dates_its_stages_and_names_its_meetings():
    """The fixture exercises both counts and has meetings, so the browser tests below mean something."""
    assert {d.count for d in HANDBOOK.due.values()} == {WORKING, CALENDAR}
    assert any(s.meeting for _, steps in HANDBOOK.company_steps for s in steps)
    assert HANDBOOK.schedule.days_off


# ---------------------------------------------------------------- make check

PLAN_CASES = [  # (name, edit of onboarding.yaml: old → new, words of the message)
    ("stage due before the one above", ("    due: 30\n", "    due: 3\n"), ("due", "day 3", "≥ 5")),
    ("due quoted", ("    due: 30\n", '    due: "30"\n'), ("due", "whole number")),
    ("due zero", ("    due: 30\n", "    due: 0\n"), ("due", "1–")),
    ("a day off that is no weekday", ("days_off: [saturday, sunday]", "days_off: [saturday, sundae]"),
     ("days_off", "sunday")),
    ("unknown count", ("  count: calendar\n", "  count: calender\n"), ("count", "calendar")),
    ("meeting time unquoted", ('meetings_at: "10:00"', "meetings_at: 10:00"), ("meetings_at", "quote")),
    ("quiz at a stage that does not exist", ("  stage: week-1\n", "  stage: week-2\n"), ("quiz", "week-1")),
    ("a meeting with no one", ("by: [hire, manager]\n", "by: [hire]\n"), ("by", "manager or buddy")),
    ("someone unknown", ("by: [hire, manager]\n", "by: [hire, boss]\n"), ("by", "manager")),
]


@pytest.mark.parametrize("name,edit,says", PLAN_CASES, ids=[c[0] for c in PLAN_CASES])
def test_a_broken_plan_is_refused_with_its_line(name, edit, says, data_copy: Path):
    path = data_copy / "onboarding.yaml"
    text = path.read_text(encoding="utf-8")
    old, new = edit
    assert old in text, f"the fixture has no {old!r}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load(data_copy)
    problems = [p for p in raised.value.problems if p.file.endswith("onboarding.yaml")]
    assert problems, raised.value.report()
    problem = problems[0]
    assert problem.line in (line, line + 1), (problem, line)
    message = " ".join((problem.field, problem.zh, problem.en, problem.expected, problem.found, problem.hint))
    for word in says:
        assert word in message, (word, message)
    assert re.search(r"[\u4e00-\u9fff]", problem.zh) and problem.en


def test_a_plan_without_a_schedule_is_still_a_handbook(data_copy: Path):
    """Older and other organisations' data have no schedule: every stage is then due with the one before it."""
    path = data_copy / "onboarding.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\nschedule:\n(?:  .*\n)+", "\n", text)
    text = re.sub(r"\n    (?:due|count): .*", "", text)
    path.write_text(text, encoding="utf-8")
    h = load(data_copy)
    assert {d.day for d in h.due.values()} == {1}


# ---------------------------------------------------------------- the browser


def set_start(page, value: str) -> None:
    page.fill("[data-hb-start]", value)
    page.dispatch_event("[data-hb-start]", "change")


def dues(page) -> dict[str, str]:
    return dict(page.eval_on_selector_all("[data-hb-stage]", "els => els.map(e => [e.dataset.hbStage, e.dataset.due])"))


def test_a_start_date_dates_every_stage_and_step_and_stays(page, site_url):
    page.goto(site_url + f"onboarding/{ROLE}/")
    assert not page.locator("[data-hb-stage][data-due]").count(), "no dates before a start date is set"
    set_start(page, START)
    expected = expected_dues(START)
    assert dues(page) == expected
    assert expected[HANDBOOK.stages[0].id] == START, "day 1 is the start date"
    for stage_id, date in expected.items():
        stage = page.locator(f'[data-hb-stage="{stage_id}"]')
        assert date in stage.locator("[data-hb-due]").inner_text()
        steps = stage.locator(".hb-step")
        assert steps.count() and all(date in t for t in steps.locator("[data-hb-step-due]").all_inner_texts())
    page.reload()
    assert page.input_value("[data-hb-start]") == START
    assert dues(page) == expected


def test_unticked_steps_past_their_date_are_overdue_by_the_browsers_clock(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    page.clock.set_fixed_time(datetime.datetime(2027, 1, 20, 12, 0))
    page.goto(site_url + f"onboarding/{ROLE}/")
    set_start(page, START)
    today = "2027-01-20"
    late = {s for s, d in expected_dues(START).items() if d < today}
    assert late and late != set(expected_dues(START)), "the fixture has stages on both sides of the date"
    first = page.locator(f'[data-hb-stage="{sorted(late)[0]}"] input[data-hb-step]').first
    first.check()
    for stage_id in expected_dues(START):
        steps = page.locator(f'[data-hb-stage="{stage_id}"] .hb-step')
        for i in range(steps.count()):
            step = steps.nth(i)
            ticked = step.locator("input[data-hb-step]").is_checked()
            overdue = "hb-overdue" in (step.get_attribute("class") or "")
            assert overdue == (stage_id in late and not ticked), (stage_id, i)
    context.close()


def test_the_calendar_file_has_an_event_per_stage_and_per_meeting_in_the_readers_time_zone(browser, site_url):
    context = browser.new_context(accept_downloads=True, timezone_id="Asia/Shanghai")
    page = context.new_page()
    page.goto(site_url + f"onboarding/{ROLE}/")
    set_start(page, START)
    with page.expect_download() as download:
        page.click("[data-hb-ics]")
    raw = Path(download.value.path()).read_bytes()
    assert download.value.suggested_filename.endswith(".ics")
    context.close()
    assert b"\r\n" in raw and all(len(line) <= 75 for line in raw.split(b"\r\n")), "RFC 5545 lines fold at 75 octets"
    calendar = icalendar.Calendar.from_ical(raw)
    events = list(calendar.walk("VEVENT"))
    stages = expected_dues(START)
    whole_days = {str(e["URL"]).rsplit("#", 1)[1]: e["DTSTART"].dt for e in events
                  if not isinstance(e["DTSTART"].dt, datetime.datetime)}
    assert {k: v.isoformat() for k, v in whole_days.items()} == stages
    meetings = [(stage.id, step) for stage, company, own in HANDBOOK.onboarding(HANDBOOK.role(ROLE))
                for step in (*company, *own) if step.meeting]
    timed = [e for e in events if isinstance(e["DTSTART"].dt, datetime.datetime)]
    assert len(timed) == len(meetings) > 0
    hour, minute = map(int, HANDBOOK.schedule.meetings_at.split(":"))
    shanghai = datetime.timezone(datetime.timedelta(hours=8))
    for (stage_id, step), event in zip(meetings, timed):
        start = event["DTSTART"].dt.astimezone(shanghai)
        assert start.date().isoformat() == stages[stage_id]
        assert (start.hour, start.minute) == (hour, minute), "the data's time, in the reader's zone"
        assert event["DTEND"].dt - event["DTSTART"].dt == datetime.timedelta(minutes=HANDBOOK.schedule.meeting_minutes)
        assert step.do.split(",")[0][:10] in str(event["SUMMARY"])
    assert len({str(e["UID"]) for e in events}) == len(events)


def test_a_share_link_shows_the_same_plan_as_someone_elses_copy(browser, site_url):
    mine = browser.new_context()
    page = mine.new_page()
    page.goto(site_url + f"onboarding/{ROLE}/")
    set_start(page, START)
    boxes = page.locator("input[data-hb-step]")
    for i in (0, 2, 3):
        boxes.nth(i).check()
    ticked = page.eval_on_selector_all("input[data-hb-step]", "bs => bs.filter(b => b.checked).map(b => b.dataset.hbStep)")
    link = page.get_attribute("a[data-share]", "href")
    assert "#" in link and START in link
    mine.close()

    theirs = browser.new_context()
    other = theirs.new_page()
    other.goto(link)
    assert other.input_value("[data-hb-start]") == START
    assert other.eval_on_selector_all("input[data-hb-step]",
                                      "bs => bs.filter(b => b.checked).map(b => b.dataset.hbStep)") == ticked
    assert dues(other) == expected_dues(START)
    assert other.locator("[data-hb-shared]").is_visible(), "marked as someone else's copy"
    assert other.locator("input[data-hb-step]").first.is_disabled()
    assert not other.locator("[data-hb-reset]").is_visible(), "nothing of this browser's to reset while viewing a copy"
    other.click("[data-hb-discard]")
    other.wait_for_load_state()
    assert "#" not in other.url and other.input_value("[data-hb-start]") == ""
    assert not other.locator("input[data-hb-step]:checked").count(), "discarding keeps nothing"
    other.goto(link)
    other.click("[data-hb-take-over]")
    other.wait_for_load_state()
    assert not other.locator("[data-hb-shared]").is_visible()
    assert other.input_value("[data-hb-start]") == START
    assert other.eval_on_selector_all("input[data-hb-step]",
                                      "bs => bs.filter(b => b.checked).map(b => b.dataset.hbStep)") == ticked
    assert not other.locator("input[data-hb-step]").first.is_disabled()
    theirs.close()


def test_the_printed_plan_carries_the_dates(page, site_url):
    page.goto(site_url + f"onboarding/{ROLE}/")
    set_start(page, START)
    page.emulate_media(media="print")
    assert not page.locator("[data-hb-start]").is_visible()
    assert START in page.locator("[data-hb-start-printed]").inner_text()
    for stage_id, date in expected_dues(START).items():
        assert date in page.locator(f'[data-hb-stage="{stage_id}"] [data-hb-due]').inner_text()


def test_the_plan_script_loads_on_path_pages_only(site):
    path_page = (site / "onboarding" / ROLE / "index.html").read_text(encoding="utf-8")
    assert "onboarding-plan.js" in path_page
    for other in ("index.html", "onboarding/index.html", f"roles/{ROLE}/index.html"):
        assert "onboarding-plan.js" not in (site / other).read_text(encoding="utf-8"), other


def test_the_plan_works_in_the_preview_build_without_directory_urls(browser, flat_site):
    server = Server(flat_site)
    try:
        context = browser.new_context()
        page = context.new_page()
        page.goto(server.url + f"onboarding/{ROLE}.html")
        set_start(page, START)
        assert dues(page) == expected_dues(START)
        link = page.get_attribute("a[data-share]", "href")
        other = browser.new_context().new_page()
        other.goto(link)
        assert other.input_value("[data-hb-start]") == START and other.locator("[data-hb-shared]").is_visible()
        other.context.close()
        context.close()
    finally:
        server.close()


def test_the_export_says_what_the_page_counts(site):
    document = json.loads((site / "api" / "roles.json").read_text(encoding="utf-8"))
    onboarding = document["onboarding"]
    assert {s["id"]: (s["due"], s["count"]) for s in onboarding["stages"]} == \
        {k: (d.day, d.count) for k, d in HANDBOOK.due.items()}
    assert onboarding["schedule"]["days_off"] == list(HANDBOOK.schedule.days_off)
    steps = [s for group in onboarding["company"] for s in group["steps"]]
    assert {s["id"]: (tuple(s["by"]), s["kind"]) for s in steps} == \
        {s.id: (s.by, s.kind) for _, items in HANDBOOK.company_steps for s in items}
