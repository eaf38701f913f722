"""Render built pages to PNG at desktop and phone widths, for looking at them.

Usage: python tools/shoot.py SITE_DIR OUT_DIR PAGE [PAGE ...]   (PAGE like roles/customer-service/)
"""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

CHUNK = 1400  # px of page per PNG
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def serve(directory: str) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=directory)
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main(site: str, out: str, pages: list[str]) -> None:
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_port}/"
    Path(out).mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for width, height in ((1280, 900), (390, 844)):
            page = browser.new_page(viewport={"width": width, "height": height})
            for uri in pages:
                page.goto(base + uri)
                # Tables below the first screen render only when scrolled near (content-visibility: auto in
                # handbook.css); a full-page picture is never scrolled, so draw them all.
                page.add_style_tag(content=".md-typeset table { content-visibility: visible !important; }")
                name = uri.strip("/").replace("/", "_").replace("#", "_") or "home"
                total = page.evaluate("document.documentElement.scrollHeight")
                # Long pages are cut into screen-sized parts so each PNG stays readable.
                for part, top in enumerate(range(0, min(total, CHUNK * 6), CHUNK)):
                    clip = {"x": 0, "y": top, "width": width, "height": min(CHUNK, total - top)}
                    page.screenshot(path=str(Path(out) / f"{name}-{width}-{part}.png"), full_page=True, clip=clip)
            page.close()
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
