"""Lighthouse scores of four built pages, served locally the way a web host serves them (gzip).

Needs Lighthouse 12 installed outside the repository and Debian's Chromium:
    npm i -E --prefix /tmp/lighthouse lighthouse@12.2.3
    .venv/bin/python -m benchmarks.lighthouse site/ [--lighthouse /tmp/lighthouse/node_modules/.bin/lighthouse]
Default mobile settings (simulated slow 4G, mid-range phone); prints a
table, one row per page with the median of --runs runs (and each run),
keeps the JSON reports in --out, and with --write-readme puts the table
into README.md.  Performance varies with the load on the machine
(Lighthouse scales the observed CPU time), so measure on a quiet one.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

from benchmarks import readme
from benchmarks.localsite import serve
from handbook import urls

PAGES = {"home": urls.built(urls.PAGES["home"]), "role": urls.built(urls.role("customer-service")),
         "topic": urls.built(urls.topic("returns-refunds")), "onboarding": urls.built(urls.onboarding("customer-service"))}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def audit(lighthouse: str, url: str, report: Path) -> dict[str, int]:
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run([lighthouse, url, "--quiet", f"--chrome-flags={CHROME_FLAGS}", "--output=json",
                    f"--output-path={report}"], env=env, check=True, timeout=600)
    categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
    return {c: round(categories[c]["score"] * 100) for c in CATEGORIES}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site, e.g. site/ after `make build`")
    parser.add_argument("--lighthouse", default="/tmp/lighthouse/node_modules/.bin/lighthouse")
    parser.add_argument("--out", type=Path, default=Path("/tmp/lighthouse-reports"))
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median of each score is shown")
    parser.add_argument("--no-gzip", action="store_true", help="serve files uncompressed, as python -m http.server")
    parser.add_argument("--write-readme", action="store_true", help="also write the table into README.md")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    httpd = serve(args.site.resolve(), compress=not args.no_gzip)
    rows = ["| page | " + " | ".join(CATEGORIES) + " |", "|---|" + "---:|" * len(CATEGORIES)]
    try:
        for name, path in PAGES.items():
            url = f"http://127.0.0.1:{httpd.server_port}/{path}"
            runs = [audit(args.lighthouse, url, args.out / f"{name}-{i + 1}.json") for i in range(args.runs)]
            rows.append(f"| {name} `/{path}` | " + " | ".join(
                f"{statistics.median(r[c] for r in runs):g}" + (f" ({'/'.join(str(r[c]) for r in runs)})"
                                                                 if len(runs) > 1 else "") for c in CATEGORIES) + " |")
            print(rows[-1], flush=True)
    finally:
        httpd.shutdown()
    if args.write_readme:
        given = [a for a in (sys.argv[1:] if argv is None else argv) if a != "--write-readme"]
        version = subprocess.run([args.lighthouse, "--version"], capture_output=True, text=True).stdout.strip()
        readme.write_block("lighthouse", "\n".join(rows) + (
            f"\n\n<small>Lighthouse {version}, `python -m benchmarks.lighthouse {' '.join(given)}`, "
            f"{datetime.date.today():%Y-%m-%d}, {'uncompressed' if args.no_gzip else 'gzip'}; "
            f"median of {args.runs} runs (each run in brackets).</small>"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
