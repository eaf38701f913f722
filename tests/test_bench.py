"""`make bench` still runs: a smoke run at 10 roles, one build each (the real benchmark is not a test)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from .conftest import CHROMIUM, ROOT


def test_benchmark_runs_at_a_small_size():
    if not os.path.exists(CHROMIUM) and not os.environ.get("CI"):
        pytest.skip("Chromium not installed (apt-get install chromium fonts-noto-cjk)")
    result = subprocess.run([sys.executable, "-m", "benchmarks.bench", "--sizes", "10", "--repeat", "1", "--json"],
                            cwd=ROOT, capture_output=True, text=True, timeout=1200,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-4000:]
    report = json.loads(result.stdout)
    assert report["real"]["role_pages"] == 8 and report["baseline"]["role_pages"] == 8
    small = report["sizes"]["10"]
    assert small["role_pages"] == 10 and small["pages"] > report["real"]["pages"]
    for row in (report["real"], report["baseline"], small):
        assert row["build_s"] > 0 and row["cpu_s"] > 0 and row["site_bytes"] > row["search_index_bytes"] > 0
    assert report["overhead"] == round(report["real"]["cpu_s"] / report["baseline"]["cpu_s"] - 1, 3)
    # the baseline builds both editions, as the real site has them; one plain build has half the pages
    one = report["baseline_one_edition"]
    assert report["baseline"]["pages"] >= report["real"]["pages"] > one["pages"] * 1.9
    assert 0 < report["serve"]["reload_s"] < 120
    assert report["search"]["roles"] == 10 and 0 < report["search"]["query_ms"] < 10_000
    # growth needs two sizes, the index target the 100-role size
    assert set(report["targets"]) == {"overhead", "serve_s", "search_ms", "first_query_s"}


def test_results_go_between_the_readme_markers_and_nowhere_else(tmp_path):
    from benchmarks import readme

    page = tmp_path / "README.md"
    page.write_text("intro\n<!-- bench:start -->\nold table\n<!-- bench:end -->\noutro\n", encoding="utf-8")
    readme.write_block("bench", "| new | table |\n", page)
    readme.write_block("bench", "| newer | table |", page)
    assert page.read_text(encoding="utf-8") == "intro\n<!-- bench:start -->\n| newer | table |\n<!-- bench:end -->\noutro\n"
    with pytest.raises(SystemExit, match="lighthouse:start"):
        readme.write_block("lighthouse", "x", page)


def test_the_readme_has_a_place_for_each_benchmark():
    from benchmarks import readme

    text = readme.README.read_text(encoding="utf-8")
    for name in ("bench", "lighthouse"):
        assert text.count(f"<!-- {name}:start -->") == text.count(f"<!-- {name}:end -->") == 1
