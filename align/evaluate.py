"""Scoring an alignment against gold beads, as Vecalign's ``score.py`` and Bertalign's eval do.

Strict: a test bead counts only if the gold has exactly the same bead. Lax: a test bead counts if
it shares a source sentence with a gold bead that shares a target sentence with it. Precision is
taken over all test beads, 1-0 and 0-1 included; recall over gold beads that have sentences on both
sides, matched against test beads that have sentences on both sides (so deletions count against
precision only). Counts are summed over documents before dividing (micro-average).

Unaligned sentences are scored on their own as well, since F1 barely sees them: precision and
recall of the set of sentences left unaligned (1-0 and 0-1 beads), one sentence at a time.
"""
from __future__ import annotations

import ast
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from align.errors import InputError

if TYPE_CHECKING:
    from align.aligner import SearchSettings
    from align.model import Document
    from align.scoring import Scorer

BeadIds = tuple[tuple[int, ...], tuple[int, ...]]


def parse_beads(text: str, path: str | None = None, *,
                sides: Sequence[tuple[str, int]] | None = None) -> list[BeadIds]:
    """Beads in the gold format, one per line: ``[4]:[4, 5]``, ``[]`` for an unaligned side.

    ``sides``: the name and sentence count of the source and target files; a bead naming a
    sentence that is not there is an :class:`InputError` at its line.
    """
    beads = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        left, sep, right = line.partition(":")
        try:
            if not sep:
                raise ValueError("no ':'")
            src, tgt = ast.literal_eval(left.strip()), ast.literal_eval(right.strip())
            if not (isinstance(src, list) and isinstance(tgt, list)):
                raise ValueError("not two lists")
            bead = (tuple(int(x) for x in src), tuple(int(x) for x in tgt))
        except (ValueError, SyntaxError, TypeError) as exc:
            raise InputError(f"not a bead ({exc}): {line[:60]}", path=path, line=number) from None
        if sides is not None:
            _check_ids(bead, sides, line, path, number)
        beads.append(bead)
    return beads


def _check_ids(bead: BeadIds, sides: Sequence[tuple[str, int]], line: str, path: str | None,
               number: int) -> None:
    """:class:`InputError` when ``bead`` names a sentence its side's file does not have."""
    for ids, (name, count) in zip(bead, sides):
        for i in ids:
            if not 0 <= i < count:
                raise InputError(f"no sentence {i} in {name} (it has {count} sentence"
                                 f"{'' if count == 1 else 's'}, "
                                 f"numbered from 0): {line[:60]}", path=path, line=number)


def read_beads(path: str | Path, *,
               sides: Sequence[tuple[str, int]] | None = None) -> list[BeadIds]:
    """Read a ``.align`` file (``sides`` as for :func:`parse_beads`)."""
    path = Path(path)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 ({exc.reason})", path=str(path),
                         line=data.count(b"\n", 0, exc.start) + 1) from None
    return parse_beads(text, str(path), sides=sides)


def format_bead(src: Sequence[int], tgt: Sequence[int]) -> str:
    """One bead in the gold format: ``[4]:[4, 5]``."""
    return f"[{', '.join(map(str, src))}]:[{', '.join(map(str, tgt))}]"


def _precision_counts(gold: Iterable[BeadIds], test: Iterable[BeadIds]) -> tuple[int, int, int, int]:
    """(strict true, strict false, lax true, lax false) for the beads of ``test``."""
    gold_set = {(tuple(s), tuple(t)) for s, t in gold if s or t}
    test_set = {(tuple(s), tuple(t)) for s, t in test if s or t}
    src_to_tgt: dict[int, set[int]] = defaultdict(set)
    for src, tgt in gold_set:
        for s in src:
            src_to_tgt[s].update(tgt)
    tp_strict = fp_strict = tp_lax = fp_lax = 0
    for src, tgt in test_set:
        if (src, tgt) in gold_set:
            tp_strict += 1
            tp_lax += 1
            continue
        fp_strict += 1
        linked = set()
        for s in src:
            linked |= src_to_tgt.get(s, set())
        if linked.intersection(tgt):
            tp_lax += 1
        else:
            fp_lax += 1
    return tp_strict, fp_strict, tp_lax, fp_lax


@dataclass
class Score:
    """Micro-averaged precision, recall and F1 (strict and lax) with the raw counts."""

    p_counts: list[int] = field(default_factory=lambda: [0, 0, 0, 0])
    r_counts: list[int] = field(default_factory=lambda: [0, 0, 0, 0])
    documents: int = 0
    gold_types: Counter = field(default_factory=Counter)
    test_types: Counter = field(default_factory=Counter)
    correct_types: Counter = field(default_factory=Counter)
    unaligned_counts: list[int] = field(default_factory=lambda: [0, 0, 0])

    def add(self, gold: Sequence[BeadIds], test: Sequence[BeadIds]) -> None:
        """Add one document's gold and test beads."""
        for k, v in enumerate(_precision_counts(gold, test)):
            self.p_counts[k] += v
        test_both = [(s, t) for s, t in test if s and t]
        gold_both = [(s, t) for s, t in gold if s and t]
        for k, v in enumerate(_precision_counts(test_both, gold_both)):
            self.r_counts[k] += v
        self.documents += 1
        gold_set = {(tuple(s), tuple(t)) for s, t in gold}
        for s, t in gold:
            self.gold_types[f"{len(s)}-{len(t)}"] += 1
        for s, t in test:
            kind = f"{len(s)}-{len(t)}"
            self.test_types[kind] += 1
            if (tuple(s), tuple(t)) in gold_set:
                self.correct_types[kind] += 1
        gold_alone, test_alone = unaligned_sentences(gold), unaligned_sentences(test)
        self.unaligned_counts[0] += len(gold_alone & test_alone)
        self.unaligned_counts[1] += len(test_alone - gold_alone)
        self.unaligned_counts[2] += len(gold_alone - test_alone)

    @staticmethod
    def _ratio(a: int, b: int) -> float:
        return a / (a + b) if a + b else 0.0

    @staticmethod
    def _f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def precision_strict(self) -> float:
        return self._ratio(self.p_counts[0], self.p_counts[1])

    @property
    def precision_lax(self) -> float:
        return self._ratio(self.p_counts[2], self.p_counts[3])

    @property
    def recall_strict(self) -> float:
        return self._ratio(self.r_counts[0], self.r_counts[1])

    @property
    def recall_lax(self) -> float:
        return self._ratio(self.r_counts[2], self.r_counts[3])

    @property
    def precision_unaligned(self) -> float:
        """Share of the sentences the aligner left unaligned that the gold leaves unaligned."""
        return self._ratio(self.unaligned_counts[0], self.unaligned_counts[1])

    @property
    def recall_unaligned(self) -> float:
        """Share of the sentences the gold leaves unaligned (1-0, 0-1) that the aligner did."""
        return self._ratio(self.unaligned_counts[0], self.unaligned_counts[2])

    @property
    def f1_strict(self) -> float:
        return self._f1(self.precision_strict, self.recall_strict)

    @property
    def f1_lax(self) -> float:
        return self._f1(self.precision_lax, self.recall_lax)

    def as_dict(self) -> dict:
        return {
            "documents": self.documents,
            "precision_strict": round(self.precision_strict, 4),
            "recall_strict": round(self.recall_strict, 4),
            "f1_strict": round(self.f1_strict, 4),
            "precision_lax": round(self.precision_lax, 4),
            "recall_lax": round(self.recall_lax, 4),
            "f1_lax": round(self.f1_lax, 4),
            "unaligned": {"gold": self.unaligned_counts[0] + self.unaligned_counts[2],
                          "test": self.unaligned_counts[0] + self.unaligned_counts[1],
                          "correct": self.unaligned_counts[0],
                          "precision": (round(self.precision_unaligned, 4)
                                        if self.unaligned_counts[0] + self.unaligned_counts[1]
                                        else None),
                          "recall": (round(self.recall_unaligned, 4)
                                     if self.unaligned_counts[0] + self.unaligned_counts[2]
                                     else None)},
            "bead_types": {kind: {"gold": self.gold_types.get(kind, 0),
                                  "test": self.test_types.get(kind, 0),
                                  "correct": self.correct_types.get(kind, 0)}
                           for kind in sorted(set(self.gold_types) | set(self.test_types),
                                              key=_type_order)},
        }


def unaligned_sentences(beads: Iterable[BeadIds]) -> set[tuple[str, int]]:
    """The sentences of 1-0 and 0-1 beads, as ("src", id) and ("tgt", id)."""
    out: set[tuple[str, int]] = set()
    for src, tgt in beads:
        if not tgt:
            out.update(("src", i) for i in src)
        elif not src:
            out.update(("tgt", j) for j in tgt)
    return out


def _type_order(kind: str) -> tuple[int, int, int]:
    a, b = (int(x) for x in kind.split("-"))
    return (a + b, a, b)


def score_documents(pairs: Iterable[tuple[Sequence[BeadIds], Sequence[BeadIds]]]) -> Score:
    """Micro-averaged score over (gold, test) bead lists of several documents."""
    score = Score()
    for gold, test in pairs:
        score.add(gold, test)
    return score


# ---------------------------------------------------------------------------------------------
# gold directories

@dataclass(frozen=True)
class GoldDocument:
    """One evaluation document: source and target sentence files and their gold beads.

    ``gold`` is None when the gold is implicit: line ``k`` of the source matches line ``k`` of the
    target (the WMT layout).
    """

    name: str
    source: Path
    target: Path
    gold_path: Path | None

    def load(self) -> tuple["Document", "Document", list[BeadIds]]:
        """The source and target sentence files (language from the file name) and the gold."""
        source = read_sentence_file(self.source, _lang_of(self.source))
        target = read_sentence_file(self.target, _lang_of(self.target))
        return source, target, self.gold(len(source), len(target))

    def gold(self, n_source: int, n_target: int) -> list[BeadIds]:
        """The gold beads: read from ``gold_path``, or line ``k`` with line ``k``."""
        if self.gold_path is not None:
            return read_beads(self.gold_path, sides=((self.source.name, n_source),
                                                     (self.target.name, n_target)))
        if n_source != n_target:
            raise InputError(f"line-by-line gold needs equal line counts, got {n_source} and "
                             f"{n_target}", path=str(self.target))
        return [((k,), (k,)) for k in range(n_source)]


def _line_count(path: Path) -> int:
    with open(path, "rb") as handle:
        return sum(1 for _ in handle)


def _english_first(root: Path, align_file: Path, zh: Path, en: Path) -> bool:
    """Whether the beads of ``align_file`` list English ids first."""
    beads = read_beads(align_file)
    first = max((i for s, _ in beads for i in s), default=-1)
    second = max((i for _, t in beads for i in t), default=-1)
    n_zh, n_en = _line_count(zh), _line_count(en)
    fits_zh_first = first < n_zh and second < n_en
    fits_en_first = first < n_en and second < n_zh
    if fits_zh_first and fits_en_first:
        return "en-zh" in root.name
    return fits_en_first and not fits_zh_first


def discover_gold(directory: str | Path) -> list[GoldDocument]:
    """The documents of a gold directory, in name order.

    Two layouts are recognised: ``NAME.zh`` + ``NAME.en`` + ``NAME.align`` (or ``NAME.zh.sents``
    + ``NAME.en.sents`` + ``NAME.align``, as in ``corpora/releases``), and ``NAME.en`` +
    ``NAME.zhA``/``NAME.zhB``/... without ``.align`` (WMT: English source, each Chinese
    translation a separate document, gold 1-1 line by line). In the first layout the beads list
    the source ids first; the source is the Chinese file unless the ids only fit the other way
    round, or the directory is named ``...en-zh...`` (as ``bible-en-zh``) and the ids fit that.
    """
    root = Path(directory)
    if not root.is_dir():
        raise InputError("not a directory of gold alignments", path=str(root))
    docs = []
    for align_file in sorted(root.glob("*.align")):
        stem = align_file.name[:-len(".align")]
        zh, en = root / f"{stem}.zh", root / f"{stem}.en"
        if not (zh.is_file() and en.is_file()):
            zh, en = root / f"{stem}.zh.sents", root / f"{stem}.en.sents"
        if zh.is_file() and en.is_file():
            if _english_first(root, align_file, zh, en):
                docs.append(GoldDocument(stem, en, zh, align_file))
            else:
                docs.append(GoldDocument(stem, zh, en, align_file))
    for en in sorted(root.glob("*.en")):
        stem = en.name[:-len(".en")]
        if (root / f"{stem}.align").exists():
            continue
        for zh in sorted(root.glob(f"{stem}.zh?")):
            docs.append(GoldDocument(f"{stem}.{zh.suffix[1:]}", en, zh, None))
    if not docs:
        raise InputError("no gold documents found (expected NAME.zh + NAME.en + NAME.align, or "
                         "NAME.en + NAME.zhA ...)", path=str(root))
    return docs


# ---------------------------------------------------------------------------------------------
# running the aligner over a gold directory

def read_sentence_file(path: str | Path, lang: str) -> Document:
    """A gold sentence file: one sentence per line, kept exactly (line k is sentence k; only
    CR, LF and CRLF end a line, as in the gold's line count)."""
    from align.model import Document, Sentence
    from align.blocks import split_lines

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 ({exc.reason})", path=str(path)) from None
    lines = split_lines(text)
    return Document([Sentence(line.strip(), k, k + 1) for k, line in enumerate(lines)], lang,
                    path.name)


def _lang_of(path: Path) -> str:
    """``zh`` for NAME.zh, NAME.zhA, NAME.zh.sents; ``en`` otherwise."""
    parts = path.name.lower().split(".")[1:]
    return "zh" if any(part.startswith("zh") for part in parts) else "en"


#: beads at least this confident should be right (issue 15: at least 95 % of them)
CONFIDENT = 0.9


@dataclass
class DocumentResult:
    name: str
    gold: list[BeadIds]
    test: list[BeadIds]
    confidence: list[float]

    @property
    def score(self) -> Score:
        """This document's score on its own."""
        return score_documents([(self.gold, self.test)])


@dataclass
class GoldResult:
    """The aligner's result on one gold directory."""

    directory: str
    score: Score
    documents: list[DocumentResult]
    seconds: float

    def by_translation(self) -> dict[str, Score]:
        """Separate scores per translation in the WMT layout (``.zhA``, ``.zhB``), else empty."""
        groups: dict[str, list[DocumentResult]] = {}
        for doc in self.documents:
            suffix = doc.name.rsplit(".", 1)[-1] if "." in doc.name else ""
            if suffix.startswith("zh") and len(suffix) > 2:
                groups.setdefault(suffix, []).append(doc)
        if len(groups) < 2:
            return {}
        return {k: score_documents((d.gold, d.test) for d in v) for k, v in sorted(groups.items())}

    def confident(self, threshold: float = CONFIDENT) -> dict:
        """How far the confident beads can be trusted: the beads of confidence ``threshold`` or
        more, and the share of them exactly in the gold (None when there are none)."""
        row = self.confidence_buckets((threshold, 1.0001))[0]
        return {"threshold": threshold, "beads": row["beads"], "precision": row["precision"]}

    def confidence_buckets(self, edges: Sequence[float] = (0.0, 0.5, 0.7, 0.9, 0.97, 1.0001)
                           ) -> list[dict]:
        """Share of test beads exactly in the gold, per confidence bucket."""
        rows = []
        for low, high in zip(edges[:-1], edges[1:]):
            total = correct = 0
            for doc in self.documents:
                gold = set(doc.gold)
                for bead, conf in zip(doc.test, doc.confidence):
                    if low <= conf < high:
                        total += 1
                        correct += bead in gold
            rows.append({"low": low, "high": min(high, 1.0), "beads": total,
                         "precision": round(correct / total, 4) if total else None})
        return rows


def evaluate_directory(directory: str | Path, *, scorer: "str | Scorer" = "lexical",
                       max_bead: int = 4, anchors: Sequence[tuple[str, Sequence[str]]] = (),
                       settings: "SearchSettings | None" = None,
                       progress: Callable[[int], None] | None = None,
                       documents: "list[GoldDocument] | None" = None) -> GoldResult:
    """Align every document of a gold directory and score the result (``documents``: the
    directory's documents when the caller has already discovered them)."""
    import time

    from align.aligner import align

    started = time.perf_counter()
    results = []
    for doc in discover_gold(directory) if documents is None else documents:
        source, target, gold = doc.load()
        alignment = align(source, target, scorer=scorer, max_bead=max_bead, anchors=anchors,
                          settings=settings)
        results.append(DocumentResult(doc.name, gold,
                                      [(b.src, b.tgt) for b in alignment.beads],
                                      [b.confidence for b in alignment.beads]))
        if progress:
            progress(1)
    score = score_documents((r.gold, r.test) for r in results)
    return GoldResult(str(directory), score, results, time.perf_counter() - started)
