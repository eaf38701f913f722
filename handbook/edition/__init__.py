"""Step 5 of the flow, beside site/: the Simplified Chinese edition (zh-Hans/), converted from the finished Traditional site (convert)."""
