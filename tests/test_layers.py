"""The data flows one way (handbook/__init__.py draws it): every import of the package, read from the source,
points down the flow, never up it and never sideways into a neighbour; a module that breaks it is named."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Each layer, what it may import from the project, and the modules it holds (by name prefix). A layer may always
# import its own modules. `wiring` sits on top and may import anything.
LAYERS = {
    "kinds": ((), ("handbook.kinds",)),
    "data": (("kinds",), ("handbook.data",)),
    "history": (("kinds", "data"), ("handbook.history",)),  # a second data source: git, read like the files
    "model": (("kinds", "data"), ("handbook.model",)),
    "urls": (("kinds", "model"), ("handbook.urls",)),
    # The four steps that make something of the model, side by side: none imports another.
    "site": (("kinds", "data", "history", "model", "urls"), ("handbook.site",)),
    "search": (("kinds", "data", "model", "urls"), ("handbook.search",)),
    "edition": (("kinds", "data", "urls"), ("handbook.edition",)),
    "outputs": (("kinds", "data", "history", "model", "urls"), ("handbook.outputs",)),
    "wiring": (("kinds", "data", "history", "model", "urls", "site", "search", "edition", "outputs"),
               ("handbook.__main__", "macros", "hooks.handbook_hooks")),
}


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def layer_of(module: str) -> str | None:
    if module == "handbook":  # the package's docstring: the map of these layers
        return "kinds"
    matches = [(len(prefix), layer) for layer, (_, prefixes) in LAYERS.items() for prefix in prefixes
               if module == prefix or module.startswith(prefix + ".")]
    return max(matches)[1] if matches else None


def modules() -> dict[str, Path]:
    paths = [*(ROOT / "handbook").rglob("*.py"), ROOT / "macros.py", ROOT / "hooks" / "handbook_hooks.py"]
    return {module_name(p): p for p in sorted(paths) if p.exists()}


def imports(path: Path, module: str) -> list[tuple[int, str]]:
    """(line, imported module) for every import of the project in `path`, at any depth (functions too)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[:len(parts) - node.level + 1] + ([base] if base else []))
            # `from handbook import urls` imports the module handbook.urls, not the package
            found += [(node.lineno, f"{base}.{alias.name}" if layer_of(f"{base}.{alias.name}") else base)
                      for alias in node.names]
    return [(line, name) for line, name in found if name.split(".")[0] in ("handbook", "macros", "hooks")]


def problems() -> list[str]:
    found = []
    for module, path in modules().items():
        here = layer_of(module)
        if here is None:
            found.append(f"{path.relative_to(ROOT)}: belongs to no layer; add it to LAYERS in tests/test_layers.py")
            continue
        allowed = set(LAYERS[here][0]) | {here}
        for line, target in imports(path, module):
            there = layer_of(target)
            if there not in allowed:
                found.append(f"{path.relative_to(ROOT)}:{line}: {module} ({here}) imports {target} ({there}); "
                             f"{here} may import only {', '.join(sorted(allowed))}")
    return found


def test_every_import_points_down_the_flow():
    assert problems() == []


def test_the_check_names_an_import_against_the_flow(tmp_path, monkeypatch):
    """The test can fail: a data module importing the site, and a search module importing a neighbour, are named."""
    fake = tmp_path / "handbook"
    (fake / "data").mkdir(parents=True)
    (fake / "search").mkdir()
    (fake / "data" / "bad.py").write_text("from handbook.site import pages\n", encoding="utf-8")
    (fake / "search" / "side.py").write_text("def f():\n    from handbook.outputs import exports\n", encoding="utf-8")
    (fake / "kinds.py").write_text("import os\n", encoding="utf-8")
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    found = problems()
    assert any(p.startswith("handbook/data/bad.py:1: handbook.data.bad (data) imports handbook.site.pages (site)")
               for p in found), found
    assert any(p.startswith("handbook/search/side.py:2:") and "(outputs)" in p for p in found), found
    assert not any("kinds.py:" in p and "imports" in p for p in found)


@pytest.mark.parametrize("module", ["handbook.kinds.names", "handbook.data.spec", "handbook.urls",
                                    "handbook.history.gitlog", "macros"])
def test_every_module_has_a_layer(module):
    assert layer_of(module) is not None
