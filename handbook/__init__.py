"""The role handbook: plain Python from the data files to the built site's pages, search and exports.

The data flows one way, one package per step, and nothing imports from a later step:

    data/     read the YAML with line numbers and check it (yamlsource, schema, shapes, references,
              problems), then build the model (load)
    model.py  the handbook as plain objects with the indexes pages need
    site/     the URL scheme (urls), which pages exist and the nav (pages), the templates and their
              escaping (render, templates/), the map and the change list drawn from the model,
              counts written out in words (numerals)
    search/   the search words (terms), the enriched search index (index), the Simplified edition
    outputs/  files for other systems: /api exports, CODEOWNERS, the JSON Schemas for editors

Nothing here imports MkDocs: `hooks/handbook_hooks.py` and `macros.py` wire it into the build.
"""
