"""The glossary model read from CSV/TSV: statuses, scopes, anchors, and errors with file and line."""
from __future__ import annotations

import codecs
import io

import pytest

from terms.csvfile import parse_csv, write_csv
from terms.errors import GlossaryError
from terms.formats import load_glossary

HEADER = "concept,category,lang,term,status,scope,case_sensitive,note\n"


def test_concepts_terms_and_statuses(mini):
    assert len(mini) == 8
    vp = mini.concept("vice-premier")
    assert vp.category == "title"
    assert [t.text for t in vp.terms_in("zh")] == ["副总理"]
    assert vp.preferred("en").text == "Vice Premier"
    assert [t.status for t in vp.terms_in("en")] == ["preferred", "deprecated"]
    assert mini.concept("belt-road").terms_in("en")[1].status == "deprecated"  # "forbidden"
    assert mini.concept("apec").terms_in("en")[0].case_sensitive
    assert mini.concept("vice-premier-kz").scopes == ["哈萨克斯坦"]
    assert mini.concept("partner-permanent").terms[0].note == "the highest designation"


def test_anchor_pairs_give_allowed_renderings_of_unscoped_concepts(mini):
    pairs = dict(mini.anchor_pairs())
    assert pairs["国务委员兼外长"] == ["State Councilor and Foreign Minister",
                                  "State Councillor and Foreign Minister"]
    assert pairs["副总理"] == ["Vice Premier"]  # the scoped Kazakh concept is left out
    assert "One Belt One Road" not in pairs["一带一路"]


def test_tsv_reads_like_csv(tmp_path, mini):
    path = tmp_path / "g.tsv"
    buffer = io.BytesIO()
    write_csv(mini, buffer, delimiter="\t")
    path.write_bytes(buffer.getvalue())
    assert load_glossary(path).concepts == mini.concepts


@pytest.mark.parametrize("rows, line, words", [
    ("c1,title,zh,外长,preferred,,,\nc1,title,en,Foreign Minister,recommended,,,\n", 3,
     "unknown status 'recommended'"),
    ("c1,title,zh,外长,,,,\nc2,title,zh,总理,,,,\nc1,title,en,Foreign Minister,,,,\n", 4,
     "duplicated concept id 'c1'"),
    ("c1,title,zh,外长,,,,\nc1,title,en,\"Foreign Minister,,,,\n", 3, "syntax error"),
    ("c1,title,zh,外长,,,\n", 2, "7 fields where the header has 8"),
    ("c1,rank,zh,外长,,,,\n", 2, "unknown category 'rank'"),
    ("c1,title,zh,外长,,[,,\n", 2, "not a valid regular expression"),
    ("c1,title,zh,外长,,,maybe,\n", 2, "case_sensitive"),
])
def test_bad_glossaries_name_file_and_line(tmp_path, rows, line, words):
    path = tmp_path / "bad.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    with pytest.raises(GlossaryError) as caught:
        load_glossary(path)
    assert caught.value.path == str(path)
    assert caught.value.line == line
    assert words in str(caught.value)
    assert str(caught.value).startswith(f"{path}:{line}: ")


def test_missing_header_column_and_non_utf8(tmp_path):
    path = tmp_path / "nohead.csv"
    path.write_text("id,lang,text\nc1,zh,外长\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="lacks column"):
        load_glossary(path)
    path = tmp_path / "gbk.csv"
    path.write_bytes((HEADER + "c1,title,zh,外长,,,,\n").encode("gbk"))
    with pytest.raises(GlossaryError, match="not UTF-8") as caught:
        load_glossary(path)
    assert caught.value.line == 2


def test_extra_columns_and_bom_survive(tmp_path):
    text = "\ufeff" + HEADER.rstrip("\n") + ",source\nc1,title,zh,外长,,,,,MFA list\n"
    glossary = parse_csv(text)
    assert glossary.concepts[0].terms[0].extra == {"source": "MFA list"}
    out = io.BytesIO()
    write_csv(glossary, out)
    assert parse_csv(out.getvalue().decode()).concepts == glossary.concepts


def test_unknown_file_kinds(tmp_path):
    with pytest.raises(GlossaryError, match="no such file"):
        load_glossary(tmp_path / "absent.csv")
    with pytest.raises(GlossaryError, match="directory"):
        load_glossary(tmp_path)


@pytest.mark.parametrize("encoding, bom", [
    ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE),
    ("utf-16-le", b""), ("utf-8", codecs.BOM_UTF8)])
def test_unicode_glossaries_as_excel_saves_them(tmp_path, fixtures, encoding, bom):
    """Excel's "Unicode text" is UTF-16 with a byte-order mark (and tabs); its "CSV UTF-8" has a
    UTF-8 mark; Windows line endings throughout. Each reads as the UTF-8 original does."""
    text = (fixtures / "mini.csv").read_text(encoding="utf-8")
    original = load_glossary(fixtures / "mini.csv")
    for name, body in (("g.csv", text), ("g.tsv", text.replace(",", "\t"))):
        path = tmp_path / name
        path.write_bytes(bom + body.replace("\n", "\r\n").encode(encoding))
        glossary = load_glossary(path)
        assert [(c.id, [(t.lang, t.text, t.status, t.note) for t in c.terms])
                for c in glossary.concepts] == [
            (c.id, [(t.lang, t.text, t.status, t.note) for t in c.terms])
            for c in original.concepts]


def test_semicolon_separated_csv_as_european_excel_saves_it(tmp_path, fixtures):
    text = (fixtures / "mini.csv").read_text(encoding="utf-8")
    path = tmp_path / "terms.csv"
    path.write_text(text.replace(",", ";"), encoding="utf-8")
    original = load_glossary(fixtures / "mini.csv")
    glossary = load_glossary(path)
    assert [(c.id, [(t.text, t.status, t.scope) for t in c.terms]) for c in glossary.concepts] == \
        [(c.id, [(t.text, t.status, t.scope) for t in c.terms]) for c in original.concepts]


def test_semicolon_csv_with_every_cell_quoted(tmp_path):
    """LibreOffice and Excel can quote every text cell, the header's too."""
    path = tmp_path / "quoted.csv"
    path.write_bytes(codecs.BOM_UTF8 + '"concept";"lang";"term";"note"\r\n'
                     '"sp";"zh";"战略伙伴关系";"a note; with a semicolon, and a comma"\r\n'
                     '"sp";"en";"strategic partnership";""\r\n'.encode())
    [concept] = load_glossary(path).concepts
    assert [(t.lang, t.text) for t in concept.terms] == [("zh", "战略伙伴关系"),
                                                        ("en", "strategic partnership")]
    assert concept.terms[0].note == "a note; with a semicolon, and a comma"


@pytest.mark.parametrize("suffix, separator", [("tsv", "\t"), ("csv", ",")])
def test_a_bare_quote_in_a_term_says_how_to_write_it(tmp_path, suffix, separator):
    path = tmp_path / f"terms.{suffix}"
    path.write_text(separator.join(["concept", "lang", "term"]) + "\n"
                    + separator.join(["bri", "en", "Belt and Road Initiative"]) + "\n"
                    + separator.join(["bri", "zh", '"一带一路"倡议']) + "\n", encoding="utf-8")
    with pytest.raises(GlossaryError) as caught:
        load_glossary(path)
    assert caught.value.line == 3
    message = str(caught.value)
    assert '"""一带一路""倡议"' in message and "\t" not in message


def test_a_sheet_sorted_by_language_says_what_happened_and_how_to_fix_it(tmp_path):
    path = tmp_path / "sorted.csv"
    path.write_text(HEADER + "fm,title,en,Foreign Minister,,,,\npm,title,en,Premier,,,,\n"
                    "fm,title,zh,外长,,,,\npm,title,zh,总理,,,,\n", encoding="utf-8")
    with pytest.raises(GlossaryError) as caught:
        load_glossary(path)
    assert caught.value.line == 4
    message = str(caught.value)
    assert "duplicated concept id 'fm'" in message
    assert "rows at line 2 and again at line 4, with other concepts' rows between" in message
    assert "sorted by lang" in message and "sort the sheet by concept" in message
    # two concepts given one id by mistake: no talk of sorting, the fix named
    path.write_text(HEADER + "fm,title,en,Foreign Minister,,,,\nfm,title,zh,外长,,,,\n"
                    "pm,title,en,Premier,,,,\nfm,title,en,Premier,,,,\n", encoding="utf-8")
    with pytest.raises(GlossaryError) as caught:
        load_glossary(path)
    message = str(caught.value)
    assert "rows at lines 2-3 and again at line 5" in message and "sorted by" not in message
    assert "keep a concept's rows together" in message and "different ids" in message
