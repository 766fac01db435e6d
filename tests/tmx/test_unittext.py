"""Plain units written as text are byte for byte what lxml writes for them."""
from __future__ import annotations

import io

import pytest

from align.evaluate import read_sentence_file
from align.model import Alignment, Bead
from tmx.model import Inline, Segment, Unit, Variant
from tmx.reader import iter_units
from tmx.writer import TMXWriter

FIXTURES = ["empty-sides", "inline-codes", "lang-attribute", "multilingual", "srclang-all",
            "zh-codes", "comments-cdata", "foreign-markup"]


def _write(units: list[Unit], srclang: str = "en-US", **options) -> tuple[bytes, TMXWriter]:
    buffer = io.BytesIO()
    with TMXWriter(buffer, srclang=srclang, creationdate="20240101T000000Z", **options) as out:
        for unit in units:
            out.write(unit)
    return buffer.getvalue(), out


def _both(units: list[Unit], monkeypatch, **options) -> tuple[bytes, bytes, int]:
    """The memory written with the text path, then with lxml alone (the plain computation),
    and how many units took the text path."""
    taken = []
    plain_text = TMXWriter._plain_text

    def counted(self, unit, parts):
        text = plain_text(self, unit, parts)
        taken.append(text is not None)
        return text

    with monkeypatch.context() as patch:
        patch.setattr(TMXWriter, "_plain_text", counted)
        fast, out = _write(units, **options)
    counts = (out.units_written, out.removed_characters, out.without_variants)
    with monkeypatch.context() as patch:
        patch.setattr(TMXWriter, "_plain_text", lambda self, unit, parts: None)
        plain, out = _write(units, **options)
    assert counts == (out.units_written, out.removed_characters, out.without_variants)
    return fast, plain, sum(taken)


def _bmp(start: int) -> str:
    return "".join(chr(c) for c in range(start, start + 256) if not 0xD800 <= c <= 0xDFFF)


def test_every_character_is_escaped_as_lxml_escapes_it(monkeypatch):
    units = []
    for start in range(0, 0x10000, 256):
        chars = _bmp(start)
        units.append(Unit(tuid=f"t{chars}", variants=[
            Variant("en-US", Segment.plain(f"a{chars}b")), Variant("zh-CN", Segment.plain(chars))],
            props=[(f"x-{chars}", chars), ("x-empty", "")], attrs={"changeid": chars}))
    units.append(Unit(tuid="astral", variants=[Variant("en", Segment.plain("\U0001F600 \U00020000"))],
                      props=[("x", "\U0010FFFF")]))
    fast, plain, taken = _both(units, monkeypatch)
    assert fast == plain and taken == len(units)
    assert b"&#13;" in fast and b"&#9;" in fast and b"&quot;" in fast and b"&gt;" in fast


def test_fixture_memories_are_written_the_same(monkeypatch):
    taken = 0
    for name in FIXTURES:
        units = list(iter_units(f"tests/tmx/fixtures/{name}.tmx"))
        for options in ({}, {"normalize_langs": False}, {"srclang": "zh-CN"}):
            fast, plain, count = _both(units, monkeypatch, **options)
            assert fast == plain, name
            taken += count
    assert taken > 10


def test_units_that_are_not_plain_take_lxml(monkeypatch):
    units = [
        Unit(tuid="1", variants=[Variant("en", Segment(("a", Inline("ph", (("x", "1"),), ("&",)), "b")))]),
        Unit(tuid="2", variants=[Variant("en", Segment.plain("a"), notes=["n"])], notes=["note"]),
        Unit(tuid="3", variants=[Variant("en", Segment.plain("a"), props=[("p", "v")])]),
        Unit(tuid="4", variants=[Variant("en", Segment.plain("a"), attrs={"changeid": "x"})]),
        Unit(tuid="5", variants=[Variant("en", Segment()), Variant("zh", Segment.plain("甲"))]),
        Unit(tuid="6", variants=[Variant("zh-TW", Segment.plain("甲")), Variant("en", Segment())]),
        Unit(tuid="7", variants=[Variant("en", Segment.plain("a\x0c\x01b"))]),
        Unit(tuid="8", variants=[]),
        Unit(tuid="9", variants=[Variant("en", Segment.plain("a"))], attrs={"srclang": "en"}),
    ]
    fast, plain, taken = _both(units, monkeypatch)
    assert fast == plain and taken == 3     # 5, 6 (the empty side left out) and 9
    _, out = _write(units)
    assert out.removed_characters == 2 and out.without_variants == 1


def test_a_language_tag_xml_cannot_carry_raises_as_before():
    unit = Unit(tuid="1", variants=[Variant("e\x01n", Segment.plain("a"))])
    with pytest.raises(ValueError):
        _write([unit], normalize_langs=False)


def test_aligned_units_are_written_the_same(corpora, monkeypatch):
    from concord.bitext import units_from_alignment

    stem = corpora / "releases" / "2022-01-14-spokesperson-press-conference"
    zh = read_sentence_file(f"{stem}.zh.sents", "zh")
    en = read_sentence_file(f"{stem}.en.sents", "en")
    beads = [Bead((k,), (k,), 0.5) for k in range(min(len(zh), len(en)) - 2)]
    beads += [Bead((len(zh) - 2, len(zh) - 1), ()), Bead((), (len(en) - 1,), 0.25)]
    units = list(units_from_alignment(Alignment(zh, en, beads), doc_id='d"<&>'))
    fast, plain, taken = _both(units, monkeypatch, srclang="zh-CN")
    assert fast == plain and taken == len(units) > 20
