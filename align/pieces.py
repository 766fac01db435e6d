"""Chinese cut into pieces by a unigram model trained on the document, as evidence for the
learned lexicon.

CC-CEDICT lacks most names, transliterations and a document's own terms (米拉利, 可拉, 搞破鞋),
and its segmentation cuts them into shorter words whose glosses say nothing of "Merari", "Korah"
or "affair". A sentencepiece unigram model trained in process on the Chinese text being aligned
(nothing is downloaded or stored) finds the strings that recur in it; IBM Model 1 over the
confident 1-1 beads of the first pass (:func:`align.learned.learn_links`, the same filters as for
words) then links pieces with English keys. A link is kept only for keys that neither the
dictionary nor the words already learned give the words inside the piece, and that no number or
name anchor of the Chinese already matches, so pieces add only what the rest misses.

Bounds: training reads at most ``max_chars`` characters (runs of Chinese characters evenly
spaced over the document); the vocabulary is at most ``max_vocab`` pieces of at most
``max_piece_length`` characters; a document with fewer than ``min_chars`` Chinese characters is
not trained on (a debug log says so).
"""
from __future__ import annotations

import io
import itertools
import logging
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import sentencepiece as spm

from align.language import HAN_RUN
from align.learned import learn_links
from align.lexicon import Lexicon

log = logging.getLogger(__name__)

#: piece tokens are named apart from dictionary words (经济 the piece is not 经济 the word)
PREFIX = "piece:"


@dataclass(frozen=True)
class PieceSettings:
    """Bounds and knobs of the piece model (defaults measured in BENCHMARKS.md)."""

    min_chars: int = 2000          # fewer Chinese characters: too little text to train on
    max_chars: int = 60000         # at most this many characters trained on (runs sampled)
    max_vocab: int = 8000          # pieces in the model, at most
    vocab_per_char: float = 0.02   # ... beyond the characters: this many per character of text
    max_piece_length: int = 6      # characters in a piece, at most
    min_piece_length: int = 2      # shorter pieces are left to the dictionary


class PieceModel:
    """A unigram sentencepiece model of one text's Chinese."""

    def __init__(self, proto: bytes, settings: PieceSettings) -> None:
        self.processor = spm.SentencePieceProcessor(model_proto=proto)
        self.settings = settings

    @property
    def size(self) -> int:
        return int(self.processor.get_piece_size())

    def pieces(self, text: str) -> list[str]:
        """The pieces of ``text``'s Chinese runs, of at least ``min_piece_length`` characters."""
        return self.cut([chinese_runs(text)])[0]

    def cut(self, runs: Sequence[Sequence[str]]) -> list[list[str]]:
        """The pieces (of ``min_piece_length`` characters or more) of each text's runs, as
        :func:`chinese_runs` gives them (one call into sentencepiece for all of them)."""
        flat = [run for text in runs for run in text]
        encoded = self.processor.encode(flat, out_type=str) if flat else []
        shortest = self.settings.min_piece_length
        out, start = [], 0
        for text in runs:
            stop = start + len(text)
            out.append([p for cut in encoded[start:stop] for p in cut if len(p) >= shortest])
            start = stop
        return out


def chinese_runs(text: str) -> list[str]:
    """The runs of Chinese characters of ``text`` (NFKC-folded, as the lexical scorer reads)."""
    return HAN_RUN.findall(unicodedata.normalize("NFKC", text))


def train_pieces(texts: Sequence[str], settings: PieceSettings | None = None
                 ) -> PieceModel | None:
    """A unigram model trained on the Chinese of ``texts``, or None when there is too little."""
    return _train([run for text in texts for run in chinese_runs(text)],
                  settings or PieceSettings())


def _train(runs: list[str], settings: PieceSettings) -> PieceModel | None:
    chars = sum(map(len, runs))
    if chars < settings.min_chars:
        log.debug("pieces: not trained, %d Chinese characters (fewer than %d)", chars,
                  settings.min_chars)
        return None
    if chars > settings.max_chars:          # evenly spaced runs, up to max_chars characters
        share = settings.max_chars / chars
        runs = [runs[int(k / share)] for k in range(int(len(runs) * share))]
        within = list(itertools.takewhile(lambda total: total <= settings.max_chars,
                                          itertools.accumulate(map(len, runs))))
        runs, chars = runs[:len(within)], within[-1] if within else 0
    distinct = len(set().union(*map(set, runs)))
    vocab = min(settings.max_vocab, distinct + int(settings.vocab_per_char * chars))
    model = io.BytesIO()
    try:
        spm.SentencePieceTrainer.train(
            sentence_iterator=iter(runs), model_writer=model, vocab_size=vocab,
            hard_vocab_limit=False, model_type="unigram", character_coverage=0.9995,
            max_sentencepiece_length=settings.max_piece_length, add_dummy_prefix=False,
            normalization_rule_name="identity", bos_id=-1, eos_id=-1, num_threads=1,
            input_sentence_size=0, seed_sentencepiece_size=4 * vocab, shrinking_factor=0.5,
            num_sub_iterations=1, minloglevel=2)    # half the default EM rounds: ~2x faster
    except RuntimeError as exc:      # e.g. fewer distinct strings than its smallest vocabulary
        log.debug("pieces: not trained (%s)", exc)
        return None
    trained = PieceModel(model.getvalue(), settings)
    log.debug("pieces: %d pieces from %d runs, %d characters", trained.size, len(runs), chars)
    return trained


@dataclass
class PieceEvidence:
    """What the pieces add: each sentence's linked pieces, and each piece's English keys (both
    named with :data:`PREFIX`)."""

    sentence_pieces: list[list[str]]
    links: dict[str, set[int]]


def learn_piece_links(sentences: Sequence[str], beads: Sequence[tuple[Sequence[int], list[int]]],
                      lexicon: Lexicon, known: dict[str, set[int]] | None = None, *,
                      anchored: frozenset[int] = frozenset(),
                      settings: PieceSettings | None = None, **learn) -> PieceEvidence | None:
    """Pieces of the Chinese ``sentences`` linked with English keys over ``beads``.

    ``beads`` are confident sentence pairs: (Chinese sentence ids, English key ids). ``known``
    are the links already learned for dictionary words; keys in ``anchored`` (numbers and names
    the Chinese side already matches as anchors) are not linked again; ``learn`` are the filters of
    :func:`align.learned.learn_links`. None when no model could be trained or nothing new was
    learned.
    """
    runs = [chinese_runs(text) for text in sentences]
    model = _train([run for text in runs for run in text], settings or PieceSettings())
    if model is None:
        return None
    entries = lexicon.entries        # a dictionary word's links are the word learner's job
    cut = [[p for p in pieces if p not in entries] for pieces in model.cut(runs)]
    links = learn_links([[p for s in zh for p in cut[s]] for zh, _ in beads],
                        [en for _, en in beads], **learn)
    known = known or {}
    new: dict[str, set[int]] = {}
    for piece, keys in links.items():
        keys = keys - anchored - _known_keys(piece, lexicon, known)
        if keys:
            new[PREFIX + piece] = keys
    log.debug("pieces: %d pieces linked, %d with keys the dictionary lacks", len(links), len(new))
    if not new:
        return None
    return PieceEvidence([[PREFIX + p for p in pieces if PREFIX + p in new] for pieces in cut],
                         new)


def _known_keys(piece: str, lexicon: Lexicon, known: dict[str, set[int]]) -> set[int]:
    """English keys the dictionary (or the learned words) already give ``piece`` or its words."""
    out = set(lexicon.entries.get(piece, ())) | known.get(piece, set())
    for word in lexicon.segment(piece):
        out.update(lexicon.entries.get(word, ()))
        out.update(known.get(word, ()))
    return out
