"""The embedded back end: one SQLite file, candidates from FTS5 trigram indexes.

Each language has an external-content FTS5 table with the trigram tokenizer over ``tm_units``
(kept by a trigger). A lookup takes the query's trigrams (those holding digits are left out:
numbers are placeables) and reads the rows of the rarest ones only — spread over the query, up
to :data:`MAX_TERMS` and :data:`ROW_BUDGET` rows in all — and the rows holding most of them are
the candidates: common trigrams ("the", " of") would touch most of the store and say nothing.
How many rows hold each trigram comes from ``tm_trigram_df``, a copy of the ``fts5vocab``
counts (reading those counts from FTS5 itself costs a walk of each trigram's rows), made again
at the end of an import that grew the store by a quarter; a trigram it does not know yet counts
as rare.
"""
from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from typing import Any

from concord.tm.store import Store, StoreError

MAX_TERMS = 16      # trigrams read for one lookup, at most
MIN_TERMS = 3       # ... and at least, however common
ROW_BUDGET = 20_000 # rows read for one lookup (the rarest trigrams' rows), beyond MIN_TERMS
REFRESH_GROWTH = 1.25  # the trigram counts are made again once the store grew by this factor
WIDE = 2000         # rows holding most trigrams whose lengths are read, for ``limit`` of them
BUSY_MS = 3000
CACHE_KB = 65536   # page cache of a write: the FTS segments and the key indexes an import writes

_SCHEMA = """
CREATE TABLE concord_tm_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE tm_units (
    id INTEGER PRIMARY KEY,
    content_key TEXT NOT NULL UNIQUE,
    tuid TEXT, src_lang TEXT NOT NULL, zh_tag TEXT NOT NULL, en_tag TEXT NOT NULL,
    zh TEXT NOT NULL, en TEXT NOT NULL, src_key TEXT NOT NULL, tgt_key TEXT NOT NULL,
    version INTEGER NOT NULL, doc TEXT, status TEXT, confidence REAL, unit_date TEXT NOT NULL,
    origin TEXT NOT NULL, imported TEXT NOT NULL, data TEXT NOT NULL,
    zh_len INTEGER, en_len INTEGER);
CREATE INDEX tm_units_src_key ON tm_units (src_key);
CREATE TABLE tm_trigram_df (lang TEXT NOT NULL, term TEXT NOT NULL, doc INTEGER NOT NULL,
                            PRIMARY KEY (lang, term)) WITHOUT ROWID;
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


def trigrams(text: str) -> dict[str, int]:
    """The distinct trigrams of ``text`` as the FTS5 trigram tokenizer folds them (without
    those holding a digit or only spaces), each with where it first starts."""
    folded = " ".join(text.lower().split())
    found: dict[str, int] = {}
    for i in range(len(folded) - 2):
        gram = folded[i:i + 3]
        if gram not in found and gram.strip() and not any(c.isdigit() for c in gram):
            found[gram] = i
    return found


def choose(grams: dict[str, int], counts: dict[str, int]) -> list[str]:
    """The trigrams to read: rarest first, first those not overlapping one already chosen (a
    rare name alone would find only the units with that name), within the budgets."""
    ranked = sorted(grams, key=lambda g: (counts.get(g, 0), grams[g]))
    chosen: list[str] = []
    taken: set[int] = set()
    rows = 0
    for spread in (True, False):
        for gram in ranked:
            if len(chosen) >= MAX_TERMS:
                return chosen
            at = grams[gram]
            if gram in chosen or (spread and taken & {at - 2, at - 1, at, at + 1, at + 2}):
                continue
            if len(chosen) >= MIN_TERMS and rows + counts.get(gram, 0) > ROW_BUDGET:
                continue
            chosen.append(gram)
            taken.add(at)
            rows += counts.get(gram, 0)
    return chosen


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
            # reads keep SQLite's small default cache: their memory stays flat at any size
            self.conn.execute(f"PRAGMA cache_size = -{CACHE_KB if write else 2000}")
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

    def _length_index(self) -> None:
        # the lengths of a row by its id, without reading the row (a lookup reads thousands)
        self.execute("CREATE INDEX IF NOT EXISTS tm_units_lengths ON tm_units "
                     "(id, zh_len, en_len)")

    def _candidates(self, lang: str, text: str, lengths: tuple[int, int], length: int,
                    limit: int) -> list[tuple[int, str]]:
        grams = trigrams(text)
        if not grams:
            return []
        counts: dict[str, int] = {}
        terms = list(grams)
        for start in range(0, len(terms), 500):
            chunk = terms[start:start + 500]
            counts.update(self.execute(
                f"SELECT term, doc FROM tm_trigram_df WHERE lang = ? AND term IN "
                f"({', '.join('?' * len(chunk))})", (lang, *chunk)).fetchall())
        chosen = choose(grams, counts)
        if not chosen:
            return []
        # the rows holding most of the chosen trigrams, counted by SQLite; of those, the ones
        # of a length that can score, closest in length first among those holding as many
        holding = " UNION ALL ".join(f"SELECT rowid FROM tm_{lang} WHERE tm_{lang} MATCH ?"
                                     for _ in chosen)
        return self.execute(
            f"SELECT u.id, u.{lang} FROM (SELECT h.rowid AS id FROM (SELECT rowid, COUNT(*) "
            f"AS n FROM ({holding}) GROUP BY rowid ORDER BY n DESC LIMIT ?) AS h "
            f"JOIN tm_units AS s INDEXED BY tm_units_lengths ON s.id = h.rowid "
            f"WHERE s.{lang}_len BETWEEN ? AND ? "
            f"ORDER BY h.n DESC, abs(s.{lang}_len - ?), h.rowid LIMIT ?) AS c "
            f"JOIN tm_units AS u ON u.id = c.id",
            (*map(_quote, chosen), WIDE, *lengths, length, limit)).fetchall()

    def finish_import(self) -> None:
        """Count again how many rows hold each trigram, when the store grew by a quarter since
        they were counted (inside the import's transaction)."""
        units = self.execute("SELECT COUNT(*) FROM tm_units").fetchone()[0]
        row = self.execute("SELECT value FROM concord_tm_meta WHERE key = 'df_units'").fetchone()
        if row is not None and units < REFRESH_GROWTH * int(row[0]):
            return
        self.execute("DELETE FROM tm_trigram_df")
        for lang in ("zh", "en"):
            self.execute(f"INSERT INTO tm_trigram_df (lang, term, doc) SELECT ?, term, doc "
                         f"FROM tm_{lang}_vocab", (lang,))
        self.execute("INSERT INTO concord_tm_meta (key, value) VALUES ('df_units', ?) "
                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (str(units),))

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
