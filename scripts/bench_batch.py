#!/usr/bin/env python3
"""Benchmark corpus-scale work: ``concord batch`` (jobs, overhead, memory, resume, Dask) and
``concord pair`` (quality and time as the corpus grows).

Parts (``--part``, default all):

- **jobs**: ``concord batch`` on a folder of 24 documents at ``--jobs 1`` and ``--jobs 2``,
  each run as the command a user types, side by side in one run (``--rounds``, medians): wall and
  CPU time (the command and its workers), the ratio (target ≥ 1.7 on 2 cores). The folder
  (``--folder``): ``releases``, our 8 releases three times under other names; ``gold`` (or
  ``--gold``), the first 24 pol-dev and wmt22 documents of ../shared, ``--presplit``; ``long``,
  24 longer distinct texts of ../shared (the 6 mac-dev chapters, the 9 pol-dev documents, the 2
  white papers, 7 stretches of 300 beads of the Bible), segmented by Concord. Since the machine
  may be shared, the ratio is also estimated from CPU times (Amdahl): the fixed cost S is the
  CPU time of the same command on one short sentence pair, the parallel part W the rest of the
  ``--jobs 1`` CPU time; on two idle cores ``--jobs 2`` would give (S + W) / (S + W/2).
- **fixed**: what a ``concord`` process costs before its first document, step by step, in CPU
  time of fresh processes (median of ``--rounds``): the interpreter, the imports a batch run
  needs, loading the lexicon, the rest of what ``batch`` loads before its first document
  (``warm_up``: the tables a first document builds), and ``concord batch`` on one short pair
  (the steps before are run with ``python -c``, so they end as any interpreter does; the command
  ends as the program does).

Every command runs with its bytecode cached (``PYTHONPYCACHEPREFIX`` in the temporary folder,
written by a first run), as an installed package has it, whatever ``PYTHONDONTWRITEBYTECODE``
says. ``--peer DIR`` runs the jobs and fixed parts with the Concord of another tree too
(``PYTHONPATH=DIR``), interleaved with this one: a before/after comparison in one run.
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

Usage: ``.venv/bin/python scripts/bench_batch.py [--part jobs] [--folder releases|gold|long]
[--peer ../main] [--sizes 1000 10000]``
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import signal
import socket
import statistics
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
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
       "PYTHONPATH": str(ROOT)}
#: where the commands run (not a Concord tree, which ``python -m`` would put first on the path)
WORKDIR = Path(tempfile.gettempdir())
#: our own sentence pair: the command's fixed cost is its CPU time on this folder
SHORT_PAIR = ("双方同意加强合作。\n", "The two sides agreed to strengthen cooperation.\n")


def concord(*args: str, tree: Path = ROOT) -> float:
    """Run ``concord ARGS`` as a user would (the Concord of ``tree``); returns the wall time (the
    CPU time it and its worker processes used is kept in ``LAST_CPU``)."""
    return python("-m", "concord", *args, tree=tree)


def python(*args: str, tree: Path = ROOT) -> float:
    """Run Python with ``ARGS`` and the Concord of ``tree``; returns the wall time, and keeps
    the CPU time in ``LAST_CPU``."""
    global LAST_CPU
    env = dict(ENV, PYTHONPATH=str(tree))
    if PYCACHE is not None:
        env["PYTHONPYCACHEPREFIX"] = str(PYCACHE / tree.resolve().name)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, *args], env=env, check=True, stdout=subprocess.DEVNULL,
                   cwd=WORKDIR)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    LAST_CPU = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall


LAST_CPU = 0.0
#: the commands' bytecode caches (set by main, in the temporary folder)
PYCACHE: Path | None = None


def folder_of_24(base: Path, which: str) -> Path:
    """The jobs part's folder (see the module's description)."""
    folder = base / "docs24"
    folder.mkdir(parents=True)
    if which == "gold":
        pairs = gold_pairs(SHARED)
        pairs = [p for p in pairs if "mac-dev" not in str(p[0])][:24]
        for k, (zh, en) in enumerate(pairs):
            shutil.copy(zh, folder / f"doc{k:02d}.zh")
            shutil.copy(en, folder / f"doc{k:02d}.en")
        return folder
    if which == "long":
        gold = SHARED / "corpora" / "gold"
        for name in ("mac-dev", "pol-dev"):
            for zh in sorted((gold / name).glob("*.zh")):
                shutil.copy(zh, folder / f"{name}-{zh.stem}.zh")
                shutil.copy(zh.with_suffix(".en"), folder / f"{name}-{zh.stem}.en")
        for zh in sorted((SHARED / "corpora" / "raw" / "scio-whitepapers").glob("*.zh.txt")):
            stem = zh.name[:-len(".zh.txt")]
            shutil.copy(zh, folder / f"whitepaper-{stem}.zh.txt")
            shutil.copy(zh.with_name(f"{stem}.en.txt"), folder / f"whitepaper-{stem}.en.txt")
        _bible_parts(gold / "bible-en-zh", folder, 24 - len(list(folder.glob("*.en*"))))
        return folder
    for copy in range(3):
        for zh, en in release_pairs(RELEASES):
            stem = zh.name[:-len(".zh.txt")]
            shutil.copy(zh, folder / f"{stem}-{copy}.zh.txt")
            shutil.copy(en, folder / f"{stem}-{copy}.en.txt")
    return folder


def _bible_parts(bible: Path, folder: Path, count: int, beads: int = 300) -> None:
    """``count`` stretches of ``beads`` gold beads, spread over the Bible, as document pairs."""
    from align.evaluate import read_beads

    zh = (bible / "001.zh").read_text(encoding="utf-8").splitlines()
    en = (bible / "001.en").read_text(encoding="utf-8").splitlines()
    gold = read_beads(bible / "001.align")
    step = len(gold) // count
    for k in range(count):   # bible-en-zh's beads are English first
        part = gold[k * step:k * step + beads]
        (folder / f"bible-{k:02d}.zh").write_text(
            "".join(zh[i] + "\n" for _, ids in part for i in ids), encoding="utf-8")
        (folder / f"bible-{k:02d}.en").write_text(
            "".join(en[i] + "\n" for ids, _ in part for i in ids), encoding="utf-8")


def part_jobs(base: Path, which: str, trees: list[Path], rounds: int) -> None:
    folder = folder_of_24(base, which)
    extra = ["--presplit"] if which == "gold" else []
    short = base / "short"
    short.mkdir()
    ending = "" if which == "gold" else ".txt"   # the folder's layout: NAME.zh or NAME.zh.txt
    for lang, text in zip(("zh", "en"), SHORT_PAIR):
        (short / f"short.{lang}{ending}").write_text(text, encoding="utf-8")
    documents = len(list(folder.glob("*.en*")))
    sentences = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in folder.iterdir())
    print(f"folder {which}: {documents} documents, {sentences:,} lines in all")
    fixed: dict[Path, list[float]] = {t: [] for t in trees}
    wall: dict[tuple[Path, int], list[float]] = {(t, j): [] for t in trees for j in (1, 2)}
    cpu: dict[tuple[Path, int], list[float]] = {(t, j): [] for t in trees for j in (1, 2)}
    for tree in trees:   # warm: the bytecode caches and the lexicon cache are written
        concord("batch", str(folder), "-o", str(base / "warm"), "-q", "--jobs", "1", *extra,
                tree=tree)
        shutil.rmtree(base / "warm")
    for _ in range(rounds):
        for tree in trees:
            concord("batch", str(short), "-o", str(base / "short-out"), "-q", "--jobs", "1",
                    *extra, tree=tree)
            fixed[tree].append(LAST_CPU)
            shutil.rmtree(base / "short-out")
            for jobs in (1, 2):
                out = base / f"{tree.resolve().name}-jobs{jobs}"
                if out.exists():
                    shutil.rmtree(out)
                wall[tree, jobs].append(concord("batch", str(folder), "-o", str(out), "-q",
                                                "--jobs", str(jobs), *extra, tree=tree))
                cpu[tree, jobs].append(LAST_CPU)
    outputs = {(t, j): _outputs(base / f"{t.resolve().name}-jobs{j}") for t in trees for j in (1, 2)}
    same = all(outputs[t, 1] == outputs[t, 2] for t in trees)
    print(f"outputs identical, --jobs 1 and --jobs 2{' of each tree' if len(trees) > 1 else ''}: "
          f"{same}")
    if len(trees) > 1:
        print(f"outputs identical across the trees: {outputs[trees[0], 1] == outputs[trees[1], 1]}"
              " (False where the trees align differently)")
    for tree in trees:
        name = "" if len(trees) == 1 else f"[{tree.resolve().name}] "
        s = median(fixed[tree])
        w = median(cpu[tree, 1]) - s
        w1, w2 = median(wall[tree, 1]), median(wall[tree, 2])
        print(f"{name}jobs 1: {w1:.2f} s wall, CPU {median(cpu[tree, 1]):.2f} s; jobs 2: "
              f"{w2:.2f} s wall, CPU {median(cpu[tree, 2]):.2f} s (command and workers; "
              f"medians of {rounds})")
        print(f"{name}fixed cost S (CPU on one short pair) {s:.2f} s, parallel part W "
              f"{w:.2f} s ({w / documents * 1000:.0f} ms a document): on 2 idle cores jobs 1 "
              f"would take S+W = {s + w:.2f} s, jobs 2 S+W/2 = {s + w / 2:.2f} s, "
              f"{(s + w) / (s + w / 2):.2f}x; measured {w1 / w2:.2f}x wall (target >= 1.7)")
    print(f"load average {os.getloadavg()[0]:.1f}")


def part_fixed(base: Path, trees: list[Path], rounds: int) -> None:
    short = base / "short"
    short.mkdir()
    for lang, text in zip(("zh", "en"), SHORT_PAIR):
        (short / f"short.{lang}.txt").write_text(text, encoding="utf-8")
    imports = ("import concord.cli, concord.commands.batch, concord.corpus.run, align.aligner, "
               "align.document, concord.pipeline, concord.bitext, tmx.writer")
    steps = {"interpreter": ["-c", "pass"],
             "imports": ["-c", imports],
             "+ lexicon": ["-c", imports + "; from align.lexicon import load_lexicon; "
                           "load_lexicon()"],
             "+ warm-up (tables)": ["-c", imports + "; from concord.corpus.task import "
                                    "BatchOptions, warm_up; warm_up(BatchOptions())"],
             "batch, one short pair": ["-m", "concord", "batch", str(short), "-o",
                                       str(base / "out"), "-q", "--jobs", "1"]}
    times: dict[tuple[Path, str], list[float]] = {(t, s): [] for t in trees for s in steps}
    for tree in trees:
        python(*steps["batch, one short pair"], tree=tree)   # bytecode and lexicon caches
        shutil.rmtree(base / "out")
    for _ in range(rounds):
        for step, args in steps.items():
            for tree in trees:
                python(*args, tree=tree)
                times[tree, step].append(LAST_CPU)
                shutil.rmtree(base / "out", ignore_errors=True)
    print(f"fixed cost of a concord process, CPU seconds (median of {rounds} fresh processes):")
    for step in steps:
        print(f"  {step:24}" + "".join(f"  {t.resolve().name}: {median(times[t, step]):.3f}"
                                         for t in trees))
    print(f"load average {os.getloadavg()[0]:.1f}")


def median(values: list[float]) -> float:
    return statistics.median(values)


def part_overhead(base: Path) -> None:
    from concord.corpus.pairs import pairs_by_name
    from concord.corpus.run import run_batch
    from concord.corpus.task import BatchOptions, warm_up
    from concord.pipeline import align_files

    folder = folder_of_24(base / "o", "releases")
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

    folder = folder_of_24(base / "m", "releases")
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
    folder = folder_of_24(base / "d", "releases")
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
    parser.add_argument("--part", choices=["jobs", "fixed", "overhead", "memory", "resume",
                                           "pairing", "dask", "all"], default="all")
    parser.add_argument("--folder", choices=["releases", "gold", "long"], default="releases",
                        help="jobs: which 24 documents (see the description)")
    parser.add_argument("--gold", action="store_const", const="gold", dest="folder",
                        help="jobs: --folder gold")
    parser.add_argument("--peer", type=Path, help="jobs, fixed: also the Concord of this tree")
    parser.add_argument("--rounds", type=int, default=3, help="jobs, fixed: runs of each")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--resume-docs", type=int, default=1000)
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}, "
          f"Python {sys.version.split()[0]}")
    trees = [ROOT] + ([args.peer.resolve()] if args.peer else [])
    global PYCACHE
    with tempfile.TemporaryDirectory(prefix="bench-batch-") as tmp:
        base = Path(tmp)
        PYCACHE = base / "pycache"
        parts = {"jobs": lambda: part_jobs(base / "j", args.folder, trees, args.rounds),
                 "fixed": lambda: part_fixed(base / "f", trees, args.rounds),
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
