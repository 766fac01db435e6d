"""The embedded back end: one SQLite file, candidates from FTS5 trigram indexes.

Each language has an external-content FTS5 table with the trigram tokenizer over ``tm_units``
and an ``fts5vocab`` view of it. A lookup takes the query's trigrams (those holding digits are
left out: numbers are placeables), asks the vocabulary how many rows hold each, and searches for
the rarest ones (up to :data:`MAX_TERMS`, within :data:`ROW_BUDGET` rows) ranked by BM25: common
trigrams ("the", " of") would touch most of the store and say nothing.
"""
from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from typing import Any

from concord.tm.store import Store, StoreError

MAX_TERMS = 24
ROW_BUDGET = 60_000
BUSY_MS = 3000

_SCHEMA = """
CREATE TABLE concord_tm_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE tm_units (
    id INTEGER PRIMARY KEY,
    content_key TEXT NOT NULL UNIQUE,
    tuid TEXT, src_lang TEXT NOT NULL, zh_tag TEXT NOT NULL, en_tag TEXT NOT NULL,
    zh TEXT NOT NULL, en TEXT NOT NULL, src_key TEXT NOT NULL, tgt_key TEXT NOT NULL,
    version INTEGER NOT NULL, doc TEXT, status TEXT, confidence REAL, unit_date TEXT NOT NULL,
    origin TEXT NOT NULL, imported TEXT NOT NULL, data TEXT NOT NULL);
CREATE INDEX tm_units_src_key ON tm_units (src_key);
CREATE VIRTUAL TABLE tm_zh USING fts5 (zh, content='tm_units', content_rowid='id',
                                       tokenize='trigram');
CREATE VIRTUAL TABLE tm_en USING fts5 (en, content='tm_units', content_rowid='id',
                                       tokenize='trigram');
CREATE TRIGGER tm_units_index AFTER INSERT ON tm_units BEGIN
    INSERT INTO tm_zh (rowid, zh) VALUES (new.id, new.zh);
    INSERT INTO tm_en (rowid, en) VALUES (new.id, new.en);
END;
CREATE VIRTUAL TABLE tm_zh_vocab USING fts5vocab (tm_zh, 'row');
CREATE VIRTUAL TABLE tm_en_vocab USING fts5vocab (tm_en, 'row');
"""


def trigrams(text: str) -> list[str]:
    """The distinct trigrams of ``text`` as the FTS5 trigram tokenizer folds them, without
    those holding a digit or only spaces."""
    folded = " ".join(text.lower().split())
    seen = dict.fromkeys(folded[i:i + 3] for i in range(len(folded) - 2))
    return [g for g in seen if g.strip() and not any(c.isdigit() for c in g)]


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


class SQLiteStore(Store):
    """A store in one SQLite file (WAL journal: lookups go on while an import runs)."""

    backend = "sqlite"

    def __init__(self, path: str, create: bool) -> None:
        super().__init__(path)
        if not os.path.exists(path):
            if not create:
                raise StoreError("no such store (concord tm import creates it)", path=path)
        elif os.path.isdir(path):
            raise StoreError("is a directory, not a store", path=path)
        try:
            self.conn = sqlite3.connect(path, isolation_level=None, timeout=BUSY_MS / 1000,
                                        check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the store: {exc}", path=path) from None
        self.check_schema(create)

    def _tables(self) -> set[str]:
        try:
            rows = self.conn.execute("SELECT name FROM sqlite_master WHERE type IN "
                                     "('table', 'view')").fetchall()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"not a Concord translation-memory store (not an SQLite "
                             f"database: {exc})", path=self.location) from None
        return {name for (name,) in rows if not name.startswith("sqlite_")}

    def _create_schema(self) -> None:
        statement = ""
        for line in _SCHEMA.splitlines(keepends=True):  # one statement at a time: an
            statement += line                           # executescript would commit first
            if sqlite3.complete_statement(statement):
                self.conn.execute(statement)
                statement = ""

    @contextlib.contextmanager
    def transaction(self, write: bool = True) -> Iterator[None]:
        try:
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        except sqlite3.OperationalError as exc:
            raise self._locked(exc) from None
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            self.conn.execute("ROLLBACK")
            raise self._locked(exc) from None

    def _locked(self, exc: sqlite3.OperationalError) -> StoreError:
        if "locked" in str(exc) or "busy" in str(exc):
            return StoreError("the store is locked by another process (an import running?); "
                              "try again once it has finished", path=self.location)
        return StoreError(f"cannot write to the store: {exc}", path=self.location)

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        try:
            return self.conn.execute(sql, params)
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise self._locked(exc) from None
            raise

    def _candidates(self, lang: str, text: str, limit: int) -> list[tuple[int, str]]:
        grams = trigrams(text)
        if not grams:
            return []
        counts = []
        for start in range(0, len(grams), 500):
            chunk = grams[start:start + 500]
            counts += self.execute(
                f"SELECT term, doc FROM tm_{lang}_vocab WHERE term IN "
                f"({', '.join('?' * len(chunk))})", tuple(chunk)).fetchall()
        chosen: list[str] = []
        budget = 0
        for term, rows in sorted(counts, key=lambda c: c[1]):
            if chosen and (len(chosen) >= MAX_TERMS or budget + rows > ROW_BUDGET):
                break
            chosen.append(term)
            budget += rows
        if not chosen:
            return []
        query = " OR ".join(map(_quote, chosen))
        return self.execute(
            f"SELECT rowid, {lang} FROM tm_{lang} WHERE tm_{lang} MATCH ? ORDER BY rank LIMIT ?",
            (query, limit)).fetchall()

    def _containing(self, lang: str, term: str) -> Iterator[tuple[Any, ...]]:
        columns = "zh, en, tuid, origin, imported, unit_date"
        if len(term) >= 3:
            yield from self.execute(
                f"SELECT {columns} FROM tm_units WHERE id IN (SELECT rowid FROM tm_{lang} "
                f"WHERE tm_{lang} MATCH ?) ORDER BY unit_date DESC, id DESC", (_quote(term),))
        else:  # shorter than a trigram: a scan
            yield from self.execute(
                f"SELECT {columns} FROM tm_units WHERE instr(lower({lang}), ?) > 0 "
                "ORDER BY unit_date DESC, id DESC", (term.lower(),))

    def _stream(self, sql: str, params: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
        yield from self.execute(sql, params)

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None
