"""Step 5 of the flow (README "How it works"), beside site/: what search finds — the domain words for jieba and the query side
(terms), the enriched search index (index), question words (questions) and the synonym lexicon (lexicon)."""
