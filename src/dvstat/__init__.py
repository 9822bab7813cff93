"""dvstat: statistics of newly admitted party members from branch rosters."""

__version__ = "0.1.0"
