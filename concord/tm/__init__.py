"""The translation-memory store: memories imported once, fuzzy lookup and concordance served
from an index (SQLite embedded by default, PostgreSQL for teams).

``open_store(location)`` gives a :class:`~concord.tm.store.Store`: a file path is an SQLite
store, a ``postgresql://`` URL a PostgreSQL one (``pip install 'concord[postgres]'``).
"""
from __future__ import annotations

from concord.tm.store import Store, StoreError


def is_postgres(location: str) -> bool:
    """True when ``location`` names a PostgreSQL database rather than a file."""
    return location.startswith(("postgresql://", "postgres://"))


def open_store(location: str, create: bool = False) -> Store:
    """The store at ``location``; ``create`` makes a new one when there is none (import).
    :class:`StoreError` for a store that is not ours, of a newer schema, or unreachable."""
    if is_postgres(location):
        from concord.tm.postgres import PostgresStore
        return PostgresStore(location, create)
    from concord.tm.sqlite import SQLiteStore
    return SQLiteStore(location, create)


__all__ = ["Store", "StoreError", "is_postgres", "open_store"]
