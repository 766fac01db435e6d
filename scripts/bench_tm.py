#!/usr/bin/env python3
"""Benchmark of the translation-memory store (``concord tm``) on both back ends.

Builds memories of N units (default 10,000, 100,000 and 1,000,000) from the real sentence pairs
of the gold sets in ../shared (read by path, never copied), grown as a memory grows: the pairs
themselves, then versions of them — another number, a few words or characters changed, two
sentences joined, the same source translated again. For each size and back end (SQLite file;
PostgreSQL in a throwaway cluster started here, as the tests do), it measures:

- import: ``concord tm import`` of the TMX file in a child process (units/s, the child's peak
  memory from GNU time; for PostgreSQL the server's own memory is not counted);
- lookup: p50/p95 latency of ``Store.lookup`` (5 matches, min score 0.5) for Q queries, half
  Chinese, half English: pairs of the memory with a word, characters or a number changed;
- recall: the share of queries whose true best match (an exhaustive scan of every unit with the
  same scoring) scores ≥ 0.75 for which the lookup finds a match as good;
- the same lookups with Translate Toolkit's tmserver strategy (its old ``tmdb``): an FTS index
  of words, the query's words OR-ed, candidates within the length bounds of the minimum
  similarity, then the same reranking — the baseline the trigram indexes are compared with;
- ``concord check --tm DB`` on the store (peak memory: the inconsistent-translation rule
  against the whole store), and at the smallest sizes ``concord check --tmx`` on the same
  memory file beside it.

    .venv/bin/python scripts/bench_tm.py [--sizes 10000,100000] [--backends sqlite,postgres]
                                         [--queries 200] [--json]
    .venv/bin/python scripts/bench_tm.py --store memory.db --queries 100 \\
        [--truth truth.json]                         # lookups and recall alone
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SHARED = Path(os.environ.get("CONCORD_SHARED", ROOT.parent / "shared"))
GOLD_SETS = ("bible-en-zh", "pol-dev", "mac-dev", "wmt22-news-enzh")
_DIGITS = re.compile(r"\d+")
_EN_WORD = re.compile(r"\S+")


# -- the memory ------------------------------------------------------------------------------

def real_pairs() -> list[tuple[str, str]]:
    """The distinct two-sided gold beads of the gold sets, as (Chinese, English)."""
    from align.evaluate import discover_gold
    from align.model import sentence_separator
    pairs: dict[tuple[str, str], None] = {}
    for name in GOLD_SETS:
        folder = SHARED / "corpora" / "gold" / name
        if not folder.is_dir():
            continue
        for doc in discover_gold(folder):
            source, target, beads = doc.load()
            for src, tgt in beads:
                if not src or not tgt:
                    continue
                a = sentence_separator(source.lang).join(source.sentences[i].text for i in src)
                b = sentence_separator(target.lang).join(target.sentences[i].text for i in tgt)
                zh, en = (a, b) if source.lang == "zh" else (b, a)
                if len(zh) >= 8 and len(en) >= 20:
                    pairs[(zh, en)] = None
    if not pairs:
        raise SystemExit(f"no gold sets found under {SHARED / 'corpora' / 'gold'} "
                         "(set CONCORD_SHARED)")
    return list(pairs)


def edit_tokens(tokens: list[str], spare: list[str] | str, edits: int, rng: random.Random,
                keep: int) -> list[str]:
    """``edits`` random edits: a token dropped (while more than ``keep`` are left) or replaced
    by one of ``spare``."""
    for _ in range(edits):
        at = rng.randrange(len(tokens))
        if rng.random() < 0.5 and len(tokens) > keep:
            del tokens[at]
        else:
            tokens[at] = rng.choice(spare)
    return tokens


def edit_zh(text: str, rng: random.Random, donor: str, edits: int) -> str:
    return "".join(edit_tokens(list(text), donor, edits, rng, keep=8))


def edit_en(text: str, rng: random.Random, donor: str, edits: int) -> str:
    return " ".join(edit_tokens(text.split(" "), donor.split(" "), edits, rng, keep=4))


def renumber(text: str, rng: random.Random) -> str:
    return _DIGITS.sub(lambda m: str(rng.randrange(1, 10 ** len(m.group(0)))), text)


def variant(pairs: list[tuple[str, str]], rng: random.Random) -> tuple[str, str]:
    """Another unit grown from the pairs, as memories grow."""
    zh, en = rng.choice(pairs)
    donor_zh, donor_en = rng.choice(pairs)
    kind = rng.random()
    if kind < 0.15 and _DIGITS.search(zh):
        seed = rng.randrange(10 ** 9)
        return renumber(zh, random.Random(seed)), renumber(en, random.Random(seed))
    if kind < 0.6:
        edits = rng.randint(1, 3)
        return edit_zh(zh, rng, donor_zh, edits), edit_en(en, rng, donor_en, edits)
    if kind < 0.95:
        return zh + donor_zh, en + " " + donor_en
    return zh, edit_en(en, rng, donor_en, 2)  # the same source translated again


def generate(pairs: list[tuple[str, str]], count: int, seed: int = 1) -> Iterator:
    """``count`` units: the pairs first, then variants."""
    from tmx.model import Unit
    rng = random.Random(seed)
    for n in range(count):
        zh, en = pairs[n] if n < len(pairs) else variant(pairs, rng)
        props = [("x-concord-doc", f"doc-{n // 40}"), ("x-concord-status", "confirmed"),
                 ("x-concord-confidence", f"{0.5 + (n % 500) / 1000:.3f}")]
        yield Unit.bilingual(f"doc-{n // 40}:{n % 40 + 1}", "zh-CN", zh, "en-US", en,
                             props=props)


def queries(pairs: list[tuple[str, str]], count: int, seed: int = 2) -> list[tuple[str, str]]:
    """``count`` queries (text, lang), half of each language: pairs with one or two tokens or
    a number changed."""
    rng = random.Random(seed)
    out = []
    for n in range(count):
        zh, en = rng.choice(pairs[:len(pairs)])
        donor_zh, donor_en = rng.choice(pairs)
        if n % 2 == 0:
            text = renumber(zh, rng) if n % 6 == 0 and _DIGITS.search(zh) else \
                edit_zh(zh, rng, donor_zh, rng.randint(1, 2))
            out.append((text, "zh"))
        else:
            text = renumber(en, rng) if n % 6 == 1 and _DIGITS.search(en) else \
                edit_en(en, rng, donor_en, rng.randint(1, 2))
            out.append((text, "en"))
    return out


# -- measuring -------------------------------------------------------------------------------

def child(command: list[str]) -> dict:
    """Run ``python -m concord COMMAND`` in a child process: seconds, CPU seconds, its peak MB,
    status. The peak comes from GNU time, which starts the child: Linux keeps a process's
    high-water mark across exec, so the maximum resident set size wait4 reports for a child
    forked from this (large) process would be this process's own."""
    start = time.perf_counter()
    timer = ["/usr/bin/time", "-f", "%M %U %S"] if os.path.exists("/usr/bin/time") else []
    with tempfile.TemporaryFile() as err:
        process = subprocess.run([*timer, sys.executable, "-m", "concord", *command],
                                 stdout=subprocess.DEVNULL, stderr=err, cwd=ROOT, check=False,
                                 env=dict(os.environ, PYTHONPATH=str(ROOT)))
        err.seek(0)
        lines = err.read().decode("utf-8", "replace").strip().splitlines()
    if not timer:
        raise SystemExit("GNU time (/usr/bin/time) is needed to measure the children's memory")
    peak_kb, user, system = lines.pop().split()
    if process.returncode not in (0, 1):
        raise SystemExit(f"concord {' '.join(command)} failed: {' '.join(lines)}")
    return {"seconds": round(time.perf_counter() - start, 1),
            "cpu_seconds": round(float(user) + float(system), 1),
            "peak_mb": round(int(peak_kb) / 1024), "exit": process.returncode,
            "message": lines[-1] if lines else ""}


def exhaustive_best(store, asked: list[tuple[str, str]]) -> list[float]:
    """The true best score of each query over every stored unit (rapidfuzz over all units in
    chunks, then the top candidates scored exactly as a lookup scores them)."""
    import heapq

    from rapidfuzz.distance import Levenshtein
    from rapidfuzz.process import cdist

    from concord.tm import fuzzy
    tokens = [fuzzy.quick_tokens(text) for text, _ in asked]
    tops: list[list[tuple[float, str]]] = [[] for _ in asked]
    by_lang = {lang: [i for i, (_, lg) in enumerate(asked) if lg == lang] for lang in ("zh", "en")}
    chunk: list[tuple[str, str]] = []

    def scan() -> None:
        for lang, indexes in by_lang.items():
            texts = [zh if lang == "zh" else en for zh, en in chunk]
            choices = [fuzzy.quick_tokens(t) for t in texts]
            matrix = cdist([tokens[i] for i in indexes], choices,
                           scorer=Levenshtein.normalized_similarity, workers=1)
            for row, i in zip(matrix, indexes):
                for j in row.argsort()[-20:]:
                    item = (float(row[j]), texts[j])
                    if len(tops[i]) < 20:
                        heapq.heappush(tops[i], item)
                    else:
                        heapq.heappushpop(tops[i], item)

    for row in store._stream("SELECT zh, en FROM tm_units"):
        chunk.append(row)
        if len(chunk) >= 20_000:
            scan()
            chunk = []
    if chunk:
        scan()
    best = []
    for (text, lang), top in zip(asked, tops):
        placed = fuzzy.placeables(text, lang)
        best.append(max((fuzzy.score(text, t, lang, placed).value for _, t in top), default=0.0))
    return best


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def cpu_clock(store=None):
    """A clock of the CPU seconds a lookup costs: this process's, plus for a PostgreSQL store
    those of the server process serving its connection (read from /proc: the cluster runs on
    this machine). On a loaded machine CPU time is what a quiet one's wall time would be."""
    pid = getattr(getattr(getattr(store, "conn", None), "info", None), "backend_pid", None)
    ticks = os.sysconf("SC_CLK_TCK")

    def server() -> float:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / ticks  # utime, stime

    if pid is None:
        return time.process_time
    return lambda: time.process_time() + server()


def timed_lookups(lookup, asked: list[tuple[str, str]], clock=time.process_time
                  ) -> tuple[list[float], list[float], list[float]]:
    """Milliseconds (wall), milliseconds of CPU (``clock``) and best score of each query."""
    times, cpu, scores = [], [], []
    for text, lang in asked:
        start, started = time.perf_counter(), clock()
        found = lookup(text, lang)
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((clock() - started) * 1000)
        scores.append(found[0].score if found else 0.0)
    return times, cpu, scores


def latency(asked: list[tuple[str, str]], times: list[float], cpu: list[float],
            prefix: str = "lookup_") -> dict:
    """p50 and p95 of the wall and CPU milliseconds, in all and by language."""
    result = {}
    for lang in (None, "zh", "en"):
        mine = [i for i, (_, lg) in enumerate(asked) if lang in (None, lg)]
        tag = f"_{lang}" if lang else ""
        for name, values in (("", times), ("cpu_", cpu)):
            picked = [values[i] for i in mine]
            result[f"{prefix}{name}p50_ms{tag}"] = round(statistics.median(picked), 1)
            result[f"{prefix}{name}p95_ms{tag}"] = round(percentile(picked, 95), 1)
    return result


def time_store(url: str, asked: list[tuple[str, str]], truth: Path | None = None) -> dict:
    """Lookup latency (wall and CPU) and recall on an existing store, without the rest. The
    exhaustive scan's best scores are kept in ``truth`` (a JSON file) and read from it on the
    next run, when it was made for the same store and queries."""
    from concord.tm import open_store
    with open_store(url) as store:
        store.lookup(asked[0][0], asked[0][1])
        times, cpu, scores = timed_lookups(lambda text, lang: store.lookup(text, lang, 5, 0.5),
                                           asked, cpu_clock(store))
        units = store.stats()["units"]
        key = {"store": url, "units": units, "queries": asked}
        best = None
        if truth is not None and truth.exists():
            saved = json.loads(truth.read_text(encoding="utf-8"))
            if saved["key"] == json.loads(json.dumps(key)):
                best = saved["best"]
        if best is None:
            best = exhaustive_best(store, asked)
            if truth is not None:
                truth.write_text(json.dumps({"key": key, "best": best}), encoding="utf-8")
    result = {"store": url, "units": units, "queries": len(asked),
              "load_average": os.getloadavg()[0], **latency(asked, times, cpu)}
    result.update(recall(asked, best, scores))
    return result


def recall(asked: list[tuple[str, str]], best: list[float], scores: list[float],
           prefix: str = "") -> dict:
    """The share of queries whose true best match (≥ 0.75) was found, in all and by language;
    the queries missed, with the true best and what the lookup found."""
    judged = [i for i, b in enumerate(best) if b >= 0.75]
    found = {i for i in judged if scores[i] >= best[i] - 1e-9}
    result: dict = {f"{prefix}queries_true_best_ge_075": len(judged),
                    f"{prefix}recall": round(len(found) / len(judged), 4) if judged else None}
    for lang in ("zh", "en"):
        mine = [i for i in judged if asked[i][1] == lang]
        result[f"{prefix}recall_{lang}"] = \
            round(sum(i in found for i in mine) / len(mine), 4) if mine else None
    result[f"{prefix}missed"] = [[i, asked[i][1], best[i], scores[i]]
                                 for i in judged if i not in found]
    return result


class WordOrBaseline:
    """Translate Toolkit tmserver's candidate search (its tmdb): an FTS index of the source
    words, the query's words joined with OR, candidates whose length is within the bounds the
    minimum similarity allows; the candidates are then reranked as the store reranks its own."""

    MIN_SIMILARITY = 0.75

    def __init__(self, path: Path, store) -> None:
        self.conn = sqlite3.connect(path)
        self.conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS words USING fts5(zh, en)")
        self.conn.execute("CREATE TABLE IF NOT EXISTS lengths (id INTEGER PRIMARY KEY, "
                          "zh INTEGER, en INTEGER)")
        self.conn.executemany("INSERT INTO words (rowid, zh, en) VALUES (?, ?, ?)",
                              store._stream("SELECT id, zh, en FROM tm_units"))
        self.conn.execute("INSERT INTO lengths SELECT rowid, length(zh), length(en) FROM words")
        self.conn.commit()
        self.store = store

    def lookup(self, text: str, lang: str):
        from concord.tm import fuzzy
        from concord.tm.store import Match
        words = re.sub(r"[^\w\s]", " ", text).split()
        if not words:
            return []
        query = " OR ".join('"' + w.replace('"', '""') + '"' for w in words)
        low, high = len(text) * self.MIN_SIMILARITY, len(text) / self.MIN_SIMILARITY
        rows = self.conn.execute(
            f"SELECT w.{lang} FROM words w JOIN lengths l ON l.id = w.rowid WHERE words MATCH ? "
            f"AND l.{lang} BETWEEN ? AND ?", (f"{lang} : ({query})", low, high)).fetchall()
        quick = fuzzy.quick_tokens(text)
        ranked = sorted(((fuzzy.quick_score(quick, fuzzy.quick_tokens(c)), c) for (c,) in rows),
                        reverse=True)[:30]
        placed = fuzzy.placeables(text, lang)
        scored = sorted((fuzzy.score(text, candidate, lang, placed).value
                         for _, candidate in ranked), reverse=True)
        return [Match(s, "", "", lang, None, "", "", "", 1, {}) for s in scored[:5]]


def measure(backend: str, url: str, size: int, pairs, asked, folder: Path) -> dict:
    from concord.bitext import write_units
    from concord.tm import open_store

    memory = folder / f"memory-{size}.tmx"
    if not memory.exists():
        write_units(generate(pairs, size), memory)
    result: dict = {"backend": backend, "size": size}
    imported = child(["tm", "import", "-q", "--db", url, str(memory)])
    result["import_units_per_s"] = round(size / imported["seconds"])
    result["import_seconds"] = imported["seconds"]
    result["import_cpu_seconds"] = imported["cpu_seconds"]
    result["import_peak_mb"] = imported["peak_mb"]
    with open_store(url) as store:
        result["units"] = store.stats()["units"]
        store.lookup(asked[0][0], asked[0][1])  # warm the caches once
        times, cpu, scores = timed_lookups(
            lambda text, lang: store.lookup(text, lang, 5, 0.5), asked, cpu_clock(store))
        result["load_average"] = os.getloadavg()[0]
        result.update(latency(asked, times, cpu))
        best = exhaustive_best(store, asked)
        result.update(recall(asked, best, scores))
        if backend == "sqlite":
            baseline = WordOrBaseline(folder / f"baseline-{size}.db", store)
            b_times, b_cpu, b_scores = timed_lookups(baseline.lookup, asked)
            result.update(latency(asked, b_times, b_cpu, "word_or_"))
            result.update(recall(asked, best, b_scores, "word_or_"))
    checked = child(["check", "--tm", url, "-f", "json", "-o", str(folder / "check.json")])
    result["check_tm_seconds"] = checked["seconds"]
    result["check_tm_peak_mb"] = checked["peak_mb"]
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--check-tmx-up-to", type=int, default=100_000,
                        help="also run concord check --tmx on memories up to this size")
    parser.add_argument("--store", metavar="DB",
                        help="only time the lookups on this existing store (a path or URL)")
    parser.add_argument("--truth", metavar="JSON", type=Path,
                        help="with --store: keep the exhaustive scan's results in this file "
                             "and reuse them while the store and queries are the same")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.store:
        print(json.dumps(time_store(args.store, queries(real_pairs(), args.queries), args.truth)))
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s]
    backends = [b for b in args.backends.split(",") if b]
    pairs = real_pairs()
    asked = queries(pairs, args.queries)
    print(f"{len(pairs)} real pairs; {len(asked)} queries", file=sys.stderr)
    results = []
    cluster = None
    with tempfile.TemporaryDirectory(prefix="bench-tm-") as tmp:
        folder = Path(tmp)
        try:
            if "postgres" in backends:
                from tests.tm.postgres import Cluster, server_binaries
                binaries = server_binaries()
                if binaries is None:
                    raise SystemExit("PostgreSQL server binaries not found")
                cluster = Cluster(binaries)
                cluster.start()
            for size in sizes:
                for backend in backends:
                    url = str(folder / f"store-{size}.db") if backend == "sqlite" else \
                        cluster.create_database(f"bench_{size}")
                    result = measure(backend, url, size, pairs, asked, folder)
                    if backend == backends[0] and size <= args.check_tmx_up_to:
                        tmx = child(["check", "--tmx", str(folder / f"memory-{size}.tmx"),
                                     "-f", "json", "-o", str(folder / "check-tmx.json")])
                        result["check_tmx_seconds"] = tmx["seconds"]
                        result["check_tmx_peak_mb"] = tmx["peak_mb"]
                    print(json.dumps(result), file=sys.stderr, flush=True)
                    results.append(result)
                    if backend == "sqlite":
                        os.unlink(url)
                (folder / f"memory-{size}.tmx").unlink(missing_ok=True)
        finally:
            if cluster is not None:
                cluster.stop()
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    columns = ["backend", "size", "import_units_per_s", "import_cpu_seconds", "import_peak_mb",
               "lookup_p50_ms", "lookup_p95_ms", "lookup_cpu_p50_ms", "lookup_cpu_p95_ms", "recall",
               "recall_zh", "recall_en", "word_or_p50_ms", "word_or_p95_ms", "word_or_recall",
               "check_tm_peak_mb", "check_tmx_peak_mb"]
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for r in results:
        print("| " + " | ".join(str(r.get(c, "")) for c in columns) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
