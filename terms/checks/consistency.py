"""The inconsistent-translation rule, across a whole memory.

Three kinds of inconsistency:

1. One source segment (same text after folding case, width, spaces and punctuation) with
   different translations: the units whose translation differs from the most frequent one are
   reported.
2. Near-duplicate source segments (sacrebleu chrF ≥ 80; one changed character in a Chinese
   sentence of thirty already costs ten points of chrF) whose translations are far apart
   (chrF < 55). Candidates are found by blocking, never by comparing all pairs: distinct sources
   sharing the first or the last characters of their normalised form are compared, within a
   length ratio of 0.8, and blocks are cut into windows, so the work grows linearly. Two
   segments of one template (sources alike but for their digits, translations alike but for
   theirs: the same sentence with another date or count) are consistent by definition.
3. One official title or designation (glossary categories ``title`` and ``designation``)
   rendered with different allowed renderings in one memory ("State Councilor" here, "State
   Councillor" there): the units using a rendering other than the most frequent one are
   reported. Names of organisations, places and initiatives are left alone: a full name first
   and its acronym afterwards, or "Central Asia" beside "Central Asian", is normal usage.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from sacrebleu.metrics import CHRF

from terms.findings import Finding
from terms.textfold import fold_text

if TYPE_CHECKING:
    from terms.checks import Checker, Pair, TermUses

MIN_SOURCE = 8          # content characters below which a segment is too short to judge
NEAR_SOURCE = 80.0      # chrF at or above which two sources are near-duplicates
FAR_TARGET = 55.0       # chrF below which their translations are too far apart
BLOCK_KEY = 6           # characters of the normalised source used as blocking keys
WINDOW = 8              # neighbours compared within a sorted block
MIN_BIGRAM_DICE = 0.5   # below this share of character bigrams, chrF is not even computed
CHRF_ORDER = 6          # character n-gram orders of sacrebleu's default chrF
MAX_RELATED = 5         # related units named in a finding (the message gives the count)
PROFILE_CACHE = 256     # n-gram profiles kept at once (a block's window needs about twenty)

_PUNCT = re.compile(r"[\W_]+", re.UNICODE)
_DIGITS = re.compile(r"\d+")


#: every ASCII character that is no letter or digit (what _PUNCT matches in ASCII) → a space;
#: letters and digits to themselves (a table without them is slower: a miss costs a KeyError)
_ASCII_PUNCT = {c: chr(c) if chr(c).isalnum() else " " for c in range(128)}


def normalise(text: str) -> str:
    """Case, width, space and punctuation folded away: the form compared for equality."""
    if text.isascii():  # the same, quicker: ASCII folds to itself but for control characters
        return " ".join(text.lower().translate(_ASCII_PUNCT).split())
    return _PUNCT.sub(" ", fold_text(text).text.casefold()).strip()


def check_consistency(pairs: Sequence["Pair"], checker: "Checker", term_uses: "TermUses | None" = None
                      ) -> Iterator[Finding]:
    """All inconsistencies of the memory ``pairs``; ``term_uses`` are the glossary renderings the
    terminology rule recorded going through them (:class:`terms.checks.MemoryPass`)."""
    groups: dict[str, list[tuple[Pair, str]]] = defaultdict(list)
    for p in pairs:
        if p.source.strip() and p.target.strip():
            groups[normalise(p.source)].append((p, normalise(p.target)))
    groups = {k: v for k, v in groups.items() if len(k.replace(" ", "")) >= MIN_SOURCE}
    yield from _same_source(groups)
    yield from _near_duplicates(groups)
    if term_uses:
        yield from _term_renderings(checker, term_uses)


def _majority(members: list[tuple["Pair", str]]) -> str:
    """The most frequent translation; on a tie, the one that comes first."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for i, (_, t) in enumerate(members):
        counts[t] += 1
        first.setdefault(t, i)
    return max(counts, key=lambda t: (counts[t], -first[t]))


def _same_source(groups: dict[str, list[tuple["Pair", str]]]) -> Iterator[Finding]:
    for members in groups.values():
        if len(members) < 2 or len({t for _, t in members}) < 2:
            continue
        usual = _majority(members)
        model = next(p for p, t in members if t == usual)
        others = [p.unit for p, t in members if t == usual]
        for p, t in members:
            if t == usual:
                continue
            yield Finding("inconsistent-translation", "warning", p.unit,
                          f"the same source is translated differently in unit {model.unit}: "
                          f"{model.target!r}",
                          suggestion=f"use {model.target!r} (as in {len(others)} other unit"
                                     f"{'s' if len(others) > 1 else ''}) or confirm the "
                                     "difference",
                          source_span=(0, len(p.source)), target_span=(0, len(p.target)),
                          related=tuple(others[:MAX_RELATED]))


class _Profile:
    """The character n-grams (orders 1 to 6, whitespace removed) of one text, as chrF counts them.

    ``keys[n]`` is the set of (n+1)-grams; ``repeats[n]`` the counts of those occurring more than
    once; ``totals[n]`` the number of (n+1)-grams. Sets make matching two profiles a matter of
    C-level set intersections: the work sacrebleu's ``sentence_score`` does in Python loops,
    extracting both texts again on every call.
    """

    __slots__ = ("keys", "repeats", "totals")

    def __init__(self, text: str) -> None:
        line = "".join(text.split())
        self.keys: list[frozenset[str]] = []
        self.repeats: list[dict[str, int]] = []
        self.totals: list[int] = []
        for n in range(1, CHRF_ORDER + 1):
            grams = [line[i:i + n] for i in range(len(line) - n + 1)]
            keys = frozenset(grams)
            self.keys.append(keys)
            self.repeats.append({} if len(keys) == len(grams) else
                                {g: c for g, c in Counter(grams).items() if c > 1})
            self.totals.append(len(grams))


def chrf_score(hypothesis: _Profile, reference: _Profile, metric: CHRF) -> float:
    """sacrebleu's sentence-level chrF of ``hypothesis`` against ``reference`` (default CHRF:
    six character orders, beta 2), from their profiles: the same statistics sacrebleu gathers,
    scored by sacrebleu's own formula."""
    stats: list[int] = []
    for n in range(CHRF_ORDER):
        h_rep, r_rep = hypothesis.repeats[n], reference.repeats[n]
        matches = len(hypothesis.keys[n] & reference.keys[n])
        if h_rep and r_rep:  # n-grams repeated on both sides match min(count) times
            both = h_rep.keys() & r_rep.keys()
            matches += sum(map(min, map(h_rep.__getitem__, both),
                               map(r_rep.__getitem__, both))) - len(both)
        ref_total = reference.totals[n]
        stats += (hypothesis.totals[n] if ref_total else 0, ref_total, matches)
    return metric._compute_f_score(stats)


def _near_duplicates(groups: dict[str, list[tuple["Pair", str]]]) -> Iterator[Finding]:
    reps = [(src, members[0][0], _majority(members)) for src, members in groups.items()]
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, (src, _, _) in enumerate(reps):
        compact = src.replace(" ", "")
        blocks[("head", compact[:BLOCK_KEY])].append(i)
        blocks[("tail", compact[-BLOCK_KEY:])].append(i)
    metric = CHRF(char_order=CHRF_ORDER, word_order=0, beta=2)

    # profiles are needed for a text and its few neighbours in a block: a bounded cache keeps
    # memory flat however large the memory is
    @lru_cache(maxsize=PROFILE_CACHE)
    def profile(index: int, side: int) -> _Profile:
        """The profile of rep ``index``'s source (``side`` 0) or usual target (``side`` 2)."""
        src, _, tgt = reps[index]
        return _Profile(tgt if side == 2 else src)

    @lru_cache(maxsize=PROFILE_CACHE)
    def template(index: int) -> tuple[str, str]:
        return _DIGITS.sub("0", reps[index][0]), _DIGITS.sub("0", reps[index][2])

    done: set[tuple[int, int]] = set()
    reported: set[str] = set()
    for members in blocks.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda i: len(reps[i][0]))
        for a_pos, a in enumerate(members):
            for b in members[a_pos + 1:a_pos + 1 + WINDOW]:
                key = (min(a, b), max(a, b))
                if key in done:
                    continue
                done.add(key)
                src_a, pair_a, tgt_a = reps[a]
                src_b, pair_b, tgt_b = reps[b]
                if len(src_a) < 0.8 * len(src_b) or len(src_b) < 0.8 * len(src_a):
                    continue
                # one template, other numbers (dates, counts) on both sides: translated alike
                # (the numbers themselves are the number and date rules' business)
                if template(a) == template(b):
                    continue
                # cheap test next: near-duplicates share most character bigrams
                source_a, source_b = profile(a, 0), profile(b, 0)
                if _dice(source_a.keys[1], source_b.keys[1]) < MIN_BIGRAM_DICE:
                    continue
                # translations that are close settle it (the usual case), without the source
                if chrf_score(profile(a, 2), profile(b, 2), metric) >= FAR_TARGET:
                    continue
                if chrf_score(source_a, source_b, metric) < NEAR_SOURCE:
                    continue
                first, second = sorted((pair_a, pair_b), key=lambda p: _order(p.unit))
                if second.unit in reported:
                    continue
                reported.add(second.unit)
                yield Finding("inconsistent-translation", "warning", second.unit,
                              f"a nearly identical source (unit {first.unit}) is translated "
                              f"quite differently: {first.target!r}",
                              suggestion="translate both alike, unless the difference in the "
                                         "source calls for it",
                              source_span=(0, len(second.source)),
                              target_span=(0, len(second.target)), related=(first.unit,))


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 1.0


def _order(unit: str) -> tuple[int, str]:
    digits = re.findall(r"\d+", unit)
    return (int(digits[-1]) if digits else 0, unit)


def _term_renderings(checker: "Checker", uses: "TermUses") -> Iterator[Finding]:
    if checker.glossary is None:
        return
    for (concept_index, _source_form, _document), by_form in uses.items():
        concept = checker.glossary.concepts[concept_index]
        if len(by_form) < 2 or concept.category not in ("title", "designation"):
            continue
        usual = min(by_form, key=lambda form: (-len(by_form[form]), min(
            _order(u) for u, _, _ in by_form[form])))
        usual_text = by_form[usual][0][1]
        for form, places in by_form.items():
            if form == usual:
                continue
            for unit, text, span in places:
                yield Finding("inconsistent-translation", "warning", unit,
                              f"{text!r} here, {usual_text!r} in {len(by_form[usual])} other "
                              f"unit(s) (glossary concept {concept.id!r})",
                              suggestion=f"use {usual_text!r} throughout",
                              target_span=span, term=text, concept=concept.id,
                              related=tuple(u for u, _, _ in by_form[usual][:MAX_RELATED]))
