"""What the command line prints on standard error when it is not a terminal."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RELEASE = ROOT / "corpora" / "releases" / "2022-01-18-wang-yi-qureshi-call"


def test_color_always_in_a_log_colors_but_draws_no_progress_bars(tmp_path):
    """CI logs (stderr a file or pipe) with --color always: colored findings, no bars."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "CONCORD"))}
    result = subprocess.run(
        [sys.executable, "-m", "concord", "check", f"{RELEASE}.zh.txt", f"{RELEASE}.en.txt",
         "--color", "always"], cwd=tmp_path, env=env, capture_output=True, text=True,
        stdin=subprocess.DEVNULL, timeout=300)
    assert result.returncode in (0, 1)
    assert "\x1b[" in result.stdout                       # colored report
    assert "aligning" not in result.stderr and "checking" not in result.stderr
    assert "━" not in result.stderr                         # no progress bar drawn
