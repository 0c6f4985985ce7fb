"""jury-tui: deliberation juries of French BTS diplomas."""

__version__ = "0.1.0"
