"""Fixtures for the memory-format tests: our hand-written wild files and small memories."""
from __future__ import annotations

from pathlib import Path

import pytest

from tmx.model import Inline, Segment, Unit, Variant

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def fixtures() -> Path:
    """The directory of hand-written TMX files (each one a case found in the wild)."""
    return FIXTURES


def bold(i: str, text: str) -> tuple:
    """``text`` between a bpt/ept pair carrying ``<b>``/``</b>``."""
    return (Inline("bpt", (("i", i), ("type", "bold")), ("<b>",)), text,
            Inline("ept", (("i", i),), ("</b>",)))


@pytest.fixture
def sample_units() -> list[Unit]:
    """Units exercising everything a memory can hold: Concord properties, notes, inline codes,
    an empty side, a third language, unit and variant attributes."""
    props = [("x-concord-doc", "harbour-2024"), ("x-concord-paragraph", "0"),
             ("x-concord-bead", "1-1"), ("x-concord-src-ids", "0"),
             ("x-concord-tgt-ids", "0"), ("x-concord-confidence", "0.912"),
             ("x-concord-status", "confirmed")]
    return [
        Unit.bilingual("harbour-2024:1", "zh-CN", "新港区今天正式开港。", "en-US",
                       "The new harbour district opened today.", props=props),
        Unit.bilingual("harbour-2024:2", "zh-CN",
                       Segment(("请点击", *bold("1", "保存"), "。")), "en-US",
                       Segment(("Please click ", *bold("1", "Save"), ".")),
                       props=[("x-concord-status", "unreviewed"),
                              ("x-concord-confidence", "0.420")],
                       notes=["warning term-missing: 港区 has no rendering"]),
        Unit.bilingual("harbour-2024:3", "zh-CN", "", "en-US",
                       "A sentence only the English release has.",
                       props=[("x-concord-bead", "0-1"), ("x-concord-status", "unreviewed")]),
        Unit("harbour-2024:4",
             [Variant("zh-CN", Segment.plain("港口夜景很美。"), props=[("x-note", "a")]),
              Variant("zh-TW", Segment.plain("港口夜景很美。"), notes=["traditional"]),
              Variant("en-US", Segment(("The harbour ", Inline("hi", (("type", "term"),),
                                                               ("at night",)),
                                        " is beautiful", Inline("ph", (("x", "2"),),
                                                                ("<br/>",)))),
                      attrs={"changedate": "20240301T120000Z"})],
             props=[("x-concord-doc", "harbour-2024")],
             attrs={"creationdate": "20240229T080000Z", "usagecount": "3"}),
    ]
