"""The Simplified Chinese edition (zh-Hans/), converted from the finished Traditional site (convert)."""
