"""The layout's running median is bit for bit what ``np.nanmedian`` gives, without numpy.ma."""
from __future__ import annotations

import warnings

import numpy as np
import pytest
from numpy.lib.stride_tricks import sliding_window_view

from align.evaluate import read_sentence_file
from align.layout import _running_median


def _nanmedian(values: np.ndarray, half: int) -> np.ndarray:
    """The plain computation: ``np.nanmedian`` of every window (NaN for an all-NaN one)."""
    padded = np.concatenate([np.full(half, np.nan), values, np.full(half, np.nan)])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return np.nanmedian(sliding_window_view(padded, 2 * half + 1), axis=1)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("half", [1, 2, 7, 100])
def test_running_median_is_nanmedian(seed, half):
    rng = np.random.default_rng(seed)
    values = rng.integers(1, 400, 3000).astype(float) + rng.random(3000) * (seed % 2)
    values[rng.random(3000) < 0.2] = np.nan
    values[500:900] = np.nan                       # windows with no value at all
    got = _running_median(values, half, block=257)
    assert np.array_equal(got, _nanmedian(values, half), equal_nan=True)
    assert np.isnan(got).any() and not np.isnan(got).all()


def test_running_median_of_bead_lengths(corpora):
    stem = corpora / "releases" / "2022-01-14-spokesperson-press-conference"
    lengths = np.array([len(s.text) for s in read_sentence_file(f"{stem}.zh.sents", "zh").sentences],
                       dtype=float)
    lengths[::7] = np.nan
    for half in (3, 100):
        assert np.array_equal(_running_median(lengths, half), _nanmedian(lengths, half),
                              equal_nan=True)
