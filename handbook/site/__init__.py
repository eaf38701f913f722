"""Step 5 of the flow (README "How it works"): the pages the model becomes — their sources and nav (pages), the escaped templates
(render, templates/), and the pictures and lists drawn from the model.  Their URLs: handbook/urls.py."""
