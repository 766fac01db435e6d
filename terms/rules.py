"""The rules the checks apply: ids, default severities and what each one means.

A rule's severity is the highest it reports; some findings of a rule are less severe
(term-missing of a name is a warning, of a title an error). A severity configured for a rule
(``[tool.concord.severity]``) applies to all its findings.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule's id, default severity, one-line summary and a longer explanation with the fix."""

    id: str
    severity: str
    summary: str
    help: str
    cross_unit: bool = False
    #: names of the rule's numeric options (``[tool.concord.RULE]``)
    options: tuple[str, ...] = ()
    #: the side of a unit where the fix is made ("target" or "source"); reports locate the
    #: finding there and give the other side as related
    fix_side: str = "target"


RULES: dict[str, Rule] = {r.id: r for r in (
    Rule("term-missing", "error",
         "A glossary term of the source has no allowed rendering in the target.",
         "The source segment contains a glossary term, but the target contains none of its "
         "preferred or admitted renderings. Use the preferred rendering given in the suggestion "
         "(a longer, more specific term such as 永久全面战略伙伴关系 counts as its own concept). "
         "An error for an official title, and for a designation replaced by another one (its "
         "key word dropped); a warning for a designation paraphrased or left out and for names "
         "and phrases (organisations, places, persons, others). Not reported: a term inside a "
         "longer dictionary word or one of its exclusions (大使 in 大使馆), a name given in full "
         "earlier in the document and short later (\"the Party\"), a case-sensitive rendering "
         "in another case (\"the president\" for 国家主席), a Latin name kept as written in a "
         "Chinese target, a source term the glossary deprecates."),
    Rule("term-deprecated", "error",
         "The target uses a deprecated or superseded rendering.",
         "The glossary marks this rendering as deprecated (forbidden) or superseded; replace it "
         "with the concept's preferred rendering. Not reported: a form that is also an allowed "
         "rendering of a concept the source has (\"Vice Prime Minister\" of a Kazakh minister), "
         "a deprecated form inside an excluded longer form. A deprecated term in the source "
         "asks for nothing in the target."),
    Rule("term-unexpected", "warning",
         "The target has a title or designation whose source term is absent.",
         "The target contains the rendering of a glossary title or designation that the source "
         "does not mention, for example an upgraded partnership designation or a fuller official "
         "title, or a rendering used for another body than the source names (\"UN Security "
         "Council\" for 联合国). Check that the target says what the source says. Not reported: "
         "names of organisations, places, persons and phrases that the translator made explicit "
         "(\"CPC\" for 党, \"Xi\" after the full name): those are term-added."),
    Rule("term-added", "info",
         "The target names a glossary concept that the source leaves implicit.",
         "The target contains the rendering of a glossary organisation, place, person or phrase "
         "that the source does not name (\"the Communist Party of China (CPC)\" for 党, \"the "
         "People's Republic of China\" for 新中国): a translator's explicitation, said so that a "
         "reviewer may look. Titles and designations are term-unexpected instead. Not reported: "
         "a name the source has in another case or as written in Latin letters."),
    Rule("number-mismatch", "error",
         "A number differs between source and target.",
         "A number of the source (Arabic or Chinese numerals, 万/亿 scales, percentages, "
         "fractions, ordinals, decades) is given as another number in the target, or is not in "
         "the target at all. Correct the figure. Not reported: a figure written in another form "
         "(1，000 / 1,000; 四分之一 / a quarter; 70年代 / the 1970s; 5—10 / 5-10), a figure rounded "
         "(number-rounded), a number only the target has (number-added), approximations "
         "(近万 / close to 10,000; 数十 / dozens), numbers inside names (G20, COVID-19)."),
    Rule("number-added", "info",
         "The target has a number or date that the source does not.",
         "The target gives a number or a date that the source leaves implicit, such as the year "
         "of an event (\"since the reform and opening-up policy in 1978\" for 改革开放以来) or "
         "the dates of a dynasty. A translator's addition, not a mistranslation: said so that a "
         "reviewer may check it. Not reported: a figure the source has too (a repetition), small "
         "numbers in words (\"one\", 两), a figure in Chinese characters with no measure word "
         "after it (a name such as 茅十八), a time alone. A copy of a source figure with one "
         "digit changed (10 → 11) is a number-mismatch instead."),
    Rule("number-rounded", "info",
         "A number is given rounded on one side.",
         "A figure of one side is the other side's figure rounded to the digits it writes "
         "(541.5万 as 5.4 million, 44.65% as 45 percent; within 2 %), or a rounder figure the "
         "target says is approximate (58.6% as \"almost 60 percent\"; within 10 %). Not a "
         "mismatch; keep it if the rounding is intended, or write the exact figure. Not "
         "reported as rounding: a target more precise than its source (约130万 as 1,302,000 is "
         "a mismatch), years, times, ordinals."),
    Rule("date-mismatch", "error",
         "A date differs between source and target.",
         "A date (year, month, day) of the source is given as another date in the target, or a "
         "full date of the source is not in the target. Correct the date. Not reported: a field "
         "one side leaves out (the year of \"January 10\"), a date only the target has "
         "(number-added), a month alone that the target leaves out."),
    Rule("omission", "warning",
         "A sentence is left without translation, or the translation is far too short or long.",
         "One side of the unit is empty, or its length is far from what the other side implies. "
         "Translate the missing part, or fix the alignment. Not reported: a heading or "
         "table-of-contents line with no counterpart (heading-omitted), short segments whose "
         "ratio says little, free but complete translations within the usual ratios.",
         options=("min-ratio", "min-ratio-fewer-sentences", "max-ratio", "min-length")),
    Rule("heading-omitted", "info",
         "A heading or table-of-contents line has no counterpart on the other side.",
         "One side of the unit is empty and the other is a heading or a line of a table of "
         "contents (short, not ended as a sentence ends). Versions of a document often differ "
         "there (a Chinese table of contents listing subsections the English one leaves out) "
         "without leaving the body untranslated; check that the difference is meant. A "
         "sentence with no counterpart is an omission instead."),
    Rule("untranslated", "warning",
         "The target is the source unchanged, or Chinese is left in the English.",
         "The target segment equals the source, or English text still contains Chinese "
         "characters. Translate it. Not reported: a segment of figures, dates or symbols only "
         "(a time stamp 2022-01-11 14:10 on both pages), Latin names and acronyms kept in a "
         "Chinese target."),
    Rule("inconsistent-translation", "warning",
         "One source segment or term is translated in different ways across the memory.",
         "The same (or nearly the same) source text has different translations in different "
         "units, or a glossary title or designation is rendered in two allowed ways in one "
         "document. Use one translation throughout, unless the context truly differs. Not "
         "reported: allowed renderings that differ between documents (two releases may name "
         "two prime ministers, 首相 and 总理).",
         cross_unit=True),
)}
