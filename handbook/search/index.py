"""Make the site's own search find every duty by any name of its topics, in Traditional, Simplified or English.

How Material's search finds things: its plugin writes search/search_index.json, one entry per
section (location, title, text, tags), Chinese cut into words by jieba.  Its worker indexes the
fields the index's config names, cuts a query's Chinese greedily into words the index holds and
appends `*` to each, so a section is found when one of its words starts with a word of the query.

So this rewrites the index the plugin wrote; the query side needs nothing:
- Chinese is cut again by searchterms.segment, along its Simplified fold;
- `title_alt` and `text_alt` hold the other forms of their field's words (Simplified, standard
  Traditional) and the shorter words inside long ones: 退货 finds what 退貨 finds, 預算 finds 年度預算;
- `topics` holds, on each topic page and on the section of the duty accountable for a topic (A), the
  topic's names and aliases; `topics_shared` the same for the other duties in it (R, C, I), so the one
  to ask comes first (a duty whose title names the word, such as 退貨處理 for 退貨, would otherwise
  outrank it);
- `names` holds each process page's and each measure's names and aliases (Handbook.search_names), boosted
  above topics so typing one lists its own page first; `names_shared` those that extend a topic's word;
- a page's tags move to `page_tags` on the page's own entry: still found, but no longer a row of
  chips under every section in the results, nor outranking the duties that name the topic.
The worker searches every field in the config; the result list shows only title, text and tags.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from handbook.search import terms as searchterms
from handbook.model import ACCOUNTABLE, Handbook
from handbook.site import urls

ALT = {"title": "title_alt", "text": "text_alt"}
TOPICS, SHARED, TAGS = "topics", "topics_shared", "page_tags"
NAMES, NAMES_SHARED, NAMES_WORDS = "names", "names_shared", "names_words"
# An owned topic's name counts like a word of the title; a process's or a measure's own name, typed whole,
# outranks a topic that merely lists it as an alias (轉化率 is the measure's name, and a word of a topic).
BOOST = {TOPICS: 1000.0, SHARED: 300.0, TAGS: 1.0, NAMES: 3000.0, NAMES_SHARED: 1.0, NAMES_WORDS: 1000.0}
_MARKUP = re.compile(r"<[^>]*>|[<>]")


def _spellings(term: str) -> list[str]:
    """A name as a reader may type it: whole, in its other forms, and word by word."""
    words = searchterms.HAN.findall(searchterms.segment(term))
    return [term, *searchterms.forms(term), *(w for word in words for w in [word, *searchterms.forms(word)])]


def vocabulary(h: Handbook, directory_urls: bool = True) -> dict[tuple[str, str], list[str]]:
    """(field, index location) → names and aliases: each topic page's own in TOPICS, and every duty's
    topics in TOPICS where it is accountable (A) and in SHARED where it does, is asked or is told (R, C, I)."""
    names = {t.id: [s for term in (t.name, t.name_en, *t.aliases) for s in _spellings(term)] for t in h.topics}
    found: dict[tuple[str, str], list[str]] = {(TOPICS, urls.built(urls.source(t), directory_urls)): names[t.id]
                                              for t in h.topics}
    for role in h.roles:
        for duty in role.duties:
            for topic, part in h.topics_of(duty):
                location = urls.built(urls.source(duty), directory_urls)
                found.setdefault((TOPICS if part.letter == ACCOUNTABLE else SHARED, location), []).extend(names[topic.id])
    # Processes' pages and measures' anchors, by their names and aliases: typing a name lists its page
    # first, typing a topic's word still lists the topic first.  The worker looks words up by prefix, so a
    # name that extends a topic's word (退貨到退款 of 退貨), and an English name's words that are topic words,
    # go to NAMES_SHARED, which only puts the whole word in the index; the rest count above topics (NAMES).
    topic_words = {w.lower() for t in h.topics for term in (t.name, t.name_en, *t.aliases)
                   for w in (term, *searchterms.forms(term))}
    for target, terms in h.search_names():
        location = urls.built(urls.source(target), directory_urls)
        words = [w for term in terms for s in (term, *searchterms.forms(term))
                 for w in (s.split() if re.search(r"\s", s) else [s]) if len(w) > 2 or searchterms.HAN.match(w)]
        shared = [w for w in words if (w.isascii() or w.lower() not in topic_words)
                  and any(w.lower().startswith(t) for t in topic_words)]
        found[NAMES, location] = [w for w in words if w not in shared]
        found[NAMES_SHARED, location] = [w for w in shared if not w.isascii()]
        found[NAMES_WORDS, location] = [w for w in shared if w.isascii()]
    return found


def _alternatives(segmented: str) -> list[str]:
    extra: dict[str, None] = {}
    for word in searchterms.HAN.findall(segmented):
        for part in [word, *searchterms.parts(word)]:
            extra.update(dict.fromkeys(searchterms.forms(part)))
            if part != word:
                extra[part] = None
    return list(extra)


def _words(text: str) -> str:
    """Hidden-field text: markup characters would be taken for tags by the worker's tokenizer."""
    return _MARKUP.sub(" ", text)


def _worker_cut(run: str, tokens: set[str]) -> list[str]:
    """The words Material's worker cuts a query's Chinese run into (integrations/search/query/segment):
    greedy longest words of the index, never one that ends at the run's last character."""
    n = len(run)
    longest = [0] * (n + 1)
    for i in range(n):
        for j in range(i + 1, n):
            if run[i:j] in tokens:
                longest[i] = j - i
    cut: dict[str, None] = {}
    stack = [0]
    while stack:
        p = stack.pop()
        for q in range(1, longest[p]):
            if longest[p + q] > longest[p] - q:
                cut[run[p:p + q]] = None
                stack.append(p + q)
        q = p + longest[p]
        if longest[q] and q < n - 1:
            stack.append(q)
        cut[run[p:q]] = None
    return [run] if "" in cut else list(cut)


def worker_terms(query: str, tokens: set[str], separator: str) -> list[str]:
    """The prefixes the worker looks up for `query`.  It joins a run's words with "* " but not
    to the text after the run, so 流量與SEO becomes the single term 流量seo."""
    glued = searchterms.HAN.sub(lambda m: "* ".join(_worker_cut(m.group(), tokens)), query)
    return [t.rstrip("*").lower() for t in re.split(separator, glued) if t.rstrip("*")]


def _tokens(index: dict) -> set[str]:
    """Every word the worker's lunr index will hold."""
    separator = re.compile(index["config"]["separator"])
    found: set[str] = set()
    for doc in index["docs"]:
        for field in index["config"]["fields"]:
            for value in ([doc[field]] if isinstance(doc.get(field), str) else doc.get(field) or []):
                found.update(t.lower() for t in separator.split(_MARKUP.sub(" ", value)) if t)
    return found


def enrich(index: dict, h: Handbook, directory_urls: bool = True) -> dict:
    """The plugin's index (parsed search_index.json), rewritten as the module docstring says."""
    searchterms.use_terms(h)
    fields = index["config"]["fields"]
    for name, alt in ALT.items():
        fields[alt] = dict(fields.get(name) or {"boost": 1.0})
    fields.update({field: {"boost": boost} for field, boost in BOOST.items()})
    names = vocabulary(h, directory_urls)
    for doc in index["docs"]:
        for name, alt in ALT.items():
            doc[name] = searchterms.segment(doc.get(name, "").replace(searchterms.CUT, ""))
            extra = _alternatives(doc[name])
            if extra:
                doc[alt] = " ".join(extra)
        tags = doc.pop("tags", None)
        if tags and "#" not in doc["location"]:
            names[TAGS, doc["location"]] = [s for tag in tags for s in _spellings(tag)]
    # The worker never looks up a query's last character, and glues the Chinese before Latin letters
    # to them: typing 用戶粘性 looks up 用戶粘, 流量與SEO looks up 流量seo.  Hold those words too, so
    # typing a name finds it and little else.
    for key, terms in names.items():
        names[key] = list(dict.fromkeys(terms + [t[:-1] for t in terms if len(t) > 2 and searchterms.HAN.fullmatch(t)]))
    _set(index, names)
    tokens, separator = _tokens(index), index["config"]["separator"]
    for key, terms in names.items():
        names[key] += [t for term in terms for t in worker_terms(term, tokens, separator)
                       if searchterms.HAN.search(t) and not searchterms.HAN.fullmatch(t) and t not in terms]
    _set(index, names)
    return index


def _set(index: dict, names: dict[tuple[str, str], list[str]]) -> None:
    for doc in index["docs"]:
        for field in BOOST:
            if (field, doc["location"]) in names:
                doc[field] = _words(" ".join(dict.fromkeys(names[field, doc["location"]])))


def rewrite(path: Path, h: Handbook, directory_urls: bool = True) -> None:
    """Enrich the index file the search plugin wrote at `path`, in place."""
    index = enrich(json.loads(path.read_text(encoding="utf-8")), h, directory_urls)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
