"""The role handbook: plain Python from the data files to the built site's pages, search and exports.

The data flows one way, and nothing imports from a later step or from a neighbour
(tests/test_layers.py holds the code to this map):

    kinds/    what each kind of record is called, its fixed words and the site's own names; imports nothing
    data/     read the YAML with line numbers and check it: the declaration language (spec), each file's
              shape (shapes), cross-record integrity, the editorial rules, problems in plain words (load)
    history/  a second data source: the data directory's git history, record by record
    model/    the handbook as plain objects with the indexes pages need (records), built from checked data
    urls.py   where each record's page is, in both URL modes
    site/     the pages: sources and nav (pages), escaped templates (render, templates/), the map, swimlanes
    search/   the search words (terms) and the search index (index)
    edition/  the Simplified edition, converted from the finished Traditional site
    outputs/  files for other systems: /api exports, CODEOWNERS, the JSON Schemas for editors

Nothing here imports MkDocs: `hooks/handbook_hooks.py`, `macros.py` and `__main__.py` wire it into the build.
"""
