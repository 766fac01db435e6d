"""``concord segment``: output formats, and one-line errors with exit status 2 for bad input."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from concord.cli import main

FIXTURES = Path(__file__).resolve().parent.parent / "align" / "fixtures" / "reading"

RELEASE = "王毅同北国外长会谈\n2022年3月2日\n\n王毅同北国外长举行会谈。双方同意深化合作。\n\n双方还交换了意见。\n"


@pytest.fixture()
def release(tmp_path: Path) -> Path:
    path = tmp_path / "release.zh.txt"
    path.write_text(RELEASE, encoding="utf-8")
    return path


def test_text_output_has_a_blank_line_between_paragraphs(release, capsys):
    assert main(["segment", str(release)]) == 0
    assert capsys.readouterr().out == (
        "王毅同北国外长会谈\n\n2022年3月2日\n\n王毅同北国外长举行会谈。\n双方同意深化合作。\n\n双方还交换了意见。\n")


def test_jsonl_output(release, capsys):
    assert main(["segment", "--format", "jsonl", str(release)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["paragraph"], r["line"], r["kind"]) for r in rows] == [
        (0, 1, "title"), (1, 2, "dateline"), (2, 4, "body"), (2, 4, "body"), (3, 6, "body")]
    assert rows[3]["text"] == "双方同意深化合作。"


def test_presplit_and_output_file(release, tmp_path, capsys):
    out = tmp_path / "out" / "sents.txt"
    assert main(["segment", "--presplit", "-o", str(out), str(release)]) == 0
    assert out.read_text(encoding="utf-8") == (
        "王毅同北国外长会谈\n2022年3月2日\n\n王毅同北国外长举行会谈。双方同意深化合作。\n\n双方还交换了意见。\n")
    assert capsys.readouterr().out == ""


def test_html_page(capsys):
    assert main(["segment", str(FIXTURES / "mfa_en.html")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Wang Yi Holds Talks with Icelandic Foreign Minister Kristin Olafsdottir\n\n"
                          "2023-03-14 18:05\n\n")
    assert "Suggest to a Friend" not in out and "Contact Us" not in out


def _bad_inputs(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\u3000\n", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"GIF89a\x01\x00\x01\x00\x00\x00\x00")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02\x03data\x00\x00")
    (tmp_path / "garbled.txt").write_bytes(b"caf\xe9 \xff\xfe \x81\x82\x83\x84 \x90\x91")
    return {"missing file": tmp_path / "missing.txt", "directory": tmp_path,
            "empty document": tmp_path / "empty.txt", "blank document": tmp_path / "blank.txt",
            "image": tmp_path / "image.txt", "binary input": tmp_path / "binary.txt",
            "undecodable encoding": tmp_path / "garbled.txt"}


@pytest.mark.parametrize("case", ["missing file", "directory", "empty document", "blank document",
                                  "image", "binary input", "undecodable encoding"])
def test_bad_input_through_main(case, tmp_path, capsys):
    path = _bad_inputs(tmp_path)[case]
    out = tmp_path / "out.txt"
    assert main(["segment", "-o", str(out), str(path)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"concord: error: {path}")
    assert not out.exists()


@pytest.mark.parametrize("case", ["missing file", "directory", "empty document", "binary input",
                                  "undecodable encoding"])
def test_bad_input_through_the_command(case, tmp_path):
    path = _bad_inputs(tmp_path)[case]
    out = tmp_path / "out.txt"
    done = subprocess.run([sys.executable, "-m", "concord", "segment", "-o", str(out), str(path)],
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("concord: error: ") and str(path) in lines[0]
    assert "Traceback" not in done.stderr
    assert not out.exists() and not list(tmp_path.glob(".out.txt.*"))


def test_output_over_the_input_is_refused(release, capsys):
    assert main(["segment", str(release), "-o", str(release)]) == 2
    assert "overwrite" in capsys.readouterr().err
    assert release.read_text(encoding="utf-8") == RELEASE
