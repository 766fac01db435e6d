#!/usr/bin/env python3
"""Benchmark of ``concord check --tmx`` as a CI pipeline runs it on a large memory.

Writes a memory of N units (default 100,000) from our own sample releases with the generator of
``scripts/bench_tmx.py`` (every unit numbered, so that each source is a near-duplicate of
hundreds of others: the worst case for the inconsistent-translation rule), and a second one in
which "Foreign Minister" is replaced by the forbidden "Foreign Secretary" (about a fifth of the
units then have findings: the case of reports with many findings). Each is checked against the
project glossary by the real command in a child process, in every report format; wall time and
the child's peak memory (maximum resident set size) are printed.

    .venv/bin/python scripts/bench_check_memory.py [--units N] [--formats json,sarif] [--json]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

GLOSSARY = ROOT / "corpora" / "glossary" / "mfa-terms.csv"


def write_memories(folder: Path, units: int) -> tuple[Path, Path]:
    from bench_tmx import generate

    from concord.bitext import write_units
    clean, flawed = folder / "memory.tmx", folder / "memory-flawed.tmx"
    write_units(generate(units), clean)
    flawed.write_bytes(clean.read_bytes().replace(b"Foreign Minister", b"Foreign Secretary"))
    return clean, flawed


def run_check(memory: Path, fmt: str, out: Path) -> dict:
    """One ``concord check`` run in a child process: seconds, its own peak MB, exit status,
    summary line (``os.wait4`` gives the resource usage of that child alone)."""
    err = out.with_suffix(".stderr")
    start = time.perf_counter()
    with open(err, "wb") as stderr:
        child = subprocess.Popen([sys.executable, "-m", "concord", "check", "--tmx", str(memory),
                                  "--glossary", str(GLOSSARY), "-f", fmt, "-o", str(out)],
                                 stdout=subprocess.DEVNULL, stderr=stderr)
        _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    child.returncode = code  # reaped by wait4: Popen must not wait for it again
    lines = err.read_text(encoding="utf-8").strip().splitlines()
    if code not in (0, 1):
        raise SystemExit(f"concord check failed ({code}): {' '.join(lines)}")
    return {"memory": memory.name, "format": fmt, "seconds": round(seconds, 1),
            "peak_mb": round(usage.ru_maxrss / 1024), "exit": code,
            "summary": lines[-1] if lines else "",
            "report_mb": round(out.stat().st_size / 2**20, 1)}


def main() -> int:
    """Write the two memories, check them, print the table (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=100_000)
    parser.add_argument("--formats", default="json,text,sarif,junit,github,html",
                        help="comma-separated report formats (default: all)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    formats = [f for f in args.formats.split(",") if f]
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        clean, flawed = write_memories(folder, args.units)
        results.append(run_check(clean, "json", folder / "clean.json"))
        for fmt in formats:
            results.append(run_check(flawed, fmt, folder / f"flawed.{fmt}"))
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print(f"concord check --tmx, {args.units:,} units, project glossary")
    print("| memory | format | wall s | peak MB | report MB | result |")
    print("|---|---|---:|---:|---:|---|")
    for r in results:
        print(f"| {r['memory']} | {r['format']} | {r['seconds']} | {r['peak_mb']} | "
              f"{r['report_mb']} | "
              f"{r['summary']} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
