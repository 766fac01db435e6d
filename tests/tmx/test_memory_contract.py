"""The contract every memory format of the registry keeps, run against each one alike (as
Translate Toolkit's per-format store tests do): what is written reads back — text, languages,
and the inline codes and properties where the format carries them. Engine only: no concord."""
from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

from tmx import MEMORY_FORMATS
from tmx import props as P
from tmx.memory import REGISTRY, Memory, ReadOptions, open_memory, output_paths
from tmx.model import Inline, Segment, Unit

#: what each format carries besides the text: inline codes, the x-concord-* properties
KEEPS = {"tmx": {"codes", "props"}, "po": {"codes", "props"}, "tsv": {"props"},
         "jsonl": {"codes", "props"}, "moses": set()}
ZH, EN = "zh-CN", "en-US"


def _units() -> list[Unit]:
    bold = Inline("bpt", (("i", "1"),), ("<b>",))
    close = Inline("ept", (("i", "1"),), ("</b>",))
    coded = Segment(("The ", bold, "Belt and Road", close, " Initiative"))
    first = Unit.bilingual("doc:1", ZH, "“一带一路”倡议", EN, coded)
    first.set_prop(P.CONFIDENCE, "0.93")
    first.set_prop(P.DOC, "doc")
    second = Unit.bilingual("doc:2", ZH, "中方愿同各方一道努力。", EN,
                            "China is ready to work with all parties.")
    second.set_prop(P.CONFIDENCE, "0.41")
    second.set_prop(P.DOC, "doc")
    return [first, second]


def _round_trip(fmt: str, tmp_path: Path) -> tuple[list[Unit], Memory]:
    spec = REGISTRY[fmt]
    paths = output_paths(tmp_path / f"memory.{fmt}", fmt, ZH, EN)
    with contextlib.ExitStack() as stack:
        streams = [stack.enter_context(open(p, "wb") if spec.binary else  # noqa: SIM115
                                       open(p, "w", encoding="utf-8")) for p in paths]  # noqa: SIM115
        with spec.writer(streams, ZH, EN) as writer:
            writer.write_all(_units())
    memory = open_memory(tmp_path / f"memory.{fmt}", fmt, ReadOptions(src_lang=ZH, tgt_lang=EN))
    return list(memory.units), memory


def test_the_registry_holds_every_format_the_command_line_offers():
    assert tuple(REGISTRY) == MEMORY_FORMATS == tuple(KEEPS)


@pytest.mark.parametrize("fmt", MEMORY_FORMATS)
def test_text_and_languages_read_back(fmt, tmp_path):
    units, memory = _round_trip(fmt, tmp_path)
    assert memory.fmt == fmt
    assert [(u.text(ZH), u.text(EN)) for u in units] == [(u.text(ZH), u.text(EN)) for u in _units()]
    assert all(u.langs == [ZH, EN] for u in units)


@pytest.mark.parametrize("fmt", MEMORY_FORMATS)
def test_inline_codes_read_back_where_the_format_keeps_them(fmt, tmp_path):
    units, _ = _round_trip(fmt, tmp_path)
    written = _units()[0].segment(EN)
    read = units[0].segment(EN)
    if "codes" in KEEPS[fmt]:
        assert read == written
    else:
        assert not read.has_codes and read.text == written.text


@pytest.mark.parametrize("fmt", MEMORY_FORMATS)
def test_properties_read_back_where_the_format_keeps_them(fmt, tmp_path):
    units, _ = _round_trip(fmt, tmp_path)
    confidences = [u.prop(P.CONFIDENCE) for u in units]
    if "props" in KEEPS[fmt]:
        assert confidences == ["0.93", "0.41"] and [u.prop(P.DOC) for u in units] == ["doc", "doc"]
    else:
        assert confidences == [None, None]
