"""English numbers: numerals (3, 30%, 3rd, 1.5 billion, £75m, 2022), number words
(twenty-five, a million, third) and fractions (two thirds)."""
from __future__ import annotations

import re
from collections.abc import Iterator

from align.numbers.common import ARABIC as _ARABIC
from align.numbers.common import Found, lacks_all
from align.numbers.common import overlaps as _overlaps
from align.numbers.common import to_float as _to_float

_EN_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
_EN_TENS = {w: 10 * (i + 2) for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split())}
_EN_SCALES = {"hundred": 100, "thousand": 10**3, "million": 10**6, "billion": 10**9,
              "trillion": 10**12}
_EN_ORDINALS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split())}
_EN_ORDINALS.update({w: 10 * (i + 2) for i, w in enumerate(
    "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth".split())})
_EN_ORDINALS.update({"hundredth": 100, "thousandth": 1000, "millionth": 10**6})
#: adverbs that are numbers: "twice" = 两次, "two times"
_EN_MULTIPLES = {"twice": 2, "thrice": 3}
_EN_FRACTIONS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
                 "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
                 "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
                 "tenth": 10, "tenths": 10, "hundredth": 100, "hundredths": 100}
_EN_NUMBER_WORD = "|".join(sorted([*_EN_UNITS, *_EN_TENS, *_EN_SCALES, *_EN_ORDINALS, *_EN_MULTIPLES],
                                  key=len, reverse=True))


def parse_english_number(words: str) -> tuple[float, bool] | None:
    """Value of an English number phrase ("twenty-five", "one hundred and five", "third",
    "twenty-first", "two hundred thousand"); returns (value, is_ordinal)."""
    tokens = [t for t in re.split(r"[\s-]+", words.lower()) if t and t != "and"]
    if not tokens:
        return None
    total = 0
    current = 0
    ordinal = False
    if len(tokens) == 1 and tokens[0] in _EN_MULTIPLES:
        return float(_EN_MULTIPLES[tokens[0]]), False
    for k, tok in enumerate(tokens):
        if (tok in _EN_UNITS or tok in _EN_TENS or tok in _EN_ORDINALS) and current % 100 \
                and (current % 10 or current % 100 < 20 or tok in _EN_TENS):
            return None  # "one five", "ten twenty": a list of numbers, not one number
        if tok in _EN_UNITS:
            current += _EN_UNITS[tok]
        elif tok in _EN_TENS:
            current += _EN_TENS[tok]
        elif tok == "hundred":
            current = (current or 1) * 100
        elif tok in _EN_SCALES:
            total += (current or 1) * _EN_SCALES[tok]
            current = 0
        elif tok in _EN_ORDINALS and k == len(tokens) - 1:
            ordinal = True
            value = _EN_ORDINALS[tok]
            if value >= 100:
                current = (current or 1) * value
            else:
                current += value
        else:
            return None
    return float(total + current), ordinal



_SCALE_WORDS = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12,
                "bn": 10**9, "mn": 10**6, "k": 10**3}
_EN_NUMBER = re.compile(  # (?=\d) first: a cheap test at each place before the lookbehinds
    rf"(?=\d)(?:(?<=RMB)|(?<=CNY)|(?<=USD)|(?<=EUR)|(?<![\w.]))(?<![A-Za-z]-)(?P<num>{_ARABIC})(?![\d])"
    r"(?:(?P<ord>st|nd|rd|th)\b"
    r"|\s*(?P<pct>%|per\s?cent\b|pct\b|percentage points?\b)"
    r"|\s*-?\s*(?P<scale>thousand|million|billion|trillion|bn|mn)\b"
    r"|(?P<suffix>m|k)\b"
    r"|(?P<unit>(?=(?:mph|km/h|kmh|[kcm]?m[23²³]|km|kg|cm|mm|ft|mi|lbs?|pm|am|kw|mw|gw|kwh|ha|sq)\b)))?"
    r"(?(unit)|(?![A-Za-z]))", re.IGNORECASE)
_EN_WORDS = re.compile(  # (?=[…]): the first letters of the number words, a cheap test
    rf"\b(?=[befhmnostz])(?P<words>(?:(?:{_EN_NUMBER_WORD})(?:[\s-]+(?:and[\s-]+)?(?=(?:{_EN_NUMBER_WORD})\b))?)+)\b"
    r"(?:\s*(?P<pct>percent\b|per cent\b|%))?", re.IGNORECASE)
#: the lower-case number words, and Latin words: a text with none of them has no number words
_EN_NUMBER_WORDS = frozenset(_EN_NUMBER_WORD.split("|"))
_LATIN_WORD = re.compile(r"[a-z]+")
#: "decades" after a number: two decades is 20 (years); not "decades-long"
_DECADES = re.compile(r"[\s-]+decades\b(?!-)", re.IGNORECASE)
_EN_FRACTION = re.compile(
    r"(?=[aefnost])\b(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine)[\s-]+"
    r"(?P<d>half|halves|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|"
    r"tenths?|hundredths?)\b", re.IGNORECASE)
#: "1 in 10", "one in every five": a fraction (十分之一, 五分之一)
_EN_ONE_IN = re.compile(
    r"\b(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine)\s+(?:in|out\s+of)\s+(?:every\s+)?"
    r"(?P<d>\d+|two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|thousand)\b"
    r"(?!\s*(?:%|percent|per cent))", re.IGNORECASE)
#: what _EN_FRACTION and _EN_ONE_IN need (lower case): a text without them has no fraction
_DENOMINATOR_HINTS = ("half", "halves", "third", "quarter", "fourth", "fifth", "sixth", "seventh",
                      "eighth", "ninth", "tenth", "hundredth")
_NUMERATOR_HINTS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_ANY_DIGIT = re.compile(r"\d")
#: phrases whose numbers are no figures (一对一, 一个一个)
_SET_PHRASES = ("1-to-1", "one-to-one", "1-on-1", "one-on-one", "one by one")
_EN_SET_PHRASE = re.compile(r"\b(?:1-to-1|one-to-one|1-on-1|one-on-one|one by one)\b",
                            re.IGNORECASE)
_EN_SMALL = {**_EN_UNITS, **_EN_TENS, "hundred": 100, "thousand": 1000}
#: the Group of Twenty, the Group of 77: names, like G20 (but "a group of seven experts" counts)
_EN_GROUP_NAME = re.compile(r"\bGroup of\s+$")
_YEAR_DIGITS = re.compile(r"1[6-9]\d\d|20\d\d")
#: after a number that is a year: the 1990s, 2021-22
_YEAR_AFTER = re.compile(r"\s*(?:'s\b|-\d)")
_EN_YEAR_CONTEXT = re.compile(
    r"(?:\b(?:in|since|by|from|until|till|to|before|after|during|of|early|late|mid|year|"
    r"years|fiscal|between|and|through|around|circa|spring|summer|autumn|fall|winter)\s+|'|-)$",
    re.IGNORECASE)



def en_numbers(folded: str, taken: list[tuple[int, int]]) -> list[Found]:
    """English numbers as (start, end, value, kind) in ``folded``: fractions ("two thirds"),
    numerals (3, 30%, 3rd, 1.5 billion, 2022) and number words ("twenty-five"), each kept
    only where no earlier one (or a date in ``taken``) already is."""
    found: list[tuple[int, int, float, str]] = []
    lower = folded.lower()
    candidates = [*_en_fractions(folded, lower), *_en_numerals(folded)]
    number_words = _EN_NUMBER_WORDS.intersection(_LATIN_WORD.findall(lower))
    if number_words:  # the long pattern, only when a word may match, from the first one on
        first = min(map(lower.find, number_words)) if folded.isascii() else 0
        candidates += _en_number_words(folded, first)
    if ("-" in folded or " by " in folded) and not lacks_all(folded, lower, _SET_PHRASES):
        taken.extend(m.span() for m in _EN_SET_PHRASE.finditer(folded))
    for mention in candidates:
        start, end = mention[:2]
        if _overlaps(taken, start, end) or _EN_GROUP_NAME.search(folded, max(0, start - 10), start):
            continue  # the Group of Twenty: a name, like G20
        if mention[3] == "cardinal" and _DECADES.match(folded, end):
            mention = (start, end, mention[2] * 10, "cardinal")  # two decades: 20 (years)
        found.append(mention)
        taken.append((start, end))
    return found


def _en_fractions(folded: str, lower: str) -> Iterator[tuple[int, int, float, str]]:
    """Fractions of ``folded`` (``lower``: its lower case): "two thirds", "1 in 10"."""
    if not lacks_all(folded, lower, _DENOMINATOR_HINTS):
        for m in _EN_FRACTION.finditer(folded):
            n = m["n"].lower()
            num = 1 if n in ("a", "an", "one") else _EN_UNITS[n]
            yield m.start(), m.end(), num / _EN_FRACTIONS[m["d"].lower()], "cardinal"
    if (" in " in folded or " out of " in folded) and (
            _ANY_DIGIT.search(folded) or not lacks_all(folded, lower, _NUMERATOR_HINTS)):
        for m in _EN_ONE_IN.finditer(folded):
            n, d = (int(x) if x.isdigit() else _EN_SMALL[x.lower()] for x in (m["n"], m["d"]))
            if 0 < n < d:
                yield m.start(), m.end(), n / d, "cardinal"


def _en_numerals(folded: str) -> Iterator[tuple[int, int, float, str]]:
    for m in _EN_NUMBER.finditer(folded):
        start, end = m.span()
        value = _to_float(m["num"])
        kind = "cardinal"
        if m["ord"]:
            kind = "ordinal"
        elif m["pct"]:
            kind = "percent"
        elif m["scale"]:
            value *= _SCALE_WORDS[m["scale"].lower()]
        elif m["suffix"]:
            if folded[max(0, start - 1):start] in ("$", "£", "€", "¥"):
                value *= 10**6 if m["suffix"].lower() == "m" else 10**3  # £75m, $120k
            # otherwise 75m is 75 metres
        elif _YEAR_DIGITS.fullmatch(m["num"]) and (_EN_YEAR_CONTEXT.search(folded, 0, start)
                                                   or _YEAR_AFTER.match(folded, end)):
            kind = "year"
        yield start, end, value, kind


def _en_number_words(folded: str, first: int = 0) -> Iterator[tuple[int, int, float, str]]:
    """Numbers in words of ``folded``, where none starts before ``first`` (a match starts with
    a whole number word: in an ASCII text, not before the first place its lower case has one)."""
    for m in _EN_WORDS.finditer(folded, first):
        for start, end in _number_phrases(m):
            yield from _en_number_phrase(folded, start, end, bool(m["pct"]), m.end())


def _number_phrases(m: re.Match[str]) -> list[tuple[int, int]]:
    """The spans of the numbers of a run of number words: one ("twenty-five"), or several
    when the words are a list ("one and five percent", "two three-inch", "ten and twenty")."""
    words = m["words"]
    if parse_english_number(words) is not None:
        return [m.span("words")]
    base = m.start("words")
    tokens = [t for t in re.finditer(r"[A-Za-z]+", words) if t.group().lower() != "and"]
    spans: list[tuple[int, int]] = []
    first = 0
    for k in range(1, len(tokens) + 1):
        if k == len(tokens) or parse_english_number(words[tokens[first].start():tokens[k].end()]) \
                is None:
            spans.append((base + tokens[first].start(), base + tokens[k - 1].end()))
            first = k
    return spans


def _en_number_phrase(folded: str, start: int, end: int, pct: bool, pct_end: int
                      ) -> Iterator[tuple[int, int, float, str]]:
    """One number of words at ``start:end``; ``pct``: a percent word ends the run at
    ``pct_end`` (and applies to every number of a list: "between one and five percent")."""
    words = folded[start:end]
    parsed = parse_english_number(words)
    if parsed is None:
        return
    value, ordinal = parsed
    lower = words.lower()
    if pct:
        last = not folded[end:pct_end].strip(" -").lower().startswith(("and", "to", "or"))
        if last:
            end = pct_end
    if lower in _EN_SCALES:
        article = re.search(r"\b(?:a|an)\s+$", folded[max(0, start - 4):start], re.IGNORECASE)
        if not article:
            return  # "thousand" without a count
        start -= len(article.group())  # "a million" = 1,000,000
    elif lower == "one" and not pct:
        return  # "one of them": mostly a pronoun or an article
    if lower == "second" and re.search(r"\b(?:per|every|split)\s+$", folded[max(0, start - 8):start]):
        return  # "per second": a unit of time
    if lower == "first" and folded[end:end + 1] == "," and (
            start == 0 or folded[:start].rstrip()[-1:] in ".!?;:\"" or not folded[:start].strip()):
        return  # "First, …" is a discourse marker like 首先
    yield start, end, value, "percent" if pct else "ordinal" if ordinal else "cardinal"


