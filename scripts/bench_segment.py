#!/usr/bin/env python3
"""Segmentation benchmark: agreement with gold sentence boundaries, and speed.

For each gold set and language side, every document's lines are turned back into paragraphs
(a line without sentence-final punctuation stands alone, the others are joined: with a space in
English, with nothing in Chinese), split again, and compared with where the gold lines met.
Reports the share of gold boundaries recovered, the share of spurious boundaries among those
produced, and sentences per second of the splitter (the best of --repeat timed passes). Then times
the whole reading path (decode, paragraphs, kinds, sentences: ``read_document``) on the raw white
papers in ../shared/corpora/raw.

Usage: .venv/bin/python scripts/bench_segment.py [--shared ../shared] [--sets pol-dev ...]
       [--repeat 5] [--show N]
"""
from __future__ import annotations

import argparse
import sys
import time
from difflib import SequenceMatcher
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from align.document import read_document  # noqa: E402
from align.segment import split_sentences  # noqa: E402
from align.segment_eval import SegmentationScore, disagreements, gold_paragraphs, score_document  # noqa: E402

#: (set, file extension, language); wmt22 has two independent Chinese translations
SIDES = {
    "pol-dev": [("zh", "zh"), ("en", "en")],
    "wmt22-news-enzh": [("zhA", "zh"), ("zhB", "zh"), ("en", "en")],
    "mac-dev": [("zh", "zh"), ("en", "en")],
}
TARGET_RECOVERED, TARGET_SPURIOUS = 0.98, 0.01


def measure(files: list[Path], lang: str, repeat: int) -> tuple[SegmentationScore, float]:
    """Boundary agreement over ``files`` and the best sentences/second over ``repeat`` passes."""
    score = SegmentationScore()
    texts = []
    for path in files:
        lines = path.read_text(encoding="utf-8").splitlines()
        score.add(score_document(lines, lang))
        sep = "" if lang == "zh" else " "
        texts += [sep.join(p) for p in gold_paragraphs(lines, lang)]
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for text in texts:
            split_sentences(text, lang)
        best = min(best, time.perf_counter() - start)
    return score, score.sentences / best if best > 0 else float("inf")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                        help="the shared data directory (default: ../shared)")
    parser.add_argument("--sets", nargs="+", default=["pol-dev", "wmt22-news-enzh"],
                        choices=sorted(SIDES), help="gold sets to measure")
    parser.add_argument("--repeat", type=int, default=5, help="timed passes (best is kept)")
    parser.add_argument("--show", type=int, default=0, metavar="N",
                        help="print up to N disagreeing paragraphs per side")
    args = parser.parse_args()
    gold = args.shared / "corpora" / "gold"
    if not gold.is_dir():
        print(f"bench_segment: no gold data at {gold}", file=sys.stderr)
        return 2
    print(f"{'set':18} {'side':4} {'docs':>4} {'sents':>6} {'gold bd':>8} {'recovered':>9} "
          f"{'spurious':>8} {'sents/s':>9}  target")
    ok = True
    for name in args.sets:
        for ext, lang in SIDES[name]:
            files = sorted((gold / name).glob(f"*.{ext}"))
            score, speed = measure(files, lang, args.repeat)
            met = score.recovered >= TARGET_RECOVERED and score.spurious <= TARGET_SPURIOUS
            ok &= met
            print(f"{name:18} {ext:4} {len(files):4d} {score.sentences:6d} {score.gold:8d} "
                  f"{score.recovered:9.2%} {score.spurious:8.2%} {speed:9.0f}  "
                  f"{'met' if met else 'MISSED'}")
            shown = 0
            for path in files:
                for want, got in disagreements(path.read_text(encoding="utf-8").splitlines(), lang):
                    if shown >= args.show:
                        break
                    shown += 1
                    print(f"  -- {path.name}")
                    for tag, a, b, c, d in SequenceMatcher(a=want, b=got).get_opcodes():
                        if tag != "equal":
                            print(f"     gold: {want[a:b]}\n     ours: {got[c:d]}")
    raw = sorted((args.shared / "corpora" / "raw").glob("*/*.txt"))
    if raw:
        sizes = sum(p.stat().st_size for p in raw)
        best, count = float("inf"), 0
        for _ in range(args.repeat):
            start = time.perf_counter()
            count = sum(len(read_document(p)) for p in raw)
            best = min(best, time.perf_counter() - start)
        print(f"\nread_document on {len(raw)} raw files ({sizes / 1e3:.0f} kB): {count} sentences "
              f"in {best * 1e3:.0f} ms = {count / best:,.0f} sentences/s, "
              f"{sizes / 1e6 / best:.1f} MB/s")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
