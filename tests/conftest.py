"""Shared test fixtures: paths to the project's own corpora and to the evaluation data in ../shared."""
from __future__ import annotations

import os
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
