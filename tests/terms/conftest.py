"""Fixtures of the terms tests: a small glossary written for these tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from terms.glossary import Glossary
from terms.formats import load_glossary

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def mini() -> Glossary:
    """Eight concepts: nested designations, a scoped title, a deprecated and a forbidden form."""
    return load_glossary(FIXTURES / "mini.csv")
