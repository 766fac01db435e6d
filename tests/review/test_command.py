"""``concord review`` from the command line: inputs, review files, refusals, the real server."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from concord.cli import main
from concord.review.journal import ReviewFile
from tests.review.sample import FIXTURES
from tests.review.server import ROOT, Server, non_loopback_address


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    for name in ("harbour.zh.txt", "harbour.en.txt", "glossary.csv"):
        shutil.copy(FIXTURES / name, tmp_path / name)
    return tmp_path / "harbour.zh.txt", tmp_path / "harbour.en.txt"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "concord", "review", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)


def test_a_non_loopback_host_is_refused_before_anything_is_done(pair):
    done = run(str(pair[0]), str(pair[1]), "--host", "0.0.0.0", "--no-browser")
    assert done.returncode == 2
    assert done.stderr.strip().startswith("concord: error: --host 0.0.0.0 is not a loopback")
    assert "Traceback" not in done.stderr
    assert not (pair[0].parent / "harbour.review.jsonl").exists()


def test_missing_input_is_one_line_error(tmp_path):
    done = run(str(tmp_path / "nope.zh.txt"), str(tmp_path / "nope.en.txt"))
    assert done.returncode == 2 and "nope.zh.txt: no such file" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_a_file_that_is_not_a_review_or_memory_is_refused(tmp_path):
    bad = tmp_path / "notes.review.jsonl"
    bad.write_text('{"format":"concord-review","version":1,"seq":0}\n', encoding="utf-8")
    done = run(str(bad), "--no-browser")
    assert done.returncode == 2 and f"{bad}:1: damaged review snapshot" in done.stderr


def test_align_export_and_reopen_a_pair(pair, capsys):
    zh, en = pair
    out = zh.parent / "out.tmx"
    assert main(["review", str(zh), str(en), "--glossary", str(zh.parent / "glossary.csv"),
                 "--export", str(out)]) == 0
    review_file = zh.parent / "harbour.review.jsonl"
    assert review_file.exists() and not review_file.with_name(review_file.name + ".lock").exists()
    text = out.read_text(encoding="utf-8")
    assert text.count("<tu ") >= 9 and '<prop type="x-concord-status">unreviewed</prop>' in text
    assert '<prop type="x-concord-doc">harbour</prop>' in text
    with ReviewFile.open(review_file) as review:  # a reviewer confirms the first bead
        from concord.review.operations import Confirm
        review.execute(Confirm(0))
    confirmed = zh.parent / "confirmed.tmx"
    assert main(["review", str(zh), str(en), "--export", str(confirmed), "--confirmed-only"]) == 0
    assert confirmed.read_text(encoding="utf-8").count("<tu ") == 1
    assert "going on with the review" in capsys.readouterr().err


def test_a_changed_input_is_not_mixed_with_an_old_review(pair, capsys):
    zh, en = pair
    assert main(["review", str(zh), str(en), "--export", str(zh.parent / "a.tmx")]) == 0
    en.write_text(en.read_text(encoding="utf-8").replace("12 percent", "13 percent"),
                  encoding="utf-8")
    before = (zh.parent / "harbour.review.jsonl").read_bytes()
    assert main(["review", str(zh), str(en), "--export", str(zh.parent / "b.tmx")]) == 2
    assert "another version of" in capsys.readouterr().err
    assert (zh.parent / "harbour.review.jsonl").read_bytes() == before
    assert not (zh.parent / "b.tmx").exists()
    # a new review file for the new version is fine
    assert main(["review", str(zh), str(en), "--review-file", str(zh.parent / "v2.review.jsonl"),
                 "--export", str(zh.parent / "b.tmx")]) == 0


def test_a_memory_file_can_be_reviewed(pair):
    zh, en = pair
    tmx = zh.parent / "harbour.tmx"
    assert main(["align", str(zh), str(en), "-o", str(tmx)]) == 0
    out = zh.parent / "again.tmx"
    assert main(["review", str(tmx), "--export", str(out)]) == 0
    from concord.bitext import read_units
    before = [(u.text("zh-CN"), u.text("en-US")) for u in read_units(tmx)]
    after = [(u.text("zh-CN"), u.text("en-US")) for u in read_units(out)]
    assert after == before
    assert (zh.parent / "harbour.review.jsonl").exists()


def test_the_real_server_guards_its_door_and_stops_cleanly(pair):
    zh, en = pair
    server = Server([str(zh), str(en)], cwd=zh.parent)
    try:
        assert server.url.startswith("http://127.0.0.1:")
        assert httpx.get(f"{server.base}/api/state").status_code == 403
        assert httpx.get(f"{server.base}/api/state?token=wrong").status_code == 403
        page = httpx.get(server.url)
        assert page.status_code == 200 and "Concord review" in page.text
        state = httpx.get(f"{server.base}/api/state", headers={"X-Concord-Token": server.token})
        assert state.status_code == 200 and state.json()["total"] >= 9
        other = non_loopback_address()
        if other is not None:  # the same port on the machine's network address does not answer
            with pytest.raises(OSError):
                socket.create_connection((other, server.port), timeout=3).close()
            # control: a listener on all interfaces is reachable there, so the check can fail
            with socket.create_server(("0.0.0.0", 0)) as control:
                socket.create_connection((other, control.getsockname()[1]), timeout=3).close()
    finally:
        status, err = server.stop()
    assert status == 0, err
    assert "Traceback" not in err
    review_file = zh.parent / "harbour.review.jsonl"
    assert not review_file.with_name(review_file.name + ".lock").exists()


def test_a_pair_is_read_in_the_input_format_given_and_named_as_align_names_it(tmp_path):
    # pages saved as .txt under names that say only the language: --input-format html reads
    # the article, not the markup; the units take the pair's folder as their document
    from concord.bitext import read_units

    reading = ROOT / "tests" / "align" / "fixtures" / "reading"
    folder = tmp_path / "2024-01-10"
    folder.mkdir()
    zh, en = folder / "zh.txt", folder / "en.txt"
    zh.write_bytes((reading / "mfa_zh.html").read_bytes())
    en.write_bytes((reading / "mfa_en.html").read_bytes())
    out = tmp_path / "out.tmx"
    assert main(["review", str(zh), str(en), "--input-format", "html", "--export", str(out)]) == 0
    units = list(read_units(out))
    assert units and {dict(u.props)["x-concord-doc"] for u in units} == {"2024-01-10"}
    assert any("Iceland" in u.text("en-US") for u in units)
    assert not any("<" in u.text("zh-CN") + u.text("en-US") for u in units)
