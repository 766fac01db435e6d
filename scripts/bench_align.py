#!/usr/bin/env python3
"""Alignment speed and scale benchmark on bible-en-zh (5,000 English x 6,301 Chinese sentences).

Each run is a fresh child process pinned to one core (BLAS threads 1) that imports the aligner,
loads the dictionary (from its disk cache, as every run after the first does), reads the two
sentence files, repeats them ``--times`` times (1 and 6 by default: the 6x input is the text
concatenated six times) and aligns them with the lexical scorer. Reported per run: wall time of
the whole child (start-up, dictionary loading and reading included), sentences per second (source
plus target), CPU time of the whole child and of its start-up (imports and dictionary) and of
``align()`` alone, peak resident memory of the child (its ``getrusage`` maximum RSS), and for 1x the
strict F1 against the verse-derived gold. The 6x/1x time ratio (30,000 x 37,806 sentences) is
the linearity check (target <= 6.5), the 1x time should stay within twice hunalign's whole
process on the same pair and the peak memory under 2 GB. (hunalign is not packaged for this
Debian release: the issue's paired figure, 1.3 s with a CC-CEDICT dictionary and jieba tokens,
is the reference.) scripts/eval_long.py checks long documents made of different texts.

Usage: .venv/bin/python scripts/bench_align.py [--shared ../shared] [--times 1 6]
       [--scorer lexical] [--cold]     (--cold: also time a first run that parses CC-CEDICT)
       [--against DIR [--repeat 4]]    (1x side by side with another checkout, alternating)
       [--command --against DIR]        (the whole ``concord align --presplit -o bible.tmx``
                                         command of both, alternating; the TMX files compared)
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import json, os, resource, sys, time
start = time.perf_counter()
os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
sys.path.insert(0, sys.argv[1])
from align.aligner import align
from align.evaluate import read_beads, read_sentence_file, score_documents
from align.lexicon import load_lexicon
load_lexicon()
loaded = time.perf_counter()
start_cpu = time.process_time()
gold_dir, times, scorer = sys.argv[2], int(sys.argv[3]), sys.argv[4]
if sys.argv[5] != "default":
    from align.scoring import make_scorer
    scorer = make_scorer(scorer, pieces=sys.argv[5] == "on")
source = read_sentence_file(os.path.join(gold_dir, "001.en"), "en")
target = read_sentence_file(os.path.join(gold_dir, "001.zh"), "zh")
source.sentences = source.sentences * times
target.sentences = target.sentences * times
align_cpu = time.process_time()
result = align(source, target, scorer=scorer)
done = time.perf_counter()
out = {"sentences": len(source) + len(target), "beads": len(result.beads),
       "import_and_dictionary_s": loaded - start, "align_s": done - loaded,
       "start_cpu_s": start_cpu, "align_cpu_s": time.process_time() - align_cpu,
       "cpu_s": time.process_time(),
       "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}
if times == 1:
    gold = read_beads(os.path.join(gold_dir, "001.align"))
    score = score_documents([(gold, [(b.src, b.tgt) for b in result.beads])])
    out["f1_strict"] = round(score.f1_strict, 4)
    out["f1_lax"] = round(score.f1_lax, 4)
print(json.dumps(out))
"""


def run_child(gold_dir: Path, times: int, scorer: str, env: dict[str, str],
              root: Path = ROOT, pieces: str = "default") -> dict:
    """One aligner run in a fresh process (the code of ``root``); wall time and peak memory
    measured from outside."""
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", CHILD, str(root), str(gold_dir), str(times),
                           scorer, pieces], capture_output=True, text=True, env=env, check=False)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"benchmark run failed:\n{proc.stderr}")
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    report.update(times=times, wall_s=round(wall, 2),
                  sentences_per_s=round(report["sentences"] / wall))
    for key in ("import_and_dictionary_s", "align_s", "start_cpu_s", "align_cpu_s", "cpu_s"):
        report[key] = round(report[key], 2)
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", default=str(ROOT.parent / "shared"))
    parser.add_argument("--times", type=int, nargs="+", default=[1, 6])
    parser.add_argument("--scorer", default="lexical", choices=["lexical", "embed", "hybrid"])
    parser.add_argument("--cold", action="store_true",
                        help="first time one run with an empty dictionary cache")
    parser.add_argument("--against", type=Path, metavar="DIR",
                        help="another checkout (e.g. main): 1x runs of both, alternating, and "
                             "the ratio of their CPU times (the machine's load hits both alike)")
    parser.add_argument("--repeat", type=int, default=4, help="runs of each with --against")
    parser.add_argument("--command", action="store_true",
                        help="with --against: time the whole concord align command (imports, "
                             "dictionary, reading, aligning, writing the TMX) instead of the "
                             "aligner's process, and check that both write the same memory")
    parser.add_argument("--compare-pieces", type=int, metavar="ROUNDS", default=0,
                        help="instead: ROUNDS pairs of 1x runs without and with the piece links "
                             "(align.pieces), interleaved, and the ratio of their median CPU")
    args = parser.parse_args()
    gold_dir = Path(args.shared) / "corpora" / "gold" / "bible-en-zh"
    if not (gold_dir / "001.en").is_file():
        raise SystemExit(f"bible-en-zh not found under {args.shared}")
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    print(f"bible-en-zh, scorer {args.scorer}, one core; load average "
          f"{os.getloadavg()[0]:.2f} (other work on the machine makes wall times noisy)")
    if args.cold:
        with tempfile.TemporaryDirectory() as cache:
            cold = run_child(gold_dir, 1, args.scorer, dict(env, XDG_CACHE_HOME=cache))
        print(f"cold dictionary cache: {json.dumps(cold)}")
    run_child(gold_dir, 1, args.scorer, env)   # make sure the dictionary cache exists
    if args.against and args.command:
        return command_side_by_side(gold_dir, env, args.against, args.repeat)
    if args.against:
        side_by_side(gold_dir, args.scorer, env, args.against, args.repeat)
        return 0
    if args.compare_pieces:
        return compare_pieces(gold_dir, args.scorer, env, args.compare_pieces)
    results = []
    for times in sorted(args.times):
        report = run_child(gold_dir, times, args.scorer, env)
        results.append(report)
        print(json.dumps(report))
    by_times = {r["times"]: r for r in results}
    if 1 in by_times:
        one = by_times[1]
        for times, report in sorted(by_times.items()):
            if times == 1:
                continue
            ratio = report["wall_s"] / one["wall_s"]
            cpu_ratio = report["cpu_s"] / one["cpu_s"]
            print(f"{times}x / 1x: wall {ratio:.2f}x, CPU {cpu_ratio:.2f}x (linear: <= "
                  f"{times * 6.5 / 6:.1f}x, as 6.5x for 6x); {times}x peak "
                  f"{report['peak_rss_mb']} MB (target < 2048 MB)")
        print(f"1x: wall {one['wall_s']} s, CPU {one['cpu_s']} s (start-up and dictionary "
              f"{one['start_cpu_s']} s, align() {one['align_cpu_s']} s), "
              f"{1000 * one['wall_s'] / one['sentences']:.2f} s wall per 1,000 sentences")
    return 0


def side_by_side(gold_dir: Path, scorer: str, env: dict[str, str], other: Path,
                 repeat: int) -> None:
    """1x runs of this checkout and ``other``, alternating; medians and their ratios."""
    runs: dict[Path, list[dict]] = {ROOT: [], other: []}
    for k in range(repeat):
        for root in (ROOT, other) if k % 2 == 0 else (other, ROOT):
            report = run_child(gold_dir, 1, scorer, env, root)
            runs[root].append(report)
            print(json.dumps(dict(report, root=str(root), load=round(os.getloadavg()[0], 1))))
    keys = ("cpu_s", "start_cpu_s", "align_cpu_s", "wall_s")
    medians = {root: {key: statistics.median(r[key] for r in reports) for key in keys}
               for root, reports in runs.items()}
    for root, values in medians.items():
        print(f"{root}: median " + ", ".join(f"{key} {value:.2f}" for key, value in values.items())
              + f"; strict F1 {runs[root][0]['f1_strict']}")
    print("this / other: " + ", ".join(f"{key} {medians[ROOT][key] / medians[other][key]:.2f}"
                                       for key in keys))


def run_command(gold_dir: Path, env: dict[str, str], root: Path, output: Path) -> dict:
    """``concord align 001.en 001.zh --presplit -o output`` with the code of ``root`` in a
    fresh process: its wall time, CPU time (user + system) and peak memory."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "concord", "align", str(gold_dir / "001.en"),
                             str(gold_dir / "001.zh"), "--presplit", "-o", str(output), "-q"],
                            cwd=root, env=dict(env, PYTHONPATH=str(root)),
                            stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    error = proc.stderr.read().decode() if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"concord align failed in {root}:\n{error}")
    return {"wall_s": round(wall, 2), "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_rss_mb": round(usage.ru_maxrss / 1024)}


def command_side_by_side(gold_dir: Path, env: dict[str, str], other: Path, repeat: int) -> int:
    """The whole ``concord align`` command of this checkout and ``other``, alternating (each
    run a fresh process with the bytecode cached); medians, their ratio, and whether the two
    memories are byte for byte the same (``SOURCE_DATE_EPOCH`` fixes their creation date)."""
    env = dict(env, SOURCE_DATE_EPOCH="1700000000")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    runs: dict[Path, list[dict]] = {ROOT: [], other: []}
    with tempfile.TemporaryDirectory() as tmp:
        outputs = {ROOT: Path(tmp) / "this.tmx", other: Path(tmp) / "other.tmx"}
        for root in (ROOT, other):               # bytecode written, dictionary cache there
            run_command(gold_dir, env, root, outputs[root])
        for k in range(repeat):
            for root in (ROOT, other) if k % 2 == 0 else (other, ROOT):
                report = run_command(gold_dir, env, root, outputs[root])
                runs[root].append(report)
                print(json.dumps(dict(report, root=str(root),
                                      load=round(os.getloadavg()[0], 1))))
        same = outputs[ROOT].read_bytes() == outputs[other].read_bytes()
    keys = ("cpu_s", "wall_s")
    medians = {root: {key: statistics.median(r[key] for r in reports) for key in keys}
               for root, reports in runs.items()}
    for root, values in medians.items():
        print(f"{root}: median " + ", ".join(f"{key} {value:.2f}" for key, value in values.items())
              + f", min cpu_s {min(r['cpu_s'] for r in runs[root]):.2f}")
    ratios = sorted(a["cpu_s"] / b["cpu_s"] for a, b in zip(runs[ROOT], runs[other]))
    print("this / other: " + ", ".join(f"{key} {medians[ROOT][key] / medians[other][key]:.2f}"
                                       for key in keys)
          + f"; CPU ratio of each pair of runs, median {statistics.median(ratios):.2f}")
    print(f"TMX written: {'the same bytes' if same else 'DIFFERENT'}")
    return 0 if same else 1


def compare_pieces(gold_dir: Path, scorer: str, env: dict[str, str], rounds: int) -> int:
    """1x runs without and with the piece links, interleaved: CPU, memory and F1 of each."""
    runs: dict[str, list[dict]] = {"off": [], "on": []}
    for _ in range(rounds):
        for pieces in ("off", "on"):
            report = run_child(gold_dir, 1, scorer, env, pieces=pieces)
            runs[pieces].append(report)
            print(json.dumps({"pieces": pieces, **report}))
    median = {k: sorted(r["cpu_s"] for r in v)[len(v) // 2] for k, v in runs.items()}
    for pieces in ("off", "on"):
        last = runs[pieces][-1]
        print(f"pieces {pieces}: median CPU {median[pieces]} s, peak {last['peak_rss_mb']} MB, "
              f"strict F1 {last['f1_strict']}")
    print(f"with / without pieces: CPU {median['on'] / median['off']:.3f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
