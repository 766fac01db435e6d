"""The glossary model: concepts, their terms and statuses (files: :mod:`terms.formats`).

A :class:`Concept` groups the Chinese terms and English renderings of one idea. Each
:class:`Term` has a status: ``preferred`` and ``admitted`` renderings are allowed,
``deprecated`` and ``superseded`` ones are not (their replacement is the concept's preferred
term in the same language). A concept may be scoped: it applies only when one of its
scope patterns matches the Chinese segment (the other way to scope is a longer, more specific
Chinese term in a concept of its own). A term may also list longer forms in which it does not
apply (``Term.exclude``: "Premier League" for "Premier").
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from terms.errors import GlossaryError

STATUSES = ("preferred", "admitted", "deprecated", "superseded")
ALLOWED_STATUSES = frozenset({"preferred", "admitted"})
CATEGORIES = ("title", "designation", "person", "organisation", "place", "other")

#: other spellings of the statuses found in glossaries in the wild (TBX v2/v3, PO flags, CSV)
STATUS_ALIASES = {
    "forbidden": "deprecated",
    "preferredterm-admn-sts": "preferred",
    "admittedterm-admn-sts": "admitted",
    "deprecatedterm-admn-sts": "deprecated",
    "supersededterm-admn-sts": "superseded",
    "standardizedterm-admn-sts": "preferred",
    "legalterm-admn-sts": "preferred",
    "regulatedterm-admn-sts": "preferred",
    # TBX v2 normativeAuthorization (ISO 12620 picklist): the same names without -admn-sts
    "preferredterm": "preferred",
    "admittedterm": "admitted",
    "deprecatedterm": "deprecated",
    "supersededterm": "superseded",
    "standardizedterm": "preferred",
    "legalterm": "preferred",
    "regulatedterm": "preferred",
    "notrecommended": "deprecated",
    "not recommended": "deprecated",
    "obsolete": "superseded",
}
CATEGORY_ALIASES = {"organization": "organisation", "org": "organisation", "country": "place"}



def normalize_status(value: str) -> str | None:
    """The canonical status for ``value`` (case-insensitive, aliases resolved), or None if unknown.

    An empty value means ``preferred``.
    """
    key = value.strip().lower()
    if not key:
        return "preferred"
    if key in STATUSES:
        return key
    return STATUS_ALIASES.get(key)


def normalize_category(value: str) -> str | None:
    """The canonical category for ``value`` (empty means ``other``), or None if unknown."""
    key = value.strip().lower()
    if not key:
        return "other"
    if key in CATEGORIES:
        return key
    return CATEGORY_ALIASES.get(key)


def canonical_tag(value: str) -> str:
    """``value`` in canonical BCP 47 form by ``langcodes`` (``zh_tw`` → ``zh-TW``, ``cmn`` → ``zh``,
    ``iw`` → ``he``), or stripped and lower-cased when it is no language tag."""
    tag = value.strip().replace("_", "-")
    return _canonical(tag) if tag else ""


@cache
def _canonical(tag: str) -> str:
    import langcodes  # imported on first use

    try:
        return langcodes.standardize_tag(tag, macro=True)
    except (langcodes.LanguageTagError, ValueError):
        return tag.lower()


def normalize_lang(value: str) -> str:
    """``zh``/``en`` for any Chinese or English tag (zh-CN, zh_Hant, cmn, en-US …); the language
    subtag of others (``es`` for ``es-419``)."""
    return canonical_tag(value).split("-", 1)[0]


def written_tag(value: str) -> str:
    """The language tag as the file writes it, in canonical BCP 47 form, or "" when it says no
    more than its language (``zh``, ``EN``): ``zh-TW`` stays ``zh-TW`` while matching reads
    ``zh``."""
    tag = canonical_tag(value)
    return "" if tag == normalize_lang(tag) else tag


@dataclass(slots=True)
class Term:
    """One term of a concept in one language."""

    text: str
    lang: str
    status: str = "preferred"
    case_sensitive: bool = False
    scope: str = ""
    note: str = ""
    #: where the term does not apply: longer forms that hold it, ``|``-separated ("Premier
    #: League" for "Premier", 中共体 for 中共); a match inside one of them is no match
    exclude: str = ""
    #: fields of the source file that the model has no place for, kept for lossless conversion
    extra: dict[str, str] = field(default_factory=dict)
    #: the language tag as written when it says more than ``lang`` (``zh-TW``, ``en-GB``), else ""
    tag: str = ""
    #: 1-based line in the file it was read from (not part of equality)
    line: int | None = field(default=None, compare=False)
    #: the file gave the term an empty status element (TBX), so the default status was used
    empty_status: bool = field(default=False, compare=False)
    #: the file gave the term a status; False when the reader's default was used (a TBX term
    #: without a status element), which a TBX writer then leaves out rather than invent one
    status_given: bool = field(default=True, compare=False)

    @property
    def allowed(self) -> bool:
        """True for preferred and admitted terms."""
        return self.status in ALLOWED_STATUSES

    @property
    def exclusions(self) -> tuple[str, ...]:
        """The longer forms of :attr:`exclude`, without blanks."""
        return tuple(x.strip() for x in self.exclude.split("|") if x.strip())

    @property
    def lang_tag(self) -> str:
        """The language tag to write: as read (``zh-TW``), else the language (``zh``)."""
        return self.tag or self.lang


@dataclass(slots=True)
class Concept:
    """One idea with its terms in both languages."""

    id: str
    category: str = "other"
    terms: list[Term] = field(default_factory=list)
    note: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    line: int | None = field(default=None, compare=False)

    def terms_in(self, lang: str) -> list[Term]:
        """The concept's terms in ``lang``, in file order."""
        return [t for t in self.terms if t.lang == lang]

    def allowed(self, lang: str) -> list[Term]:
        """Preferred then admitted terms in ``lang``."""
        terms = [t for t in self.terms if t.lang == lang and t.allowed]
        return sorted(terms, key=lambda t: t.status != "preferred")

    def preferred(self, lang: str) -> Term | None:
        """The preferred term in ``lang`` (the first allowed one when none is marked preferred)."""
        allowed = self.allowed(lang)
        return allowed[0] if allowed else None

    @property
    def scopes(self) -> list[str]:
        """The context patterns of the concept (from any of its terms), without repeats."""
        seen: list[str] = []
        for t in self.terms:
            if t.scope and t.scope not in seen:
                seen.append(t.scope)
        return seen

    def applies_to(self, chinese_segment: str) -> bool:
        """True when the concept has no scope or one of its patterns matches the segment."""
        scopes = self.scopes
        return not scopes or any(_compiled(s).search(chinese_segment) for s in scopes)


#: scope patterns compiled once each (re's own cache is bounded)
_compiled: Callable[[str], re.Pattern[str]] = cache(re.compile)


@dataclass
class Glossary:
    """A list of concepts, as read from one file.

    The matcher built for it (:func:`terms.matching.matcher_for`) is cached on the object: after
    changing its concepts, call :meth:`changed`.
    """

    concepts: list[Concept] = field(default_factory=list)
    path: str | None = field(default=None, compare=False)
    #: header-level information of the source file (TBX header, PO metadata), kept for conversion
    meta: dict[str, str] = field(default_factory=dict)
    #: what the source file holds that the model has no place for: description → count
    #: (TBX transaction records, cross-references); converting loses it, so say so
    not_kept: dict[str, int] = field(default_factory=dict, compare=False)
    #: the TBX back matter (``<back>``: refObjectSec/refObjectList, the people and resources that
    #: records refer to) as XML without namespace, written back into TBX only
    back: str = field(default="", compare=False)
    _matcher: Any = field(default=None, compare=False, repr=False)

    def not_kept_in(self, fmt: str) -> dict[str, int]:
        """What writing the glossary as ``fmt`` leaves out of what it was read from: description
        → count (the back matter survives in TBX only)."""
        lost = dict(self.not_kept)
        if self.back and not fmt.startswith("tbx"):
            from lxml import etree
            sections = len(etree.fromstring(self.back))
            lost["back-matter sections (refObjectSec)"] = sections
        return lost

    def changed(self) -> None:
        """Forget derived data (the matcher) after the concepts were edited."""
        self._matcher = None

    def __len__(self) -> int:
        return len(self.concepts)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)

    def concept(self, concept_id: str) -> Concept | None:
        """The concept with ``concept_id``, or None."""
        for c in self.concepts:
            if c.id == concept_id:
                return c
        return None

    def anchor_pairs(self) -> list[tuple[str, list[str]]]:
        """(Chinese term, allowed English renderings) for every Chinese term, for the aligner.

        Unscoped concepts only: a scoped concept's rendering is not evidence on its own.
        Deprecated Chinese terms are included (they still occur in source texts).
        """
        pairs: list[tuple[str, list[str]]] = []
        for c in self.concepts:
            if c.scopes:
                continue
            english = [t.text for t in c.allowed("en")]
            if not english:
                continue
            pairs.extend((t.text, list(english)) for t in c.terms_in("zh") if t.text.strip())
        return pairs

    def validate(self) -> None:
        """Raise :class:`GlossaryError` for unknown statuses or languages, bad scopes, duplicate ids."""
        for c in unique_ids(self.concepts, self.path):
            if c.category not in CATEGORIES:
                raise GlossaryError(f"unknown category {c.category!r} (expected one of "
                                    f"{', '.join(CATEGORIES)})", path=self.path, line=c.line)
            for t in c.terms:
                if t.status not in STATUSES:
                    raise GlossaryError(f"unknown status {t.status!r} (expected one of "
                                        f"{', '.join(STATUSES)})", path=self.path, line=t.line)
                for form in t.exclusions:
                    if not _holds(form, t.text, t.lang):
                        raise GlossaryError(f"exclusion {form!r} does not contain the term "
                                            f"{t.text!r} (an exclusion is a longer form that "
                                            f"holds the term)", path=self.path, line=t.line)
                if t.scope:
                    try:
                        _compiled(t.scope)
                    except re.error as exc:
                        raise GlossaryError(f"scope {t.scope!r} is not a valid regular "
                                            f"expression: {exc}", path=self.path,
                                            line=t.line) from None


def _holds(form: str, term: str, lang: str) -> bool:
    """True when the longer form ``form`` contains ``term`` (English: ignoring case)."""
    if lang == "zh":
        return term in form and form != term
    return term.casefold() in form.casefold() and form.casefold() != term.casefold()


def unique_ids(concepts: Iterable[Concept], path: str | None) -> Iterator[Concept]:
    """``concepts`` as they come, raising :class:`GlossaryError` at the first repeated id."""
    first_line: dict[str, int | None] = {}
    for c in concepts:
        if c.id in first_line:
            first = first_line[c.id]
            where = f" (first at line {first})" if first else ""
            raise GlossaryError(f"duplicated concept id {c.id!r}{where}", path=path, line=c.line)
        first_line[c.id] = c.line
        yield c
