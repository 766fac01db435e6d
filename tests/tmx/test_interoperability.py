"""Other tools accept what we write: Translate Toolkit reads our TMX and PO with the same pairs,
gettext's msgfmt --check accepts our PO, the reference TMX 1.4 DTD accepts our TMX, and
TMX → PO → TMX and TMX → JSONL → TMX keep every segment, inline code and property."""
from __future__ import annotations

import shutil
import subprocess

import polib
import pytest
from lxml import etree

from concord.bitext import read_units, write_units
from tmx.model import Inline, Segment, Unit
from tmx.reader import iter_units

translate_tmx = pytest.importorskip("translate.storage.tmx", reason="translate-toolkit is not "
                                    "installed (pip install -e '.[test]')")
translate_po = pytest.importorskip("translate.storage.po")

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def flat(segment: Segment) -> str:
    """The segment as Translate Toolkit flattens it: native code text kept inline."""
    def part(p):
        if isinstance(p, str):
            return p
        return p.text if p.tag == "hi" else p.code
    return "".join(part(p) for p in segment.parts)


@pytest.fixture
def release_units() -> list[Unit]:
    """Plain units as an alignment gives them, with an empty side and a repeated sentence."""
    texts = [("外交部发言人介绍了访问安排。", "The spokesperson outlined the visit."),
             ("双方将签署多项合作文件。", "The two sides will sign several cooperation documents."),
             ("谢谢。", "Thank you."), ("谢谢。", "Thank you."),
             ("", "A line only the English version has."),
             ('他说："合作是双赢的。"', 'He said: "Cooperation is a win-win."')]
    return [Unit.bilingual(f"rel:{n}", "zh-CN", zh, "en-US", en,
                           props=[("x-concord-doc", "rel"), ("x-concord-paragraph", "1"),
                                  ("x-concord-status", "unreviewed"),
                                  ("x-concord-confidence", "0.800")])
            for n, (zh, en) in enumerate(texts, 1)]


def test_translate_toolkit_reads_our_tmx_with_the_same_pairs(tmp_path, release_units,
                                                             sample_units):
    path = tmp_path / "ours.tmx"
    units = release_units + sample_units
    write_units(units, path)
    with open(path, "rb") as handle:
        store = translate_tmx.tmxfile(handle)
    assert len(store.units) == len(units)
    for ours, theirs in zip(units, store.units):
        assert theirs.getid() == ours.tuid
        written = [v for v in ours.variants if v.segment.parts]
        if len(written) == 1:       # a one-sided bead: its empty side is left out, no target
            assert (theirs.source, theirs.target) == (flat(written[0].segment), None)
            continue
        assert theirs.source == flat(ours.variants[0].segment)
        assert theirs.target == flat(ours.variants[1].segment)   # TT: the second variant


def test_translate_toolkit_reads_our_po_with_the_same_pairs(tmp_path, release_units):
    path = tmp_path / "ours.po"
    write_units(release_units, path)
    with open(path, "rb") as handle:
        store = translate_po.pofile(handle)
    units = [u for u in store.units if not u.isheader()]
    assert [(u.source, u.target) for u in units] == [(r.text("zh"), r.text("en"))
                                                     for r in release_units]
    assert all(u.isfuzzy() for u in units)                       # unreviewed
    assert units[0].getcontext() == "rel, paragraph 1"
    assert units[3].getcontext() == "rel, paragraph 1 [rel:4]"   # the repeated sentence


@pytest.mark.skipif(shutil.which("msgfmt") is None,
                    reason="gettext's msgfmt is not installed (apt-get install gettext; "
                           "scripts/test installs it)")
def test_msgfmt_check_accepts_our_po(tmp_path, release_units, sample_units):
    path = tmp_path / "ours.po"
    write_units(release_units + sample_units, path)
    done = subprocess.run(["msgfmt", "--check", "-o", str(tmp_path / "ours.mo"), str(path)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


@pytest.mark.skipif(shutil.which("msgfmt") is None,
                    reason="gettext's msgfmt is not installed (apt-get install gettext; "
                           "scripts/test installs it)")
def test_msgfmt_accepts_confirmed_entries_whose_line_breaks_differ(tmp_path):
    confirmed = [("x-concord-status", "confirmed")]
    units = [Unit.bilingual("a", "zh-CN", "第一行\n", "en-US", "Line one", props=confirmed),
             Unit.bilingual("b", "zh-CN", "第二行", "en-US", "\nLine two", props=confirmed),
             Unit.bilingual("c", "zh-CN", "第三行\n", "en-US", "Line three\n", props=confirmed)]
    path = tmp_path / "breaks.po"
    write_units(units, path)
    done = subprocess.run(["msgfmt", "--check", "-o", str(tmp_path / "breaks.mo"), str(path)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    fuzzy = [e.msgid for e in polib.pofile(str(path)) if "fuzzy" in e.flags]
    assert fuzzy == ["第一行\n", "第二行"]
    # written fuzzy for msgfmt's sake only: the units come back confirmed, and whole
    assert list(read_units(path)) == units


def test_our_tmx_is_valid_against_the_reference_dtd(tmp_path, release_units, sample_units,
                                                    shared):
    path = tmp_path / "ours.tmx"
    write_units(release_units + sample_units, path)
    dtd = etree.DTD(str(shared / "reference" / "tmx14.dtd"))
    tree = etree.parse(str(path))
    assert dtd.validate(tree), dtd.error_log.filter_from_errors()
    # the DTD lets <tuv lang> pass, so check xml:lang ourselves
    assert all(tuv.get(XML_LANG) for tuv in tree.iter("tuv"))


@pytest.mark.parametrize("middle", ["po", "jsonl"])
def test_round_trips_keep_every_segment_code_and_property(tmp_path, sample_units,
                                                          release_units, middle):
    units = sample_units + release_units
    first = tmp_path / "first.tmx"
    write_units(units, first)
    write_units(iter_units(first), tmp_path / f"middle.{middle}")
    write_units(read_units(tmp_path / f"middle.{middle}"), tmp_path / "second.tmx")
    again = list(iter_units(tmp_path / "second.tmx"))
    original = list(iter_units(first))
    for unit in again + original:
        unit.line = None
    assert again == original
    assert again == units
    codes = [c for u in again for v in u.variants for c in v.segment.inlines()]
    assert {c.tag for c in codes} == {"bpt", "ept", "hi", "ph"}
    # the TMX files are byte-identical but for the creation date
    strip = lambda p: [ln for ln in p.read_text(encoding="utf-8").splitlines()   # noqa: E731
                       if "creationdate=" not in ln]
    assert strip(first) == strip(tmp_path / "second.tmx")


def test_wild_inline_codes_survive_po(tmp_path, fixtures):
    units = list(iter_units(fixtures / "inline-codes.tmx"))
    write_units(units, tmp_path / "codes.po", src_lang="zh-CN", tgt_lang="en-US")
    back = list(read_units(tmp_path / "codes.po"))
    assert [u.variants for u in back] == [
        [v.__class__(("zh-CN", "en-US")[i], v.segment, v.props, v.notes, v.attrs)
         for i, v in enumerate(u.variants)] for u in units]
    assert back[4].segment("en").parts[1].content[1] == Inline("sub", (), ("The port at night",))
