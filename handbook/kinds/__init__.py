"""Step 0, the bottom of the flow: what each kind of record is called and the fixed words and names it is written
with (vocabularies, names), declared once for every later step.  Imports nothing from the project."""
