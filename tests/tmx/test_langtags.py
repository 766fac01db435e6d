"""Language tags: every alias seen in real memories maps to one BCP 47 tag."""
from __future__ import annotations

import pytest

from tmx.langtags import (is_valid_tag, looks_like_tag, normalize_tag, primary_language,
                          same_tag)


@pytest.mark.parametrize("code", ["zh", "zh-Hans", "zh_CN", "ZH-CN", "zh-cn", "chi", "zho",
                                  "cmn", "zh-Hans-CN", "zh_Hans_CN", " zh-CN ", "zh_CN.UTF-8"])
def test_simplified_chinese_aliases_become_zh_cn(code):
    assert normalize_tag(code) == "zh-CN"


@pytest.mark.parametrize("code, expected", [("zh-Hant", "zh-TW"), ("zh-TW", "zh-TW"),
                                            ("zh_tw", "zh-TW"), ("zh-Hant-TW", "zh-TW"),
                                            ("zh-HK", "zh-HK"), ("zh-Hant-HK", "zh-HK"),
                                            ("zh-Hans-HK", "zh-Hans-HK"), ("zh-SG", "zh-SG")])
def test_traditional_and_regional_chinese(code, expected):
    assert normalize_tag(code) == expected


@pytest.mark.parametrize("code, expected", [("en", "en-US"), ("EN", "en-US"), ("eng", "en-US"),
                                            ("en_US", "en-US"), ("en-gb", "en-GB"),
                                            ("EN-AU", "en-AU")])
def test_english_defaults_to_en_us_and_keeps_a_given_region(code, expected):
    assert normalize_tag(code) == expected


def test_defaults_are_configurable():
    assert normalize_tag("zh_CN", zh="zh-Hans") == "zh-Hans"
    assert normalize_tag("zh", zh="zh") == "zh"
    assert normalize_tag("zh-Hant", zh_traditional="zh-Hant") == "zh-Hant"
    assert normalize_tag("en", en="en") == "en"
    assert normalize_tag("en-GB", en="en") == "en-GB"


@pytest.mark.parametrize("code, expected", [("FR_fr", "fr-FR"), ("fre", "fr"), ("deu", "de"),
                                            ("sr-latn-rs", "sr-Latn-RS"), ("x-custom", "x-custom"),
                                            ("*all*", "*all*")])
def test_other_languages_are_only_case_normalised(code, expected):
    assert normalize_tag(code) == expected


@pytest.mark.parametrize("code, expected", [
    ("zh-cmn-Hans-CN", "zh-CN"),       # extended language subtag: Mandarin, Simplified, China
    ("zh-cmn-Hant-TW", "zh-TW"), ("zh-yue-HK", "yue-HK"),
    ("sgn-BE-FR", "sfb"),              # a redundant tag replaced by its preferred value
    ("iw", "he"), ("iw-IL", "he-IL"), ("in", "id"), ("i-klingon", "tlh"),  # deprecated codes
    ("de-de-1996", "de-DE-1996"), ("EN-gb-OED", "en-GB-oxendict"), ("es-419", "es-419"),
    ("zh-Latn-pinyin", "zh-Latn-pinyin"), ("en-US-x-twain", "en-US-x-twain")])
def test_bcp47_canonical_form(code, expected):
    assert normalize_tag(code) == expected


@pytest.mark.parametrize("code", ["", "12", "zh CN", "中文", "en--US"])
def test_garbage_is_refused(code):
    with pytest.raises(ValueError):
        normalize_tag(code)
    assert not is_valid_tag(code)


def test_helpers():
    assert primary_language("zh-Hant-TW") == "zh"
    assert primary_language("EN_gb") == "en"
    assert same_tag("zh_CN", "zh-Hans")
    assert not same_tag("zh-CN", "zh-TW")
    assert looks_like_tag("zh-CN") and looks_like_tag("zh_Hant_TW") and looks_like_tag("eng")
    assert not looks_like_tag("Hello") and not looks_like_tag("source")


@pytest.mark.parametrize("options", [{}, {"zh": "zh-Hans", "zh_traditional": "zh-Hant",
                                           "en": "en"}])
def test_common_tags_read_without_langcodes_normalise_as_langcodes_reads_them(options,
                                                                            monkeypatch):
    from tmx import langtags

    fast = {code: normalize_tag(code, **options) for code in langtags._SIMPLE}
    langtags._normalize.cache_clear()
    monkeypatch.setattr(langtags, "_SIMPLE", {})
    try:
        assert {code: normalize_tag(code, **options) for code in fast} == fast
    finally:
        langtags._normalize.cache_clear()
