#!/usr/bin/env python3
"""Sentences one side leaves out: are they left unaligned, or glued to a neighbour?

Gold one-sided beads are rare in the gold sets (6 in corpora/releases, 6 in mac-dev, none in
pol-dev), so this makes known ones. Each trial takes one gold document (from corpora/releases and
pol-dev by default), picks a random gold bead with sentences on both sides and changes one side:

- ``delete-en`` / ``delete-zh``: the bead's English (Chinese) sentences are deleted, so its other
  side must come out as 1-0 (0-1) beads: a translation that leaves a sentence out;
- ``insert-en`` / ``insert-zh``: a sentence from another document of the same set is inserted on
  the English (Chinese) side right after the bead, and must come out unaligned: an addition.

The document is aligned (lexical scorer, default settings) and scored against the gold with the
change applied. Reported per kind of change and overall: recall of the known unaligned sentences
(left unaligned, not merged), precision of every sentence the aligner left unaligned in the
changed documents (the document's own one-sided gold beads count as gold), and strict F1 on the
changed documents. "reported": the share of the made sentences that ``concord check``'s
``omission`` rule points at (an unaligned sentence, or one glued into a bead whose length ratio
the rule flags); "false reports": beads flagged that hold no made or gold one-sided sentence.
The same seed gives the same trials.

Usage: .venv/bin/python scripts/eval_omissions.py [--shared ../shared] [--trials 200] [--seed 1]
       [--sets corpora/releases ../shared/corpora/gold/pol-dev] [--scorer lexical] [--format json]
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from align.evaluate import BeadIds, Score, discover_gold, unaligned_sentences  # noqa: E402
from align.model import Document  # noqa: E402
from align.synthetic import Changed, delete_side, insert_sentence  # noqa: E402

KINDS = ("delete-en", "delete-zh", "insert-en", "insert-zh")


@dataclass
class GoldPair:
    """One gold document: source and target documents and gold beads."""

    name: str
    source: Document
    target: Document
    gold: list[BeadIds]


@dataclass
class Trial:
    """A kind of change made to a named gold document."""

    kind: str
    name: str
    changed: Changed


def load_pairs(directory: str | Path) -> list[GoldPair]:
    """Every gold document of a directory."""
    pairs = []
    for doc in discover_gold(directory):
        pairs.append(GoldPair(doc.name, *doc.load()))
    return pairs


def make_trials(sets: list[list[GoldPair]], count: int, seed: int,
                kinds: tuple[str, ...] = KINDS) -> list[Trial]:
    """``count`` random trials, spread evenly over the kinds, each on a random document."""
    rng = random.Random(seed)
    trials = []
    for k in range(count):
        kind = kinds[k % len(kinds)]
        pairs = rng.choice(sets)
        pair = rng.choice(pairs)
        both = [x for x, (s, t) in enumerate(pair.gold) if s and t]
        bead = rng.choice(both)
        action, lang = kind.split("-")
        side = "src" if pair.source.lang == lang else "tgt"
        if action == "delete":
            changed = delete_side(pair.source, pair.target, pair.gold, bead, side)
        else:
            donors = [p for p in pairs if p is not pair] or pairs
            donor = rng.choice(donors)
            doc = donor.source if donor.source.lang == lang else donor.target
            changed = insert_sentence(pair.source, pair.target, pair.gold, bead, side,
                                      rng.choice(doc.sentences))
        trials.append(Trial(kind, pair.name, changed))
    return trials


def _omission_checker():
    """A checker running the omission rule only, as ``concord check`` configures it."""
    from terms.checks import Checker
    from terms.config import Config
    from terms.rules import RULES
    return Checker(None, Config(disabled={r for r in RULES if r != "omission"}))


def _omission_reports(checker, result, changed: Changed) -> tuple[set[tuple[str, int]], int]:
    """The sentences that ``concord check`` would point a reviewer at with an ``omission``
    finding (every sentence of a flagged bead), and how many flagged beads hold no made or
    gold one-sided sentence (false reports)."""
    from terms.checks import Pair
    gold_alone = unaligned_sentences(changed.gold)
    flagged: set[tuple[str, int]] = set()
    false_reports = 0
    for bead in result.beads:
        pair = Pair("", result.join(result.source, bead.src), result.join(result.target, bead.tgt),
                    result.source.lang, result.target.lang)
        if not checker.check_pair(pair):
            continue
        sentences = {("src", i) for i in bead.src} | {("tgt", j) for j in bead.tgt}
        flagged |= sentences
        if not sentences & (changed.made | gold_alone):
            false_reports += 1
    return flagged, false_reports


def run_trials(trials: list[Trial], scorer: str = "lexical", settings=None) -> dict:
    """Align every trial; recall of the made unaligned sentences, precision, F1 per kind."""
    from align.aligner import align

    rows: dict[str, dict] = defaultdict(lambda: {"trials": 0, "made": 0, "found": 0,
                                                 "reported": 0, "false_reports": 0,
                                                 "score": Score()})
    checker = _omission_checker()
    for trial in trials:
        changed = trial.changed
        result = align(changed.source, changed.target, scorer=scorer, settings=settings)
        test = [(b.src, b.tgt) for b in result.beads]
        alone = unaligned_sentences(test)
        reported, false_reports = _omission_reports(checker, result, changed)
        for key in (trial.kind, "all"):
            row = rows[key]
            row["trials"] += 1
            row["made"] += len(changed.made)
            row["found"] += len(changed.made & alone)
            row["reported"] += len(changed.made & reported)
            row["false_reports"] += false_reports
            row["score"].add(changed.gold, test)
    report = {}
    for key in (*KINDS, "all"):
        if key not in rows:
            continue
        row = rows[key]
        score: Score = row["score"]
        report[key] = {"trials": row["trials"],
                       "recall_made": round(row["found"] / row["made"], 4) if row["made"] else None,
                       "reported_made": round(row["reported"] / row["made"], 4)
                       if row["made"] else None,
                       "false_reports": row["false_reports"],
                       "precision_unaligned": round(score.precision_unaligned, 4),
                       "recall_unaligned": round(score.recall_unaligned, 4),
                       "f1_strict": round(score.f1_strict, 4)}
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--sets", nargs="+", default=None,
                        help="gold directories (default: corpora/releases and pol-dev)")
    parser.add_argument("--trials", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scorer", default="lexical")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    args = parser.parse_args()
    sets = args.sets or [str(ROOT / "corpora" / "releases"),
                         str(Path(args.shared) / "corpora" / "gold" / "pol-dev")]
    trials = make_trials([load_pairs(d) for d in sets], args.trials, args.seed)
    report = run_trials(trials, args.scorer)
    if args.format == "json":
        print(json.dumps(report, indent=2))
        return 0
    print(f"{args.trials} trials over {', '.join(sets)} (seed {args.seed}, scorer {args.scorer})")
    print(f"{'change':<10} {'trials':>6} {'recall':>7} {'unaligned P':>12} {'unaligned R':>12}"
          f" {'strict F1':>10} {'reported':>9} {'false reports':>14}")
    for key, row in report.items():
        print(f"{key:<10} {row['trials']:>6} {row['recall_made']:>7.3f} "
              f"{row['precision_unaligned']:>12.3f} {row['recall_unaligned']:>12.3f} "
              f"{row['f1_strict']:>10.3f} {row['reported_made']:>9.3f} "
              f"{row['false_reports']:>14}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
