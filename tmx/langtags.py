"""Language tags: BCP 47 normalisation (by ``langcodes``) with Concord's defaults for Chinese and
English.

Memories in the wild label Chinese as ``zh``, ``zh-Hans``, ``zh_CN``, ``ZH-CN``, ``chi``, ``zho``,
``cmn`` or ``zh-cmn-Hans-CN`` and English as ``en``, ``EN``, ``eng`` or ``en_US``.
:func:`normalize_tag` maps them all to one canonical BCP 47 tag so that units from different
tools line up: ``langcodes`` gives the canonical form of RFC 5646 (case by subtag, ISO 639-2/3
codes shortened to their ISO 639-1 equivalent, macrolanguages such as ``cmn`` → ``zh``, extended
language subtags, deprecated codes replaced: ``iw`` → ``he``, ``sgn-BE-FR`` → ``sfb``), then
Concord's defaults apply.

Defaults (both configurable per call, and through the command line's ``--zh-tag``/``--en-tag``):

* Simplified Chinese without a region → ``zh-CN`` (the locale CAT tools such as Trados, memoQ and
  OmegaT create memories for); Traditional Chinese without a region (``zh-Hant``) → ``zh-TW``.
* English without a region → ``en-US``. Official releases in English are not tied to one region,
  but CAT tools build memories per locale and pair ``zh-CN`` with a regional English; ``en-US`` is
  the locale they offer first. Pass ``en="en"`` (or ``--en-tag en``) to keep a bare ``en``.

A tag that already names a region (``en-GB``, ``zh-SG``, ``zh-HK``) keeps it. Other languages are
only brought to their canonical form (``FR_fr`` → ``fr-FR``, ``fre``/``fra`` → ``fr``).
"""
from __future__ import annotations

import re
from functools import lru_cache

DEFAULT_ZH = "zh-CN"
DEFAULT_ZH_TRADITIONAL = "zh-TW"
DEFAULT_EN = "en-US"

#: the value of ``srclang`` meaning "any variant can be the source"
ALL = "*all*"

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


#: canonical tags of Chinese and English read without ``langcodes`` (0.03 s to import): every
#: memory Concord writes has two of them: (language, region)
_SIMPLE = {"zh": ("zh", None), "zh-CN": ("zh", "CN"), "zh-TW": ("zh", "TW"),
           "zh-HK": ("zh", "HK"), "en": ("en", None), "en-US": ("en", "US"),
           "en-GB": ("en", "GB")}


@lru_cache(maxsize=4096)
def _normalize(code: str, zh: str, zh_traditional: str, en: str) -> str:
    raw = code.strip()
    if raw.lower() == ALL:
        return ALL
    raw = raw.replace("_", "-")
    # POSIX locales: en_US.UTF-8, zh_CN@pinyin
    raw = re.split(r"[.@]", raw, maxsplit=1)[0]
    simple = _SIMPLE.get(raw)
    if simple is not None:          # what langcodes gives, without importing it
        language_code, region = simple
        if language_code == "zh":
            return _chinese(None, region, zh, zh_traditional)
        return en if region is None else raw
    language = _parse(raw)
    if language is None:
        raise ValueError(f"not a language tag: {code!r}")
    plain = not (language.extlangs or language.variants or language.extensions
                 or language.private)
    if language.language == "zh" and plain:
        return _chinese(language.script, language.territory, zh, zh_traditional)
    if language.language == "en" and plain and not (language.script or language.territory):
        return en
    return language.to_tag()


@lru_cache(maxsize=4096)
def _parse(raw: str):
    """The ``langcodes.Language`` of a tag in canonical form, or None when ``raw`` is none."""
    import langcodes  # imported on first use: 0.1 s that ``concord --help`` does not need

    if not _TAG.match(raw):
        return None
    try:
        return langcodes.Language.get(langcodes.standardize_tag(raw, macro=True))
    except (langcodes.LanguageTagError, ValueError):
        return None


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
    raw = code.strip()
    if _LOOKS_LIKE_TAG.match(raw) is None:
        return False
    language = _parse(raw.replace("_", "-"))
    # a known language with a two-letter code (eng → en), not any word of three letters
    return language is not None and language.is_valid() and len(language.language or "") == 2


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
