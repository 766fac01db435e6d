"""Shared test fixtures: paths to the project's own corpora and to the evaluation data in ../shared."""
from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
SHARED = Path(os.environ.get("CONCORD_SHARED", ROOT.parent / "shared")).resolve()


@pytest.fixture(scope="session")
def shared() -> Path:
    """The evaluation data directory; tests that use it skip when it is absent."""
    if not (SHARED / "corpora").is_dir():
        pytest.skip(f"evaluation data not found at {SHARED} (set CONCORD_SHARED to its path)")
    return SHARED


@pytest.fixture(scope="session")
def corpora() -> Path:
    """The project's own sample corpora."""
    return CORPORA


@pytest.fixture
def small_disk(tmp_path) -> Iterator[Path]:
    """A 64 KiB tmpfs, for a full disk (root only: skipped when it cannot be mounted)."""
    folder = tmp_path / "small"
    folder.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
                             capture_output=True, text=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs: {mounted.stderr.strip() or 'mount failed'}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "--lazy", str(folder)], check=False)
