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
    assert 0 < report["serve"]["reload_s"] < 120
    assert report["search"]["roles"] == 10 and 0 < report["search"]["query_ms"] < 10_000
    assert set(report["targets"]) == {"overhead", "serve_s", "search_ms"}  # growth needs two sizes
