"""Adapters that write files: Markdown, workbooks, atomic outputs and manifests."""
