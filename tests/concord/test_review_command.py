"""``concord review`` options as a new user meets them (the app itself is tested in tests/review)."""
from __future__ import annotations

from pathlib import Path

from concord.bitext import write_units
from concord.cli import main
from tmx.model import Unit

GLOSSARY = Path(__file__).resolve().parent.parent / "terms" / "fixtures" / "mini.csv"


def memory(path: Path) -> Path:
    units = [Unit.bilingual("rel:1", "zh-CN", "双方签署了12项合作文件。", "en-US",
                            "The two sides signed 12 cooperation documents."),
             Unit.bilingual("rel:2", "zh-CN", "王毅会见了代表团。", "en-US",
                            "Wang Yi met the delegation.")]
    write_units(units, path)
    return path


def test_export_never_overwrites_the_memory_or_glossary_it_reads(tmp_path, capsys, monkeypatch):
    tmx = memory(tmp_path / "release.tmx")
    po_glossary = tmp_path / "terms.po"
    assert main(["glossary", "convert", str(GLOSSARY), str(po_glossary)]) == 0
    before = {p: p.read_bytes() for p in (tmx, po_glossary)}
    monkeypatch.chdir(tmp_path)
    capsys.readouterr()
    for args in (["release.tmx", "--export", "release.tmx"],
                 ["release.tmx", "--glossary", "terms.po", "--export", "terms.po"]):
        assert main(["review", *args]) == 2, args
        err = capsys.readouterr().err
        assert "would overwrite" in err and "Traceback" not in err, args
    assert {p: p.read_bytes() for p in before} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["release.tmx", "terms.po"]  # no review file
    # the same command with another file name exports, and the review can go on from the memory
    assert main(["review", "release.tmx", "--export", "reviewed.tmx"]) == 0
    assert main(["review", "release.tmx", "--export", "reviewed.po"]) == 0
    assert b"Wang Yi met the delegation." in (tmp_path / "reviewed.po").read_bytes()


def test_confirmed_only_without_export_is_refused_before_the_server_starts(tmp_path, capsys):
    tmx = memory(tmp_path / "release.tmx")
    assert main(["review", str(tmx), "--confirmed-only", "--no-browser"]) == 2
    err = capsys.readouterr().err
    assert "--confirmed-only" in err and "--export" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["release.tmx"]
