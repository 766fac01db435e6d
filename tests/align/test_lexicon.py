"""The CC-CEDICT lexicon: parsing, English keys, segmentation and the disk cache."""
from __future__ import annotations

import gc
import gzip

import pytest

import align.lexicon as lexicon_module
from align.lexicon import english_key, english_keys, gloss_keys, load_lexicon, parse_cedict


def keys_of(word: str) -> set[str]:
    lex = load_lexicon()
    return {lex.keys[k] for k in lex.entries.get(word, ())}


def test_every_sense_is_kept_for_both_scripts():
    assert "friend" in keys_of("朋友")
    # 說 (traditional) and 说 (simplified) share the senses of both entries
    assert {"say", "speak", "persuad"} <= keys_of("说")
    assert keys_of("說") == keys_of("说")


def test_glosses_that_only_refer_elsewhere_are_dropped():
    assert gloss_keys("CL:個|个[ge4]") is None
    assert gloss_keys("variant of 瞭|了[liao3]") is None
    assert gloss_keys("surname Chen") is None
    assert gloss_keys("(literary) to walk slowly") == ["walk", "slowli"]


def test_english_keys_stem_and_drop_stop_words():
    assert english_keys("The talks went well") == ["talk", "go", "well"]
    assert english_key("countries") == english_key("country")
    assert english_key("cooperation") == english_key("cooperating") or english_key("cooperation").startswith("cooper")


def test_segmentation_prefers_dictionary_words():
    lex = load_lexicon()
    assert lex.segment("他们同意加强合作") == ["他们", "同意", "加强", "合作"]
    # words whose glosses are all stop words (they, because) still segment as words
    assert lex.entries["他们"] == ()
    # characters outside the dictionary stay single characters, nothing is lost
    assert "".join(lex.segment("我们今天举行会谈")) == "我们今天举行会谈"


def test_parse_small_dictionary_text():
    lines = ["# comment", "朋友 朋友 [peng2 you5] /friend/CL:個|个[ge4],位[wei4]/",
             "陳 陈 [Chen2] /surname Chen/"]
    entries, keys, readings, common = parse_cedict(lines)
    assert [keys[k] for k in entries["朋友"]] == ["friend"]
    assert entries["陈"] == ()           # only a surname gloss: nothing to translate
    assert readings["陈"] == ("chen",)
    assert "friend" in common


@pytest.fixture
def small_dictionary(tmp_path, monkeypatch):
    """A small dictionary file stands in for CC-CEDICT (parsing the real one takes seconds),
    with its cache under ``tmp_path`` and no lexicon loaded yet."""
    data = tmp_path / "small_cedict.txt.gz"
    with gzip.open(data, "wt", encoding="utf-8") as handle:
        handle.write("朋友 朋友 [peng2 you5] /friend/\n合作 合作 [he2 zuo4] /to cooperate/\n")
    monkeypatch.setattr(lexicon_module, "data_path", lambda: data)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(lexicon_module, "_LEXICON", None)
    return data


def test_cache_is_written_and_a_broken_cache_is_ignored(small_dictionary, tmp_path, monkeypatch):
    first = load_lexicon()
    assert [first.keys[k] for k in first.entries["朋友"]] == ["friend"]
    caches = list((tmp_path / "concord").glob("cedict-*.marshal"))
    assert len(caches) == 1
    monkeypatch.setattr(lexicon_module, "_LEXICON", None)

    def no_parsing(lines):
        raise AssertionError("the dictionary was parsed although the cache is there")

    with monkeypatch.context() as patch:
        patch.setattr(lexicon_module, "parse_cedict", no_parsing)
        cached = load_lexicon()                  # read back from the cache
    assert cached.entries == first.entries and cached is not first
    caches[0].write_bytes(b"not a marshal file")
    monkeypatch.setattr(lexicon_module, "_LEXICON", None)
    again = load_lexicon()                       # broken cache: parsed again, cache rewritten
    assert again.entries["朋友"] == first.entries["朋友"]
    assert caches[0].read_bytes() != b"not a marshal file"


def test_the_loaded_lexicon_is_out_of_the_collectors_sight(small_dictionary):
    before = gc.get_freeze_count()
    lexicon = load_lexicon()
    assert gc.get_freeze_count() > before     # frozen: full collections no longer scan it
    assert gc.isenabled()
    assert load_lexicon() is lexicon


def test_front_matter_words_of_white_papers_come_from_our_supplement():
    """CC-CEDICT glosses 前言 "preface" and 结束语 "concluding remarks"; white papers in English
    say "Foreword" and "Conclusion" (found aligning a real white paper's table of contents)."""
    assert english_key("foreword") in keys_of("前言") and english_key("preface") in keys_of("前言")
    assert english_key("conclusion") in keys_of("结束语") and english_key("conclusion") in keys_of("結束語")
    assert english_key("contents") in keys_of("目录")


def test_verbs_of_assent_in_releases_come_from_our_supplement():
    """CC-CEDICT glosses 赞同/赞成/认同 "approve of", "endorse"; releases say "agreed",
    "supports" (李四表示赞同 ↔ Li Si agreed scored 0.04-0.33)."""
    for word in ("赞同", "赞成", "认同"):
        assert english_key("agree") in keys_of(word) and english_key("support") in keys_of(word)
    assert english_key("approve") in keys_of("赞同")       # CC-CEDICT's own glosses are kept
    assert english_key("commend") in keys_of("赞赏") and english_key("appreciate") in keys_of("赞赏")
