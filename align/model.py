"""The data that flows through the engine: sentences, documents, beads and alignments."""
from __future__ import annotations

from dataclasses import dataclass, field


def sentence_separator(lang: str) -> str:
    """What joins two sentences of language ``lang`` (a code or BCP 47 tag): nothing in Chinese
    (and Japanese), a space otherwise."""
    return "" if lang.split("-", 1)[0].split("_", 1)[0].lower() in ("zh", "ja") else " "


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence, with its text exactly as in the input (surrounding whitespace stripped).

    ``paragraph`` is the 0-based paragraph the sentence belongs to; ``line`` the 1-based line of
    the input on which it starts (``None`` when unknown); ``kind`` tells body text from the
    structural lines that make strong anchors: ``"title"``, ``"dateline"``, ``"heading"``.
    """

    text: str
    paragraph: int = 0
    line: int | None = None
    kind: str = "body"


@dataclass(slots=True)
class Document:
    """A document as a list of sentences in one language (``"zh"`` or ``"en"``)."""

    sentences: list[Sentence]
    lang: str
    name: str = ""

    def __len__(self) -> int:
        return len(self.sentences)

    @property
    def texts(self) -> list[str]:
        return [s.text for s in self.sentences]


@dataclass(frozen=True, slots=True)
class Bead:
    """A group of source sentences aligned with a group of target sentences.

    ``src`` and ``tgt`` are 0-based sentence indices (either may be empty, never both);
    ``confidence`` is in [0, 1], higher meaning more certainly right.
    """

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    confidence: float = 1.0

    @property
    def kind(self) -> str:
        """The bead type, such as ``"1-1"``, ``"2-1"`` or ``"0-1"``."""
        return f"{len(self.src)}-{len(self.tgt)}"


@dataclass(slots=True)
class Alignment:
    """Two documents and the beads that align them, in document order."""

    source: Document
    target: Document
    beads: list[Bead]
    warnings: list[str] = field(default_factory=list)

    def join(self, doc: Document, ids: tuple[int, ...]) -> str:
        """The text of sentences ``ids`` of ``doc``, joined as the language writes it."""
        return sentence_separator(doc.lang).join(doc.sentences[i].text for i in ids)

    def pairs(self) -> list[tuple[str, str]]:
        """Source and target text of every bead, in order."""
        return [(self.join(self.source, b.src), self.join(self.target, b.tgt)) for b in self.beads]
