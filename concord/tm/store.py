"""The translation-memory store: what both back ends share (import, lookup, concordance,
export, statistics and the consistency queries), over a DB-API connection.

A back end (:mod:`concord.tm.sqlite`, :mod:`concord.tm.postgres`) opens the connection, makes
the schema and finds candidates in its own index; everything else is plain SQL here, written
with ``?`` placeholders.
"""
from __future__ import annotations

import abc
import contextlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any, Self

from align.errors import InputError
from align.language import HAN
from concord.tm import fuzzy
from concord.tm.records import LANGS, Row, row_unit, source_key, unit_props, unit_row
from tmx.model import Unit

APPLICATION = "concord-tm"
SCHEMA_VERSION = 2   # 2: the segments' lengths (zh_len, en_len); a store of 1 is upgraded
META = "concord_tm_meta"
CANDIDATES = 200     # rows the index proposes for one lookup, reranked by token edit distance
RESCORED = 30        # best of those scored again with numbers and dates as placeables
MAX_QUERY = 5000     # characters of a segment looked up: longer ones are no segment
BATCH = 1000         # units a chunk of an import: one query for those already stored


class StoreError(InputError):
    """A store that cannot be used: not ours, a newer schema, locked, unreachable."""


@dataclass(slots=True)
class Match:
    """One fuzzy match: ``source`` is the stored segment in the language looked up."""

    score: float
    source: str
    target: str
    lang: str
    tuid: str | None
    origin: str
    imported: str
    date: str
    version: int
    props: dict[str, str]
    differences: list[tuple[str, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["differences"] = [list(d) for d in self.differences]
        return data


@dataclass(slots=True)
class Occurrence:
    """A unit holding a concordance term: both segments and where the term is in ``lang``'s."""

    zh: str
    en: str
    lang: str
    spans: list[tuple[int, int]]
    tuid: str | None
    origin: str
    imported: str
    date: str

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["spans"] = [list(s) for s in self.spans]
        return data


@dataclass(slots=True)
class ImportSummary:
    """What an import did: units read, added, already there, new versions of a source, and
    units left out for not pairing Chinese with English."""

    read: int = 0
    added: int = 0
    duplicates: int = 0
    versions: int = 0
    skipped: int = 0


@dataclass(slots=True)
class Filters:
    """Export filters; ``None`` lets everything through."""

    docs: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    min_confidence: float | None = None
    since: str | None = None   # unit date (TMX YYYYMMDD…) at or after
    until: str | None = None   # unit date before


def language_of(text: str) -> str:
    """zh when ``text`` has Chinese characters, else en."""
    return "zh" if HAN.search(text) else "en"


class Store(abc.ABC):
    """A store at ``location`` (a path or a URL); open it with :func:`concord.tm.open_store`."""

    placeholder = "?"
    backend = ""

    def __init__(self, location: str) -> None:
        self.location = location
        self.conn: Any = None

    # -- what a back end provides -----------------------------------------------------------

    @abc.abstractmethod
    def _tables(self) -> set[str]:
        """Names of the tables of the database (or its schema) the store lives in."""

    @abc.abstractmethod
    def _create_schema(self) -> None:
        """Create the tables and indexes of an empty database."""

    @abc.abstractmethod
    def transaction(self, write: bool = True) -> contextlib.AbstractContextManager[None]:
        """A transaction; ``write`` takes the store's write lock (or fails saying it is locked)."""

    @abc.abstractmethod
    def _candidates(self, lang: str, text: str, lengths: tuple[int, int], length: int,
                    limit: int) -> list[tuple[int, str]]:
        """Up to ``limit`` ``(id, text)`` rows whose ``lang`` text is likely close to ``text``
        (``length`` tokens), of a length within ``lengths`` (both included)."""

    def _schema_2(self) -> None:  # noqa: B027  (a hook: most back ends need nothing)
        """Create the indexes schema 2 adds, once the lengths are filled in (in a new store,
        and by the upgrade of a store of schema 1)."""

    @abc.abstractmethod
    def _containing(self, lang: str, term: str) -> Iterator[tuple[Any, ...]]:
        """Rows (see :data:`_ROW`) whose ``lang`` text may contain ``term`` (checked after)."""

    @abc.abstractmethod
    def _stream(self, sql: str, params: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
        """The rows of a query, fetched as iterated (flat memory at any size)."""

    @abc.abstractmethod
    def close(self) -> None:
        """Close the connection."""

    # -- opening ------------------------------------------------------------------------------

    def q(self, sql: str) -> str:
        """``sql`` with this back end's placeholders."""
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    def execute(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        cursor = self.conn.cursor()
        cursor.execute(self.q(sql), params)
        return cursor

    def check_schema(self, create: bool) -> None:
        """Make sure the database is a store of ours that this version can read (creating an
        empty one when ``create``); :class:`StoreError` otherwise."""
        tables = self._tables()
        if META not in tables:
            if tables:
                raise StoreError("not a Concord translation-memory store: it holds other tables "
                                 f"({', '.join(sorted(tables)[:5])}); give a new file or an "
                                 "empty database", path=self.location)
            if not create:
                raise StoreError("the store is empty: import a memory first (concord tm "
                                 "import)", path=self.location)
            with self.transaction():
                self._create_schema()
                self._schema_2()
                self.execute(f"INSERT INTO {META} (key, value) VALUES (?, ?), (?, ?), (?, ?)",
                             ("application", APPLICATION, "schema", str(SCHEMA_VERSION),
                              "created", now()))
            return
        meta = dict(self.execute(f"SELECT key, value FROM {META}").fetchall())
        if meta.get("application") != APPLICATION:
            raise StoreError("not a Concord translation-memory store (its meta table names "
                             f"{meta.get('application')!r})", path=self.location)
        version = int(meta.get("schema", "0") or 0)
        if version > SCHEMA_VERSION:
            raise StoreError(f"the store has schema version {version}, newer than this Concord "
                             f"reads ({SCHEMA_VERSION}): upgrade Concord", path=self.location)
        if version < SCHEMA_VERSION:
            self._upgrade(version)

    def _upgrade(self, version: int) -> None:
        """Bring a store of an older schema to this one, in one transaction (a store of
        schema 1 gets the lengths of its segments: about a minute a million units)."""
        with self.transaction():
            (now_version,) = self.execute(f"SELECT value FROM {META} WHERE key = 'schema'"
                                          ).fetchone()
            if int(now_version) >= SCHEMA_VERSION:  # another process upgraded it meanwhile
                return
            for lang in LANGS:
                self.execute(f"ALTER TABLE tm_units ADD COLUMN {lang}_len INTEGER")
            last = 0
            while True:
                rows = self.execute("SELECT id, zh, en FROM tm_units WHERE id > ? ORDER BY id "
                                    "LIMIT ?", (last, BATCH * 5)).fetchall()
                if not rows:
                    break
                self.conn.cursor().executemany(self.q(
                    "UPDATE tm_units SET zh_len = ?, en_len = ? WHERE id = ?"),
                    [(fuzzy.size(zh, "zh"), fuzzy.size(en, "en"), i) for i, zh, en in rows])
                last = rows[-1][0]
            self._schema_2()
            self.execute(f"UPDATE {META} SET value = ? WHERE key = 'schema'",
                         (str(SCHEMA_VERSION),))

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- import ------------------------------------------------------------------------------

    def import_units(self, units: Iterable[Unit], origin: str, summary: ImportSummary,
                     advance: Callable[[int], None] = lambda n: None) -> None:
        """Add ``units`` read from ``origin`` (inside the caller's :meth:`transaction`), a
        chunk of :data:`BATCH` at a time: three statements a chunk, whatever its size."""
        imported = now()
        chunk: list[Row] = []
        for unit in units:
            summary.read += 1
            advance(1)
            row = unit_row(unit)
            if row is None:
                summary.skipped += 1
                continue
            chunk.append(row)
            if len(chunk) >= BATCH:
                self._insert(chunk, origin, imported, summary)
                chunk = []
        if chunk:
            self._insert(chunk, origin, imported, summary)

    def finish_import(self) -> None:  # noqa: B027  (a hook: most back ends need nothing)
        """What a back end does once an import's units are in (inside its transaction)."""

    def _insert(self, chunk: list[Row], origin: str, imported: str,
                summary: ImportSummary) -> None:
        keys = list(dict.fromkeys(r.content_key for r in chunk))
        stored = {k for (k,) in self.execute(
            f"SELECT content_key FROM tm_units WHERE content_key IN ({_marks(keys)})",
            tuple(keys)).fetchall()}
        sources = list(dict.fromkeys(r.src_key for r in chunk))
        earlier = dict(self.execute(
            f"SELECT src_key, COUNT(*) FROM tm_units WHERE src_key IN ({_marks(sources)}) "
            "GROUP BY src_key", tuple(sources)).fetchall())
        values = []
        for row in chunk:
            if row.content_key in stored:
                summary.duplicates += 1
                continue
            stored.add(row.content_key)
            before = earlier.get(row.src_key, 0)
            earlier[row.src_key] = before + 1
            summary.versions += bool(before)
            values.append((row.content_key, row.tuid, row.src_lang, row.zh_tag, row.en_tag,
                           row.zh, row.en, row.src_key, row.tgt_key, before + 1, row.doc,
                           row.status, row.confidence, row.unit_date, origin, imported,
                           row.data, row.zh_len, row.en_len))
        if values:
            self.conn.cursor().executemany(self.q(
                "INSERT INTO tm_units (content_key, tuid, src_lang, zh_tag, en_tag, zh, en, "
                "src_key, tgt_key, version, doc, status, confidence, unit_date, origin, "
                "imported, data, zh_len, en_len) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"), values)
            summary.added += len(values)

    # -- lookup -------------------------------------------------------------------------------

    def lookup(self, text: str, lang: str, limit: int = 5, min_score: float = 0.5
               ) -> list[Match]:
        """The best fuzzy matches of ``text`` (in ``lang``) at or above ``min_score``;
        :class:`ValueError` for a text longer than :data:`MAX_QUERY` characters."""
        if lang not in LANGS:
            raise ValueError(f"lang must be zh or en, not {lang!r}")
        if len(text) > MAX_QUERY:
            raise ValueError(f"a segment of {len(text)} characters is too long to look up "
                             f"(at most {MAX_QUERY})")
        text = text.strip()
        if not text:
            return []
        query = fuzzy.quick_tokens(text)
        placed = fuzzy.placeables(text, lang)
        length = len(placed.tokens)
        candidates = self._candidates(lang, text, fuzzy.length_bounds(length, min_score),
                                      length, CANDIDATES)
        ranked = sorted(((fuzzy.quick_score(query, fuzzy.quick_tokens(t)), i, t)
                         for i, t in candidates), reverse=True)
        floor = min_score - 0.1
        scored = []
        for _, row_id, candidate in (r for r in ranked[:max(RESCORED, 3 * limit)] if r[0] >= floor):
            result = fuzzy.score(text, candidate, lang, placed)
            if result.value >= min_score:
                scored.append((result, row_id))
        scored.sort(key=lambda s: (-s[0].value, -s[1]))
        return [self._match(row_id, lang, result) for result, row_id in scored[:limit]]

    def _match(self, row_id: int, lang: str, result: fuzzy.Score) -> Match:
        zh, en, tuid, origin, imported, date, version, data = self.execute(
            "SELECT zh, en, tuid, origin, imported, unit_date, version, data FROM tm_units "
            "WHERE id = ?", (row_id,)).fetchone()
        source, target = (zh, en) if lang == "zh" else (en, zh)
        return Match(result.value, source, target, lang, tuid, origin, imported, date, version,
                     unit_props(data), result.differences)

    # -- concordance ----------------------------------------------------------------------------

    def concordance(self, term: str, lang: str | None = None, limit: int = 100
                    ) -> Iterator[Occurrence]:
        """Units whose ``lang`` text (default: the term's own language) holds ``term`` — an
        English term as whole words, any case — newest first, at most ``limit`` (0: all)."""
        term = term.strip()
        if not term:
            return
        lang = lang or language_of(term)
        pattern = re.compile(re.escape(term) if lang == "zh" else
                             r"(?<!\w)" + r"\s+".join(map(re.escape, term.split())) + r"(?!\w)",
                             re.IGNORECASE)
        found = 0
        for zh, en, tuid, origin, imported, date in self._containing(lang, term):
            spans = [m.span() for m in pattern.finditer(zh if lang == "zh" else en)]
            if not spans:
                continue
            yield Occurrence(zh, en, lang, spans, tuid, origin, imported, date)
            found += 1
            if limit and found >= limit:
                return

    # -- export and statistics --------------------------------------------------------------------

    def units(self, filters: Filters | None = None) -> Iterator[Unit]:
        """The stored units passing ``filters``, in import order, read as iterated."""
        where, params = _where(filters or Filters())
        for (data,) in self._stream(f"SELECT data FROM tm_units{where} ORDER BY id", params):
            yield row_unit(data)

    def stats(self) -> dict[str, Any]:
        """Counts for ``concord tm stats``."""
        one = lambda sql: self.execute(sql).fetchone()[0]  # noqa: E731
        meta = dict(self.execute(f"SELECT key, value FROM {META}").fetchall())
        return {
            "units": one("SELECT COUNT(*) FROM tm_units"),
            "sources": one("SELECT COUNT(DISTINCT src_key) FROM tm_units"),
            "sources_with_versions": one(
                "SELECT COUNT(*) FROM (SELECT src_key FROM tm_units GROUP BY src_key "
                "HAVING COUNT(*) > 1) AS v"),
            "documents": one("SELECT COUNT(DISTINCT doc) FROM tm_units"),
            "origins": one("SELECT COUNT(DISTINCT origin) FROM tm_units"),
            "source_languages": dict(self.execute(
                "SELECT src_lang, COUNT(*) FROM tm_units GROUP BY src_lang "
                "ORDER BY src_lang").fetchall()),
            "statuses": {str(k): n for k, n in self.execute(
                "SELECT status, COUNT(*) FROM tm_units GROUP BY status "
                "ORDER BY status").fetchall()},
            "first_import": one("SELECT MIN(imported) FROM tm_units"),
            "last_import": one("SELECT MAX(imported) FROM tm_units"),
            "backend": self.backend,
            "schema": int(meta.get("schema", 0)),
        }

    # -- consistency ------------------------------------------------------------------------------

    def translations(self, text: str, lang: str) -> list[tuple[str | None, str, str, str]]:
        """``(tuid, target, target key, origin)`` of every stored unit whose source, in
        ``lang``, is ``text`` once folded (index lookup)."""
        other = "en" if lang == "zh" else "zh"
        return [tuple(r) for r in self.execute(
            f"SELECT tuid, {other}, tgt_key, origin FROM tm_units WHERE src_key = ? ORDER BY id",
            (source_key(text, lang),)).fetchall()]

    def inconsistent_groups(self) -> Iterator[list[tuple[Any, ...]]]:
        """Groups of units with one source and more than one translation, each a list of
        ``(id, tuid, src_lang, zh, en, tgt_key, origin)``, one group in memory at a time."""
        group: list[tuple[Any, ...]] = []
        key = None
        for row in self._stream(
                "SELECT u.src_key, u.id, u.tuid, u.src_lang, u.zh, u.en, u.tgt_key, u.origin "
                "FROM tm_units u JOIN (SELECT src_key FROM tm_units GROUP BY src_key "
                "HAVING COUNT(DISTINCT tgt_key) > 1) s ON s.src_key = u.src_key "
                "ORDER BY u.src_key, u.id"):
            if row[0] != key and group:
                yield group
                group = []
            key = row[0]
            group.append(tuple(row[1:]))
        if group:
            yield group


_ROW = "zh, en, tuid, origin, imported, unit_date"


def _where(filters: Filters) -> tuple[str, tuple[Any, ...]]:
    clauses: list[str] = []
    params: list[Any] = []
    for column, values in (("doc", filters.docs), ("status", filters.statuses)):
        if values:
            clauses.append(f"{column} IN ({', '.join('?' * len(values))})")
            params += values
    if filters.min_confidence is not None:
        clauses.append("(confidence IS NULL OR confidence >= ?)")
        params.append(filters.min_confidence)
    if filters.since:
        clauses.append("unit_date >= ?")
        params.append(filters.since)
    if filters.until:
        clauses.append("unit_date < ?")
        params.append(filters.until)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), tuple(params)


def _marks(values: list[Any]) -> str:
    return ", ".join("?" * len(values))


def now() -> str:
    """The current time as TMX writes dates (UTC, ``YYYYMMDDThhmmssZ``)."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
