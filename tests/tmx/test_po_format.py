"""PO files: what a translator sees (context, fuzzy, findings) and what is kept for the way back."""
from __future__ import annotations

import io

import polib
import pytest

from tmx.errors import TMXError
from tmx.model import Segment, Unit
from tmx.po import POWriter, read_po


def write_po(tmp_path, units, **options):
    path = tmp_path / "out.po"
    with open(path, "w", encoding="utf-8") as stream, \
            POWriter(stream, src_lang=options.pop("src_lang", "zh-CN"),
                     tgt_lang=options.pop("tgt_lang", "en-US"), **options) as writer:
        writer.write_all(units)
    return path


def test_entries_carry_context_fuzzy_and_findings(tmp_path, sample_units):
    po = polib.pofile(str(write_po(tmp_path, sample_units)))
    assert po.metadata["Language"] == "en_US"
    assert po.metadata["X-Source-Language"] == "zh_CN"
    first, second, third, fourth = po
    assert (first.msgctxt, first.msgid, first.msgstr) == (
        "harbour-2024, paragraph 0", "新港区今天正式开港。", "The new harbour district opened today.")
    assert "fuzzy" not in first.flags                       # confirmed, confident
    assert "fuzzy" in second.flags                          # unreviewed
    assert second.tcomment == "warning term-missing: 港区 has no rendering"
    assert "tmx-markup" in second.flags
    assert second.msgid == '请点击<bpt i="1" type="bold">&lt;b&gt;</bpt>保存<ept i="1">&lt;/b&gt;</ept>。'
    assert third.msgid == "" and third.msgctxt      # empty source: a context keeps it apart
    assert fourth.msgctxt == "harbour-2024"


def test_low_confidence_is_fuzzy_even_when_confirmed(tmp_path):
    unit = Unit.bilingual("u", "zh-CN", "一", "en-US", "One",
                          props=[("x-concord-status", "confirmed"),
                                 ("x-concord-confidence", "0.2")])
    [entry] = polib.pofile(str(write_po(tmp_path, [unit])))
    assert "fuzzy" in entry.flags
    [entry] = polib.pofile(str(write_po(tmp_path, [unit], fuzzy_below=0.1)))
    assert "fuzzy" not in entry.flags


def test_an_edited_unit_not_yet_confirmed_is_fuzzy(tmp_path):
    # the header says "fuzzy = not confirmed by a reviewer": an edit is not a confirmation
    units = [Unit.bilingual(f"u{n}", "zh-CN", text, "en-US", "One",
                            props=[("x-concord-status", status), ("x-concord-confidence", "0.9")])
             for n, (text, status) in enumerate([("一", "edited"), ("二", "confirmed")])]
    path = write_po(tmp_path, units)
    po = polib.pofile(str(path))
    assert "not confirmed" in po.header
    assert ["fuzzy" in entry.flags for entry in po] == [True, False]
    assert [u.prop("x-concord-status") for u in read_po(path)] == ["edited", "confirmed"]
    # the translator clears the flag in their editor: that confirms the edited unit
    po[0].flags.remove("fuzzy")
    po.save(str(path))
    assert [u.prop("x-concord-status") for u in read_po(path)] == ["confirmed", "confirmed"]


def test_units_without_concord_properties_are_not_fuzzy(tmp_path):
    [entry] = polib.pofile(str(write_po(tmp_path, [Unit.bilingual("u", "zh", "二", "en", "Two")])))
    assert entry.flags == []


def test_clashing_entries_get_the_tuid_in_their_context(tmp_path):
    units = [Unit.bilingual(f"d:{n}", "zh-CN", "谢谢。", "en-US", "Thank you.",
                            props=[("x-concord-doc", "d"), ("x-concord-paragraph", "2")])
             for n in (1, 2)]
    contexts = [e.msgctxt for e in polib.pofile(str(write_po(tmp_path, units)))]
    assert contexts == ["d, paragraph 2", "d, paragraph 2 [d:2]"]


def test_reading_back_gives_the_same_units(tmp_path, sample_units):
    back = list(read_po(write_po(tmp_path, sample_units)))
    for unit in back:
        unit.line = None
    assert back == sample_units


def test_clearing_fuzzy_in_an_editor_confirms_the_unit(tmp_path, sample_units):
    path = write_po(tmp_path, sample_units)
    po = polib.pofile(str(path), wrapwidth=0)
    po[1].flags.remove("fuzzy")
    po[1].msgstr = po[1].msgstr.replace("Please click", "Click")
    po.save(str(path))
    unit = list(read_po(path))[1]
    assert unit.prop("x-concord-status") == "confirmed"
    assert unit.text("en") == "Click Save."
    assert unit.segment("en").has_codes


def test_a_po_file_from_another_tool(tmp_path):
    path = tmp_path / "other.po"
    path.write_text('msgid ""\nmsgstr ""\n"Language: en\\n"\n"X-Source-Language: zh_CN\\n"\n'
                    '"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    '#. TRANSLATORS: a menu item\n#: ui/menu.c:12\n#, fuzzy\n'
                    'msgctxt "menu"\nmsgid "文件"\nmsgstr "File"\n', encoding="utf-8")
    [unit] = read_po(path)
    assert unit.text("zh-CN") == "文件" and unit.text("en-US") == "File"
    assert ("x-context", "menu") in unit.props
    assert ("x-po-reference", "ui/menu.c:12") in unit.props
    assert ("x-po-comment", "TRANSLATORS: a menu item") in unit.props
    assert ("x-po-fuzzy", "yes") in unit.props


def test_languages_missing_from_the_header_must_be_given(tmp_path):
    path = tmp_path / "bare.po"
    path.write_text('msgid "一"\nmsgstr "one"\n', encoding="utf-8")
    with pytest.raises(TMXError, match="does not say its languages"):
        read_po(path)
    [unit] = read_po(path, src_lang="zh", tgt_lang="en")
    assert unit.text("zh") == "一"


@pytest.mark.parametrize("content", ['msgstr "orphan"\n', 'msgid "a"\nmsgid "b"\nmsgstr ""\n',
                                     'msgid "a"\nmsgstr "b"\nnonsense here\n'])
def test_a_broken_po_file_is_an_error_with_its_path(tmp_path, content):
    path = tmp_path / "broken.po"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TMXError) as caught:
        list(read_po(path, src_lang="zh", tgt_lang="en"))
    assert caught.value.path == str(path)


def test_damaged_markup_is_an_error_naming_the_entry(tmp_path):
    path = tmp_path / "damaged.po"
    path.write_text('msgid ""\nmsgstr ""\n"Language: en\\n"\n"X-Source-Language: zh\\n"\n\n'
                    '#, tmx-markup\nmsgid "<bpt i=\\"1\\">x"\nmsgstr "y"\n', encoding="utf-8")
    with pytest.raises(TMXError, match="not well-formed") as caught:
        list(read_po(path))
    assert caught.value.line is not None


def test_writer_needs_both_languages():
    with pytest.raises(TMXError):
        POWriter(io.StringIO(), src_lang="zh", tgt_lang="")


def test_segments_are_plain_unless_codes(tmp_path):
    unit = Unit.bilingual("u", "zh-CN", "价格 < 100 & 更多", "en-US", Segment(("a < b",)))
    [entry] = polib.pofile(str(write_po(tmp_path, [unit])))
    assert entry.msgid == "价格 < 100 & 更多" and "tmx-markup" not in entry.flags


def test_a_translator_reads_confidence_bead_and_status_in_the_notes(tmp_path):
    """Poedit shows extracted comments as notes for translators: the first one says how sure
    the alignment is; reading the file back gives the unit unchanged."""
    unit = Unit.bilingual("d:7", "zh-CN", "双方同意加强合作。", "en-US",
                          "The two sides agreed to strengthen cooperation. They signed a plan.",
                          props=[("x-concord-doc", "d"), ("x-concord-paragraph", "3"),
                                 ("x-concord-bead", "1-2"), ("x-concord-confidence", "0.534"),
                                 ("x-concord-status", "unreviewed")])
    path = write_po(tmp_path, [unit])
    [entry] = polib.pofile(str(path))
    assert entry.comment.splitlines()[0] == "alignment confidence 0.53, 1-2 bead, unreviewed"
    [back] = read_po(path)
    assert (back.tuid, back.props, back.text("zh-CN"), back.text("en-US")) == (
        unit.tuid, unit.props, unit.text("zh-CN"), unit.text("en-US"))


def test_a_fuzzy_entry_from_another_tool_stays_fuzzy(tmp_path, fixtures):
    # PO → PO (or PO → TMX → PO): a translation its translator marked fuzzy must not come out
    # as a finished one
    units = list(read_po(fixtures / "poedit-wild.po"))
    po = polib.pofile(str(write_po(tmp_path, units)))
    fuzzy = {entry.msgid: "fuzzy" in entry.flags for entry in po}
    assert fuzzy["新港区于%s开放"] is True
    assert fuzzy["保存"] is False
    # the translator clears the flag in their editor: read back, the unit is no longer fuzzy
    for entry in po:
        entry.flags = [f for f in entry.flags if f != "fuzzy"]
    po.save(str(tmp_path / "cleared.po"))
    assert not any(unit.prop("x-po-fuzzy") for unit in read_po(tmp_path / "cleared.po"))


def test_nothing_a_foreign_entry_says_is_lost(fixtures):
    units = list(read_po(fixtures / "poedit-wild.po"))
    assert len(units) == 4                                  # the obsolete #~ entry is not read
    headline, button, lines, ships = units
    assert ("x-po-flag", "python-format") in headline.props
    assert ("x-po-previous-msgctxt", "banner") in headline.props
    assert ("x-po-previous-msgid", "港口于%s开放") in headline.props
    assert button.text("en-US") == "" and ("x-context", "button") in button.props
    assert lines.text("zh-CN") == "第一行\n第二行" and lines.text("en-US") == "First line\nsecond line"
    assert ships.text("en-US") == "%d ship in port"
    assert ("x-po-msgid-plural", "%d 艘船靠港") in ships.props
    assert ("x-po-msgstr[1]", "%d ships in port") in ships.props


@pytest.mark.parametrize("content, line", [
    ('msgid "一"\nmsgstr "one"\n\nmsgid "二\nmsgstr "two"\n', 4),
    ('msgid "一"\nmsgstr "one\n\nmsgid "二"\nmsgstr "two"\n', 2),
    ('msgid "一"\nmsgstr ""\n"one\n', 3),
    ('msgid "一"\nmsgstr "one" extra\n', 2)])
def test_an_unterminated_string_is_an_error_not_a_lost_entry(tmp_path, content, line):
    # polib reads these without complaint, losing the entry or its translation; msgfmt refuses
    path = tmp_path / "broken.po"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(TMXError, match="string") as caught:
        list(read_po(path, src_lang="zh", tgt_lang="en"))
    assert (caught.value.path, caught.value.line) == (str(path), line)


def test_escaped_quotes_and_comments_are_not_taken_for_broken_strings(tmp_path):
    path = tmp_path / "fine.po"
    path.write_text('# a "comment with one quote\n#. tmx-note: "x\n'
                    'msgid "他说\\"好\\""\nmsgstr "He said \\"yes\\" \\\\"  \n', encoding="utf-8")
    [unit] = read_po(path, src_lang="zh", tgt_lang="en")
    assert unit.text("en") == 'He said "yes" \\'


def test_a_big5_po_file_whose_string_ends_in_a_backslash_byte(tmp_path):
    # 許 is B3 5C in Big5: its second byte is a backslash, which must not hide the closing quote
    path = tmp_path / "big5.po"
    path.write_bytes('msgid ""\nmsgstr ""\n"Language: zh_TW\\n"\n"X-Source-Language: en\\n"\n'
                     '"Content-Type: text/plain; charset=BIG5\\n"\n\nmsgid "allowed"\n'
                     'msgstr "許"\n'.encode("big5"))
    [unit] = read_po(path)
    assert unit.text("zh-TW") == "許"
