"""The site's search index: what the search box shows for each page and section, and what finds it.

Material's search plugin writes search/search_index.json, one entry per page and per section (location,
title, text as HTML).  This rewrites it for the site's own search worker
(overrides/assets/javascripts/workers/handbook-search.js, which the header's search box talks to instead of
Material's lunr worker).  Each text is in the index once, as plain text; the worker folds it (Simplified,
lower case) when the index loads and finds a query's Chinese words in it as they are written and its Latin
words at the start of a word.  Each entry keeps:
- `location`, `title` and `text`: what a result links to and shows (the worker escapes and marks it), `text`
  being what the entry is found by; `s`, where the page is a record readers look for, the short structured
  snippet the result shows instead of `text` (search.snippets);
- on the page of a thing readers look up by name (`named`: topics; processes and measures join there):
  `f`, its names as two strings of folded words (handbook.data.fold: Simplified, lower-case, NFKC):
  the names whole (退款, "refund") and in part (a word inside a name, a word of an English phrase, a
  lexicon synonym, search.lexicon); and `a` and `c`, the entries of the duties accountable for it and of
  those contributing: a query that matches its names finds them too, the accountable ones first.
The config adds what the worker needs to read a query as the index is read: `handbook.fields` (the weight
of each kind of match), `handbook.words` (the Chinese words of the index, to cut an unspaced query into),
`handbook.fold` (each Traditional character of the index with its Simplified one), `handbook.filler`
(question words, see search.questions) and `handbook.variants` (the index's words that Taiwan and the
mainland spell differently beyond characters, folded, each Taiwan form followed by the mainland one: 列印 打印;
data.mainland): either form finds both, in either edition.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from handbook.data.fold import HAN, fold
from handbook.kinds.vocabularies import ACCOUNTABLE
from handbook.model import Handbook, Topic
from handbook.search import lexicon, questions, snippets
from handbook.data.mainland import Mainland
from handbook.search import terms as searchterms
from handbook import urls

# kind of match → weight.  A name counts whole where the query is one of the thing's names, in part where it
# is only a word inside one; a duty gets its share of the names of the things it is accountable for or
# contributes to.
FIELDS = {"names": 100.0, "name_parts": 30.0, "accountable": 0.4, "contributing": 0.15, "title": 10.0, "text": 2.0}
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
LATIN = re.compile(r"[a-z0-9]+(?:[&'./+\-][a-z0-9]+)*")  # a Latin word; the worker gets it in the config
_JOINER = re.compile(r"[&'./+\-]")


def named(h: Handbook) -> list[tuple[object, list[str]]]:
    """Each thing a reader looks up by name, with every name it goes by.  Topics today; any kind of page
    that has names joins here (processes and measures by their names and aliases); a topic's duties are
    found through it, the one accountable (A) first."""
    return [(t, [*t.names, *h.synonyms.get(t.id, ())]) for t in h.topics] + \
        [(thing, list(thing.names)) for thing in (*h.processes, *h.measures)]


def words(text: str, cutter: searchterms.Words) -> list[str]:
    """The folded words of `text` a query can match, each once, in order."""
    found: dict[str, None] = {}
    for run in HAN.findall(text):
        for word in cutter.cut(run):
            for part in (word, *cutter.parts(word)):
                found[fold(part)] = None
    for word in LATIN.findall(fold(text)):
        found[word] = None
        if _JOINER.search(word):
            found.update(dict.fromkeys(p for p in _JOINER.split(word) if len(p) > 1 or p.isdigit()))
    return list(found)


def plain(value: str) -> str:
    """The plugin's HTML text as the text a result shows (tags dropped, entities read)."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", value))).strip()


def _location(obj, directory_urls: bool) -> str:
    return urls.built(urls.source(obj), directory_urls)


def whole(term: str) -> list[str]:
    """What a reader types to mean `term` itself: the whole name, or each side of a 與 (退換貨與退款); a name
    of several English words is one word joined by "_" (the worker looks the whole query up so), and its
    words count in part (`words`)."""
    sides = [fold(side).strip() for side in searchterms.AND.split(term)] + [fold(term).strip()]
    return list(dict.fromkeys("_".join(w.split()) for w in sides
                              if w and (not w.isascii() or all(LATIN.fullmatch(x) for x in w.split()))))


def found_by(h: Handbook, cutter: searchterms.Words, directory_urls: bool = True) -> dict[str, dict]:
    """index location of each named thing's page → its names (whole, in part) and the locations of the duties
    accountable for it (a) and contributing (c)."""
    derived = lexicon.synonyms(h)
    found: dict[str, dict] = {}
    for thing, terms in named(h):
        parts = [w for term in terms for w in words(term, cutter)]
        parts += derived.get(thing.id, ()) if isinstance(thing, Topic) else ()
        names = list(dict.fromkeys(w for term in terms for w in whole(term)))
        duties = thing.duties if isinstance(thing, Topic) else ()
        found[_location(thing, directory_urls)] = {
            "f": [" ".join(names), " ".join(w for w in dict.fromkeys(parts) if w not in names)],
            "a": [_location(a.duty, directory_urls) for a in duties if a.letter == ACCOUNTABLE],
            "c": [_location(a.duty, directory_urls) for a in duties if a.letter != ACCOUNTABLE]}
    return found


def rewrite_index(index: dict, h: Handbook, directory_urls: bool = True) -> dict:
    """The plugin's index (parsed search_index.json), rewritten as the module docstring says."""
    cutter = searchterms.Words(h)
    model = found_by(h, cutter, directory_urls)
    listing = urls.built(urls.PAGES["tags"], directory_urls) + "#"  # its sections only list pages by tag
    docs, chars, vocabulary = [], set(), set()
    for doc in index["docs"]:
        if doc["location"].startswith(listing):
            continue
        title, text = plain(doc.get("title", "")), plain(doc.get("text", ""))
        for run in HAN.findall(title + " " + text):
            chars.update(run)
            vocabulary.update(w for w in words(run, cutter) if len(w) > 1)
        docs.append({"location": doc["location"], "title": title, "text": text})
    shown = snippets.snippets(h, directory_urls)
    for doc in docs:
        if doc["location"] in shown:
            doc["s"] = shown[doc["location"]]
    number = {doc["location"]: i for i, doc in enumerate(docs)}
    for doc in docs:
        if doc["location"] in model:
            names = model[doc["location"]]
            doc["f"] = names["f"]
            doc["a"], doc["c"] = ([number[loc] for loc in names[key] if loc in number] for key in "ac")
    for _, terms in named(h):
        chars.update(c for term in terms for run in HAN.findall(term) for c in run)
    chars.update(c for w in questions.CHINESE.split() for c in w)
    variants = Mainland(h.mainland).pairs(doc[key] for doc in docs for key in ("title", "text"))
    vocabulary.update(w for pair in variants.items() for w in pair)
    config = {key: value for key, value in index["config"].items() if key in ("lang", "separator")}
    config["handbook"] = {
        "fields": FIELDS,
        "words": " ".join(sorted(vocabulary)),
        "fold": "".join(c + fold(c) for c in sorted(chars) if len(fold(c)) == 1 and fold(c) != c),
        "filler": questions.words(),
        "variants": " ".join(f"{taiwan} {mainland}" for taiwan, mainland in sorted(variants.items())),
        "latin": LATIN.pattern,
    }
    return {"config": config, "docs": docs}


def rewrite(path: Path, h: Handbook, directory_urls: bool = True) -> None:
    """Rewrite the index file the search plugin wrote at `path`, in place."""
    index = rewrite_index(json.loads(path.read_text(encoding="utf-8")), h, directory_urls)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
