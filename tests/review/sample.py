"""A small review of our own sample pair (tests/review/fixtures/harbour.*), built without the aligner.

The beads are what an aligner might plausibly produce, with two deliberate mistakes for the
reviewer to fix: source sentence 9 left alone (1-0) although it belongs with bead 8 (a 2-1 merge),
and a 2-2 bead at the end that should be two 1-1 beads (a split).
"""
from __future__ import annotations

import re
from pathlib import Path

from align.model import Alignment, Bead, Document, Sentence

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def read_pair_document(path: Path, lang: str) -> Document:
    """Sentences of one fixture file: paragraphs separated by blank lines, split simply."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", path.read_text(encoding="utf-8"))]
    lines = [line for line in paragraphs[0].splitlines()]  # title line and date line
    blocks = [[lines[0]], [lines[1]]] + [
        re.findall(r"[^。]+。", p) if lang == "zh" else re.split(r"(?<=\.) ", p)
        for p in paragraphs[1:]
    ]
    sentences = []
    for number, block in enumerate(blocks):
        kind = "title" if number == 0 else "dateline" if number == 1 else "body"
        sentences += [Sentence(text.strip(), number, None, kind) for text in block]
    return Document(sentences, lang, path.name)


#: (zh ids, en ids, confidence), as an imperfect aligner might leave them
BEADS = [
    ((0,), (0,), 0.93), ((1,), (1,), 0.97), ((2,), (2,), 0.88), ((3,), (3,), 0.91),
    ((4,), (4,), 0.86), ((5,), (5,), 0.79), ((6,), (6,), 0.83), ((7,), (7,), 0.41),
    ((8,), (), 0.22), ((9, 10), (8, 9), 0.35),
]


def harbour_alignment() -> Alignment:
    source = read_pair_document(FIXTURES / "harbour.zh.txt", "zh")
    target = read_pair_document(FIXTURES / "harbour.en.txt", "en")
    assert len(source) == 11 and len(target) == 10, (len(source), len(target))
    beads = [Bead(src, tgt, conf) for src, tgt, conf in BEADS]
    return Alignment(source, target, beads, [])
