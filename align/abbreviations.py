"""Word lists the English sentence splitter consults: abbreviations and sentence-initial words.

All entries are lower case and without the final period; look-ups lower-case the word first.
"""
from __future__ import annotations

#: titles and other abbreviations that are (practically) never the last word of a sentence
NEVER_FINAL: frozenset[str] = frozenset("""
    mr mrs ms mx messrs mmes mme mlle dr prof sgt gen lt col capt cmdr cdr adm maj brig cpl pvt
    rep reps sen sens gov pres rev hon amb supt insp det fr msgr mt ft
    vs v cf viz e.g i.e approx esp incl ca
""".split())

#: abbreviations that stand before a number ("No. 5", "Jan. 10", "p. 12") and there only
BEFORE_NUMBER: frozenset[str] = frozenset("""
    no nos nr art arts vol vols p pp fig figs ch chap sec secs para paras pt pts ed eds op
    jan feb mar apr jun jul aug sep sept oct nov dec
""".split())

#: abbreviations that may end a sentence; a boundary follows only when the next word is
#: one that usually starts a sentence (see :data:`SENTENCE_STARTERS`)
MAY_END: frozenset[str] = frozenset("""
    inc co corp ltd llc plc bros jr sr esq dept univ assn ave blvd rd st
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    a.m p.m u.s u.k u.n e.u u.s.a p.r.c d.c b.c a.d al
""".split())

#: capitalised words that continue a name after "U.S.", "U.N.", "a.m." ("U.S. Government said",
#: "10 a.m. Monday marked"), so they open no sentence there even before a verb
NAME_AFTER_ACRONYM: frozenset[str] = frozenset("""
    government administration president vice secretary ambassador embassy consulate envoy
    congress senate house department state treasury army navy air marine marines coast guard
    forces military defense defence federal supreme court justice attorney trade commerce
    special representative mission permanent general assembly security council commission
    parliament member members agency office bureau census chamber constitution customs border
    postal capitol central national open steel dollar olympic fed
    monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
""".split())

#: lower-case words that show a clause has begun when they follow a capitalised word
#: ("U.S. Talks resumed", "U.K. Prices had risen"); words ending in -ed count too
CLAUSE_VERBS: frozenset[str] = frozenset("""
    is are was were has have had will would can could should may might must shall did does do
    said says rose fell grew began went came took made met saw won lost left held
""".split())

#: abbreviations after which any capitalised word starts a new sentence
ENDS_BEFORE_CAPITAL: frozenset[str] = frozenset({"etc"})

#: capitalised words that usually open a sentence (and rarely follow "U.S." or "Inc." inside one)
SENTENCE_STARTERS: frozenset[str] = frozenset("""
    the a an this that these those there here it its he she his her him they their them we our
    us i you your my mine some many most much more all both each every either neither no none
    nor not one two three four five six seven eight nine ten other others another such
    but and or so yet however meanwhile moreover furthermore nevertheless nonetheless still
    also besides instead thus therefore hence then now later earlier today yesterday tomorrow
    tonight last next first second third finally in on at for from with without by as if
    when whenever while after before since until although though because during under over
    despite according among between about against into through throughout within what who whom
    whose why how where which whether once even only just please let according officials police
    sources experts critics analysts authorities residents nobody everyone everybody someone
    somebody anyone
""".split())

#: English verbs of speaking that introduce an attribution after a quotation ("…?" Wang asked.)
SPEECH_VERBS: frozenset[str] = frozenset("""
    said says asked asks replied replies added adds told tells wrote writes tweeted tweets
    cried shouted exclaimed continued explained noted recalled insisted whispered answered
    began begged demanded urged warned declared announced remarked murmured muttered laughed
    sighed repeated suggested admitted agreed argued
""".split())
