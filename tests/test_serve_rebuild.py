"""`make serve` rebuilds reuse the Simplified edition's unchanged pages, and write what a fresh build writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import material

from handbook.edition import convert as edition

from .conftest import ROOT


def edition_files(site: Path) -> dict[str, str]:
    out = site / edition.EDITION
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in out.rglob("*") if p.is_file()}


def build_edition(site: Path, reuse: dict | None) -> dict[str, str]:
    ui = edition.theme_strings([str(ROOT / "overrides"), str(Path(material.__file__).parent / "templates")], "zh-TW")
    edition.write(site, None, ui, reuse=reuse)
    return edition_files(site)


def test_a_rebuild_converts_only_changed_pages_and_matches_a_fresh_build(site, tmp_path, monkeypatch):
    copy = tmp_path / "site"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns(edition.EDITION))
    reuse: dict = {}
    first = build_edition(copy, reuse)
    assert first == build_edition(copy, None) and len(reuse) > 40

    role = copy / "roles" / "customer-service" / "index.html"
    role.write_text(role.read_text(encoding="utf-8").replace("退換貨管理", "退換貨與換新管理", 1), encoding="utf-8")
    converted = []
    original = edition.Converter.page
    monkeypatch.setattr(edition.Converter, "page", lambda self, html, path: converted.append(path) or
                        original(self, html, path))
    again = build_edition(copy, reuse)
    assert converted == ["roles/customer-service/index.html"]
    assert "退换货与换新管理" in again["roles/customer-service/index.html"]
    monkeypatch.undo()
    assert again == build_edition(copy, None)
