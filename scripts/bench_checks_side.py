#!/usr/bin/env python3
"""The checks' speed part (``bench_checks.py --part speed``) of two source trees, side by side.

    .venv/bin/python scripts/bench_checks_side.py /tmp/main-copy .   # --pairs N --slice N

On a shared machine absolute times drift with the load; this runs the two trees in two
processes pinned to the same CPU, in lockstep: each checks a slice of pairs (2,000 by default)
while the other waits, so that both see the same load. It prints each tree's CPU time (the
checker's build, the pairs, the cross-unit rule at the end), the ratio, the median ratio of the
slices, and a digest of all findings (rule, unit, severity, message, spans and the rest of each
finding, in order), which must be the same for a change that is only faster.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path


def worker(root: str, count: int, step: int) -> None:
    """Check ``count`` pairs with the code of ``root``, waiting for a line on stdin before the
    build, each slice and the end; report each step's CPU and wall time as a JSON line."""
    sys.path[:0] = [root, os.path.join(root, "scripts")]
    import bench_checks as bench
    from terms.checks import Checker
    from terms.formats import load_glossary
    glossary = bench.big_glossary(load_glossary(bench.GLOSSARY), 20_000)
    pairs = bench.speed_pairs(count)
    clock = {"cpu": 0.0, "wall": 0.0, "done": 0}

    def step_done(tag: str) -> None:
        cpu, wall = time.process_time(), time.perf_counter()
        print(json.dumps({"tag": tag, "cpu": cpu - clock["cpu"], "wall": wall - clock["wall"]}),
              flush=True)
        if not sys.stdin.readline():
            raise SystemExit(1)
        clock["cpu"], clock["wall"] = time.process_time(), time.perf_counter()

    def progress(n: int) -> None:
        clock["done"] += n
        if clock["done"] % step == 0:
            step_done("pairs")

    print("ready", flush=True)
    sys.stdin.readline()
    clock["cpu"], clock["wall"] = time.process_time(), time.perf_counter()
    checker = Checker(glossary)
    step_done("build")
    findings = checker.run(pairs, progress=progress)
    step_done("rest")
    digest = hashlib.sha256()
    for f in findings:
        digest.update(json.dumps(f.to_dict(), ensure_ascii=False, sort_keys=True).encode() + b"\n")
    print(json.dumps({"tag": "done", "findings": len(findings), "digest": digest.hexdigest()[:16]}),
          flush=True)


def main() -> int:
    """Run both trees in lockstep and print the comparison."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--pairs", type=int, default=100_000)
    parser.add_argument("--slice", type=int, default=2_000)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(str(args.before), args.pairs, args.slice)
        return 0
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # the children inherit it
    roots = [args.before.resolve(), args.after.resolve()]
    procs = [subprocess.Popen([sys.executable, __file__, str(r), str(r), "--worker", "--pairs",
                               str(args.pairs), "--slice", str(args.slice)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=r)
             for r in roots]
    for p in procs:
        if p.stdout is None or p.stdout.readline().strip() != "ready":
            raise SystemExit("a worker did not start")
    steps: list[dict[str, float]] = [{}, {}]
    ratios = []
    done: list[dict | None] = [None, None]
    while not all(done):
        got: list[dict | None] = []
        for i, p in enumerate(procs):
            if done[i] is not None:
                got.append(None)
                continue
            assert p.stdin is not None and p.stdout is not None
            p.stdin.write("go\n")
            p.stdin.flush()
            record = json.loads(p.stdout.readline())
            if record["tag"] == "done":
                done[i] = record
                got.append(None)
                continue
            steps[i][record["tag"]] = steps[i].get(record["tag"], 0.0) + record["cpu"]
            got.append(record)
        if got[0] and got[1] and got[0]["tag"] == got[1]["tag"] == "pairs":
            ratios.append(got[1]["cpu"] / got[0]["cpu"])
    totals = [sum(s.values()) for s in steps]
    for root, s, total, result in zip(roots, steps, totals, done):
        parts = ", ".join(f"{tag} {cpu:.2f} s" for tag, cpu in s.items())
        print(f"{root}: {total:.2f} s CPU ({parts}); {result}")
    print(f"after / before: {totals[1] / totals[0]:.3f} of the CPU time; median of "
          f"{len(ratios)} slices {statistics.median(ratios):.3f}"
          if ratios else f"after / before: {totals[1] / totals[0]:.3f} of the CPU time")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
