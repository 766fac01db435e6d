"""Folding for matching: the fast paths give what the character-by-character fold gives."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from align.normalize import _fold_slow, fold_with_map
from terms.textfold import fold_text
from terms.variants import to_simplified

ALPHABET = st.sampled_from(list("abcXYZ 019.,-'\"\r\x0b") + [
    "\u3000", "\u00a0", "\t", "\n", "\u2014", "\u2013", "\u201c", "\u201d", "\u2019", "\uff0c",
    "\uff21", "\uff11", "\u200b", "\u00ad", "\u0301", "\ufb01", "\u2460", "\u1100", "\u1161",
    "\u570b", "\u4e2d", "\u6c38", "\U00020000"])


@settings(max_examples=400, deadline=None)
@given(st.lists(ALPHABET, max_size=20).map("".join))
def test_fast_fold_equals_the_full_fold(text):
    assert fold_with_map(text) == _fold_slow(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=20).map("".join), st.booleans())
def test_term_fold_is_the_full_fold_with_spaces_kept(text, chinese):
    """Term folding keeps each space (no token changes), so it is the full fold once runs of
    spaces are collapsed; Chinese folding also simplifies characters and lower-cases A-Z."""
    folded = fold_text(text, chinese)
    full, origin = fold_with_map(text)
    if chinese:
        full = to_simplified(full).translate({c: c + 32 for c in range(65, 91)})
    assert re.sub(" +", " ", folded.text) == full
    for k in range(len(folded.text)):
        start, end = folded.span(k, k + 1)
        assert 0 <= start < end <= len(text)
