"""The real-text part of ``scripts/bench_checks.py``: correct published translations checked with
the project glossary (false alarms per 1,000 units), and errors injected into their units (the
share caught, per kind).

Sets (read by path from ``../shared``, never copied): the gold beads of pol-dev (zh→en), mac-dev
(zh→en), wmt22-news-enzh with the zhA and with the zhB translation (en→zh, gold is 1-1 by line),
and the two raw white papers aligned end to end by the aligner (zh→en).

Injected kinds, each into a copy of a real unit whose target has what the kind needs:

- ``digit``: one digit of a number of the target that the source has too changed (…5 → …6);
- ``date``: the day of a date of the target moved by one;
- ``deprecated``: a glossary rendering of the target replaced by a deprecated term of its concept;
- ``keyword``: a designation or title of the target with its distinguishing word dropped
  ("permanent comprehensive strategic partnership" → "comprehensive strategic partnership",
  永久全面战略伙伴关系 → 全面战略伙伴关系), when what is left is no allowed term of the concept.

An injection counts as caught when the unit then has more findings of the kind's rule (at
severity ``error``) than before.
"""
from __future__ import annotations

import ast
import os
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from align.numbers import extract_mentions
from terms.checks import Checker, Pair
from terms.findings import Finding
from terms.glossary import Glossary
from terms.matching import matcher_for

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CONCORD_SHARED", ROOT.parent / "shared")).resolve()
GOLD = SHARED / "corpora" / "gold"
WHITE_PAPERS = SHARED / "corpora" / "raw" / "scio-whitepapers"
#: the issue's ceilings: errors per 1,000 units on each set (warnings: 20 on every set)
ERROR_LIMITS = {"pol-dev": 5, "white-papers": 5, "wmt22-zhA": 10, "wmt22-zhB": 10, "mac-dev": 10}
WARNING_LIMIT = 20
KIND_RULES = {"digit": ("number-mismatch",), "date": ("date-mismatch",),
              "deprecated": ("term-deprecated",),
              "keyword": ("term-missing", "term-deprecated")}


@dataclass
class RealSet:
    """One set of correct translations: its name and its units (as check pairs)."""

    name: str
    pairs: list[Pair] = field(default_factory=list)


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _beads(align: Path) -> Iterator[tuple[list[int], list[int]]]:
    for line in _lines(align):
        if line.strip():
            left, right = line.split(":")
            yield ast.literal_eval(left), ast.literal_eval(right)


def gold_set(name: str, folder: Path) -> RealSet:
    """A zh→en gold set: every ``NAME.align`` with its ``NAME.zh`` and ``NAME.en``."""
    out = RealSet(name)
    for align in sorted(folder.glob("*.align")):
        doc = align.stem
        zh, en = _lines(folder / f"{doc}.zh"), _lines(folder / f"{doc}.en")
        for n, (src, tgt) in enumerate(_beads(align), 1):
            out.pairs.append(Pair(f"{doc}:{n}", "".join(zh[i] for i in src),
                                  " ".join(en[i] for i in tgt), "zh", "en"))
    return out


def wmt_set(variant: str) -> RealSet:
    """wmt22-news-enzh with one of its two translations (``zhA``, ``zhB``): en→zh, line by line."""
    folder = GOLD / "wmt22-news-enzh"
    out = RealSet(f"wmt22-{variant}")
    for en_path in sorted(folder.glob("*.en")):
        doc = en_path.name[:-len(".en")]
        en, zh = _lines(en_path), _lines(folder / f"{doc}.{variant}")
        for n, (s, t) in enumerate(zip(en, zh), 1):
            out.pairs.append(Pair(f"{doc}:{n}", s, t, "en", "zh"))
    return out


def white_paper_set(glossary: Glossary) -> RealSet:
    """The raw white papers, aligned by the aligner (with the glossary's anchors)."""
    from concord.pipeline import align_files
    out = RealSet("white-papers")
    for zh in sorted(WHITE_PAPERS.glob("*.zh.txt")):
        doc = zh.name[:-len(".zh.txt")]
        alignment = align_files(zh, WHITE_PAPERS / f"{doc}.en.txt",
                                anchors=glossary.anchor_pairs())
        for n, (s, t) in enumerate(alignment.pairs(), 1):
            out.pairs.append(Pair(f"{doc}:{n}", s, t, "zh", "en"))
    return out


def real_sets(glossary: Glossary) -> list[RealSet]:
    """Every set of the real-text benchmark (an empty list without ``../shared``)."""
    if not GOLD.is_dir():
        return []
    return [gold_set("pol-dev", GOLD / "pol-dev"), wmt_set("zhA"), wmt_set("zhB"),
            gold_set("mac-dev", GOLD / "mac-dev"), white_paper_set(glossary)]


# ------------------------------------------------------------------------------------------
# false alarms

def bench_real(glossary: Glossary, sets: list[RealSet] | None = None) -> dict:
    """Findings per set on correct translations: counts per severity and rule, per 1,000
    units, and every error and warning with its unit."""
    results = {}
    for real in sets if sets is not None else real_sets(glossary):
        findings = Checker(glossary).run(real.pairs)
        by_unit = {p.unit: p for p in real.pairs}
        severities = Counter(f.severity for f in findings)
        rules = Counter((f.severity, f.rule) for f in findings)
        units = len(real.pairs)
        listed = [(f, by_unit[f.unit]) for f in findings if f.severity in ("error", "warning")]
        results[real.name] = {
            "units": units, "severities": dict(severities),
            "rules": {f"{sev} {rule}": n for (sev, rule), n in sorted(rules.items())},
            "errors_per_1000": 1000 * severities["error"] / max(units, 1),
            "warnings_per_1000": 1000 * severities["warning"] / max(units, 1),
            "error_limit": ERROR_LIMITS.get(real.name), "warning_limit": WARNING_LIMIT,
            "listed": listed}
    return results


# ------------------------------------------------------------------------------------------
# injected errors

def _errors(checker: Checker, pair: Pair, rules: tuple[str, ...]) -> int:
    return sum(1 for f in checker.check_pair(pair) if f.rule in rules and f.severity == "error")


def _replace(pair: Pair, start: int, end: int, text: str) -> Pair:
    target = pair.target[:start] + text + pair.target[end:]
    return Pair(pair.unit, pair.source, target, pair.src_lang, pair.tgt_lang)


def _digit_injection(pair: Pair) -> Pair | None:
    """The last digit of the target's first number written in digits that the source has
    too, changed by one (a figure only the target has cannot be checked against the source)."""
    tgt = "zh" if pair.tgt_lang.startswith("zh") else "en"
    src = "zh" if pair.src_lang.startswith("zh") else "en"
    numbers, _dates = extract_mentions(pair.target, tgt)
    source_values = {m.value for m in extract_mentions(pair.source, src)[0]}
    for m in numbers:
        digits = [i for i in range(*m.span) if pair.target[i].isdigit() and pair.target[i].isascii()]
        if digits and m.kind != "ordinal" and m.value in source_values:
            i = digits[-1]
            new = str((int(pair.target[i]) + 1) % 10)
            return _replace(pair, i, i + 1, new)
    return None


_DAY = re.compile(r"\d{1,2}")


def _date_injection(pair: Pair) -> Pair | None:
    """The day of the target's first date with a day moved by one (forward, back from the 28th)."""
    tgt = "zh" if pair.tgt_lang.startswith("zh") else "en"
    for d in extract_mentions(pair.target, tgt)[1]:
        if d.day is None:
            continue
        for m in _DAY.finditer(d.text):
            if int(m.group()) == d.day and (d.year is None or str(d.year) not in m.group()):
                day = d.day + 1 if d.day < 28 else d.day - 1
                start = d.span[0] + m.start()
                return _replace(pair, start, d.span[0] + m.end(), str(day))
    return None


def _term_injections(pair: Pair, glossary: Glossary) -> tuple[Pair | None, Pair | None]:
    """(an allowed rendering replaced by a deprecated term of its concept, a designation or
    title with its distinguishing word dropped) for the target's first term that allows it."""
    matcher = matcher_for(glossary)
    tgt = "zh" if pair.tgt_lang.startswith("zh") else "en"
    deprecated = keyword = None
    for m in matcher.find(pair.target, tgt):
        concepts = [glossary.concepts[c] for c in sorted(m.allowed)]
        if deprecated is None:
            for c in concepts:
                bad = [t for t in c.terms_in(tgt) if not t.allowed]
                if bad:
                    deprecated = _replace(pair, m.start, m.end, bad[0].text)
                    break
        if keyword is None:
            for c in concepts:
                if c.category not in ("designation", "title"):
                    continue
                shorter = _without_keyword(m.text, tgt)
                allowed = {t.text.casefold() for t in c.terms_in(tgt) if t.allowed}
                if shorter and shorter.casefold() not in allowed:
                    keyword = _replace(pair, m.start, m.end, shorter)
                    break
        if deprecated is not None and keyword is not None:
            break
    return deprecated, keyword


_ZH_KEYWORDS = ("永久", "全天候", "全面", "战略", "国务院", "国家", "副", "代")


def _without_keyword(text: str, lang: str) -> str | None:
    """``text`` without its distinguishing first word: "permanent comprehensive strategic
    partnership" → "comprehensive strategic partnership", "Vice Premier" → "Premier";
    永久全面战略伙伴关系 → 全面战略伙伴关系, 国务院总理 → 总理."""
    if lang == "zh":
        for word in _ZH_KEYWORDS:
            if text.startswith(word) and len(text) > len(word) + 1:
                return text[len(word):]
        return None
    words = text.split()
    if len(words) < 2:
        return None
    rest = " ".join(words[1:])
    if words[1].lower() in ("and", "of", "for"):
        return None
    return rest


def bench_injected(glossary: Glossary, sets: list[RealSet] | None = None, limit: int = 400
                   ) -> dict:
    """Per kind: units injected, errors caught, share caught, and the units missed (up to
    ``limit`` injections a kind and set, taken in order)."""
    checker = Checker(glossary)
    sets = sets if sets is not None else real_sets(glossary)
    tried: Counter[str] = Counter()
    caught: Counter[str] = Counter()
    missed: dict[str, list[tuple[Pair, Pair, list[Finding]]]] = {k: [] for k in KIND_RULES}
    for real in sets:
        per_set: Counter[str] = Counter()
        for pair in real.pairs:
            if not pair.source.strip() or not pair.target.strip():
                continue
            injected = {"digit": _digit_injection(pair), "date": _date_injection(pair)}
            injected["deprecated"], injected["keyword"] = _term_injections(pair, glossary)
            for kind, changed in injected.items():
                if changed is None or per_set[kind] >= limit:
                    continue
                rules = KIND_RULES[kind]
                before = _errors(checker, pair, rules)
                per_set[kind] += 1
                tried[kind] += 1
                if _errors(checker, changed, rules) > before:
                    caught[kind] += 1
                else:
                    missed[kind].append((pair, changed, checker.check_pair(changed)))
    return {kind: {"tried": tried[kind], "caught": caught[kind],
                   "share": caught[kind] / tried[kind] if tried[kind] else None,
                   "missed": missed[kind]} for kind in KIND_RULES}


def report_real(real: dict, injected: dict | None, show_text: bool = True) -> None:
    """Print the real-text results: a table per set, then every error and warning."""
    print("## real texts: correct published translations, project glossary")
    print("| set | units | errors | warnings | info | errors / 1,000 (limit) | "
          "warnings / 1,000 (limit) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, r in real.items():
        s = r["severities"]
        print(f"| {name} | {r['units']:,} | {s.get('error', 0)} | {s.get('warning', 0)} | "
              f"{s.get('info', 0)} | {r['errors_per_1000']:.1f} ({r['error_limit']}) | "
              f"{r['warnings_per_1000']:.1f} ({r['warning_limit']}) |")
    for name, r in real.items():
        print(f"\n### {name}: findings by rule")
        for key, n in r["rules"].items():
            print(f"  {key}: {n}")
        for f, pair in r["listed"]:
            print(f"  {f.severity.upper()} {f.unit} {f.rule}: {f.message}")
            if show_text:
                print(f"      src: {pair.source[:300]}")
                print(f"      tgt: {pair.target[:400]}")
    if injected:
        print("\n## injected errors in real units")
        print("| kind | injected | caught | share |")
        print("|---|---:|---:|---:|")
        for kind, r in injected.items():
            share = f"{r['share']:.3f}" if r["share"] is not None else "—"
            print(f"| {kind} | {r['tried']} | {r['caught']} | {share} |")
        for kind, r in injected.items():
            for pair, changed, findings in r["missed"]:
                print(f"  missed {kind} {pair.unit}:")
                if show_text:
                    print(f"      src: {pair.source[:300]}")
                    print(f"      was: {pair.target[:300]}")
                    print(f"      now: {changed.target[:300]}")
                for f in findings:
                    print(f"      {f.severity} {f.rule}: {f.message}")
