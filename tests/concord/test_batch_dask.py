"""``concord batch --scheduler``: the same outputs from a real Dask cluster (a ``dask scheduler``
and two ``dask worker`` processes on 127.0.0.1, started and stopped here) as from a local run."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from concord.cli import main

distributed = pytest.importorskip(
    "distributed", reason="Dask is not installed (pip install 'concord[dask]')")

ROOT = Path(__file__).resolve().parent.parent.parent
RELEASES = ROOT / "corpora" / "releases"
GLOSSARY = ROOT / "corpora" / "glossary" / "mfa-terms.csv"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(command: list[str], log: Path) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-m", "dask", *command], env=env,
                            stdout=log.open("wb"), stderr=subprocess.STDOUT,
                            start_new_session=True, cwd=log.parent)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory) -> Iterator[str]:
    """The address of a scheduler with two single-threaded workers."""
    logs = tmp_path_factory.mktemp("dask")
    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    processes = [start(["scheduler", "--host", "127.0.0.1", "--port", str(port),
                        "--no-dashboard"], logs / "scheduler.log")]
    try:
        for n in range(2):
            processes.append(start(["worker", address, "--host", "127.0.0.1", "--nworkers", "1",
                                    "--nthreads", "1", "--no-dashboard", "--name", f"w{n}"],
                                   logs / f"worker{n}.log"))
        with distributed.Client(address, timeout="60s") as client:
            client.wait_for_workers(2, timeout=120)
        yield address
    finally:
        for process in reversed(processes):
            stop(process)


def outputs(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != "summary.json" and ".concord-batch" not in p.parts}


def test_dask_run_equals_the_local_run_byte_for_byte(scheduler, tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for path in sorted(RELEASES.glob("*.txt"))[:8]:
        shutil.copy2(path, inputs / path.name)
    options = ["--check", str(GLOSSARY), "--fail-on", "never", "-q"]
    assert main(["batch", str(inputs), "-o", str(tmp_path / "local"), "--jobs", "1",
                 *options]) == 0
    assert main(["batch", str(inputs), "-o", str(tmp_path / "dask"), "--scheduler", scheduler,
                 *options]) == 0
    local, remote = outputs(tmp_path / "local"), outputs(tmp_path / "dask")
    assert local == remote and "corpus.tmx" in local and len(local) > 10


def test_unreachable_scheduler_is_a_clear_error(tmp_path, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    for lang in ("zh", "en"):
        shutil.copy(RELEASES / f"2022-01-18-wang-yi-qureshi-call.{lang}.txt", inputs)
    address = f"tcp://127.0.0.1:{free_port()}"
    started = time.monotonic()
    assert main(["batch", str(inputs), "-o", str(tmp_path / "out"), "--scheduler", address,
                 "-q"]) == 2
    assert address in capsys.readouterr().err
    assert time.monotonic() - started < 60
