"""axe-core, the accessibility engine, for the browser tests: installed with `npm ci` from tests/package-lock.json
(the exact version and its hash) and injected into each built page with playwright, so nothing is fetched at
page time and every run judges the pages by the same rules."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SCRIPT = HERE / "node_modules" / "axe-core" / "axe.min.js"
# WCAG 2.1 A and AA, the rules the handbook promises; best practices are not run.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SERIOUS = ("serious", "critical")
RUN = """async tags => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), impact: n.impact, summary: n.failureSummary}))}))
}"""


def pinned() -> str:
    return json.loads((HERE / "package.json").read_text(encoding="utf-8"))["devDependencies"]["axe-core"]


def installed() -> str | None:
    package = SCRIPT.parent / "package.json"
    return json.loads(package.read_text(encoding="utf-8"))["version"] if package.exists() else None


def source() -> str:
    """axe-core's script, installed first when it is missing or not the pinned version."""
    if installed() != pinned():
        try:
            subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=HERE, check=True,
                           capture_output=True, text=True, timeout=300)
        except (OSError, subprocess.SubprocessError) as error:
            if os.environ.get("CI"):
                pytest.fail(f"npm ci in tests/ failed (axe-core is required in CI): {error}")
            pytest.skip(f"axe-core could not be installed with npm: {error}")
    assert installed() == pinned()
    return SCRIPT.read_text(encoding="utf-8")


def violations(page, script: str) -> list[dict]:
    """The serious and critical WCAG 2.1 A/AA violations on the page open in `page`."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(content=script)
        # What the stylesheet leaves unrendered until it is scrolled near (content-visibility: auto) is judged as
        # a reader sees it once there: axe reads colours from the rendered page.
        page.add_style_tag(content="* { content-visibility: visible !important; }")
    found = page.evaluate(RUN, TAGS)
    return [v for v in found if v["impact"] in SERIOUS]
