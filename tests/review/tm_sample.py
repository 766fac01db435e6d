"""A translation-memory store for the review panel tests: our own units close to the sample
pair's beads (another date, another partner)."""
from __future__ import annotations

from pathlib import Path

from concord.bitext import write_units
from concord.tm import open_store
from tmx.model import Unit

UNITS = [
    ("before:1", "2022年3月2日，国务委员兼外长王毅在北京会见来访的海港国外长林德。",
     ("On March 2, 2022, State Councilor and Foreign Minister Wang Yi met in Beijing with "
      "visiting Foreign Minister Linde of Harbourland.")),
    ("before:2", "国务委员兼外长王毅会见山谷国外长",
     "State Councilor and Foreign Minister Wang Yi Meets with Foreign Minister of Valleyland"),
    ("before:3", "双方还就国际形势交换了意见。",
     "The two sides also exchanged views on the international situation."),
    ("before:4", "海港国是重要的能源伙伴。", "Harbourland is an important energy partner."),
]


def tm_store(folder: Path) -> Path:
    """An SQLite store holding :data:`UNITS`."""
    memory = folder / "before.tmx"
    write_units([Unit.bilingual(t, "zh-CN", zh, "en-US", en,
                                props=[("x-concord-doc", "before")])
                 for t, zh, en in UNITS], memory)
    path = folder / "before.db"
    with open_store(str(path), create=True) as store, store.transaction():
        from concord.bitext import read_units
        from concord.tm.store import ImportSummary
        store.import_units(read_units(memory), str(memory), ImportSummary())
    return path
