"""A small memory of our own sentences for the store tests."""
from __future__ import annotations

from pathlib import Path

from concord.bitext import write_units
from tmx.model import Inline, Segment, Unit

PAIRS = [
    ("新港区今天正式开港。", "The new harbour district opened today."),
    ("市长出席了开港仪式并致辞。", "The mayor attended the opening ceremony and gave a speech."),
    ("2023年全市生产总值增长5.2%。", "The city's output grew by 5.2 percent in 2023."),
    ("外交部发言人在例行记者会上回答了提问。",
     "The Foreign Ministry spokesperson answered questions at the regular press conference."),
    ("国务委员兼外长王毅会见了来访的代表团。",
     "State Councilor and Foreign Minister Wang Yi met the visiting delegation."),
    ("双方同意加强在港口建设领域的合作。",
     "The two sides agreed to strengthen cooperation in port construction."),
    ("新的集装箱码头将于明年投入使用。", "The new container terminal will open next year."),
    ("港口管理局发布了年度报告。", "The port authority released its annual report."),
    ("渔民们在码头上出售当天的渔获。", "Fishermen sell the day's catch on the quay."),
    ("夜间的港口灯火通明。", "At night the harbour is brightly lit."),
    ("王毅表示，中方愿同各方一道努力。",
     "Wang Yi said that China is willing to work with all parties."),
    ("会议通过了关于港口安全的决议。", "The meeting adopted a resolution on port safety."),
]


def harbour_units(doc: str = "harbour", status: str = "unreviewed",
                  date: str = "20240301T120000Z") -> list[Unit]:
    """One unit per pair of :data:`PAIRS`, and one with inline codes."""
    units = []
    for n, (zh, en) in enumerate(PAIRS, 1):
        unit = Unit.bilingual(f"{doc}:{n}", "zh-CN", zh, "en-US", en,
                              props=[("x-concord-doc", doc), ("x-concord-status", status),
                                     ("x-concord-confidence", f"{0.5 + n / 40:.3f}")])
        unit.attrs["creationdate"] = date
        units.append(unit)
    bold = Inline("bpt", (("i", "1"), ("type", "bold")), ("<b>",))
    end = Inline("ept", (("i", "1"),), ("</b>",))
    coded = Unit.bilingual(f"{doc}:codes", "zh-CN", Segment(("请点击", bold, "保存", end, "按钮。")),
                           "en-US", Segment(("Please click the ", bold, "Save", end, " button.")),
                           props=[("x-concord-doc", doc), ("x-concord-status", status)])
    coded.attrs["creationdate"] = date
    return units + [coded]


def write_memory(path: Path, units: list[Unit] | None = None) -> Path:
    write_units(harbour_units() if units is None else units, path)
    return path
