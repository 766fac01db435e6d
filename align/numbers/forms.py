"""Numbers written as times of day, decades and spans of years, in both languages.

Each is found before the plain numbers (whose spans it then takes) and has a kind of its own:

* ``time``: the hour as a number, minutes as its fraction, afternoon hours from 12: 7:30,
  7：30, 5.30pm, 5 p.m., 17:30, 下午5点半, 5点30分, 14时10分 → 7.5, 7.5, 17.5, 17, 17.5, 17.5, 5.5,
  14.17, two o'clock in the afternoon → 14 (a bare 5点 is no time: 5点建议 is a five-point
  proposal);
* ``decade``: the 1980s, the '80s, the eighties, 80年代, 八十年代, 上世纪80年代 → 80; 1980年代,
  19世纪80年代 → 1880 (a decade without its century is compared by its last two digits);
* spans of years said in words are cardinals: a decade, the past decade → 10; a century, the
  centenary, a centennial → 100, half a century → 50 (十年, 百年 in Chinese).
"""
from __future__ import annotations

import re

from align.numbers.chinese import _ZH_NUMERAL_CHARS, parse_chinese_numeral
from align.numbers.common import Found, lacks_all

_ANY_DIGIT = re.compile(r"\d")
#: what every match of _EN_TIME holds: a digit before a.m./p.m., or a colon (a quick test)
_EN_TIME_HINT = re.compile(r"\d\s*[ap]\.?m|:", re.IGNORECASE)
#: what every match of _EN_DECADE holds in an ASCII text (lower case)
_EN_DECADE_HINTS = ("0s", "0'", "ties")
_EN_TIME = re.compile(
    r"(?<![\d.:])(?P<h>[01]?\d|2[0-3])(?:[:.](?P<m>[0-5]\d))?\s*"
    r"(?P<ampm>[ap]\.?m\b\.?)"
    r"|(?<![\d.:])(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?![\d:])", re.IGNORECASE)
#: "two o'clock in the afternoon", "one o'clock A.M.", "at ten o'clock"
_EN_OCLOCK = re.compile(
    r"\b(?P<h>[01]?\d|2[0-3]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"\s+o['’]clock\b(?:\s+(?P<pm>in\s+the\s+(?:afternoon|evening)|at\s+night|p\.?m\.?)"
    r"|\s+(?:in\s+the\s+morning|a\.?m\.?))?", re.IGNORECASE)
_HOURS = {w: i + 1 for i, w in enumerate(("one", "two", "three", "four", "five", "six", "seven",
                                           "eight", "nine", "ten", "eleven", "twelve"))}
_ZH_TIME = re.compile(
    rf"(?:(?P<day>上午|下午|晚上|凌晨|早上|早晨|中午|傍晚|夜间|夜里)\s*)?"
    rf"(?P<h>\d{{1,2}}|[{_ZH_NUMERAL_CHARS}]{{1,3}})\s*[点时]\s*"
    rf"(?:(?P<half>半)|(?P<m>\d{{1,2}}|[{_ZH_NUMERAL_CHARS}]{{1,3}})\s*分|(?P<sharp>整))?"
    r"|(?<![\d.:])(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?![\d:])")
_ZH_AFTERNOON = ("下午", "晚上", "傍晚", "夜间", "夜里")

_EN_DECADE = re.compile(
    r"(?<![\w'’])(?P<full>1[5-9]\d0|20[0-9]0)['’]?s\b"
    r"|(?<![\w])['’](?P<short>[0-9]0)['’]?s\b"
    r"|\b(?P<word>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b",
    re.IGNORECASE)
_DECADE_WORDS = {"twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60,
                 "seventies": 70, "eighties": 80, "nineties": 90}
_ZH_DECADE = re.compile(
    rf"(?:(?P<cent>\d{{1,2}}|[{_ZH_NUMERAL_CHARS}]{{1,3}})\s*世纪\s*|上个?世纪\s*|本世纪\s*)?"
    rf"(?P<dec>\d{{2,4}}|[{_ZH_NUMERAL_CHARS}]{{2,3}})\s*年代")
_EN_YEARS_SPAN = re.compile(
    r"\b(?P<half>half\s+a)\s+(?P<halfword>century|decade)\b"
    r"|\b(?P<article>a|an|one|the\s+(?:past|last|next|previous|coming|first|second)|"
    r"(?:past|last|next|previous|coming)|this|that)\s+"
    r"(?P<word>decade|century)\b(?![-\s]+(?:old|long)\b)"
    r"|\b(?P<centenary>centenary|centennial|centenaries)\b", re.IGNORECASE)


def _zh_value(s: str) -> float | None:
    return float(s) if s.isdigit() else parse_chinese_numeral(s)


def en_forms(folded: str, taken: list[tuple[int, int]]) -> list[Found]:
    """Times, decades and spans of years of an English text (see the module docstring)."""
    found: list[Found] = []
    if _ANY_DIGIT.search(folded) and _EN_TIME_HINT.search(folded):
        for m in _EN_TIME.finditer(folded):
            if m["h24"]:
                hour, minutes = int(m["h24"]), int(m["m24"])
            else:
                hour, minutes = int(m["h"]), int(m["m"] or 0)
                if hour > 12:
                    continue
                afternoon = m["ampm"].lower().startswith("p")
                if afternoon and hour < 12:
                    hour += 12
                elif not afternoon and hour == 12:
                    hour = 0  # 12 a.m. is midnight
            _add(found, taken, m.start(), m.end(), hour + minutes / 60, "time")
    lower = folded.lower()
    if "clock" in lower:
        for m in _EN_OCLOCK.finditer(folded):
            h = m["h"].lower()
            hour = int(h) if h.isdigit() else _HOURS[h]
            if m["pm"] and hour < 12:
                hour += 12
            _add(found, taken, m.start(), m.end(), hour, "time")
    if ("0s" in lower or "ies" in lower) and not lacks_all(folded, lower, _EN_DECADE_HINTS):
        for m in _EN_DECADE.finditer(folded):
            if m["full"]:
                value = int(m["full"])
            elif m["short"]:
                value = int(m["short"])
            else:
                value = _DECADE_WORDS[m["word"].lower()]
            _add(found, taken, m.start(), m.end(), value, "decade")
    if "decade" in lower or "centen" in lower or "century" in lower:
        for m in _EN_YEARS_SPAN.finditer(folded):
            if m["half"]:
                value = 50 if m["halfword"].lower() == "century" else 5
                _add(found, taken, m.start(), m.end(), value, "cardinal")
                continue
            value = 100 if m["centenary"] or m["word"].lower() == "century" else 10
            start = m.start("word") if m["word"] else m.start()
            _add(found, taken, start, m.end(), value, "cardinal")
    return found


def zh_forms(folded: str, taken: list[tuple[int, int]]) -> list[Found]:
    """Times and decades of a Chinese text (see the module docstring)."""
    found: list[Found] = []
    if "点" in folded or "时" in folded or ":" in folded:
        for m in _ZH_TIME.finditer(folded):
            if m["h24"]:
                hour, minutes = float(m["h24"]), float(m["m24"])
            else:
                if not (m["day"] or m["half"] or m["m"] or m["sharp"]):
                    continue  # 5点建议: five points, not five o'clock
                h = _zh_value(m["h"])
                mins = 30.0 if m["half"] else _zh_value(m["m"]) if m["m"] else 0.0
                if h is None or mins is None or not 0 <= h <= 24 or not 0 <= mins < 60:
                    continue
                hour, minutes = h, mins
                if m["day"] in _ZH_AFTERNOON and hour < 12:
                    hour += 12
            _add(found, taken, m.start(), m.end(), hour + minutes / 60, "time")
    if "年代" in folded:
        for m in _ZH_DECADE.finditer(folded):
            decade = _zh_value(m["dec"])
            if decade is None or decade % 10 or not (10 <= decade <= 90 or 1000 <= decade <= 2090):
                continue
            if m["cent"] and decade < 100:
                century = _zh_value(m["cent"])
                if century is None or not 1 <= century <= 21:
                    continue
                decade += (century - 1) * 100  # 19世纪80年代: the 1880s
            _add(found, taken, m.start(), m.end(), decade, "decade")
    return found


def _add(found: list[Found], taken: list[tuple[int, int]], start: int, end: int, value: float,
         kind: str) -> None:
    if any(start < e and s < end for s, e in taken):
        return
    found.append((start, end, float(value), kind))
    taken.append((start, end))
