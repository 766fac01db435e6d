"""concord.bitext: alignments to units, and memory files in and out, atomically."""
from __future__ import annotations

import pytest

from align.model import Alignment, Bead, Document, Sentence
from concord.bitext import read_memory, read_units, units_from_alignment, write_units
from tmx.errors import TMXError
from tmx.reader import read_header


@pytest.fixture
def alignment() -> Alignment:
    source = Document([Sentence("新港区今天开港。", 0, 3), Sentence("市长出席了仪式。", 1, 5),
                       Sentence("仪式持续一小时。", 1, 5)], "zh", "harbour.zh.txt")
    target = Document([Sentence("The new harbour district opened today.", 0, 3),
                       Sentence("The mayor attended the one-hour ceremony.", 1, 5),
                       Sentence("Photographs are available online.", 2, 7)], "en",
                      "harbour.en.txt")
    return Alignment(source, target, [Bead((0,), (0,), 0.9567), Bead((1, 2), (1,), 0.61),
                                      Bead((), (2,), 0.2)])


def test_units_from_alignment_carry_the_contract_properties(alignment):
    units = list(units_from_alignment(alignment, doc_id="harbour"))
    assert [u.tuid for u in units] == ["harbour:1", "harbour:2", "harbour:3"]
    assert units[0].langs == ["zh-CN", "en-US"]
    assert units[1].text("zh") == "市长出席了仪式。仪式持续一小时。"       # no space in Chinese
    assert units[1].props == [
        ("x-concord-doc", "harbour"), ("x-concord-paragraph", "1"), ("x-concord-bead", "2-1"),
        ("x-concord-src-ids", "1,2"), ("x-concord-tgt-ids", "1"),
        ("x-concord-confidence", "0.610"), ("x-concord-status", "unreviewed")]
    assert units[0].prop("x-concord-confidence") == "0.957"
    empty = units[2]
    assert empty.text("zh") == "" and empty.variant("zh") is not None      # kept, not dropped
    assert empty.prop("x-concord-bead") == "0-1"
    assert empty.prop("x-concord-paragraph") == "2"                        # from the target


def test_english_sentences_are_joined_with_one_space(alignment):
    flipped = Alignment(alignment.target, alignment.source,
                        [Bead((0, 1), (0,), 0.5), Bead((2,), (1, 2), 0.5)])
    units = list(units_from_alignment(flipped, doc_id="d", src_tag="en-GB", tgt_tag="zh-Hans",
                                      status="confirmed"))
    assert units[0].text("en") == ("The new harbour district opened today. The mayor attended "
                                   "the one-hour ceremony.")
    assert units[0].langs == ["en-GB", "zh-Hans"]
    assert units[0].prop("x-concord-status") == "confirmed"


@pytest.mark.parametrize("name", ["m.tmx", "m.po", "m.jsonl", "m.tsv"])
def test_write_and_read_every_format(tmp_path, alignment, name):
    units = list(units_from_alignment(alignment, doc_id="harbour"))
    summary = write_units(units, tmp_path / name)
    assert (summary.units, summary.empty_sided) == (3, 1)
    back = list(read_units(tmp_path / name))
    assert [(u.text("zh"), u.text("en")) for u in back] == [(u.text("zh"), u.text("en"))
                                                           for u in units]


def test_moses_takes_a_prefix(tmp_path, alignment):
    units = list(units_from_alignment(alignment, doc_id="harbour"))
    summary = write_units(units, tmp_path / "corpus", fmt="moses")
    assert summary.paths == [tmp_path / "corpus.zh", tmp_path / "corpus.en"]
    assert (tmp_path / "corpus.en").read_text(encoding="utf-8").splitlines()[2] == \
        "Photographs are available online."
    back = list(read_units(tmp_path / "corpus"))      # found as a Moses prefix
    assert [u.text("en") for u in back] == [u.text("en") for u in units]


def test_tmx_header_source_language_comes_from_the_options_or_the_first_unit(tmp_path, alignment):
    units = list(units_from_alignment(alignment, doc_id="h"))
    write_units(units, tmp_path / "a.tmx")
    assert read_header(tmp_path / "a.tmx").srclang == "zh-CN"
    write_units(units, tmp_path / "b.tmx", src_lang="zh", tgt_lang="en")
    assert read_header(tmp_path / "b.tmx").srclang == "zh-CN"


def test_an_error_while_writing_leaves_no_file(tmp_path, alignment):
    def failing():
        yield from units_from_alignment(alignment, doc_id="h")
        raise TMXError("broken input", path="in.tmx", line=9)
    for name in ("x.tmx", "x.po", "x.jsonl", "x.tsv"):
        with pytest.raises(TMXError):
            write_units(failing(), tmp_path / name)
    with pytest.raises(TMXError):
        write_units(failing(), tmp_path / "corpus", fmt="moses")
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_survives_a_failed_write(tmp_path, alignment):
    target = tmp_path / "keep.tmx"
    target.write_text("old content", encoding="utf-8")

    def failing():
        yield next(units_from_alignment(alignment, doc_id="h"))
        raise TMXError("broken")
    with pytest.raises(TMXError):
        write_units(failing(), target)
    assert target.read_text(encoding="utf-8") == "old content"


def test_unknown_formats_are_input_errors(tmp_path):
    with pytest.raises(TMXError, match="cannot tell the format"):
        write_units([], tmp_path / "out.xyz")
    odd = tmp_path / "in.xyz"
    odd.write_text("nothing recognisable", encoding="utf-8")
    with pytest.raises(TMXError, match="cannot tell the format"):
        read_units(odd)
    with pytest.raises(TMXError, match="no such file"):
        read_units(tmp_path / "missing.dat")


def test_read_memory_sniffs_content_and_exposes_the_header(tmp_path, alignment):
    units = list(units_from_alignment(alignment, doc_id="h"))
    write_units(units, tmp_path / "m.tmx")
    (tmp_path / "m.tmx").rename(tmp_path / "memory.xml")
    memory = read_memory(tmp_path / "memory.xml")
    assert memory.fmt == "tmx"
    assert len(list(memory.units)) == 3
    assert memory.srclang() == "zh-CN"
