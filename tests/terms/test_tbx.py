"""TBX v3 and v2 reading and writing, on the TBX samples in ../shared and our own glossary."""
from __future__ import annotations

import csv
import io

import pytest
from lxml import etree

from terms.errors import GlossaryError
from terms.formats import load_glossary, save_glossary

BASIC = "reference/sample_tbx_basic_DCA_example.tbx"
CORE = "reference/sample_tbx_core_structure_good.tbx"


def test_tbx_basic_statuses_and_fields(shared):
    glossary = load_glossary(shared / BASIC)
    assert glossary.meta["tbx-version"] == "3"
    first = glossary.concept("c1")
    en = first.terms_in("en")
    assert [(t.text, t.status) for t in en] == [("open cluster", "preferred"),
                                                ("galactic cluster", "superseded")]
    assert en[0].extra["partOfSpeech"] == "noun"
    assert first.extra["subjectField"] == "General"
    assert first.terms_in("es")[0].text == "cúmulo abierto"
    statuses = {t.status for c in glossary for t in c.terms}
    assert statuses <= {"preferred", "admitted", "deprecated", "superseded"}
    assert "deprecated" in statuses


def test_tbx_core_with_bom_and_no_statuses(shared):
    glossary = load_glossary(shared / CORE)
    c2 = glossary.concept("c2")
    assert [(t.text, t.status) for t in c2.terms_in("en")] == [
        ("circumstellar accretion disk", "preferred"), ("accretion disc", "admitted"),
        ("circumstellar disk", "admitted")]
    assert c2.note.startswith("G-Source:")


@pytest.mark.parametrize("fmt", ["tbx", "tbx2", "csv", "tsv", "po"])
def test_round_trips_lose_nothing(shared, mini, tmp_path, fmt):
    for glossary in (mini, load_glossary(shared / BASIC)):
        buffer = io.BytesIO()
        save_glossary(glossary, buffer, fmt)
        path = tmp_path / f"g.{'tbx' if fmt.startswith('tbx') else fmt}"
        path.write_bytes(buffer.getvalue())
        again = load_glossary(path)
        assert again.concepts == glossary.concepts


def test_written_tbx_is_tbx_basic_v3(mini):
    from lxml import etree
    buffer = io.BytesIO()
    save_glossary(mini, buffer, "tbx")
    root = etree.fromstring(buffer.getvalue())
    ns = {"t": "urn:iso:std:iso:30042:ed-2"}
    assert root.tag == "{urn:iso:std:iso:30042:ed-2}tbx" and root.get("type") == "TBX-Basic"
    statuses = root.xpath("//t:termNote[@type='administrativeStatus']/text()", namespaces=ns)
    assert set(statuses) == {"preferredTerm-admn-sts", "admittedTerm-admn-sts",
                             "deprecatedTerm-admn-sts"}
    scoped = root.xpath("//t:conceptEntry[@id='vice-premier-kz']//t:note/text()", namespaces=ns)
    assert "concord-scope: 哈萨克斯坦" in scoped


TBX2 = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en"><text><body>
<termEntry id="t1"><descrip type="subjectField">title</descrip>
 <langSet xml:lang="zh-CN"><tig><term>外长</term></tig></langSet>
 <langSet xml:lang="en-US">
  <tig><term>Foreign Minister</term><termNote type="usageStatus">preferred</termNote></tig>
  <ntig><termGrp><term>Foreign Secretary</term>
   <termNote type="usageStatus">deprecated</termNote></termGrp></ntig>
 </langSet></termEntry>
</body></text></martif>
"""


def test_tbx2_with_usage_status_and_ntig(tmp_path):
    path = tmp_path / "v2.tbx"
    path.write_text(TBX2, encoding="utf-8")
    concept = load_glossary(path).concept("t1")
    assert concept.category == "title"
    assert [(t.lang, t.text, t.status) for t in concept.terms] == [
        ("zh", "外长", "preferred"), ("en", "Foreign Minister", "preferred"),
        ("en", "Foreign Secretary", "deprecated")]


@pytest.mark.parametrize("text, line, words", [
    (TBX2.replace("</termEntry>", "</termEntr>"), 9, "malformed TBX"),
    (TBX2.replace(">deprecated<", ">discouraged<"), 8, "unknown usageStatus value 'discouraged'"),
    (TBX2.replace("</body>", '<termEntry id="t1"><langSet xml:lang="en"><tig><term>x</term>'
                  "</tig></langSet></termEntry>\n</body>"), 10, "duplicated concept id 't1'"),
    ('<?xml version="1.0"?>\n<glossary/>\n', 2, "not a TBX file"),
])
def test_bad_tbx_names_file_and_line(tmp_path, text, line, words):
    path = tmp_path / "bad.tbx"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GlossaryError) as caught:
        load_glossary(path)
    assert caught.value.path == str(path)
    assert caught.value.line == line
    assert words in str(caught.value)


def test_entities_are_not_expanded(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read me", encoding="utf-8")
    path = tmp_path / "xxe.tbx"
    path.write_text(f"""<?xml version="1.0"?>
<!DOCTYPE tbx [<!ENTITY leak SYSTEM "file://{secret}">]>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic"><text><body>
<conceptEntry id="c1"><langSec xml:lang="en"><termSec><term>a &leak; b</term></termSec>
</langSec></conceptEntry></body></text></tbx>
""", encoding="utf-8")
    # refused outright, as TMX does: a term holding '&leak;' as text would be matched as such
    with pytest.raises(GlossaryError, match="declares entities") as caught:
        load_glossary(path)
    assert "do not read me" not in str(caught.value) and caught.value.line == 1


def test_tbx2_normative_authorization_values(fixtures):
    """TBX v2 tools write ISO 12620's normativeAuthorization picklist (preferredTerm,
    standardizedTerm, admittedTerm, deprecatedTerm, supersededTerm), without -admn-sts."""
    concept = load_glossary(fixtures / "normative-v2.tbx").concept("councilor")
    assert [(t.lang, t.text, t.status) for t in concept.terms] == [
        ("zh", "国务委员", "preferred"), ("en", "State Councilor", "preferred"),
        ("en", "State Councillor", "admitted"), ("en", "State Counsellor", "deprecated"),
        ("en", "State Council Member", "superseded")]


def test_tbx3_dct_style_data_categories(fixtures):
    """TBX v3 in DCT style names data categories as elements of module namespaces
    (<basic:administrativeStatus>): a deprecated term must stay deprecated."""
    glossary = load_glossary(fixtures / "dct-style.tbx")
    concept = glossary.concept("fm")
    assert [(t.lang, t.text, t.status) for t in concept.terms] == [
        ("zh", "外长", "preferred"), ("en", "Foreign Minister", "preferred"),
        ("en", "Foreign Secretary", "deprecated")]
    assert concept.terms[1].extra == {"partOfSpeech": "noun"}
    assert concept.extra == {"subjectField": "diplomacy"}


def test_an_empty_status_is_the_default_status_and_a_lint_warning(tmp_path):
    from terms.lint import lint_glossary
    path = tmp_path / "empty.tbx"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n'
                    '<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">\n'
                    "<text><body><conceptEntry id=\"fm\">\n"
                    '<langSec xml:lang="zh"><termSec><term>外长</term></termSec></langSec>\n'
                    '<langSec xml:lang="en"><termSec><term>Foreign Minister</term>\n'
                    '<termNote type="administrativeStatus"></termNote></termSec>\n'
                    "<termSec><term>Foreign Secretary</term>\n"
                    '<termNote type="administrativeStatus"> </termNote></termSec></langSec>\n'
                    "</conceptEntry></body></text></tbx>\n", encoding="utf-8")
    glossary = load_glossary(path)
    # as if the element were absent: the first term of a language preferred, the others admitted
    assert [(t.text, t.status) for t in glossary.concept("fm").terms] == [
        ("外长", "preferred"), ("Foreign Minister", "preferred"), ("Foreign Secretary", "admitted")]
    issues = [(i.code, i.severity, i.line) for i in lint_glossary(glossary)]
    assert issues == [("empty-status", "warning", 5), ("empty-status", "warning", 7)]


TBX_NS = {"t": "urn:iso:std:iso:30042:ed-2"}


def _written(glossary, fmt: str) -> bytes:
    buffer = io.BytesIO()
    save_glossary(glossary, buffer, fmt)
    return buffer.getvalue()


def _notes_by_section(root) -> list[list[str]]:
    """The notes of every language section, in file order (either TBX version, namespace or
    not)."""
    sections = root.xpath("//*[local-name()='langSec' or local-name()='langSet']")
    return [[" ".join(n.text.split()) for n in s if etree.QName(n).localname == "note"]
            for s in sections]


def _statuses(root) -> list[str | None]:
    """The status written for every term, None where there is no status element."""
    out = []
    for holder in root.xpath("//*[local-name()='termSec' or local-name()='tig']"):
        found = holder.xpath("*[local-name()='termNote'][@type='administrativeStatus']/text()")
        out.append(found[0] if found else None)
    return out


@pytest.mark.parametrize("sample", [CORE, BASIC])
def test_a_tbx_round_trip_keeps_language_notes_back_matter_and_absent_statuses(shared, sample,
                                                                              tmp_path):
    source = etree.parse(str(shared / sample)).getroot()
    glossary = load_glossary(shared / sample)
    for fmt in ("tbx", "tbx2"):
        root = etree.fromstring(_written(glossary, fmt))
        assert _notes_by_section(root) == _notes_by_section(source)
        assert _statuses(root) == _statuses(source)   # none invented, none lost
        [back] = root.xpath("//*[local-name()='back']")
        section = "refObjectSec" if fmt == "tbx" else "refObjectList"
        assert back.xpath(f"*[local-name()='{section}']/*[local-name()='refObject']/@id") == [
            "pe324as3-9615-4d41-a9c8-30c36bffe0e6"]
        path = tmp_path / f"again-{fmt}.tbx"
        path.write_bytes(etree.tostring(root))
        assert load_glossary(path).concepts == glossary.concepts


def test_language_notes_and_statuses_survive_every_format(fixtures, tmp_path):
    glossary = load_glossary(fixtures / "notes-back.tbx")
    spokesperson = glossary.concept("spokesperson")
    assert spokesperson.extra["zh-note"] == "used for the Foreign Ministry's spokespeople"
    assert spokesperson.extra["en-note"] == ("lower case inside a sentence\n"
                                             "checked by the press office")
    assert [(t.text, t.status, t.status_given) for t in spokesperson.terms_in("en")] == [
        ("spokesperson", "preferred", False), ("spokesman", "deprecated", True),
        ("press secretary", "admitted", False)]
    original = etree.parse(str(fixtures / "notes-back.tbx")).getroot()
    root = etree.fromstring(_written(glossary, "tbx"))
    assert _notes_by_section(root) == _notes_by_section(original)
    assert _statuses(root) == _statuses(original) == [
        None, None, None, "deprecatedTerm-admn-sts", None, "admittedTerm-admn-sts", None]
    assert root.xpath("//t:back//t:item[@type='email']/text()", namespaces=TBX_NS) == [
        "desk@example.org"]
    # nor in CSV: an empty status reads as preferred there, so only admitted is written
    rows = list(csv.reader(io.StringIO(_written(glossary, "csv").decode())))
    assert [r[4] for r in rows[1:]] == ["", "admitted", "", "deprecated",
                                                     "admitted", "admitted", ""]
    # through CSV, TSV and PO the notes come back to their language sections
    for fmt in ("csv", "tsv", "po"):
        path = tmp_path / f"g.{fmt}"
        path.write_bytes(_written(glossary, fmt))
        again = load_glossary(path)
        assert again.concepts == glossary.concepts
        assert _notes_by_section(etree.fromstring(_written(again, "tbx"))) == \
            _notes_by_section(original)


def test_a_status_is_written_where_reading_would_not_give_it_back():
    from terms.glossary import Concept, Glossary, Term
    # the file gave no status, but the term now comes first of its language: admitted is kept
    concept = Concept("c", terms=[Term("外长", "zh"),
                                  Term("Foreign Secretary", "en", "admitted", status_given=False),
                                  Term("Foreign Minister", "en", "preferred", status_given=False)])
    root = etree.fromstring(_written(Glossary([concept]), "tbx"))
    assert _statuses(root) == ["preferredTerm-admn-sts", "admittedTerm-admn-sts",
                               "preferredTerm-admn-sts"]
