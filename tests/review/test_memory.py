"""Reviewing a memory loses nothing: inline codes, props, notes, tuid, attributes, other languages.

``fixtures/coded.tmx`` (written by hand) holds every kind of inline code, unit and variant
properties, notes and attributes, a third language, a unit with one language only and a side that
holds a code but no text. The expected units are always the ``tmx`` reader's own reading of it.
"""
from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest

from concord.cli import main
from concord.review.export import NOTE_PREFIX, export_review
from concord.review.journal import ReviewFile
from concord.review.memory import split_segment
from concord.review.model import EditError
from concord.review.operations import Confirm, EditText, Merge, MoveSentence, Split
from concord.review.sources import session_from_memory
from tests.review.sample import FIXTURES
from tmx.inline import segment_from_markup, segment_to_markup
from tmx.model import Unit
from tmx.reader import TMXReader, iter_units

CODED = FIXTURES / "coded.tmx"


def read(path: Path) -> list[Unit]:
    return list(iter_units(path))


def without_review_marks(unit: Unit, original: Unit) -> Unit:
    """``unit`` less what a review adds on purpose: finding notes, and the status property
    (put back as ``original`` had it)."""
    other = copy.deepcopy(unit)
    status = original.prop("x-concord-status")
    if status is None:
        other.props = [(k, v) for k, v in other.props if k != "x-concord-status"]
    else:
        other.set_prop("x-concord-status", status)
    other.notes = [n for n in other.notes if not n.startswith(NOTE_PREFIX)]
    return other


def same_units(exported: list[Unit], original: list[Unit]) -> bool:
    """True when ``exported`` are ``original`` but for the review's status and finding notes."""
    return len(exported) == len(original) and all(
        without_review_marks(e, o) == o for e, o in zip(exported, original))


def status_of(unit: Unit) -> str | None:
    return unit.prop("x-concord-status")


@pytest.fixture
def session():
    return session_from_memory(str(CODED), meta={"doc_id": "coded"})


def test_the_memory_is_read_into_sentences_with_their_codes(session):
    assert [b.kind for b in session.beads] == ["1-1", "2-1", "1-1", "1-0", "1-1", "1-1"]
    assert session.tokens("src", 0) == "⟦1⟧海港国外长⟦/1⟧访问北京"
    assert session.text("src", 0) == "海港国外长访问北京"
    # the 2-1 unit is split back into its sentences, its placeholder in the second one
    assert [session.tokens("src", i) for i in (1, 2)] == ["双方举行了会谈。", "会谈持续⟦1/⟧小时。"]
    assert session.tokens("tgt", 3) == "Trade between the two countries grew by ⟦1/⟧12 percent⟦2/⟧."
    assert session.meta["warnings"] == [
        "1 unit without both zh-CN and en-US is not shown; export carries it through unchanged"]


def test_export_without_edits_gives_back_every_unit(session, tmp_path):
    out = tmp_path / "out.tmx"
    export_review(session, out, doc_id="coded")
    original, exported = read(CODED), read(out)
    assert same_units(exported, original)
    assert [status_of(u) for u in exported] == ["unreviewed"] * 3 + [None, "unreviewed", "edited",
                                                                     "unreviewed"]
    header = TMXReader(out)
    next(iter(header))
    assert header.header.props == [("x-project", "harbour-sample")]
    assert header.header.srclang == "zh-CN" and header.header.get("datatype") == "html"
    assert len(header.header.udes) == 1 and 'ent="Apple_logo"' in header.header.udes[0]


def test_regrouping_back_and_confirming_keeps_the_units(session, tmp_path):
    session.execute(Merge(0))
    session.execute(Split(0, 1, 1))       # the reviewer changed their mind: same grouping again
    session.execute(Confirm(2))
    out = tmp_path / "out.tmx"
    export_review(session, out, doc_id="coded")
    exported = read(out)
    assert same_units(exported, read(CODED))
    assert status_of(exported[2]) == "confirmed"


def po_entries(path: Path) -> list[tuple[str | None, str, str, bool]]:
    import polib
    return [(e.msgctxt, e.msgid, e.msgstr, e.fuzzy) for e in polib.pofile(str(path))]


@pytest.mark.skipif(shutil.which("msgfmt") is None,
                    reason="gettext's msgfmt is not installed (apt-get install gettext; "
                           "scripts/test installs it)")
def test_a_po_file_from_another_tool_comes_back_as_it_was_but_for_the_reviewers_work(tmp_path):
    import subprocess

    import polib

    from tmx.po import read_po
    memory = tmp_path / "poedit.po"
    shutil.copy(FIXTURES / "poedit.po", memory)
    session = session_from_memory(str(memory), meta={"doc_id": "poedit"})
    assert len(session.beads) == 6
    untouched = tmp_path / "untouched.po"
    export_review(session, untouched, doc_id="poedit")
    # a review that touched nothing demotes nothing: translated entries stay translated, the
    # fuzzy one stays fuzzy, and every unit reads back as it was read
    assert po_entries(untouched) == po_entries(memory)
    assert list(read_po(untouched)) == list(read_po(memory))
    # the reviewer confirms the fuzzy entry and edits a translated one (without confirming it)
    session.execute(Confirm(1))
    session.execute(EditText("tgt", 2, "Save changes"))
    out = tmp_path / "out.po"
    export_review(session, out, doc_id="poedit")
    before, after = po_entries(memory), po_entries(out)
    assert after[1][3] is False                                 # confirmed: no longer fuzzy
    assert after[2][2:] == ("Save changes", True)              # edited, not confirmed: fuzzy
    assert [after[k] for k in (0, 3, 4, 5)] == [before[k] for k in (0, 3, 4, 5)]
    compiled = tmp_path / "out.mo"
    done = subprocess.run(["msgfmt", "--check", "-o", str(compiled), str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    catalogue = {(e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(compiled))}
    assert catalogue[None, "新港区今天开放。"] == "The new harbour district opens today."
    assert catalogue[None, "码头有三个泊位。"] == "The wharf has two berths."
    assert catalogue[None, "港口合作\n继续推进。"] == "Port cooperation\ngoes on."
    assert catalogue[None, "%d 艘船今天靠港。"] == "%d ships called at the port today."
    assert ("button", "保存") not in catalogue                    # edited, waiting for a confirm


def test_an_edited_coded_sentence_keeps_its_codes_where_the_reviewer_put_them(session, tmp_path):
    session.execute(EditText("tgt", 2, "He stressed ⟦1⟧the permanent comprehensive strategic "
                                       "partnership⟦/1⟧ as important."))
    out = tmp_path / "out.tmx"
    export_review(session, out, doc_id="coded")
    original, exported = read(CODED), read(out)
    edited = exported[2]
    assert edited.tuid == "c3" and status_of(edited) == "edited"
    assert segment_to_markup(edited.segment("en-US")) == (
        'He stressed <hi type="em">the permanent comprehensive strategic partnership</hi> '
        'as important.')
    assert edited.segment("zh-CN") == original[2].segment("zh-CN")
    assert edited.variant("fr-FR") == original[2].variant("fr-FR")
    assert any(n.startswith("edited in review; original target sentence 3: He stressed the "
                            "importance") for n in edited.notes)
    # the other units are untouched
    assert same_units(exported[:2] + exported[3:], original[:2] + original[3:])


LINES = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="HandWritten" creationtoolversion="1" segtype="sentence"
o-tmf="x" adminlang="en-US" srclang="zh-CN" datatype="plaintext"/><body>
<tu tuid="l1"><tuv xml:lang="zh-CN"><seg>港口合作
继续推进。</seg></tuv><tuv xml:lang="en-US"><seg>Port cooperation
goes on.</seg></tuv></tu>
<tu tuid="l2"><tuv xml:lang="zh-CN"><seg>双方<bpt i="1">&lt;b&gt;</bpt>同意
加强<ept i="1">&lt;/b&gt;</ept>合作。</seg></tuv><tuv xml:lang="en-US"><seg>The sides
<bpt i="1">&lt;b&gt;</bpt>agreed<ept i="1">&lt;/b&gt;</ept>.</seg></tuv></tu>
</body></tmx>
"""


def test_restoring_the_original_of_a_sentence_with_a_line_break_removes_the_edit(tmp_path):
    memory = tmp_path / "lines.tmx"
    memory.write_text(LINES, encoding="utf-8")
    session = session_from_memory(str(memory), meta={"doc_id": "lines"})
    for side in ("src", "tgt"):
        for index in range(2):
            original = session.original_tokens(side, index)
            assert "\n" in original
            session.execute(EditText(side, index, original.replace("。", "！").replace(".", "!")))
            session.execute(EditText(side, index, original))  # "Restore the original"
            assert index not in session.edits[side], (side, index, session.edits[side])
    out = tmp_path / "out.tmx"
    export_review(session, out, doc_id="lines")
    assert same_units(read(out), read(memory))


def test_editing_a_word_of_a_sentence_with_line_breaks_keeps_its_line_breaks(tmp_path):
    # a space where the line broke would be wrong in Chinese (and is not what the reviewer did)
    memory = tmp_path / "lines.tmx"
    memory.write_text(LINES, encoding="utf-8")
    session = session_from_memory(str(memory), meta={"doc_id": "lines"})
    session.execute(EditText("src", 0, session.tokens("src", 0).replace("继续", "持续")))
    session.execute(EditText("tgt", 0, session.tokens("tgt", 0).replace("goes", "went")))
    session.execute(EditText("src", 1, session.tokens("src", 1).replace("同意", "一致同意")))
    # a line break pasted from Word (U+000B, which no memory can hold) is a line break here
    session.execute(EditText("tgt", 1, session.tokens("tgt", 1).replace("\n", "\x0b") + " "))
    assert session.text("src", 0) == "港口合作\n持续推进。"
    assert session.text("tgt", 0) == "Port cooperation\nwent on."
    assert session.text("src", 1) == "双方一致同意\n加强合作。"
    assert session.text("tgt", 1) == "The sides\nagreed."
    assert 1 not in session.edits["tgt"]   # only the kind of line break changed: no edit
    out = tmp_path / "out.tmx"
    export_review(session, out, doc_id="lines")
    first, second = read(out)
    assert first.text("zh-CN") == "港口合作\n持续推进。"
    assert segment_to_markup(second.segment("zh-CN")) == (
        '双方<bpt i="1">&lt;b&gt;</bpt>一致同意\n加强<ept i="1">&lt;/b&gt;</ept>合作。')


def test_an_edit_that_drops_a_code_is_refused_and_changes_nothing(session):
    before = dict(session.edits["tgt"])
    with pytest.raises(EditError, match=r"⟦1/⟧, ⟦2/⟧ are missing"):
        session.execute(EditText("tgt", 3, "Trade grew by 12 percent."))
    assert session.edits["tgt"] == before


def test_merged_units_keep_codes_shared_props_all_notes_and_lone_codes(session, tmp_path):
    session.execute(Merge(0))            # c1 + c2: 3-2
    session.execute(Merge(2))            # c5 (1-0, its English side a lone <br/>) + c6
    out = tmp_path / "out.tmx"
    export_review(session, out, doc_id="coded")
    original, exported = read(CODED), read(out)
    by_tuid = {u.tuid: u for u in exported}
    assert list(by_tuid) == ["c1+c2", "c3", "c4", "c5+c6", "c7"]
    merged = by_tuid["c1+c2"]
    c1, c2 = original[0], original[1]
    assert segment_to_markup(merged.segment("zh-CN")) == (
        segment_to_markup(c1.segment("zh-CN")) + segment_to_markup(c2.segment("zh-CN")))
    assert segment_to_markup(merged.segment("en-US")) == (
        segment_to_markup(c1.segment("en-US")) + " " + segment_to_markup(c2.segment("en-US")))
    assert merged.prop("x-client") == "ministry"           # shared by both
    assert merged.attrs == {"creationid": "linh"}         # creationdate was c1's only
    assert merged.notes[0] == "title line"
    assert merged.prop("x-concord-bead") == "3-2" and status_of(merged) == "edited"
    lone = by_tuid["c5+c6"]
    assert segment_to_markup(lone.segment("en-US")) == (
        '<ph x="9">&lt;br/&gt;</ph> Trade between the two countries grew by '
        '<ut>&lt;span&gt;</ut>12 percent<ut>&lt;/span&gt;</ut>.')
    assert '<it pos="begin" x="3">&lt;i&gt;</it>' in segment_to_markup(lone.segment("zh-CN"))
    assert by_tuid["c4"] == original[3]                    # carried through, in its place


def test_a_split_unit_gets_unique_tuids_and_its_codes_follow_its_sentences(session, tmp_path):
    session.execute(Split(1, 1, 1))      # c2: 双方举行了会谈。 | 会谈持续{1}小时。
    out = tmp_path / "out.tmx"
    export_review(session, out, doc_id="coded")
    exported = read(out)
    first, second = exported[1], exported[2]
    assert (first.tuid, second.tuid) == ("c2", "c2-2")
    assert first.text("zh-CN") == "双方举行了会谈。" and not first.segment("zh-CN").has_codes
    assert segment_to_markup(second.segment("zh-CN")) == '会谈持续<ph type="x-number">{1}</ph>小时。'
    assert second.text("en-US") == "" and first.segment("en-US").has_codes


def test_moving_a_sentence_between_units(session, tmp_path):
    session.execute(MoveSentence("src", 2, "down"))   # 会谈持续{1}小时。 joins c3's bead
    out = tmp_path / "out.tmx"
    export_review(session, out, doc_id="coded")
    exported = read(out)
    assert exported[2].tuid == "c2+c3"
    assert segment_to_markup(exported[2].segment("zh-CN")).startswith(
        '会谈持续<ph type="x-number">{1}</ph>小时。他强调<hi type="em">')


def test_the_review_file_keeps_the_memory_across_a_restart(tmp_path, session):
    path = tmp_path / "coded.review.jsonl"
    review = ReviewFile.create(path, session)
    review.execute(EditText("src", 0, "⟦1⟧海港国外长⟦/1⟧抵达北京"))
    review.close(snapshot=False)           # as if killed: the edit is in the journal only
    with ReviewFile.open(path) as again:
        out = tmp_path / "out.tmx"
        export_review(again.session, out, doc_id="coded")
    first = read(out)[0]
    assert segment_to_markup(first.segment("zh-CN")) == (
        '<bpt i="1" type="bold">&lt;b&gt;</bpt>海港国外长<ept i="1">&lt;/b&gt;</ept>抵达北京')
    assert first.variant("zh-CN").props == [("x-style", "heading")]


def test_confirmed_only_export_leaves_out_carried_units(session, tmp_path):
    session.execute(Confirm(0))
    out = tmp_path / "out.tmx"
    export_review(session, out, doc_id="coded", scope="confirmed")
    assert [u.tuid for u in read(out)] == ["c1"]


def test_the_command_line_round_trips_a_coded_memory(tmp_path):
    memory = tmp_path / "coded.tmx"
    shutil.copy(CODED, memory)
    out = tmp_path / "again.tmx"
    assert main(["review", str(memory), "--export", str(out)]) == 0
    assert same_units(read(out), read(CODED))
    po = tmp_path / "again.po"   # PO keeps the codes and the rest in its comments
    assert main(["review", str(memory), "--export", str(po)]) == 0
    from concord.bitext import read_units
    assert same_units(list(read_units(po)), read(CODED))


@pytest.mark.parametrize("markup,pieces,expected", [
    ('One.<ph x="1"/> Two.', ["One.", "Two."], ['One.<ph x="1"/>', "Two."]),
    ('One. <bpt i="1">&lt;b&gt;</bpt>Two.<ept i="1">&lt;/b&gt;</ept>', ["One.", "Two."],
     ["One.", '<bpt i="1">&lt;b&gt;</bpt>Two.<ept i="1">&lt;/b&gt;</ept>']),
    ('一。<bpt i="1">&lt;b&gt;</bpt>二。<ept i="1">&lt;/b&gt;</ept>', ["一。", "二。"],
     ["一。", '<bpt i="1">&lt;b&gt;</bpt>二。<ept i="1">&lt;/b&gt;</ept>']),
    ('<bpt i="1">&lt;b&gt;</bpt>One. Two.<ept i="1">&lt;/b&gt;</ept>', ["One.", "Two."], None),
    ('One <hi>and. Two</hi>.', ["One and.", "Two."], None),
])
def test_split_segment_puts_codes_with_their_sentence_or_gives_up(markup, pieces, expected):
    found = split_segment(segment_from_markup(markup), pieces)
    assert (None if found is None else [segment_to_markup(s) for s in found]) == expected


def test_a_multilingual_memory_is_reviewed_in_its_chinese_and_english(tmp_path):
    """A unit with French first used to make a French-Chinese review."""
    from concord.bitext import write_units
    from concord.review.memory import read_memory_review
    from tmx.model import Variant, plain_segment

    path = tmp_path / "three.tmx"
    write_units([Unit(f"m:{n}", [Variant("fr-FR", plain_segment(fr)),
                                 Variant("zh-CN", plain_segment(zh)),
                                 Variant("en-US", plain_segment(en))])
                 for n, (fr, zh, en) in enumerate([
                     ("Le ministre est arrivé.", "外长抵达。", "The minister arrived."),
                     ("Il a parlé.", "他发表讲话。", "He spoke.")], 1)], path, srclang="*all*")
    review = read_memory_review(path)
    assert (review.source.lang, review.target.lang) == ("zh", "en")
    assert [s.text for s in review.target.sentences] == ["The minister arrived.", "He spoke."]
