"""What a paragraph is: a title, a date line, a heading or body text.

Titles, date lines and headings are strong alignment anchors, and they are never split into
sentences. The tests are deliberately plain: a date line is a date with little else around it;
a heading is a short paragraph without sentence-final punctuation; the title is the first such
paragraph of the document (unless the markup already said which it is).
"""
from __future__ import annotations

import re
from collections.abc import Sequence

from align.language import detect_language
from align.normalize import fold
from align.numbers import extract_dates
from align.numbers.prefilter import may_have_date

_FINAL = re.compile(r"[.!?。！？…][\s\"'”’)\]）」』》]*$")
_CONTINUES = re.compile(r"[,，:：;；、]\s*$")
_TIME = re.compile(r"\b\d{1,2}[:：]\d{2}(?:[:：]\d{2})?\b|\d{1,2}[:：]\d{2}")
_DATE_WORDS = re.compile(
    r"(?i)\b(?:updated|published|posted|released|date|time|source|from|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|gmt|utc|bjt|cst|am|pm|a\.m|"
    r"p\.m)\b|发布时间|发布日期|更新时间|来源|日期|时间|星期[一二三四五六日天]|周[一二三四五六日]|"
    r"上午|下午|北京时间|(?:字体|字号)\s*[:：]?\s*大\s*中\s*小|字号")
#: longest a title or heading may be (characters); longer paragraphs are body text
TITLE_MAX = {"zh": 100, "en": 250}
HEADING_MAX = {"zh": 60, "en": 150}


def ends_sentence(text: str) -> bool:
    """True when ``text`` ends in sentence-final punctuation (closing quotes/brackets allowed)."""
    return bool(_FINAL.search(text.rstrip()))


def is_dateline(text: str) -> bool:
    """A paragraph that is a date and little else: "（2012年11月15日）", "November 15, 2012",
    "2022-01-11 14:10", "Beijing, January 10, 2022", "2022年1月10日 来源：外交部"."""
    text = text.strip()
    if not text or len(text) > 80 or ends_sentence(text) and not text.endswith((".", "。")):
        return False
    if not may_have_date(fold(text)):    # most text: no language detection, no date patterns
        return False
    lang = detect_language(text)
    dates = extract_dates(text, lang)
    if not dates or not any(d.month for d in dates):
        return False
    rest = list(text)
    for d in dates:
        for i in range(*d.span):
            rest[i] = " "
    left = _DATE_WORDS.sub(" ", _TIME.sub(" ", "".join(rest)))
    letters = [ch for ch in left if ch.isalnum()]
    return len(letters) <= (8 if lang == "zh" else 16)


def is_heading_like(text: str, lang: str, limit: dict[str, int] = HEADING_MAX) -> bool:
    """A short paragraph without sentence-final (or continuing) punctuation at its end."""
    text = text.strip()
    return (0 < len(text) <= limit.get(lang, limit["en"]) and not ends_sentence(text)
            and not _CONTINUES.search(text))


def classify(texts: Sequence[str], lang: str, hints: Sequence[str | None] | None = None) -> list[str]:
    """The kind of each paragraph: "title", "dateline", "heading" or "body".

    ``hints`` are kinds the markup gave ("title" for an HTML or Markdown first-level heading,
    "heading" for the others); a document has at most one title.
    """
    hints = hints or [None] * len(texts)
    kinds: list[str] = []
    has_title = any(h == "title" for h in hints)
    title_given = False      # a title has been assigned
    only_datelines = True    # everything so far was a date line (the title may still come)
    for text, hint in zip(texts, hints):
        if hint == "title":
            kind = "heading" if title_given else "title"
        elif is_dateline(text):
            kind = "dateline"
        elif hint == "heading":
            kind = "heading"
        elif (not has_title and not title_given and only_datelines
              and is_heading_like(text, lang, TITLE_MAX)):
            kind = "title"
        elif is_heading_like(text, lang):
            kind = "heading"
        else:
            kind = "body"
        title_given |= kind == "title"
        only_datelines &= kind == "dateline"
        kinds.append(kind)
    return kinds
