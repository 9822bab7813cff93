"""Entry point for ``python -m dvstat``."""

from dvstat.cli import main

main()
