"""Journey 3: on the office intranet nothing can be fetched from the internet, so no page may try.

Every HTML page of the built site is opened in Chromium; every request it
makes (documents, styles, scripts, images, fonts, the search worker and its
index) is recorded, and any to a host other than the local server fails.
"""

from __future__ import annotations

from urllib.parse import urlparse

LOCAL_SCHEMES = {"data", "blob", "about"}  # inline content, not a request to any host


def page_urls(site, site_url) -> list[str]:
    urls = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        urls.append(site_url + (relative[:-len("index.html")] if path.name == "index.html" else relative))
    return urls


def test_no_page_requests_another_host(site, site_url, browser):
    local = urlparse(site_url).netloc
    urls = page_urls(site, site_url)
    assert len(urls) > 40 and site_url in urls  # the whole site, home page included
    foreign: list[tuple[str, str]] = []
    requested: set[str] = set()
    here = {"page": ""}

    def check(route):
        url = route.request.url
        target = urlparse(url)
        if target.scheme in LOCAL_SCHEMES:
            return route.continue_()
        requested.add(target.path)
        if target.netloc != local:
            foreign.append((here["page"], url))
            return route.abort()
        return route.continue_()

    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-TW", service_workers="block")
    try:
        context.route("**/*", check)
        tab = context.new_page()
        for url in urls:
            here["page"] = url
            tab.goto(url, wait_until="load")
        tab.goto(site_url, wait_until="networkidle")  # the search worker fetches its index after load
    finally:
        context.close()
    assert "/search/search_index.json" in requested, "the search index request was not seen: the check saw too little"
    assert any(p.endswith(".css") for p in requested) and any(p.endswith(".js") for p in requested)
    assert not foreign, "requests to other hosts:\n" + "\n".join(f"{page} -> {url}" for page, url in foreign[:20])
