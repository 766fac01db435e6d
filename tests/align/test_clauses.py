"""Clause counts as a second length model (align.scoring.clauses)."""
from __future__ import annotations

import numpy as np

from align.model import Document, Sentence
from align.scoring import LexicalScorer
from align.scoring.clauses import clause_counts, clause_model


def doc(lines, lang):
    return Document([Sentence(t, k, k + 1) for k, t in enumerate(lines)], lang)


def test_clauses_are_the_stretches_between_marks():
    texts = ["他走进屋子，坐下来，喝了一杯茶。", "He came home, sat down; and then he left.",
             "No marks here.", "“不过…… 不过……”", "Well -- I said to her . . . what now?!",
             "Mr. Smith paid 3.5 dollars.", ""]
    assert clause_counts(texts).tolist() == [3, 3, 1, 2, 2, 1, 1]


def test_the_items_of_an_enumeration_are_no_clauses():
    texts = ["甲、乙、丙：都到了！", "We met farmers, workers, teachers, and doctors in the town.",
             "河流、森林、湖泊都得到了保护。", "Rivers, forests, lakes."]
    # one-character and one-word items add nothing to the stretches around them (the English
    # sentence: "We met farmers" and "and doctors in the town"); two characters count in Chinese
    assert clause_counts(texts).tolist() == [1, 2, 3, 1]


def test_the_factor_prefers_beads_of_the_same_build():
    zh = doc(["他走进屋子，坐下来，喝了一杯茶，然后睡着了。", "天黑了。"], "zh")
    en = doc(["He entered the room, sat down, drank a cup of tea, then fell asleep.",
              "It was dark."], "en")
    model = clause_model(zh, en, power=0.4, smooth=1.0)
    one = np.ones(2, dtype=np.int64)
    straight = model.factor(np.array([0, 1]), one, np.array([0, 1]), one)
    crossed = model.factor(np.array([0, 1]), one, np.array([1, 0]), one)
    assert np.allclose(straight, 1.0)
    assert (crossed < 0.8).all()
    # the same factor whichever language comes first
    reverse = clause_model(en, zh, power=0.4, smooth=1.0)
    assert np.allclose(reverse.factor(np.array([1, 0]), one, np.array([0, 1]), one), crossed)


def test_the_lexical_scorer_weighs_a_translation_by_its_clauses():
    zh = ["他走进屋子，坐下来，喝了一杯茶，然后睡着了。", "天黑了。"]
    en = ["He entered the room and sat down and drank a cup of tea and then fell asleep.",
          "He entered the room, sat down, drank a cup of tea, then fell asleep.",
          "It was dark."]
    one = np.ones(2, dtype=np.int64)

    def scores(power):
        scorer = LexicalScorer(learn=False, clause_power=power)
        prepared = scorer.prepare(doc(zh, "zh"), doc(en, "en"), 4)
        return prepared.score(np.zeros(2, dtype=np.int64), one, np.array([0, 1]), one)

    plain, run_on = scores(0.0), scores(0.4)
    assert plain[0] > 0.2 and plain[1] > 0.2
    # the same words: without clauses the run-on reading scores as high (its length is nearer);
    # with them the one built as the Chinese is (four clauses) scores higher
    assert plain[0] >= plain[1]
    assert run_on[1] > run_on[0]
    assert run_on[1] / run_on[0] > 1.05 * plain[1] / plain[0]
