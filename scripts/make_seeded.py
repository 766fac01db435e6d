#!/usr/bin/env python3
"""Write ``corpora/checks/seeded.jsonl``: the seeded-error set for the publishing checks.

Every pair is a Chinese sentence and its English translation in the style of a foreign-ministry
release, written for Concord. Most pairs come from hand-written sentence templates (group A:
partnership designations, B: official titles, C: numbers, D: dates, E: organisations and key
phrases, O: omissions, U: untranslated text) filled with slot values (officials, countries,
designations, numbers, dates); the rest are hand-written one-off pairs (group H). An error is
seeded by replacing one slot's English with a wrong rendering, and the expected findings are
written down from what was replaced -- never by running a checker.

Usage: ``python scripts/make_seeded.py [--out PATH] [--seed N]`` (the committed file is the output
of the defaults; running it again reproduces it byte for byte).

The counting rules (what a perfect checker reports) are described in corpora/checks/README.md.
"""
from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "corpora" / "checks" / "seeded.jsonl"

# ------------------------------------------------------------------------------------------
# Findings


def missing(term: str, concept: str) -> dict:
    return {"rule": "term-missing", "term": term, "concept": concept}


def deprecated(term: str, concept: str) -> dict:
    return {"rule": "term-deprecated", "term": term, "concept": concept}


def unexpected(term: str, concept: str) -> dict:
    return {"rule": "term-unexpected", "term": term, "concept": concept}


def number(value: str, target: str | None) -> dict:
    return {"rule": "number-mismatch", "value": value, "target_value": target}


def date(value: str, target: str | None) -> dict:
    return {"rule": "date-mismatch", "value": value, "target_value": target}


# ------------------------------------------------------------------------------------------
# Slot values


@dataclass
class Wrong:
    """A wrong English rendering of a slot and the findings it causes."""

    en: str
    findings: list[dict]
    note: str


@dataclass
class Slot:
    """A Chinese text and its English, with allowed variants and seeded mistakes."""

    zh: str
    en: str
    variants: list[str] = field(default_factory=list)  # other correct English renderings
    wrong: list[Wrong] = field(default_factory=list)


@dataclass
class Official:
    full: Slot          # title and name
    name: Slot          # short name
    female: bool = False
    # glossary concepts the official's title and name bring into a pair, nested ones included
    # (used to keep a seeded mistake away from a context that would hide or double it)
    concepts: frozenset[str] = frozenset()


@dataclass
class Pack:
    """A country and everything templates need about it."""

    key: str
    zh: str                 # 哈萨克斯坦
    en: str                 # Kazakhstan
    side: str               # 哈方
    pair_zh: str            # 中哈
    pair_en: str            # China-Kazakhstan
    rel: Slot               # designation, "partnership" form
    partner: Slot | None    # designation, "partner" form (互为……伙伴)
    partner_sing: Slot | None
    officials: list[Official] = field(default_factory=list)
    ties: tuple[int, int, int] | None = None  # date diplomatic relations were established


def W(en: str, note: str, *findings: dict) -> Wrong:
    return Wrong(en, list(findings), note)


PCSP, AWSCP, CSPC, CSP, CSCP, SP, SCP = ("pcsp", "awscp", "cspc", "csp", "cscp", "sp", "scp")
ZH_OF = {PCSP: "永久全面战略伙伴关系", AWSCP: "全天候战略合作伙伴关系", CSPC: "全面战略协作伙伴关系",
         CSP: "全面战略伙伴关系", CSCP: "全面战略合作伙伴关系", SP: "战略伙伴关系", SCP: "战略合作伙伴关系"}
EN_OF = {PCSP: "permanent comprehensive strategic partnership",
         AWSCP: "all-weather strategic cooperative partnership",
         CSPC: "comprehensive strategic partnership of coordination",
         CSP: "comprehensive strategic partnership",
         CSCP: "comprehensive strategic cooperative partnership",
         SP: "strategic partnership", SCP: "strategic cooperative partnership"}


def designation(kind: str) -> tuple[Slot, Slot | None, Slot | None]:
    """The three forms of a designation with its seeded mistakes."""
    zh, en = ZH_OF[kind], EN_OF[kind]
    m = lambda: missing(zh, kind)  # noqa: E731
    wrong_rel: list[Wrong] = {
        PCSP: [W("comprehensive strategic partnership", "dropped 'permanent'", missing(zh, kind)),
               W("permanent strategic partnership", "dropped 'comprehensive'", m())],
        AWSCP: [W("strategic cooperative partnership", "dropped 'all-weather'", m()),
                W("all-weather strategic partnership", "deprecated short form",
                  deprecated(zh, kind)),
                W("all-weather partnership", "designation cut short", m())],
        CSP: [W("strategic partnership", "dropped 'comprehensive'", m()),
              W("permanent comprehensive strategic partnership", "upgraded to 'permanent'",
                unexpected(ZH_OF[PCSP], PCSP)),
              W("comprehensive strategic partnership of coordination", "upgraded designation",
                unexpected(ZH_OF[CSPC], CSPC)),
              W("comprehensive partnership", "designation cut short", m())],
        CSCP: [W("strategic cooperative partnership", "dropped 'comprehensive'", m()),
               W("comprehensive strategic cooperation partnership", "deprecated wording",
                 deprecated(zh, kind)),
               W("all-weather strategic cooperative partnership", "wrong designation",
                 m(), unexpected(ZH_OF[AWSCP], AWSCP))],
        SP: [W("comprehensive strategic partnership", "upgraded designation",
               unexpected(ZH_OF[CSP], CSP)),
             W("close partnership", "designation paraphrased", m())],
        SCP: [W("all-weather strategic cooperative partnership", "upgraded designation",
                unexpected(ZH_OF[AWSCP], AWSCP)),
              W("comprehensive strategic cooperative partnership", "upgraded designation",
                unexpected(ZH_OF[CSCP], CSCP)),
              W("strategic cooperation partnership", "deprecated wording", deprecated(zh, kind)),
              W("cooperative partnership", "dropped 'strategic'", m())],
    }.get(kind, [])
    variants = {PCSP: ["Permanent Comprehensive Strategic Partnership"],
                AWSCP: ["all weather strategic cooperative partnership",
                        "All-Weather Strategic Cooperative Partnership"],
                CSP: ["Comprehensive Strategic Partnership"],
                CSCP: ["Comprehensive Strategic Cooperative Partnership"]}.get(kind, [])
    rel = Slot(zh, en, variants, wrong_rel)
    pz, pe = zh[:-2], en[: -len("ship")]
    wrong_partner: list[Wrong] = {
        PCSP: [W("comprehensive strategic partners", "dropped 'permanent'", missing(pz, kind))],
        AWSCP: [W("strategic cooperative partners", "dropped 'all-weather'", missing(pz, kind)),
                W("all-weather strategic partners", "deprecated short form", deprecated(pz, kind))],
        CSP: [W("permanent comprehensive strategic partners", "upgraded to 'permanent'",
                unexpected(ZH_OF[PCSP], PCSP)),
              W("strategic partners", "dropped 'comprehensive'", missing(pz, kind))],
        CSCP: [W("strategic cooperative partners", "dropped 'comprehensive'", missing(pz, kind))],
        SCP: [W("all-weather strategic cooperative partners", "upgraded designation",
                unexpected(ZH_OF[AWSCP], AWSCP))],
        SP: [W("comprehensive strategic partners", "upgraded designation",
               unexpected(ZH_OF[CSP], CSP))],
    }.get(kind, [])
    partner = Slot(pz, pe + "s", [], wrong_partner)
    sing_wrong = [Wrong(w.en[:-1], w.findings, w.note) for w in wrong_partner]
    partner_sing = Slot(pz, pe, [], sing_wrong)
    return rel, partner, partner_sing


def official(zh_title: str, en_title: str, zh_name: str, en_full: str, en_short: str,
             variants: list[str] = (), wrong: list[Wrong] = (), female: bool = False,
             concepts: str = "") -> Official:
    return Official(Slot(zh_title + zh_name, f"{en_title} {en_full}", list(variants), list(wrong)),
                    Slot(zh_name, en_short), female, frozenset(concepts.split()))


def clash(wrong: Wrong, other: Official) -> bool:
    """True when the other official in the sentence involves a concept the mistake is about."""
    return any(f.get("concept") in other.concepts for f in wrong.findings)


def packs() -> list[Pack]:
    kz_rel, kz_p, kz_ps = designation(PCSP)
    pk_rel, pk_p, pk_ps = designation(AWSCP)
    ru_rel = Slot("新时代全面战略协作伙伴关系",
                  "comprehensive strategic partnership of coordination for a new era", [],
                  [W("comprehensive partnership of coordination for a new era",
                     "dropped 'strategic'", missing("全面战略协作伙伴关系", CSPC)),
                   W("comprehensive strategic coordination partnership for a new era",
                     "deprecated wording", deprecated("全面战略协作伙伴关系", CSPC))])
    out = [
        Pack("kz", "哈萨克斯坦", "Kazakhstan", "哈方", "中哈", "China-Kazakhstan", kz_rel, kz_p, kz_ps, [
            official("哈萨克斯坦总统", "Kazakh President", "托卡耶夫", "Kassym-Jomart Tokayev", "Tokayev",
                     concepts="president-foreign president-prc tokayev",
                     wrong=[W("Kazakh leader Kassym-Jomart Tokayev", "title paraphrased",
                              missing("总统", "president-foreign")),
                            W("Kazakh President Kassym-Jomart Tokaev", "deprecated spelling",
                              deprecated("托卡耶夫", "tokayev"))]),
            official("哈萨克斯坦副总理兼外长", "Kazakh Deputy Prime Minister and Foreign Minister",
                     "特列乌别尔季", "Mukhtar Tileuberdi", "Tileuberdi",
                     concepts="deputy-pm-foreign foreign-minister vice-premier premier tileuberdi",
                     variants=["Deputy Prime Minister and Minister of Foreign Affairs of Kazakhstan"
                               " Mukhtar Tileuberdi"],
                     wrong=[W("Kazakh Foreign Minister Mukhtar Tileuberdi", "dropped Deputy Prime "
                              "Minister", missing("哈萨克斯坦副总理", "deputy-pm-foreign")),
                            W("Kazakh Vice Premier and Foreign Minister Mukhtar Tileuberdi",
                              "Chinese title used for a Kazakh minister",
                              missing("哈萨克斯坦副总理", "deputy-pm-foreign")),
                            W("Kazakh Deputy Prime Minister and Foreign Minister Mukhtar Tleuberdi",
                              "deprecated spelling", deprecated("特列乌别尔季", "tileuberdi"))]),
            official("哈萨克斯坦第一副总理", "Kazakh First Deputy Prime Minister", "斯克利亚尔",
                     "Roman Sklyar", "Sklyar",
                     concepts="first-deputy-pm deputy-pm-foreign vice-premier premier prime-minister-foreign sklyar",
                     wrong=[W("Kazakh First Vice Premier Roman Sklyar", "deprecated title",
                              deprecated("第一副总理", "first-deputy-pm"))]),
        ], (1992, 1, 3)),
        Pack("pk", "巴基斯坦", "Pakistan", "巴方", "中巴", "China-Pakistan", pk_rel, pk_p, pk_ps, [
            official("巴基斯坦总理", "Pakistani Prime Minister", "伊姆兰·汗", "Imran Khan", "Imran Khan",
                     concepts="prime-minister-foreign premier imran-khan",
                     wrong=[W("Pakistani leader Imran Khan", "title paraphrased",
                              missing("巴基斯坦总理", "prime-minister-foreign")),
                            W("Pakistani Premier Imran Khan", "Chinese title used",
                              missing("巴基斯坦总理", "prime-minister-foreign"))]),
            official("巴基斯坦外长", "Pakistani Foreign Minister", "库雷希", "Shah Mahmood Qureshi",
                     "Qureshi",
                     concepts="foreign-minister qureshi",
                     variants=["Pakistan's Minister for Foreign Affairs Shah Mahmood Qureshi"],
                     wrong=[W("Pakistan's top diplomat Shah Mahmood Qureshi", "title paraphrased",
                              missing("外长", "foreign-minister")),
                            W("Pakistani Foreign Secretary Shah Mahmood Qureshi", "deprecated title",
                              deprecated("外长", "foreign-minister"))]),
        ], (1951, 5, 21)),
        Pack("ru", "俄罗斯", "Russia", "俄方", "中俄", "China-Russia", ru_rel, None, None, [
            official("俄罗斯总统", "Russian President", "普京", "Vladimir Putin", "Putin",
                     concepts="president-foreign president-prc putin",
                     wrong=[W("Russian leader Vladimir Putin", "title paraphrased",
                              missing("总统", "president-foreign"))]),
            official("俄罗斯外长", "Russian Foreign Minister", "拉夫罗夫", "Sergey Lavrov", "Lavrov",
                     concepts="foreign-minister lavrov",
                     variants=["Russian Minister of Foreign Affairs Sergey Lavrov"],
                     wrong=[W("Russia's top diplomat Sergey Lavrov", "title paraphrased",
                              missing("外长", "foreign-minister")),
                            W("Russian Foreign Secretary Sergey Lavrov", "deprecated title",
                              deprecated("外长", "foreign-minister"))]),
        ], (1949, 10, 2)),
    ]
    for key, zh, en, side, pz, pe, kind, offs, ties in (
        ("id", "印度尼西亚", "Indonesia", "印尼方", "中印尼", "China-Indonesia", CSP, [
            official("印度尼西亚总统", "Indonesian President", "佐科", "Joko Widodo", "Joko Widodo",
                     concepts="president-foreign president-prc joko-widodo",
                     variants=["Indonesian President Jokowi"],
                     wrong=[W("Indonesian leader Joko Widodo", "title paraphrased",
                              missing("总统", "president-foreign"))]),
            official("印度尼西亚外长", "Indonesian Foreign Minister", "蕾特诺", "Retno Marsudi", "Retno",
                     concepts="foreign-minister retno",
                     variants=["Indonesian Minister for Foreign Affairs Retno Marsudi"],
                     wrong=[W("Indonesia's top diplomat Retno Marsudi", "title paraphrased",
                              missing("外长", "foreign-minister"))], female=True),
        ], (1950, 4, 13)),
        ("kh", "柬埔寨", "Cambodia", "柬方", "中柬", "China-Cambodia", CSCP, [
            official("柬埔寨首相", "Cambodian Prime Minister", "洪森", "Hun Sen", "Hun Sen",
                     concepts="prime-minister-foreign hun-sen",
                     wrong=[W("Cambodian leader Hun Sen", "title paraphrased",
                              missing("首相", "prime-minister-foreign")),
                            W("Cambodian Premier Hun Sen", "Chinese title used",
                              missing("首相", "prime-minister-foreign"),
                              unexpected("国务院总理", "premier"))]),
        ], (1958, 7, 19)),
        ("tm", "土库曼斯坦", "Turkmenistan", "土方", "中土", "China-Turkmenistan", SP, [
            official("土库曼斯坦外长", "Turkmen Foreign Minister", "梅列多夫", "Rashid Meredov", "Meredov",
                     concepts="foreign-minister meredov"),
        ], (1992, 1, 6)),
        ("uz", "乌兹别克斯坦", "Uzbekistan", "乌方", "中乌", "China-Uzbekistan", CSP, [
            official("乌兹别克斯坦代外长", "Uzbek Acting Foreign Minister", "诺罗夫", "Vladimir Norov",
                     "Norov",
                     concepts="acting-foreign-minister foreign-minister norov",
                     wrong=[W("Uzbek Foreign Minister Vladimir Norov", "dropped 'Acting'",
                              missing("代外长", "acting-foreign-minister"))]),
        ], (1992, 1, 2)),
        ("lk", "斯里兰卡", "Sri Lanka", "斯方", "中斯", "China-Sri Lanka", SCP, [], (1957, 2, 7)),
        ("eg", "埃及", "Egypt", "埃方", "中埃", "China-Egypt", CSP, [], (1956, 5, 30)),
        ("la", "老挝", "Laos", "老方", "中老", "China-Laos", CSCP, [], (1961, 4, 25)),
    ):
        rel, p, ps = designation(kind)
        out.append(Pack(key, zh, en, side, pz, pe, rel, p, ps, offs, ties))
    return out


CN_OFFICIALS = [
    official("国务委员兼外长", "State Councilor and Foreign Minister", "王毅", "Wang Yi", "Wang Yi",
                     concepts="state-councilor-fm foreign-minister state-councilor wang-yi",
             variants=["State Councillor and Foreign Minister Wang Yi",
                       "State Councilor and Minister of Foreign Affairs Wang Yi"],
             wrong=[W("Foreign Minister Wang Yi", "dropped 'State Councilor and'",
                      missing("国务委员兼外长", "state-councilor-fm")),
                    W("Chinese top diplomat Wang Yi", "title paraphrased",
                      missing("国务委员兼外长", "state-councilor-fm")),
                    W("State Councilor Wang Yi", "dropped 'and Foreign Minister'",
                      missing("国务委员兼外长", "state-councilor-fm"))]),
    official("国家主席", "President", "习近平", "Xi Jinping", "Xi Jinping",
                     concepts="president-prc president-foreign xi-jinping",
             wrong=[W("Chinese leader Xi Jinping", "title paraphrased", missing("国家主席", "president-prc")),
                    W("State Chairman Xi Jinping", "deprecated title",
                      deprecated("国家主席", "president-prc")),
                    W("President Xi Jin Ping", "deprecated spelling of the name",
                      deprecated("习近平", "xi-jinping"))]),
    official("国务院总理", "Premier", "李克强", "Li Keqiang", "Li Keqiang",
                     concepts="premier li-keqiang",
             wrong=[W("Chinese Prime Minister Li Keqiang", "foreign title used for the Premier",
                      missing("国务院总理", "premier"), unexpected("巴基斯坦总理", "prime-minister-foreign")),
                    W("Chinese government head Li Keqiang", "title paraphrased",
                      missing("国务院总理", "premier"))]),
]
for _zh_name, _en in (("胡春华", "Hu Chunhua"), ("韩正", "Han Zheng"), ("刘鹤", "Liu He")):
    CN_OFFICIALS.append(official(
        "国务院副总理", "Vice Premier", _zh_name, _en, _en,
        concepts="vice-premier premier state-council",
        variants=[f"Vice Premier of the State Council {_en}"],
        wrong=[W(f"Vice Prime Minister {_en}", "deprecated title", deprecated("国务院副总理", "vice-premier")),
               W(f"Deputy Premier {_en}", "deprecated title", deprecated("国务院副总理", "vice-premier")),
               W(f"Deputy Prime Minister {_en}", "foreign title used for a Chinese Vice Premier",
                 missing("国务院副总理", "vice-premier"), unexpected("哈萨克斯坦副总理", "deputy-pm-foreign"))]))

SPOKESPERSONS = [
    official("外交部发言人", "Foreign Ministry Spokesperson", zh, en, en,
             variants=[f"Spokesperson of the Foreign Ministry {en}"],
             wrong=[W(f"Foreign Ministry Spokesman {en}" if not female else
                      f"Foreign Ministry Spokeswoman {en}", "deprecated title",
                      deprecated("外交部发言人", "fm-spokesperson")),
                    W(f"Chinese diplomat {en}", "title paraphrased",
                      missing("外交部发言人", "fm-spokesperson"))], female=female,
             concepts="fm-spokesperson mfa spokesperson")
    for zh, en, female in (("汪文斌", "Wang Wenbin", False), ("赵立坚", "Zhao Lijian", False),
                           ("华春莹", "Hua Chunying", True))
]

# ------------------------------------------------------------------------------------------
# Numbers and dates

DIGITS = "零一二三四五六七八九"
EN_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
            "eighteen", "nineteen"]
EN_TENS = {20: "twenty", 30: "thirty", 40: "forty", 50: "fifty", 60: "sixty", 70: "seventy",
           80: "eighty", 90: "ninety"}
EN_ORD = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth", 6: "sixth", 7: "seventh",
          8: "eighth", 9: "ninth", 10: "tenth", 11: "eleventh", 12: "twelfth"}


def zh_num(n: int) -> str:
    """Chinese numerals for 0 < n < 100."""
    if n < 10:
        return DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else DIGITS[tens]) + "十" + (DIGITS[ones] if ones else "")


def en_num(n: int) -> str:
    if n < 20:
        return EN_WORDS[n]
    tens, ones = divmod(n, 10)
    return EN_TENS[tens * 10] + (f"-{EN_WORDS[ones]}" if ones else "")


def en_ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
MONTH_ABBR = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
              "Nov.", "Dec."]


def zh_date(y: int | None, m: int, d: int) -> str:
    return (f"{y}年" if y else "") + f"{m}月{d}日"


def en_date(y: int | None, m: int, d: int, style: int) -> str:
    if style == 0:
        return f"{MONTHS[m - 1]} {d}" + (f", {y}" if y else "")
    if style == 1:
        return f"{d} {MONTHS[m - 1]}" + (f" {y}" if y else "")
    return f"{MONTH_ABBR[m - 1]} {d}" + (f", {y}" if y else "")


def iso(y: int | None, m: int, d: int) -> str:
    """ISO 8601 date; without a year, the ISO 8601 form ``--MM-DD``."""
    return f"{y:04d}-{m:02d}-{d:02d}" if y else f"--{m:02d}-{d:02d}"


# ------------------------------------------------------------------------------------------
# The set being built


@dataclass
class Item:
    zh: str
    en: str
    expected: list[dict]
    note: str
    source: str


class SeedSet:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.items: list[Item] = []
        self.seen: set[tuple[str, str]] = set()

    def add(self, zh: str, en: str, expected: list[dict], note: str, source: str) -> bool:
        if (zh, en) in self.seen:
            return False
        self.seen.add((zh, en))
        self.items.append(Item(zh, en, expected, note, source))
        return True

    def count(self, rule: str | None) -> int:
        if rule is None:
            return sum(1 for i in self.items if not i.expected)
        return sum(1 for i in self.items if any(f["rule"] == rule for f in i.expected))


def fill(template: str, values: dict[str, str]) -> str:
    return template.format(**values)


# ------------------------------------------------------------------------------------------
# Group A: designations. Fields: C (country), S (the side: 哈方 / Kazakhstan), P (中哈 / China and
# Kazakhstan), PE (China-Kazakhstan), D (designation, partnership form), DP (partner, plural),
# DS (partner, singular), X (a foreign official's short name).

A_TEMPLATES = [
    ("A01", "{P}互为{DP}，两国友谊历久弥坚。",
     "China and {C} are {DP}, and the friendship between the two countries has grown ever stronger."),
    ("A02", "{X}表示，{S}高度重视同中方的{D}，愿同中方深化各领域合作。",
     "{X} said that {C} attaches great importance to its {D} with China and is ready to deepen "
     "cooperation with China in all fields."),
    ("A03", "中方愿同{S}一道，推动{P}{D}不断迈上新台阶。",
     "China is ready to work with {C} to take the {PE} {D} to new heights."),
    ("A05", "双方一致同意，继续深化{P}{D}，携手构建更加紧密的{P}命运共同体。",
     "The two sides agreed to keep deepening the {PE} {D} and to build a closer {PE} community "
     "with a shared future."),
    ("A06", "{S}珍视同中国的{D}，将坚定奉行一个中国原则。",
     "{C} cherishes its {D} with China and will firmly adhere to the one-China principle."),
    ("A07", "面对复杂多变的国际形势，{P}{D}的重要性更加凸显。",
     "In a complex and volatile international situation, the {PE} {D} has become all the more "
     "important."),
    ("A08", "中方始终从战略高度和长远角度看待{P}{D}。",
     "China always views the {PE} {D} from a strategic and long-term perspective."),
    ("A09", "两国元首就深化{P}{D}达成重要共识。",
     "The two heads of state reached important consensus on deepening the {PE} {D}."),
    ("A10", "{X}说，{C}视中国为{DS}，愿同中方加强高层交往。",
     "{X} said that {C} regards China as its {DS} and is willing to strengthen high-level exchanges "
     "with China."),
    ("A11", "作为{DS}，中方将继续坚定支持{S}维护国家独立、主权和安全。",
     "As {C}'s {DS}, China will continue to firmly support {C} in upholding its independence, "
     "sovereignty and security."),
    ("A12", "{P}{D}经受住了国际风云变幻的考验。",
     "The {PE} {D} has stood the test of a changing international landscape."),
    ("A13", "双方同意以庆祝建交周年为契机，不断充实{P}{D}的内涵。",
     "The two sides agreed to take the anniversary of diplomatic relations as an opportunity to "
     "enrich the {PE} {D}."),
    ("A14", "{P}{D}不针对第三方，也不受第三方干扰。",
     "The {PE} {D} is not directed at any third party, nor is it subject to interference by any "
     "third party."),
]

# Group B: officials. Fields: CO (Chinese official with title), CON (short name), FO (foreign
# official with title), FON (short), S/C as above, DT (a date with year).
B_TEMPLATES = [
    ("B01", "{DT}，{CO}同{FO}通电话。", "On {DT}, {CO} had a phone call with {FO}."),
    ("B02", "{DT}，{CO}在北京会见{FO}。", "On {DT}, {CO} met with {FO} in Beijing."),
    ("B03", "{CO}应约同{FO}举行视频通话。", "{CO} held a video call with {FO} at the latter's request."),
    ("B04", "{FO}表示，感谢{CO}的邀请，期待早日访华。",
     "{FO} thanked {CO} for the invitation and looks forward to visiting China at an early date."),
    ("B05", "{CO}会见了来华出席北京冬奥会开幕式的{FO}。",
     "{CO} met with {FO}, who is in China for the opening ceremony of the Beijing Winter Olympics."),
    ("B06", "{FO}在会见{CO}时表示，{S}坚定支持中方举办北京冬奥会。",
     "When meeting with {CO}, {FO} said that {C} firmly supports China in hosting the Beijing "
     "Winter Olympics."),
    ("B07", "{CO}与{FO}举行会谈，双方一致同意加强战略沟通。",
     "{CO} held talks with {FO}, and the two sides agreed to strengthen strategic communication."),
    ("B08", "{CO}表示，{S}是中国的好朋友、好伙伴。", "{CO} said that {C} is a good friend and good partner of China."),
    ("B09", "{FO}对{CO}说，{S}愿同中方共同维护地区和平稳定。",
     "{FO} told {CO} that {C} is willing to work with China to maintain regional peace and "
     "stability."),
    ("B10", "{CO}和{FO}共同出席了合作文件签字仪式。",
     "{CO} and {FO} attended the signing ceremony of the cooperation documents."),
    ("B11", "{CO}在人民大会堂同{FO}举行会谈。", "{CO} held talks with {FO} at the Great Hall of the People."),
    ("B12", "{CO}在钓鱼台国宾馆会见{FO}。", "{CO} met with {FO} at the Diaoyutai State Guesthouse."),
    ("B13", "{CON}表示，中方愿同{S}落实好两国元首达成的重要共识。",
     "{CON} said that China is ready to work with {C} to implement the important consensus reached "
     "by the two heads of state."),
    ("B14", "{FON}表示，{S}高度评价中方在国际事务中发挥的建设性作用。",
     "{FON} said that {C} highly appreciates the constructive role China plays in international "
     "affairs."),
    ("B15", "{CO}在会谈中指出，中方愿同{S}加强发展战略对接。",
     "During the talks, {CO} pointed out that China is ready to work with {C} to better align their "
     "development strategies."),
]
SP_TEMPLATES = [
    ("B16", "{SP}在例行记者会上回答了有关提问。", "{SP} answered questions at the regular press conference."),
    ("B17", "{SP}表示，中方对此严重关切。", "{SP} said that China is seriously concerned about this."),
    ("B18", "{SP}宣布，应{CO}邀请，{FO}将访华。",
     "{SP} announced that at the invitation of {CO}, {FO} will visit China."),
]

# Group C: numbers. {N...} are number fields filled by number generators.
C_TEMPLATES = [
    ("C01", "双方签署了{N}份合作文件。", "The two sides signed {N} cooperation documents.", "count"),
    ("C02", "该项目将为当地创造{N}个就业岗位。", "The project will create {N} local jobs.", "big"),
    ("C03", "中方将为{S}培训{N}名技术人员。", "China will train {N} technicians for {C}.", "big"),
    ("C04", "目前，在{C}投资兴业的中国企业已超过{N}家。",
     "More than {N} Chinese companies are now investing and doing business in {C}.", "big"),
    ("C05", "会议通过了{N}项决议。", "The meeting adopted {N} resolutions.", "count"),
    ("C06", "本届论坛吸引了来自{N}个国家的代表参加。",
     "The forum brought together representatives from {N} countries.", "count"),
    ("C07", "该声明共有{N}条。", "The statement consists of {N} articles.", "count"),
    ("C08", "中方已向{S}提供{N}剂疫苗。", "China has provided {C} with {N} doses of vaccines.", "amount"),
    ("C09", "去年双边贸易额达到{N}美元。", "Last year, bilateral trade reached {N} US dollars.", "amount"),
    ("C10", "中方宣布向{S}提供{N}元人民币紧急人道主义援助。",
     "China announced {N} yuan of emergency humanitarian assistance for {C}.", "amount"),
    ("C11", "双边贸易额同比增长{N}。", "Bilateral trade grew by {N} year on year.", "percent"),
    ("C12", "中国企业承建的项目占当地电力供应的{N}。",
     "Projects built by Chinese companies account for {N} of the local power supply.", "percent"),
    ("C13", "{C}超过{N}的人口已完成疫苗接种。",
     "More than {N} of the population of {C} has been vaccinated.", "percent"),
    ("C14", "今年是{P}建交{N}周年。",
     "This year marks the {N} anniversary of diplomatic relations between China and {C}.",
     "anniversary"),
    ("C15", "这是两国外长今年以来{N}次会面。",
     "This is the {N} meeting between the two foreign ministers this year.", "ordinal"),
    ("C16", "这是{CON}就任以来{N}次访问{C}。", "This is {CON}'s {N} visit to {C} since taking office.",
     "ordinal"),
    ("C17", "{C}是中国在本地区的{N}大贸易伙伴。", "{C} is China's {N}-largest trading partner in the region.",
     "ordinal2"),
    ("C18", "{CON}{N}同{FON}通了电话。", "{CON} spoke with {FON} on the phone {N}.", "ago"),
    ("C19", "{FON}表示，{S}{N}已向中方通报了有关情况。",
     "{FON} said that {C} had briefed China on the situation {N}.", "ago"),
    ("C20", "代表团将于{N}抵达北京。", "The delegation will arrive in Beijing {N}.", "later"),
    ("C21", "在为期{N}天的访问中，{FON}将会见中国领导人。",
     "During the {N}-day visit, {FON} will meet with Chinese leaders.", "days"),
    ("C22", "双方商定，{N}年内将双边贸易额提升至新水平。",
     "The two sides agreed to raise bilateral trade to a new level within {N} years.", "count"),
    ("C23", "中欧班列今年已开行{N}列。", "China-Europe freight trains have made {N} trips so far this year.",
     "big"),
    ("C24", "截至目前，已有{N}个国家和国际组织支持全球发展倡议。",
     "So far, {N} countries and international organizations have expressed support for the Global "
     "Development Initiative.", "count"),
    ("C25", "上合组织拥有{N}个成员国、{N2}个观察员国和{N3}个对话伙伴。",
     "The SCO has {N} member states, {N2} observer states and {N3} dialogue partners.", "count3"),
    ("C26", "{Y}年，双边贸易额达到{N}美元，同比增长{N2}。",
     "In {Y}, bilateral trade reached {N} US dollars, up {N2} year on year.", "trade"),
]

# Group D: dates. DT = date with year, MD = month and day.
D_TEMPLATES = [
    ("D01", "应{CO}邀请，{FO}将于{MD}访华。", "At the invitation of {CO}, {FO} will visit China on {MD}."),
    ("D02", "协定将于{DT}起正式生效。", "The agreement will enter into force on {DT}."),
    ("D03", "{MD}，{C}首都举办了一场投资论坛，数百家中国企业参加。",
     "On {MD}, an investment forum was held in the capital of {C}, with hundreds of Chinese "
     "companies taking part."),
    ("D04", "双方商定，下一次会议将于{DT}在北京举行。",
     "The two sides agreed to hold the next meeting in Beijing on {DT}."),
    ("D05", "{SP}在{MD}的例行记者会上回答了这一问题。",
     "{SP} answered this question at the regular press conference on {MD}."),
    ("D06", "会议日期定为{DT}。", "The meeting has been scheduled for {DT}."),
    ("D07", "{P}于{DT}建交。", "China and {C} established diplomatic relations on {DT}."),
    ("D08", "{DT}，{CO}以视频方式出席论坛开幕式并致辞。",
     "On {DT}, {CO} attended the opening ceremony of the forum via video link and delivered a "
     "speech."),
    ("D09", "这份联合声明于{DT}在北京签署。", "The joint statement was signed in Beijing on {DT}."),
    ("D10", "{FON}表示，{S}将于{MD}起举办中国文化周活动。",
     "{FON} said that {C} will hold a Chinese Culture Week starting on {MD}."),
]

# Group E: organisations and key phrases; each with the slot E (zh/en) and its mistakes.
E_SLOTS = {
    "org": [
        Slot("联合国", "the United Nations", ["the UN"], [
            W("the UN Security Council", "body named wrongly", unexpected("联合国安理会", "unsc"))]),
        Slot("上海合作组织", "the Shanghai Cooperation Organization",
             ["the Shanghai Cooperation Organisation", "the SCO"],
             [W("the Shanghai Cooperation Council", "wrong name", missing("上海合作组织", "sco"))]),
        Slot("二十国集团", "the G20", ["the Group of Twenty"], []),
        Slot("金砖国家", "BRICS", [], []),
        Slot("亚太经合组织", "APEC", ["Asia-Pacific Economic Cooperation"], []),
        Slot("世界贸易组织", "the World Trade Organization", ["the WTO", "the World Trade Organisation"],
             [W("the world trading body", "name paraphrased", missing("世界贸易组织", "wto"))]),
        Slot("世界卫生组织", "the World Health Organization", ["the WHO", "the World Health Organisation"],
             [W("the global health body", "name paraphrased", missing("世界卫生组织", "who"))]),
        Slot("联合国安理会", "the UN Security Council",
             ["the United Nations Security Council", "the Security Council"],
             [W("the UN Council", "name cut short", missing("联合国安理会", "unsc"))]),
        Slot("东盟", "ASEAN", ["the Association of Southeast Asian Nations"], []),
    ],
    "initiative": [
        Slot("全球发展倡议", "Global Development Initiative", [],
             [W("global development proposal", "name paraphrased", missing("全球发展倡议", "gdi"))]),
        Slot("全球安全倡议", "Global Security Initiative", [],
             [W("global security proposal", "name paraphrased", missing("全球安全倡议", "gsi"))]),
        Slot("“一带一路”倡议", "Belt and Road Initiative", ["Belt and Road", "BRI"],
             [W("One Belt, One Road initiative", "deprecated name", deprecated("一带一路", "bri")),
              W("OBOR", "deprecated abbreviation", deprecated("一带一路", "bri")),
              W("new Silk Road initiative", "name paraphrased", missing("一带一路", "bri"))]),
    ],
}
E_TEMPLATES = [
    ("E01", "双方同意在{ORG}等多边框架内加强协调配合。",
     "The two sides agreed to strengthen coordination and cooperation within {ORG} and other "
     "multilateral frameworks.", "org"),
    ("E02", "中方愿同{S}加强在{ORG}框架内的合作。",
     "China is ready to strengthen cooperation with {C} within the framework of {ORG}.", "org"),
    ("E03", "{S}支持中方提出的{INIT}。", "{C} supports the {INIT} put forward by China.", "initiative"),
    ("E04", "{S}愿同中方一道，推动{INIT}取得更多成果。",
     "{C} is ready to work with China for more outcomes under the {INIT}.", "initiative"),
]
E_FIXED = [  # (id, zh, en, wrong renderings of one part as (old, new, findings, note))
    ("E05", "各方应摒弃冷战思维，践行真正的多边主义。",
     "All parties should abandon the Cold War mentality and practice true multilateralism.",
     [("Cold War mentality", "Cold War thinking", [missing("冷战思维", "cold-war-mentality")], "phrase paraphrased"),
      ("true multilateralism", "multilateralism", [missing("真正的多边主义", "true-multilateralism")], "dropped 'true'")],
     ["genuine multilateralism", "Cold War mindset"]),
    ("E06", "中方愿同各方一道，推动构建人类命运共同体。",
     "China is ready to work with all parties to build a community with a shared future for mankind.",
     [("a community with a shared future for mankind", "a community of common destiny for mankind",
       [deprecated("人类命运共同体", "shared-future-mankind")], "deprecated wording"),
      ("a community with a shared future for mankind", "a common future for all",
       [missing("人类命运共同体", "shared-future-mankind")], "phrase paraphrased")],
     ["community with a shared future for humanity"]),
    ("E07", "双方将共同打击“三股势力”，坚决防范“颜色革命”。",
     'The two sides will jointly combat the "three forces" and firmly guard against "color revolutions".',
     [('"color revolutions"', '"velvet revolutions"', [missing("颜色革命", "color-revolution")], "phrase replaced")],
     ["colour revolutions", "three evil forces"]),
    ("E08", "中国共产党同各国政党保持着良好交往。",
     "The Communist Party of China maintains sound exchanges with political parties of other countries.",
     [("The Communist Party of China", "The Chinese Communist Party", [deprecated("中国共产党", "cpc")], "deprecated name"),
      ("The Communist Party of China", "The CCP", [deprecated("中国共产党", "cpc")], "deprecated abbreviation")],
     ["The CPC"]),
    ("E09", "{SP}说，香港特别行政区的事务纯属中国内政。",
     "{SP} said that the affairs of the Hong Kong Special Administrative Region are purely China's "
     "internal affairs.",
     [("Hong Kong Special Administrative Region", "city of Hong Kong",
       [missing("香港特别行政区", "hong-kong-sar")], "name paraphrased")],
     ["Hong Kong SAR"]),
    ("E10", "台湾地区的选举是中国的地方事务。",
     "The elections in the Taiwan region are a local affair of China.",
     [("the Taiwan region", "the Republic of China", [deprecated("台湾地区", "taiwan")], "deprecated name")],
     []),
    ("E11", "新疆维吾尔自治区经济社会发展取得长足进步。",
     "The Xinjiang Uygur Autonomous Region has made great progress in economic and social development.",
     [("Xinjiang Uygur", "Xinjiang Uighur", [deprecated("新疆维吾尔自治区", "xinjiang")], "deprecated spelling")],
     ["Xinjiang Uyghur Autonomous Region"]),
    ("E12", "中方愿同有关各方一道，推动缅甸局势实现软着陆。",
     "China is ready to work with the parties concerned for a soft landing of the situation in Myanmar.",
     [("Myanmar", "Burma", [deprecated("缅甸", "myanmar")], "deprecated name")], []),
    ("E13", "中方愿同吉尔吉斯斯坦深化互利合作。",
     "China is ready to deepen mutually beneficial cooperation with Kyrgyzstan.",
     [("Kyrgyzstan", "Kirghizia", [deprecated("吉尔吉斯斯坦", "kyrgyzstan")], "deprecated name")],
     ["the Kyrgyz Republic"]),
    ("E14", "中方支持白俄罗斯维护国家稳定。",
     "China supports Belarus in maintaining national stability.",
     [("Belarus", "Byelorussia", [deprecated("白俄罗斯", "belarus")], "deprecated name")], []),
    ("E15", "中国—东盟全面战略伙伴关系是亚太地区最富活力的伙伴关系之一。",
     "The China-ASEAN comprehensive strategic partnership is one of the most dynamic partnerships "
     "in the Asia-Pacific.",
     [("comprehensive strategic partnership", "strategic partnership", [missing("全面战略伙伴关系", "csp")],
       "dropped 'comprehensive'")], []),
    ("E16", "中方愿同巴方高质量推进中巴经济走廊建设。",
     "China is ready to work with Pakistan to advance the high-quality development of the "
     "China-Pakistan Economic Corridor.",
     [("the China-Pakistan Economic Corridor", "the economic corridor", [missing("中巴经济走廊", "cpec")],
       "name cut short")], ["CPEC"]),
    ("E17", "各方同意共同办好北京冬奥会。", "The parties agreed to work together for a successful Beijing Winter Olympics.",
     [("Beijing Winter Olympics", "Beijing Games", [missing("北京冬奥会", "beijing-2022")], "name cut short")],
     ["Beijing Olympic Winter Games"]),
    ("E18", "双方同意加强新冠疫苗研发合作。", "The two sides agreed to strengthen cooperation on the research and development of COVID-19 vaccines.",
     [], ["COVID vaccines"]),
    ("E19", "上海精神是上合组织发展的根本遵循。", "The Shanghai Spirit is the fundamental guide for the development of the SCO.",
     [("the SCO", "the organization", [missing("上合组织", "sco")], "name dropped")],
     ["the Shanghai Cooperation Organization"]),
    ("E20", "美国国务院发言人的言论罔顾事实。", "The remarks of the U.S. State Department spokesperson disregard the facts.",
     [("spokesperson", "spokesman", [deprecated("发言人", "spokesperson")], "deprecated word")],
     ["U.S. Department of State"]),
]

# Group O: omissions (the second Chinese sentence is left untranslated).
O_TEMPLATES = [
    ("O01", "中方愿同各方加强沟通协调。", "当前国际形势复杂严峻，各国更应团结合作，共同应对全球性挑战。",
     "China is ready to strengthen communication and coordination with all parties."),
    ("O02", "双方就共同关心的国际和地区问题交换了意见。", "双方一致认为，应坚持通过对话协商和平解决争端，反对动辄使用武力或以武力相威胁。",
     "The two sides exchanged views on international and regional issues of common interest."),
    ("O03", "中方对此表示欢迎。", "我们希望有关各方继续保持冷静克制，通过政治途径解决分歧，维护地区和平稳定大局。",
     "China welcomes this."),
    ("O04", "会谈在友好坦诚的气氛中进行。", "双方同意进一步加强人文交流，便利人员往来，扩大教育、文化、旅游和青年领域合作。",
     "The talks were held in a friendly and candid atmosphere."),
    ("O05", "中方高度重视发展同周边国家的关系。", "我们始终坚持与邻为善、以邻为伴，秉持亲诚惠容理念，愿同周边国家共享发展机遇。",
     "China attaches great importance to developing relations with its neighbors."),
    ("O06", "中方坚决反对任何形式的恐怖主义。", "恐怖主义是人类社会的公敌，国际社会应加强合作，标本兼治，铲除恐怖主义滋生的土壤。",
     "China firmly opposes terrorism in all its forms."),
    ("O07", "双方同意加强执法安全合作。", "双方将深化情报交流和联合演练，共同维护跨境运输通道和重大合作项目的安全。",
     "The two sides agreed to strengthen law-enforcement and security cooperation."),
    ("O08", "中方愿继续为此提供力所能及的帮助。", "我们相信，在国际社会共同努力下，有关国家一定能够早日克服困难，实现经济社会稳定发展。",
     "China is ready to continue to provide assistance within its capacity."),
    ("O09", "中方支持有关国家自主选择发展道路。", "各国的事情应由各国人民自己决定，外部势力无权干涉，更不能借机谋取私利。",
     "China supports the countries concerned in independently choosing their development paths."),
    ("O10", "中方愿同各方一道维护国际公平正义。", "我们反对霸权主义和强权政治，反对单边制裁和长臂管辖，主张国家不分大小一律平等。",
     "China is ready to work with all parties to uphold international fairness and justice."),
]

# Group U: untranslated. (zh, en) with Chinese left in the English, or the source copied.
U_PAIRS = [
    ("中方对此表示欢迎。", "中方对此表示欢迎。", "source copied"),
    ("我们注意到有关报道。", "我们注意到有关报道。", "source copied"),
    ("会谈在友好坦诚的气氛中进行。", "会谈在友好坦诚的气氛中进行。", "source copied"),
    ("中方愿同各方加强沟通协调。", "中方愿同各方加强沟通协调。", "source copied"),
    ("双方就共同关心的问题交换了意见。", "双方就共同关心的问题交换了意见。", "source copied"),
    ("中方支持有关各方通过对话解决分歧。", "China supports the parties concerned in resolving their differences through 对话.",
     "one word left in Chinese"),
    ("中方愿同各方一道维护地区和平稳定。", "China is ready to work with all parties to 维护地区和平稳定.",
     "clause left in Chinese"),
    ("我们希望有关各方保持冷静克制。", "We hope that the parties concerned will 保持冷静克制.", "clause left in Chinese"),
    ("双方同意加强人文交流。", "The two sides agreed to 加强人文交流.", "clause left in Chinese"),
    ("中方坚决反对任何形式的恐怖主义。", "China firmly opposes 任何形式的恐怖主义.", "object left in Chinese"),
    ("会谈结束后，双方共同会见了记者。", "After the talks, 双方共同会见了记者.", "half left in Chinese"),
    ("中方愿继续提供力所能及的帮助。", "China will continue to provide 力所能及的帮助.", "object left in Chinese"),
    ("双方一致认为应加强战略沟通。", "Both sides agreed that 应加强战略沟通.", "clause left in Chinese"),
    ("中方对遇难者表示深切哀悼。", "China expresses deep condolences over the 遇难者.", "word left in Chinese"),
    ("我们敦促有关国家停止干涉别国内政。", "We urge the country concerned to stop 干涉别国内政.", "phrase left in Chinese"),
    ("中方支持联合国在其中发挥积极作用。", "China supports the United Nations in playing a 积极作用 in this regard.",
     "phrase left in Chinese"),
    ("双方同意尽快恢复直航。", "The two sides agreed to resume 直航 as soon as possible.", "word left in Chinese"),
    ("中方高度赞赏各方的努力。", "China highly appreciates 各方的努力.", "object left in Chinese"),
    ("这是一次务实高效的会晤。", "这是一次务实高效的会晤。", "source copied"),
    ("中方愿同各国加强疫苗合作。", "China is ready to strengthen 疫苗合作 with all countries.", "phrase left in Chinese"),
]


# ------------------------------------------------------------------------------------------
# Builders


def country_fields(pack: Pack, rng: random.Random, variant: bool) -> dict[str, tuple[str, str]]:
    pair_en = pack.pair_en.replace("-", "\u2013") if variant and rng.random() < 0.5 else pack.pair_en
    fields = {"C": (pack.zh, pack.en), "S": (pack.side, pack.en), "P": (pack.pair_zh, f"China and {pack.en}"),
              "PE": (pack.pair_zh, pair_en)}
    if pack.officials:
        o = rng.choice(pack.officials)
        fields["X"] = (o.name.zh, o.name.en)
        fields["FO"] = (o.full.zh, o.full.en)
        fields["FON"] = (o.name.zh, o.name.en)
    return fields


def render(zh_t: str, en_t: str, fields: dict[str, tuple[str, str]]) -> tuple[str, str]:
    zh = zh_t.format(**{k: v[0] for k, v in fields.items()})
    en = en_t.format(**{k: v[1] for k, v in fields.items()})
    return zh, en[0].upper() + en[1:]


def needed(template: str) -> set[str]:
    import string
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


def build_a(s: SeedSet, rng: random.Random) -> None:
    """Designations: clean (preferred, variants) and every seeded mistake."""
    for pack in packs():
        for tid, zh_t, en_t in A_TEMPLATES:
            need = needed(zh_t) | needed(en_t)
            if ("DP" in need or "DS" in need) and pack.partner is None:
                continue
            if "X" in need and not pack.officials:
                continue
            slot_key = "DP" if "DP" in need else "DS" if "DS" in need else "D"
            slot = {"D": pack.rel, "DP": pack.partner, "DS": pack.partner_sing}[slot_key]
            fields = country_fields(pack, rng, variant=False)
            fields[slot_key] = (slot.zh, slot.en)
            zh, en = render(zh_t, en_t, fields)
            s.add(zh, en, [], f"{pack.en}: designation rendered as preferred", f"template:{tid}")
            for v in slot.variants:
                fields2 = country_fields(pack, rng, variant=True)
                fields2[slot_key] = (slot.zh, v)
                zh2, en2 = render(zh_t, en_t, fields2)
                s.add(zh2, en2, [], f"{pack.en}: allowed variant {v!r}", f"template:{tid}")
        # each mistake in two or three templates
        for slot_key, slot in (("D", pack.rel), ("DP", pack.partner), ("DS", pack.partner_sing)):
            if slot is None:
                continue
            usable = [t for t in A_TEMPLATES if slot_key in needed(t[1])
                      and ("X" not in needed(t[1]) or pack.officials)]
            for wrong in slot.wrong:
                for tid, zh_t, en_t in rng.sample(usable, min(len(usable), 2 if slot_key == "D" else 1)):
                    fields = country_fields(pack, rng, variant=False)
                    fields[slot_key] = (slot.zh, wrong.en)
                    zh, en = render(zh_t, en_t, fields)
                    s.add(zh, en, wrong.findings, f"{pack.en}: {wrong.note}", f"template:{tid}")


def build_b(s: SeedSet, rng: random.Random) -> None:
    """Titles of Chinese and foreign officials."""
    all_packs = [p for p in packs() if p.officials]
    dates = [(2022, 1, 10), (2022, 2, 5), (2022, 3, 2), (2022, 4, 18), (2022, 6, 8), (2022, 7, 29),
             (2021, 12, 24), (2022, 9, 15), (2022, 11, 3), (2022, 5, 19)]

    def fields_for(pack: Pack, cn: Official, fo: Official) -> dict[str, tuple[str, str]]:
        f = country_fields(pack, rng, variant=False)
        y, m, d = rng.choice(dates)
        f.update({"CO": (cn.full.zh, cn.full.en), "CON": (cn.name.zh, cn.name.en),
                  "FO": (fo.full.zh, fo.full.en), "FON": (fo.name.zh, fo.name.en),
                  "DT": (zh_date(y, m, d), en_date(y, m, d, rng.randrange(3)))})
        return f

    # clean: every template with a few officials, plus variants
    for tid, zh_t, en_t in B_TEMPLATES:
        for _ in range(3):
            pack = rng.choice(all_packs)
            cn, fo = rng.choice(CN_OFFICIALS), rng.choice(pack.officials)
            zh, en = render(zh_t, en_t, fields_for(pack, cn, fo))
            s.add(zh, en, [], "titles rendered as preferred", f"template:{tid}")
    for person in CN_OFFICIALS + [o for p in all_packs for o in p.officials]:
        for v in person.full.variants:
            tid, zh_t, en_t = rng.choice([t for t in B_TEMPLATES if "{CO}" in t[1] and "{FO}" in t[1]])
            pack = next(p for p in all_packs if person in p.officials) if person not in CN_OFFICIALS \
                else rng.choice(all_packs)
            cn = person if person in CN_OFFICIALS else rng.choice(CN_OFFICIALS)
            fo = person if person not in CN_OFFICIALS else rng.choice(pack.officials)
            f = fields_for(pack, cn, fo)
            if person in CN_OFFICIALS:
                f["CO"] = (cn.full.zh, v)
            else:
                f["FO"] = (fo.full.zh, v)
            zh, en = render(zh_t, en_t, f)
            s.add(zh, en, [], f"admitted title {v!r}", f"template:{tid}")
    # mistakes: each wrong rendering in two templates
    full_templates = [t for t in B_TEMPLATES if "{CO}" in t[1] and "{FO}" in t[1]]
    for person in CN_OFFICIALS + [o for p in all_packs for o in p.officials]:
        for wrong in person.full.wrong:
            for tid, zh_t, en_t in rng.sample(full_templates, 2):
                if person in CN_OFFICIALS:
                    pack = rng.choice([p for p in all_packs
                                       if any(not clash(wrong, o) for o in p.officials)])
                    other = rng.choice([o for o in pack.officials if not clash(wrong, o)])
                    f = fields_for(pack, person, other)
                    f["CO"] = (person.full.zh, wrong.en)
                else:
                    pack = next(p for p in all_packs if person in p.officials)
                    other = rng.choice([o for o in CN_OFFICIALS if not clash(wrong, o)])
                    f = fields_for(pack, other, person)
                    f["FO"] = (person.full.zh, wrong.en)
                zh, en = render(zh_t, en_t, f)
                s.add(zh, en, wrong.findings, wrong.note, f"template:{tid}")
    # upgraded titles: the Chinese has the shorter title
    upgrades = [
        ("王毅外长", "State Councilor and Foreign Minister Wang Yi",
         unexpected("国务委员兼外长", "state-councilor-fm"), "title upgraded: 'State Councilor and' added"),
        ("哈萨克斯坦外长特列乌别尔季", "Kazakh Deputy Prime Minister and Foreign Minister Mukhtar Tileuberdi",
         unexpected("哈萨克斯坦副总理", "deputy-pm-foreign"), "title upgraded: 'Deputy Prime Minister' added"),
        ("外交部副部长", "Vice Premier", None, None),
    ]
    for zh_name, en_name, finding, note in upgrades:
        if finding is None:
            continue
        for tid, zh_t, en_t in rng.sample(full_templates, 3):
            pack = next(p for p in all_packs if p.key == "kz")
            if "王毅" in zh_name:
                f = fields_for(pack, CN_OFFICIALS[0], pack.officials[0])
                f["CO"] = (zh_name, en_name)
            else:
                f = fields_for(pack, CN_OFFICIALS[0], pack.officials[1])
                f["FO"] = (zh_name, en_name)
            zh, en = render(zh_t, en_t, f)
            s.add(zh, en, [finding], note, f"template:{tid}")
    # spokespersons
    for tid, zh_t, en_t in SP_TEMPLATES:
        for sp in SPOKESPERSONS:
            pack = rng.choice(all_packs)
            f = fields_for(pack, CN_OFFICIALS[0], rng.choice(pack.officials))
            f["SP"] = (sp.full.zh, sp.full.en)
            zh, en = render(zh_t, en_t, f)
            s.add(zh, en, [], "spokesperson title as preferred", f"template:{tid}")
            for v in sp.full.variants:
                f["SP"] = (sp.full.zh, v)
                zh, en = render(zh_t, en_t, f)
                s.add(zh, en, [], "admitted spokesperson title", f"template:{tid}")
    for sp in SPOKESPERSONS:
        for wrong in sp.full.wrong:
            for tid, zh_t, en_t in rng.sample(SP_TEMPLATES, 2):
                pack = rng.choice(all_packs)
                f = fields_for(pack, CN_OFFICIALS[0], rng.choice(pack.officials))
                assert not clash(wrong, CN_OFFICIALS[0])
                f["SP"] = (sp.full.zh, wrong.en)
                zh, en = render(zh_t, en_t, f)
                s.add(zh, en, wrong.findings, wrong.note, f"template:{tid}")


# --- numbers ----------------------------------------------------------------------------------

def number_forms(kind: str, rng: random.Random) -> tuple[str, str, list[tuple[str, str]], str]:
    """(zh, en, wrong English renderings with notes, source value) for one number of ``kind``."""
    if kind == "count":
        n = rng.choice([2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 15, 20, 25, 30])
        zh = str(n) if rng.random() < 0.5 else zh_num(n)
        en = en_num(n) if n <= 12 and rng.random() < 0.6 else str(n)
        wrong_n = n + rng.choice([1, -1]) if n > 2 else n + 1
        wrongs = [(en_num(wrong_n) if not en.isdigit() else str(wrong_n), f"{n} rendered as {wrong_n}")]
        if zh_num(n) == zh and n < 10:
            wrongs.append((str(n * 10), f"{zh} read as {n * 10}"))
        return zh, en, wrongs, zh
    if kind == "big":
        n = rng.choice([300, 500, 1200, 2000, 3500, 10000, 15000, 30000, 120000])
        if n >= 10000 and rng.random() < 0.7:
            zh = f"{n // 10000}万" if n % 10000 == 0 else f"{n / 10000:g}万"
        else:
            zh = str(n)
        en = f"{n:,}"
        wrong_n = n * 10 if rng.random() < 0.5 else n // 10
        return zh, en, [(f"{wrong_n:,}", f"{zh} rendered as {wrong_n:,}")], zh
    if kind == "amount":
        zh, en, wrong = rng.choice([
            ("1.5亿", "150 million", "15 million"), ("2亿", "200 million", "20 million"),
            ("252亿", "25.2 billion", "2.52 billion"), ("440亿", "44 billion", "4.4 billion"),
            ("3000万", "30 million", "3 million"), ("1亿", "100 million", "1 billion"),
            ("136.7亿", "13.67 billion", "136.7 million"), ("5000万", "50 million", "500 million"),
            ("12亿", "1.2 billion", "12 billion"), ("800万", "8 million", "80 million"),
        ])
        return zh, en, [(wrong, f"{zh} rendered as {wrong}")], zh
    if kind == "percent":
        n = rng.choice([5, 12, 20, 25, 30, 40, 43.4, 60, 75])
        label = f"{n:g}"
        if rng.random() < 0.4 and float(n).is_integer() and n < 100:
            zh = "百分之" + zh_num(int(n))
        else:
            zh = f"{label}%"
        en = rng.choice([f"{label} percent", f"{label}%", f"{label} per cent"])
        wrong = {5: 15, 12: 21, 20: 2, 25: 52, 30: 13, 40: 14, 43.4: 34.4, 60: 16, 75: 57}[n]
        return zh, en, [(en.replace(label, f"{wrong:g}", 1), f"{zh} rendered as {wrong:g}")], zh
    if kind == "anniversary":
        n = rng.choice([10, 20, 30, 50, 65, 70, 71, 72])
        return f"{n}", en_ordinal(n), [(en_ordinal(n + 1), f"{n}周年 rendered as {en_ordinal(n + 1)}")], str(n)
    if kind in ("ordinal", "ordinal2"):
        n = rng.choice([1, 2, 3, 4, 5, 6] if kind == "ordinal" else [2, 3, 4, 5])
        zh = "第" + zh_num(n)
        if n == 1 and rng.random() < 0.5:
            zh = "第一"
        en = EN_ORD[n]
        return zh, en, [(EN_ORD[n + 1], f"{zh} rendered as {EN_ORD[n + 1]}")], zh
    if kind == "ago":
        n = rng.choice([2, 3, 4, 5])
        zh = f"{zh_num(n) if n != 2 else '两'}天前" if rng.random() < 0.7 else f"{n}天前"
        en = f"{en_num(n)} days ago"
        return zh, en, [(f"{en_num(n + 1)} days ago", f"{zh} rendered as {n + 1} days ago")], zh
    if kind == "later":
        n = rng.choice([2, 3, 5])
        zh = f"{'两' if n == 2 else zh_num(n)}天后"
        en = f"in {en_num(n)} days"
        return zh, en, [(f"in {en_num(n + 1)} days", f"{zh} rendered as {n + 1} days")], zh
    if kind == "days":
        n = rng.choice([2, 3, 4, 5])
        zh = "两" if n == 2 else zh_num(n)
        en = en_num(n)
        return zh, en, [(en_num(n + 1), f"{n}-day visit rendered as {n + 1}-day")], zh
    raise ValueError(kind)


def build_c(s: SeedSet, rng: random.Random) -> None:
    all_packs = [p for p in packs() if p.officials]
    for tid, zh_t, en_t, kind in C_TEMPLATES:
        for rep in range(6):
            pack = rng.choice(all_packs)
            f = country_fields(pack, rng, variant=False)
            cn = rng.choice(CN_OFFICIALS)
            f["CON"] = (cn.name.zh, cn.name.en)
            if kind == "count3":
                values = [(8, 4, 6), (8, 4, 9), (9, 3, 14)][rep % 3]
                zhs = [str(v) if rep % 2 else zh_num(v) for v in values]
                ens = [en_num(v) if v < 13 and rep % 2 == 0 else str(v) for v in values]
                f.update({"N": (zhs[0], ens[0]), "N2": (zhs[1], ens[1]), "N3": (zhs[2], ens[2])})
                zh, en = render(zh_t, en_t, f)
                s.add(zh, en, [], "three counts, all equal", f"template:{tid}")
                if rep < 3:
                    i = rep
                    bad = values[i] + 1
                    ens2 = list(ens)
                    ens2[i] = en_num(bad) if not ens[i].isdigit() else str(bad)
                    f.update({"N": (zhs[0], ens2[0]), "N2": (zhs[1], ens2[1]), "N3": (zhs[2], ens2[2])})
                    zh, en = render(zh_t, en_t, f)
                    s.add(zh, en, [number(zhs[i], ens2[i])], f"one of three counts wrong ({values[i]} vs {bad})",
                          f"template:{tid}")
                continue
            if kind == "trade":
                y = rng.choice([2020, 2021])
                a_zh, a_en, a_wrong, a_val = number_forms("amount", rng)
                p_zh, p_en, p_wrong, p_val = number_forms("percent", rng)
                f.update({"Y": (str(y), str(y)), "N": (a_zh, a_en), "N2": (p_zh, p_en)})
                zh, en = render(zh_t, en_t, f)
                s.add(zh, en, [], "year, amount and percentage all equal", f"template:{tid}")
                if rep % 2 == 0:
                    f["N"] = (a_zh, a_wrong[0][0])
                    zh, en = render(zh_t, en_t, f)
                    s.add(zh, en, [number(a_val, a_wrong[0][0])], a_wrong[0][1], f"template:{tid}")
                else:
                    f["N2"] = (p_zh, p_wrong[0][0])
                    zh, en = render(zh_t, en_t, f)
                    s.add(zh, en, [number(p_val, p_wrong[0][0])], p_wrong[0][1], f"template:{tid}")
                continue
            zh_n, en_n, wrongs, value = number_forms(kind, rng)
            if kind == "anniversary" and pack.ties:
                n = 2022 - pack.ties[0]
                zh_n, en_n, value = str(n), en_ordinal(n), str(n)
                wrongs = [(en_ordinal(n + 1), f"{n}周年 rendered as {en_ordinal(n + 1)}")]
            f["N"] = (zh_n, en_n)
            zh, en = render(zh_t, en_t, f)
            s.add(zh, en, [], f"number {zh_n} = {en_n}", f"template:{tid}")
            if rep < 2:
                bad_en, note = rng.choice(wrongs)
                f["N"] = (zh_n, bad_en)
                zh, en = render(zh_t, en_t, f)
                s.add(zh, en, [number(value, bad_en)], note, f"template:{tid}")


def build_d(s: SeedSet, rng: random.Random) -> None:
    all_packs = [p for p in packs() if p.officials]
    for tid, zh_t, en_t in D_TEMPLATES:
        for rep in range(6):
            pack = rng.choice(packs() if tid == "D07" else all_packs)
            f = country_fields(pack, rng, variant=False)
            cn = rng.choice(CN_OFFICIALS)
            f["CO"] = (cn.full.zh, cn.full.en)
            sp = rng.choice(SPOKESPERSONS)
            f["SP"] = (sp.full.zh, sp.full.en)
            if "FO" not in f:
                f["FO"] = f["FON"] = ("", "")
            if tid == "D07":
                y, m, d = pack.ties
            else:
                y, m, d = 2022, rng.randrange(1, 13), rng.randrange(1, 29)
            style = rep % 3
            with_year = "{DT}" in zh_t
            yy = y if with_year else None
            key = "DT" if with_year else "MD"
            f[key] = (zh_date(yy, m, d), en_date(yy, m, d, style))
            zh, en = render(zh_t, en_t, f)
            s.add(zh, en, [], f"date {zh_date(yy, m, d)} written as {en_date(yy, m, d, style)!r}", f"template:{tid}")
            if rep < 4 or (rep == 4 and with_year):
                kinds = ["day", "month", "year"] if with_year else ["day", "month"]
                what = kinds[rep % len(kinds)]
                if what == "day":
                    bad = (yy, m, d + 1)
                elif what == "month":
                    bad = (yy, m % 12 + 1, d)
                else:
                    bad = (y - 1, m, d)
                f[key] = (zh_date(yy, m, d), en_date(*bad, style))
                zh, en = render(zh_t, en_t, f)
                s.add(zh, en, [date(iso(yy, m, d), iso(*bad))], f"wrong {what}", f"template:{tid}")


def build_e(s: SeedSet, rng: random.Random) -> None:
    all_packs = [p for p in packs() if p.officials]
    for tid, zh_t, en_t, group in E_TEMPLATES:
        key = "ORG" if group == "org" else "INIT"
        for slot in E_SLOTS[group]:
            pack = rng.choice(all_packs)
            f = country_fields(pack, rng, variant=False)
            f[key] = (slot.zh, slot.en)
            zh, en = render(zh_t, en_t, f)
            s.add(zh, en, [], f"{slot.zh} as preferred", f"template:{tid}")
            for v in slot.variants:
                f[key] = (slot.zh, v)
                zh, en = render(zh_t, en_t, f)
                s.add(zh, en, [], f"{slot.zh} as admitted {v!r}", f"template:{tid}")
            for wrong in slot.wrong:
                f[key] = (slot.zh, wrong.en)
                zh, en = render(zh_t, en_t, f)
                s.add(zh, en, wrong.findings, wrong.note, f"template:{tid}")
    for tid, zh_t, en_t, wrongs, variants in E_FIXED:
        f = {}
        if "{SP}" in zh_t:
            sp = rng.choice(SPOKESPERSONS)
            f["SP"] = (sp.full.zh, sp.full.en)
        zh, en = render(zh_t, en_t, f)
        s.add(zh, en, [], "key phrases as preferred", f"template:{tid}")
        for v in variants:
            base = {"genuine multilateralism": "true multilateralism",
                    "Cold War mindset": "Cold War mentality",
                    "community with a shared future for humanity": "community with a shared future for mankind",
                    "colour revolutions": "color revolutions", "three evil forces": "three forces",
                    "The CPC": "The Communist Party of China",
                    "Hong Kong SAR": "Hong Kong Special Administrative Region",
                    "Xinjiang Uyghur Autonomous Region": "Xinjiang Uygur Autonomous Region",
                    "the Kyrgyz Republic": "Kyrgyzstan", "CPEC": "the China-Pakistan Economic Corridor",
                    "Beijing Olympic Winter Games": "Beijing Winter Olympics",
                    "COVID vaccines": "COVID-19 vaccines", "the Shanghai Cooperation Organization": "the SCO",
                    "U.S. Department of State": "U.S. State Department"}[v]
            s.add(zh, en.replace(base, v), [], f"admitted {v!r}", f"template:{tid}")
        for old, new, findings, note in wrongs:
            assert old in en, (tid, old)
            s.add(zh, en.replace(old, new), findings, note, f"template:{tid}")


def build_o(s: SeedSet, rng: random.Random) -> None:
    for tid, first, second, en in O_TEMPLATES:
        s.add(first + second, en, [{"rule": "omission"}], "second sentence left untranslated", f"template:{tid}")
        s.add(second + first, en, [{"rule": "omission"}], "first sentence left untranslated", f"template:{tid}")
        s.add(first, en, [], "complete translation (control for the omission pair)", f"template:{tid}")


def build_u(s: SeedSet) -> None:
    for zh, en, note in U_PAIRS:
        s.add(zh, en, [{"rule": "untranslated"}], note, "hand")


# ------------------------------------------------------------------------------------------
# Group H: hand-written pairs, mostly traps that must stay clean, and a few special errors.

HAND: list[tuple[str, str, list[dict], str]] = [
    # clean traps: numbers
    ("双方签署了3份合作文件。", "The two sides signed three cooperation documents.", [], "3 = three"),
    ("双方签署了三份合作文件。", "The two sides signed 3 cooperation documents.", [], "三 = 3"),
    ("中方已向巴方提供1.5亿剂疫苗。", "China has provided Pakistan with 150 million doses of vaccines.", [], "1.5亿 = 150 million"),
    ("中方已向巴方提供一亿五千万剂疫苗。", "China has provided Pakistan with 150 million doses of vaccines.", [],
     "一亿五千万 = 150 million"),
    ("出口额增长了百分之三十。", "Exports grew by 30 percent.", [], "百分之三十 = 30 percent"),
    ("出口额增长了30%。", "Exports grew by thirty percent.", [], "30% = thirty percent"),
    ("托卡耶夫总统三天前发表了全国讲话。", "President Tokayev delivered a national address three days ago.", [],
     "三天前 = three days ago"),
    ("两国外长举行了会谈。", "The two foreign ministers held talks.", [], "两 = two"),
    ("这是中方提出的第一个倡议。", "This is the first initiative China has put forward.", [], "第一 = first"),
    ("上合组织有八个成员国。", "The SCO has eight member states.", [], "八 = eight"),
    ("已有二十五个国家加入了这一倡议。", "Twenty-five countries have joined the initiative.", [], "二十五 = twenty-five"),
    ("双边贸易额达到252亿美元。", "Bilateral trade reached 25.2 billion US dollars.", [], "252亿 = 25.2 billion"),
    ("双边贸易额达到252亿美元。", "Bilateral trade reached $25.2 billion.", [], "252亿美元 = $25.2 billion"),
    ("中方将培训2000名执法人员。", "China will train 2,000 law-enforcement officers.", [], "2000 = 2,000"),
    ("中方将培训两千名执法人员。", "China will train 2,000 law-enforcement officers.", [], "两千 = 2,000"),
    ("中方将提供3万吨粮食援助。", "China will provide 30,000 tonnes of food aid.", [], "3万 = 30,000"),
    ("今年是中哈建交30周年。", "This year marks the 30th anniversary of diplomatic ties between China and Kazakhstan.", [],
     "30周年 = 30th anniversary"),
    ("今年是中哈建交三十周年。", "This year marks the thirtieth anniversary of diplomatic ties between China and Kazakhstan.", [],
     "三十周年 = thirtieth"),
    ("中国—东盟自贸区3.0版谈判正式启动。", "Negotiations on Version 3.0 of the China-ASEAN Free Trade Area were officially launched.", [],
     "3.0 = 3.0"),
    ("双方同意加快推进“十四五”规划同哈方发展战略对接。",
     "The two sides agreed to speed up the alignment of the 14th Five-Year Plan with Kazakhstan's development strategies.",
     [], "十四五 = 14th Five-Year Plan (a name)"),
    ("中方支持印尼办好二十国集团领导人峰会。", "China supports Indonesia in hosting a successful G20 Leaders' Summit.", [],
     "G20 is a name, not a number"),
    ("双方同意加强新冠肺炎疫情防控合作。", "The two sides agreed to strengthen cooperation against COVID-19.", [],
     "COVID-19 is a name, not a number"),
    ("柬方愿同中方推进“钻石六边”合作架构。", 'Cambodia is ready to work with China to advance the "Diamond Hexagon" cooperation framework.', [],
     "六 in a name"),
    ("双方同意共同打击“三股势力”。", 'The two sides agreed to jointly combat the "three forces".', [], "三股势力 = three forces"),
    ("双方同意高质量共建“一带一路”。", "The two sides agreed to pursue high-quality Belt and Road cooperation.", [],
     "一带一路 contains 一 twice"),
    ("中方愿同各方一道，进一步加强团结协作。", "China is ready to work with all parties to further strengthen solidarity and cooperation.", [],
     "一道, 进一步 are not numbers"),
    ("双方一致同意加强战略沟通。", "The two sides agreed to strengthen strategic communication.", [], "一致 is not a number; 双方 = the two sides"),
    ("双方就共同关心的问题交换了意见。", "Both sides exchanged views on issues of common interest.", [], "双方 = both sides"),
    ("两国关系保持健康稳定发展。", "Relations between the two countries have maintained sound and steady growth.", [], "两国 = the two countries"),
    ("两国元首保持密切沟通。", "The two heads of state have maintained close communication.", [], "两 = two"),
    ("中方一贯支持各国走符合本国国情的发展道路。", "China always supports countries in following development paths suited to their national conditions.", [],
     "一贯 is not a number"),
    ("台湾是中国领土不可分割的一部分。", "Taiwan is an inalienable part of China's territory.", [], "一部分 is not a number"),
    ("会议于上午10时开幕。", "The meeting opened at 10 a.m.", [], "time 10时 = 10 a.m."),
    ("双方同意第二阶段合作于明年启动。", "The two sides agreed to launch the second phase of cooperation next year.", [], "第二 = second"),
    ("这是王毅今年第三次访问中亚。", "This is Wang Yi's third visit to Central Asia this year.", [], "第三 = third; possessive name"),
    ("哈萨克斯坦是中国在中亚地区的第一大贸易伙伴。", "Kazakhstan is China's largest trading partner in Central Asia.", [],
     "第一大 = largest"),
    # clean traps: dates
    ("2022年1月10日，王毅同特列乌别尔季通电话。", "On 10 January 2022, Wang Yi spoke with Tileuberdi on the phone.", [],
     "date written day-first"),
    ("1月10日，王毅同特列乌别尔季通电话。", "On Jan. 10, Wang Yi spoke with Tileuberdi on the phone.", [], "abbreviated month"),
    ("（2022年1月10日）", "January 10, 2022", [], "bracketed date line"),
    ("2022年9月15日，上合组织撒马尔罕峰会开幕。", "The SCO Samarkand Summit opened on Sept. 15, 2022.", [], "Sept. abbreviation"),
    ("2022年5月19日，金砖国家外长举行视频会晤。", "The BRICS foreign ministers held a video meeting on May 19, 2022.", [], "BRICS and a date"),
    # clean traps: terms
    ("中哈永久全面战略伙伴关系不断深化。", "The China-Kazakhstan permanent comprehensive strategic partnership keeps deepening.", [],
     "永久全面战略伙伴关系 must not also count as 全面战略伙伴关系"),
    ("中哈永久全面战略伙伴关系不断深化。", "The China\u2013Kazakhstan permanent comprehensive strategic partnership keeps deepening.", [],
     "en dash in the pair name"),
    ("中方愿同哈方推动永久全面战略伙伴关系行稳致远。", "China is ready to work with Kazakhstan for the steady and sustained growth of their Permanent Comprehensive Strategic Partnership.", [],
     "title case"),
    ("中国是哈萨克斯坦的永久全面战略伙伴。", "China is Kazakhstan's permanent comprehensive strategic partner.", [], "partner form"),
    ("中方重视同印度尼西亚和埃及的全面战略伙伴关系。", "China values its comprehensive strategic partnerships with Indonesia and Egypt.", [],
     "plural partnerships"),
    ("中巴全天候战略合作伙伴关系的基础坚如磐石。", "The foundation of the China-Pakistan all-weather strategic cooperative partnership is rock-solid.", [],
     "all-weather designation"),
    ("巴基斯坦是中国的全天候战略合作伙伴。", "Pakistan is China's all-weather strategic cooperative partner.", [], "partner form"),
    ("中方珍视同巴方全天候战略合作伙伴的特殊情谊。", "China cherishes the special bond it shares with Pakistan as its all-weather strategic cooperative partner.", [],
     "partner form"),
    ("中俄新时代全面战略协作伙伴关系处于历史最高水平。", "The China-Russia comprehensive strategic partnership of coordination for a new era is at its best in history.", [],
     "longer designation must not also count as comprehensive strategic partnership"),
    ("国务委员兼外长王毅出席会议。", "State Councillor and Foreign Minister Wang Yi attended the meeting.", [], "British spelling admitted"),
    ("国务委员兼外长王毅出席会议。", "STATE COUNCILOR AND FOREIGN MINISTER WANG YI ATTENDED THE MEETING.", [], "all capitals"),
    ("王毅是中国国务委员兼外长。", "Wang Yi is China's State Councilor and Foreign Minister.", [], "title after name"),
    ("上海合作组织成员国外长理事会会议在塔什干举行。", "The meeting of the Council of Foreign Ministers of the Shanghai Cooperation Organisation member states was held in Tashkent.", [],
     "British spelling admitted"),
    ("中华人民共和国政府同哈萨克斯坦共和国政府签署协定。", "The Government of the People's Republic of China and the Government of the Republic of Kazakhstan signed the agreement.", [],
     "People's Republic of China is not the deprecated Republic of China"),
    ("国务院副总理胡春华会见了哈萨克斯坦副总理兼外长特列乌别尔季。", "Vice Premier Hu Chunhua met with Kazakh Deputy Prime Minister and Foreign Minister Mukhtar Tileuberdi.", [],
     "Vice Premier and Deputy Prime Minister side by side"),
    ("哈萨克斯坦第一副总理斯克利亚尔出席了会议。", "Kazakh First Deputy Prime Minister Roman Sklyar attended the meeting.", [], "scoped title"),
    ("国务院总理李克强同巴基斯坦总理伊姆兰·汗举行会谈。", "Premier Li Keqiang held talks with Pakistani Prime Minister Imran Khan.", [],
     "Premier and Prime Minister side by side"),
    ("李克强总理同柬埔寨首相洪森通电话。", "Premier Li Keqiang spoke with Cambodian Prime Minister Hun Sen on the phone.", [], "title after name"),
    ("习近平主席同托卡耶夫总统举行会谈。", "President Xi Jinping held talks with President Tokayev.", [], "two Presidents"),
    ("中方坚决反对各种形式的“颜色革命”。", 'China firmly opposes "colour revolutions" of any kind.', [], "British spelling admitted"),
    ("各方应共同构建人类命运共同体。", "All parties should work together to build a community with a shared future for humanity.", [], "admitted wording"),
    ("美国国务院发言人昨天发表了声明。", "A U.S. State Department spokesperson issued a statement yesterday.", [], "美国国务院 is not 国务院"),
    ("世界卫生组织高度评价中方的贡献。", "The WHO spoke highly of China's contribution.", [], "WHO acronym"),
    ("我们欢迎所有愿意参与合作的国家。", "We welcome all countries who are willing to take part in the cooperation.", [],
     "lower-case 'who' is not WHO"),
    ("中方支持联合国在阿富汗问题上发挥作用。", "China supports the U.N. in playing its role on the Afghan issue.", [], "U.N. abbreviation"),
    ("上合组织秘书长张明出席了会议。", "SCO Secretary-General Zhang Ming attended the meeting.", [], "Secretary-General"),
    ("联合国秘书长古特雷斯出席北京冬奥会开幕式。", "UN Secretary-General António Guterres attended the opening ceremony of the Beijing Winter Olympics.", [],
     "UN Secretary-General"),
    ("古特雷斯秘书长表示，联合国支持全球发展倡议。", "Secretary-General Guterres said that the United Nations supports the Global Development Initiative.", [],
     "Secretary-General after name"),
    ("中国共产党第二十次全国代表大会将于今年下半年召开。", "The 20th National Congress of the Communist Party of China will be held in the second half of this year.", [],
     "第二十次 = 20th; 下半年 = second half"),
    ("全国人大常委会审议了有关议案。", "The NPC Standing Committee deliberated on the bills concerned.", [], "NPC"),
    ("中方支持哈萨克斯坦维护国家稳定。", "China supports Kazakhstan in upholding national stability.", [], "country names are not glossary terms here"),
    ("两国关系保持健康稳定发展。", "Relations between both countries have maintained sound and steady growth.", [],
     "两国 = both countries"),
    ("双边贸易额近三成来自能源合作。", "Nearly 30 percent of bilateral trade comes from energy cooperation.", [], "三成 = 30 percent"),
    ("双边贸易额在五年内增长了一倍。", "Bilateral trade doubled in five years.", [], "增长了一倍 = doubled"),
    ("这是两国元首首次举行视频会晤。", "This is the first virtual meeting between the two heads of state.", [], "首次 = first"),
    ("疫情前两国人员往来每年逾百万人次。", "Before the pandemic, there were over one million mutual visits between the two countries every year.", [],
     "百万 = one million"),
    ("王毅将于1月10日至11日访问哈萨克斯坦。", "Wang Yi will visit Kazakhstan from January 10 to 11.", [], "date range"),
    ("中方将提供1500万美元援助。", "China will provide 15 million US dollars in assistance.", [], "1500万 = 15 million"),
    ("出口额年均增长0.5%。", "Exports grew by an average of 0.5 percent a year.", [], "decimal percentage"),
    ("论坛主席致开幕辞。", "The president of the forum delivered the opening speech.", [],
     "lower-case 'president' of a forum is not the title"),
    ("记者：哪些外国领导人将出席开幕式？", "Q: Who among foreign leaders will attend the opening ceremony?", [],
     "'Who' is not WHO (case-sensitive)"),
    ("中方将在未来三年提供十亿美元援助。", "China will provide one billion US dollars in assistance over the next three years.", [],
     "十亿 = one billion"),
    # errors written by hand
    ("中方已向巴方提供1.5亿剂疫苗。", "China has provided Pakistan with 1.5 billion doses of vaccines.",
     [number("1.5亿", "1.5 billion")], "亿 read as billion"),
    ("中方将在未来三年提供十亿美元援助。", "China will provide ten billion US dollars in assistance over the next three years.",
     [number("十亿", "ten billion")], "十亿 read as ten billion"),
    ("台湾是中国的一部分。", "Taiwan, Republic of China, is a part of China.", [deprecated("台湾", "taiwan")],
     "deprecated name next to an allowed one"),
    ("双边贸易额近三成来自能源合作。", "Nearly 13 percent of bilateral trade comes from energy cooperation.",
     [number("三成", "13 percent")], "三成 vs 13 percent"),
    ("王毅将于1月10日至11日访问哈萨克斯坦。", "Wang Yi will visit Kazakhstan from January 11 to 12.",
     [date("--01-10", "--01-11")], "date range shifted by a day"),
    ("中哈永久全面战略伙伴关系不断深化。", "The China-Kazakhstan strategic partnership keeps deepening.",
     [missing("永久全面战略伙伴关系", PCSP)], "dropped 'permanent comprehensive'"),
    ("中印尼全面战略伙伴关系不断深化。", "The China-Indonesia permanent comprehensive strategic partnership keeps deepening.",
     [unexpected("永久全面战略伙伴关系", PCSP)], "upgraded to 'permanent'"),
    ("中方高度重视同巴基斯坦的全天候战略合作伙伴关系。", "China attaches great importance to its comprehensive strategic cooperative partnership with Pakistan.",
     [missing("全天候战略合作伙伴关系", AWSCP), unexpected("全面战略合作伙伴关系", CSCP)], "designation of another country used"),
    ("国务委员兼外长王毅同哈萨克斯坦副总理兼外长特列乌别尔季通电话。", "Foreign Minister Wang Yi had a phone call with Kazakh Foreign Minister Mukhtar Tileuberdi.",
     [missing("国务委员兼外长", "state-councilor-fm"), missing("哈萨克斯坦副总理", "deputy-pm-foreign")], "both titles cut short"),
    ("哈萨克斯坦第一副总理斯克利亚尔出席了会议。", "Kazakh Deputy Prime Minister Roman Sklyar attended the meeting.",
     [missing("第一副总理", "first-deputy-pm"), unexpected("哈萨克斯坦副总理", "deputy-pm-foreign")], "dropped 'First'"),
    ("王毅表示，中方愿同哈方加强合作。", "The Chinese minister said that China is ready to strengthen cooperation with Kazakhstan.",
     [missing("王毅", "wang-yi")], "name dropped"),
    ("特列乌别尔季表示，哈方愿同中方加强合作。", "Tleuberdi said that Kazakhstan is ready to strengthen cooperation with China.",
     [deprecated("特列乌别尔季", "tileuberdi")], "deprecated spelling"),
    ("托卡耶夫总统三天前发表了全国讲话。", "President Tokayev delivered a national address four days ago.",
     [number("三", "four")], "三天前 vs four days ago"),
    ("托卡耶夫总统四天前发表了全国讲话。", "President Tokayev delivered a national address three days ago.",
     [number("四", "three")], "四天前 vs three days ago"),
    ("中方已向巴方提供1.5亿剂疫苗。", "China has provided Pakistan with 15 million doses of vaccines.",
     [number("1.5亿", "15 million")], "1.5亿 vs 15 million"),
    ("出口额增长了30%。", "Exports grew by 13 percent.", [number("30%", "13 percent")], "30% vs 13%"),
    ("出口额增长了百分之三十。", "Exports grew by 3 percent.", [number("百分之三十", "3 percent")], "百分之三十 vs 3 percent"),
    ("已有三个国家表示支持。", "Thirty countries have expressed support.", [number("三", "Thirty")], "三 vs 30"),
    ("这是中方第三次提出这一倡议。", "This is the fourth time China has put forward the initiative.",
     [number("第三", "fourth")], "第三 vs fourth"),
    ("双方签署了3份合作文件。", "The two sides signed four cooperation documents.", [number("3", "four")], "3 vs four"),
    ("2022年1月10日，王毅同特列乌别尔季通电话。", "On January 11, 2022, Wang Yi spoke with Tileuberdi on the phone.",
     [date("2022-01-10", "2022-01-11")], "January 11 for 1月10日"),
    ("2022年1月10日，王毅同特列乌别尔季通电话。", "On January 10, 2021, Wang Yi spoke with Tileuberdi on the phone.",
     [date("2022-01-10", "2021-01-10")], "wrong year"),
    ("2022年1月10日，王毅同特列乌别尔季通电话。", "On 10 February 2022, Wang Yi spoke with Tileuberdi on the phone.",
     [date("2022-01-10", "2022-02-10")], "wrong month"),
    ("1月10日，王毅同特列乌别尔季通电话。", "On Jan. 11, Wang Yi spoke with Tileuberdi on the phone.",
     [date("--01-10", "--01-11")], "wrong day, abbreviated month"),
    ("王毅表示，中方愿同哈方加强合作。", "王毅 said that China is ready to strengthen cooperation with Kazakhstan.",
     [{"rule": "untranslated"}, missing("王毅", "wang-yi")], "name left in Chinese"),
    ("中方支持哈方维护国家稳定，愿同哈方加强执法安全合作。", "China supports Kazakhstan in 维护国家稳定 and is ready to strengthen law-enforcement and security cooperation with Kazakhstan.",
     [{"rule": "untranslated"}], "clause left in Chinese"),
]


def build_h(s: SeedSet) -> None:
    for zh, en, expected, note in HAND:
        s.add(zh, en, expected, note, "hand")


# ------------------------------------------------------------------------------------------


def build(seed: int) -> list[Item]:
    rng = random.Random(seed)
    s = SeedSet(rng)
    build_h(s)
    build_a(s, rng)
    build_b(s, rng)
    build_c(s, rng)
    build_d(s, rng)
    build_e(s, rng)
    build_o(s, rng)
    build_u(s)
    items = list(s.items)
    rng.shuffle(items)
    return items


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write the seeded-error set for the checks.")
    parser.add_argument("--out", type=Path, default=OUT, help=f"output file (default: {OUT})")
    parser.add_argument("--seed", type=int, default=20220110, help="random seed (default: 20220110)")
    args = parser.parse_args(argv)
    items = build(args.seed)
    lines = []
    for i, item in enumerate(items, 1):
        lines.append(json.dumps({"id": f"s{i:04d}", "zh": item.zh, "en": item.en,
                                 "expected": item.expected, "note": item.note,
                                 "source": item.source}, ensure_ascii=False))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    counts: dict[str, int] = {}
    for item in items:
        for rule in {f["rule"] for f in item.expected} or {"clean"}:
            counts[rule] = counts.get(rule, 0) + 1
    print(f"{args.out}: {len(items)} pairs; pairs per rule: "
          + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
