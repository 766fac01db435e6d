"""The review file: edits survive a reopen, a torn last line, a killed process; damage is reported."""
from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from concord.review import journal
from concord.review.journal import ReviewFile, ReviewFileError, is_review_file
from concord.review.model import EditError
from concord.review.operations import (Confirm, ConfirmAbove, EditText, InsertEmpty, Merge,
                                       MoveSentence, Split)
from concord.review.session import ReviewSession
from tests.review.sample import harbour_alignment

ROOT = Path(__file__).resolve().parents[2]

EDITS = [Merge(7), Split(8, 1, 1), Confirm(0), EditText("tgt", 5, "Trade grew by twelve percent."),
         ConfirmAbove(3), InsertEmpty(4, "tgt")]


def state(session: ReviewSession) -> tuple:
    return (list(session.beads), {k: dict(v) for k, v in session.edits.items()},
            list(session.undo_stack), list(session.redo_stack))


def fresh(path: Path) -> ReviewFile:
    return ReviewFile.create(path, ReviewSession.from_alignment(harbour_alignment()))


def test_edits_survive_reopening(tmp_path):
    path = tmp_path / "harbour.review.jsonl"
    review = fresh(path)
    for edit in EDITS:
        review.execute(edit)
    review.undo()
    expected = state(review.session)
    review.close(snapshot=False)  # as if the process died right after the last edit
    lines = path.read_bytes().splitlines()
    assert len(lines) == 1 + len(EDITS) + 1  # snapshot, one entry per edit, the undo
    assert is_review_file(path)
    with ReviewFile.open(path) as again:
        assert state(again.session) == expected
        assert again.seq == len(EDITS) + 1
        again.redo()  # history survives too
        assert again.session.beads[5].kind == "0-1"
        expected = state(again.session)
    # closing compacts what was replayed and done since into a single snapshot
    assert len(path.read_bytes().splitlines()) == 1
    with ReviewFile.open(path) as third:
        assert state(third.session) == expected


def test_clean_close_compacts_into_one_snapshot(tmp_path):
    path = tmp_path / "r.review.jsonl"
    with fresh(path) as review:
        for edit in EDITS:
            review.execute(edit)
        expected = state(review.session)
    assert len(path.read_bytes().splitlines()) == 1
    assert not path.with_name(path.name + ".lock").exists()
    with ReviewFile.open(path) as again:
        assert state(again.session) == expected
        assert again.undo() is not None  # undo history is part of the snapshot


def test_periodic_snapshot_keeps_the_state(tmp_path, monkeypatch):
    monkeypatch.setattr(journal, "SNAPSHOT_EVERY", 4)
    path = tmp_path / "r.review.jsonl"
    review = fresh(path)
    for edit in EDITS:  # six edits: a snapshot after the fourth, two entries after it
        review.execute(edit)
    expected = state(review.session)
    review.close(snapshot=False)
    lines = path.read_bytes().splitlines()
    assert len(lines) == 3 and json.loads(lines[0])["seq"] == 4
    with ReviewFile.open(path) as again:
        assert state(again.session) == expected and again.seq == 6


def test_unchanged_edits_are_not_journaled(tmp_path):
    path = tmp_path / "r.review.jsonl"
    review = fresh(path)
    review.execute(Confirm(1))
    review.execute(Confirm(1))  # already confirmed
    assert review.undo() is not None and review.undo() is None
    review.close(snapshot=False)
    assert len(path.read_bytes().splitlines()) == 3


@pytest.mark.parametrize("cut", [1, 10, 40, -2, -1])
def test_a_torn_last_line_is_dropped_with_a_warning(tmp_path, cut):
    path = tmp_path / "r.review.jsonl"
    review = fresh(path)
    for edit in EDITS[:3]:
        review.execute(edit)
    expected = state(review.session)
    review.execute(EDITS[3])
    review.close(snapshot=False)
    data = path.read_bytes()
    last_start = data.rstrip(b"\n").rfind(b"\n") + 1
    path.write_bytes(data[:last_start + cut] if cut > 0 else data[:len(data) + cut])
    warnings: list[str] = []
    with ReviewFile.open(path, warn=warnings.append) as again:
        assert state(again.session) == expected
        assert len(warnings) == 1 and "cut short" in warnings[0] and ":5:" in warnings[0]
        again.execute(Confirm(9))  # the journal goes on cleanly after the cut
        expected = state(again.session)
        again.close(snapshot=False)
    with ReviewFile.open(path, warn=warnings.append) as third:
        assert state(third.session) == expected
    assert len(warnings) == 1


def test_a_complete_last_line_with_a_bad_checksum_is_dropped(tmp_path):
    path = tmp_path / "r.review.jsonl"
    review = fresh(path)
    review.execute(Merge(0))
    review.execute(Confirm(0))
    review.close(snapshot=False)
    data = path.read_bytes()
    last_start = data.rstrip(b"\n").rfind(b"\n") + 1
    damaged = data[:last_start] + data[last_start:].replace(b'"bead":0', b'"bead":1')
    assert damaged != data and json.loads(damaged[last_start:])  # still a whole, parseable line
    path.write_bytes(damaged)
    warnings: list[str] = []
    with ReviewFile.open(path, warn=warnings.append) as again:
        assert again.seq == 1 and again.session.beads[0].status == "unconfirmed"
    assert warnings


def test_damage_before_the_last_line_is_an_error_naming_the_line(tmp_path):
    path = tmp_path / "r.review.jsonl"
    review = fresh(path)
    for edit in EDITS[:4]:
        review.execute(edit)
    review.close(snapshot=False)
    lines = path.read_bytes().splitlines(keepends=True)
    assert b'"src_at":1' in lines[2]
    lines[2] = lines[2].replace(b'"src_at":1', b'"src_at":0')  # still JSON, but checksum fails
    path.write_bytes(b"".join(lines))
    with pytest.raises(ReviewFileError) as caught:
        ReviewFile.open(path)
    assert str(caught.value).startswith(f"{path}:3: damaged journal entry")
    assert not path.with_name(path.name + ".lock").exists()


def test_damage_in_the_middle_says_how_to_keep_the_edits_before_it(tmp_path):
    path = tmp_path / "r.review.jsonl"
    review = fresh(path)
    for edit in EDITS[:4]:
        review.execute(edit)
    review.close(snapshot=False)
    lines = path.read_bytes().splitlines(keepends=True)
    lines[3] = lines[3][:20] + b"#" + lines[3][21:]
    path.write_bytes(b"".join(lines))
    with pytest.raises(ReviewFileError) as caught:
        ReviewFile.open(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:4: damaged journal entry")
    # the message tells how to go on from the state before the damage, and that works
    assert "head -n 3" in message and "2 edits" in message
    kept = tmp_path / "kept.review.jsonl"
    kept.write_bytes(b"".join(lines[:3]))
    with ReviewFile.open(kept) as reopened:
        assert reopened.seq == 2


@pytest.mark.parametrize("tail", [b"\n", b"\n\n", b"\r\n", b"  \n\t\n\n"])
def test_blank_lines_after_the_last_entry_are_ignored(tmp_path, tail):
    # a text editor adds one (or the reviewer's cursor did): nothing is damaged, nothing is lost
    path = tmp_path / "r.review.jsonl"
    review = fresh(path)
    for edit in EDITS[:4]:
        review.execute(edit)
    expected = state(review.session)
    review.close(snapshot=False)
    path.write_bytes(path.read_bytes() + tail)
    warnings: list[str] = []
    with ReviewFile.open(path, warn=warnings.append) as again:
        assert state(again.session) == expected and again.seq == 4
        again.execute(Confirm(9))  # appended after the last entry, not after the blank lines
        expected = state(again.session)
        again.close(snapshot=False)
    with ReviewFile.open(path, warn=warnings.append) as third:
        assert state(third.session) == expected
    assert warnings == []


def test_entries_out_of_sequence_are_an_error(tmp_path):
    path = tmp_path / "r.review.jsonl"
    review = fresh(path)
    for edit in EDITS[:3]:
        review.execute(edit)
    review.close(snapshot=False)
    lines = path.read_bytes().splitlines(keepends=True)
    path.write_bytes(b"".join([lines[0], lines[2], lines[1], lines[3]]))
    with pytest.raises(ReviewFileError, match=r":2: journal entry out of sequence"):
        ReviewFile.open(path)


@pytest.mark.parametrize("content,message", [
    (b"", "not a concord review file"),
    (b"hello\n", "not a concord review file"),
    (b'{"format":"concord-review","version":99,"seq":0}\n', "version 99 is not supported"),
    (b'{"format":"concord-review","version":1,"seq":0,"session":{}}\n', "damaged review snapshot"),
])
def test_files_that_are_not_review_files_are_refused(tmp_path, content, message):
    path = tmp_path / "bad.review.jsonl"
    path.write_bytes(content)
    with pytest.raises(ReviewFileError, match=message) as caught:
        ReviewFile.open(path)
    assert str(caught.value).startswith(f"{path}:1:")


def test_create_never_replaces_an_existing_review(tmp_path):
    path = tmp_path / "r.review.jsonl"
    fresh(path).close()
    before = path.read_bytes()
    with pytest.raises(ReviewFileError, match="already exists"):
        fresh(path)
    assert path.read_bytes() == before


def test_one_review_file_is_open_in_one_server_only(tmp_path):
    path = tmp_path / "r.review.jsonl"
    first = fresh(path)
    with pytest.raises(ReviewFileError, match=rf"open in another .* \(process {os.getpid()}\)"):
        ReviewFile.open(path)
    first.close()
    ReviewFile.open(path).close()


HOLDER = textwrap.dedent("""
    import sys, time
    from concord.review.journal import ReviewFile
    review = ReviewFile.open(sys.argv[1])
    print("locked", flush=True)
    time.sleep(600)
""")


def test_a_stale_lock_file_left_by_a_killed_server_does_not_block_a_restart(tmp_path):
    path = tmp_path / "r.review.jsonl"
    fresh(path).close()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "locked"
        with pytest.raises(ReviewFileError, match=rf"\(process {child.pid}\)"):
            ReviewFile.open(path)      # while it runs, the lock holds
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    lock = path.with_name(path.name + ".lock")
    assert lock.read_text().strip() == str(child.pid)   # left behind, naming a dead process
    with ReviewFile.open(path) as again:                # ... and no obstacle
        again.execute(Confirm(0))
        assert lock.read_text().strip() == str(os.getpid())
    assert not lock.exists()


def test_a_failed_write_leaves_state_and_file_unchanged(tmp_path, monkeypatch):
    path = tmp_path / "r.review.jsonl"
    review = fresh(path)
    review.execute(Merge(0))
    review.undo()
    before, data = state(review.session), path.read_bytes()

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(journal.os, "fsync", full_disk)
    for attempt in (lambda: review.execute(Confirm(3)), review.redo):
        with pytest.raises(OSError):
            attempt()
        assert state(review.session) == before
    monkeypatch.undo()
    assert path.read_bytes() == data
    review.redo()
    redone, data = state(review.session), path.read_bytes()
    monkeypatch.setattr(journal.os, "fsync", full_disk)
    with pytest.raises(OSError):
        review.undo()
    assert state(review.session) == redone
    monkeypatch.undo()
    assert path.read_bytes() == data
    review.execute(Confirm(3))
    review.close(snapshot=False)
    with ReviewFile.open(path) as again:
        assert again.session.beads[3].status == "confirmed" and again.undo() is not None
        assert again.session.beads[3].status == "unconfirmed"


CHILD = textwrap.dedent("""
    import random, sys
    from concord.review import journal
    from concord.review.journal import ReviewFile
    from concord.review.model import EditError
    from tests.review.test_journal import random_step
    journal.SNAPSHOT_EVERY = 7   # snapshots (temp file + rename) happen often, so kills hit them
    review = ReviewFile.open(sys.argv[1])
    rng = random.Random(int(sys.argv[2]))
    while True:
        step = random_step(rng)
        try:
            if step == "undo":
                review.undo()
            elif step == "redo":
                review.redo()
            else:
                review.execute(step)
        except EditError:
            pass
        print(review.seq, flush=True)
""")


def random_step(rng: random.Random):
    """One random edit (often invalid on purpose), the same sequence for the same seed."""
    roll = rng.randrange(9)
    bead, sentence, side = rng.randrange(12), rng.randrange(11), rng.choice(["src", "tgt"])
    return [Merge(bead), Split(bead, rng.randrange(3), rng.randrange(3)),
            MoveSentence(side, sentence, rng.choice(["up", "down"])), InsertEmpty(bead, side),
            EditText(side, sentence, f"edited {rng.randrange(1000)} 改"), Confirm(bead),
            ConfirmAbove(bead), "undo", "redo"][roll]


def replay_until(seq: int, seed: int) -> ReviewSession:
    """The session the child had after its ``seq``-th journaled edit."""
    session = ReviewSession.from_alignment(harbour_alignment())
    rng, done = random.Random(seed), 0
    while done < seq:
        step = random_step(rng)
        if step == "undo":
            done += session.undo() is not None
        elif step == "redo":
            done += session.redo() is not None
        else:
            with contextlib.suppress(EditError):
                done += not session.execute(step).empty
    return session


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_a_killed_process_loses_no_acknowledged_edit(tmp_path, seed):
    path = tmp_path / "r.review.jsonl"
    fresh(path).close()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(path), str(seed)], cwd=ROOT,
                             env=env, stdout=subprocess.PIPE, text=True)
    acknowledged = 0
    deadline = time.monotonic() + 60
    assert child.stdout is not None
    while acknowledged < 150 + 40 * seed and time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        acknowledged = int(line)
    child.send_signal(signal.SIGKILL)  # mid-session, most likely mid-write
    child.wait()
    assert acknowledged >= 150, "the child stopped early"
    warnings: list[str] = []
    with ReviewFile.open(path, warn=warnings.append) as review:
        assert review.seq >= acknowledged
        review.session.check_invariants()
        expected = replay_until(review.seq, seed)
        assert state(review.session) == state(expected)


def test_reopening_and_closing_compacts_a_replayed_journal(tmp_path):
    path = tmp_path / "r.review.jsonl"
    review = fresh(path)
    for edit in EDITS:
        review.execute(edit)
    expected = state(review.session)
    review.close(snapshot=False)  # killed: the journal holds every edit
    assert len(path.read_bytes().splitlines()) == 1 + len(EDITS)
    ReviewFile.open(path).close()  # opened and closed without an edit
    assert len(path.read_bytes().splitlines()) == 1
    with ReviewFile.open(path) as again:
        assert state(again.session) == expected and again.seq == len(EDITS)
