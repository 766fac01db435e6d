#!/usr/bin/env python3
"""Benchmark corpus-scale work: ``concord batch`` (jobs, overhead, memory, resume, Dask) and
``concord pair`` (quality and time as the corpus grows).

Parts (``--part``, default all):

- **jobs**: ``concord batch`` on a folder of 24 documents (our 8 releases, three times under
  other names, or with ``--gold`` the first 24 pol-dev and wmt22 documents of ../shared) at
  ``--jobs 1`` and ``--jobs 2``, each run as the command a user types, side by side in one run:
  documents per second, seconds per document, the ratio (target ≥ 1.7 on 2 cores).
- **overhead**: in one process with the lexicon loaded, the same documents aligned by
  ``concord.pipeline.align_files`` alone, then through ``run_batch`` (hashing, writing, journal,
  corpus.tmx, summary): the difference per document (target < 50 ms).
- **memory**: peak resident memory of a ``--jobs 1`` run (one worker's work in one process) and
  of each worker process of a ``--jobs 2`` run (sampled from /proc).
- **resume**: a finished run of ``--resume-docs`` (1,000) synthetic releases, run again as a
  command: wall time (target < 1 s).
- **pairing**: ``concord.corpus.pairing`` on synthetic releases built from our own gold beads
  (``--sizes``, default 1,000 and 10,000): seconds per 1,000 documents and the growth, precision
  and recall; with ../shared, the gold test set (pol-dev, mac-dev, wmt22 and our releases, names
  scrambled, orphans on both sides).
- **dask**: the jobs folder on a ``dask scheduler`` with two ``dask worker`` processes (one thread
  each) on 127.0.0.1 beside the local ``--jobs 2`` run, outputs compared byte for byte.

Usage: ``.venv/bin/python scripts/bench_batch.py [--part jobs] [--gold] [--sizes 1000 10000]``
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from concord.corpus.synthetic import (gold_pairs, release_pairs, scrambled,  # noqa: E402
                                      synthetic_releases)

RELEASES = ROOT / "corpora" / "releases"
SHARED = Path(os.environ.get("CONCORD_SHARED", ROOT.parent / "shared"))
ENV = dict(os.environ, PYTHONPATH=str(ROOT))


def concord(*args: str) -> float:
    """Run ``concord ARGS`` as a user would; returns the wall time (the CPU time it and its
    worker processes used is kept in ``LAST_CPU``)."""
    global LAST_CPU
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "concord", *args], env=ENV, check=True,
                   stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    LAST_CPU = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall


LAST_CPU = 0.0


def folder_of_24(base: Path, gold: bool) -> Path:
    folder = base / "docs24"
    folder.mkdir(parents=True)
    if gold:
        pairs = gold_pairs(SHARED)
        pairs = [p for p in pairs if "mac-dev" not in str(p[0])][:24]
        for k, (zh, en) in enumerate(pairs):
            shutil.copy(zh, folder / f"doc{k:02d}.zh")
            shutil.copy(en, folder / f"doc{k:02d}.en")
        return folder
    for copy in range(3):
        for zh, en in release_pairs(RELEASES):
            stem = zh.name[:-len(".zh.txt")]
            shutil.copy(zh, folder / f"{stem}-{copy}.zh.txt")
            shutil.copy(en, folder / f"{stem}-{copy}.en.txt")
    return folder


def part_jobs(base: Path, gold: bool) -> None:
    folder = folder_of_24(base, gold)
    extra = ["--presplit"] if gold else []
    concord("batch", str(folder), "-o", str(base / "warm"), "-q", "--jobs", "1", *extra)
    times = {}
    for jobs in (1, 2):
        out = base / f"jobs{jobs}"
        times[jobs] = concord("batch", str(folder), "-o", str(out), "-q", "--jobs", str(jobs),
                              *extra)
        print(f"jobs {jobs}: {times[jobs]:.2f} s for 24 documents = "
              f"{24 / times[jobs]:.2f} documents/s, {times[jobs] / 24:.3f} s/document"
              # the workers of --jobs 2 are children of the fork server: not counted here
              + (f" (CPU {LAST_CPU:.2f} s)" if jobs == 1 else ""))
    same = _outputs(base / "jobs1") == _outputs(base / "jobs2")
    print(f"speed-up jobs 2 / jobs 1: {times[1] / times[2]:.2f}x (target >= 1.7); "
          f"outputs identical: {same}; load average {os.getloadavg()[0]:.1f}")


def part_overhead(base: Path) -> None:
    from concord.corpus.pairs import pairs_by_name
    from concord.corpus.run import run_batch
    from concord.corpus.task import BatchOptions, warm_up
    from concord.pipeline import align_files

    folder = folder_of_24(base / "o", False)
    pairs, _ = pairs_by_name([str(folder)])
    warm_up(BatchOptions())
    rounds = []
    for _ in range(3):
        started = time.perf_counter()
        for pair in pairs:
            align_files(pair.source, pair.target)
        aligning = time.perf_counter() - started
        out = Path(tempfile.mkdtemp(dir=base))
        started = time.perf_counter()
        results = list(run_batch(pairs, BatchOptions(), out, jobs=1))
        batch = time.perf_counter() - started
        assert all(r.status == "aligned" for r in results)
        rounds.append((aligning, batch))
    aligning, batch = min(rounds, key=lambda r: r[1] - r[0])
    print(f"overhead: align_files alone {aligning:.2f} s, run_batch {batch:.2f} s for "
          f"{len(pairs)} documents: {1000 * (batch - aligning) / len(pairs):.1f} ms per document "
          "beyond alignment (target < 50 ms; best of 3)")


def part_memory(base: Path) -> None:
    import psutil

    folder = folder_of_24(base / "m", False)
    for jobs in (1, 2):
        process = psutil.Popen([sys.executable, "-m", "concord", "batch", str(folder), "-o",
                                str(base / f"m{jobs}"), "-q", "--jobs", str(jobs)], env=ENV)
        peaks: dict[int, int] = {}
        while process.poll() is None:
            try:
                for proc in [process, *process.children(recursive=True)]:
                    rss = proc.memory_info().rss
                    peaks[proc.pid] = max(peaks.get(proc.pid, 0), rss)
            except psutil.NoSuchProcess:
                pass
            time.sleep(0.05)
        workers = sorted((v for k, v in peaks.items() if k != process.pid), reverse=True)
        main_peak = peaks.get(process.pid, 0)
        shown = ", ".join(f"{w / 2**20:.0f} MB" for w in workers[:jobs]) if jobs > 1 else "-"
        print(f"memory jobs {jobs}: main process {main_peak / 2**20:.0f} MB; workers {shown}")


def part_resume(base: Path, count: int) -> None:
    folder = base / "resume"
    synthetic_releases(RELEASES, count, folder)
    pairs = base / "resume.tsv"
    zh = sorted((folder / "zh").iterdir())
    en = {p.name: p for p in (folder / "en").iterdir()}
    # synthetic_releases names document k's English side s((k * 7919) % count)
    lines = [f"{z}\t{en[f's{(int(z.stem[1:]) * 7919) % count:06d}.txt']}\n" for z in zh]
    pairs.write_text("".join(lines), encoding="utf-8")
    out = base / "resume-out"
    first = concord("batch", "--pairs", str(pairs), "-o", str(out), "-q", "--jobs", "2")
    print(f"first run of {count} documents: {first:.1f} s ({count / first:.1f} documents/s)")
    again, cpu = [], []
    for _ in range(3):
        again.append(concord("batch", "--pairs", str(pairs), "-o", str(out), "-q"))
        cpu.append(LAST_CPU)
    print(f"resume of the finished run: {min(again):.2f} s best of 3, "
          f"{max(again):.2f} s worst (target < 1 s); CPU {min(cpu):.2f} s; "
          f"load average {os.getloadavg()[0]:.1f}")


def part_pairing(base: Path, sizes: list[int]) -> None:
    from align.lexicon import load_lexicon
    from concord.corpus.pairing import pair_folders  # noqa: F401  (imported before the timing starts)

    load_lexicon()
    if (SHARED / "corpora" / "gold").is_dir():
        pairs = gold_pairs(SHARED) + release_pairs(RELEASES)
        truth = scrambled(pairs, base / "gold", orphan_every=10)
        _pairing_run(base / "gold", truth, f"gold test set ({len(pairs)} pairs, "
                     f"{len(pairs) - len(truth)} orphans)")
    else:
        print(f"gold test set skipped: {SHARED} not found")
    per_thousand = {}
    for size in sizes:
        folder = base / f"syn{size}"
        truth = synthetic_releases(RELEASES, size, folder)
        seconds = _pairing_run(folder, truth, f"{size:,} synthetic releases")
        per_thousand[size] = seconds / size * 1000
    if len(sizes) > 1:
        a, b = sizes[0], sizes[-1]
        print(f"growth {a:,} -> {b:,} documents: time x{per_thousand[b] * b / (per_thousand[a] * a):.1f}"
              f" for x{b / a:.0f} documents (quadratic would be x{(b / a) ** 2:.0f})")


def _pairing_run(folder: Path, truth: set, label: str) -> float:
    from concord.corpus.pairing import pair_folders

    started = time.perf_counter()
    result = pair_folders([str(folder / "zh"), str(folder / "en")])
    seconds = time.perf_counter() - started
    found = {(p.source, p.target) for p in result.pairs}
    right = len(found & truth)
    documents = sum(1 for _ in (folder / "zh").iterdir()) + sum(1 for _ in (folder / "en").iterdir())
    print(f"pairing {label}: precision {right / max(len(found), 1):.4f}, recall "
          f"{right / len(truth):.4f}; {seconds:.1f} s = {seconds / documents * 1000:.1f} s per "
          f"1,000 documents ({documents:,} documents)")
    return seconds


def part_dask(base: Path) -> None:
    folder = folder_of_24(base / "d", False)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    dask = [sys.executable, "-m", "dask"]
    quiet = {"env": ENV, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL,
             "start_new_session": True}
    processes = [subprocess.Popen([*dask, "scheduler", "--host", "127.0.0.1", "--port",
                                   str(port), "--no-dashboard"], **quiet)]
    try:
        for _ in range(2):
            processes.append(subprocess.Popen([*dask, "worker", address, "--host", "127.0.0.1",
                                               "--nworkers", "1", "--nthreads", "1",
                                               "--no-dashboard"], **quiet))
        from distributed import Client
        with Client(address, timeout="60s") as client:
            client.wait_for_workers(2, timeout=120)
        local = concord("batch", str(folder), "-o", str(base / "dl"), "-q", "--jobs", "2")
        first = concord("batch", str(folder), "-o", str(base / "dd"), "-q", "--scheduler",
                        address)
        shutil.rmtree(base / "dd")
        warm = concord("batch", str(folder), "-o", str(base / "dd"), "-q", "--scheduler",
                       address)
        same = _outputs(base / "dl") == _outputs(base / "dd")
        print(f"dask (2 workers x 1 thread): {first:.2f} s first run (workers load the lexicon), "
              f"{warm:.2f} s next; local --jobs 2: {local:.2f} s; outputs identical: {same}")
    finally:
        for process in reversed(processes):
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)


def _outputs(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != "summary.json" and ".concord-batch" not in p.parts}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=["jobs", "overhead", "memory", "resume", "pairing",
                                           "dask", "all"], default="all")
    parser.add_argument("--gold", action="store_true",
                        help="jobs: 24 longer documents from ../shared instead of our releases")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--resume-docs", type=int, default=1000)
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}, "
          f"Python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        base = Path(tmp)
        parts = {"jobs": lambda: part_jobs(base / "j", args.gold),
                 "overhead": lambda: part_overhead(base / "o"),
                 "memory": lambda: part_memory(base / "m"),
                 "resume": lambda: part_resume(base / "r", args.resume_docs),
                 "pairing": lambda: part_pairing(base / "p", args.sizes),
                 "dask": lambda: part_dask(base / "d")}
        for name, run in parts.items():
            if args.part in (name, "all"):
                (base / name[0]).mkdir(exist_ok=True)
                run()
                sys.stdout.flush()


if __name__ == "__main__":
    main()
