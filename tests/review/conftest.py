"""Fixtures for the review app's tests: a review file of our sample pair, and its glossary."""
from __future__ import annotations

from pathlib import Path

import pytest

from concord.review.journal import ReviewFile
from concord.review.session import ReviewSession
from tests.review.sample import FIXTURES, harbour_alignment


@pytest.fixture
def glossary():
    from terms.formats import load_glossary
    return load_glossary(FIXTURES / "glossary.csv")


@pytest.fixture
def harbour_review(tmp_path: Path):
    """A fresh review file of the sample pair (closed after the test)."""
    meta = {"doc_id": "harbour", "title": "harbour sample", "glossary": str(FIXTURES / "glossary.csv")}
    review = ReviewFile.create(tmp_path / "harbour.review.jsonl",
                               ReviewSession.from_alignment(harbour_alignment(), meta=meta))
    yield review
    review.close()
