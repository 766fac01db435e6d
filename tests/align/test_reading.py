"""Reading documents: encodings, errors for unusable files, and paragraphs of txt, md and html."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from align.boilerplate import is_boilerplate
from align.decoding import decode_bytes
from align.errors import DocumentError
from align.plaintext import markdown_blocks, text_blocks
from align.reading import detect_format, extract_blocks, read_source

FIXTURES = Path(__file__).parent / "fixtures" / "reading"

ZH = "王毅同印度尼西亚外长通电话\n2022年1月21日\n\n双方同意加强务实合作，推动两国关系不断向前发展。\n"
ZH_SHORT = "双方同意加强交流。"
ZH_TRADITIONAL = "雙方同意加強務實合作，推動兩國關係不斷向前發展。\n"
EN = "Both sides \u201cagreed\u201d to deepen cooperation \u2014 fully.\n"
#: indented with ideographic spaces (U+3000) and holding 一 (U+4E00): zero low bytes in UTF-16
ZH_INDENTED = "\u3000\u3000双方一致同意加强合作。\n\u3000\u3000王毅表示赞同。\n"


# --- encodings -------------------------------------------------------------------------------

@pytest.mark.parametrize("text,data", [
    (ZH, ZH.encode("utf-8")),
    (ZH, codecs.BOM_UTF8 + ZH.encode("utf-8")),
    (ZH, codecs.BOM_UTF16_LE + ZH.encode("utf-16-le")),
    (ZH, codecs.BOM_UTF16_BE + ZH.encode("utf-16-be")),
    (ZH, ZH.encode("utf-16-le")),            # no byte-order mark: sniffed from the zero bytes
    (ZH, ZH.encode("utf-16-be")),
    (EN, EN.encode("utf-16-le")),
    (ZH_INDENTED, ZH_INDENTED.encode("utf-16-le")),  # zero bytes on both sides of code units
    (ZH_INDENTED, ZH_INDENTED.encode("utf-16-be")),
    (ZH, ZH.encode("gb18030")),
    (ZH, ZH.encode("gbk")),
    (ZH_SHORT, ZH_SHORT.encode("gbk")),      # short Chinese text, which detectors take for Korean
    (ZH_SHORT, ZH_SHORT.encode("gb2312")),
    (ZH_TRADITIONAL, ZH_TRADITIONAL.encode("big5")),
    ("雙方同意", "雙方同意".encode("big5")),
    (EN, EN.encode("cp1252")),
    (EN, EN.encode("gbk")),                  # English with curly quotes saved as GBK
    ("Le ministre a rencontré son homologue à Pékin.",
     "Le ministre a rencontré son homologue à Pékin.".encode("cp1252")),
])
def test_decoding(text, data):
    decoded, _ = decode_bytes(data, "doc.txt")
    assert decoded == text


@pytest.mark.parametrize("data,message", [
    (b"abc\x00\x01\x02def\x00", "binary file"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
    (bytes(range(1, 32)) * 20, "control bytes"),
    (b"Hello \xff\xfe\xfa world \x81\x82 again \x83", "cannot decode"),
    ("双方同意加强务实合作，推动两国关系发展。".encode() + b"\xff\xfe", "invalid UTF-8"),
    (codecs.BOM_UTF8 + b"abc \xff def", "byte-order mark"),
])
def test_unusable_bytes_are_errors_naming_the_file(data, message):
    with pytest.raises(DocumentError) as info:
        decode_bytes(data, "bad/doc.txt")
    text = str(info.value)
    assert text.startswith("bad/doc.txt")
    assert message in text
    assert "\n" not in text


@pytest.mark.parametrize("broken", [b"\xf4\x90\x80\x80", b"\xe7", b"\xc3", b"\xed\xa0\x80"],
                         ids=["beyond-U+10FFFF", "lone-E7", "lone-C3", "surrogate"])
@pytest.mark.parametrize("text", [
    "The two sides signed 12 agreements.\nThey agreed {} to deepen cooperation.\n",
    "The two sides \u201csigned\u201d 12 agreements.\nThey agreed {} to deepen cooperation.\n",
    "双方签署了12项协议。\n双方同意{}深化合作。\n",
], ids=["ascii", "curly-quotes", "chinese"])
def test_invalid_utf8_is_refused_with_line_and_column(text, broken):
    """Broken UTF-8 in an otherwise good file is not read as another encoding ("ç", Cyrillic)."""
    before, after = text.split("{}")
    data = before.encode("utf-8") + broken + after.encode("utf-8")
    with pytest.raises(DocumentError) as info:
        decode_bytes(data, "release.txt")
    column = len(before.split("\n")[-1].encode("utf-8")) + 1
    assert (info.value.path, info.value.line, info.value.column) == ("release.txt", 2, column)
    assert f"0x{broken[0]:02x}" in str(info.value)


def test_corrupted_utf8_error_gives_the_line(tmp_path):
    good = "第一行没有问题。\n第二行也没有问题。\n".encode()
    with pytest.raises(DocumentError) as info:
        decode_bytes(good + "第三行".encode() + b"\xc3(" + "坏了。".encode(), "x.txt")
    assert info.value.line == 3
    assert str(info.value).startswith("x.txt:3:")


# --- files -----------------------------------------------------------------------------------

def test_unusable_files(tmp_path):
    cases = {
        tmp_path / "missing.txt": "no such file",
        tmp_path: "is a directory",
    }
    (tmp_path / "empty.txt").write_bytes(b"")
    cases[tmp_path / "empty.txt"] = "empty document"
    (tmp_path / "blank.txt").write_text(" \n\u3000\n\t\n", encoding="utf-8")
    cases[tmp_path / "blank.txt"] = "empty document"
    for path, message in cases.items():
        with pytest.raises(DocumentError) as info:
            read_source(path)
        assert str(info.value).startswith(str(path)) and message in str(info.value)


def test_read_source_decodes_files(tmp_path):
    path = tmp_path / "release.zh.txt"
    path.write_bytes(ZH.encode("gb18030"))
    assert read_source(path) == ZH


@pytest.mark.parametrize("name,text,fmt", [
    ("a.html", "whatever", "html"), ("a.HTM", "x", "html"), ("a.md", "x", "md"),
    ("a.markdown", "x", "md"), ("a.txt", "<p>not html by name</p>", "txt"),
    ("a.zh", "<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
    ("a.en", "<div class='x'>text</div>", "html"), ("a.en", "Plain text. No markup.", "txt"),
])
def test_detect_format(name, text, fmt):
    assert detect_format(name, text) == fmt


# --- plain text ------------------------------------------------------------------------------

def test_plain_text_title_date_and_paragraphs():
    text = ("Wang Yi Holds Talks with the Foreign Minister of Norland\nMarch 2, 2022\n\n"
            "On March 2, the two ministers met in Beijing. They agreed on a plan.\n\n"
            "Both sides exchanged views.\n")
    blocks = text_blocks(text)
    assert [(b.text, b.line) for b in blocks] == [
        ("Wang Yi Holds Talks with the Foreign Minister of Norland", 1),
        ("March 2, 2022", 2),
        ("On March 2, the two ministers met in Beijing. They agreed on a plan.", 4),
        ("Both sides exchanged views.", 6),
    ]


def test_wrapped_english_lines_are_joined_with_their_line_numbers():
    text = ("The two sides agreed to strengthen cooperation in trade, energy and\n"
            "infrastructure, and to open three new channels for exchanges between the\n"
            "young people of the two countries. They also discussed regional issues.\n\n"
            "Next paragraph.\n")
    blocks = text_blocks(text)
    assert len(blocks) == 2
    first = blocks[0]
    assert first.text.startswith("The two sides agreed") and "and infrastructure" in first.text
    assert "the young people" in first.text
    assert first.line_at(first.text.index("infrastructure")) == 2
    assert first.line_at(first.text.index("They also")) == 3
    assert blocks[1].line == 5


def test_line_ending_in_a_hyphen_joins_without_a_space():
    text = "The two sides agreed to deepen China-\nKazakhstan cooperation in many fields.\n"
    assert [b.text for b in text_blocks(text)] == [
        "The two sides agreed to deepen China-Kazakhstan cooperation in many fields."]


def test_wrapped_chinese_lines_are_joined_without_a_space():
    text = ("双方一致同意，继续加强在经贸、能源、基础设施、人文等领域的务实合作，推动两国\n"
            "关系不断向前发展，为地区和平稳定作出新的贡献，共同应对各种风险和挑战。双方还\n"
            "就共同关心的国际和地区问题交换了意见。\n\n"
            "会谈前，王毅同对方举行了小范围会见，双方就进一步深化两国全面战略伙伴关系，\n"
            "推动各领域合作取得更多成果深入交换意见。\n")
    assert [b.text for b in text_blocks(text)] == [
        "双方一致同意，继续加强在经贸、能源、基础设施、人文等领域的务实合作，推动两国关系不断向前发展，"
        "为地区和平稳定作出新的贡献，共同应对各种风险和挑战。双方还就共同关心的国际和地区问题交换了意见。",
        "会谈前，王毅同对方举行了小范围会见，双方就进一步深化两国全面战略伙伴关系，"
        "推动各领域合作取得更多成果深入交换意见。"]


@pytest.mark.parametrize("text", [
    "Colleagues,\nIn September, the summit will be held.",              # a salutation
    "王毅同外长通电话\n2022年1月21日",                                      # title and date line
    "Wang Yi Holds Talks with Pakistani Foreign Minister\nJanuary 18, 2022",
    "下面我讲三点意见：\n（一）坚持互利共赢。\n（二）坚持开放包容。",            # a list
    "Priorities\n1. Trade.\n2. Energy.",
])
def test_line_breaks_that_separate_paragraphs(text):
    assert [b.text for b in text_blocks(text)] == text.splitlines()


def test_page_furniture_is_dropped_from_plain_text():
    text = ("Contact Us Links 中文\nHOME > China News\nWang Yi Speaks with a Minister\n"
            "2022-01-11 14:10\n\nThe two ministers spoke on the phone.\n\n[Suggest to a Friend]")
    assert [b.text for b in extract_blocks(text, "txt")] == [
        "Wang Yi Speaks with a Minister", "2022-01-11 14:10",
        "The two ministers spoke on the phone."]


@pytest.mark.parametrize("text", [
    "[Suggest to a Friend]", "【打印】 【关闭】", "[Print] [Close]", "Contact Us | Links | 中文",
    "HOME > China News", "当前位置：首页 > 外交动态 > 部长活动", "分享到：", "Share to: Weibo WeChat",
    "【字号 大 中 小】", "Font size: A+ A-", "返回顶部", "English", "打印本页　关闭窗口",
    # the QR-code prompt and the editor's credit that close Chinese government and news pages
    "扫一扫在手机打开当前页", "【责任编辑：张三】", "（责任编辑：欧阳明月）", "责编：李四",
    "Editor: Zhang San", "(Editor: Li Si)", "【字体：大 中 小】",
])
def test_furniture(text):
    assert is_boilerplate(text)


@pytest.mark.parametrize("text", [
    "Wang Yi said China is ready to work with Kazakhstan.", "王毅表示，中方愿同各方加强合作。",
    "Home Affairs Minister Visits China", "Close Cooperation Between China and Norland",
    "The two sides will share experience.", "China News",
    "编辑：这是一句很长的正文，说明编辑部门如何开展工作并且不应被删除。",
    "Editor: the newspaper will publish a correction on Monday.",
])
def test_not_furniture(text):
    assert not is_boilerplate(text)


# --- Markdown --------------------------------------------------------------------------------

def test_markdown_markup_is_removed():
    text = ("# 王毅同外长通电话\n\n2022年1月10日\n\n"
            "双方同意**加强**合作，推动[全面战略伙伴关系](https://example.invalid/p)\n"
            "不断发展。\n\n"
            "## Background\n\n"
            "- First *point*, with `code`.\n- Second [point](https://example.invalid).\n\n"
            "1. Numbered point.\n\n"
            "> A quoted sentence.\n\n"
            "```\nprint('dropped')\n```\n\n"
            "![a photo](photo.png) After the photo.\n")
    blocks = markdown_blocks(text)
    assert [(b.text, b.kind, b.line) for b in blocks] == [
        ("王毅同外长通电话", "title", 1),
        ("2022年1月10日", None, 3),
        ("双方同意加强合作，推动全面战略伙伴关系不断发展。", None, 5),
        ("Background", "heading", 8),
        ("First point, with code.", None, 10),
        ("Second point.", None, 11),
        ("1. Numbered point.", None, 13),
        ("A quoted sentence.", None, 15),
        ("After the photo.", None, 21),
    ]
    assert blocks[2].line_at(blocks[2].text.index("不断")) == 6


def test_markdown_wrapped_english_paragraph_is_one_paragraph():
    blocks = markdown_blocks("The two sides agreed\nto deepen cooperation.\nThey signed a plan.\n")
    assert [b.text for b in blocks] == [
        "The two sides agreed to deepen cooperation. They signed a plan."]


@pytest.mark.parametrize("fence", ["---", "+++"])
def test_markdown_front_matter_is_not_text(fence):
    # pages of static site generators (Hugo, Jekyll) open with YAML or TOML metadata
    sep = ":" if fence == "---" else " ="
    text = (f"{fence}\ntitle{sep} \"Talks\"\ndate{sep} 2024-01-10\n{fence}\n\n"
            "# 王毅同外长会谈\n\n双方同意加强合作。\n")
    blocks = markdown_blocks(text)
    assert [(b.text, b.kind, b.line) for b in blocks] == [
        ("王毅同外长会谈", "title", 6), ("双方同意加强合作。", None, 8)]


def test_a_rule_later_in_markdown_is_not_front_matter():
    blocks = markdown_blocks("双方同意加强合作。\n\n---\n\n王毅表示赞同。\n")
    assert [b.text for b in blocks] == ["双方同意加强合作。", "王毅表示赞同。"]


# --- HTML ------------------------------------------------------------------------------------

EN_PAGE = [
    ("Wang Yi Holds Talks with Icelandic Foreign Minister Kristin Olafsdottir", "title"),
    ("2023-03-14 18:05", None),
    ("On March 14, 2023, State Councilor and Foreign Minister Wang Yi held talks in Beijing with "
     "Icelandic Foreign Minister Kristin Olafsdottir, who is on an official visit to China.", None),
]
ZH_PAGE = [
    ("王毅同冰岛外长奥拉夫斯多蒂尔会谈", "title"),
    ("2023-03-14 18:05", None),
    ("2023年3月14日，国务委员兼外长王毅在北京同来华进行正式访问的冰岛外长奥拉夫斯多蒂尔举行会谈。", None),
]


@pytest.mark.parametrize("name,expected", [("mfa_en.html", EN_PAGE), ("mfa_zh.html", ZH_PAGE)])
def test_html_article_is_taken_and_furniture_dropped(name, expected):
    blocks = extract_blocks(read_source(FIXTURES / name), "html")
    assert [(b.text, b.kind) for b in blocks[:3]] == expected
    assert len(blocks) == 7  # title, date line and five body paragraphs
    everything = " ".join(b.text for b in blocks)
    for furniture in ("Suggest to a Friend", "Print", "Close", "Contact Us", "Sitemap",
                      "Related News", "Norwegian", "Copyright", "script", "font-size", "HOME",
                      "首页", "打印", "关闭", "分享", "版权", "网站地图", "外交动态", "字号", "Français"):
        assert furniture not in everything, furniture


def test_html_pages_in_both_languages_have_matching_paragraphs():
    en = extract_blocks(read_source(FIXTURES / "mfa_en.html"), "html")
    zh = extract_blocks(read_source(FIXTURES / "mfa_zh.html"), "html")
    assert len(en) == len(zh)
    assert [b.kind for b in en] == [b.kind for b in zh]
    assert zh[3].text.startswith("王毅表示，今年是中冰建交52周年。")  # the indent of 　　 is gone


def test_old_table_page_in_gbk_with_br_paragraphs():
    blocks = extract_blocks(read_source(FIXTURES / "old_table_zh.html"), "html")
    assert [b.text for b in blocks] == [
        "外交部副部长会见北国大使",
        "（2012年11月15日）",
        "11月15日，外交部副部长在北京会见北国新任驻华大使。",
        # a line break inside the HTML source between two Chinese characters leaves no space
        "副部长表示，中北两国是友好近邻，近年来双边关系保持良好发展势头。中方愿同北方一道，落实两国领导人达成的共识。",
        "大使表示，北方高度重视对华关系，愿为推动两国合作作出积极努力。",
    ]
    assert blocks[0].kind == "title"


def test_page_title_is_used_when_the_page_has_no_heading():
    blocks = extract_blocks(read_source(FIXTURES / "br_en.html"), "html")
    assert [(b.text, b.kind) for b in blocks[:2]] == [
        ("Vice Foreign Minister Meets with Ambassador of Norland", "title"),
        ("November 15, 2012", None)]
    assert blocks[3].text.startswith("The Vice Foreign Minister said that China and Norland")
    assert "bilateral relations have" in blocks[3].text  # wrapped source lines joined
    assert len(blocks) == 5


def test_html_lines_point_into_the_source():
    blocks = extract_blocks(read_source(FIXTURES / "mfa_en.html"), "html")
    source = (FIXTURES / "mfa_en.html").read_text(encoding="utf-8").splitlines()
    for block in blocks:
        assert block.line is not None
        assert block.text[:20] in source[block.line - 1]


def test_html5_article_with_header_time_sidebar_and_lists():
    blocks = extract_blocks(read_source(FIXTURES / "html5_zh.html"), "html")
    assert [(b.text, b.kind) for b in blocks] == [
        ("中方愿同各方加强合作", "title"),
        ("2023年3月15日 来源：示例新闻网", None),      # not the date in the top bar
        ("3月15日，外交部发言人在例行记者会上表示，中方愿同各方加强合作，共同应对全球性挑战。", None),
        ("关于气候变化", "heading"),
        ("发言人说，中方将继续落实有关承诺。中方已提前完成2020年气候行动目标。", None),
        ("一是加强政策沟通；", None),                  # list items are paragraphs
        ("二是深化务实合作。", None),
        ("发言人强调，各方应当相向而行。", None),        # <br> separates paragraphs
        ("合作是唯一正确的选择。", None),
    ]


def test_a_site_logo_in_a_first_level_heading_is_not_the_title():
    # the page header's <h1> holds only the linked site logo; the article's heading is an <h2>
    blocks = extract_blocks(read_source(FIXTURES / "logo_en.html"), "html")
    assert [(b.text, b.kind) for b in blocks] == [
        ("Vice Minister Meets Envoy of Norland", "title"),
        ("2023-05-04 16:20", None),
        ("On May 4, the Vice Minister met with the Special Envoy of Norland in Beijing.", None),
        ("The two sides exchanged views on bilateral relations. They agreed to keep in touch.",
         None),
    ]


@pytest.mark.parametrize("heading,title", [
    ("王毅同北国外长<br>举行会谈", "王毅同北国外长举行会谈"),
    ("Wang Yi Holds Talks<br/>with the Foreign Minister of Norland",
     "Wang Yi Holds Talks with the Foreign Minister of Norland"),
])
@pytest.mark.parametrize("outside", [False, True])  # the heading in the body's element or not
def test_a_line_break_inside_the_title_does_not_cut_it(heading, title, outside):
    body = "<p>双方举行会谈，同意深化合作。</p><p>双方还交换了意见。</p>"
    head = f"<h1>{heading}</h1><p>2022年3月2日</p>"
    page = (f"<html><body><div class='top'>{head}</div><div class='article'>{body}</div>"
            if outside else f"<html><body><div class='article'>{head}{body}</div>")
    blocks = extract_blocks(page + "</body></html>", "html")
    assert [(b.text, b.kind) for b in blocks[:2]] == [(title, "title"), ("2022年3月2日", None)]


def test_a_line_break_inside_the_date_line_is_a_space():
    page = ("<html><body><div class='top'><h1>Talks in Beijing</h1>"
            "<p class='info'>January 10, 2024<br>Source: MFA</p></div><div class='article'>"
            "<p>On January 10, the two ministers held talks in Beijing. They agreed.</p>"
            "<p>The two sides also exchanged views on issues of common concern.</p></div>"
            "</body></html>")
    blocks = extract_blocks(page, "html")
    assert blocks[1].text == "January 10, 2024 Source: MFA"


@pytest.mark.parametrize("html", [
    "", "<html></html>", "<html><body></body></html>", "<p>", "<<<>>>", "<html><body><div><p>未闭合",
    "\ufeff<?xml version='1.0' encoding='utf-8'?><html><body><p>Text.</p></body></html>",
])
def test_odd_html_does_not_crash(html):
    blocks = extract_blocks(html, "html")
    assert all(b.text.strip() for b in blocks)


def _nested(depth: int) -> str:
    return ("<html><body>" + "<div>" * depth + "<p>The two sides signed 12 agreements.</p>"
            + "</div>" * depth + "</body></html>")


def test_html_nested_deeper_than_libxml2s_default_is_read():
    # libxml2 stops at 256 levels without XML_PARSE_HUGE: the page was "empty"
    blocks = extract_blocks(_nested(400), "html")
    assert [b.text for b in blocks] == ["The two sides signed 12 agreements."]


def test_html_nested_beyond_the_maximum_is_an_error_naming_the_depth(tmp_path):
    from align.document import read_document
    from align.html_extract import MAX_DEPTH

    page = tmp_path / "deep.en.html"
    page.write_text("<html>\n<body>\n" + _nested(MAX_DEPTH + 100), encoding="utf-8")
    with pytest.raises(DocumentError) as info:
        read_document(page)
    assert (info.value.path, info.value.line) == (str(page), 3)
    assert f"more than {MAX_DEPTH} levels" in str(info.value)


def test_the_document_registry_holds_the_formats_the_command_line_offers():
    from align import INPUT_FORMATS
    from align.reading import REGISTRY
    assert tuple(REGISTRY) == INPUT_FORMATS
    for fmt in REGISTRY.values():
        for ext in fmt.extensions:
            assert detect_format(f"release{ext.upper()}", "plain words") == fmt.name
