#!/usr/bin/env python3
"""Benchmark the review app: page open time for a large alignment, and time to save an edit.

Builds a review of about ``--beads`` beads from our own sample releases (their hand-checked
sentences and gold beads, repeated), glossary included, starts the real ``concord review`` server
as a subprocess, and measures:

- **open**: from the page request (``page.goto``) to the fully rendered view (the page sets
  ``body[data-ready]`` two animation frames after it has built the list from ``/api/state``), in
  headless Chromium (Debian's ``/usr/bin/chromium``), new browser context each run. Server start-up
  (reading the review file, computing every bead's terms and findings) is excluded and reported
  on its own line.
- **save**: for each edit sent to the API, the server's own ``Server-Timing`` (``save``: the edit
  applied, its journal line written and fsynced; ``total``: the whole request, the patch with
  recomputed findings included) and the client's round trip (the answer goes out only after the
  fsync, so it bounds request-to-durable-write from above). Also the same kinds of edit timed in
  process around ``ReviewFile.execute`` alone, and apart the edits that fall on a periodic
  snapshot (the whole state rewritten every 200 edits).
- **keypress**: in the page, from pressing ``c`` (confirm) to the patched view, over many presses.
- **rescoring**: preparing the aligner's lexical scorer for the review (once, in the background at
  server start) and the local confidence of the beads each structural edit makes (inside *save*).

Usage: ``.venv/bin/python scripts/bench_review.py [--beads 2000] [--runs 5] [--edits 600]``
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from align.evaluate import read_beads  # noqa: E402
from align.model import Alignment, Bead, Document, Sentence  # noqa: E402
from concord.review.journal import ReviewFile  # noqa: E402
from concord.review.operations import Confirm, EditText, Merge  # noqa: E402
from concord.review.session import ReviewSession  # noqa: E402
from tests.review.server import Server  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def large_alignment(beads_wanted: int) -> Alignment:
    """Our sample releases, repeated until there are ``beads_wanted`` beads or more."""
    releases = sorted((ROOT / "corpora" / "releases").glob("*.align"))
    if not releases:
        raise SystemExit("no sample releases in corpora/releases")
    rng = random.Random(7)
    src: list[Sentence] = []
    tgt: list[Sentence] = []
    beads: list[Bead] = []
    paragraph = 0
    while len(beads) < beads_wanted:
        for gold in releases:
            stem = gold.name.removesuffix(".align")
            zh = (gold.parent / f"{stem}.zh.sents").read_text(encoding="utf-8").splitlines()
            en = (gold.parent / f"{stem}.en.sents").read_text(encoding="utf-8").splitlines()
            s0, t0 = len(src), len(tgt)
            src += [Sentence(text, paragraph + n // 3) for n, text in enumerate(zh)]
            tgt += [Sentence(text, paragraph + n // 3) for n, text in enumerate(en)]
            paragraph += max(len(zh), len(en)) // 3 + 1
            for s, t in read_beads(gold):
                confidence = round(rng.betavariate(5, 1.2), 3)
                beads.append(Bead(tuple(s0 + i for i in s), tuple(t0 + i for i in t), confidence))
            if len(beads) >= beads_wanted:
                break
    return Alignment(Document(src, "zh", "bench.zh"), Document(tgt, "en", "bench.en"), beads)


def summary(values: list[float]) -> str:
    """Median, 95th percentile and maximum of ``values`` (ms)."""
    values = sorted(values)
    p95 = values[min(len(values) - 1, round(0.95 * (len(values) - 1)))]
    return (f"median {statistics.median(values):.1f} ms, p95 {p95:.1f} ms, "
            f"max {values[-1]:.1f} ms (n={len(values)})")


def bench_open(server: Server, runs: int
               ) -> tuple[list[float], list[float], tuple[list[float], ...], int]:
    from playwright.sync_api import sync_playwright
    walls, marks = [], []
    keypress: tuple[list[float], ...] = ()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        url = server.url
        for run in range(runs + 1):  # the first run warms the browser and is not counted
            context = browser.new_context(viewport={"width": 1400, "height": 1000})
            page = context.new_page()
            start = time.perf_counter()
            page.goto(url)
            page.wait_for_selector("body[data-ready=true]", timeout=60_000)
            wall = (time.perf_counter() - start) * 1000
            mark = page.evaluate("window.concordReadyAt")
            count = page.evaluate("document.querySelectorAll('#beads > li.bead').length")
            if run:
                walls.append(wall)
                marks.append(mark)
            if run == runs:
                keypress = bench_keypress(page)
            context.close()
        browser.close()
    return walls, marks, keypress, count


def bench_keypress(page) -> tuple[list[float], list[float], list[float]]:
    """Press ``c`` (confirm, move on) and time until the view is patched, many times: the whole
    keypress, the page's request to the answer, the answer to the patched view (ms)."""
    times, answers, patches = [], [], []
    page.keyboard.press("g")
    for _ in range(60):
        before = int(page.evaluate("document.body.dataset.version"))
        start = time.perf_counter()
        page.keyboard.press("c")
        page.wait_for_function(f"() => Number(document.body.dataset.version) > {before}")
        times.append((time.perf_counter() - start) * 1000)
        last = page.evaluate("window.concordLastEdit")
        answers.append(last["answer"])
        patches.append(last["patch"])
    return times, answers, patches


def server_timing(header: str) -> dict[str, float]:
    """``{"save": ms, "total": ms}`` from a ``Server-Timing`` header."""
    out = {}
    for part in header.split(","):
        name, _, duration = part.strip().partition(";dur=")
        out[name] = float(duration)
    return out


def bench_http_edits(server: Server, edits: int, total_beads: int
                     ) -> tuple[list[float], list[float], list[float]]:
    """Edits sent to the API: client round trips, Server-Timing save and total (ms)."""
    import httpx
    times, saves, handled = [], [], []
    rng = random.Random(11)
    with httpx.Client(base_url=server.base, headers={"X-Concord-Token": server.token}) as client:
        for n in range(edits):
            bead = rng.randrange(total_beads - 2)
            kind = n % 4
            if kind == 0:
                body, path = {"op": {"type": "confirm", "bead": bead}}, "/api/op"
            elif kind == 1:
                body, path = {"op": {"type": "merge", "bead": bead}}, "/api/op"
            elif kind == 2:
                body, path = {}, "/api/undo"
            else:
                body, path = {"op": {"type": "edit-text", "side": "tgt", "sentence": bead,
                                     "text": f"Edited sentence number {n}."}}, "/api/op"
            start = time.perf_counter()
            response = client.post(path, json=body)
            times.append((time.perf_counter() - start) * 1000)
            if response.status_code not in (200, 422):
                raise SystemExit(f"edit failed: {response.status_code} {response.text}")
            if response.status_code == 200:
                timing = server_timing(response.headers["server-timing"])
                saves.append(timing["save"])
                handled.append(timing["total"])
    return times, saves, handled


def bench_in_process(alignment: Alignment, folder: Path, edits: int
                     ) -> tuple[list[float], list[float], float, list[float]]:
    """ReviewFile.execute timed in process (apart the edits that write a snapshot), with the
    rescorer's preparation and each call."""
    from concord.review import journal
    from concord.review.rescore import LocalConfidence
    review = ReviewFile.create(folder / "inproc.review.jsonl", ReviewSession.from_alignment(alignment))
    session = review.session
    start = time.perf_counter()
    scorer = LocalConfidence(session.source, session.target, beads=session.beads)
    prepared = (time.perf_counter() - start) * 1000
    rescoring: list[float] = []

    def timed(*args):
        begin = time.perf_counter()
        try:
            return scorer(*args)
        finally:
            rescoring.append((time.perf_counter() - begin) * 1000)

    session.rescorer = timed
    rng = random.Random(5)
    plain, snapshots = [], []
    for n in range(edits):
        bead = rng.randrange(len(review.session.beads) - 2)
        op = [Confirm(bead), Merge(bead), EditText("src", bead, f"改过的句子{n}。")][n % 3]
        due = review.since_snapshot + 1 >= journal.SNAPSHOT_EVERY
        start = time.perf_counter()
        review.execute(op)
        elapsed = (time.perf_counter() - start) * 1000
        (snapshots if due else plain).append(elapsed)
    review.close()
    return plain, snapshots, prepared, rescoring


def bench_memory(alignment: Alignment, folder: Path) -> dict[str, float]:
    """A memory of the same beads, every fifth unit with inline codes: read for review, export."""
    from concord.bitext import units_from_alignment, write_units
    from concord.review.export import export_review
    from concord.review.sources import session_from_memory
    from tmx.model import Inline, Segment
    units = list(units_from_alignment(alignment, doc_id="bench"))
    for n, unit in enumerate(units):
        if n % 5 == 0:
            for variant in unit.variants:
                text = variant.segment.text
                variant.segment = Segment((Inline("bpt", (("i", "1"),), ("<b>",)), text[:4],
                                           Inline("ept", (("i", "1"),), ("</b>",)), text[4:],
                                           Inline("ph", (), ("{0}",))))
    path = folder / "bench-memory.tmx"
    write_units(units, path, src_lang="zh-CN", tgt_lang="en-US")
    start = time.perf_counter()
    session = session_from_memory(str(path), meta={"doc_id": "bench"})
    read = (time.perf_counter() - start) * 1000
    start = time.perf_counter()
    export_review(session, folder / "bench-memory.out.tmx", doc_id="bench")
    export = (time.perf_counter() - start) * 1000
    import json
    size = len(json.dumps(session.to_json(), ensure_ascii=False).encode())
    return {"units": len(units), "read": read, "export": export, "snapshot_kb": size / 1024}


def bench_agreement() -> tuple[int, float, float, float, float]:
    """Local confidence of the aligner's own beads against the aligner's confidence, on our
    sample releases: (beads, median and 90th percentile of the difference, largest, ms a bead)."""
    import numpy as np
    from align.aligner import align
    from align.document import read_document
    from concord.review.model import ReviewBead
    from concord.review.rescore import LocalConfidence
    differences, spent = [], 0.0
    for zh in sorted((ROOT / "corpora" / "releases").glob("*.zh.txt")):
        source = read_document(zh)
        target = read_document(zh.with_name(zh.name.replace(".zh.txt", ".en.txt")))
        alignment = align(source, target)
        beads = [ReviewBead(k, b.src, b.tgt, b.confidence) for k, b in enumerate(alignment.beads)]
        scorer = LocalConfidence(source, target, beads=beads)
        groupings = [(b.src, b.tgt) for b in alignment.beads]
        start = time.perf_counter()
        for k, bead in enumerate(alignment.beads):
            first = max(0, k - 2)
            (local,) = scorer.confidences(groupings[first:k + 3], [k - first])
            differences.append(abs(local - bead.confidence))
        spent += time.perf_counter() - start
    values = np.array(differences)
    return (len(values), float(np.median(values)), float(np.quantile(values, 0.9)),
            float(values.max()), 1000 * spent / len(values))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--beads", type=int, default=2000, help="beads in the review (default 2000)")
    parser.add_argument("--runs", type=int, default=5, help="page loads measured (default 5)")
    parser.add_argument("--edits", type=int, default=600, help="edits measured (default 600)")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing: apt-get install chromium")
    alignment = large_alignment(args.beads)
    glossary = ROOT / "corpora" / "glossary" / "mfa-terms.csv"
    with tempfile.TemporaryDirectory(prefix="concord-bench-review-") as tmp:
        folder = Path(tmp)
        path = folder / "bench.review.jsonl"
        meta = {"doc_id": "bench", "title": "benchmark",
                "glossary": str(glossary) if glossary.exists() else None}
        ReviewFile.create(path, ReviewSession.from_alignment(alignment, meta=meta)).close()
        print(f"review of {len(alignment.beads)} beads, {len(alignment.source)} + "
              f"{len(alignment.target)} sentences, glossary: {meta['glossary'] or 'none'}")
        start = time.perf_counter()
        server = Server([str(path)], cwd=folder)
        started = (time.perf_counter() - start) * 1000
        try:
            walls, marks, keypress, count = bench_open(server, args.runs)
            http, saves, handled = bench_http_edits(server, args.edits, len(alignment.beads))
        finally:
            server.stop()
        plain, snapshots, prepared, rescoring = bench_in_process(alignment, folder, args.edits)
        memory = bench_memory(alignment, folder)
    agreement = bench_agreement()
    print(f"beads rendered: {count}")
    print(f"server start (excluded from open; review file read, all findings computed): "
          f"{started:.0f} ms")
    print(f"open, page request to rendered view (wall, Playwright): {summary(walls)}")
    print(f"open, navigation start to rendered view (performance.now in page): {summary(marks)}")
    print(f"save, request received to edit applied and fsynced (server side, "
          f"Server-Timing save): {summary(saves)}")
    print(f"save, whole edit request in the server, patch and findings included "
          f"(Server-Timing total): {summary(handled)}")
    print(f"save, HTTP round trip seen by the client (answer sent after fsync): {summary(http)}")
    print(f"save, ReviewFile.execute (apply + rescore + append + fsync), no snapshot due: "
          f"{summary(plain)}")
    print(f"rescoring: scorer prepared once per review (background at server start): "
          f"{prepared:.0f} ms")
    print(f"rescoring: local confidence of the beads one edit makes (inside save): "
          f"{summary(rescoring)}")
    if snapshots:
        print(f"save, ReviewFile.execute on the edits that write a periodic snapshot: "
              f"{summary(snapshots)}")
    print(f"memory of {memory['units']} units (every fifth with inline codes): read for review "
          f"{memory['read']:.0f} ms, exported untouched {memory['export']:.0f} ms, review "
          f"snapshot {memory['snapshot_kb']:.0f} KB")
    beads, median, p90, largest, per_bead = agreement
    print(f"local confidence of the aligner's own beads vs the aligner's ({beads} beads of the "
          f"sample releases): |difference| median {median:.5f}, p90 {p90:.4f}, max {largest:.3f}; "
          f"{per_bead:.2f} ms a bead")
    times, answers, patches = keypress
    print(f"keypress c to patched view, as Playwright sees it: {summary(times)}")
    print(f"  of which the page's request to the answer: {summary(answers)}")
    print(f"  and the answer to the patched view (JS): {summary(patches)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
