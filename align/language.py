"""Telling Chinese from English by the share of Han characters; what a Han character is."""
from __future__ import annotations

import re

#: a text is Chinese when Han characters make up at least this share of its Han + Latin letters;
#: one Han character carries about as much as a short English word, so the bar is low
HAN_SHARE = 0.25


#: the one definition of a Han character: CJK unified ideographs with extension A, the
#: compatibility ideographs, extensions B to G, and 〇 (as a regular-expression character class)
HAN_CHARS = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
#: one Han character, and a run of them
HAN = re.compile(f"[{HAN_CHARS}]")
HAN_RUN = re.compile(f"[{HAN_CHARS}]+")


def is_han(ch: str) -> bool:
    """True for a Han character (:data:`HAN_CHARS`; compared by code point, which is faster)."""
    cp = ord(ch)
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0xF900 <= cp <= 0xFAFF
            or 0x20000 <= cp <= 0x3134F or cp == 0x3007)


def han_share(text: str) -> float:
    """Han characters as a share of Han characters plus letters of other scripts (0 if neither)."""
    han = other = 0
    for ch in text:
        if is_han(ch):
            han += 1
        elif ch.isalpha():
            other += 1
    return han / (han + other) if han + other else 0.0


def detect_language(text: str) -> str:
    """``"zh"`` when Han characters dominate ``text`` (by :data:`HAN_SHARE`), else ``"en"``.

    Text without any letters (only numbers or punctuation) counts as English.
    """
    return "zh" if han_share(text) >= HAN_SHARE else "en"


def _in_charset(ch: str, encoding: str) -> bool:
    try:
        ch.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def is_traditional(text: str) -> bool:
    """True when ``text`` is mostly in Traditional Chinese script: more of its Han characters
    exist only in Big5 (們, 國, 說) than only in GB2312 (们, 国, 说); characters both share, such
    as 王 or 人, say nothing."""
    simplified = traditional = 0
    for ch in text:
        if not is_han(ch):
            continue
        in_gb, in_big5 = _in_charset(ch, "gb2312"), _in_charset(ch, "big5")
        simplified += in_gb and not in_big5
        traditional += in_big5 and not in_gb
    return traditional > simplified
