"""Lighthouse on one page of every kind, both editions, beside a stock Material page of the same text, in one run.

Needs Lighthouse 12 installed outside the repository and Debian's Chromium:
    npm i -E --prefix /tmp/lighthouse lighthouse@12.2.3
    .venv/bin/python -m benchmarks.lighthouse site/ [--lighthouse /tmp/lighthouse/node_modules/.bin/lighthouse]
Default mobile settings (simulated slow 4G, mid-range phone, 4× CPU slowdown), every page served the way a
web host serves it (gzip). The pages: home, a role, a topic, a process, the measures catalogue, the matrix, the
map, an onboarding path, gaps and changes, in the Traditional and the Simplified edition; the reference: the role
page's text as one Markdown page built with stock Material (no hook, no macros, no handbook CSS or scripts) in a
temporary folder and measured in the same run, so a slow or busy machine moves both alike. Prints a table, one row
per page with the median of --runs runs (each run in brackets): performance, accessibility, total blocking time
(and its ratio to the reference's) and DOM elements; keeps the JSON reports in --out, and with --write-readme puts
the table into README.md. Performance varies with the load on the machine (Lighthouse scales the observed CPU
time), so measure on a quiet one.
"""

from __future__ import annotations

import argparse
import datetime
import html
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks import readme
from benchmarks.localsite import serve
from handbook import urls
from handbook.edition.convert import EDITION

CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
ROOT = Path(__file__).resolve().parent.parent
KINDS = ("home", "role", "topic", "process", "measures", "matrix", "map", "onboarding", "gaps", "changes")
FOLDERS = {"role": urls.ROLES, "topic": urls.TOPICS, "process": urls.PROCESSES, "onboarding": urls.ONBOARDING}
BLOCK = re.compile(r"<(h[1-4]|p|li|td|th|dt|dd|caption)\b[^>]*>(.*?)</\1>", re.S)


def pages(site: Path) -> dict[str, str]:
    """kind → the built page's path, the first record of each generated kind (the site decides, not today's data)."""
    found = {}
    for kind in KINDS:
        if kind in FOLDERS:
            folder = urls.built(FOLDERS[kind].rstrip("/") + "/index.md")
            records = sorted(p.parent.name for p in (site / folder).glob("*/index.html"))
            if records:
                found[kind] = f"{folder}{records[0]}/"
        elif kind in urls.PAGES:
            found[kind] = urls.built(urls.PAGES[kind])
    return found


def reference(site: Path, page: str, out: Path) -> Path:
    """Stock Material, one Markdown page holding `page`'s text (its headings, paragraphs, list items, cells)."""
    article = re.search(r"<article[^>]*>(.*?)</article>", (site / page / "index.html").read_text("utf-8"), re.S)
    lines = []
    for tag, inner in BLOCK.findall(article.group(1) if article else ""):
        text = html.unescape(re.sub(r"<[^>]+>", "", inner)).replace("¶", "").strip()
        if text:
            lines.append(("#" * int(tag[1]) + " " if tag[0] == "h" and tag[1].isdigit() else "") + text)
    docs = out / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    (out / "mkdocs.yml").write_text("site_name: Reference\ntheme:\n  name: material\n  language: zh-TW\n"
                                    "  font: false\nplugins:\n  - search\n", encoding="utf-8")
    built = out / "site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(built)], cwd=out, check=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=600)
    return built


def audit(lighthouse: str, url: str, report: Path) -> dict[str, float]:
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run([lighthouse, url, "--quiet", f"--chrome-flags={CHROME_FLAGS}", "--output=json",
                    "--only-categories=performance,accessibility", f"--output-path={report}"], env=env, check=True,
                   timeout=600)
    result = json.loads(report.read_text(encoding="utf-8"))
    audits = result["audits"]
    return {"performance": round(result["categories"]["performance"]["score"] * 100),
            "accessibility": round(result["categories"]["accessibility"]["score"] * 100),
            "tbt": audits["total-blocking-time"]["numericValue"], "dom": audits["dom-size"]["numericValue"]}


def cell(runs: list[dict], key: str, unit: str = "") -> str:
    values = [r[key] for r in runs]
    shown = "/".join(f"{v:.0f}" for v in values)
    return f"{statistics.median(values):.0f}{unit}" + (f" ({shown})" if len(values) > 1 else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site, e.g. site/ after `make build`")
    parser.add_argument("--lighthouse", default="/tmp/lighthouse/node_modules/.bin/lighthouse")
    parser.add_argument("--out", type=Path, default=Path("/tmp/lighthouse-reports"))
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median of each figure is shown")
    parser.add_argument("--no-gzip", action="store_true", help="serve files uncompressed, as python -m http.server")
    parser.add_argument("--kind", action="append", choices=KINDS, help="only these kinds of page (repeatable)")
    parser.add_argument("--write-readme", action="store_true", help="also write the table into README.md")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    site = args.site.resolve()
    chosen = {k: v for k, v in pages(site).items() if not args.kind or k in args.kind}
    rows = ["| page | performance | accessibility | total blocking time | × reference | DOM elements |",
            "|---|---:|---:|---:|---:|---:|"]
    met = True
    with tempfile.TemporaryDirectory() as scratch:
        stock = reference(site, chosen.get("role", pages(site)["role"]), Path(scratch))
        servers = {"site": serve(site, compress=not args.no_gzip), "stock": serve(stock, compress=not args.no_gzip)}
        try:
            def measure(server: str, path: str, name: str) -> list[dict]:
                url = f"http://127.0.0.1:{servers[server].server_port}/{path}"
                return [audit(args.lighthouse, url, args.out / f"{name}-{i + 1}.json") for i in range(args.runs)]

            base = measure("stock", "", "reference")
            base_tbt = max(statistics.median(r["tbt"] for r in base), 1.0)
            rows.append(f"| stock Material, the {chosen.get('role', 'role')} page's text as one page | "
                        f"{cell(base, 'performance')} | {cell(base, 'accessibility')} | {cell(base, 'tbt', ' ms')} | 1 | "
                        f"{cell(base, 'dom')} |")
            print(rows[-1], flush=True)
            for edition in ("", f"{EDITION}/"):
                for kind, path in chosen.items():
                    runs = measure("site", edition + path, f"{edition.strip('/') or 'zh-Hant'}-{kind}")
                    ratio = statistics.median(r["tbt"] for r in runs) / base_tbt
                    met &= (statistics.median(r["performance"] for r in runs) >= 95
                            and statistics.median(r["accessibility"] for r in runs) == 100 and ratio <= 2)
                    rows.append(f"| {kind} `/{edition}{path}` | {cell(runs, 'performance')} | "
                                f"{cell(runs, 'accessibility')} | {cell(runs, 'tbt', ' ms')} | {ratio:.1f} | "
                                f"{cell(runs, 'dom')} |")
                    print(rows[-1], flush=True)
        finally:
            for server in servers.values():
                server.shutdown()
    verdict = ("Target (performance ≥ 95, accessibility 100, total blocking time within 2× of the reference, on every "
               f"page): {'met' if met else 'not met'}.")
    print(verdict)
    if args.write_readme:
        given = [a for a in (sys.argv[1:] if argv is None else argv) if a != "--write-readme"]
        version = subprocess.run([args.lighthouse, "--version"], capture_output=True, text=True).stdout.strip()
        readme.write_block("lighthouse", "\n".join(rows) + f"\n\n{verdict}\n\n"
            f"<small>Lighthouse {version} (mobile defaults), `python -m benchmarks.lighthouse {' '.join(given)}`, "
            f"{datetime.date.today():%Y-%m-%d}, {'uncompressed' if args.no_gzip else 'gzip'}; median of {args.runs} "
            f"runs (each run in brackets); the reference measured in the same run.</small>")
    return 0


if __name__ == "__main__":
    sys.exit(main())
