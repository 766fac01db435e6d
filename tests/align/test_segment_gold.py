"""The splitter against the gold segmentations in ../shared: the quality bar of issue 2.

Same measurement as ``scripts/bench_segment.py`` (without the timing): each gold document's lines
are joined back into paragraphs, split again, and the boundaries compared.
"""
from __future__ import annotations

import pytest

from align.segment_eval import SegmentationScore, gold_paragraphs, score_document, score_paragraph

SIDES = [("pol-dev", "zh", "zh"), ("pol-dev", "en", "en"), ("wmt22-news-enzh", "en", "en"),
         ("wmt22-news-enzh", "zhA", "zh"), ("wmt22-news-enzh", "zhB", "zh")]


@pytest.mark.shared
@pytest.mark.parametrize("name,ext,lang", SIDES)
def test_gold_boundaries_recovered(shared, name, ext, lang):
    files = sorted((shared / "corpora" / "gold" / name).glob(f"*.{ext}"))
    assert files, f"no *.{ext} files in {name}"
    total = SegmentationScore()
    for path in files:
        total.add(score_document(path.read_text(encoding="utf-8").splitlines(), lang))
    assert total.gold > 400  # the measurement has something to measure
    assert total.recovered >= 0.98, f"{name} {ext}: {total.recovered:.2%} of gold boundaries"
    assert total.spurious <= 0.01, f"{name} {ext}: {total.spurious:.2%} spurious boundaries"


def test_paragraphs_rebuilt_from_gold_lines():
    lines = ["Title of the Speech", "November 15, 2012", "First sentence.", "Second one?",
             "Fellow deputies,", "Third sentence.", ""]
    assert gold_paragraphs(lines, "en") == [
        ["Title of the Speech"], ["November 15, 2012"], ["First sentence.", "Second one?"],
        ["Fellow deputies,"], ["Third sentence."]]


def test_scoring_counts_missed_and_spurious_boundaries():
    # the splitter cannot cut after "U.S." before a full name; it must cut after "agreed."
    score = score_paragraph(["He flew to the U.S.", "Wang Yi met him there.", "They agreed."],
                            "en")
    assert (score.gold, score.found, score.correct) == (2, 1, 1)
    assert score.recovered == 0.5 and score.spurious == 0.0
    # a gold line holding two sentences: the cut inside it is spurious
    score = score_paragraph(["我们同意。双方签署了协议。", "会议结束。"], "zh")
    assert (score.gold, score.found, score.correct) == (1, 2, 1)
    assert score.spurious == 0.5
