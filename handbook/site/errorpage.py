"""The page `make serve` shows while the data is broken.

A failed build would leave the live preview waiting for a site that never comes, and a contributor editing
beside the browser would see nothing.  So while serving, the problems become the site: every address answers
with this page, which lists them as the terminal does (file:line, field, what was expected, a hint) and
reloads by itself once the data builds again, or shows the new problems when they change.
"""

from __future__ import annotations

import hashlib
import html

from handbook.data.problems import DataError


def report(error: DataError) -> str:
    """The problems as the terminal shows them while serving."""
    count = len(error.problems)
    head = (f"資料有 {count} 個問題,預覽先顯示這些問題;修好並存檔後,頁面會自己重新載入。\n"
            f"The data has {count} problem(s): the preview shows them until the data is fixed and saved, "
            "then reloads by itself.\n")
    return head + "\n\n".join(p.format() for p in error.problems)


# Every second the page asks for its own address again; a different answer (the site, or other problems)
# means the data changed, so it reloads.  Works on any address, including those answered as "not found".
_RELOAD = """(function () {
  var mark = 'data-hb-data-error="' + document.body.getAttribute("data-hb-data-error") + '"';
  setInterval(function () {
    fetch(location.href, {cache: "no-store"}).then(function (r) { return r.text(); })
      .then(function (text) { if (text.indexOf(mark) < 0) location.reload(); }, function () {});
  }, 1000);
})();"""

_STYLE = """body { margin: 0; font: 16px/1.6 system-ui, -apple-system, "PingFang TC", "Microsoft JhengHei",
  "Noto Sans CJK TC", sans-serif; color: #1b1b1f; background: #fff; }
main { max-width: 50rem; margin: 0 auto; padding: 1.5rem 1rem; }
h1 { font-size: 1.5rem; font-weight: 600; color: #b3261e; margin: 0 0 0.5rem; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; font: 0.9rem/1.5 ui-monospace, Menlo, Consolas, monospace;
  background: #fdf3f2; border-left: 4px solid #b3261e; padding: 0.8rem 1rem; margin: 1rem 0; }
.note { color: #555; font-size: 0.9rem; }"""


def page(error: DataError) -> str:
    """A self-contained HTML page (no theme files: it answers at every address) listing the problems."""
    mark = hashlib.sha1(report(error).encode("utf-8")).hexdigest()[:16]
    problems = "\n".join(f'<pre class="hb-problem">{html.escape(p.format())}</pre>' for p in error.problems)
    count = len(error.problems)
    return f"""<!doctype html>
<html lang="zh-Hant">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>資料有 {count} 個問題 · Data problems</title>
<style>{_STYLE}</style>
</head>
<body data-hb-data-error="{mark}">
<main>
<h1>資料有 {count} 個問題 · The data has {count} problem(s)</h1>
<p>網站預覽要等資料修好才能更新。改好下面每一處並存檔,這一頁會自己重新載入。<br>
<span lang="en">The preview can't be built until the data is fixed. Fix each place below and save: this page reloads by
itself.</span></p>
{problems}
<p class="note">終端機顯示的是同樣的問題。The terminal shows the same problems.</p>
</main>
<script>{_RELOAD}</script>
</body>
</html>
"""
