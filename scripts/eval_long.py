#!/usr/bin/env python3
"""Long documents made of different texts: does the aligner keep its path over 5k-40k sentences?

Each long document concatenates gold documents of ../shared (pol-dev, mac-dev, wmt22-news-enzh,
bible-en-zh), in a shuffled order, every part turned to one direction, then deletes one side of
runs of consecutive gold beads (3-30 beads every ~300 beads, a paragraph one translation leaves
out, a few runs of 80-200 beads, a missing chapter, and in the longer documents one or two
of 600-1,500 beads), with the gold renumbered to match. Built
here from ../shared each time, never stored. Reported per document: sentences, strict/lax F1,
the first source sentence where the path leaves the gold for good (if it does), wall time and
the aligner's warnings.

Usage: .venv/bin/python scripts/eval_long.py [--shared ../shared] [--sizes 5k 17k 35k]
       [--scorer lexical] [--seed 1] [--pieces | --no-pieces]
"""
from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from align.aligner import align  # noqa: E402
from align.evaluate import BeadIds, discover_gold, score_documents  # noqa: E402
from align.model import Document  # noqa: E402
from align.scoring import make_scorer  # noqa: E402
from align.synthetic import concatenate, drop_runs  # noqa: E402

Part = tuple[Document, Document, list[BeadIds]]
#: what each long document is made of: gold sets, Chinese translation(s) of wmt22 (one per
#: listing), source language, and how many long passages (600-1,500 beads) one side leaves out
SIZES = {
    "5k": (["pol-dev", "mac-dev", "wmt22-news-enzh"], ["zhA"], "zh", 0),
    "17k": (["pol-dev", "mac-dev", "wmt22-news-enzh", "bible-en-zh"], ["zhA"], "en", 1),
    "35k": (["pol-dev", "mac-dev", "wmt22-news-enzh", "bible-en-zh"] * 2, ["zhA", "zhB"], "zh",
            2),
}


def load_parts(shared: Path, sets: list[str], translations: list[str], source_lang: str,
               rng: random.Random) -> list[Part]:
    """The gold documents of ``sets`` (each set once per listing), every one turned so that
    ``source_lang`` is its source; wmt22 takes one Chinese translation per listing."""
    parts: list[Part] = []
    wmt_round = 0
    for name in sets:
        for doc in discover_gold(shared / "corpora" / "gold" / name):
            wanted = "." + translations[wmt_round % len(translations)]
            if name.startswith("wmt22") and not doc.name.endswith(wanted):
                continue
            source, target, gold = doc.load()
            if source.lang != source_lang:
                source, target = target, source
                gold = [(t, s) for s, t in gold]
            parts.append((source, target, gold))
        if name.startswith("wmt22"):
            wmt_round += 1
    rng.shuffle(parts)
    return parts


def damage(source: Document, target: Document, gold: list[BeadIds], rng: random.Random,
           passages: int):
    """Delete one side of runs of beads: paragraphs every ~300 beads, chapters now and then,
    and ``passages`` long passages (at evenly spread places)."""
    long_at = {int(len(gold) * (k + 1) / (passages + 1)) for k in range(passages)}
    runs, x = [], rng.randrange(50, 300)
    while x < len(gold) - 250:
        if any(x <= at < x + 500 for at in long_at):
            count = rng.randint(600, 1500)
            long_at = {at for at in long_at if not x <= at < x + 500}
        elif rng.random() < 0.08:
            count = rng.randint(80, 200)
        else:
            count = rng.randint(3, 30)
        runs.append((x, count, rng.choice(("src", "tgt"))))
        x += count + rng.randrange(100, 500)
    return drop_runs(source, target, gold, runs), runs


def lost_from(gold: list[BeadIds], test: list[BeadIds], stretch: int = 200) -> int | None:
    """The first gold source sentence from which no gold 1-1 bead of the next ``stretch`` is
    found (the path has left the diagonal), or None."""
    found = set(test)
    pairs = [(s, t) for s, t in gold if s and t]
    hits = [(s, t) in found for s, t in pairs]
    for k in range(len(pairs) - stretch):
        if not any(hits[k:k + stretch]):
            return pairs[k][0][0]
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--sizes", nargs="+", default=list(SIZES), choices=list(SIZES))
    parser.add_argument("--scorer", default="lexical")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pieces", action=argparse.BooleanOptionalAction, default=None,
                        help="switch the lexical scorer's piece links (default: the scorer's)")
    args = parser.parse_args()
    scorer = args.scorer if args.pieces is None else make_scorer(args.scorer, pieces=args.pieces)
    shared = Path(args.shared)
    if not (shared / "corpora" / "gold" / "pol-dev").is_dir():
        raise SystemExit(f"gold sets not found under {shared}")
    pairs = []
    for size in args.sizes:
        rng = random.Random(f"{args.seed}-{size}")
        sets, translations, source_lang, passages = SIZES[size]
        source, target, gold = concatenate(load_parts(shared, sets, translations, source_lang,
                                                      rng), name=f"long-{size}")
        changed, runs = damage(source, target, gold, rng, passages)
        n, m = len(changed.source), len(changed.target)
        started = time.perf_counter()
        result = align(changed.source, changed.target, scorer=scorer)
        wall = time.perf_counter() - started
        test = [(b.src, b.tgt) for b in result.beads]
        score = score_documents([(changed.gold, test)])
        pairs.append((changed.gold, test))
        confident = [b for b in result.beads if b.confidence >= 0.9]
        right = len({(b.src, b.tgt) for b in confident} & set(changed.gold))
        print(f"long-{size} {source_lang}->: {n} x {m} sentences, {len(runs)} runs dropped; "
              f"F1 strict {score.f1_strict:.4f}, lax {score.f1_lax:.4f}; lost from "
              f"{lost_from(changed.gold, test)}; confidence >= 0.9: {len(confident)} beads, "
              f"precision {right / max(len(confident), 1):.3f}; {wall:.1f} s "
              f"({1000 * wall / (n + m) * 1000:.0f} ms per 1,000 sentences); peak RSS "
              f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")
        for warning in result.warnings:
            print(f"  warning: {warning}")
    if len(pairs) > 1:
        total = score_documents(pairs)
        print(f"all: F1 strict {total.f1_strict:.4f}, lax {total.f1_lax:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
