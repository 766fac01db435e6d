"""Output files: written atomically with the permissions an ordinary write would give them;
``-`` is standard output; devices, FIFOs and symlinks are written through, never replaced; a full
disk and SIGTERM leave no temporary file."""
from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

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


# --- outputs that are not regular files: standard output, devices, FIFOs, symlinks ------------

ROOT = Path(__file__).resolve().parents[2]
RELEASE = ROOT / "corpora" / "releases" / "2022-01-18-wang-yi-qureshi-call"
GLOSSARY = ROOT / "corpora" / "glossary" / "mfa-terms.csv"
ZH, EN = RELEASE.with_name(RELEASE.name + ".zh.txt"), RELEASE.with_name(RELEASE.name + ".en.txt")


def _memory(folder: Path, units: int = 3) -> Path:
    from concord.bitext import write_units
    from tmx.model import Unit
    path = folder / "memory.tmx"
    write_units([Unit.bilingual(f"m:{i}", "zh-CN", f"双方签署了{i}项协议。", "en-US",
                                f"The two sides signed {i} agreements.") for i in range(units)],
                path)
    return path


#: every command that writes a file, with ``-`` where the file goes, and what stdout must hold
DASH_COMMANDS = [
    (("segment", "{en}", "-o", "-"), "Wang Yi Holds Phone Talks"),
    (("align", "{zh}", "{en}", "-o", "-"), '<tmx version="1.4">'),
    (("align", "{zh}", "{en}", "-o", "-", "--format", "beads"), "[0]:[0]"),
    (("check", "--tmx", "{tmx}", "-f", "json", "-o", "-"), '"summary"'),
    (("check", "--tmx", "{tmx}", "-o", "{out}/report.txt", "--save-tmx", "-"),
     "signed 2 agreements"),
    (("convert", "{tmx}", "-"), '<tmx version="1.4">'),
    (("convert", "{tmx}", "-", "--to", "tsv"), "signed 2 agreements"),
    (("tmx", "merge", "{tmx}", "{tmx}", "-o", "-"), "signed 2 agreements"),
    (("tmx", "filter", "{tmx}", "-o", "-", "--to", "jsonl"), "signed 2 agreements"),
    (("glossary", "convert", "{glossary}", "-", "--to", "csv"), "concept,category,lang"),
    (("review", "{zh}", "{en}", "--export", "-", "--review-file", "{out}/r.review.jsonl"),
     '<tmx version="1.4">'),
]


@pytest.mark.parametrize("argv, expected", DASH_COMMANDS, ids=lambda a: " ".join(a[:3])
                         if isinstance(a, tuple) else None)
def test_a_dash_is_standard_output_for_every_command_that_writes(tmp_path, argv, expected):
    work = tmp_path / "work"
    work.mkdir()
    tmx = _memory(tmp_path)
    args = [a.format(zh=ZH, en=EN, tmx=tmx, glossary=GLOSSARY, out=tmp_path) for a in argv]
    result = _run(args, cwd=work)
    assert result.returncode in (0, 1), result.stderr
    assert expected in result.stdout
    assert not (work / "-").exists() and list(work.iterdir()) == []


def test_a_symlink_to_a_device_stays_a_symlink(tmp_path, capsys):
    """The output is written into /dev/null through the link; the link is not replaced by a
    regular file (an atomic rename over it would do that)."""
    tmx = _memory(tmp_path)
    link = tmp_path / "out.tsv"
    link.symlink_to("/dev/null")
    assert main(["convert", str(tmx), str(link), "-q"]) == 0
    assert link.is_symlink() and os.readlink(link) == "/dev/null"
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["memory.tmx", "out.tsv"]


def test_a_link_to_standard_output_is_written_into_not_replaced(tmp_path):
    """``convert x.tmx /dev/stdout`` replaced /dev/stdout (run as root). The same kind of link,
    made here so that a regression cannot damage the machine's /dev: /proc/self/fd/1."""
    tmx = _memory(tmp_path)
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")
    result = _run(["convert", str(tmx), str(link), "--to", "tsv"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "signed 2 agreements" in result.stdout
    assert link.is_symlink() and os.readlink(link) == "/proc/self/fd/1"


def test_a_fifo_is_written_into(tmp_path, capsys):
    tmx = _memory(tmp_path)
    fifo = tmp_path / "out.tsv"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    try:
        assert main(["convert", str(tmx), str(fifo), "-q"]) == 0
    finally:
        if reader.is_alive():  # nothing opened the FIFO: open it so that the reader ends
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        reader.join(timeout=30)
    assert b"signed 2 agreements" in received[0]
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_symlink_to_a_file_keeps_the_link_and_replaces_the_file(tmp_path, capsys):
    tmx = _memory(tmp_path)
    real = tmp_path / "store" / "memory.tsv"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "current.tsv"
    link.symlink_to(real)
    assert main(["convert", str(tmx), str(link), "-q"]) == 0
    assert link.is_symlink() and link.resolve() == real
    assert "signed 2 agreements" in real.read_text(encoding="utf-8")
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in real.parent.iterdir()) == ["memory.tsv"]


# --- a full disk, SIGTERM ----------------------------------------------------------------------

@pytest.fixture
def full_device(tmp_path) -> Path:
    """A device node like /dev/full (every write fails with ENOSPC), made here so that a
    regression replaces this node, not the machine's /dev/full (root only: skipped otherwise)."""
    node = tmp_path / "full"
    try:
        os.mknod(node, 0o666 | stat.S_IFCHR, os.stat("/dev/full").st_rdev)
    except OSError as exc:
        pytest.skip(f"cannot make a device node: {exc.strerror}")
    return node


def test_a_full_device_is_named_in_the_error(tmp_path, full_device, capsys):
    tmx = _memory(tmp_path)
    assert main(["convert", str(tmx), str(full_device), "--to", "tsv"]) == 2
    err = capsys.readouterr().err
    assert err.strip().splitlines() == [f"concord: error: {full_device}: no space left on device"]
    assert stat.S_ISCHR(os.lstat(full_device).st_mode)
    with pytest.raises(OSError) as info:
        write_text_atomic(full_device, "text")
    assert info.value.filename == str(full_device)


def test_no_space_left_names_the_output_and_leaves_no_temporary_file(tmp_path, small_disk,
                                                                     capsys):
    tmx = _memory(tmp_path, units=2000)  # about 600 KB of TMX: more than the disk holds
    out = small_disk / "out.tmx"
    assert main(["convert", str(tmx), str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"concord: error: {out}: no space left on device"]
    assert list(small_disk.iterdir()) == []


def test_sigterm_removes_the_temporary_file(tmp_path):
    """What a CI time-out sends: the command stops with 143 and leaves no hidden .tmp file."""
    tmx = _memory(tmp_path, units=60000)
    out = tmp_path / "out" / "copy.po"
    out.parent.mkdir()
    process = subprocess.Popen([sys.executable, "-m", "concord", "convert", str(tmx), str(out)],
                               cwd=tmp_path, env=_env(), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    while not list(out.parent.iterdir()) and process.poll() is None:
        assert time.monotonic() < deadline, "no temporary file appeared"
        time.sleep(0.01)
    assert process.poll() is None, "the conversion ended before it could be stopped"
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signal.SIGTERM, err
    assert err.strip().splitlines()[-1] == "concord: error: terminated"
    assert list(out.parent.iterdir()) == []


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "CONCORD"))}
    env["PYTHONPATH"] = str(ROOT)
    return env


def _run(argv: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "concord", *argv], cwd=cwd, env=_env(),
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300)
