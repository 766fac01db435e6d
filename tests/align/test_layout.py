"""Fragments of a layout unit: lines cut by verses, and the confidence of short beads there."""
from __future__ import annotations

import numpy as np

from align.layout import fragment_factors, layout_lines, mid_sentence_ends
from align.model import Bead, Document, Sentence


def document(texts, lang="en"):
    return Document([Sentence(t, k, k + 1) for k, t in enumerate(texts)], lang, "made-up")


def verses(count, short=(), colon=()):
    """English lines of a made-up verse layout: every fifth line and those in ``colon`` end on a
    colon (a verse ending in mid-sentence); those in ``short`` are a third of the usual length."""
    lines = []
    for k in range(count):
        text = f"And the keeper of the orchard number {k} walked along the river to the hill"
        if k in short:
            text = text[:26]
        lines.append(text + (":" if k % 5 == 0 or k in colon else "."))
    return lines


def chinese(count, short=()):
    return document(["果园看守人沿着河边走到山上" + ("，" if k % 5 == 0 else "。")
                     if k not in short else "看守人走了。" for k in range(count)], "zh")


def test_a_line_ending_on_a_comma_or_colon_ends_in_mid_sentence():
    doc = document(["He said, “Go on,”", "Then he left.", "他说：", "是吗？」", "列表、"])
    assert mid_sentence_ends(doc).tolist() == [True, False, True, False, True]


def test_prose_is_not_a_layout_and_verses_are():
    prose = document([f"Sentence number {k} ends where sentences end." for k in range(500)])
    assert not layout_lines(prose).any()
    assert layout_lines(document(verses(500))).all()


def test_a_short_document_has_too_few_lines_to_tell():
    assert not layout_lines(document(verses(20))).any()


def test_two_short_beads_of_a_layout_are_less_sure_than_the_others():
    """Two third-length lines side by side make one bead of the usual length together: each
    is a likely fragment of a unit, and its confidence factor is sqrt(its relative length)."""
    en = document(verses(400, short={201, 202}))
    zh = chinese(400, short={201, 202})
    beads = [Bead((k,), (k,), 0.99) for k in range(400)]
    factors = fragment_factors(en, zh, beads)
    assert (factors[[201, 202]] < 0.75).all()
    assert np.allclose(np.delete(factors, [201, 202]), 1.0)


def test_a_short_bead_between_two_unit_ends_is_a_whole_unit():
    """A line ending in mid-sentence ends a unit: a short line after one, ending on a colon
    itself, is a short unit of its own, not a fragment."""
    en = document(verses(400, short={201}, colon={201}))
    beads = [Bead((k,), (k,), 0.99) for k in range(400)]
    assert np.allclose(fragment_factors(en, chinese(400, short={201}), beads), 1.0)
    en = document(verses(400, short={202}))
    assert fragment_factors(en, chinese(400, short={202}), beads)[202] < 0.75


def test_prose_and_unaligned_sentences_keep_their_confidence():
    en = document([f"Sentence number {k} ends where sentences end." if k % 7 else "Short."
                   for k in range(400)])
    zh = document(["句子在句子结束的地方结束。" if k % 7 else "短。" for k in range(400)], "zh")
    beads = [Bead((k,), (k,), 0.99) for k in range(400)]
    assert np.allclose(fragment_factors(en, zh, beads), 1.0)
    layout = document(verses(400, short={10, 11}))
    alone = [Bead((k,), (), 0.4) for k in range(400)]
    assert np.allclose(fragment_factors(layout, zh, alone), 1.0)


def numbered(short):
    """A made-up verse layout in both languages, each line numbered (an anchor); the lines in
    ``short`` say less."""
    en = document([(f"And the keeper of the orchard number {k} walked along the river to the hill"
                    if k not in short else f"The keeper {k} slept") + (":" if k % 5 == 0 else ".")
                   for k in range(400)])
    zh = document([(f"第{k}号果园看守人沿着河边走到山上" if k not in short else f"第{k}号看守人睡了")
                   + ("，" if k % 5 == 0 else "。") for k in range(400)], "zh")
    return en, zh


def test_the_aligner_and_the_local_confidence_apply_the_factor():
    from align.aligner import SearchSettings, align
    from align.local import LocalConfidence

    en, zh = numbered({201, 202})
    result = align(en, zh)
    assert [(b.src, b.tgt) for b in result.beads] == [((k,), (k,)) for k in range(400)]
    sure = [b.confidence for k, b in enumerate(result.beads) if k not in (201, 202)]
    assert min(sure) > 0.95
    assert max(result.beads[201].confidence, result.beads[202].confidence) < 0.75
    beads = result.beads
    stretch = [((k,), (k,)) for k in range(199, 205)]
    local = LocalConfidence(en, zh, beads=beads).confidences(stretch, [0, 2, 3])
    plain = LocalConfidence(en, zh, beads=beads, settings=SearchSettings(fragments=False))
    assert local[0] > 0.95 and max(local[1:]) < 0.75
    assert min(plain.confidences(stretch, [2, 3])) > 0.95
