"""Step 5 of the flow (README "How it works"), beside site/, for other systems: the /api exports, CODEOWNERS and the editors' JSON
Schemas, each computed from the model or the data's declarations, never written by hand."""
