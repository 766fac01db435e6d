#!/usr/bin/env python3
"""Score the aligner on gold sets: a thin wrapper over ``concord eval``.

Usage: .venv/bin/python scripts/eval_alignment.py [--shared ../shared] [--scorer lexical]
       [--sets pol-dev mac-dev wmt22-news-enzh] [concord eval options ...]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from concord.cli import main as concord  # noqa: E402


def run() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--sets", nargs="+", default=["pol-dev", "mac-dev", "wmt22-news-enzh"])
    args, rest = parser.parse_known_args()
    gold = [arg for name in args.sets
            for arg in ("--gold", str(Path(args.shared) / "corpora" / "gold" / name))]
    return concord(["eval", *gold, *rest])


if __name__ == "__main__":
    raise SystemExit(run())
