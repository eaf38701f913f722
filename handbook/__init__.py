"""The role handbook's data layer: plain Python, no MkDocs.

Flow: yamlsource (read, with positions) → schema/shapes (fields) →
references (ids across files) → load (the model in model.py).
"""
