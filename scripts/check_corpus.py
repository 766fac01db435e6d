#!/usr/bin/env python3
"""Validate the project's sample release corpus in ``corpora/releases``.

For every release ``NAME`` (found by its ``NAME.zh.txt``) it checks that:

* the ``.txt`` files have a title line, a date line, a blank line, then paragraphs separated by
  single blank lines;
* each ``.sents`` line is non-empty, stripped, and the sentences reproduce the ``.txt`` exactly:
  every non-blank ``.txt`` line (a paragraph) is the concatenation of consecutive sentences, joined
  with nothing in Chinese and one space in English;
* sentences look like sentences: Chinese ones end in 。！？ (closing quotes/brackets may follow) and
  contain no such stop inside, English ones contain no missed boundary (title, date line and other
  one-line paragraphs without final punctuation are exempt);
* the ``.align`` beads parse (``[0]:[0]``, ``[4]:[4, 5]``, ``[7]:[]``), no bead is empty on both
  sides, and every sentence id of each side appears exactly once, in increasing order;
* with ``--glossary`` (default: ``corpora/glossary/mfa-terms.csv`` when it exists), every bead with
  both sides is term-consistent: each glossary concept found in the Chinese has an allowed English
  rendering in the English and vice versa, and no deprecated rendering is used (a simple,
  independent model of the ``term-*`` rules described in ``corpora/checks/README.md``).

Prints one line per problem (``path:line: message``) and exits 1 when there is any, else 0.
``--summary`` prints a table of sentence and bead-type counts per release.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RELEASES = ROOT / "corpora" / "releases"
GLOSSARY = ROOT / "corpora" / "glossary" / "mfa-terms.csv"

BEAD_RE = re.compile(r"^\[((?:\d+)(?:, \d+)*)?\]:\[((?:\d+)(?:, \d+)*)?\]$")
ZH_END_RE = re.compile(r"[。！？][”’」』）)]*$")
ZH_INNER_STOP_RE = re.compile(r"[。！？][”’」』）)]*(?=.)")
# A missed English boundary: a stop, optional closing quote/bracket, a space, then a capital or
# an opening quote -- unless the word before the stop is a known abbreviation or an initial.
EN_INNER_STOP_RE = re.compile(r"(\S+)[.!?][\"'”’)]*\s+[\"“(]?[A-Z0-9]")
EN_ABBREVIATIONS = {
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "No", "Nos", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul",
    "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "U.S", "U.N", "U.K", "E.U", "a.m", "p.m", "etc",
    "vs", "Gen", "Lt", "Col", "Amb", "H.E",
}
EN_END_RE = re.compile(r"[.!?:,][\"'”’)]*$")


@dataclass
class Release:
    """The files of one release pair."""

    name: str
    folder: Path

    def path(self, suffix: str) -> Path:
        return self.folder / f"{self.name}.{suffix}"


@dataclass
class Report:
    """Problems found, as ``path:line: message`` strings."""

    problems: list[str] = field(default_factory=list)

    def add(self, path: Path, line: int, message: str) -> None:
        self.problems.append(f"{path}:{line}: {message}")


def find_releases(folder: Path = RELEASES) -> list[Release]:
    """Every release in ``folder``, by its ``NAME.zh.txt`` file, sorted by name."""
    return [Release(p.name[: -len(".zh.txt")], folder) for p in sorted(folder.glob("*.zh.txt"))]


def read_lines(path: Path, report: Report) -> list[str] | None:
    """The lines of a UTF-8 file without line ends, or None (and a problem) when unreadable."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        report.add(path, 0, "missing file")
        return None
    except UnicodeDecodeError as exc:
        report.add(path, 0, f"not UTF-8: {exc}")
        return None
    if text.startswith("\ufeff"):
        report.add(path, 1, "byte order mark at start")
    if not text.endswith("\n"):
        report.add(path, len(text.splitlines()), "no newline at end of file")
    return text.splitlines()


def paragraphs(lines: list[str], path: Path, report: Report) -> list[tuple[int, str]]:
    """The (1-based line, text) of each paragraph; checks the title/date/blank layout."""
    if len(lines) < 4:
        report.add(path, 1, "expected a title line, a date line, a blank line and paragraphs")
        return [(i + 1, t) for i, t in enumerate(lines) if t.strip()]
    if not lines[0].strip() or not lines[1].strip() or lines[2] != "":
        report.add(path, 1, "expected title line, date line, then one blank line")
    for i, line in enumerate(lines):
        if line != line.strip():
            report.add(path, i + 1, "leading or trailing whitespace")
        if i >= 3 and line == "" and (i + 1 >= len(lines) or lines[i + 1] == ""):
            report.add(path, i + 1, "more than one blank line between paragraphs")
        if i >= 3 and line and i + 1 < len(lines) and lines[i + 1]:
            report.add(path, i + 2, "paragraphs must be separated by a blank line")
    return [(i + 1, t) for i, t in enumerate(lines) if t.strip()]


def check_sentences(release: Release, lang: str, report: Report) -> list[str] | None:
    """Check ``NAME.LANG.sents`` against ``NAME.LANG.txt``; return the sentences."""
    txt_path, sents_path = release.path(f"{lang}.txt"), release.path(f"{lang}.sents")
    txt_lines, sents = read_lines(txt_path, report), read_lines(sents_path, report)
    if txt_lines is None or sents is None:
        return None
    for i, sent in enumerate(sents):
        if not sent.strip():
            report.add(sents_path, i + 1, "blank line")
        elif sent != sent.strip():
            report.add(sents_path, i + 1, "leading or trailing whitespace")
    sep = "" if lang == "zh" else " "
    paras = paragraphs(txt_lines, txt_path, report)
    k = 0
    for para_no, (line_no, para) in enumerate(paras):
        rest = para
        first = True
        while rest:
            if k >= len(sents):
                report.add(txt_path, line_no, f"text not covered by {sents_path.name}: {rest[:40]!r}")
                break
            piece = sents[k] if first else sep + sents[k]
            if not rest.startswith(piece):
                report.add(sents_path, k + 1, f"sentence does not continue paragraph at "
                           f"{txt_path.name}:{line_no}: expected {rest[:50]!r}")
                return sents
            rest = rest[len(piece):]
            whole = first and not rest
            check_shape(sents[k], lang, whole, para_no, sents_path, k + 1, report)
            first = False
            k += 1
    if k < len(sents):
        report.add(sents_path, k + 1, f"{len(sents) - k} sentence(s) beyond the end of {txt_path.name}")
    return sents


def check_shape(sent: str, lang: str, whole_paragraph: bool, para_no: int, path: Path, line: int,
                report: Report) -> None:
    """Flag a sentence that should have been split, or one that ends mid-sentence."""
    if lang == "zh":
        if ZH_INNER_STOP_RE.search(sent):
            report.add(path, line, "Chinese sentence contains a sentence-final stop inside")
        if not ZH_END_RE.search(sent) and not whole_paragraph:
            report.add(path, line, "Chinese sentence does not end in 。！？ and is not a paragraph")
        return
    for m in EN_INNER_STOP_RE.finditer(sent):
        word = m.group(1).lstrip("\"'“(")
        if word in EN_ABBREVIATIONS or re.fullmatch(r"(?:[A-Z]\.)*[A-Z]", word) or word.isdigit():
            continue
        report.add(path, line, f"English sentence seems to contain a boundary after {word!r}")
    if para_no >= 2 and not whole_paragraph and not EN_END_RE.search(sent):
        report.add(path, line, "English sentence does not end in punctuation and is not a paragraph")


def parse_ids(text: str | None) -> list[int]:
    return [int(x) for x in text.split(", ")] if text else []


def read_beads(path: Path, report: Report) -> list[tuple[list[int], list[int]]] | None:
    """The beads of an ``.align`` file, or None when unreadable."""
    lines = read_lines(path, report)
    if lines is None:
        return None
    beads = []
    for i, line in enumerate(lines):
        m = BEAD_RE.match(line)
        if not m:
            report.add(path, i + 1, f"bad bead {line!r} (expected e.g. [4]:[4, 5] or [7]:[])")
            continue
        src, tgt = parse_ids(m.group(1)), parse_ids(m.group(2))
        if not src and not tgt:
            report.add(path, i + 1, "bead empty on both sides")
        beads.append((src, tgt))
    return beads


def check_beads(path: Path, beads: list[tuple[list[int], list[int]]], n_zh: int, n_en: int,
                report: Report) -> None:
    """Every id of each side exactly once, in increasing order, within range."""
    for side, count, label in ((0, n_zh, "zh"), (1, n_en, "en")):
        seen: list[int] = [i for bead in beads for i in bead[side]]
        if seen != list(range(count)):
            counts = Counter(seen)
            dup = sorted(i for i, c in counts.items() if c > 1)
            missing = sorted(set(range(count)) - set(seen))
            extra = sorted(i for i in counts if i >= count)
            order = next((f"{a} before {b}" for a, b in zip(seen, seen[1:]) if b <= a), "")
            detail = "; ".join(x for x in (
                f"duplicated {dup}" if dup else "", f"missing {missing}" if missing else "",
                f"out of range {extra}" if extra else "", f"out of order: {order}" if order else "",
            ) if x)
            report.add(path, 1, f"{label} ids are not 0..{count - 1} once each in order: {detail}")


def bead_kinds(beads: list[tuple[list[int], list[int]]]) -> Counter:
    return Counter(f"{len(s)}-{len(t)}" for s, t in beads)


# --- glossary consistency (an independent, simple model of the term rules) -------------------

@dataclass
class Term:
    concept: str
    lang: str
    text: str
    status: str
    scope: re.Pattern | None
    case_sensitive: bool
    #: longer forms in which the term does not apply (the optional ``exclude`` column)
    exclude: tuple[str, ...] = ()

    def excluded_at(self, text: str, start: int) -> bool:
        """True when an occurrence of the term at ``start`` of ``text`` lies inside one of
        its exclusions (compared without case for English)."""
        fold = str.lower if self.lang == "en" else str
        for form in self.exclude:
            offset = fold(form).find(fold(self.text))
            begin = start - offset
            if offset >= 0 and begin >= 0 and fold(text[begin:begin + len(form)]) == fold(form):
                return True
        return False


def load_glossary(path: Path) -> list[Term]:
    """Read the glossary CSV of CONTRACTS.md (header concept,category,lang,term,status,...)."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return [
        Term(r["concept"], r["lang"], r["term"], r["status"],
             re.compile(r["scope"]) if r["scope"] else None, r["case_sensitive"] == "yes",
             tuple(x.strip() for x in (r.get("exclude") or "").split("|") if x.strip()))
        for r in rows
    ]


def fold_en(text: str) -> str:
    """Dashes and curly quotes to ASCII, for English matching."""
    return (text.replace("\u2013", "-").replace("\u2014", "-").replace("\u2019", "'")
            .replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"'))


def en_pattern(term: str, case_sensitive: bool = False) -> re.Pattern:
    """Word-bounded pattern: hyphen/space alike, plural and possessive endings on the last word,
    ``partnership`` also matching ``partner``."""
    words = re.split(r"[\s\-]+", fold_en(term))
    last = words[-1]
    if last.lower() == "partnership":
        last_re = r"partner(?:ship)?"
    else:
        last_re = re.escape(last)
    body = r"[\s\-]+".join([re.escape(w) for w in words[:-1]] + [last_re])
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(r"(?<!\w)" + body + r"(?:s|es)?(?:'s|')?(?![\w])", flags)


def leftmost_longest(spans: list[tuple[int, int, object]]) -> list[tuple[int, int, object]]:
    """Keep non-overlapping spans, preferring the leftmost, then the longest."""
    chosen, end = [], -1
    for start, stop, item in sorted(spans, key=lambda s: (s[0], -(s[1] - s[0]))):
        if start >= end:
            chosen.append((start, stop, item))
            end = stop
    return chosen


class Matcher:
    """Glossary matching on both sides, following the rules in corpora/checks/README.md."""

    def __init__(self, terms: list[Term]) -> None:
        self.zh = [t for t in terms if t.lang == "zh"]
        self.en = [(t, en_pattern(t.text, t.case_sensitive)) for t in terms if t.lang == "en"]
        self.scope: dict[str, re.Pattern] = {t.concept: t.scope for t in terms if t.scope}
        self.owners: dict[str, set[str]] = {}
        for t, _ in self.en:
            if t.status in ("preferred", "admitted"):
                self.owners.setdefault(fold_en(t.text).lower(), set()).add(t.concept)

    def applies(self, concept: str, zh: str) -> bool:
        scope = self.scope.get(concept)
        return scope is None or bool(scope.search(zh))

    def zh_matches(self, zh: str) -> list[tuple[int, int, Term]]:
        spans = [(m.start(), m.start() + len(t.text), t) for t in self.zh
                 if self.applies(t.concept, zh)
                 for m in re.finditer(re.escape(t.text), zh) if not t.excluded_at(zh, m.start())]
        return leftmost_longest(spans)

    def zh_has(self, concept: str, zh: str) -> bool:
        """Any Chinese term of the concept anywhere in ``zh`` (also inside a longer match)."""
        return self.applies(concept, zh) and any(
            not t.excluded_at(zh, m.start()) for t in self.zh if t.concept == concept
            for m in re.finditer(re.escape(t.text), zh))

    def en_matches(self, en: str) -> list[tuple[int, int, Term]]:
        text = fold_en(en)
        return leftmost_longest([(m.start(), m.end(), t) for t, pat in self.en
                                 for m in pat.finditer(text) if not t.excluded_at(text, m.start())])

    def en_has(self, concept: str, en: str) -> bool:
        """Any allowed rendering of the concept anywhere in ``en`` (also inside a longer match)."""
        text = fold_en(en)
        return any(not t.excluded_at(text, m.start()) for t, pat in self.en
                   if t.concept == concept and t.status in ("preferred", "admitted")
                   for m in pat.finditer(text))

    def findings(self, zh: str, en: str) -> list[tuple[str, str]]:
        """(rule, concept) for every term finding of one aligned pair."""
        out: list[tuple[str, str]] = []
        en_found = self.en_matches(en)
        deprecated = {t.concept for _, _, t in en_found if t.status in ("deprecated", "superseded")}
        for c in sorted(deprecated):
            out.append(("term-deprecated", c))
        for c in sorted({t.concept for _, _, t in self.zh_matches(zh)}):
            if c not in deprecated and not self.en_has(c, en):
                out.append(("term-missing", c))
        for _, _, t in en_found:
            if t.status not in ("preferred", "admitted"):
                continue
            concepts = self.owners[fold_en(t.text).lower()]
            if not any(self.zh_has(c, zh) for c in concepts):
                out.append(("term-unexpected", t.concept))
        return sorted(set(out))


def check_terms(release: Release, zh: list[str], en: list[str], beads, matcher: Matcher,
                report: Report) -> None:
    path = release.path("align")
    for i, (s, t) in enumerate(beads):
        if not s or not t:
            continue
        zh_text = "".join(zh[j] for j in s)
        en_text = " ".join(en[j] for j in t)
        for rule, concept in matcher.findings(zh_text, en_text):
            report.add(path, i + 1, f"{rule} {concept}: {zh_text[:30]}… | {en_text[:50]}…")


def check_release(release: Release, report: Report, matcher: Matcher | None = None) -> Counter:
    """Run every check on one release; return its bead-type counts."""
    zh = check_sentences(release, "zh", report)
    en = check_sentences(release, "en", report)
    beads = read_beads(release.path("align"), report)
    if zh is None or en is None or beads is None:
        return Counter()
    check_beads(release.path("align"), beads, len(zh), len(en), report)
    if matcher is not None:
        check_terms(release, zh, en, beads, matcher, report)
    return bead_kinds(beads)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=RELEASES,
                        help="folder of releases (default: corpora/releases)")
    parser.add_argument("--glossary", type=Path, default=GLOSSARY if GLOSSARY.exists() else None,
                        help="glossary CSV for the term-consistency check (default: "
                             "corpora/glossary/mfa-terms.csv when present)")
    parser.add_argument("--no-terms", action="store_true", help="skip the term-consistency check")
    parser.add_argument("--summary", action="store_true",
                        help="print sentence and bead-type counts per release")
    args = parser.parse_args(argv)
    report = Report()
    matcher = None
    if args.glossary is not None and not args.no_terms:
        matcher = Matcher(load_glossary(args.glossary))
    releases = find_releases(args.folder)
    if not releases:
        print(f"{args.folder}: no releases (NAME.zh.txt) found", file=sys.stderr)
        return 1
    total: Counter = Counter()
    rows = []
    for release in releases:
        kinds = check_release(release, report, matcher)
        total.update(kinds)
        n_zh = len(release.path("zh.sents").read_text(encoding="utf-8").splitlines())
        n_en = len(release.path("en.sents").read_text(encoding="utf-8").splitlines())
        rows.append((release.name, n_zh, n_en, kinds))
    for problem in report.problems:
        print(problem)
    if args.summary:
        kinds_order = sorted(total, key=lambda k: (k != "1-1", k))
        print("release\tzh\ten\tbeads\t" + "\t".join(kinds_order))
        for name, n_zh, n_en, kinds in rows:
            print(f"{name}\t{n_zh}\t{n_en}\t{sum(kinds.values())}\t"
                  + "\t".join(str(kinds.get(k, 0)) for k in kinds_order))
        beads = sum(total.values())
        other = beads - total.get("1-1", 0)
        print(f"total\t{sum(r[1] for r in rows)}\t{sum(r[2] for r in rows)}\t{beads}\t"
              + "\t".join(str(total[k]) for k in kinds_order))
        print(f"non-1-1 beads: {other}/{beads} = {other / beads:.1%}")
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
