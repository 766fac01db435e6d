"""Whole layout units: lone unaligned lines and short closing sentences of verses join a unit."""
from __future__ import annotations

import numpy as np

from align.layout import Layout
from align.layout_units import MAX_LONE, attach_lone_lines, close_units, keep_unit_ends
from align.model import Bead, Sentence
from align.scoring import PreparedScorer
from tests.align.test_layout import chinese, document
from tests.align.test_layout import verses as layout_verses


def verses(count, short=(), colon=()):
    """:func:`tests.align.test_layout.verses` with the lines in ``short`` a fifth of the usual
    length."""
    lines = layout_verses(count, colon=colon)
    for k in short:
        lines[k] = "And he slept" + lines[k][-1]
    return lines


def prose(count, short=()):
    return document([f"Sentence number {k} ends where the sentences of prose end."
                     if k not in short else "Short." for k in range(count)])


def one_to_one(count, confidence=0.99):
    return [Bead((k,), (k,), confidence) for k in range(count)]


def favouring(first, second):
    """A bead score that likes beads holding both target lines ``first`` and ``second``."""

    def score(i, a, j, b):
        return np.where((j <= first) & (j + b > second), 1.0, 0.0)

    return score


def with_extra_line(doc, after):
    """``doc`` with a short line inserted after line ``after`` (the sentence a translation
    spelt out on its own)."""
    sentences = [s.text for s in doc.sentences]
    sentences.insert(after + 1, "事就这样成了。")
    return document(sentences, doc.lang)


def test_a_lone_unaligned_line_of_a_layout_joins_the_neighbour_it_helps():
    en, zh = document(verses(400)), with_extra_line(chinese(400), 201)
    beads = one_to_one(202) + [Bead((), (202,), 0.4)] + [Bead((k,), (k + 1,), 0.99)
                                                          for k in range(202, 400)]
    layout = Layout(en, zh)
    joined = attach_lone_lines(beads, layout, favouring(201, 202), 4)
    assert joined[201] == Bead((201,), (201, 202), 0.4)
    assert len(joined) == 400 and all(b.src and b.tgt for b in joined)
    joined = attach_lone_lines(beads, layout, favouring(202, 203), 4)
    assert joined[202] == Bead((202,), (202, 203), 0.4) and joined[201] == beads[201]


def test_prose_and_left_out_passages_stay_unaligned():
    zh = document(["句子在句子结束的地方结束。"] * 401, "zh")
    beads = one_to_one(202) + [Bead((), (202,), 0.4)] + [Bead((k,), (k + 1,), 0.99)
                                                          for k in range(202, 400)]
    assert attach_lone_lines(beads, Layout(prose(400), zh), favouring(201, 202), 4) == beads
    en = document(verses(400))
    run = MAX_LONE + 1
    zh = chinese(400 + run)
    passage = (one_to_one(202) + [Bead((), (202 + x,), 0.4) for x in range(run)]
               + [Bead((k,), (k + run,), 0.99) for k in range(202, 400)])
    assert attach_lone_lines(passage, Layout(en, zh), favouring(201, 202), 4) == passage


def test_a_short_closing_sentence_pair_of_a_layout_joins_the_bead_before_it():
    en, zh = document(verses(400, short={202})), chinese(400, short={202})
    closed = close_units(one_to_one(400), Layout(en, zh))
    assert closed[201] == Bead((201, 202), (201, 202), 0.99)
    assert len(closed) == 399


def test_a_short_line_after_a_unit_end_or_ending_one_is_a_unit_of_its_own():
    # line 200 ends on a colon (every fifth line): the short line 201 starts a unit
    en, zh = document(verses(400, short={201})), chinese(400, short={201})
    assert close_units(one_to_one(400), Layout(en, zh)) == one_to_one(400)
    # a short line ending on a colon itself is a whole short unit
    en = document(verses(400, short={202}, colon={202}))
    assert close_units(one_to_one(400), Layout(en, chinese(400, short={202}))) == one_to_one(400)
    # prose has no units to close
    zh = document(["句子在句子结束的地方结束。" if k != 202 else "短。" for k in range(400)], "zh")
    assert close_units(one_to_one(400), Layout(prose(400, {202}), zh)) == one_to_one(400)


def test_the_aligner_keeps_prose_beads_and_joins_closing_sentences_of_verses():
    from align.aligner import SearchSettings, align

    en = document([(f"And the keeper of the orchard number {k} walked along the river to the hill"
                    if k != 202 else "He slept") + (":" if k % 5 == 0 else ".")
                   for k in range(400)])
    zh = document([(f"第{k}号果园看守人沿着河边走到山上" if k != 202 else "他睡了")
                   + ("，" if k % 5 == 0 else "。") for k in range(400)], "zh")
    beads = [(b.src, b.tgt) for b in align(en, zh).beads]
    assert ((201, 202), (201, 202)) in beads and len(beads) == 399
    plain = align(en, zh, settings=SearchSettings(whole_units=False))
    assert [(b.src, b.tgt) for b in plain.beads] == [((k,), (k,)) for k in range(400)]


def test_a_short_answer_closes_the_question_before_it():
    """Half a usual bead is too long for a closing sentence, but not for the answer to a
    question: the question and its answer make one unit."""
    en = verses(400, short={202})
    zh = chinese(400, short={202})
    half = "And the keeper of the orchard said"      # about half the usual bead with its Chinese
    en[202] = half + "."
    zh.sentences[202] = Sentence("看守人说，是的。", 202, 203)
    assert close_units(one_to_one(400), Layout(document(en), zh)) == one_to_one(400)
    en[201] = en[201][:-1] + "?"
    closed = close_units(one_to_one(400), Layout(document(en), zh))
    assert closed[201] == Bead((201, 202), (201, 202), 0.99) and len(closed) == 399


class Flat(PreparedScorer):
    """Every bead scores 1."""

    def score(self, i, a, j, b):
        return np.ones(len(i))


def test_a_bead_running_over_the_end_of_a_unit_pays_for_it():
    en, zh = document(verses(400)), chinese(400)     # lines 0, 5, 10, ... end in mid-sentence
    scorer = keep_unit_ends(Flat(), Layout(en, zh), 0.1)
    i, a, j, b = (np.array(x) for x in ([5, 5, 6, 5, 4, 7], [1, 2, 2, 0, 1, 2],
                                        [5, 5, 6, 4, 5, 7], [1, 1, 2, 1, 2, 0]))
    assert np.allclose(scorer.score(i, a, j, b), [1, 0.9, 1, 1, 0.9, 1])
    similarity, _ = scorer.score_and_cost(i, a, j, b)
    assert np.allclose(similarity, scorer.score(i, a, j, b))
    assert np.allclose(scorer.raw_score(i, a, j, b), 1)
    prose_scorer = Flat()
    zh = document(["句子在句子结束的地方结束。"] * 400, "zh")
    assert keep_unit_ends(prose_scorer, Layout(prose(400), zh), 0.1) is prose_scorer
