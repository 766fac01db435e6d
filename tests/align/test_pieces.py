"""Pieces of a unigram model trained on the document's Chinese, linked with English keys."""
from __future__ import annotations

import logging
import random

import numpy as np
import pytest

from align.learned import model1
from align.lexicon import english_keys, load_lexicon
from align.model import Bead, Document, Sentence
from align.pieces import (PREFIX, PieceSettings, chinese_runs, learn_piece_links, train_pieces)
from align.scoring import LexicalScorer
from align.scoring.tokens import KeySpace

#: invented transliterations: CC-CEDICT cuts them into single characters
NAMES = {"塔尔莫林": "Talmorin", "米诺卡德": "Minocard", "萨瓦提尼": "Savatini"}
PEOPLE = {"农民": "the farmer", "老师": "the teacher", "医生": "the doctor", "学生": "the student",
          "工人": "the worker", "记者": "the reporter", "市长": "the mayor", "司机": "the driver"}
VERBS = {"访问了": "visited", "支持": "supported", "批评了": "criticised", "参观了": "toured",
         "帮助了": "helped", "离开了": "left", "打扫了": "cleaned", "拍摄了": "filmed",
         "描述了": "described", "修理了": "repaired", "建设了": "built", "关闭了": "closed"}
PLACES = {"学校": "school", "医院": "hospital", "工厂": "factory", "村庄": "village",
          "图书馆": "library", "银行": "bank", "车站": "station", "公园": "park", "市场": "market",
          "机场": "airport", "博物馆": "museum", "广场": "square", "花园": "garden", "港口": "port",
          "桥梁": "bridge"}
WHEN = {"昨天": "yesterday", "今天": "today", "上午": "in the morning", "晚上": "in the evening",
        "去年": "last year", "明天": "tomorrow", "周末": "at the weekend"}
SETTINGS = PieceSettings()


def parallel(count: int = 300, seed: int = 7) -> tuple[list[str], list[str]]:
    """Sentence pairs of our own: a name or a person, a time, a verb and a place, in several
    orders (so that a name meets many neighbours, as in real text)."""
    rng = random.Random(seed)
    who = {**NAMES, **PEOPLE}
    zh, en = [], []
    for _ in range(count):
        verb, place, when = (rng.choice(list(d)) for d in (VERBS, PLACES, WHEN))
        name = rng.choice(list(NAMES if rng.random() < 0.5 else PEOPLE))
        zh.append(rng.choice([f"{when}{name}{verb}{place}。", f"{name}{when}{verb}{place}。",
                              f"{when}，{name}{verb}{place}。", f"{name}说，{when}{verb}{place}。"]))
        en.append(f"{who[name]} {VERBS[verb]} the {PLACES[place]} {WHEN[when]}.")
    return zh, en


@pytest.fixture(scope="module")
def corpus():
    lexicon = load_lexicon()
    keys = KeySpace(lexicon)
    zh, en = parallel()
    beads = [((k,), [keys.id(key) for key in english_keys(text)]) for k, text in enumerate(en)]
    return zh, en, beads, lexicon, keys


def test_too_little_text_is_not_trained_and_the_log_says_why(caplog):
    zh, _ = parallel(count=40)
    with caplog.at_level(logging.DEBUG, logger="align.pieces"):
        assert train_pieces(zh, SETTINGS) is None
    assert any("not trained" in r.getMessage() and "characters" in r.getMessage()
               for r in caplog.records)


def test_training_learns_the_recurring_names_as_pieces(corpus):
    zh = corpus[0]
    model = train_pieces(zh, SETTINGS)
    assert model is not None
    seen = {p for text in zh for p in model.pieces(text)}
    for name in NAMES:
        assert name in seen
    assert model.size <= SETTINGS.max_vocab


def test_training_samples_a_large_text_down_to_its_budget(corpus, caplog):
    zh = corpus[0] * 20               # 60,000 characters, budget 5,000
    with caplog.at_level(logging.DEBUG, logger="align.pieces"):
        model = train_pieces(zh, PieceSettings(max_chars=5000))
    assert model is not None
    trained = [r.getMessage() for r in caplog.records if "pieces from" in r.getMessage()]
    assert trained and int(trained[-1].split(" runs, ")[1].split()[0]) <= 5000


def test_pieces_cover_the_chinese_runs_only(corpus):
    zh = corpus[0]
    every = PieceSettings(min_piece_length=1)
    model = train_pieces(zh, every)
    assert model is not None
    text = "2024年塔尔莫林访问了WTO总部，Savatini昨天离开了。"
    runs = chinese_runs(text)
    assert runs == ["年塔尔莫林访问了", "总部", "昨天离开了"]
    cut = model.cut([runs])[0]
    assert "".join(cut) == "".join(runs)        # every character, in order, nothing else
    longer = train_pieces(zh, SETTINGS)
    assert longer is not None
    assert all(len(p) >= 2 and p in "".join(runs) for p in longer.pieces(text))


def test_em_moves_probability_toward_the_right_english_word(corpus):
    zh, en, _beads, _lexicon, _keys = corpus
    model = train_pieces(zh, SETTINGS)
    assert model is not None
    cut = [model.pieces(text) for text in zh]
    pieces = sorted({p for c in cut for p in c})
    words = sorted({w for text in en for w in english_keys(text)})
    src = [[pieces.index(p) for p in c] for c in cut]
    tgt = [[words.index(w) for w in english_keys(text)] for text in en]
    name, right = pieces.index("萨瓦提尼"), words.index("savatini")

    def probabilities(iterations):
        s, t, p, _ = model1(src, tgt, len(pieces), len(words), iterations)
        mine = s == name
        return dict(zip(t[mine].tolist(), p[mine].tolist()))

    first, later = probabilities(1), probabilities(5)
    assert later[right] > first[right]
    assert max(later, key=later.get) == right
    assert later[right] > 0.5


def test_links_are_the_names_and_nothing_the_dictionary_knows(corpus):
    zh, _en, beads, lexicon, keys = corpus
    found = learn_piece_links(zh, beads, lexicon, settings=SETTINGS, threshold=0.3,
                              min_count=2, min_dice=0.5, min_llr=6.6)
    assert found is not None
    for name, english in NAMES.items():
        assert found.links[PREFIX + name] == {keys.id(english.lower())}
    for piece, linked in found.links.items():
        assert piece.startswith(PREFIX)
        assert not linked & set(lexicon.entries.get(piece[len(PREFIX):], ()))
    for k, text in enumerate(zh):
        for name in NAMES:
            if (PREFIX + name) in found.sentence_pieces[k]:
                assert name in text


def test_the_lexical_scorer_scores_with_piece_links_when_asked(corpus):
    zh, en, _beads, _lexicon, _keys = corpus
    source = Document([Sentence(t, k, k + 1) for k, t in enumerate(zh)], "zh")
    target = Document([Sentence(t, k, k + 1) for k, t in enumerate(en)], "en")
    beads = [Bead((k,), (k,), 1.0) for k in range(len(zh))]
    # At the default word-learning threshold (0.2) the word learner links every character of
    # these invented names to the English name, so the pieces have nothing left to add (checked
    # below); at 0.3 the characters stay unlinked and the pieces must carry the names.
    default = LexicalScorer(pieces=True).prepare(source, target, 4).refine(beads)
    assert default is not None and all(ch in default.learned for ch in "萨瓦提尼")
    with_pieces = LexicalScorer(pieces=True, learn_threshold=0.3).prepare(
        source, target, 4).refine(beads)
    without = LexicalScorer(pieces=False, learn_threshold=0.3).prepare(
        source, target, 4).refine(beads)
    assert with_pieces is not None
    assert PREFIX + "萨瓦提尼" in with_pieces.learned
    assert without is None or not any(w.startswith(PREFIX) for w in without.learned)
    model = train_pieces(zh)            # the scorer's model: the same text, the same pieces
    assert model is not None
    mentioned = [k for k, text in enumerate(zh) if "萨瓦提尼" in text]
    named = [k for k in mentioned if "萨瓦提尼" in model.pieces(zh[k])]
    assert len(named) >= len(mentioned) / 3
    one = np.ones(len(named), dtype=np.int64)
    idx = np.array(named)
    base = without or LexicalScorer(pieces=False, learn_threshold=0.3).prepare(source, target, 4)
    assert (with_pieces.score(idx, one, idx, one) > base.score(idx, one, idx, one)).all()
