"""Runs of consecutive indices, one per item, concatenated: how a ragged array's rows are
gathered (a geometry's vertices, a group's hull ring, a cell's members) without a loop."""

from __future__ import annotations

import numpy as np


def ranges(start: np.ndarray, count: np.ndarray) -> np.ndarray:
    """``start[k] + 0, 1, ..., count[k] - 1`` for every k, concatenated.

    >>> ranges(np.array([10, 0, 5]), np.array([2, 0, 3])).tolist()
    [10, 11, 5, 6, 7]
    """
    value = np.repeat(start - (np.cumsum(count) - count), count)
    value += np.arange(len(value))
    return value
