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
