"""Where reviews come from: review file names, memory files read back into beads."""
from __future__ import annotations

from pathlib import Path

import pytest

from concord.errors import UsageError
from concord.review.sources import (check_inputs_match, default_review_path, input_record,
                                    session_from_memory, shared_stem)
from tmx.model import Unit


@pytest.mark.parametrize("names,stem", [
    (["release.zh.txt", "release.en.txt"], "release"),
    (["2022-01-14-call.zh.txt", "2022-01-14-call.en.html"], "2022-01-14-call"),
    (["chinese.txt", "english.txt"], "chinese+english"),
    (["memory.tmx"], "memory"),
    (["a.b.tmx"], "a.b"),
])
def test_shared_stem(names, stem):
    assert shared_stem(names) == stem


def test_the_review_file_goes_next_to_the_first_input(tmp_path):
    zh, en = tmp_path / "x.zh.txt", tmp_path / "sub" / "x.en.txt"
    assert default_review_path([str(zh), str(en)]) == tmp_path / "x.review.jsonl"


def test_inputs_are_recognised_by_content(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("一。", encoding="utf-8")
    b.write_text("One.", encoding="utf-8")
    meta = {"inputs": input_record([str(a), str(b)])}
    check_inputs_match(meta, [str(a), str(b)], tmp_path / "r")
    b.write_text("One!", encoding="utf-8")
    with pytest.raises(UsageError, match=r"another version of .*b\.txt"):
        check_inputs_match(meta, [str(a), str(b)], tmp_path / "r")


def write_memory(path: Path, units: list[Unit]) -> None:
    from concord.bitext import write_units
    write_units(units, path, src_lang="zh-CN", tgt_lang="en-US")


def test_a_memory_becomes_one_bead_per_unit_with_status_and_confidence(tmp_path):
    path = tmp_path / "m.tmx"
    write_memory(path, [
        Unit.bilingual("1", "zh-CN", "第一句。", "en-US", "The first.",
                       props=[("x-concord-status", "confirmed"), ("x-concord-confidence", "0.812"),
                              ("x-concord-paragraph", "0")]),
        Unit.bilingual("2", "zh-CN", "第二句。第三句。", "en-US", "The second and third.",
                       props=[("x-concord-bead", "2-1"), ("x-concord-paragraph", "1")]),
        Unit.bilingual("3", "zh-CN", "没有译文。", "en-US", ""),
    ])
    session = session_from_memory(str(path), meta={"doc_id": "m"})
    assert [b.kind for b in session.beads] == ["1-1", "2-1", "1-0"]
    assert [session.source.sentences[i].text for i in session.beads[1].src] == ["第二句。", "第三句。"]
    assert session.beads[0].status == "confirmed" and session.beads[0].confidence == 0.812
    assert session.beads[1].status == "unconfirmed" and session.beads[1].confidence is None
    assert session.source.lang == "zh" and session.target.lang == "en"
    assert session.source.sentences[2].paragraph == 1
    assert session.meta["origin"] == "memory"


def test_an_empty_memory_is_refused(tmp_path):
    path = tmp_path / "empty.tmx"
    write_memory(path, [])
    with pytest.raises(UsageError, match="no unit with two languages"):
        session_from_memory(str(path), meta={})
