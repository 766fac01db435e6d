#!/usr/bin/env python3
"""Benchmark TMX writing and reading at scale, side by side with Translate Toolkit.

Generates N units (default 1,000,000) from our own sample releases (``corpora/releases``: the
gold-aligned sentence pairs, each unit numbered so that no two are alike, with the seven
``x-concord-*`` properties an alignment gives), writes them with ``concord.bitext.write_units``
(the streaming TMX writer), reads them back with ``tmx.reader.iter_units`` (touching the text of
every unit), and reads a file with Translate Toolkit's ``tmxfile`` (loading it and taking the
source and target of every unit). Every phase runs in its own child process, so that each peak
memory (maximum resident set size) is its own.

Translate Toolkit builds the whole tree in memory (about 8 KB per unit); it is run on the full
file only when the machine has room for it (``--tt-units`` or the memory check decides),
otherwise on a prefix of the same units, and said so. Our reader is also timed on that prefix,
so that the ratio compares the same work.

Usage::

    .venv/bin/python scripts/bench_tmx.py [--units N] [--tt-units M] [--dir DIR] [--json]
"""
from __future__ import annotations

import argparse
import json
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TT_BYTES_PER_UNIT = 8_500           # measured: Translate Toolkit's peak per unit of our TMX
PEAK_TARGET_MB = 300
SPEED_TARGET = 5.0

#: used only when corpora/releases is missing: sentences of our own
FALLBACK = [("新港区今天正式开港。", "The new harbour district opened today."),
            ("市长出席了开港仪式并致辞。", "The mayor attended the opening ceremony and spoke."),
            ("双方同意加强在农业领域的合作。", "The two sides agreed to strengthen cooperation "
                                               "in agriculture.")]


def release_pairs() -> list[tuple[str, str, str]]:
    """(document, Chinese, English) for every gold bead of our sample releases."""
    pairs = []
    for align in sorted((ROOT / "corpora" / "releases").glob("*.align")):
        name = align.name[:-len(".align")]
        zh = (align.parent / f"{name}.zh.sents").read_text(encoding="utf-8").splitlines()
        en = (align.parent / f"{name}.en.sents").read_text(encoding="utf-8").splitlines()
        for line in align.read_text(encoding="utf-8").splitlines():
            found = re.match(r"\[([\d, ]*)\]:\[([\d, ]*)\]", line.strip())
            if not found:
                continue
            src = [int(i) for i in found.group(1).split(",") if i.strip()]
            tgt = [int(i) for i in found.group(2).split(",") if i.strip()]
            if src and tgt:
                pairs.append((name, "".join(zh[i] for i in src), " ".join(en[i] for i in tgt)))
    return pairs or [("fallback", zh, en) for zh, en in FALLBACK]


def generate(count: int) -> Iterator:
    """``count`` distinct units cycling through the release pairs, numbered."""
    from tmx.model import Unit
    pairs = release_pairs()
    for n in range(count):
        doc, zh, en = pairs[n % len(pairs)]
        cycle = n // len(pairs)
        props = [("x-concord-doc", f"{doc}-{cycle}"), ("x-concord-paragraph", str(n % 40)),
                 ("x-concord-bead", "1-1"), ("x-concord-src-ids", str(n % 97)),
                 ("x-concord-tgt-ids", str(n % 97)),
                 ("x-concord-confidence", f"{0.5 + (n % 500) / 1000:.3f}"),
                 ("x-concord-status", "unreviewed")]
        yield Unit.bilingual(f"{doc}-{cycle}:{n % len(pairs) + 1}", "zh-CN", f"{zh}（{n}）",
                             "en-US", f"{en} ({n})", props=props)


# -- phases, each in a child process ---------------------------------------------------------------

def peak_mb() -> float:
    """The peak resident set size of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_seconds() -> float:
    """CPU time of this process so far: steadier than wall time on a shared machine."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def phase_write(path: Path, count: int) -> dict:
    """Write ``count`` generated units to ``path`` as TMX; time, CPU time and peak."""
    from concord.bitext import write_units
    start, cpu = time.perf_counter(), cpu_seconds()
    summary = write_units(generate(count), path)
    seconds = time.perf_counter() - start
    return {"units": summary.units, "seconds": seconds, "cpu_seconds": cpu_seconds() - cpu,
            "peak_mb": peak_mb(), "bytes": path.stat().st_size}


def phase_read(path: Path) -> dict:
    """Read every unit of ``path`` with our reader, taking the text of both sides."""
    from tmx.reader import iter_units
    start, cpu = time.perf_counter(), cpu_seconds()
    units = characters = 0
    for unit in iter_units(path):
        units += 1
        characters += len(unit.text("zh-CN")) + len(unit.text("en-US"))
    seconds = time.perf_counter() - start
    return {"units": units, "seconds": seconds, "cpu_seconds": cpu_seconds() - cpu,
            "peak_mb": peak_mb(), "characters": characters}


def phase_floor(path: Path) -> dict:
    """What any reader pays before or besides extracting a unit's strings, in seconds:

    * ``check``: libxml2 checking that the file is well-formed, building nothing (a parser
      target with no callbacks): what a reader that does not trust its input pays at least;
    * ``parse``: ``iterparse`` alone (each unit freed), the tree every lxml reader builds;
    * ``visit``: ``iterparse`` plus visiting every element of each unit from Python (tag,
      ``type``, text), nothing built;
    * ``build``: making the :class:`~tmx.model.Unit` objects the reader returns from strings
      already in hand (the fields of the file's first units, copied out, built again and again).
    """
    from lxml import etree

    from tmx.model import Unit, Variant, plain_segment
    from tmx.reader import iter_units

    def parse(visit: bool) -> tuple[int, float]:
        start, units = time.perf_counter(), 0
        for _event, tu in etree.iterparse(str(path), events=("end",), tag="tu"):
            units += 1
            if visit:
                for child in tu:
                    if child.tag == "prop":
                        child.get("type"), child.text
                    else:
                        for seg in child:
                            seg.text  # noqa: B018  (reading the text is what is timed)
            while tu.getprevious() is not None:
                del tu.getparent()[0]
        return units, time.perf_counter() - start

    class NoTree:
        def close(self) -> None:
            return None

    start = time.perf_counter()
    checker = etree.XMLParser(target=NoTree(), resolve_entities=False, no_network=True)
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            checker.feed(block)
    checker.close()
    checking = time.perf_counter() - start
    units, parsing = parse(False)
    _units, visiting = parse(True)
    fields = []
    for unit in iter_units(path):
        fields.append((unit.tuid, [(v.lang, v.text) for v in unit.variants], list(unit.props),
                       unit.line))
        if len(fields) == 20_000:
            break
    start, built = time.perf_counter(), 0
    while built < units:
        for tuid, variants, props, line in fields:
            Unit(tuid, [Variant(lang, plain_segment(text), [], [], {}) for lang, text in variants],
                 [(kind, value) for kind, value in props], [], {}, line)
        built += len(fields)
    building = (time.perf_counter() - start) * units / built
    return {"units": units, "seconds": parsing, "check_seconds": checking,
            "parse_seconds": parsing, "visit_seconds": visiting, "build_seconds": building}


def phase_tt(path: Path) -> dict:
    """Load ``path`` with Translate Toolkit and take the source and target of every unit."""
    from translate.storage.tmx import tmxfile
    start, cpu = time.perf_counter(), cpu_seconds()
    with open(path, "rb") as handle:
        store = tmxfile(handle)
    loaded = time.perf_counter() - start
    units = characters = 0
    for unit in store.units:
        units += 1
        characters += len(unit.source or "") + len(unit.target or "")
    seconds = time.perf_counter() - start
    return {"units": units, "seconds": seconds, "cpu_seconds": cpu_seconds() - cpu,
            "load_seconds": loaded, "peak_mb": peak_mb(), "characters": characters}


def child(args: list[str]) -> dict:
    """Run one phase in a child process (so that its peak memory is its own); its results."""
    done = subprocess.run([sys.executable, __file__, "--phase", *args], capture_output=True,
                          text=True)
    if done.returncode != 0:
        raise SystemExit(f"phase {args[0]} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def mem_available_mb() -> float:
    """The memory available on the machine, in MB (infinite when it cannot be told)."""
    try:
        text = Path("/proc/meminfo").read_text()
    except OSError:
        return float("inf")
    found = re.search(r"MemAvailable:\s+(\d+) kB", text)
    return int(found.group(1)) / 1024 if found else float("inf")


def rate(result: dict, clock: str = "seconds") -> float:
    """Units per second of a phase, by wall clock or by ``"cpu_seconds"``."""
    return result["units"] / result[clock]


def main() -> int:
    """Run the phases and print the table; 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, default=1_000_000,
                        help="units to write and read (default: 1,000,000)")
    parser.add_argument("--tt-units", type=int,
                        help="units Translate Toolkit reads (default: all when the machine has "
                             "room for its whole tree, else 200,000)")
    parser.add_argument("--dir", help="where to write the files (default: a temporary directory,"
                                      " removed at the end)")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--phase", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.phase:
        name, rest = args.phase[0], args.phase[1:]
        if name == "write":
            result = phase_write(Path(rest[0]), int(rest[1]))
        elif name == "read":
            result = phase_read(Path(rest[0]))
        elif name == "floor":
            result = phase_floor(Path(rest[0]))
        else:
            result = phase_tt(Path(rest[0]))
        print(json.dumps(result))
        return 0

    with tempfile.TemporaryDirectory(prefix="bench-tmx-", dir=args.dir) as tmp:
        big = Path(tmp) / "big.tmx"
        results: dict = {"units": args.units}
        print(f"writing {args.units:,} units …", file=sys.stderr)
        results["write"] = child(["write", str(big), str(args.units)])
        print("reading them back …", file=sys.stderr)
        results["read"] = child(["read", str(big)])
        print("parsing alone (the floor) …", file=sys.stderr)
        results["floor"] = child(["floor", str(big)])
        tt_units = args.tt_units
        room = mem_available_mb()
        if tt_units is None:
            need = args.units * TT_BYTES_PER_UNIT / 2**20
            tt_units = args.units if need < room / 2 else min(args.units, 200_000)
        what = ("the same file" if tt_units == args.units
                else f"a prefix of {tt_units:,} units of it (the same units)")
        results["tt_note"] = f"Translate Toolkit read {what}; {room:,.0f} MB were available"
        tt_file = big
        if tt_units != args.units:
            tt_file = Path(tmp) / "prefix.tmx"
            child(["write", str(tt_file), str(tt_units)])
            results["read_prefix"] = child(["read", str(tt_file)])
        print(f"Translate Toolkit on {tt_units:,} units …", file=sys.stderr)
        results["tt"] = child(["tt", str(tt_file)])
    same = results.get("read_prefix", results["read"])
    results["ratio_same_file"] = rate(same) / rate(results["tt"])
    results["ratio_same_file_cpu"] = rate(same, "cpu_seconds") / rate(results["tt"], "cpu_seconds")
    results["ratio_per_unit_rates"] = rate(results["read"]) / rate(results["tt"])
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    write, read, tt = results["write"], results["read"], results["tt"]
    print(f"file: {write['bytes'] / 2**20:,.0f} MB for {write['units']:,} units")
    rows = [("write", write), ("read", read)]
    if "read_prefix" in results:
        rows.append(("read (prefix)", results["read_prefix"]))
    rows.append(("Translate Toolkit", tt))
    print(f"{'':18} {'units':>10} {'units/s':>10} {'wall s':>8} {'CPU s':>8} {'peak MB':>8}")
    for label, row in rows:
        print(f"{label:18} {row['units']:>10,} {rate(row):>10,.0f} {row['seconds']:>8.1f} "
              f"{row['cpu_seconds']:>8.1f} {row['peak_mb']:>8.0f}")
    print(results["tt_note"] + f"; its loading took {tt['load_seconds']:.1f} s")
    floor = results["floor"]
    per_unit_tt = tt["seconds"] / tt["units"]
    for label, key in (("checking well-formedness alone (no tree)", "check_seconds"),
                       ("iterparse alone", "parse_seconds"),
                       ("iterparse + visiting every element", "visit_seconds")):
        per_unit = floor[key] / floor["units"]
        print(f"floor: {label}: {per_unit * 1e6:.1f} us a unit, "
              f"{per_unit_tt / per_unit:.1f}x Translate Toolkit at most")
    check_us = floor["check_seconds"] / floor["units"] * 1e6
    build_us = floor["build_seconds"] / floor["units"] * 1e6
    budget_us = per_unit_tt / SPEED_TARGET * 1e6
    print(f"building the unit objects from strings in hand: {build_us:.1f} us a unit; "
          f"{SPEED_TARGET}x leaves {budget_us:.1f} us a unit, so after checking and building, "
          f"{budget_us - check_us - build_us:.1f} us to take a unit's strings out of the parser")
    print(f"reading is {results['ratio_same_file']:.1f}x Translate Toolkit on the same units "
          f"({results['ratio_same_file_cpu']:.1f}x in CPU time; target {SPEED_TARGET}x); "
          f"peaks {write['peak_mb']:.0f} / {read['peak_mb']:.0f} MB (target < {PEAK_TARGET_MB} MB)")
    ok = (results["ratio_same_file"] >= SPEED_TARGET and write["peak_mb"] < PEAK_TARGET_MB
          and read["peak_mb"] < PEAK_TARGET_MB)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
