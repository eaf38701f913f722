"""Step 4 of the flow: what search finds — the domain words for jieba and the query side (terms), the
enriched search index (index) and the Simplified edition converted from the built pages (edition)."""
