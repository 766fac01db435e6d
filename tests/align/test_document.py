"""Documents from files and strings: sentences, paragraphs, lines, kinds, presplit, errors."""
from __future__ import annotations

from pathlib import Path

import pytest

from align.document import document_from_text, read_document
from align.errors import DocumentError
from align.kinds import classify, is_dateline

FIXTURES = Path(__file__).parent / "fixtures" / "reading"

RELEASE_EN = """Wang Yi Holds Talks with the Foreign Minister of Norland
March 2, 2022

On March 2, 2022, Wang Yi held talks with the Foreign Minister of Norland. The two sides agreed to deepen cooperation.

Trade and Energy

Trade grew by 12 percent last year. Both sides will open three new channels for exchanges.
"""

RELEASE_ZH = """王毅同北国外长会谈
2022年3月2日

2022年3月2日，王毅同北国外长举行会谈。双方同意深化合作。

（一）经贸与能源

去年双边贸易增长百分之十二。双方将开辟三条交流新渠道。
"""


def test_english_release_sentences_paragraphs_lines_and_kinds():
    doc = document_from_text(RELEASE_EN, name="release.en.txt")
    assert doc.lang == "en" and doc.name == "release.en.txt"
    assert [(s.text[:24], s.paragraph, s.line, s.kind) for s in doc.sentences] == [
        ("Wang Yi Holds Talks with", 0, 1, "title"),
        ("March 2, 2022", 1, 2, "dateline"),
        ("On March 2, 2022, Wang Y", 2, 4, "body"),
        ("The two sides agreed to ", 2, 4, "body"),
        ("Trade and Energy", 3, 6, "heading"),
        ("Trade grew by 12 percent", 4, 8, "body"),
        ("Both sides will open thr", 4, 8, "body"),
    ]


def test_chinese_release_matches_the_english_structure():
    zh = document_from_text(RELEASE_ZH)
    en = document_from_text(RELEASE_EN)
    assert zh.lang == "zh"
    assert [(s.paragraph, s.kind) for s in zh.sentences] == [
        (s.paragraph, s.kind) for s in en.sentences]
    assert zh.sentences[4].text == "（一）经贸与能源"


def test_read_document_from_a_gbk_file(tmp_path):
    path = tmp_path / "release.zh.txt"
    path.write_bytes(RELEASE_ZH.encode("gbk"))
    doc = read_document(path)
    assert doc.lang == "zh" and doc.name == str(path)
    assert doc.texts == document_from_text(RELEASE_ZH).texts


@pytest.mark.parametrize("tag, lang", [("zh-CN", "zh"), ("zh_Hans", "zh"), ("ZH", "zh"),
                                       ("cmn", "zh"), ("en-US", "en"), ("eng", "en")])
def test_language_tags_are_languages(tag, lang):
    """--src-lang zh-CN (the tag a memory carries) means Chinese, as zh does."""
    assert document_from_text("APEC. G20. WTO.", lang=tag).lang == lang


def test_language_can_be_given():
    doc = document_from_text("APEC. G20. WTO.", lang="zh")
    assert doc.lang == "zh"
    with pytest.raises(DocumentError):
        document_from_text("text", lang="fr")


def test_presplit_keeps_every_line_exactly(tmp_path):
    lines = ["Title Without Punctuation", "  Mr. Smith arrived.  He sat down.  ",
             "第一句。第二句。", "", "After a blank line."]
    path = tmp_path / "gold.en"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    doc = read_document(path, presplit=True, lang="en")
    assert doc.texts == ["Title Without Punctuation", "Mr. Smith arrived.  He sat down.",
                         "第一句。第二句。", "After a blank line."]
    assert [s.line for s in doc.sentences] == [1, 2, 3, 5]
    assert [s.paragraph for s in doc.sentences] == [0, 0, 0, 1]
    assert doc.sentences[0].kind == "title"


def test_presplit_html_takes_each_paragraph_as_one_sentence():
    doc = read_document(FIXTURES / "mfa_en.html", presplit=True)
    assert len(doc) == 7
    assert doc.sentences[3].text.startswith("Wang Yi said that this year marks")
    assert doc.sentences[3].text.endswith("to both peoples.")


@pytest.mark.parametrize("name", ["mfa_en.html", "mfa_zh.html"])
def test_html_documents(name):
    doc = read_document(FIXTURES / name)
    assert [s.kind for s in doc.sentences[:3]] == ["title", "dateline", "body"]
    assert len(doc) == 9
    assert doc.sentences[3].paragraph == doc.sentences[4].paragraph == 3


def test_fmt_overrides_the_extension(tmp_path):
    path = tmp_path / "page.txt"
    path.write_text("<html><body><h1>A Title</h1><p>One sentence. Two sentences.</p></body></html>",
                    encoding="utf-8")
    assert read_document(path, fmt="html").texts == ["A Title", "One sentence.", "Two sentences."]
    assert read_document(path).texts[0].startswith("<html>")


@pytest.mark.parametrize("content,message", [
    (b"", "empty document"),
    (b"\n \n\t\n", "empty document"),
    (b"<html><body><nav><a href='/'>Home</a></nav><script>x()</script></body></html>",
     "no text left"),
    (b"\x00\x01binary\x00", "binary"),
    (b"caf\xe9 \xff\xfe \x81\x82\x83\x84", "cannot decode"),
])
def test_unusable_documents(tmp_path, content, message):
    path = tmp_path / ("doc.html" if content.startswith(b"<html") else "doc.txt")
    path.write_bytes(content)
    with pytest.raises(DocumentError) as info:
        read_document(path)
    assert str(info.value).startswith(str(path)) and message in str(info.value)


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(DocumentError, match="no such file"):
        read_document(tmp_path / "nope.txt")
    with pytest.raises(DocumentError, match="is a directory"):
        read_document(tmp_path)


@pytest.mark.parametrize("text,expected", [
    ("（2012年11月15日）", True), ("November 15, 2012", True), ("2022-01-11 14:10", True),
    ("2022年1月10日", True), ("Tashkent, July 29, 2022", True), ("Beijing, January 10, 2022", True),
    ("发布时间：2022-01-11 来源：外交部", True), ("May 2013", True),
    ("发布时间：2024-01-10 15:30 来源：外交部网站 【字体：大 中 小】", True),
    ("On January 10, 2022, the ministers met.", False), ("2022年", False),
    ("王毅同外长通电话", False), ("Trade and Energy", False),
])
def test_datelines(text, expected):
    assert is_dateline(text) is expected


def test_classify_kinds():
    texts = ["Title", "March 2, 2022", "Body sentence.", "A Heading", "Fellow deputies,",
             "Another body sentence."]
    assert classify(texts, "en") == ["title", "dateline", "body", "heading", "body", "body"]
    # when the document opens with body text there is no title
    assert classify(["Body first.", "A Heading"], "en") == ["body", "heading"]
    # the markup's word counts, but there is only one title
    assert classify(["A", "B", "C."], "en", ["title", "title", None]) == ["title", "heading", "body"]


def test_seed_release_reads_as_an_article(shared):
    doc = read_document(shared / "seeds" / "000_85437bb7518e084e.txt")
    assert doc.lang == "en"
    assert [s.kind for s in doc.sentences[:3]] == ["title", "dateline", "body"]
    assert not any("Suggest to a Friend" in s.text or "Contact Us" in s.text or "HOME" in s.text
                   for s in doc.sentences)


# --- the project's own sample corpus -----------------------------------------------------------

def _releases(corpora: Path) -> list[Path]:
    return sorted((corpora / "releases").glob("*.txt"))


def test_sample_releases_exist(corpora):
    assert len(_releases(corpora)) >= 8


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sample_releases_segment_as_hand_checked(corpora, lang):
    """read_document(NAME.xx.txt) gives exactly the lines of NAME.xx.sents, for every release."""
    checked = 0
    for path in _releases(corpora):
        if not path.name.endswith(f".{lang}.txt"):
            continue
        sents = path.with_suffix(".sents")
        want = sents.read_text(encoding="utf-8").splitlines()
        doc = read_document(path)
        assert doc.lang == lang, path.name
        assert doc.texts == want, path.name
        checked += 1
    assert checked >= 4


def test_sample_html_pages_read_like_their_text(corpora):
    """An HTML page of a release reads to the same paragraphs as its .txt."""
    pages = sorted((corpora / "releases").glob("*.html"))
    if not pages:
        pytest.skip("the sample corpus has no HTML pages")
    for page in pages:
        text = page.with_suffix(".txt")
        if not text.exists():
            continue
        from_html = read_document(page)
        from_text = read_document(text)
        assert from_html.texts == from_text.texts, page.name
        assert [s.paragraph for s in from_html.sentences] == [
            s.paragraph for s in from_text.sentences], page.name


def test_presplit_breaks_lines_only_at_line_breaks():
    # U+2028, NEL and form feed inside a line do not make two sentences (gold ids stay right)
    text = "First\u2028line.\r\nSecond\x85line.\rThird\x0cline.\n"
    doc = document_from_text(text, presplit=True, lang="en")
    assert doc.texts == ["First\u2028line.", "Second\x85line.", "Third\x0cline."]
    assert [s.line for s in doc.sentences] == [1, 2, 3]


INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad"


def test_invisible_characters_are_removed_from_sentences_lines_kept():
    # zero-width spaces, joiners, a stray U+FEFF and soft hyphens reached the memory's segments
    text = ("王毅同北国外长\u200b会谈\n2022年3月2日\n\n"
            "双方同意\u2060深化\ufeff合作。双方将开辟\u200d三条交流新渠道。\n"
            "\u200b\n"
            "去年双边贸易增长\u200c百分之十二。\n")
    doc = document_from_text(text)
    assert [(s.text, s.paragraph, s.line) for s in doc.sentences] == [
        ("王毅同北国外长会谈", 0, 1), ("2022年3月2日", 1, 2),
        ("双方同意深化合作。", 2, 4), ("双方将开辟三条交流新渠道。", 2, 4),
        ("去年双边贸易增长百分之十二。", 3, 6)]
    english = document_from_text("Both sides agreed to deepen inter\u00adnational co\u00adopera"
                                 "tion.\u200b Trade grew by 12 percent.\n")
    assert [s.text for s in english.sentences] == [
        "Both sides agreed to deepen international cooperation.", "Trade grew by 12 percent."]


#: every bidirectional control: marks, embeddings and overrides, isolates
BIDI = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@pytest.mark.parametrize("control", list(BIDI), ids=lambda c: f"U+{ord(c):04X}")
def test_bidi_controls_are_removed_with_the_other_invisible_characters(control):
    # U+202E makes "12 agreements" display reversed: what is shown is not what is checked
    doc = document_from_text(f"双方签署了{control}12项协议。\nThe two sides signed {control}12"
                             f"\u202c agreements.\n")
    assert doc.texts == ["双方签署了12项协议。", "The two sides signed 12 agreements."]


def test_invisible_characters_of_html_entities_are_removed():
    page = ("<html><body><article><h1>Wang Yi Meets the Foreign Minister&#8203;</h1>"
            "<p>The two sides agreed to deepen inter&shy;national cooperation&#8203;. Trade grew "
            "by 12&zwj; percent.</p></article></body></html>")
    doc = document_from_text(page, fmt="html")
    assert doc.sentences and not any(ch in s.text for s in doc.sentences for ch in INVISIBLE)


def test_presplit_keeps_invisible_characters():
    doc = document_from_text("双方同意\u200b深化合作。\nBoth sides agreed.\u00ad\n", presplit=True)
    assert [s.text for s in doc.sentences] == ["双方同意\u200b深化合作。", "Both sides agreed.\u00ad"]


def test_html_footnote_marks_stay_with_their_sentence():
    page = ("<html><body><article><h1>Talks in Norland</h1>"
            "<p>The two sides agreed to cooperate.<sup>1</sup> They agreed to meet again.<sup>"
            "<a href=\"#fn2\">12</a></sup> Trade reached 10<sup>6</sup> tonnes.<sup>[3]</sup> "
            "It grew.</p></article></body></html>")
    doc = document_from_text(page, fmt="html", lang="en")
    assert [s.text for s in doc.sentences][1:] == [
        "The two sides agreed to cooperate.\u00b9", "They agreed to meet again.\u00b9\u00b2",
        "Trade reached 10\u2076 tonnes.[3]", "It grew."]
