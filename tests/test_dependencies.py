"""What gets installed is exactly what the hash lock names, MkDocs stays below 2, and Python below the floor is refused.

requirements*.in pin the packages the site and its tests use; `make lock` resolves
them into requirements*.txt with every transitive package and the hash of every
file; `make` installs nothing else, each file checked against its hash.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, distribution, distributions, version
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
INPUTS = sorted(ROOT.glob("requirements*.in"))
LOCKS = [path.with_suffix(".txt") for path in INPUTS]
FLOOR = re.search(r"^PYTHON_FLOOR := (\S+)$", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M).group(1)


def requirement_lines(path: Path) -> list[str]:
    """The file's requirements, with continuation lines joined and comments dropped."""
    text = path.read_text(encoding="utf-8").replace("\\\n", " ")
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [line for line in lines if line and not line.startswith("-")]


def direct_pins() -> list[tuple[str, Requirement]]:
    return [(f"{path.name}: {line}", Requirement(line)) for path in INPUTS for line in requirement_lines(path)]


def locked() -> dict[str, tuple[Version, list[str]]]:
    """name → (version, hashes) over every lock file."""
    found: dict[str, tuple[Version, list[str]]] = {}
    for path in LOCKS:
        for line in requirement_lines(path):
            requirement, *options = line.split()
            name, _, pinned = requirement.partition("==")
            hashes = [option.removeprefix("--hash=") for option in options]
            assert pinned and all(option.startswith("--hash=") for option in options), f"{path.name}: {line}"
            assert canonicalize_name(name) not in found, f"{name} is locked twice"
            found[canonicalize_name(name)] = (Version(pinned), hashes)
    return found


def installed() -> dict[str, Version]:
    """Every distribution in this interpreter's environment (the .venv `make` built)."""
    return {canonicalize_name(d.metadata["Name"]): Version(d.version) for d in distributions()}


# ---------------------------------------------------------------- the lock

def test_every_direct_dependency_is_pinned_exactly():
    assert INPUTS and direct_pins()
    for where, requirement in direct_pins():
        specs = list(requirement.specifier)
        assert len(specs) == 1 and specs[0].operator == "==" and "*" not in specs[0].version, where
        assert not requirement.url and not requirement.marker, where


def test_each_input_has_its_lock_and_the_lock_holds_its_pins():
    """After editing a requirements*.in, `make lock` must run: the lock is what gets installed."""
    lock = locked()
    for where, requirement in direct_pins():
        name = canonicalize_name(requirement.name)
        assert name in lock, f"{where} is not in the lock: run `make lock`"
        assert lock[name][0] in requirement.specifier, f"{where}, but the lock has {lock[name][0]}: run `make lock`"


def test_every_locked_package_has_the_hash_of_its_files():
    lock = locked()
    assert len(lock) > len(direct_pins()), "the lock must hold the transitive packages too"
    for name, (_, hashes) in lock.items():
        assert hashes, f"{name} has no hash"
        assert all(re.fullmatch(r"sha256:[0-9a-f]{64}", h) for h in hashes), f"{name}: {hashes}"


def test_every_installed_package_is_the_locked_one_and_nothing_else_is_installed():
    lock, present = locked(), installed()
    unlocked = {name: str(v) for name, v in present.items() if name not in lock}
    assert not unlocked, f"installed but not in the lock: {unlocked}; pin it in requirements.in and run `make lock`"
    drifted = {name: f"{present[name]} installed, {v} locked" for name, (v, _) in lock.items()
               if name in present and present[name] != v}
    assert not drifted, drifted
    missing = sorted(set(lock) - set(present))
    assert not missing, f"locked but not installed: {missing} (make installs the whole lock)"


def test_the_lock_keeps_mkdocs_below_2():
    """MkDocs 2 drops the plugin system (hooks, macros, Material) this site is built on."""
    mkdocs = [r for _, r in direct_pins() if canonicalize_name(r.name) == "mkdocs"]
    assert len(mkdocs) == 1
    assert not any(mkdocs[0].specifier.contains(v) for v in ("2.0.0", "2.0.0rc1", "2.1"))
    assert locked()["mkdocs"][0] < Version("2")
    assert Version(version("mkdocs")) < Version("2"), "the installed MkDocs is not the pinned one"


def test_make_installs_only_the_locks_and_checks_every_hash(tmp_path):
    """What `make` would run on a fresh clone (make -n prints the commands without running them)."""
    for name in ["Makefile", *(p.name for p in INPUTS + LOCKS)]:
        shutil.copy(ROOT / name, tmp_path / name)
    commands = subprocess.run(["make", "-n", "test"], cwd=tmp_path, capture_output=True, text=True, check=True,
                              timeout=60).stdout.replace("\\\n", " ")
    installs = [line for line in commands.splitlines() if re.search(r"\bpip install\b", line)]
    assert installs
    for line in installs:
        assert "--require-hashes" in line and "--no-deps" in line, line
        assert re.findall(r"-r (\S+)", line) and all(f in {p.name for p in LOCKS} for f in re.findall(r"-r (\S+)", line))
        assert not re.sub(r"(-r \S+|--?[\w-]+|\S*python\S* -m pip install)", "", line).strip(), \
            f"installs something besides the lock: {line}"
    assert {f for line in installs for f in re.findall(r"-r (\S+)", line)} == {p.name for p in LOCKS}


# ---------------------------------------------------------------- the Python floor

DEBIAN_12 = "3.11.2"  # Debian 12's own python3: the machines this handbook is for run it


def requires_python() -> dict[str, SpecifierSet]:
    """Every locked package's Requires-Python, read from its installed metadata (what pip checks at install time).

    Every locked package must be installed (another test checks versions), so none is left out of the reading.
    """
    accepted = {}
    for name in locked():
        try:
            metadata = distribution(name).metadata
        except PackageNotFoundError:
            pytest.fail(f"{name} is locked but not installed: run make")
        accepted[name] = SpecifierSet(metadata.get("Requires-Python") or "")
    return accepted


def just_below(floor: str) -> str:
    """The newest version older than the floor: 3.11.5 → 3.11.4, 3.11 → 3.10.999."""
    parts = [int(n) for n in floor.split(".")] + [0] * (3 - len(floor.split(".")))
    major, minor, micro = parts[:3]
    return f"{major}.{minor}.{micro - 1}" if micro else f"{major}.{minor - 1}.999"


def test_the_floor_is_the_oldest_python_every_locked_package_accepts():
    accepted = requires_python()
    assert len(accepted) == len(locked())
    refused = {name: str(spec) for name, spec in accepted.items() if not spec.contains(FLOOR)}
    assert not refused, f"Python {FLOOR} is too old for {refused}: raise PYTHON_FLOOR in the Makefile and the README"
    below = just_below(FLOOR)
    needing = sorted(name for name, spec in accepted.items() if not spec.contains(below))
    assert needing, f"every locked package accepts Python {below}: the floor {FLOOR} is higher than needed"
    assert sys.version_info[:3] >= tuple(int(n) for n in FLOOR.split("."))


def test_debian_12s_own_python_is_accepted_by_every_locked_package():
    """Debian 12 packages no newer Python: a pin that needs more (pymdown-extensions 13 asks for 3.11.5) locks out
    exactly the intranet machines this handbook is for."""
    refused = {name: str(spec) for name, spec in requires_python().items() if not spec.contains(DEBIAN_12)}
    assert not refused, f"these locked packages refuse Debian 12's Python {DEBIAN_12}: {refused}; pin an older release"
    assert Version(DEBIAN_12) >= Version(FLOOR)


def test_the_readme_states_the_floor_in_both_languages():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    stated = re.findall(r"Python (\d+\.\d+(?:\.\d+)?)(?:`)? (以上|or newer)", readme)
    assert {kind for _, kind in stated} == {"以上", "or newer"}, stated
    assert {floor for floor, _ in stated} == {FLOOR}, f"README states {stated}; the Makefile's floor is {FLOOR}"


def fake_python(directory: Path, reported: str, name: str = "python3") -> Path:
    """An interpreter that says it is `reported` and records any other use (creating .venv with it, say)."""
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(f'#!/bin/sh\nif [ "$1" = --version ]; then echo "Python {reported}"; exit 0; fi\n'
                    f'echo "$@" >> "{directory}/used"; exit 1\n', encoding="utf-8")
    path.chmod(0o755)
    return path


def make(checkout: Path, goal: str, *, python: Path | None = None, path_first: Path | None = None):
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHON", "MAKEFLAGS", "MFLAGS"}}
    if path_first:
        env["PATH"] = f"{path_first}{os.pathsep}{env['PATH']}"
    args = ["make", goal] + ([f"PYTHON={python}"] if python else [])
    return subprocess.run(args, cwd=checkout, env=env, capture_output=True, text=True, timeout=60)


@pytest.fixture
def checkout(tmp_path) -> Path:
    """A fresh clone's files, as far as `make` reads them before it creates .venv."""
    target = tmp_path / "checkout"
    target.mkdir()
    for name in ["Makefile", *(p.name for p in INPUTS + LOCKS)]:
        shutil.copy(ROOT / name, target / name)
    shutil.copytree(ROOT / "tools", target / "tools")
    return target


@pytest.mark.parametrize("goal", ["serve", "test"])
def test_make_stops_before_creating_venv_when_python_is_too_old(checkout, tmp_path, goal):
    old = fake_python(tmp_path / "bin", "3.10.12")
    result = make(checkout, goal, path_first=old.parent)  # the default PYTHON, python3, is 3.10.12 (Ubuntu 22.04)
    assert result.returncode != 0
    message = result.stderr
    assert "3.10.12" in message and FLOOR in message and "python3" in message, message
    assert f"PYTHON=python{FLOOR} make {goal}" in message and "apt-get install python3-venv make" in message, message
    assert not (checkout / ".venv").exists() and not (old.parent / "used").exists(), "it went on with the old Python"
    assert "pip" not in result.stdout + message


def test_a_chosen_interpreter_that_is_too_old_is_named(checkout, tmp_path):
    chosen = fake_python(tmp_path / "elsewhere", "3.10.14", name="python3.10")
    result = make(checkout, "serve", python=chosen)
    assert result.returncode != 0 and "3.10.14" in result.stderr and str(chosen) in result.stderr, result.stderr
    assert not (checkout / ".venv").exists()


@pytest.mark.parametrize("reported", [FLOOR, DEBIAN_12, "3.12.1"])
def test_the_floor_and_debian_12s_python_are_accepted(checkout, tmp_path, reported):
    exact = fake_python(tmp_path / "bin", reported)
    result = make(checkout, "test", python=exact)
    assert "needs Python" not in result.stderr, result.stderr
    assert (exact.parent / "used").read_text().split() == ["-m", "venv", ".venv"], "make should go on to create .venv"


def test_a_python_without_venv_is_told_to_install_python3_venv(checkout, tmp_path):
    """Debian's python3 comes without venv: the fake one fails `-m venv` as Debian's does."""
    without = fake_python(tmp_path / "bin", DEBIAN_12)
    result = make(checkout, "test", python=without)
    assert result.returncode != 0 and "apt-get install python3-venv" in result.stderr, result.stderr
    assert not (checkout / ".venv").exists(), "a half-made .venv would be taken for a working one next time"


def test_an_old_venv_is_named_with_the_way_out(checkout, tmp_path):
    fake_python(checkout / ".venv" / "bin", "3.10.12", name="python")
    result = make(checkout, "test")
    assert result.returncode != 0
    assert ".venv/bin/python" in result.stderr and "rm -rf .venv" in result.stderr, result.stderr
