"""``concord pair``: documents paired by content under scrambled names, orphans, errors."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from concord.cli import main
from concord.corpus.pairs import read_pair_list
from concord.corpus.synthetic import gold_pairs, release_pairs, scrambled

ROOT = Path(__file__).resolve().parent.parent.parent
RELEASES = ROOT / "corpora" / "releases"


def found_pairs(out: str) -> set[tuple[str, str]]:
    return {tuple(line.split("\t")[:2]) for line in out.splitlines() if line}


def precision_recall(found: set, truth: set) -> tuple[float, float]:
    right = len(found & truth)
    return right / max(len(found), 1), right / len(truth)


@pytest.mark.shared
def test_gold_and_release_documents_are_paired_despite_scrambled_names(shared, tmp_path, capsys):
    pairs = gold_pairs(shared) + release_pairs(RELEASES)
    truth = scrambled(pairs, tmp_path, orphan_every=10)
    assert len(pairs) >= 50 and len(truth) < len(pairs)  # orphans on both sides
    assert main(["pair", str(tmp_path / "zh"), str(tmp_path / "en")]) == 0
    captured = capsys.readouterr()
    precision, recall = precision_recall(found_pairs(captured.out), truth)
    assert precision >= 0.99 and recall >= 0.99
    paired = {p for pair in truth for p in pair}
    orphans = [p for p in (tmp_path / "zh").iterdir()] + [p for p in (tmp_path / "en").iterdir()]
    orphans = [str(p) for p in orphans if str(p) not in paired]
    assert orphans and all(f"{p}: no counterpart" in captured.err for p in orphans)


def test_one_folder_holding_both_languages(tmp_path, capsys):
    truth = scrambled(release_pairs(RELEASES), tmp_path, orphan_every=5, one_folder=True)
    assert main(["pair", str(tmp_path), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    found = {(p["source"], p["target"]) for p in data["pairs"]}
    assert found == truth
    assert all(0.65 <= p["confidence"] <= 1.0 for p in data["pairs"])
    assert len(data["unpaired"]) == 2 and not data["errors"]


def test_output_is_a_pair_list_batch_reads(tmp_path, capsys):
    scrambled(release_pairs(RELEASES)[:3], tmp_path, orphan_every=100)
    main(["pair", str(tmp_path / "zh"), str(tmp_path / "en")])
    listing = tmp_path / "pairs.tsv"
    listing.write_text(capsys.readouterr().out, encoding="utf-8")
    pairs = read_pair_list(str(listing))
    assert len(pairs) == 3 and len({p.doc_id for p in pairs}) == 3


def test_unreadable_documents_are_reported_and_the_rest_paired(tmp_path, capsys):
    truth = scrambled(release_pairs(RELEASES)[:3], tmp_path, orphan_every=100)
    (tmp_path / "zh" / "broken.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe" * 50)
    assert main(["pair", str(tmp_path / "zh"), str(tmp_path / "en")]) == 1
    captured = capsys.readouterr()
    assert found_pairs(captured.out) == truth
    assert str(tmp_path / "zh" / "broken.txt") in captured.err


def test_missing_folder_is_an_error(tmp_path, capsys):
    assert main(["pair", str(tmp_path / "nowhere")]) == 2
    assert "nowhere" in capsys.readouterr().err


def test_folder_without_documents_is_an_error(tmp_path, capsys):
    (tmp_path / "notes.align").write_text("[0]:[0]\n")
    assert main(["pair", str(tmp_path)]) == 2
    assert str(tmp_path) in capsys.readouterr().err


def test_a_threshold_above_every_confidence_leaves_everything_unpaired(tmp_path, capsys):
    scrambled(release_pairs(RELEASES)[:2], tmp_path, orphan_every=100)
    assert main(["pair", str(tmp_path / "zh"), str(tmp_path / "en"),
                 "--min-confidence", "1.0"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("no counterpart") == 4


@pytest.mark.parametrize("line, message", [("only-one-column", "expected SRC<TAB>TGT"),
                                            ("a.zh\tb.en\thigh", "is not a number")])
def test_malformed_pair_list_names_file_and_line(tmp_path, capsys, line, message):
    listing = tmp_path / "pairs.tsv"
    listing.write_text(f"# pairs\na.zh.txt\ta.en.txt\n{line}\n", encoding="utf-8")
    assert main(["batch", "--pairs", str(listing), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert f"{listing}:3:" in err and message in err
    assert not (tmp_path / "out").exists()


def test_worker_processes_pair_as_one_process_does(tmp_path):
    from concord.corpus.pairing import pair_folders
    from concord.corpus.synthetic import synthetic_releases

    truth = synthetic_releases(RELEASES, 80, tmp_path)  # 160 documents: three chunks
    folders = [str(tmp_path / "zh"), str(tmp_path / "en")]
    alone, pooled = pair_folders(folders, jobs=1), pair_folders(folders, jobs=2)
    assert alone.pairs == pooled.pairs and alone.unpaired == pooled.unpaired
    assert {(p.source, p.target) for p in pooled.pairs} == truth
