"""Agreement of the sentence splitter with a gold segmentation (one sentence per line).

The gold lines of a document are turned back into paragraphs the way a real page has them: a line
that does not end in sentence-final punctuation (a title, a date line, a heading) stands as its own
paragraph; runs of the other lines are joined into one paragraph (with a space in English, with
nothing in Chinese). The splitter then cuts those paragraphs again, and its cuts are compared with
the places where gold lines met.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from align.kinds import ends_sentence
from align.model import sentence_separator
from align.segment import sentence_spans


def gold_paragraphs(lines: Iterable[str], lang: str) -> list[list[str]]:
    """Group gold sentence lines into paragraphs (see the module docstring); blank lines dropped."""
    paragraphs: list[list[str]] = []
    run: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if ends_sentence(line):
            run.append(line)
            continue
        if run:
            paragraphs.append(run)
            run = []
        paragraphs.append([line])
    if run:
        paragraphs.append(run)
    return paragraphs


def _ink(text: str, positions: Iterable[int]) -> set[int]:
    """Positions expressed as the number of non-space characters before them."""
    wanted = sorted(set(positions))
    out: set[int] = set()
    count = 0
    k = 0
    for i, ch in enumerate(text):
        while k < len(wanted) and wanted[k] == i:
            out.add(count)
            k += 1
        if not ch.isspace():
            count += 1
    out.update(count for _ in wanted[k:])
    return out


@dataclass
class SegmentationScore:
    """Boundary counts over a set of paragraphs; rates as properties."""

    gold: int = 0        # gold boundaries inside joined paragraphs
    found: int = 0       # boundaries the splitter produced
    correct: int = 0     # produced boundaries that are gold boundaries
    sentences: int = 0   # gold sentences seen

    @property
    def recovered(self) -> float:
        """Share of gold boundaries the splitter found."""
        return self.correct / self.gold if self.gold else 1.0

    @property
    def spurious(self) -> float:
        """Share of the splitter's boundaries that are not gold boundaries."""
        return (self.found - self.correct) / self.found if self.found else 0.0

    def add(self, other: SegmentationScore) -> None:
        self.gold += other.gold
        self.found += other.found
        self.correct += other.correct
        self.sentences += other.sentences


def score_paragraph(sentences: Sequence[str], lang: str) -> SegmentationScore:
    """Join the gold ``sentences`` of one paragraph, split again and count boundaries."""
    sep = sentence_separator(lang)
    text = sep.join(sentences)
    gold_pos: list[int] = []
    offset = 0
    for sentence in sentences[:-1]:
        offset += len(sentence)
        gold_pos.append(offset)
        offset += len(sep)
    found_pos = [b for _, b in sentence_spans(text, lang)[:-1]]
    gold, found = _ink(text, gold_pos), _ink(text, found_pos)
    return SegmentationScore(gold=len(gold), found=len(found), correct=len(gold & found),
                             sentences=len(sentences))


def score_document(lines: Iterable[str], lang: str) -> SegmentationScore:
    """Score the splitter on one gold document given as its lines."""
    total = SegmentationScore()
    for paragraph in gold_paragraphs(lines, lang):
        total.add(score_paragraph(paragraph, lang))
    return total


def disagreements(lines: Iterable[str], lang: str) -> list[tuple[list[str], list[str]]]:
    """(gold sentences, split sentences) for every paragraph where the two differ."""
    out = []
    sep = sentence_separator(lang)
    for paragraph in gold_paragraphs(lines, lang):
        text = sep.join(paragraph)
        split = [text[a:b] for a, b in sentence_spans(text, lang)]
        if split != paragraph:
            out.append((paragraph, split))
    return out
