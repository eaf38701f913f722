"""The plain baseline: the site's Markdown written out as static pages, built with no data layer.

A build of the real site runs with one extra listener that keeps each page's
front matter and Markdown after the macros have rendered it, the files the
hook generated, and the nav it made.  They are written to a project whose mkdocs.yml inherits the real
one (theme, overrides, assets, Markdown extensions, search settings) minus
the hook and the macros plugin.

The real build also writes the Simplified edition (zh-Hans/, converted from
the finished pages).  A plain site gets a second language the way MkDocs
sites do, with a second build, so the baseline has a second project too:
the same Markdown and nav through OpenCC, theme language `zh`, built into
zh-Hans/ (mkdocs-zh-Hans.yml).  Run in its own process:
`python -m benchmarks.baseline OUT_DIR` (HANDBOOK_DATA picks the data).
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import yaml
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from handbook.data.mainland import Mainland  # noqa: E402
from handbook.edition.convert import EDITION  # noqa: E402
from handbook.model import load  # noqa: E402
LAYER_PLUGINS = {"macros"}  # the data layer's plugin; the hook goes too


class _Capture(BasePlugin):
    def __init__(self) -> None:
        self.pages: dict[str, tuple[dict, str]] = {}
        self.static: dict[str, bytes] = {}
        self.nav: list = []

    @event_priority(-100)  # after the hook has set the nav
    def on_config(self, config):
        self.nav = config.nav
        return config

    @event_priority(-100)  # after the hook has added its files
    def on_files(self, files, config):
        for file in files:
            if file.generated_by and not file.is_documentation_page():
                self.static[file.src_uri] = file.content_bytes  # e.g. downloads made from the data
        return files

    @event_priority(-40)  # after the macros (0), before the tags plugin (-50) fills in its listings
    def on_page_markdown(self, markdown, page, config, files):
        self.pages[page.file.src_uri] = (dict(page.meta), markdown)
        return markdown


def capture(out: Path) -> list[Path]:
    """Write the baseline projects into `out`; returns their mkdocs.yml files, to build in this order:
    the site, then its Simplified edition with `--site-dir <the site>/zh-Hans`."""
    config_file = ROOT / "mkdocs.yml"
    config = load_config(str(config_file), site_dir=str(out / "capture-site"))
    listener = _Capture()
    config.plugins["benchmark-capture"] = listener
    build(config)
    shutil.rmtree(out / "capture-site")

    with config_file.open("rb") as f:
        raw = yaml_load(f)
    plugins = []
    for entry in raw.get("plugins", []):
        name = entry if isinstance(entry, str) else next(iter(entry))
        if name in LAYER_PLUGINS:
            continue
        if name == "search" and isinstance(entry, dict) and entry["search"].get("jieba_dict_user"):
            words = out / "jieba-user-dict.txt"  # the dictionary the hook wrote, kept as a static file
            shutil.copy(ROOT / entry["search"]["jieba_dict_user"], words)
            entry = {"search": {**entry["search"], "jieba_dict_user": str(words)}}
        plugins.append(entry)
    theme = {"custom_dir": str(ROOT / raw["theme"]["custom_dir"])} if raw["theme"].get("custom_dir") else {}
    projects = []
    simplified = Mainland(load().mainland).convert  # the edition's own conversion, with the data's exceptions
    for name, convert, language in (("docs", str, None), (f"docs-{EDITION}", simplified, "zh")):
        docs = out / name
        _write_docs(docs, listener, convert)
        settings = {"INHERIT": str(config_file), "docs_dir": str(docs),
                    "theme": {**theme, **({"language": language} if language else {})},
                    "hooks": [], "plugins": plugins, "nav": _convert(listener.nav, convert)}
        if language:
            settings["site_name"] = convert(raw["site_name"])
        project = out / ("mkdocs.yml" if name == "docs" else f"mkdocs-{EDITION}.yml")
        project.write_text(yaml.safe_dump(settings, allow_unicode=True, sort_keys=False), encoding="utf-8")
        projects.append(project)
    return projects


def _write_docs(docs: Path, listener: _Capture, convert: Callable[[str], str]) -> None:
    shutil.copytree(ROOT / "docs", docs, ignore=shutil.ignore_patterns("*.md"))
    for uri, content in listener.static.items():
        (docs / uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / uri).write_bytes(content)
    for uri, (meta, markdown) in listener.pages.items():
        target = docs / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        front = "---\n" + yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + "---\n\n" if meta else ""
        target.write_text(convert(front + markdown), encoding="utf-8")


def _convert(nav, convert: Callable[[str], str]):
    """The nav with its titles converted (paths are ASCII ids and stay)."""
    if isinstance(nav, list):
        return [_convert(item, convert) for item in nav]
    if isinstance(nav, dict):
        return {convert(key): _convert(value, convert) for key, value in nav.items()}
    return nav


if __name__ == "__main__":
    print("\n".join(map(str, capture(Path(sys.argv[1]).resolve()))))
