"""Known one-sided beads made from a gold alignment by deleting or inserting sentences."""
from __future__ import annotations

import pytest

from align.evaluate import unaligned_sentences
from align.model import Document, Sentence
from align.synthetic import delete_side, insert_sentence


def doc(texts, lang):
    return Document([Sentence(t, k, k + 1) for k, t in enumerate(texts)], lang)


SOURCE = doc(["甲", "乙", "丙", "丁"], "zh")
TARGET = doc(["A", "B1", "B2", "C", "D"], "en")
GOLD = [((0,), (0,)), ((1,), (1, 2)), ((2,), (3,)), ((3,), (4,))]


def texts(beads, source, target):
    return [(tuple(source.texts[i] for i in s), tuple(target.texts[j] for j in t))
            for s, t in beads]


def test_deleting_a_target_side_leaves_its_source_unaligned():
    changed = delete_side(SOURCE, TARGET, GOLD, 1, "tgt")
    assert changed.target.texts == ["A", "C", "D"]
    assert changed.source is SOURCE
    assert texts(changed.gold, changed.source, changed.target) == [
        (("甲",), ("A",)), (("乙",), ()), (("丙",), ("C",)), (("丁",), ("D",))]
    assert changed.made == {("src", 1)} == unaligned_sentences(changed.gold)


def test_deleting_a_source_side_leaves_every_target_sentence_of_the_bead_unaligned():
    changed = delete_side(SOURCE, TARGET, GOLD, 1, "src")
    assert changed.source.texts == ["甲", "丙", "丁"]
    assert texts(changed.gold, changed.source, changed.target) == [
        (("甲",), ("A",)), ((), ("B1",)), ((), ("B2",)), (("丙",), ("C",)), (("丁",), ("D",))]
    assert changed.made == {("tgt", 1), ("tgt", 2)}


@pytest.mark.parametrize("side", ["src", "tgt"])
def test_an_inserted_sentence_is_unaligned_and_the_rest_keeps_its_partners(side):
    extra = Sentence("外来句" if side == "src" else "A foreign sentence.", 0, 1)
    changed = insert_sentence(SOURCE, TARGET, GOLD, 1, side, extra)
    beads = texts(changed.gold, changed.source, changed.target)
    alone = (("外来句",), ()) if side == "src" else ((), ("A foreign sentence.",))
    assert beads == [(("甲",), ("A",)), (("乙",), ("B1", "B2")), alone, (("丙",), ("C",)),
                     (("丁",), ("D",))]
    assert changed.made == unaligned_sentences(changed.gold)


def test_bad_side_is_refused():
    with pytest.raises(ValueError):
        delete_side(SOURCE, TARGET, GOLD, 0, "left")


def test_concatenated_documents_keep_their_gold_with_offsets():
    from align.synthetic import concatenate

    source, target, gold = concatenate([(SOURCE, TARGET, GOLD), (SOURCE, TARGET, GOLD)])
    assert len(source) == 8 and len(target) == 10
    assert texts(gold, source, target) == texts(GOLD, SOURCE, TARGET) * 2
    assert len({s.paragraph for s in source.sentences}) == 8


def test_dropping_a_run_leaves_its_other_side_unaligned():
    from align.synthetic import drop_runs

    changed = drop_runs(SOURCE, TARGET, GOLD, [(1, 2, "src")])
    assert changed.source.texts == ["甲", "丁"]
    assert texts(changed.gold, changed.source, changed.target) == [
        (("甲",), ("A",)), ((), ("B1",)), ((), ("B2",)), ((), ("C",)), (("丁",), ("D",))]
    assert changed.made == {("tgt", 1), ("tgt", 2), ("tgt", 3)}
    with pytest.raises(ValueError):
        drop_runs(SOURCE, TARGET, GOLD, [(0, 2, "src"), (1, 1, "tgt")])
