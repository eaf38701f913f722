"""Keyboard users see where they are: every kind of control draws a focus ring when focused from the keyboard."""

from __future__ import annotations

import pytest

from handbook.model import load as load_handbook

HANDBOOK = load_handbook()
ROLE = HANDBOOK.roles[0].id

# (page, control): the kinds of interactive element on the handbook's own pages.
CONTROLS = [
    (f"onboarding/{ROLE}/", "input[type=checkbox][data-hb-step]"),
    (f"onboarding/{ROLE}/", "button[data-hb-reset]"),
    (f"onboarding/{ROLE}/", "button[data-hb-print]"),
    ("onboarding/", "input[type=checkbox][data-hb-step]"),
    ("onboarding/", ".grid.cards a"),
    (f"roles/{ROLE}/", "a.hb-chip"),
    (f"roles/{ROLE}/", "a.md-button"),
    (f"roles/{ROLE}/", "button[data-hb-print]"),
    (f"roles/{ROLE}/", ".md-content p a"),
    ("map/", "svg a"),
    ("matrix/", ".hb-matrix td a"),
    ("matrix/", ".hb-matrix th a"),
]
RING = "el => { const s = getComputedStyle(el); return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor]; }"


@pytest.mark.parametrize("edition", ["", "zh-Hans/"])
def test_every_kind_of_control_shows_keyboard_focus(page, site_url, edition):
    missing = []
    for url, selector in CONTROLS:
        if page.url != site_url + edition + url:
            page.goto(site_url + edition + url)
            page.keyboard.press("Tab")  # the reader is using the keyboard: focus is shown as for Tab
        control = page.locator(selector).first
        assert control.count(), (url, selector)
        before = control.evaluate(RING)
        control.focus()
        assert control.evaluate("el => el === document.activeElement && el.matches(':focus-visible')"), selector
        style, width, color = control.evaluate(RING)
        if style in ("none", "hidden") or width < 2 or [style, width, color] == before:
            missing.append((url, selector, style, width))
    assert not missing, f"focus not visible: {missing}"
