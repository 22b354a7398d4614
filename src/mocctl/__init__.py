"""mocctl: records, checks and dates for international Memoranda of Cooperation."""

__version__ = "0.1.0"
