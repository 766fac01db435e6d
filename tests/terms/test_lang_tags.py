"""Language tags with regions (zh-TW, en-GB …) survive every conversion; checks still read
any zh-* as Chinese and any en-* as English."""
from __future__ import annotations

import io

import pytest

from concord.cli import main
from terms.checks import Pair, check_pair
from terms.formats import load_glossary, save_glossary

REGIONS = "regions-v2.tbx"
WRITTEN = [("外交部長", "zh-TW"), ("外長", "zh-HK"), ("Foreign Secretary", "en-GB"),
           ("Foreign Minister", "en-US"), ("发言人", "zh"), ("spokesperson", "en")]


def tags(glossary) -> list[tuple[str, str]]:
    """(term, language tag as the file writes it) for every term."""
    return [(t.text, t.tag or t.lang) for c in glossary for t in c.terms]


def test_region_tags_are_read_as_written_and_matched_as_their_language(fixtures):
    glossary = load_glossary(fixtures / REGIONS)
    assert tags(glossary) == WRITTEN
    assert [t.lang for t in glossary.concept("fm").terms] == ["zh", "zh", "en", "en"]


@pytest.mark.parametrize("chain", [["tbx"], ["tbx2"], ["csv", "tbx"], ["tsv", "tbx2"],
                                   ["po", "tbx"]])
def test_region_tags_survive_conversion(fixtures, tmp_path, chain):
    original = load_glossary(fixtures / REGIONS)
    current = fixtures / REGIONS
    for n, fmt in enumerate(chain):
        out = tmp_path / f"step{n}.{'tbx' if fmt.startswith('tbx') else fmt}"
        assert main(["glossary", "convert", str(current), str(out), "--to", fmt]) == 0
        again = load_glossary(out)
        assert tags(again) == WRITTEN
        assert again.concepts == original.concepts
        current = out


def test_v2_to_v3_writes_one_language_section_per_tag(fixtures):
    from lxml import etree
    buffer = io.BytesIO()
    save_glossary(load_glossary(fixtures / REGIONS), buffer, "tbx")
    root = etree.fromstring(buffer.getvalue())
    xml_lang = "{http://www.w3.org/XML/1998/namespace}lang"
    sections = root.xpath("//t:conceptEntry[@id='fm']/t:langSec",
                          namespaces={"t": "urn:iso:std:iso:30042:ed-2"})
    assert [s.get(xml_lang) for s in sections] == ["zh-TW", "zh-HK", "en-GB", "en-US"]


def test_a_zh_tw_term_is_checked_against_chinese_text(fixtures):
    glossary = load_glossary(fixtures / REGIONS)

    def term_findings(source: str, target: str) -> list[tuple[str, str | None]]:
        return [(f.rule, f.concept) for f in check_pair(Pair("u1", source, target), glossary)
                if f.rule.startswith("term-")]

    assert term_findings("外交部長出席了會議。", "The Foreign Minister attended the meeting.") == []
    assert term_findings("外長出席了會議。", "The Foreign Secretary attended the meeting.") == []
    missing = [("term-missing", "fm")]
    assert term_findings("外交部長出席了會議。", "The head of diplomacy attended.") == missing
    assert term_findings("外交部长出席了会议。", "The head of diplomacy attended.") == missing


def test_a_foreign_po_keeps_the_tags_of_its_header(tmp_path):
    po = tmp_path / "other-tool.po"
    po.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                  '"Language: en_GB\\n"\n"X-Source-Language: zh_TW\\n"\n\n'
                  'msgid "外長"\nmsgstr "Foreign Secretary"\n', encoding="utf-8")
    glossary = load_glossary(po)
    assert tags(glossary) == [("外長", "zh-TW"), ("Foreign Secretary", "en-GB")]
    assert [t.lang for c in glossary for t in c.terms] == ["zh", "en"]


def test_glossary_tags_are_read_in_canonical_bcp47_form(tmp_path):
    csv = tmp_path / "tags.csv"
    csv.write_text("concept,category,lang,term,status\n"
                   "fm,title,zh-cmn-Hant-TW,外交部長,preferred\n"
                   "fm,title,ZH_hk,外長,admitted\n"
                   "fm,title,EN-gb,Foreign Secretary,admitted\n"
                   "fm,title,eng,Foreign Minister,preferred\n", encoding="utf-8")
    glossary = load_glossary(csv)
    assert tags(glossary) == [("外交部長", "zh-Hant-TW"), ("外長", "zh-HK"),
                              ("Foreign Secretary", "en-GB"), ("Foreign Minister", "en")]
    assert [t.lang for t in glossary.concept("fm").terms] == ["zh", "zh", "en", "en"]
    out = tmp_path / "tags.tbx"
    assert main(["glossary", "convert", str(csv), str(out)]) == 0
    assert tags(load_glossary(out)) == tags(glossary)
    assert b'xml:lang="zh-Hant-TW"' in out.read_bytes()
