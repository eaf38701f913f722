"""Step 4 of the flow, for other systems: the /api exports, CODEOWNERS and the editors' JSON Schemas,
each computed from the model or the data's declarations, never written by hand."""
