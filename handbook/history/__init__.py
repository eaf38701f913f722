"""Step 2 of the flow, a second data source beside data/: the data directory's git history (gitlog) and what each recent commit
changed, record by record (changes), for the 最近更新 page."""
