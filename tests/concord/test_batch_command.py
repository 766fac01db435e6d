"""``concord batch``: every pair of a folder aligned, in parallel, incrementally, resumably."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from concord.bitext import read_units
from concord.cli import main
from tmx.reader import iter_units

ROOT = Path(__file__).resolve().parent.parent.parent
RELEASES = ROOT / "corpora" / "releases"
GLOSSARY = ROOT / "corpora" / "glossary" / "mfa-terms.csv"
NAMES = ["2022-01-18-wang-yi-qureshi-call", "2022-01-21-wang-yi-retno-call",
         "2022-03-02-hu-chunhua-sklyar-committee"]


def corpus(folder: Path, names=NAMES) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        for lang in ("zh", "en"):
            shutil.copy2(RELEASES / f"{name}.{lang}.txt", folder / f"{name}.{lang}.txt")
    return folder


def summary(out: Path) -> dict:
    return json.loads((out / "summary.json").read_text(encoding="utf-8"))


def visible_files(out: Path) -> dict[str, bytes]:
    """Every output file but summary.json (whose timings differ from run to run)."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != "summary.json" and ".concord-batch" not in p.parts}


def test_every_pair_is_aligned_with_a_merged_memory_and_a_summary(tmp_path):
    inputs = corpus(tmp_path / "in")
    out = tmp_path / "out"
    assert main(["batch", str(inputs), "-o", str(out), "--jobs", "1", "-q"]) == 0
    data = summary(out)
    assert data["documents"] == 3 and data["aligned"] == 3 and data["failed"] == 0
    units = 0
    for result in data["results"]:
        memory = list(iter_units(out / f"{result['doc_id']}.tmx"))
        assert len(memory) == sum(result["beads"].values()) > 0
        assert result["sentences"]["source"] > 0 and 0 < result["mean_confidence"] <= 1
        units += len(memory)
    merged = list(iter_units(out / "corpus.tmx"))
    assert len(merged) == units
    assert [u.tuid.split(":")[0] for u in merged] == sorted(u.tuid.split(":")[0] for u in merged)
    assert main(["tmx", "validate", str(out / "corpus.tmx"), "-q"]) == 0


def test_the_merged_memory_holds_each_documents_units_as_written_again(tmp_path):
    from tmx.reader import read_header
    from tmx.writer import TMXWriter

    inputs = corpus(tmp_path / "in", NAMES + ["2022-01-14-spokesperson-press-conference"])
    out = tmp_path / "out"
    assert main(["batch", str(inputs), "-o", str(out), "--jobs", "1", "-q"]) == 0
    memories = sorted(p for p in out.glob("*.tmx") if p.name != "corpus.tmx")
    merged = out / "corpus.tmx"
    header = read_header(merged)
    expected = tmp_path / "expected.tmx"
    with open(expected, "wb") as stream, \
            TMXWriter(stream, srclang=header.srclang, creationdate=header.attrs["creationdate"],
                      normalize_langs=False) as writer:
        for memory in memories:
            for unit in iter_units(memory):
                writer.write(unit)
    assert merged.read_bytes() == expected.read_bytes()
    assert any(len(u.variants) == 2 and any(v.segment.is_empty for v in u.variants)
               for u in iter_units(merged))   # one-sided beads among them


def test_outputs_are_the_same_whatever_the_number_of_jobs(tmp_path):
    inputs = corpus(tmp_path / "in")
    assert main(["batch", str(inputs), "-o", str(tmp_path / "one"), "--jobs", "1", "-q"]) == 0
    assert main(["batch", str(inputs), "-o", str(tmp_path / "two"), "--jobs", "2", "-q"]) == 0
    one, two = visible_files(tmp_path / "one"), visible_files(tmp_path / "two")
    assert one == two and len(one) == 4


def test_gold_layout_is_paired_and_its_other_files_left_alone(tmp_path):
    folder = tmp_path / "gold"
    folder.mkdir()
    name = NAMES[0]
    for lang in ("zh", "en"):
        shutil.copy(RELEASES / f"{name}.{lang}.sents", folder / f"{name}.{lang}")
    shutil.copy(RELEASES / f"{name}.align", folder / f"{name}.align")
    before = (folder / f"{name}.align").read_bytes()
    out = tmp_path / "out"
    assert main(["batch", str(folder), "-o", str(out), "--presplit", "--format", "beads",
                 "-q", "--jobs", "1"]) == 0
    beads = (out / f"{name}.beads").read_text().splitlines()
    lines = len((folder / f"{name}.zh").read_text().splitlines())
    assert sum(len(b.split(":")[0].strip("[]").split(",")) for b in beads
               if not b.startswith("[]")) == lines
    assert (folder / f"{name}.align").read_bytes() == before
    assert len(list(iter_units(out / "corpus.tmx"))) == len(beads)


@pytest.mark.parametrize("fmt", ["po", "tsv", "jsonl"])
def test_memory_formats(tmp_path, fmt):
    out = tmp_path / "out"
    assert main(["batch", str(corpus(tmp_path / "in", NAMES[:1])), "-o", str(out), "--format",
                 fmt, "-q", "--jobs", "1"]) == 0
    units = list(read_units(out / f"{NAMES[0]}.{fmt}", src_lang="zh-CN", tgt_lang="en-US"))
    assert len(units) == len(list(iter_units(out / "corpus.tmx"))) > 0


def test_rerun_skips_unchanged_documents_and_redoes_changed_ones(tmp_path, capsys):
    inputs = corpus(tmp_path / "in")
    out = tmp_path / "out"
    main(["batch", str(inputs), "-o", str(out), "--jobs", "1", "-q"])
    first = visible_files(out)
    stamps = {p: (out / p).stat().st_mtime_ns for p in first}
    assert main(["batch", str(inputs), "-o", str(out), "--jobs", "1"]) == 0
    assert summary(out)["unchanged"] == 3
    assert {p: (out / p).stat().st_mtime_ns for p in first} == stamps
    assert "0 aligned, 3 unchanged" in capsys.readouterr().err
    changed = inputs / f"{NAMES[1]}.en.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nOne more sentence.\n",
                       encoding="utf-8")
    main(["batch", str(inputs), "-o", str(out), "--jobs", "1", "-q"])
    statuses = {r["doc_id"]: r["status"] for r in summary(out)["results"]}
    assert statuses == {NAMES[0]: "unchanged", NAMES[1]: "aligned", NAMES[2]: "unchanged"}
    main(["batch", str(inputs), "-o", str(out), "--jobs", "1", "-q", "--max-bead", "3"])
    assert summary(out)["aligned"] == 3  # other options: every document again


def test_failures_are_reported_per_document_and_the_rest_goes_on(tmp_path, capsys):
    inputs = corpus(tmp_path / "in", NAMES[:2])
    (inputs / "binary.zh.txt").write_bytes(b"\x00\x01\x02\xff" * 100)
    (inputs / "binary.en.txt").write_text("A short English text.\n", encoding="utf-8")
    # the files swapped: the .zh.txt holds English
    shutil.copy(RELEASES / f"{NAMES[2]}.en.txt", inputs / "swapped.zh.txt")
    shutil.copy(RELEASES / f"{NAMES[2]}.zh.txt", inputs / "swapped.en.txt")
    out = tmp_path / "out"
    assert main(["batch", str(inputs), "-o", str(out), "--jobs", "2"]) == 1
    data = summary(out)
    assert data["aligned"] == 2 and data["failed"] == 2
    errors = {r["doc_id"]: r["error"] for r in data["results"] if r["status"] == "failed"}
    assert "binary.zh.txt" in errors["binary"]
    assert "swapped.zh.txt" in errors["swapped"] and "English" in errors["swapped"]
    assert not (out / "binary.tmx").exists() and not (out / "swapped.tmx").exists()
    err = capsys.readouterr().err
    assert "binary.zh.txt" in err and "swapped.zh.txt" in err
    assert len(list(iter_units(out / "corpus.tmx"))) == sum(
        sum(r["beads"].values()) for r in data["results"] if r["status"] == "aligned")


def test_nothing_readable_is_exit_status_2(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a.zh.txt").write_bytes(b"\x00" * 10)
    (inputs / "a.en.txt").write_bytes(b"\x00" * 10)
    assert main(["batch", str(inputs), "-o", str(tmp_path / "out"), "-q"]) == 2
    assert not (tmp_path / "out" / "corpus.tmx").exists()


def test_no_pairs_is_an_error_naming_the_folder(tmp_path, capsys):
    (tmp_path / "lonely.zh.txt").write_text("你好。\n", encoding="utf-8")
    assert main(["batch", str(tmp_path), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "lonely.zh.txt: no counterpart" in err and "no document pairs" in err


def test_kill_9_leaves_complete_files_and_the_rerun_resumes(tmp_path):
    names = [p.name[:-len(".zh.txt")] for p in sorted(RELEASES.glob("*.zh.txt"))]
    inputs = corpus(tmp_path / "in", names)
    out = tmp_path / "out"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "concord", "batch", str(inputs), "-o", str(out),
               "--jobs", "1", "-q"]
    process = subprocess.Popen(command, env=env, start_new_session=True)
    journal = out / ".concord-batch" / "journal.jsonl"
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        if journal.exists() and journal.read_text(encoding="utf-8").count("\n") >= 2:
            break
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    if not journal.exists():
        pytest.fail("the batch finished or failed before it could be killed")
    # only complete files: every memory written parses to the end; no temporary file is left
    # in sight of the user
    for memory in out.glob("*.tmx"):
        assert list(iter_units(memory))
    assert not (out / "summary.json").exists() and not (out / "corpus.tmx").exists()
    done = journal.read_text(encoding="utf-8").count("\n")
    assert main(["batch", str(inputs), "-o", str(out), "--jobs", "1", "-q"]) == 0
    assert summary(out)["unchanged"] >= done >= 2
    assert not list(out.glob(".*.tmp"))
    assert main(["batch", str(inputs), "-o", str(tmp_path / "clean"), "--jobs", "2", "-q"]) == 0
    assert visible_files(out) == visible_files(tmp_path / "clean")


def test_check_writes_document_reports_and_a_corpus_report(tmp_path):
    out = tmp_path / "out"
    status = main(["batch", str(corpus(tmp_path / "in")), "-o", str(out), "--check",
                   str(GLOSSARY), "--fail-on", "warning", "-q", "--jobs", "1"])
    data = summary(out)
    per_document = [json.loads((out / f"{n}.check.json").read_text()) for n in NAMES]
    corpus_report = json.loads((out / "check.json").read_text())
    assert corpus_report["units"] == sum(r["units"] for r in per_document) == data["beads"]
    assert len(corpus_report["findings"]) == sum(len(r["findings"]) for r in per_document)
    sarif = json.loads((out / "check.sarif").read_text())
    assert len(sarif["runs"][0]["results"]) == len(corpus_report["findings"])
    assert (out / "check.junit.xml").read_text().count("<testcase") == data["beads"]
    index = (out / "index.html").read_text()
    assert all(f'href="{n}.check.html"' in index and (out / f"{n}.check.html").is_file()
               for n in NAMES)
    assert status == (1 if corpus_report["findings"] else 0)


def test_align_of_a_folder_points_to_batch(tmp_path, capsys):
    assert main(["align", str(RELEASES), str(RELEASES)]) == 2
    err = capsys.readouterr().err
    assert "is a directory, not a file" in err and "concord batch" in err


def test_an_output_folder_inside_the_input_is_not_read_as_input(tmp_path):
    inputs = corpus(tmp_path / "in", NAMES[:1])
    out = inputs / "aligned"
    assert main(["batch", str(inputs), "-o", str(out), "-q", "--jobs", "1", "--check",
                 str(GLOSSARY), "--fail-on", "never"]) == 0
    (out / "copy.zh.txt").write_text("误放的文件。\n", encoding="utf-8")
    (out / "copy.en.txt").write_text("A stray file.\n", encoding="utf-8")
    assert main(["batch", str(inputs), "-o", str(out), "-q", "--jobs", "1", "--check",
                 str(GLOSSARY), "--fail-on", "never"]) == 0
    assert [r["doc_id"] for r in summary(out)["results"]] == NAMES[:1]


def test_pair_by_content_aligns_documents_whose_names_do_not_match(tmp_path):
    from concord.corpus.synthetic import release_pairs, scrambled

    truth = scrambled(release_pairs(RELEASES)[:3], tmp_path / "in", orphan_every=100)
    out = tmp_path / "out"
    assert main(["batch", str(tmp_path / "in"), "-o", str(out), "--pair-by", "content", "-q",
                 "--jobs", "1"]) == 0
    aligned = {(r["source"], r["target"]) for r in summary(out)["results"]
               if r["status"] == "aligned"}
    assert aligned == truth
