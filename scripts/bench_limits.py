#!/usr/bin/env python3
"""What the default bounds on one document allow: time and peak memory at each limit.

Writes a synthetic pair of presplit documents (our own words, numbered so that every sentence is
distinct) of N sentences a side (default: the --max-sentences default, 20,000) and aligns it with
the real command in a child process at the default --max-bead 4 and at the maximum
(align.MAX_BEAD), side by side; then segments a one-line document just under the
--max-document-size default (refused: it holds more sentences than --max-sentences allows) to
show what reading and refusing it costs. Prints wall time, each child's peak resident memory and
its exit status.

    .venv/bin/python scripts/bench_limits.py [--sentences N] [--json]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from align import MAX_BEAD  # noqa: E402
from align.limits import DEFAULT_LIMITS  # noqa: E402

WORDS = ("the two sides agreed to deepen cooperation in trade investment energy and culture "
         "while respecting each other's core interests").split()
HAN = "双方同意深化贸易投资能源文化合作尊重彼此核心利益推动关系发展伙伴战略全面"


def write_pair(folder: Path, sentences: int) -> tuple[Path, Path]:
    rng = random.Random(1)
    zh, en = folder / "pair.zh.txt", folder / "pair.en.txt"
    zh.write_text("".join("".join(rng.choice(HAN) for _ in range(25)) + f"{i}。\n"
                          for i in range(sentences)), encoding="utf-8")
    en.write_text("".join(" ".join(rng.choice(WORDS) for _ in range(15)).capitalize() + f" {i}.\n"
                          for i in range(sentences)), encoding="utf-8")
    return zh, en


def write_one_line(folder: Path, size: int) -> Path:
    rng = random.Random(2)
    path = folder / "one-line.en.txt"
    parts, total = [], 0
    while total < size - 200:
        sentence = " ".join(rng.choice(WORDS) for _ in range(15)).capitalize() + ". "
        parts.append(sentence)
        total += len(sentence)
    path.write_text("".join(parts) + "\n", encoding="utf-8")
    return path


def run(argv: list[str]) -> dict[str, float]:
    """Wall seconds, peak resident MB and exit status of ``concord ARGV`` in a child process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "concord", *argv, "-q"], env=env,
                             stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    return {"seconds": round(wall, 1), "peak_mb": round(usage.ru_maxrss / 1024),
            "status": os.waitstatus_to_exitcode(status)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sentences", type=int, default=DEFAULT_LIMITS.max_sentences)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="concord-bench-limits-") as tmp:
        folder = Path(tmp)
        zh, en = write_pair(folder, args.sentences)
        for bead in (4, MAX_BEAD):
            results[f"align {args.sentences} sentences, --max-bead {bead}"] = run(
                ["align", str(zh), str(en), "--presplit", "--format", "beads", "-o",
                 str(folder / f"beads{bead}.txt"), "--max-bead", str(bead)])
        size = DEFAULT_LIMITS.max_bytes - 1024
        one_line = write_one_line(folder, size)
        results[f"segment a one-line document of {size:,} bytes"] = run(
            ["segment", str(one_line), "-o", str(folder / "sentences.txt")])
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for name, figures in results.items():
        print(f"{name:55} {figures['seconds']:7.1f} s {figures['peak_mb']:6.0f} MB  "
              f"exit {figures['status']}")
    beads = [v for k, v in results.items() if k.startswith("align")]
    print(f"--max-bead {MAX_BEAD} / 4: {beads[1]['seconds'] / beads[0]['seconds']:.2f}× the time, "
          f"{beads[1]['peak_mb'] / beads[0]['peak_mb']:.2f}× the memory")


if __name__ == "__main__":
    main()
