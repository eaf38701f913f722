/*
 * The handbook's search worker.  Material's search box starts it in place of Material's own lunr worker
 * (overrides/main.html points the page's config at this file) and speaks Material's worker protocol to it:
 *   {type: 0 SETUP, data: {config, docs}}  →  {type: 1 READY}
 *   {type: 2 QUERY, data: "the typed text"}  →  {type: 3 RESULT, data: {items: [[page, section, ...], ...]}}
 * Each item is a search index entry {location, title, text} with `score` and `terms` ({word: found?});
 * Material renders title and text as HTML, so they are escaped here, with the query's words in <mark>.
 *
 * The index (handbook/search/index.py) holds each page's and section's text once.  The worker folds it
 * (Simplified, lower case) as it loads; the pages of things readers look up by name (topics) also carry
 * their names, folded, and the entries of the duties accountable for them and contributing.  A query is
 * read the same way:
 *   1. folded (NFKC, lower-case, Traditional → Simplified with the index's own character table);
 *   2. cut into words: Latin words as the index cuts them; each Chinese run into the words the index holds
 *      (or question words), fewest pieces first, a character nobody knows left on its own;
 *      a run or Latin word the index does not know, one character off one it does, is read as that word
 *      (退換貸 → 退換貨, refnud → refund);
 *   3. question and filler words (找誰, 怎麼, "who handles") dropped, unless nothing else is left;
 *   4. each word looked up among the names, whole and as the start of longer names (退貨 → 退貨處理,
 *      ship → shipping), a match passing on to the duties accountable and contributing; and in the titles
 *      and texts: a Chinese word where it is written, a Latin word at the start of a word;
 *      the characters of its Chinese words only order entries that tie (報稅 is closer to 稅務申報);
 *      a word Taiwan and the mainland spell differently (列印 and 打印, 重新整理 and 刷新) is looked up in both.
 * An entry scores first by how many of the query's words it holds (one only in its running text counts
 * half), then by where (a lone character, where
 * the query has words too, only orders entries that tie on those): a topic whose name matches comes first,
 * then the duties accountable for it, then the others.  A result's `terms` are its words as the edition's own
 * text writes them (庫存 in the Traditional edition, 库存 in the Simplified one), so the page it links to
 * (?h=…) highlights them.  Nothing is fetched; all of it runs in this worker.
 */
"use strict"

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
const HAN = /\p{Script=Han}+/u
const LONGEST = 12           // the longest Chinese word tried when cutting a query
const LONE = 0.2             // a lone Chinese character's match, against a word's
const START = 0.35           // a word found only as the start of a longer one (a name so found: below an accountable duty)
const ALSO = 0.01            // each further field holding a word, beside the best one
const TEXT_CREDIT = 0.5      // a word found only in the running text counts half a word found in a name or title
const MAX_RESULTS = 200
const PHRASE = 5e5           // the whole query is an entry's name: half a word more
const NAMES = 0, NAME_PARTS = 1  // the strings of an entry's `f`
const TYPO_LONGEST = 6       // the longest Chinese word a typo is mended into
/* A query is read up to this many characters and words: a pasted page searches for its start, in the time
   a typed query takes, and a result lists at most MAX_WORDS words as found or missing */
const MAX_QUERY = 64, MAX_WORDS = 16

const UTF16 = new TextDecoder("utf-16le")
let engine = null

class Engine {
  constructor({ config, docs }) {
    const hb = config.handbook
    this.docs = docs
    this.weight = hb.fields
    /* a run of Chinese characters, or a Latin word as the index cut it (index.py's LATIN, sent in the config) */
    this.word = new RegExp(`(\\p{Script=Han}+)|(${hb.latin})`, "gu")
    /* UTF-16 code → its Simplified one: folding a thousand roles' text is one pass over an array */
    this.table = new Uint16Array(65536).map((_, code) => code)
    const pairs = Array.from(hb.fold)
    for (let i = 0; i + 1 < pairs.length; i += 2)
      if (pairs[i].length === 1 && pairs[i + 1].length === 1)
        this.table[pairs[i].charCodeAt(0)] = pairs[i + 1].charCodeAt(0)
    this.filler = new Set(hb.filler)
    this.variants = readVariants(hb.variants || "")
    /* name → [entry, NAMES or NAME_PARTS] of the named things' pages */
    this.names = new Map()
    docs.forEach((doc, d) => (doc.f || []).forEach((field, f) => {
      for (const word of field.split(" "))
        if (word) {
          if (!this.names.has(word)) this.names.set(word, [])
          this.names.get(word).push([d, f])
        }
    }))
    this.sorted = [...this.names.keys()].sort()
    this.vocabulary = new Set(hb.words.split(" "))
    this.known = [...new Set([...this.sorted, ...this.vocabulary, ...this.filler])].sort()
    this.forms = new Map()  // folded word → how the index's own text writes it (see written)
    /* every title and text folded in one pass (NUL, which no text holds, between them) */
    const folded = this.normalize(docs.map(doc => `${doc.title}\0${doc.text}`).join("\0")).split("\0")
    this.texts = docs.map((_, d) => [folded[2 * d], folded[2 * d + 1]])
  }

  /* NFKC, lower case, Simplified: as handbook.data.fold does to the index */
  normalize(text) {
    const normal = text.normalize("NFKC").toLowerCase()
    const codes = new Uint16Array(normal.length)
    for (let i = 0; i < normal.length; i++)
      codes[i] = this.table[normal.charCodeAt(i)]
    return UTF16.decode(codes)
  }

  /* The words of a sorted `list` that start with `word` (itself included) */
  starting(word, list = this.sorted) {
    let lo = 0, hi = list.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (list[mid] < word) lo = mid + 1
      else hi = mid
    }
    const found = []
    for (let i = lo; i < list.length && list[i].startsWith(word); i++)
      found.push(list[i])
    return found
  }

  isWord(word) {
    return this.names.has(word) || this.vocabulary.has(word) || this.filler.has(word)
  }

  /* A Chinese run cut into the fewest pieces the index or the question words know, names first */
  cut(run) {
    const chars = Array.from(run), n = chars.length
    const best = new Array(n + 1).fill(null)
    best[n] = { cost: 0, pieces: [] }
    for (let i = n - 1; i >= 0; i--) {
      for (let j = i + 1; j <= Math.min(n, i + LONGEST); j++) {
        const piece = chars.slice(i, j).join("")
        let cost
        if (j - i === 1) cost = this.isWord(piece) ? 1 : 1.5
        else if (this.names.has(piece) || this.filler.has(piece)) cost = 1
        else if (this.vocabulary.has(piece)) cost = 2.1  // a word of the texts: more than two names (數據|報表)
        else if (this.starting(piece, this.known).length) cost = 2.6  // more than a word and a character
        else continue
        const total = cost + best[j].cost
        if (!best[i] || total < best[i].cost)
          best[i] = { cost: total, pieces: [piece, ...best[j].pieces] }
      }
    }
    return best[0].pieces
  }

  /* The words of a query that count: [{word, lone}] */
  read(query) {
    const all = []
    for (let [, han, latin] of this.normalize(query).matchAll(this.word)) {
      if (han) all.push(...this.cut(this.mended(han)))
      else if (latin.length > 1 || /\d/.test(latin)) {  // a lone letter (who’s → s) says nothing
        latin = this.mendedLatin(latin)
        all.push(latin)
        if (/[&'./+\-]/.test(latin) && !this.names.has(latin))
          all.push(...latin.split(/[&'./+\-]/).filter(p => p.length > 1))
      }
    }
    const unique = [...new Set(all)].slice(0, MAX_WORDS)
    const meant = unique.filter(w => !this.filler.has(w))
    const words = (meant.length ? meant : unique).map(word => ({
      word, lone: HAN.test(word) && Array.from(word).length === 1
    }))
    /* The characters of each Chinese word, to order entries that tie on the words (報稅: 稅務申報) */
    const hints = words.filter(w => !w.lone && HAN.test(w.word))
      .flatMap(({ word }) => Array.from(word))
      .filter(c => !unique.includes(c) && !this.filler.has(c))
    return [...words, ...[...new Set(hints)].map(word => ({ word, lone: true, hint: true }))]
  }

  /* A Chinese run with a character nobody knows, mended where one character off it is a word the index
     knows (退換貸 → 退換貨): the longest such word, a name before a word of the texts (of three characters or
     more), and only when it is the one word so close */
  mended(run) {
    const chars = Array.from(run)
    /* a word typed, not a sentence: in a question (促銷活動由哪個部門負責) a character the index lacks is a
       word it does not need (由), not a typo */
    if (this.isWord(run) || chars.length < 2 || chars.length > TYPO_LONGEST) return run
    let at = 0, found = -1
    for (const piece of this.cut(run)) {  // the first character the cut leaves on its own, unknown
      if (Array.from(piece).length === 1 && !this.isWord(piece)) { found = at; break }
      at += Array.from(piece).length
    }
    if (found < 0) return run
    at = found
    for (let n = Math.min(chars.length, TYPO_LONGEST); n >= 2; n--)
      for (let start = Math.max(0, at - n + 1); start <= at && start + n <= chars.length; start++) {
        const window = chars.slice(start, start + n)
        const pattern = [...window.slice(0, at - start), "?", ...window.slice(at - start + 1)].join("")
        if (this.isWord(window.join(""))) continue
        const near = this.nearWords().get(pattern) || []
        const names = near.filter(w => this.names.has(w))
        /* two characters say too little to mend into a word of the texts (由哪 is no typo of 由于): a name only */
        const pick = names.length === 1 ? names[0] : !names.length && near.length === 1 && n > 2 ? near[0] : null
        if (pick) return [...chars.slice(0, start), pick, ...chars.slice(start + n)].join("")
      }
    return run
  }

  /* Chinese words of the names and texts, by each of their characters in turn replaced with "?" */
  nearWords() {
    if (!this.near) {
      this.near = new Map()
      for (const word of new Set([...this.sorted, ...this.vocabulary])) {
        const chars = Array.from(word)
        if (chars.length < 2 || chars.length > TYPO_LONGEST || !HAN.test(word)) continue
        chars.forEach((_, i) => {
          const key = [...chars.slice(0, i), "?", ...chars.slice(i + 1)].join("")
          if (!this.near.has(key)) this.near.set(key, [])
          this.near.get(key).push(word)
        })
      }
    }
    return this.near
  }

  /* A Latin word no name starts with and no text holds, mended to the one name a letter off it (refnud, refnd →
     refund; "produce" stays, a word of the texts) */
  mendedLatin(word) {
    if (word.length < 4 || this.starting(word).length || this.stems(word).some(s => this.names.has(s))) return word
    const find = this.finder(word)
    if (this.texts.some(([title, text]) => find(title) || find(text))) return word
    const near = this.sorted.filter(name => !HAN.test(name) && Math.abs(name.length - word.length) <= 1 &&
                                            oneOff(word, name))
    return near.length === 1 ? near[0] : word
  }

  /* Latin words also match their stem: refunds → refund, shipped → ship */
  stems(word) {
    if (HAN.test(word) || word.length < 5) return []
    const stems = []
    for (const end of ["ies", "es", "s", "ing", "ed"])
      if (word.endsWith(end) && word.length - end.length >= 3)
        stems.push(word.slice(0, -end.length) + (end === "ies" ? "y" : ""))
    return stems
  }

  search(query) {
    query = clip(query)
    const words = this.read(query)
    if (!words.length) return { items: [] }
    const scores = new Map()  // entry → {top, all}: each query word's best match and all its matches
    const add = (d, k, value, credit = 1) => {
      let entry = scores.get(d)
      if (!entry) {
        if (words[k].hint) return  // hints only order what the query's words found
        const n = words.length
        scores.set(d, entry = { top: new Float64Array(n), all: new Float64Array(n), credit: new Float64Array(n) })
      }
      entry.top[k] = Math.max(entry.top[k], value)
      entry.all[k] += value
      entry.credit[k] = Math.max(entry.credit[k], credit)
    }
    words.forEach(({ word, lone }, k) => {
      const scale = lone ? LONE : 1
      /* the names of named things, passed on to their duties */
      const spellings = [word, ...alternates(word, this.variants)]
      const quality = new Map(spellings.map(w => [w, 1]))
      for (const w of [...spellings, ...this.stems(word)])
        for (const longer of this.starting(w))
          if (!quality.has(longer)) quality.set(longer, START)
      for (const [w, q] of quality)
        for (const [d, f] of this.names.get(w) || []) {
          const value = this.weight[f === NAMES ? "names" : "name_parts"] * q * scale
          add(d, k, value)
          for (const duty of this.docs[d].a || []) add(duty, k, value * this.weight.accountable)
          for (const duty of this.docs[d].c || []) add(duty, k, value * this.weight.contributing)
        }
      /* titles and texts */
      const find = this.finder(word)
      this.texts.forEach(([title, text], d) => {
        if (words[k].hint && !scores.has(d)) return
        const inTitle = find(title), inText = find(text)
        if (inTitle) add(d, k, this.weight.title * inTitle * scale)
        if (inText) add(d, k, this.weight.text * inText * scale, TEXT_CREDIT)
      })
    })
    /* Whole words first: a lone character only orders entries that hold the same words, unless the
       query has nothing but lone characters */
    const whole = words.some(w => !w.lone)
    /* the whole query as a name (廣告ROI, "delivery time"): that thing's page first */
    const phrase = this.normalize(query).trim().split(/\s+/).join("_")
    const named = new Set((this.names.get(phrase) || []).filter(([, f]) => f === NAMES).map(([d]) => d))
    const ranked = []
    for (const [d, { top, all, credit }] of scores) {
      let held = 0, weight = 0, lone = 0
      const best = top.map((value, k) => value + ALSO * (all[k] - value))
      best.forEach((value, k) => {
        if (whole && words[k].lone) lone += value
        else {
          held += credit[k]
          weight += value
        }
      })
      ranked.push({ d, best, score: held * 1e6 + weight + lone / 1e3 + (named.has(d) ? PHRASE : 0) })
    }
    ranked.sort((a, b) => b.score - a.score || a.d - b.d)
    return { items: this.group(ranked.slice(0, MAX_RESULTS), words) }
  }

  /* How well folded text holds `word`: a Chinese word anywhere (1); a Latin word, or its stem, at the
     start of a word: whole (1) or as the start of a longer one (START) */
  finder(word) {
    const spellings = [word, ...alternates(word, this.variants)]
    if (HAN.test(word)) return text => spellings.some(w => text.includes(w)) ? 1 : 0
    const escape = w => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    const pattern = new RegExp(`(?<![a-z0-9])(?:${[word, ...this.stems(word)].map(escape).join("|")})([a-z0-9]?)`)
    return text => {
      const match = pattern.exec(text)
      return match ? (match[1] ? START : 1) : 0
    }
  }

  /* Results by page, each page's own entry with its sections, as Material lists them */
  group(ranked, words) {
    const pages = new Map()
    for (const { d, best, score } of ranked) {
      const page = this.docs[d].location.split("#")[0]
      if (!pages.has(page)) pages.set(page, [])
      pages.get(page).push(this.item(d, score, words, best))
    }
    this.numbers = this.numbers || new Map(this.docs.map((doc, d) => [doc.location, d]))
    for (const [page, items] of pages)
      if (!items.some(item => item.location === page) && this.numbers.has(page))
        items.push(this.item(this.numbers.get(page), 0, words, null))
    return [...pages.values()]
  }

  /* How the index's texts write the folded `spellings` (庫存 for 库存 in the Traditional edition): what the
     page a result links to can highlight; the folded word itself when no text holds it as it is */
  written(spellings) {
    const key = spellings.join(" ")
    if (!this.forms.has(key)) {
      const forms = new Set()
      this.texts.forEach((pair, d) => pair.forEach((folded, i) => {
        if (forms.size >= 4) return
        const original = i ? this.docs[d].text : this.docs[d].title
        if (folded.length !== original.length) return
        for (const word of spellings)
          for (let at = folded.indexOf(word); at !== -1 && forms.size < 4; at = folded.indexOf(word, at + 1))
            forms.add(original.slice(at, at + word.length))
      }))
      this.forms.set(key, forms.size ? [...forms] : [spellings[0]])
    }
    return this.forms.get(key)
  }

  /* What a result shows under its title: the entry's structured snippet where it has one (a topic: who
     answers for it; a process: its trigger and roles; a measure: its definition), else its own text */
  snippet(d, folded, marked) {
    const doc = this.docs[d]
    const shown = doc.s ? mark(doc.s, this.normalize(doc.s), marked) : mark(doc.text, folded, marked)
    return shown ? `<p class="hb-snippet">${shown}</p>` : ""
  }

  item(d, score, words, best) {
    const doc = this.docs[d], [title, text] = this.texts[d]
    const terms = {}, marked = []
    words.forEach(({ word, hint }, k) => {
      if (hint) return
      const found = !best || best[k] > 0
      const spellings = [word, ...alternates(word, this.variants)]
      for (const written of this.written(spellings))  // at most MAX_WORDS, however many ways each is written
        if (written in terms || Object.keys(terms).length < MAX_WORDS) terms[written] = terms[written] || found
      if (found) marked.push(...spellings)
    })
    return {
      location: doc.location,
      title: mark(doc.title, title, marked),
      text: this.snippet(d, text, marked),
      score,
      terms
    }
  }
}

/* Whether `a` becomes `b` by one letter changed, added, dropped, or two neighbours swapped */
function oneOff(a, b) {
  if (a === b) return false
  if (a.length === b.length) {
    const diff = [...a].map((c, i) => c !== b[i] ? i : -1).filter(i => i >= 0)
    return diff.length === 1 || (diff.length === 2 && diff[1] === diff[0] + 1 &&
                                 a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]])
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a]
  for (let i = 0; i < long.length; i++)
    if (long.slice(0, i) + long.slice(i + 1) === short) return true
  return false
}

/* Folded word → the words it is written as in `folded`, as [[Taiwan form, mainland form], ...] both ways */
function readVariants(list) {
  const words = list.split(" "), pairs = []
  for (let i = 0; i + 1 < words.length; i += 2)
    pairs.push([words[i], words[i + 1]], [words[i + 1], words[i]])
  return pairs
}

/* The other spellings of a folded `word`: each variant it holds written the other way (打印 for 列印) */
function alternates(word, variants) {
  const found = new Set()
  for (const [from, to] of variants)
    if (from !== to && word.includes(from)) found.add(word.split(from).join(to))
  found.delete(word)
  return [...found]
}

/* The start of `query` a search reads: MAX_QUERY characters, of them MAX_WORDS words */
function clip(query) {
  const start = Array.from(query.slice(0, 4 * MAX_QUERY)).slice(0, MAX_QUERY).join("")
  return start.split(/(\s+)/).slice(0, 2 * MAX_WORDS - 1).join("")
}

/* `text` escaped as HTML, with each of `words` marked where `folded` (the text folded) has it */
function mark(text, folded, words) {
  const ranges = []
  if (folded.length === text.length)  // folding kept every character in place: positions carry over
    for (const word of words)
      for (let at = folded.indexOf(word); at !== -1; at = folded.indexOf(word, at + 1))
        ranges.push([at, at + word.length])
  ranges.sort((a, b) => a[0] - b[0])
  let out = "", from = 0
  for (const [start, end] of ranges) {
    if (end <= from) continue
    const begin = Math.max(start, from)
    out += escapeHTML(text.slice(from, begin)) + "<mark>" + escapeHTML(text.slice(begin, end)) + "</mark>"
    from = end
  }
  return out + escapeHTML(text.slice(from))
}

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }

function escapeHTML(text) {
  return text.replace(/[&<>"']/g, c => ESCAPES[c])
}

addEventListener("message", ({ data: message }) => {
  switch (message.type) {
    case SETUP:
      engine = new Engine(message.data)
      postMessage({ type: READY })
      break
    case QUERY:
      try {
        postMessage({ type: RESULT, data: engine.search(message.data) })
      } catch (error) {
        console.warn("search failed:", error)
        postMessage({ type: RESULT, data: { items: [] } })
      }
      break
  }
})
