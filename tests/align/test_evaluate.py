"""Gold reading and the Vecalign/Bertalign strict and lax scores."""
from __future__ import annotations

import pytest

from align.errors import InputError
from align.evaluate import (discover_gold, format_bead, parse_beads, read_beads,
                            read_sentence_file, score_documents)


def test_parse_both_spellings_and_empty_sides():
    beads = parse_beads("[0,1]:[0]\n[4]:[4, 5]\n[]:[6]\n[7]:[]\n")
    assert beads == [((0, 1), (0,)), ((4,), (4, 5)), ((), (6,)), ((7,), ())]
    assert [format_bead(*b) for b in beads] == ["[0, 1]:[0]", "[4]:[4, 5]", "[]:[6]", "[7]:[]"]


def test_bad_line_names_file_and_line():
    with pytest.raises(InputError) as err:
        parse_beads("[0]:[0]\n[1]-[1]\n", path="x.align")
    assert str(err.value).startswith("x.align:2:")


def test_identical_alignment_scores_one():
    gold = [((0,), (0,)), ((1,), (1, 2)), ((2,), ())]
    score = score_documents([(gold, gold)])
    assert score.f1_strict == 1.0 and score.f1_lax == 1.0


def test_counts_as_vecalign_does():
    gold = [((0,), (0,)), ((1,), (1, 2))]
    test = [((0,), (0,)), ((1,), (1,)), ((), (2,))]
    score = score_documents([(gold, test)])
    # precision over all three test beads: one exact, 1-1 overlaps a gold bead (lax), 0-1 is wrong
    assert score.precision_strict == pytest.approx(1 / 3)
    assert score.precision_lax == pytest.approx(2 / 3)
    # recall over gold beads with both sides: one of two found exactly, both overlap
    assert score.recall_strict == pytest.approx(1 / 2)
    assert score.recall_lax == pytest.approx(1.0)
    assert score.f1_strict == pytest.approx(2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2))


def test_scores_are_micro_averaged_over_documents():
    doc_a = ([((0,), (0,))] * 1, [((0,), (0,))])
    doc_b = ([((k,), (k,)) for k in range(9)], [((k,), (k + 1,)) for k in range(9)])
    # 1 of 10 beads right: micro-average 0.1 (a macro-average would give 0.5)
    assert score_documents([doc_a, doc_b]).precision_strict == pytest.approx(0.1)


def test_bead_type_counts():
    gold = [((0,), (0,)), ((1,), (1, 2))]
    test = [((0,), (0,)), ((1,), (1,)), ((), (2,))]
    types = score_documents([(gold, test)]).as_dict()["bead_types"]
    assert types["1-1"] == {"gold": 1, "test": 2, "correct": 1}
    assert types["1-2"] == {"gold": 1, "test": 0, "correct": 0}
    assert types["0-1"] == {"gold": 0, "test": 1, "correct": 0}


def test_discovery_of_both_layouts(tmp_path):
    (tmp_path / "a.zh").write_text("一\n二\n", encoding="utf-8")
    (tmp_path / "a.en").write_text("one\ntwo\nthree\n", encoding="utf-8")
    (tmp_path / "a.align").write_text("[0]:[0]\n[1]:[1, 2]\n", encoding="utf-8")
    (tmp_path / "news.en").write_text("one\ntwo\n", encoding="utf-8")
    (tmp_path / "news.zhA").write_text("一\n二\n", encoding="utf-8")
    (tmp_path / "news.zhB").write_text("壹\n贰\n", encoding="utf-8")
    docs = {d.name: d for d in discover_gold(tmp_path)}
    assert set(docs) == {"a", "news.zhA", "news.zhB"}
    assert docs["a"].source.name == "a.zh"          # Chinese ids first
    assert docs["news.zhA"].source.name == "news.en"
    assert docs["news.zhB"].gold(2, 2) == [((0,), (0,)), ((1,), (1,))]


def test_english_first_beads_are_recognised(tmp_path):
    (tmp_path / "b.zh").write_text("一\n二\n三\n", encoding="utf-8")
    (tmp_path / "b.en").write_text("one\ntwo\n", encoding="utf-8")
    (tmp_path / "b.align").write_text("[0]:[0]\n[1]:[1, 2]\n", encoding="utf-8")  # ids fit en->zh only
    (doc,) = discover_gold(tmp_path)
    assert doc.source.name == "b.en"


def test_empty_directory_is_an_input_error(tmp_path):
    with pytest.raises(InputError):
        discover_gold(tmp_path)


def test_unaligned_sentences_have_their_own_precision_and_recall():
    gold = [((0,), (0,)), ((1,), ()), ((2,), (1,)), ((), (2,)), ((3,), (3,))]
    # 1 glued to its neighbour, 0-1 of target 2 found, target 3 wrongly left out
    test = [((0, 1), (0,)), ((2,), (1,)), ((), (2,)), ((3,), ()), ((), (3,))]
    score = score_documents([(gold, test)])
    assert score.precision_unaligned == pytest.approx(1 / 3)
    assert score.recall_unaligned == pytest.approx(1 / 2)
    alone = score.as_dict()["unaligned"]
    assert (alone["gold"], alone["test"], alone["correct"]) == (2, 3, 1)
    # nothing unaligned on either side: precision and recall are undefined, not zero
    none = score_documents([(gold[:1], test[1:2])]).as_dict()["unaligned"]
    assert none["precision"] is None and none["recall"] is None


def test_a_line_separator_inside_a_gold_sentence_does_not_split_it(tmp_path):
    # U+2028 and a form feed end a line for str.splitlines, not for the gold's line numbering
    path = tmp_path / "a.zh"
    path.write_text("第一句。\n第二句\u2028还是第二句。\n第三句\f完。\n", encoding="utf-8")
    doc = read_sentence_file(path, "zh")
    assert [s.text for s in doc.sentences] == ["第一句。", "第二句\u2028还是第二句。", "第三句\f完。"]


@pytest.mark.parametrize("beads,line", [("[0]:[0]\n\n[5]:[1]\n", 3),   # no Chinese sentence 5
                                        ("[0]:[0, 3]\n", 1),           # no English sentence 3
                                        ("[-1]:[0]\n", 1)])
def test_a_gold_bead_outside_the_sentence_files_names_file_and_line(tmp_path, beads, line):
    (tmp_path / "a.zh").write_text("一。\n二。\n", encoding="utf-8")
    (tmp_path / "a.en").write_text("One.\nTwo.\n", encoding="utf-8")
    (tmp_path / "a.align").write_text(beads, encoding="utf-8")
    (doc,) = discover_gold(tmp_path)
    with pytest.raises(InputError) as err:
        doc.load()
    assert str(err.value).startswith(f"{tmp_path / 'a.align'}:{line}:")
    assert "sentence" in str(err.value)


def test_an_undecodable_gold_file_is_an_input_error(tmp_path):
    path = tmp_path / "a.align"
    path.write_bytes(b"[0]:[0]\n[1]:[1]\xff\xfe\n")
    with pytest.raises(InputError) as err:
        read_beads(path)
    assert str(err.value).startswith(f"{path}:2:")
