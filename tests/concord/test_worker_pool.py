"""The worker processes of batch and pair: forked from the command once it has loaded the
lexicon, or from a fork server when another thread runs; a batch progress bar runs no thread."""
from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from concord.console import UI

ROOT = Path(__file__).resolve().parents[2]

#: a command's process: which process are its workers children of, and do they start with the
#: lexicon the command loaded (the same object, at the same address: not loaded again)
SCRIPT = """
import os, sys, threading
import align.lexicon as lexicon
from concord.corpus.pool import worker_pool

def child():
    loaded = lexicon._LEXICON is not None
    lexicon.load_lexicon()          # the lexicon the worker starts with, or a new load
    return os.getppid(), loaded, id(lexicon._LEXICON)

if __name__ == "__main__":
    if sys.argv[1] == "thread":
        threading.Thread(target=threading.Event().wait, daemon=True).start()
    with worker_pool(2) as pool:
        ppid, loaded, ident = pool.submit(child).result()
    print(ppid == os.getpid(), loaded,
          lexicon._LEXICON is not None and ident == id(lexicon._LEXICON))
"""


def run(mode: str, folder: Path) -> list[str]:
    script = folder / "command.py"
    script.write_text(SCRIPT, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run([sys.executable, str(script), mode], env=env, capture_output=True,
                            text=True, timeout=300, check=True)
    return result.stdout.split()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux")
def test_workers_are_forked_from_the_command_holding_the_lexicon(tmp_path):
    # children of the command, the lexicon the command loaded already in them
    assert run("alone", tmp_path) == ["True", "True", "True"]


def test_with_another_thread_running_the_workers_come_from_a_fork_server(tmp_path):
    # not children of the command (which never loaded the lexicon); loaded by the fork server
    assert run("thread", tmp_path) == ["False", "True", "False"]


def test_a_progress_bar_without_ticking_runs_no_thread(monkeypatch):
    monkeypatch.setattr(UI, "interactive", property(lambda self: True))
    ui = UI()
    before = threading.active_count()
    with ui.progress("aligning documents", 3, ticking=False) as advance:
        advance(1)
        assert threading.active_count() == before
    with ui.progress("aligning documents", 3) as advance:     # the default bar ticks
        assert threading.active_count() == before + 1


FREEZE_SCRIPT = """
import gc
from concord.corpus.pool import worker_pool

with worker_pool(1) as pool:
    pool.submit(int, 1).result()
print(gc.get_freeze_count() > 0)
"""


def test_the_lexicon_stays_frozen_after_a_pool():
    # the lexicon moves itself out of the collector's sight for good; a pool that forked
    # workers from this process must not bring it back when it ends
    done = subprocess.run([sys.executable, "-c", FREEZE_SCRIPT], capture_output=True,
                          text=True, check=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.stdout.strip() == "True"
