"""The longest task at load of every page of both editions, in unthrottled desktop Chromium (Long Tasks API).

A task over 50 ms is one the browser reports as long: input waits behind it. Each page is opened in a fresh tab
from the built site served with gzip; a PerformanceObserver registered before any script runs collects the
long tasks (buffered), and the page is read once the load event has fired and the main thread has been idle
for a moment. Prints one row per page over the limit, then the slowest pages and a summary; --json prints all.
    .venv/bin/python -m benchmarks.longtasks site/ [--cpu 4]   (--cpu: Chromium's CPU slowdown, 1 = none)
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from benchmarks.localsite import serve

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
LIMIT_MS = 50.0
OBSERVE = """
window.__hbLongTasks = [];
new PerformanceObserver(list => { for (const e of list.getEntries()) window.__hbLongTasks.push(e.duration) })
  .observe({type: "longtask", buffered: true});
"""
SETTLE = """() => new Promise(done => {
  const idle = () => requestIdleCallback(() => setTimeout(() => done({
    longest: Math.max(0, ...window.__hbLongTasks), tasks: window.__hbLongTasks.length,
    elements: document.getElementsByTagName("*").length}), 100), {timeout: 2000});
  if (document.readyState === "complete") idle(); else addEventListener("load", idle);
})"""


def pages(site: Path) -> list[str]:
    """Every page of both editions, as a reader's address (folder/), the redirect stubs left out."""
    found = []
    for path in sorted(site.rglob("*.html")):
        head = path.read_text(encoding="utf-8", errors="replace")[:600]
        if 'http-equiv="refresh"' in head or path.name == "404.html":
            continue
        relative = path.relative_to(site).as_posix()
        found.append(relative.removesuffix("index.html"))
    return found


def measure(site: Path, cpu: float = 1.0, only: list[str] | None = None) -> list[dict]:
    from playwright.sync_api import sync_playwright

    httpd = serve(site.resolve(), compress=True)
    base = f"http://127.0.0.1:{httpd.server_port}/"
    results = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1350, "height": 940}, locale="zh-TW")
            context.add_init_script(OBSERVE)
            for path in only or pages(site):
                tab = context.new_page()
                if cpu != 1:
                    tab.context.new_cdp_session(tab).send("Emulation.setCPUThrottlingRate", {"rate": cpu})
                tab.goto(base + path, wait_until="load")
                results.append({"page": "/" + path, **tab.evaluate(SETTLE)})
                tab.close()
            browser.close()
    finally:
        httpd.shutdown()
    return results


def table(results: list[dict], top: int = 10) -> str:
    over = [r for r in results if r["longest"] > LIMIT_MS]
    rows = ["| page | longest task (ms) | long tasks | DOM elements |", "|---|---:|---:|---:|"]
    for r in sorted(results, key=lambda r: -r["longest"])[:max(top, len(over))]:
        rows.append(f"| `{r['page']}` | {r['longest']:.0f} | {r['tasks']} | {r['elements']} |")
    worst = max(results, key=lambda r: r["longest"])
    rows.append(f"\n{len(results)} pages, {len(over)} with a task over {LIMIT_MS:.0f} ms; "
                f"longest {worst['longest']:.0f} ms on `{worst['page']}`.")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site, e.g. site/ after `make build`")
    parser.add_argument("--cpu", type=float, default=1.0, help="CPU slowdown (Lighthouse's mobile setting is 4)")
    parser.add_argument("--page", action="append", help="only this page (as site-relative path), repeatable")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a page has a task over the limit")
    args = parser.parse_args(argv)
    results = measure(args.site, args.cpu, args.page)
    over = any(r["longest"] > LIMIT_MS for r in results)
    print(json.dumps(results, ensure_ascii=False, indent=1) if args.json else table(results))
    if not args.json:
        print(f"Target: no task over {LIMIT_MS:.0f} ms at load on any page — {'not met' if over else 'met'}.")
    return 1 if over and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
