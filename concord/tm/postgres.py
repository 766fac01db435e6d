"""The team back end: a PostgreSQL database, candidates from pg_trgm GIN indexes.

``psycopg`` (``pip install 'concord[postgres]'``) connects to a ``postgresql://`` URL. The
store's tables live in the connection's current schema; ``pg_trgm`` is created with them (a
role that may not create extensions needs it created once by the database's owner). A lookup
asks the index for rows whose trigram similarity to the query is at least
:data:`SIMILARITY` (by language), most similar first; imports take a transaction-scoped advisory lock so that
two imports never interleave.
"""
from __future__ import annotations

import contextlib
import itertools
import re
from collections.abc import Iterator
from typing import Any

from concord.tm.store import Store, StoreError

#: pg_trgm similarity at or above which a row is a candidate: a changed Chinese character breaks
#: three trigrams, an English word's change stays within the word's own
SIMILARITY = {"zh": 0.3, "en": 0.4}
LOCK_KEY = 0x636f6e63  # "conc": the advisory lock of imports

_SCHEMA = """
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE concord_tm_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE tm_units (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    content_key TEXT NOT NULL UNIQUE,
    tuid TEXT, src_lang TEXT NOT NULL, zh_tag TEXT NOT NULL, en_tag TEXT NOT NULL,
    zh TEXT NOT NULL, en TEXT NOT NULL, src_key TEXT NOT NULL, tgt_key TEXT NOT NULL,
    version INTEGER NOT NULL, doc TEXT, status TEXT, confidence DOUBLE PRECISION,
    unit_date TEXT NOT NULL, origin TEXT NOT NULL, imported TEXT NOT NULL, data TEXT NOT NULL,
    zh_len INTEGER, en_len INTEGER);
CREATE INDEX tm_units_src_key ON tm_units (src_key);
CREATE INDEX tm_units_zh_trgm ON tm_units USING gin (zh gin_trgm_ops);
CREATE INDEX tm_units_en_trgm ON tm_units USING gin (en gin_trgm_ops)
"""
_counter = itertools.count()


def _safe(url: str) -> str:
    """``url`` without its password, for messages."""
    return re.sub(r"://([^:/@]+):[^@/]*@", r"://\1:***@", url)


def _like(term: str) -> str:
    return "%" + term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class PostgresStore(Store):
    """A store in a PostgreSQL database."""

    placeholder = "%s"
    backend = "postgresql"

    def __init__(self, url: str, create: bool) -> None:
        super().__init__(_safe(url))
        try:
            import psycopg
        except ImportError:
            raise StoreError("a PostgreSQL store needs psycopg: pip install "
                             "'concord[postgres]'", path=self.location) from None
        self._psycopg = psycopg
        try:
            self.conn = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.Error as exc:
            reason = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
            raise StoreError(f"cannot connect to the store: {reason}",
                             path=self.location) from None
        self.check_schema(create)
        self._threshold: float | None = None

    def _tables(self) -> set[str]:
        rows = self.conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = "
                                 "current_schema()").fetchall()
        return {name for (name,) in rows}

    def _create_schema(self) -> None:
        try:
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    self.conn.execute(statement)
        except self._psycopg.errors.InsufficientPrivilege as exc:
            raise StoreError(f"cannot create the store: {str(exc).splitlines()[0]} (the "
                             "database owner may have to run CREATE EXTENSION pg_trgm)",
                             path=self.location) from None

    @contextlib.contextmanager
    def transaction(self, write: bool = True) -> Iterator[None]:
        with self.conn.transaction():
            if write:
                (got,) = self.conn.execute("SELECT pg_try_advisory_xact_lock(%s)",
                                           (LOCK_KEY,)).fetchone()
                if not got:
                    raise StoreError("the store is locked by another process (an import "
                                     "running?); try again once it has finished",
                                     path=self.location)
            yield

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        return self.conn.execute(self.q(sql), params)

    def _candidates(self, lang: str, text: str, lengths: tuple[int, int], length: int,
                    limit: int) -> list[tuple[int, str]]:
        if self._threshold != SIMILARITY[lang]:
            self._threshold = SIMILARITY[lang]
            self.conn.execute("SELECT set_config('pg_trgm.similarity_threshold', %s, false)",
                              (str(self._threshold),))
        return self.conn.execute(
            f"SELECT id, {lang} FROM tm_units WHERE {lang} %% %s "
            f"AND {lang}_len BETWEEN %s AND %s "
            f"ORDER BY similarity({lang}, %s) DESC LIMIT %s",
            (text, *lengths, text, limit)).fetchall()

    def finish_import(self) -> None:
        """Statistics for the planner, so that lookups use the trigram indexes."""
        self.conn.execute("ANALYZE tm_units")

    def _containing(self, lang: str, term: str) -> Iterator[tuple[Any, ...]]:
        operator = "LIKE" if lang == "zh" else "ILIKE"
        yield from self._stream(
            f"SELECT zh, en, tuid, origin, imported, unit_date FROM tm_units "
            f"WHERE {lang} {operator} ? ORDER BY unit_date DESC, id DESC", (_like(term),))

    def _stream(self, sql: str, params: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
        with self.conn.transaction(), \
                self.conn.cursor(name=f"concord_tm_{next(_counter)}") as cursor:
            cursor.itersize = 2000
            cursor.execute(self.q(sql), params)
            yield from cursor

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None
