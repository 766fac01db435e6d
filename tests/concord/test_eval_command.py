"""``concord eval``: scores over gold directories, text and JSON reports."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from concord.cli import main

RELEASES = Path(__file__).resolve().parent.parent.parent / "corpora" / "releases"


def test_json_report_on_our_own_releases(capsys):
    assert main(["eval", "--gold", str(RELEASES), "--format", "json", "--documents",
                 "--confidence"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["documents"] == len(list(RELEASES.glob("*.align")))
    assert report["f1_strict"] >= 0.9
    assert report["f1_lax"] >= report["f1_strict"]
    assert sum(row["gold"] for row in report["bead_types"].values()) > 0
    assert len(report["per_document"]) == report["documents"]
    assert sum(row["beads"] for row in report["confidence_buckets"]) == sum(
        row["test"] for row in report["bead_types"].values())
    # the confident beads (>= 0.9) are the two top buckets, and nearly all of them are right
    confident = report["confident"]
    assert confident["beads"] == sum(row["beads"] for row in report["confidence_buckets"]
                                     if row["low"] >= confident["threshold"])
    assert confident["precision"] >= 0.95
    # NAME.zh.sents is read as Chinese: most beads are confident (not capped as same-language)
    assert report["confidence_buckets"][-1]["beads"] > report["documents"] * 5
    one_sided = sum(line.strip().startswith("[]") or line.strip().endswith("[]")
                    for path in RELEASES.glob("*.align")
                    for line in path.read_text(encoding="utf-8").splitlines())
    assert report["unaligned"]["gold"] == one_sided > 0
    assert 0 <= report["unaligned"]["correct"] <= report["unaligned"]["test"]


def test_text_report_and_wmt_layout(tmp_path, capsys):
    (tmp_path / "a.en").write_text("The two sides signed 12 agreements.\n"
                                   "Both leaders attended the ceremony.\n", encoding="utf-8")
    (tmp_path / "a.zhA").write_text("双方签署了12项协议。\n两国领导人出席了仪式。\n", encoding="utf-8")
    (tmp_path / "a.zhB").write_text("双方签了12个协议。\n两位领导人出席仪式。\n", encoding="utf-8")
    assert main(["eval", "--gold", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "F1" in out and "1-1" in out
    assert "unaligned sentences: gold 0, test 0, correct 0 (precision -, recall -)" in out
    assert "2 documents" in out
    assert "confidence >= 0.90:" in out
    assert "translation zhA: F1 strict 1.0000" in out and "translation zhB" in out


def test_not_a_gold_directory(tmp_path, capsys):
    assert main(["eval", "--gold", str(tmp_path / "missing")]) == 2
    assert "not a directory" in capsys.readouterr().err


def test_gold_sets_reach_their_targets(shared, capsys):
    gold = shared / "corpora" / "gold"
    assert main(["eval", "--gold", str(gold / "pol-dev"), "--gold", str(gold / "wmt22-news-enzh"),
                 "--format", "json"]) == 0
    pol, wmt = json.loads(capsys.readouterr().out)
    assert pol["f1_strict"] >= 0.96
    assert wmt["f1_strict"] >= 0.97


def test_pieces_switch_reaches_the_lexical_scorer():
    from concord.commands import chosen_scorer

    anchors = (("国务委员", ("State Councilor",)),)
    assert chosen_scorer(argparse.Namespace(scorer="lexical", pieces=None)) == "lexical"
    scorer = chosen_scorer(argparse.Namespace(scorer="lexical", pieces=True), anchors)
    assert scorer.pieces is True and scorer.anchors == anchors
    assert chosen_scorer(argparse.Namespace(scorer="lexical", pieces=False)).pieces is False


def test_pieces_leave_short_releases_as_they_were(capsys):
    # each release has too little Chinese to train a piece model on: the same beads either way
    reports = []
    for switch in ("--pieces", "--no-pieces"):
        assert main(["eval", "--gold", str(RELEASES), "--format", "json", "--documents",
                     switch]) == 0
        report = json.loads(capsys.readouterr().out)
        reports.append({k: v for k, v in report.items() if k != "seconds"})
    assert reports[0] == reports[1]
