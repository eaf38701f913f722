"""The site's own names stay the site's: no data id may take a fixed page or anchor, no generated page may
replace another, and no built page may carry one id twice (the reserved ids themselves are refused in
tests/test_bad_data.py, one case per reserved word)."""

from __future__ import annotations

import importlib.util
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from handbook.kinds import names

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "handbook" / "site" / "templates"


def hooks():
    spec = importlib.util.spec_from_file_location("handbook_hooks_under_test", ROOT / "hooks" / "handbook_hooks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_templates_take_fixed_anchors_from_one_place():
    """No template spells an anchor; the pages where data ids and fixed anchors meet are those names.py lists."""
    shared = {}
    for path in sorted(TEMPLATES.glob("*.j2")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\{\s+#[a-z]|\(#[a-z]", text), f"{path.name} spells an anchor: use anchor(A.…) / A.…"
        kinds = set(re.findall(r"anchor\((\w+)\.id\b", text))
        fixed = tuple(getattr(names.A, name) for name in re.findall(r"anchor\(A\.(\w+)", text))
        assert len(kinds) <= 1, f"{path.name} makes anchors of several kinds of id: list them in names.py"
        if kinds:
            shared[path.name] = (kinds.pop(), fixed)
    assert shared == names.SHARED_PAGES


def test_every_page_folder_keeps_its_own_pages():
    """roles/index.md and its kind are reserved for every id that names a page in that folder."""
    for kind, folders in names.PAGE_FOLDERS.items():
        own = {p.rsplit("/", 1)[1][:-3] for p in names.PAGES.values() if p.rsplit("/", 1)[0] in folders}
        assert own and own <= names.RESERVED[kind]


@pytest.fixture(scope="module")
def configured():
    config = load_config(str(ROOT / "mkdocs.yml"))
    config.plugins._current_plugin = "hooks"  # what MkDocs sets while it runs an event (File.generated reads it)
    module = hooks()
    module.on_config(config)
    return module, config


@pytest.mark.parametrize("shape", ["{id}.md", "{id}/index.md"])
def test_a_generated_page_may_not_replace_another(configured, shape):
    """A static page where a role page goes (added to docs/ by hand) stops the build instead of vanishing."""
    module, config = configured
    role = config.extra["handbook"].roles[0]
    static = f"{names.ROLES}/" + shape.format(id=role.id)
    files = Files([File(static, config.docs_dir, config.site_dir, config.use_directory_urls)])
    with pytest.raises(PluginError, match=re.escape(f"would replace {static}")):
        module.on_files(files, config)


def test_the_generated_pages_fit_beside_the_site_own(configured):
    module, config = configured
    files = Files([File(p, config.docs_dir, config.site_dir, config.use_directory_urls)
                   for p in names.PAGES.values()])
    assert len(module.on_files(files, config)) > len(names.PAGES)


def test_a_page_with_one_id_twice_stops_the_build(configured):
    module, config = configured
    page = SimpleNamespace(file=SimpleNamespace(src_uri="roles/x.md"))
    assert module.on_post_page('<h2 id="a">A</h2><p id="b">', page, config)
    with pytest.raises(PluginError, match="'duties'"):
        module.on_post_page('<h2 id="duties">A</h2><h3 class="x" id="duties">B</h3>', page, config)


class Ids(HTMLParser):
    def __init__(self, text: str):
        super().__init__()
        self.ids: Counter = Counter()
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.ids.update(value for name, value in attrs if name == "id")


def test_no_built_page_in_either_edition_has_an_id_twice(site):
    built = sorted(site.rglob("*.html"))
    editions = {p.relative_to(site).parts[0] == "zh-Hans" for p in built}
    assert editions == {True, False}
    for path in built:
        twice = [i for i, n in Ids(path.read_text(encoding="utf-8")).ids.items() if n > 1]
        assert not twice, f"{path.relative_to(site)}: {twice}"
