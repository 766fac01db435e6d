"""The team back end: a PostgreSQL database, candidates from GIN indexes.

``psycopg`` (``pip install 'concord[postgres]'``) connects to a ``postgresql://`` URL. The
store's tables live in the connection's current schema; ``pg_trgm`` is created with them (a
role that may not create extensions needs it created once by the database's owner).

A Chinese lookup asks pg_trgm's index for rows whose trigram similarity to the query is at least
:data:`SIMILARITY`, of a length that can score, most similar first. English trigrams are few and
common (" th", "the", "ion"): pg_trgm reads every row's entry for each of them and rechecks tens
of thousands of rows (seconds at 100,000 units). An English lookup reads instead the rows of
the query's rarest words (:mod:`concord.tm.terms`) in a full-text index of the words
(``to_tsvector('simple', en)``), and takes the rows holding most of them, closest in length
first — how many rows hold each word is kept in ``tm_word_df`` (``ts_stat``), counted again at
the end of an import that grew the store by a quarter. Imports take a transaction-scoped
advisory lock so that two imports never interleave.
"""
from __future__ import annotations

import contextlib
import itertools
import re
from collections.abc import Iterator
from typing import Any

from concord.tm.store import Store, StoreError
from concord.tm.terms import rarest, words

#: pg_trgm similarity at or above which a Chinese row is a candidate (a changed character breaks
#: three trigrams)
SIMILARITY = 0.3
REFRESH_GROWTH = 1.25  # the word counts are made again once the store grew by this factor
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
_SCHEMA_2 = """
CREATE TABLE IF NOT EXISTS tm_word_df (term TEXT PRIMARY KEY, doc INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS tm_units_en_words ON tm_units USING gin (to_tsvector('simple', en))
"""
_WORDS = "to_tsvector('simple', en)"
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
        self._threshold = False  # set for this connection

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

    def _schema_2(self) -> None:
        for statement in _SCHEMA_2.split(";"):
            self.conn.execute(statement)
        self._count_words()

    def _candidates(self, lang: str, text: str, lengths: tuple[int, int], length: int,
                    limit: int) -> list[tuple[int, str]]:
        if lang == "en":
            return self._by_words(text, lengths, length, limit)
        if not self._threshold:
            self._threshold = True
            self.conn.execute("SELECT set_config('pg_trgm.similarity_threshold', %s, false)",
                              (str(SIMILARITY),))
        return self.conn.execute(
            f"SELECT id, {lang} FROM tm_units WHERE {lang} %% %s "
            f"AND {lang}_len BETWEEN %s AND %s "
            f"ORDER BY similarity({lang}, %s) DESC LIMIT %s",
            (text, *lengths, text, limit)).fetchall()

    def _by_words(self, text: str, lengths: tuple[int, int], length: int,
                  limit: int) -> list[tuple[int, str]]:
        terms = words(text)
        counts = dict(self.conn.execute("SELECT term, doc FROM tm_word_df WHERE term = ANY(%s)",
                                        (terms,)).fetchall())
        chosen = rarest(terms, counts)
        if not chosen:
            return []
        holding = " UNION ALL ".join(
            f"SELECT id, en_len FROM tm_units WHERE {_WORDS} @@ plainto_tsquery('simple', %s)"
            for _ in chosen)
        return self.conn.execute(
            f"SELECT u.id, u.en FROM (SELECT id, COUNT(*) AS n, MIN(en_len) AS len "
            f"FROM ({holding}) AS w WHERE en_len BETWEEN %s AND %s GROUP BY id "
            f"ORDER BY n DESC, abs(MIN(en_len) - %s), id LIMIT %s) AS h "
            f"JOIN tm_units AS u ON u.id = h.id", (*chosen, *lengths, length, limit)).fetchall()

    def finish_import(self) -> None:
        """Statistics for the planner, so that lookups use the indexes; the English words
        counted again when the store grew by a quarter since they were."""
        self.conn.execute("ANALYZE tm_units")
        (units,) = self.conn.execute("SELECT COUNT(*) FROM tm_units").fetchone()
        row = self.conn.execute("SELECT value FROM concord_tm_meta WHERE key = 'df_units'"
                                ).fetchone()
        if row is None or units >= REFRESH_GROWTH * int(row[0]):
            self._count_words()

    def _count_words(self) -> None:
        self.conn.execute("DELETE FROM tm_word_df")
        self.conn.execute(f"INSERT INTO tm_word_df (term, doc) SELECT word, ndoc FROM "
                          f"ts_stat('SELECT {_WORDS.replace(chr(39), chr(39) * 2)} "
                          f"FROM tm_units')")
        self.conn.execute("INSERT INTO concord_tm_meta (key, value) SELECT 'df_units', "
                          "COUNT(*)::text FROM tm_units ON CONFLICT (key) DO UPDATE "
                          "SET value = excluded.value")

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
