"""What a refused edit must show: one problem, at its file and line, in words a contributor can act on."""

from __future__ import annotations

from pathlib import Path

import pytest

from handbook.data.load import read_sources
from handbook.data.problems import DataError, Problem


def one_problem(data: Path, file: str, line: int, says: tuple[str, ...], found: str | None = None) -> Problem:
    """The only problem `make check` finds in `data` (one fault, one message), at file:line, saying `says`."""
    with pytest.raises(DataError) as caught:
        read_sources(data)
    problems = caught.value.problems
    assert len(problems) == 1, caught.value.report()
    [problem] = problems
    assert problem.file.endswith(file) and problem.line == line, problem.format()
    message = " ".join((problem.zh, problem.en, problem.expected, problem.found, problem.hint))
    for word in says:
        assert word in message, problem.format()
    if found is not None:
        assert found in problem.found, problem.format()
    return problem
