"""The review session's operations: what each does, what it refuses, undo and redo, invariants."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from align.model import Alignment, Bead, Document, Sentence
from concord.review.model import CONFIRMED, UNCONFIRMED, EditError
from concord.review.operations import (Confirm, ConfirmAbove, EditText, InsertEmpty, Merge,
                                       MoveSentence, Split, operation_from_json)
from concord.review.session import InvariantError, ReviewSession
from tests.review.sample import harbour_alignment


def layout(session: ReviewSession) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.src, b.tgt) for b in session.beads]


def snapshot(session: ReviewSession) -> tuple:
    return (list(session.beads), {k: dict(v) for k, v in session.edits.items()})


@pytest.fixture
def session() -> ReviewSession:
    return ReviewSession.from_alignment(harbour_alignment())


def test_fresh_session_mirrors_the_alignment(session):
    alignment = harbour_alignment()
    assert layout(session) == [(b.src, b.tgt) for b in alignment.beads]
    assert [b.confidence for b in session.beads] == [b.confidence for b in alignment.beads]
    assert all(b.status == UNCONFIRMED for b in session.beads)
    assert session.bead_text(session.beads[9], "tgt").startswith("The two sides also exchanged")
    assert " After the meeting" in session.bead_text(session.beads[9], "tgt")
    assert "。会见后" in session.bead_text(session.beads[9], "src")  # Chinese joins without space


def test_merge_joins_a_bead_with_the_next(session):
    change = session.execute(Merge(7))
    assert layout(session)[7] == ((7, 8), (7,))
    assert len(session.beads) == 9
    merged = session.beads[7]
    assert merged.confidence is None and merged.status == UNCONFIRMED
    assert change.label == "merged beads 8 and 9"


def test_merge_of_the_last_bead_is_refused(session):
    with pytest.raises(EditError, match="last one"):
        session.execute(Merge(9))
    with pytest.raises(EditError, match="no bead 11"):
        session.execute(Merge(10))


def test_split_chooses_the_sentences_on_each_side(session):
    session.execute(Split(9, 1, 1))
    assert layout(session)[9:] == [((9,), (8,)), ((10,), (9,))]
    session.undo()
    session.execute(Split(9, 1, 0))  # keep one source sentence, send both targets down
    assert layout(session)[9:] == [((9,), ()), ((10,), (8, 9))]
    session.undo()
    session.execute(Split(9, 2, 1))
    assert layout(session)[9:] == [((9, 10), (8,)), ((), (9,))]


@pytest.mark.parametrize("src_at,tgt_at", [(0, 0), (2, 2), (3, 1), (1, -1)])
def test_split_that_leaves_an_empty_part_is_refused(session, src_at, tgt_at):
    before = snapshot(session)
    with pytest.raises(EditError):
        session.execute(Split(9, src_at, tgt_at))
    assert snapshot(session) == before


def test_move_sentence_up_and_down(session):
    session.execute(MoveSentence("src", 8, "up"))  # the stray 1-0 joins the bead above
    assert layout(session)[7:] == [((7, 8), (7,)), ((9, 10), (8, 9))]
    assert len(session.beads) == 9  # the emptied bead is gone
    with pytest.raises(EditError, match="last one"):
        session.execute(MoveSentence("src", 10, "down"))
    session.execute(MoveSentence("tgt", 7, "down"))
    assert layout(session)[7:] == [((7, 8), ()), ((9, 10), (7, 8, 9))]


def test_only_the_edge_sentence_may_move(session):
    with pytest.raises(EditError, match="only the first source sentence of bead 10"):
        session.execute(MoveSentence("src", 10, "up"))
    with pytest.raises(EditError, match="only the last target sentence of bead 10"):
        session.execute(MoveSentence("tgt", 8, "down"))
    with pytest.raises(EditError, match="first one"):
        session.execute(MoveSentence("src", 0, "up"))
    with pytest.raises(EditError, match="no target sentence 11"):
        session.execute(MoveSentence("tgt", 10, "up"))


def test_insert_empty_side_makes_one_zero_and_zero_one(session):
    session.execute(InsertEmpty(9, "tgt"))
    assert layout(session)[9:] == [((9, 10), ()), ((), (8, 9))]
    session.undo()
    session.execute(InsertEmpty(9, "src"))
    assert layout(session)[9:] == [((), (8, 9)), ((9, 10), ())]
    with pytest.raises(EditError, match="already has an empty side"):
        session.execute(InsertEmpty(10, "src"))


def test_edit_text_keeps_the_original(session):
    original = session.text("tgt", 5)
    fixed = original.replace("12 percent", "twelve percent")
    session.execute(EditText("tgt", 5, "  " + fixed + "\n"))
    assert session.text("tgt", 5) == fixed
    assert session.original("tgt", 5) == original
    assert session.target.sentences[5].text == original  # the document itself is untouched
    session.execute(EditText("tgt", 5, original))  # giving the original back drops the edit
    assert session.edits["tgt"] == {}
    with pytest.raises(EditError, match="cannot be empty"):
        session.execute(EditText("tgt", 5, "   "))


@pytest.mark.parametrize("pasted", ["\x0b", "\u2028", "\r", "\x0c", "\x85"])
def test_a_pasted_line_break_of_any_kind_becomes_a_space(session, pasted):
    # Word's manual line break is U+000B; a memory cannot hold it, and the TMX writer would drop
    # it, gluing the two words together in the export
    session.execute(EditText("tgt", 5, f"Trade grew{pasted}by twelve  percent."))
    assert session.text("tgt", 5) == "Trade grew by twelve percent."


@pytest.mark.parametrize("bad", ["\x00", "\x07", "\x1b", "\ufffe", "\ud800"])
def test_a_character_no_memory_can_hold_is_refused(session, bad):
    with pytest.raises(EditError, match=r"U\+[0-9A-F]{4}"):
        session.execute(EditText("tgt", 5, f"Trade grew{bad} by twelve percent."))
    assert session.edits["tgt"] == {}


def test_edited_text_reaches_the_alignment(session):
    session.execute(EditText("src", 0, "新标题"))
    aligned = session.alignment()
    assert aligned.source.sentences[0].text == "新标题"
    assert aligned.pairs()[0][0] == "新标题"


def test_confirm_and_confirm_all_above(session):
    session.execute(Confirm(2))
    assert [b.status for b in session.beads][:4] == [UNCONFIRMED, UNCONFIRMED, CONFIRMED, UNCONFIRMED]
    assert session.execute(Confirm(2)).empty  # confirming twice changes nothing
    session.execute(ConfirmAbove(5))
    assert [b.status for b in session.beads] == [CONFIRMED] * 6 + [UNCONFIRMED] * 4
    session.execute(Confirm(3, confirmed=False))
    assert session.beads[3].status == UNCONFIRMED
    assert session.confirmed_count == 5


def test_a_structural_edit_unconfirms_the_beads_it_touches(session):
    session.execute(ConfirmAbove(9))
    session.execute(Merge(7))
    assert [b.status for b in session.beads] == [CONFIRMED] * 7 + [UNCONFIRMED, CONFIRMED]


def test_text_edit_keeps_the_status(session):
    session.execute(Confirm(4))
    session.execute(EditText("src", 4, "王毅说，中方愿加强合作。"))
    assert session.beads[4].status == CONFIRMED


def test_undo_and_redo_every_operation(session):
    operations = [Merge(7), Split(8, 1, 1), MoveSentence("tgt", 7, "down"), InsertEmpty(3, "src"),
                  EditText("tgt", 0, "A new title"), Confirm(0), ConfirmAbove(4)]
    states = [snapshot(session)]
    for operation in operations:
        session.execute(operation)
        states.append(snapshot(session))
    for expected in reversed(states[:-1]):
        assert session.undo() is not None
        assert snapshot(session) == expected
    assert session.undo() is None
    for expected in states[1:]:
        assert session.redo() is not None
        assert snapshot(session) == expected
    assert session.redo() is None


def test_a_new_edit_clears_redo(session):
    session.execute(Merge(0))
    session.undo()
    session.execute(Confirm(1))
    assert session.redo() is None


def test_refused_operation_changes_nothing_and_keeps_history(session):
    session.execute(Merge(0))
    session.undo()
    before = snapshot(session)
    with pytest.raises(EditError):
        session.execute(Merge(42))
    assert snapshot(session) == before and len(session.redo_stack) == 1


def test_bead_of_finds_sentences_across_empty_sides(session):
    session.execute(InsertEmpty(4, "src"))  # ((), (4,)), ((4,), ())
    for index, bead in enumerate(session.beads):
        for side in ("src", "tgt"):
            for sentence in bead.side(side):
                assert session.bead_of(side, sentence) == index


def test_invariants_catch_a_broken_state(session):
    session.beads[3], session.beads[4] = session.beads[4], session.beads[3]
    with pytest.raises(InvariantError, match="in order"):
        session.check_invariants()


def test_session_round_trips_through_json(session):
    for operation in (Merge(7), EditText("src", 2, "改过的句子。"), Confirm(1), Split(8, 1, 1)):
        session.execute(operation)
    session.undo()
    data = json.loads(json.dumps(session.to_json()))
    restored = ReviewSession.from_json(data)
    assert snapshot(restored) == snapshot(session)
    assert restored.undo_stack == session.undo_stack and restored.redo_stack == session.redo_stack
    assert restored.next_key == session.next_key
    assert restored.source == session.source and restored.target == session.target
    restored.redo()
    session.redo()
    assert snapshot(restored) == snapshot(session)


@pytest.mark.parametrize("data,message", [
    ({"type": "explode", "bead": 1}, "unknown operation"),
    ({"type": "merge"}, "missing"),
    ({"type": "merge", "bead": "1"}, "bead must be int"),
    ({"type": "confirm", "bead": 1, "confirmed": 1}, "confirmed must be bool"),
    ({"type": "merge", "bead": 1, "extra": 2}, "no field 'extra'"),
    (["merge", 1], "unknown operation"),
])
def test_malformed_operations_are_refused(data, message):
    with pytest.raises(EditError, match=message):
        operation_from_json(data)


def test_operations_round_trip_through_json():
    for operation in (Merge(1), Split(2, 1, 0), MoveSentence("tgt", 3, "down"),
                      InsertEmpty(0, "src"), EditText("src", 1, "文"), Confirm(2, False),
                      ConfirmAbove(7)):
        assert operation_from_json(json.loads(json.dumps(operation.to_json()))) == operation


# -- random edit sequences ------------------------------------------------------------------------

def synthetic_session(src_count: int, tgt_count: int, cuts: list[int]) -> ReviewSession:
    """A session over numbered sentences, beads cut at the given positions of a 1-1-ish diagonal."""
    source = Document([Sentence(f"源{i}。", i // 3) for i in range(src_count)], "zh")
    target = Document([Sentence(f"Target {i}.", i // 3) for i in range(tgt_count)], "en")
    beads, s, t = [], 0, 0
    for cut in cuts:
        ns, nt = min(cut % 3, src_count - s), min(cut // 3 % 3, tgt_count - t)
        if ns == 0 and nt == 0:
            continue
        beads.append(Bead(tuple(range(s, s + ns)), tuple(range(t, t + nt)), 0.5))
        s, t = s + ns, t + nt
    if s < src_count or t < tgt_count:
        beads.append(Bead(tuple(range(s, src_count)), tuple(range(t, tgt_count)), 0.5))
    return ReviewSession.from_alignment(Alignment(source, target, beads))


operation_data = st.one_of(
    st.builds(lambda b: Merge(b), st.integers(-1, 30)),
    st.builds(lambda b, s, t: Split(b, s, t), st.integers(0, 30), st.integers(-1, 4), st.integers(-1, 4)),
    st.builds(lambda side, n, d: MoveSentence(side, n, d), st.sampled_from(["src", "tgt"]),
              st.integers(0, 30), st.sampled_from(["up", "down"])),
    st.builds(lambda b, side: InsertEmpty(b, side), st.integers(0, 30), st.sampled_from(["src", "tgt"])),
    st.builds(lambda side, n, text: EditText(side, n, text), st.sampled_from(["src", "tgt"]),
              st.integers(0, 30), st.text(min_size=0, max_size=8)),
    st.builds(lambda b, c: Confirm(b, c), st.integers(0, 30), st.booleans()),
    st.builds(lambda b: ConfirmAbove(b), st.integers(0, 30)),
    st.just("undo"), st.just("redo"),
)


@settings(max_examples=300, deadline=None)
@given(src_count=st.integers(1, 12), tgt_count=st.integers(1, 12),
       cuts=st.lists(st.integers(0, 8), max_size=12), steps=st.lists(operation_data, max_size=40))
def test_random_edit_sequences_keep_the_invariants_and_undo_to_the_start(src_count, tgt_count, cuts,
                                                                       steps):
    session = synthetic_session(src_count, tgt_count, cuts)
    start = snapshot(session)
    for step in steps:
        before = snapshot(session)
        if step == "undo":
            session.undo()
        elif step == "redo":
            session.redo()
        else:
            try:
                session.execute(step)
            except EditError:
                assert snapshot(session) == before  # a refused edit leaves no trace
        session.check_invariants()
        json_copy = ReviewSession.from_json(json.loads(json.dumps(session.to_json())))
        assert snapshot(json_copy) == snapshot(session)
    while session.redo() is not None:  # replay what was undone, to the furthest state reached
        session.check_invariants()
    furthest = snapshot(session)
    while session.undo() is not None:
        session.check_invariants()
    assert snapshot(session) == start
    while session.redo() is not None:
        session.check_invariants()
    assert snapshot(session) == furthest
