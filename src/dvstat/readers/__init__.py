"""Adapters that read files: rosters, plans and the workspace config."""
