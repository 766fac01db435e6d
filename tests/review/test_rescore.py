"""Local confidence of the beads an edit makes: the aligner's scorer, over a stretch of beads."""
from __future__ import annotations

import statistics

import pytest

from align.aligner import align
from align.document import read_document
from concord.review.journal import ReviewFile
from concord.review.model import ReviewBead
from concord.review.operations import Confirm, EditText, InsertEmpty, Merge, MoveSentence, Split
from concord.review.rescore import LocalConfidence
from concord.review.session import ReviewSession
from tests.review.sample import harbour_alignment


@pytest.fixture(scope="module")
def harbour_scorer() -> LocalConfidence:
    session = ReviewSession.from_alignment(harbour_alignment())
    return LocalConfidence(session.source, session.target, beads=session.beads)


@pytest.fixture
def session(harbour_scorer) -> ReviewSession:
    session = ReviewSession.from_alignment(harbour_alignment())
    session.rescorer = harbour_scorer
    return session


def test_fixing_the_aligners_mistakes_gives_confident_beads(session):
    # bead 9 (a source sentence left alone, 0.22) belongs with bead 8: merged, a confident 2-1
    merged = session.execute(MoveSentence("src", 8, "up")).after
    assert [(b.kind, b.local) for b in merged] == [("2-1", True)]
    assert merged[0].confidence > 0.9 > session.beads[8].confidence
    # the 2-2 at the end (0.35) is two 1-1 beads
    halves = session.execute(Split(8, 1, 1)).after
    assert all(b.confidence > 0.9 and b.local for b in halves)


def test_a_wrong_grouping_gets_a_low_confidence(session):
    wrong = session.execute(Merge(2)).after[0]      # two good 1-1 beads made one 2-2
    assert wrong.confidence < 0.2 < min(session.undo_stack[-1].before[0].confidence,
                                        session.undo_stack[-1].before[1].confidence)
    apart = session.execute(InsertEmpty(4, "tgt")).after   # a good 1-1 torn into 1-0 and 0-1
    assert max(b.confidence for b in apart) < 0.2


def test_undo_gives_back_the_aligners_confidence_and_confirm_keeps_the_local_one(session):
    session.execute(Merge(7))
    local = session.beads[7]
    session.execute(Confirm(7))
    assert session.beads[7].confidence == local.confidence and session.beads[7].local
    session.undo()
    session.undo()
    assert [(b.confidence, b.local) for b in session.beads[7:9]] == [(0.41, False), (0.22, False)]


def test_text_edits_leave_confidences_alone(session):
    before = list(session.beads)
    session.execute(EditText("tgt", 5, "Trade grew by twelve percent."))
    assert session.beads == before


def test_the_journal_records_the_confidences_and_a_replay_needs_no_scorer(tmp_path, session):
    path = tmp_path / "r.review.jsonl"
    review = ReviewFile.create(path, session)
    review.execute(Merge(7))
    review.execute(Split(8, 1, 1))
    expected = list(review.session.beads)
    assert all(b.local for b in expected[7:])
    review.close(snapshot=False)                   # killed: the journal has the edits
    assert b'"conf":[' in path.read_bytes()
    with ReviewFile.open(path) as again:           # no rescorer attached while replaying
        assert again.session.rescorer is None
        assert again.session.beads == expected
    with ReviewFile.open(path) as third:           # and from the snapshot the close wrote
        assert third.session.beads == expected


def test_without_a_scorer_an_edit_makes_beads_without_confidence():
    session = ReviewSession.from_alignment(harbour_alignment())
    merged = session.execute(Merge(7)).after[0]
    assert merged.confidence is None and not merged.local


def test_local_confidence_agrees_with_the_aligner_on_its_own_beads(corpora):
    """For beads the aligner chose, the local confidence is (nearly) the aligner's."""
    releases = sorted((corpora / "releases").glob("*.zh.txt"))[:4]
    if not releases:
        pytest.skip("no sample releases in corpora/releases")
    differences = []
    for zh in releases:
        source = read_document(zh)
        target = read_document(zh.with_name(zh.name.replace(".zh.txt", ".en.txt")))
        alignment = align(source, target)
        beads = [ReviewBead(k, b.src, b.tgt, b.confidence) for k, b in enumerate(alignment.beads)]
        scorer = LocalConfidence(source, target, beads=beads)
        groupings = [(b.src, b.tgt) for b in alignment.beads]
        for k, bead in enumerate(alignment.beads):
            first = max(0, k - 2)
            (local,) = scorer.confidences(groupings[first:k + 3], [k - first])
            differences.append(abs(local - bead.confidence))
    assert len(differences) > 40
    assert statistics.median(differences) < 0.01
    assert sum(d < 0.1 for d in differences) >= 0.95 * len(differences)
