"""The site's own search box, typed into in Chromium: from a duty's name, in any script or language, to every role.

Also the words search keeps whole: the jieba user dictionary and how Traditional text is cut.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jieba
import pytest

from handbook.search import terms as searchterms
from handbook.model import load as load_handbook
from handbook.kinds.vocabularies import ACCOUNTABLE
from handbook.data.fold import HAN, simplified
from handbook import urls

from .htmlpage import load

HANDBOOK = load_handbook()
ROOT = Path(__file__).resolve().parent.parent
SCROLL = """async () => {
  const wrap = document.querySelector(".md-search__scrollwrap")
  const frame = () => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))
  wrap.scrollTop = 0; await frame(); wrap.scrollTop = wrap.scrollHeight; await frame()
}"""
READ = """() => [...document.querySelectorAll(".md-search-result__item")].map(item =>
  [...item.querySelectorAll("a.md-search-result__link")].map(a => {
    const url = new URL(a.href); return url.pathname.slice(1) + url.hash }))"""


def url(obj) -> str:
    """Where a role, duty or topic is in the built site, as the results link to it (no leading slash)."""
    return urls.built(urls.source(obj))


class Results:
    def __init__(self, groups: list[list[str]]):
        self.groups = groups  # per page: the page's own link, then its sections' links
        self.pages = [links[0] for links in groups]
        self.links = {link for links in groups for link in links}


class SearchBox:
    """The header search box, typed into as a reader does; results are read as Material renders them."""

    def __init__(self, page, url: str):
        self.page, self.last = page, None
        page.goto(url)
        self.input = page.locator("input.md-search__input")
        placeholder = page.evaluate("() => JSON.parse(document.getElementById('__config').textContent)"
                                    ".translations['search.result.placeholder']")
        self.input.click()
        page.wait_for_function("text => document.querySelector('.md-search-result__meta').textContent.trim() === text",
                               arg=placeholder)

    def search(self, query: str, want: list[str] | tuple = ()) -> Results:
        """Type `query` and read what shows.  Material renders ten pages and four more each time the list is
        scrolled to its end: scroll until every page in `want` is listed, or all are."""
        if query != self.last:
            self.page.evaluate("() => { document.querySelector('.md-search-result__meta').textContent = '' }")
            self.input.fill(query)
            self.input.press("End")  # the box searches on keyup
            self.page.wait_for_function("() => document.querySelector('.md-search-result__meta').textContent.trim()")
            self.last = query
        count = re.search(r"\d+", self.page.locator(".md-search-result__meta").inner_text())
        total = int(count.group()) if count else 0
        while True:
            results = Results(self.page.evaluate(READ))
            if len(results.pages) >= total or set(want) <= set(results.pages):
                return results
            self.page.evaluate(SCROLL)
            self.page.wait_for_function(f"() => document.querySelectorAll('.md-search-result__item').length > "
                                        f"{len(results.pages)}")


@pytest.fixture(scope="module")
def searchbox(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-TW")
    yield SearchBox(context.new_page(), site_url)
    context.close()


def involved(topic) -> list[str]:
    """The pages a search for the topic must list: the topic page, then every role with a duty in it."""
    return [url(topic)] + [url(role) for role, _ in HANDBOOK.roles_in(topic)]


@pytest.mark.parametrize("query", ["退款", "退貨", "退货", "refund"])
def test_refund_leads_to_customer_service_warehouse_and_finance(searchbox, query):
    """Journey 1 and 2: the topic page first, then customer service who owns it, then each role's own duty."""
    results = searchbox.search(query, ["topics/returns-refunds/", "roles/customer-service/",
                                       "roles/warehouse-logistics/", "roles/finance/"])
    assert results.pages[:2] == ["topics/returns-refunds/", "roles/customer-service/"]
    for duty in ("customer-service/#returns-exchanges", "warehouse-logistics/#returns-processing", "finance/#settlement"):
        assert "roles/" + duty in results.links


@pytest.mark.parametrize("query, roles", [
    ("促銷", ["platform-operations", "merchandising", "customer-service", "content-design", "advertising", "data-analysis"]),
    ("促销", ["platform-operations", "merchandising", "customer-service", "content-design", "advertising", "data-analysis"]),
    ("庫存", ["merchandising", "warehouse-logistics", "data-analysis"]),
    ("库存", ["merchandising", "warehouse-logistics", "data-analysis"]),
    ("inventory", ["merchandising", "warehouse-logistics", "data-analysis"]),
    ("KOL", ["advertising"]),
])
def test_promotions_and_inventory_reach_every_role_the_document_names(searchbox, query, roles):
    pages = [f"roles/{role}/" for role in roles]
    assert set(pages) <= set(searchbox.search(query, pages).pages)


def queries(topic) -> list[str]:
    """Every name of a topic, and the Simplified fold of each."""
    names = (topic.name, topic.name_en, *topic.aliases)
    return list(dict.fromkeys(q for name in names for q in (name, simplified(name))))


@pytest.mark.parametrize("topic", HANDBOOK.topics, ids=lambda t: t.id)
def test_every_name_and_alias_lists_the_topic_and_every_duty_in_it(searchbox, topic):
    """Traditional, Simplified and English: the topic page, each involved role's page, and its duty's section."""
    want, duties = involved(topic), [url(a.duty) for a in topic.duties]
    lost = {}
    for query in queries(topic):
        results = searchbox.search(query, want)
        missing = [p for p in want if p not in results.pages] + [d for d in duties if d not in results.links]
        if missing:
            lost[query] = missing
    assert not lost


def test_simplified_finds_what_traditional_finds(searchbox):
    """Role names and duty titles: the role and topic pages a reader sees first in Traditional come up in Simplified."""
    words = [r.name for r in HANDBOOK.roles] + [d.title for r in HANDBOOK.roles for d in r.duties]
    lost = {}
    for word in dict.fromkeys(w for w in words if simplified(w) != w):
        first = [p for p in searchbox.search(word).pages[:10] if p.startswith(("roles/", "topics/"))]
        assert first, word
        found = searchbox.search(simplified(word), first).pages
        if not set(first) <= set(found):
            lost[word] = sorted(set(first) - set(found))
    assert not lost


def test_results_show_the_page_not_the_words_added_for_search(searchbox, site):
    """Aliases and Simplified forms are searched but not shown, and a role's topics are not repeated on every section."""
    topic = HANDBOOK.topic_by_id["returns-refunds"]
    searchbox.search("refund", involved(topic))
    assert searchbox.page.locator(".md-search-result__item .md-tag").count() == 0
    for role, _ in HANDBOOK.roles_in(topic):
        shown = searchbox.page.locator(".md-search-result__item", has=searchbox.page.locator(
            f'a[href*="/{url(role)}"]')).first.inner_text()
        on_page = load(site, "/" + url(role)).text
        hidden = [a for a in topic.aliases if a not in on_page]
        assert hidden and not [a for a in hidden if a in shown], role.id


WHOLE = ("退換貨", "客單價", "復購率")


def test_the_datas_words_keep_the_documents_words_whole():
    """What a build's Words teaches jieba: it keeps 退換貨, 客單價, 復購率 whole in the duties that use them."""
    tokenizer = searchterms.Words(HANDBOOK).tokenizer
    for word in WHOLE:
        texts = [d.description for r in HANDBOOK.roles for d in r.duties if word in d.description]
        assert texts, word
        for text in texts:
            assert word in tokenizer.lcut(text)
            assert simplified(word) in tokenizer.lcut(simplified(text))


def test_each_build_cuts_with_its_own_words():
    """`mkdocs serve` rebuilds in one process: each build's words come out the same every time, a word taken out
    of the data is no longer kept whole by the next build, and jieba's own dictionary is never changed."""
    texts = [d.description for r in HANDBOOK.roles for d in r.duties] + [t.name for t in HANDBOOK.topics]
    total = jieba.dt.total
    first, again = searchterms.Words(HANDBOOK), searchterms.Words(HANDBOOK)
    assert [first.cut(t) for run in texts for t in HAN.findall(run)] == \
        [again.cut(t) for run in texts for t in HAN.findall(run)]
    word = next(w for w in WHOLE if w in first.terms)
    without = dataclasses.replace(HANDBOOK, roles=tuple(
        dataclasses.replace(r, duties=tuple(d for d in r.duties if word not in d.title)) for r in HANDBOOK.roles),
        topics=tuple(t for t in HANDBOOK.topics if word not in t.name and not any(word in a for a in t.aliases)),
        measures=tuple(m for m in HANDBOOK.measures if word not in m.name))
    assert word not in searchterms.Words(without).terms
    assert jieba.dt.total == total and word not in jieba.dt.FREQ


COUNT_LOADS = """
import json, sys, jieba
loads = {"dictionary": 0, "user dictionary": 0}
initialize, load_userdict = jieba.Tokenizer.initialize, jieba.Tokenizer.load_userdict
def counted_initialize(self, dictionary=None):
    loads["dictionary"] += not self.initialized
    return initialize(self, dictionary)
def counted_load_userdict(self, f):
    loads["user dictionary"] += 1
    return load_userdict(self, f)
jieba.Tokenizer.initialize, jieba.Tokenizer.load_userdict = counted_initialize, counted_load_userdict
jieba.initialize, jieba.load_userdict = jieba.dt.initialize, jieba.dt.load_userdict
from mkdocs.__main__ import cli
try:
    cli(["build", "--strict", "--site-dir", sys.argv[1]], standalone_mode=False)
finally:
    print(json.dumps(loads))
"""


def test_a_build_loads_one_jieba_dictionary(tmp_path):
    """jieba's dictionary (5 MB) is read once per build, by the search index; Material's search plugin, whose word
    cuts the hook turns off, is given no jieba dictionary of its own to load."""
    result = subprocess.run([sys.executable, "-c", COUNT_LOADS, str(tmp_path / "site")], cwd=ROOT, capture_output=True,
                            text=True, timeout=600, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr[-3000:]
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {"dictionary": 1, "user dictionary": 0}
    assert (tmp_path / "site" / "search" / "search_index.json").exists()


def test_every_name_and_alias_is_one_word():
    cutter = searchterms.Words(HANDBOOK)
    assert [t for t in cutter.terms if len(cutter.cut(t)) > 1] == []
    for word in WHOLE:
        assert word in searchterms.terms(HANDBOOK)


def test_traditional_text_is_cut_where_its_simplified_fold_is_cut():
    """jieba knows Simplified far better: 監控平臺 is cut 監控 / 平臺, not 監控平 / 臺."""
    cutter = searchterms.Words(HANDBOOK)

    def lengths(text: str) -> list[int]:
        return [len(word) for run in HAN.findall(text) for word in cutter.cut(run)]

    for duty in (d for r in HANDBOOK.roles for d in r.duties):
        assert lengths(duty.description) == lengths(simplified(duty.description)), duty.ref


# ---------------------------------------------------------------- English: the duties' English descriptions

ISSUE_WORDS = ("poster", "photo", "email", "channel", "quality", "decision")  # what cross-border staff type (issue 3)


def english_words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z]{4,}", text)}


def english_names(duty) -> set[str]:
    """The English the search finds a duty by without its description: its title, role and topic names."""
    role = HANDBOOK.role(duty.role_id)
    names = [duty.title_en, role.name_en] + [n for t, _ in HANDBOOK.topics_of(duty) for n in (t.name_en, *t.aliases)]
    return {w for name in names for w in english_words(name)}


def described_by(word: str) -> list:
    """The duties whose English description has a word starting with `word`: the worker matches prefixes."""
    return [d for r in HANDBOOK.roles for d in r.duties
            if any(w.startswith(word) for w in english_words(d.description_en))]


def own_word(duty) -> str | None:
    """The word of the duty's English description that its names do not hold and the fewest other duties use."""
    names = english_names(duty)
    words = [w for w in english_words(duty.description_en) if not any(n.startswith(w) for n in names)]
    return min(words, key=lambda w: (len(described_by(w)), -len(w), w), default=None)


def test_every_duty_is_found_by_a_word_only_its_english_description_holds(searchbox):
    """Mia types an English word from what a duty is about, not from its title: the duty's section is listed."""
    chosen = {duty.ref: own_word(duty) for r in HANDBOOK.roles for duty in r.duties}
    assert sum(1 for w in chosen.values() if w) >= len(chosen) - 2, chosen
    lost = {}
    for role in HANDBOOK.roles:
        for duty in role.duties:
            if chosen[duty.ref]:
                results = searchbox.search(chosen[duty.ref], [url(role)])
                if url(role) not in results.pages or url(duty) not in results.links:
                    lost[duty.ref] = chosen[duty.ref]
    assert not lost


@pytest.mark.parametrize("word", ISSUE_WORDS)
def test_an_english_word_lists_every_duty_whose_description_uses_it(searchbox, word):
    duties = described_by(word)
    assert duties, f"no English description uses {word!r}"
    pages = list(dict.fromkeys(f"roles/{d.role_id}/" for d in duties))
    results = searchbox.search(word, pages)
    assert [p for p in pages if p not in results.pages] == []
    assert [d.ref for d in duties if url(d) not in results.links] == []



# ---------------------------------------------------------------- the words people type (issue 15)

def first_topic(results: Results) -> str | None:
    return results.pages[0] if results.pages else None


def owners_then_others(topic) -> tuple[list[str], list[str]]:
    """The role pages accountable for a topic, and those that only contribute to it."""
    owners = [url(role) for role, assignments in HANDBOOK.roles_in(topic) if any(a.letter == ACCOUNTABLE for a in assignments)]
    return owners, [url(role) for role, _ in HANDBOOK.roles_in(topic) if url(role) not in owners]


def assert_answers(results: Results, topic, query: str) -> None:
    """The topic page first, then every role accountable for it, then every other role in it."""
    owners, others = owners_then_others(topic)
    assert first_topic(results) == url(topic), (query, results.pages[:5])
    roles = [p for p in results.pages if p.startswith("roles/")]
    assert set(owners + others) <= set(roles), (query, sorted(set(owners + others) - set(roles)))
    assert roles[:len(owners)] == [p for p in roles if p in owners], (query, roles[:len(owners) + 2])


QUESTIONS = [  # (query, topic): a domain word wrapped in question and filler words, in each script
    ("退款找誰", "returns-refunds"), ("誰負責庫存", "inventory"), ("促銷活動由哪個部門負責", "promotions"),
    ("請問客訴要找誰處理", "after-sales"), ("商品定價是誰在做", "pricing"), ("怎麼查訂單狀態", "orders"),
    ("退款找谁", "returns-refunds"), ("谁负责库存", "inventory"), ("广告投放归谁管", "advertising"),
    ("请问发票找哪个部门", "financial-analysis"), ("供应商结算怎么办", "suppliers-settlement"),
    ("who handles refunds", "returns-refunds"), ("who is responsible for inventory", "inventory"),
    ("who do I ask about taxes", "compliance"), ("who manages the suppliers", "suppliers-settlement"),
    ("how do I get a KOL", "kol"), ("where do I find the sales reports", "data-reports"),
]


@pytest.mark.parametrize("query, topic_id", QUESTIONS)
def test_a_question_lists_what_its_domain_word_lists(searchbox, query, topic_id):
    """Question words neither block results nor lead them: the answer ranks as for the domain word alone."""
    topic = HANDBOOK.topic_by_id[topic_id]
    assert_answers(searchbox.search(query, involved(topic)), topic, query)


@pytest.mark.parametrize("template", ["{}找誰", "誰負責{}", "{}应该找谁处理", "请问{}是哪个部门负责的"])
def test_filler_words_around_any_topic_name_give_the_names_results(searchbox, template):
    """Every topic's name inside a question made of filler words: the topic page first, its owners next."""
    wrong = {}
    for topic in HANDBOOK.topics:
        query = template.format(topic.name)
        results = searchbox.search(query, involved(topic))
        try:
            assert_answers(results, topic, query)
        except AssertionError as error:
            wrong[query] = str(error)
    assert not wrong


EVERYDAY = [  # (query, topic): words the handbook's text never uses, from data/synonyms.yaml and the lexicon
    ("退錢", "returns-refunds"), ("退钱", "returns-refunds"), ("money back", "returns-refunds"),
    ("存貨", "inventory"), ("存货", "inventory"), ("sold out", "inventory"),
    ("運費", "logistics-delivery"), ("运费", "logistics-delivery"), ("freight", "logistics-delivery"),
    ("雙十一", "promotions"), ("双11", "promotions"), ("flash sale", "promotions"),
    ("報銷", "financial-analysis"), ("报销", "financial-analysis"), ("invoice", "financial-analysis"),
    ("直播帶貨", "kol"), ("种草", "kol"), ("livestream", "kol"),
    ("廠家", "suppliers-settlement"), ("对账", "suppliers-settlement"), ("vendor", "suppliers-settlement"),
    ("打包", "warehousing"), ("拣货", "warehousing"), ("picking", "warehousing"),
    ("爆款", "assortment-category"), ("跑數", "data-reports"), ("GMV", "data-reports"),
    ("同行", "competitors"), ("竞对", "competitors"), ("rivals", "competitors"),
    ("盤庫", "inventory"),  # from the lexicon (同義詞詞林: 盤點 = 盤庫)
]


@pytest.mark.parametrize("query, topic_id", EVERYDAY)
def test_everyday_words_reach_the_topic_and_every_role_in_it(searchbox, query, topic_id):
    topic = HANDBOOK.topic_by_id[topic_id]
    assert_answers(searchbox.search(query, involved(topic)), topic, query)


def test_every_curated_synonym_leads_to_its_topic(searchbox):
    """Each topic's first synonyms in data/synonyms.yaml, as written and folded to Simplified, list its page first."""
    wrong = {}
    for topic_id, words in HANDBOOK.synonyms.items():
        for word in dict.fromkeys(q for w in words[:3] for q in (w, simplified(w))):
            found = first_topic(searchbox.search(word))
            if found != url(HANDBOOK.topic_by_id[topic_id]):
                wrong[word] = found
    assert not wrong


WORD_AND_CHARACTER = [  # (query, topic): a word of a topic and a character that starts words of other topics
    ("庫存表", "inventory"), ("物流費", "logistics-delivery"), ("退貨單", "returns-refunds"),
    ("库存表", "inventory"), ("财务部", "financial-analysis"), ("品牌部", "brand"), ("SEO費", "traffic-seo"),
]


@pytest.mark.parametrize("query, topic_id", WORD_AND_CHARACTER)
def test_a_single_character_never_outranks_a_whole_word(searchbox, query, topic_id):
    topic = HANDBOOK.topic_by_id[topic_id]
    assert first_topic(searchbox.search(query)) == url(topic)


def test_results_show_the_topics_summary_not_its_aliases(searchbox):
    """A topic's result shows its description; aliases the page text does not use are not shown."""
    topic = HANDBOOK.topic_by_id["inventory"]
    searchbox.search("stockout")
    shown = searchbox.page.locator(".md-search-result__item").first.inner_text()
    assert topic.description[:12] in shown
    ask = topic.accountable.duty  # the page opens with whom to ask: that duty's title and text are its own words
    summary = " ".join((topic.description, ask.title, ask.description))
    assert not [a for a in topic.aliases if a not in summary and a in shown]
