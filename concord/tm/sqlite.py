"""The embedded back end: one SQLite file, candidates from FTS5 indexes.

Each language has an external-content FTS5 table with the trigram tokenizer over ``tm_units``
(kept by a trigger; concordance reads them), and English also one of its words (the
``unicode61`` tokenizer): a Chinese lookup reads the rows of the query's rarest trigrams, an
English one those of its rarest words (:mod:`concord.tm.terms`: a sentence's trigrams are all
common in a large English memory, its words are not). SQLite counts which rows hold most of
them; of the :data:`WIDE` first, those of a length that can score are the candidates, the
closest in length first among rows holding as many. How many rows hold each term comes from
``tm_trigram_df`` and ``tm_word_df``, copies of the ``fts5vocab`` counts (reading those counts
from FTS5 itself costs a walk of each term's rows), made again at the end of an import that grew
the store by a quarter.
"""
from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from typing import Any

from concord.tm.store import Store, StoreError
from concord.tm.terms import choose, rarest, trigrams, words

REFRESH_GROWTH = 1.25  # the term counts are made again once the store grew by this factor
WIDE = 1000         # rows holding most terms whose lengths are read, for ``limit`` of them
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
_SCHEMA_2 = """
CREATE INDEX IF NOT EXISTS tm_units_lengths ON tm_units (id, zh_len, en_len);
CREATE VIRTUAL TABLE IF NOT EXISTS tm_en_words USING fts5 (en, content='tm_units',
    content_rowid='id', tokenize='unicode61 remove_diacritics 0');
CREATE TRIGGER IF NOT EXISTS tm_units_words AFTER INSERT ON tm_units BEGIN
    INSERT INTO tm_en_words (rowid, en) VALUES (new.id, new.en);
END;
CREATE VIRTUAL TABLE IF NOT EXISTS tm_en_words_vocab USING fts5vocab (tm_en_words, 'row');
CREATE TABLE IF NOT EXISTS tm_word_df (term TEXT PRIMARY KEY, doc INTEGER NOT NULL)
    WITHOUT ROWID;
"""


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
        self._script(_SCHEMA)

    def _script(self, script: str) -> None:
        statement = ""
        for line in script.splitlines(keepends=True):  # one statement at a time: an
            statement += line                          # executescript would commit first
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

    def _schema_2(self) -> None:
        self._script(_SCHEMA_2)
        self.execute("INSERT INTO tm_en_words (tm_en_words) VALUES ('rebuild')")
        self._count_terms()

    def _candidates(self, lang: str, text: str, lengths: tuple[int, int], length: int,
                    limit: int) -> list[tuple[int, str]]:
        if lang == "en":
            index = "tm_en_words"
            terms = words(text)
            chosen = rarest(terms, self._counts("tm_word_df WHERE", (), terms))
        else:
            index = f"tm_{lang}"
            grams = trigrams(text)
            chosen = choose(grams, self._counts("tm_trigram_df WHERE lang = ? AND", (lang,),
                                                list(grams)))
        if not chosen:
            return []
        # the rows holding most of the chosen terms, counted by SQLite; of those, the ones
        # of a length that can score, closest in length first among those holding as many
        holding = " UNION ALL ".join(f"SELECT rowid FROM {index} WHERE {index} MATCH ?"
                                     for _ in chosen)
        return self.execute(
            f"SELECT u.id, u.{lang} FROM (SELECT h.rowid AS id FROM (SELECT rowid, COUNT(*) "
            f"AS n FROM ({holding}) GROUP BY rowid ORDER BY n DESC LIMIT ?) AS h "
            f"JOIN tm_units AS s INDEXED BY tm_units_lengths ON s.id = h.rowid "
            f"WHERE s.{lang}_len BETWEEN ? AND ? "
            f"ORDER BY h.n DESC, abs(s.{lang}_len - ?), h.rowid LIMIT ?) AS c "
            f"JOIN tm_units AS u ON u.id = c.id",
            (*map(_quote, chosen), WIDE, *lengths, length, limit)).fetchall()

    def _counts(self, where: str, params: tuple[Any, ...], terms: list[str]) -> dict[str, int]:
        """How many rows hold each of ``terms`` (those counted), from ``FROM {where}``."""
        counts: dict[str, int] = {}
        for start in range(0, len(terms), 500):
            chunk = terms[start:start + 500]
            counts.update(self.execute(
                f"SELECT term, doc FROM {where} term IN ({', '.join('?' * len(chunk))})",
                (*params, *chunk)).fetchall())
        return counts

    def finish_import(self) -> None:
        """Count again how many rows hold each term, when the store grew by a quarter since
        they were counted (inside the import's transaction)."""
        units = self.execute("SELECT COUNT(*) FROM tm_units").fetchone()[0]
        row = self.execute("SELECT value FROM concord_tm_meta WHERE key = 'df_units'").fetchone()
        if row is not None and units < REFRESH_GROWTH * int(row[0]):
            return
        self._count_terms()

    def _count_terms(self) -> None:
        self.execute("DELETE FROM tm_trigram_df")
        for lang in ("zh", "en"):
            self.execute(f"INSERT INTO tm_trigram_df (lang, term, doc) SELECT ?, term, doc "
                         f"FROM tm_{lang}_vocab", (lang,))
        self.execute("DELETE FROM tm_word_df")
        self.execute("INSERT INTO tm_word_df (term, doc) SELECT term, doc FROM tm_en_words_vocab")
        units = self.execute("SELECT COUNT(*) FROM tm_units").fetchone()[0]
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
