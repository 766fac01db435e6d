"""PO glossaries: our own layout and PO files from other tools."""
from __future__ import annotations

import io

import polib
import pytest

from terms.errors import GlossaryError
from terms.formats import load_glossary, save_glossary


def test_written_po_reads_as_a_translation_list(mini, tmp_path):
    buffer = io.BytesIO()
    save_glossary(mini, buffer, "po")
    path = tmp_path / "g.po"
    path.write_bytes(buffer.getvalue())
    entries = {e.msgctxt: e for e in polib.pofile(str(path))}
    assert entries["vice-premier"].msgid == "副总理"
    assert entries["vice-premier"].msgstr == "Vice Premier"
    assert load_glossary(path).concepts == mini.concepts


def test_po_from_another_tool(tmp_path):
    path = tmp_path / "other.po"
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    "# a translator's remark\nmsgid \"外长\"\nmsgstr \"Foreign Minister\"\n\n"
                    '#, fuzzy\nmsgid "总理"\nmsgstr "Premier"\n\n'
                    '#~ msgid "旧"\n#~ msgstr "old"\n', encoding="utf-8")
    glossary = load_glossary(path)
    assert [(t.lang, t.text, t.status) for c in glossary for t in c.terms] == [
        ("zh", "外长", "preferred"), ("en", "Foreign Minister", "preferred"),
        ("zh", "总理", "preferred"), ("en", "Premier", "admitted")]
    assert glossary.concepts[0].note == "a translator's remark"


def test_po_errors_name_the_line(tmp_path):
    path = tmp_path / "bad.po"
    path.write_text('msgid "外长"\nmsgstr "Foreign Minister"\n\nmsgid "总理"\nmsgstr "x"\n'
                    "garbage\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="PO syntax error") as caught:
        load_glossary(path)
    assert caught.value.path == str(path) and caught.value.line == 6
    path.write_text('msgctxt "a"\nmsgid "外长"\nmsgstr "x"\n\nmsgctxt "a"\nmsgid "总理"\n'
                    'msgstr "y"\n', encoding="utf-8")
    with pytest.raises(GlossaryError, match="duplicated concept id 'a'") as caught:
        load_glossary(path)
    assert caught.value.line == 5
    path.write_text('#. term: {"text": "外长", "lang": "zh", "status": "banned"}\n'
                    'msgid "外长"\nmsgstr ""\n', encoding="utf-8")
    with pytest.raises(GlossaryError, match="unknown status 'banned'"):
        load_glossary(path)


def test_po_glossary_passes_msgfmt_check_without_warnings(tmp_path, mini):
    import shutil
    import subprocess
    if shutil.which("msgfmt") is None:
        pytest.skip("gettext's msgfmt is not installed (scripts/test installs it)")
    path = tmp_path / "terms.po"
    with open(path, "wb") as stream:
        save_glossary(mini, stream, "po")
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 0 and "warning" not in result.stderr, result.stderr


def test_po_from_english_into_chinese_takes_english_as_its_source(tmp_path):
    """The usual PO direction: English msgids, Language: zh_CN, no X-Source-Language."""
    path = tmp_path / "en-zh.po"
    path.write_text('msgid ""\nmsgstr ""\n"Language: zh_CN\\n"\n'
                    '"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    'msgid "State Councilor"\nmsgstr "国务委员"\n', encoding="utf-8")
    [concept] = load_glossary(path).concepts
    assert [(t.lang, t.text) for t in concept.terms] == [("en", "State Councilor"),
                                                        ("zh", "国务委员")]
