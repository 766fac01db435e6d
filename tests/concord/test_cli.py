"""The command line's own behaviour: version, help, unknown commands."""
from __future__ import annotations

import os
import subprocess
import sys

from concord import __version__
from concord.cli import main


def test_version_is_printed(capsys):
    try:
        main(["--version"])
    except SystemExit as exc:
        assert exc.code == 0
    assert capsys.readouterr().out.strip() == f"concord {__version__}"


def test_no_command_prints_help_and_fails(capsys):
    assert main([]) == 2
    assert "usage: concord" in capsys.readouterr().err


def test_python_dash_m_runs_the_same_command():
    done = subprocess.run([sys.executable, "-m", "concord", "--help"], capture_output=True, text=True)
    assert done.returncode == 0
    assert "COMMAND" in done.stdout


#: engines and libraries a command needs only when it runs, not for ``concord --help``
HEAVY = ("lxml", "ahocorasick", "numpy", "charset_normalizer", "sacrebleu", "polib", "starlette",
         "uvicorn", "align.document", "align.numbers", "align.aligner", "terms.matching",
         "terms.checks", "terms.config", "tmx.reader", "concord.bitext", "concord.pipeline")


def test_building_the_command_line_loads_no_engine():
    """``concord --help`` stays fast: every command imports its engine when it runs."""
    code = ("import sys; from concord.cli import build_parser; build_parser(); "
            f"print(' '.join(sorted(n for n in sys.modules if n in {HEAVY!r})))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == []


def test_a_misspelled_option_is_named_with_the_likely_one(capsys):
    try:
        main(["segment", "--lagn", "zh", "release.txt"])
    except SystemExit as exc:
        assert exc.code == 2
    err = capsys.readouterr().err
    assert "concord segment: error: unrecognized arguments: --lagn" in err
    assert "did you mean --lang?" in err


def test_output_into_a_closed_pipe_stops_quietly(tmp_path):
    """``concord segment long.txt | head -1``: no 'Broken pipe' error, the SIGPIPE status."""
    doc = tmp_path / "long.txt"
    doc.write_text("".join(f"This is sentence number {i} of a long release.\n\n"
                           for i in range(2000)), encoding="utf-8")
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before the first write
    try:
        done = subprocess.run([sys.executable, "-m", "concord", "segment", str(doc)],
                              stdout=write_end, stderr=subprocess.PIPE, text=True)
    finally:
        os.close(write_end)
    assert done.returncode == 141
    assert done.stderr == ""


def test_the_program_flushes_its_output_and_keeps_its_status(tmp_path):
    """``concord`` ends without the interpreter's teardown (``os._exit``): output written to a
    file (fully buffered) is all there, exit functions run, and the status is the command's."""
    doc = tmp_path / "long.txt"
    doc.write_text("".join(f"This is sentence number {i} of a long release.\n\n"
                           for i in range(2000)), encoding="utf-8")
    code = ("import atexit, sys; from concord.cli import run; "
            "atexit.register(lambda: print('exit function ran', file=sys.stderr)); "
            "print('buffered, not flushed'); sys.argv[0] = 'concord'; raise SystemExit(run())")
    out = tmp_path / "out.txt"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    with open(out, "w", encoding="utf-8") as stream:
        done = subprocess.run([sys.executable, "-c", code, "segment", str(doc)], stdout=stream,
                              stderr=subprocess.PIPE, text=True, env=env)
    assert done.returncode == 0
    assert done.stderr == "exit function ran\n"
    lines = [line for line in out.read_text(encoding="utf-8").splitlines() if line]
    assert lines[0] == "buffered, not flushed" and len(lines) == 2001
    assert lines[-1] == "This is sentence number 1999 of a long release."
    with open(out, "w", encoding="utf-8") as stream:
        done = subprocess.run([sys.executable, "-c", code, "segment", str(tmp_path / "none.txt")],
                              stdout=stream, stderr=subprocess.PIPE, text=True, env=env)
    assert done.returncode == 2
    assert out.read_text(encoding="utf-8") == "buffered, not flushed\n"
    assert "none.txt" in done.stderr and done.stderr.endswith("exit function ran\n")
