"""Output files written atomically get the permissions an ordinary write would give them."""
from __future__ import annotations

import os
import stat

from concord.atomic import write_bytes_atomic, write_text_atomic
from concord.cli import main


def test_new_files_follow_the_umask_and_replaced_files_keep_their_mode(tmp_path, corpora):
    previous = os.umask(0o022)
    try:
        report = tmp_path / "report.html"
        write_text_atomic(report, "<p>ok</p>")
        assert stat.S_IMODE(report.stat().st_mode) == 0o644
        shared = tmp_path / "shared.tmx"
        shared.write_bytes(b"old")
        shared.chmod(0o664)
        write_bytes_atomic(shared, b"new")
        assert stat.S_IMODE(shared.stat().st_mode) == 0o664 and shared.read_bytes() == b"new"
        os.umask(0o027)
        converted = tmp_path / "terms.tbx"
        assert main(["glossary", "convert", str(corpora / "glossary" / "mfa-terms.csv"),
                     str(converted), "-q"]) == 0
        assert stat.S_IMODE(converted.stat().st_mode) == 0o640
    finally:
        os.umask(previous)


def test_a_directory_as_output_is_named_in_the_error(tmp_path, capsys):
    folder = tmp_path / "reports"
    folder.mkdir()
    tmx = tmp_path / "m.tmx"
    from concord.bitext import write_units
    from tmx.model import Unit
    write_units([Unit.bilingual("m:1", "zh-CN", "双方签署了12项协议。", "en-US",
                                "The two sides signed 12 agreements.")], tmx)
    capsys.readouterr()
    assert main(["check", "--tmx", str(tmx), "-f", "sarif", "-o", str(folder)]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert f"concord: error: {folder}: is a directory" in err and ".tmp" not in err
    assert list(folder.iterdir()) == []


def test_a_place_where_no_file_can_be_made_is_named_in_the_error(tmp_path, capsys):
    # /proc exists, but no file can be created in it: the error names the output, not a .tmp
    source, target = tmp_path / "a.zh.txt", tmp_path / "a.en.txt"
    source.write_text("双方签署了12项协议。\n", encoding="utf-8")
    target.write_text("The two sides signed 12 agreements.\n", encoding="utf-8")
    assert main(["align", str(source), str(target), "-o", "/proc/out.tmx", "-q"]) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "/proc/out.tmx" in err and ".tmp" not in err
