#!/usr/bin/env python3
"""Benchmark of the checks: precision/recall on the seeded-error set, findings on the clean
sample releases, and throughput with a 20,000-entry glossary.

    .venv/bin/python scripts/bench_checks.py                 # all three parts
    .venv/bin/python scripts/bench_checks.py --part seeded   # or clean, speed, real

Seeded set (``corpora/checks/seeded.jsonl``, format in ``corpora/checks/README.md``): each line
a pair with the findings expected; a finding counts as found when the checks report the same
rule in that pair (and, when the expectation names a term or span, one that overlaps it).
Clean set: the sample releases checked with their gold alignment (``.align``) and end to end
through the aligner; every finding is listed. Speed: the project glossary plus entries derived
from CC-CEDICT up to ``--entries`` concepts, ``--pairs`` pairs cycled from our own corpora,
on one core (the process is pinned to one CPU). Real: correct published translations from
``../shared`` and errors injected into them (see ``scripts/bench_checks_real.py``).
"""
from __future__ import annotations

import argparse
import ast
import gzip
import json
import os
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from terms.checks import Checker, Pair  # noqa: E402
from terms.glossary import Concept, Glossary, Term  # noqa: E402
from terms.formats import load_glossary  # noqa: E402
from terms.variants import cedict_path  # noqa: E402

RELEASES = ROOT / "corpora" / "releases"
GLOSSARY = ROOT / "corpora" / "glossary" / "mfa-terms.csv"
SEEDED = ROOT / "corpora" / "checks" / "seeded.jsonl"
TARGET_RULES = ("term-missing", "term-deprecated", "term-unexpected", "number-mismatch",
                "date-mismatch")


# ------------------------------------------------------------------------------------------
# data

def gold_pairs() -> list[tuple[str, list[Pair]]]:
    """Every release of the sample corpus as its gold-aligned pairs."""
    out = []
    for align in sorted(RELEASES.glob("*.align")):
        name = align.name[:-len(".align")]
        zh = (RELEASES / f"{name}.zh.sents").read_text(encoding="utf-8").splitlines()
        en = (RELEASES / f"{name}.en.sents").read_text(encoding="utf-8").splitlines()
        pairs = []
        for n, line in enumerate(align.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            left, right = line.split(":")
            src, tgt = ast.literal_eval(left), ast.literal_eval(right)
            pairs.append(Pair(f"{name}:{n}", "".join(zh[i] for i in src),
                              " ".join(en[i] for i in tgt)))
        out.append((name, pairs))
    return out


def read_seeded(path: Path) -> list[dict]:
    """The records of the seeded-error set (one JSON object a line)."""
    records = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                records.append(json.loads(line))
    return records


def _span(value) -> tuple[int, int] | None:
    if isinstance(value, (list, tuple)) and len(value) == 2:
        return int(value[0]), int(value[1])
    return None


def _seeded_pair(rec: dict, unit: str) -> Pair:
    """A seeded record as a pair (fields zh/en, or source/target with their languages)."""
    if "zh" in rec:
        return Pair(unit, rec["zh"], rec["en"], "zh", "en")
    return Pair(unit, rec["source"], rec["target"], rec.get("src_lang", "zh"),
                rec.get("tgt_lang", "en"))


def _agrees(expected: dict, finding) -> bool:
    """A finding matches an expectation of its rule when the concept (else the term, else the
    spans) named by the expectation agree with it."""
    if expected.get("concept"):
        return finding.concept == expected["concept"]
    if expected.get("term"):
        return finding.term is None or expected["term"] in (finding.term or "") or \
            (finding.term or "") in expected["term"]
    return _overlaps(_span(expected.get("source_span")), finding.source_span) and \
        _overlaps(_span(expected.get("target_span")), finding.target_span)


def _overlaps(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is None or b is None or (a[0] < b[1] and b[0] < a[1])


# ------------------------------------------------------------------------------------------
# seeded set

def bench_seeded(path: Path, glossary: Glossary) -> dict:
    """Precision and recall per rule on the seeded-error set."""
    records = read_seeded(path)
    checker = Checker(glossary)
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    misses: dict[str, list[str]] = defaultdict(list)
    extras: dict[str, list[str]] = defaultdict(list)
    for n, rec in enumerate(records, 1):
        unit = str(rec.get("id", n))
        pair = _seeded_pair(rec, unit)
        found = checker.check_pair(pair)
        expected = rec.get("expected", rec.get("findings", []))
        used: set[int] = set()
        for exp in expected:
            rule = exp["rule"] if isinstance(exp, dict) else str(exp)
            hit = None
            for i, f in enumerate(found):
                if i in used or f.rule != rule:
                    continue
                if isinstance(exp, dict) and not _agrees(exp, f):
                    continue
                hit = i
                break
            if hit is None:
                fn[rule] += 1
                misses[rule].append(f"{unit}: {pair.source[:60]} | {pair.target[:80]}")
            else:
                used.add(hit)
                tp[rule] += 1
        for i, f in enumerate(found):
            if i not in used:
                fp[f.rule] += 1
                extras[f.rule].append(f"{unit}: {f.message[:120]}")
    rules = sorted(set(tp) | set(fp) | set(fn), key=lambda r: (r not in TARGET_RULES, r))
    table = {}
    for r in rules:
        p = tp[r] / (tp[r] + fp[r]) if tp[r] + fp[r] else 1.0
        rc = tp[r] / (tp[r] + fn[r]) if tp[r] + fn[r] else 1.0
        table[r] = {"tp": tp[r], "fp": fp[r], "fn": fn[r], "precision": p, "recall": rc}
    return {"pairs": len(records), "rules": table, "misses": misses, "extras": extras}


# ------------------------------------------------------------------------------------------
# clean corpus

def bench_clean(glossary: Glossary) -> dict:
    """Findings on the sample releases: gold alignment, then end to end through the aligner.

    With the gold alignment, findings on two-sided beads (which must be none) are kept apart
    from those on the one-sided beads the releases have on purpose (a sentence left out of the
    English, or added to it), where an ``omission`` finding is the right answer."""
    two_sided: list[tuple[str, str, str]] = []
    one_sided: list[tuple[str, str, str]] = []
    pairs_total = one_sided_total = 0
    for _name, pairs in gold_pairs():
        pairs_total += len(pairs)
        sides = {p.unit: bool(p.source.strip()) and bool(p.target.strip()) for p in pairs}
        one_sided_total += sum(1 for both in sides.values() if not both)
        for f in Checker(glossary).run(pairs):
            (two_sided if sides.get(f.unit, True) else one_sided).append((f.unit, f.rule, f.message))
    gold = {"two_sided": two_sided, "one_sided": one_sided, "one_sided_beads": one_sided_total,
            "one_sided_omissions": sum(1 for _, rule, _ in one_sided if rule == "omission")}
    e2e = []
    beads = 0
    try:
        from concord.bitext import units_from_alignment
        from concord.pipeline import align_files
    except ImportError as exc:  # the aligner has not landed
        return {"pairs": pairs_total, "gold": gold, "e2e": None, "e2e_error": str(exc)}
    for align in sorted(RELEASES.glob("*.align")):
        name = align.name[:-len(".align")]
        alignment = align_files(RELEASES / f"{name}.zh.txt", RELEASES / f"{name}.en.txt",
                                anchors=glossary.anchor_pairs())
        units = list(units_from_alignment(alignment, doc_id=name))
        pairs = [Pair(u.tuid or "", s, t) for u, (s, t) in zip(units, alignment.pairs())]
        beads += len(pairs)
        for f in Checker(glossary).run(pairs):
            e2e.append((f.unit, f.rule, f.message))
    return {"pairs": pairs_total, "gold": gold, "e2e": e2e, "beads": beads}


# ------------------------------------------------------------------------------------------
# speed

_GLOSS = re.compile(r"^[A-Za-z][A-Za-z' -]{2,40}$")


def big_glossary(base: Glossary, entries: int) -> Glossary:
    """``base`` plus concepts derived from CC-CEDICT until there are ``entries`` concepts."""
    concepts = list(base.concepts)
    taken = {t.text for c in concepts for t in c.terms if t.lang == "zh"}
    with gzip.open(cedict_path(), "rt", encoding="utf-8") as handle:
        for line in handle:
            if len(concepts) >= entries:
                break
            if line.startswith("#"):
                continue
            head, _, rest = line.partition(" [")
            parts = head.split(" ")
            if len(parts) != 2:
                continue
            simp = parts[1]
            if not (3 <= len(simp) <= 8) or simp in taken or \
                    not all("\u4e00" <= ch <= "\u9fff" for ch in simp):
                continue
            glosses = [re.sub(r"\(.*?\)|\[.*?\]", "", g).strip()
                       for g in rest.split("/")[1:-1]]
            glosses = [g for g in glosses if _GLOSS.match(g) and len(g.split()) <= 5
                       and not g.lower().startswith(("variant", "see ", "surname", "cl:"))]
            if not glosses:
                continue
            taken.add(simp)
            terms = [Term(simp, "zh"), Term(glosses[0], "en")]
            terms += [Term(g, "en", "admitted") for g in glosses[1:3]]
            concepts.append(Concept(f"cedict-{len(concepts)}", "other", terms))
    return Glossary(concepts=concepts)


def speed_pairs(count: int) -> list[Pair]:
    """``count`` pairs cycled from the gold-aligned releases (and the seeded set if present)."""
    base = [p for _, pairs in gold_pairs() for p in pairs]
    if SEEDED.exists():
        base += [_seeded_pair(r, str(n)) for n, r in enumerate(read_seeded(SEEDED))]
    return [Pair(f"p{n}", base[n % len(base)].source, base[n % len(base)].target)
            for n in range(count)]


def bench_speed(pairs_count: int, entries: int) -> dict:
    """Matcher build and checking time for ``pairs_count`` pairs with an ``entries``-concept
    glossary, on one core."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    base = load_glossary(GLOSSARY)
    started = time.perf_counter()
    glossary = big_glossary(base, entries)
    built = time.perf_counter()
    pairs = speed_pairs(pairs_count)
    prepared, cpu_prepared = time.perf_counter(), time.process_time()
    checker = Checker(glossary)  # builds the automata
    ready = time.perf_counter()
    findings = checker.run(pairs)
    done, cpu_done = time.perf_counter(), time.process_time()
    return {"entries": len(glossary), "pairs": len(pairs), "glossary_build": built - started,
            "matcher_build": ready - prepared, "check": done - ready,
            "total": (ready - prepared) + (done - ready), "findings": len(findings),
            "cpu": cpu_done - cpu_prepared,
            "pairs_per_second": len(pairs) / (done - prepared),
            "distinct_pairs": len({(p.source, p.target) for p in pairs})}


# ------------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    """Run the parts asked for and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=["seeded", "clean", "speed", "real", "all"],
                        default="all")
    parser.add_argument("--seeded", type=Path, default=SEEDED)
    parser.add_argument("--glossary", type=Path, default=GLOSSARY)
    parser.add_argument("--pairs", type=int, default=100_000)
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--no-text", action="store_true",
                        help="real part: list findings without the units' text")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="list missed and extra findings of the seeded set")
    args = parser.parse_args(argv)
    glossary = load_glossary(args.glossary)
    results: dict = {}
    if args.part in ("seeded", "all"):
        if args.seeded.exists():
            results["seeded"] = bench_seeded(args.seeded, glossary)
        else:
            print(f"seeded set {args.seeded} not found; skipped", file=sys.stderr)
    if args.part in ("clean", "all"):
        results["clean"] = bench_clean(glossary)
    if args.part in ("speed", "all"):
        results["speed"] = bench_speed(args.pairs, args.entries)
    if args.part in ("real", "all"):
        from bench_checks_real import bench_injected, bench_real, real_sets, report_real
        sets = real_sets(glossary)
        if not sets:
            print("../shared not found (set CONCORD_SHARED); real part skipped", file=sys.stderr)
        else:
            real = bench_real(glossary, sets)
            report_real(real, bench_injected(glossary, sets), show_text=not args.no_text)
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2, default=list))
        return 0
    report(results, args.verbose)
    return 0


def report(results: dict, verbose: bool) -> None:
    """Print ``results`` as the Markdown tables of BENCHMARKS.md."""
    if "seeded" in results:
        s = results["seeded"]
        print(f"## seeded set: {s['pairs']} pairs")
        print("| rule | tp | fp | fn | precision | recall |")
        print("|---|---:|---:|---:|---:|---:|")
        for rule, r in s["rules"].items():
            print(f"| {rule} | {r['tp']} | {r['fp']} | {r['fn']} | {r['precision']:.3f} | "
                  f"{r['recall']:.3f} |")
        if verbose:
            for title, listing in (("missed", s["misses"]), ("extra", s["extras"])):
                for rule, items in listing.items():
                    for item in items:
                        print(f"  {title} {rule}: {item}")
    if "clean" in results:
        c = results["clean"]
        g = c["gold"]
        print(f"\n## clean releases: {c['pairs']} gold beads "
              f"({c['pairs'] - g['one_sided_beads']} two-sided, {g['one_sided_beads']} one-sided)")
        print(f"   findings on two-sided beads: {len(g['two_sided'])} (must be 0)")
        for unit, rule, message in g["two_sided"]:
            print(f"  gold  {unit} {rule}: {message}")
        others = len(g["one_sided"]) - g["one_sided_omissions"]
        print(f"   omission findings on one-sided beads: {g['one_sided_omissions']} "
              f"(of {g['one_sided_beads']} one-sided beads)"
              + (f"; other findings there: {others}" if others else ""))
        for unit, rule, message in g["one_sided"]:
            print(f"  gold  {unit} {rule}: {message}")
        if c.get("e2e") is None:
            print(f"  end to end: not run ({c.get('e2e_error')})")
        else:
            print(f"   end to end through the aligner: {c['beads']} beads, "
                  f"{len(c['e2e'])} findings")
            for unit, rule, message in c["e2e"]:
                print(f"  e2e   {unit} {rule}: {message}")
    if "speed" in results:
        sp = results["speed"]
        print(f"\n## speed: {sp['pairs']:,} pairs ({sp['distinct_pairs']} distinct), "
              f"{sp['entries']:,}-concept glossary, one core")
        print(f"  matcher build {sp['matcher_build']:.2f} s, checking {sp['check']:.2f} s, "
              f"total {sp['total']:.2f} s wall ({sp['cpu']:.2f} s CPU), "
              f"{sp['pairs_per_second']:,.0f} pairs/s, {sp['findings']:,} findings")


if __name__ == "__main__":
    raise SystemExit(main())
