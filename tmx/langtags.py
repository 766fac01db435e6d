"""Language tags: BCP 47 normalisation with an alias table for the codes found in real memories.

Memories in the wild label Chinese as ``zh``, ``zh-Hans``, ``zh_CN``, ``ZH-CN``, ``chi``, ``zho`` or
``cmn`` and English as ``en``, ``EN``, ``eng`` or ``en_US``. :func:`normalize_tag` maps them all to
one canonical BCP 47 tag so that units from different tools line up.

Defaults (both configurable per call, and through the command line's ``--zh-tag``/``--en-tag``):

* Simplified Chinese without a region → ``zh-CN`` (the locale CAT tools such as Trados, memoQ and
  OmegaT create memories for); Traditional Chinese without a region (``zh-Hant``) → ``zh-TW``.
* English without a region → ``en-US``. Official releases in English are not tied to one region,
  but CAT tools build memories per locale and pair ``zh-CN`` with a regional English; ``en-US`` is
  the locale they offer first. Pass ``en="en"`` (or ``--en-tag en``) to keep a bare ``en``.

A tag that already names a region (``en-GB``, ``zh-SG``, ``zh-HK``) keeps it. Other languages are
only case-normalised (``FR_fr`` → ``fr-FR``) and three-letter ISO 639-2 codes that have a
two-letter equivalent are shortened (``fre``/``fra`` → ``fr``).
"""
from __future__ import annotations

import re
from functools import lru_cache

DEFAULT_ZH = "zh-CN"
DEFAULT_ZH_TRADITIONAL = "zh-TW"
DEFAULT_EN = "en-US"

#: the value of ``srclang`` meaning "any variant can be the source"
ALL = "*all*"

#: three-letter (ISO 639-2/T and /B, ISO 639-3 macro) codes → two-letter ISO 639-1 codes
_THREE_LETTER = {
    "zho": "zh", "chi": "zh", "cmn": "zh", "eng": "en", "fra": "fr", "fre": "fr", "deu": "de",
    "ger": "de", "spa": "es", "rus": "ru", "ara": "ar", "jpn": "ja", "kor": "ko", "por": "pt",
    "ita": "it", "nld": "nl", "dut": "nl", "vie": "vi", "tha": "th", "msa": "ms", "may": "ms",
    "ind": "id", "kaz": "kk", "uzb": "uz", "mon": "mn", "tur": "tr", "pol": "pl", "ukr": "uk",
}
#: ISO 639-1 language codes (to tell a header cell "zh-CN" from a word such as "Hello")
ISO_639_1 = frozenset("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da
de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz
ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln
lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi
pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti
tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu""".split())
_LOOKS_LIKE_TAG = re.compile(r"^([A-Za-z]{2,3})([-_][A-Za-z]{4})?([-_](?:[A-Za-z]{2}|\d{3}))?$")

#: Chinese regions written in Traditional characters by default
_TRADITIONAL_REGIONS = {"TW", "HK", "MO"}
_TAG = re.compile(r"^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$")


def normalize_tag(code: str, *, zh: str = DEFAULT_ZH, zh_traditional: str = DEFAULT_ZH_TRADITIONAL,
                  en: str = DEFAULT_EN) -> str:
    """The canonical BCP 47 tag for ``code`` (see the module notes for the defaults).

    ``zh``, ``zh-Hans``, ``zh_CN``, ``ZH-CN``, ``chi``, ``zho``, ``cmn-Hans-CN`` → ``zh`` (default
    ``"zh-CN"``); ``zh-Hant``, ``zh-TW``, ``zh-Hant-TW`` → ``zh_traditional`` (default
    ``"zh-TW"``); other regions are kept (``zh-HK``, ``zh-SG``); ``en``,
    ``EN``, ``eng`` → ``en`` (default ``"en-US"``). ``*all*`` is kept. Raises ``ValueError`` for a
    string that is not a language tag at all.
    """
    return _normalize(code, zh, zh_traditional, en)


@lru_cache(maxsize=4096)
def _normalize(code: str, zh: str, zh_traditional: str, en: str) -> str:
    raw = code.strip()
    if raw.lower() == ALL:
        return ALL
    raw = raw.replace("_", "-")
    # POSIX locales: en_US.UTF-8, zh_CN@pinyin
    raw = re.split(r"[.@]", raw, maxsplit=1)[0]
    if not _TAG.match(raw):
        raise ValueError(f"not a language tag: {code!r}")
    parts = raw.split("-")
    language = parts[0].lower()
    language = _THREE_LETTER.get(language, language)
    script = region = None
    rest: list[str] = []
    for part in parts[1:]:
        if script is None and region is None and not rest and len(part) == 4 and part.isalpha():
            script = part.title()
        elif region is None and not rest and (len(part) == 2 and part.isalpha()
                                              or len(part) == 3 and part.isdigit()):
            region = part.upper()
        else:
            rest.append(part.lower())
    if language == "zh" and not rest:
        return _chinese(script, region, zh, zh_traditional)
    if language == "en" and script is None and region is None and not rest:
        return en
    return "-".join(p for p in (language, script, region, *rest) if p)


def _chinese(script: str | None, region: str | None, zh: str, zh_traditional: str) -> str:
    # mainland Simplified (zh, zh-Hans, zh-CN, zh-Hans-CN) is one variety however it is written;
    # so is Taiwan Traditional (zh-Hant, zh-TW, zh-Hant-TW)
    if script in (None, "Hans") and region in (None, "CN"):
        return zh
    if script in (None, "Hant") and region in (None, "TW"):
        return zh_traditional
    if region is None:
        return f"zh-{script}"
    if script is None or (script == "Hant") == (region in _TRADITIONAL_REGIONS):
        return f"zh-{region}"
    return f"zh-{script}-{region}"


def normalize_or_keep(code: str, *, zh: str = DEFAULT_ZH, en: str = DEFAULT_EN) -> str:
    """:func:`normalize_tag`, or ``code`` unchanged when it is not a language tag."""
    try:
        return normalize_tag(code, zh=zh, en=en)
    except ValueError:
        return code


def tag_key(code: str) -> str:
    """The form under which two tags are compared: normalised, else stripped and lower-cased."""
    try:
        return normalize_tag(code)
    except ValueError:
        return code.strip().lower()


def is_valid_tag(code: str) -> bool:
    """True when ``code`` can be read as a language tag (any case, ``_`` or ``-``)."""
    try:
        normalize_tag(code)
    except ValueError:
        return False
    return True


def looks_like_tag(code: str) -> bool:
    """True when ``code`` is a plausible language tag of a known language (``zh-CN``, ``en``,
    ``zh_Hant_TW``, ``zho``) — stricter than :func:`is_valid_tag`, which any short word passes."""
    found = _LOOKS_LIKE_TAG.match(code.strip())
    if found is None:
        return False
    language = found.group(1).lower()
    return _THREE_LETTER.get(language, language) in ISO_639_1


def primary_language(code: str) -> str:
    """The language subtag alone: ``"zh"`` for ``zh-Hant-TW``, ``"en"`` for ``EN_gb``."""
    try:
        return normalize_tag(code).split("-", 1)[0]
    except ValueError:
        return code.strip().lower()


def same_tag(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` name the same language variety once normalised."""
    try:
        return normalize_tag(a) == normalize_tag(b)
    except ValueError:
        return a.strip().lower() == b.strip().lower()
