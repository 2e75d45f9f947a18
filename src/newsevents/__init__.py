"""newsevents: raw news pages to a clean, deduplicated database of resolved political events."""

__version__ = "0.1.0"
