"""plugin.core.works.DeferredColumn: a column read only for the rows asked for."""

from __future__ import annotations

import numpy as np
import pytest

from dig_once.plugin.core.columns import pick, plain_column
from dig_once.plugin.core.works import DeferredColumn, Works


def _column(n: int = 8):
    asked: list[list[int]] = []

    def fetch(rows: np.ndarray) -> np.ndarray:
        asked.append(rows.tolist())
        return np.array([None if r == 3 else f"W{r}" for r in rows], dtype=object)

    return DeferredColumn(n, fetch), asked


def test_rows_by_index_mask_scalar_and_negative_each_read_once():
    column, asked = _column()
    assert column[np.array([5, 1, 5])].tolist() == ["W5", "W1", "W5"]
    assert column[np.array([False, True, False, True, False, False, False, False])].tolist() == ["W1", None]
    assert column[-1] == "W7" and column[np.int64(3)] is None
    assert asked == [[1, 5], [3], [7]]


def test_a_row_out_of_range_is_an_index_error_and_nothing_is_read():
    column, asked = _column()
    with pytest.raises(IndexError):
        column[np.array([2, 8])]
    assert asked == []


def test_the_whole_column_is_read_in_one_go_when_asked_as_an_array():
    column, asked = _column(5)
    assert np.asarray(column).tolist() == ["W0", "W1", "W2", None, "W4"]
    assert list(column) == ["W0", "W1", "W2", None, "W4"]
    assert asked == [[0, 1, 2, 3, 4]]


def test_works_keep_a_deferred_column_and_tables_pick_only_their_rows():
    column, asked = _column()
    works = Works.from_columns([None] * 8, column, column, [1] * 8, [2] * 8, categories=column)
    assert works.ids is column and works.categories is column and len(works) == 8
    assert pick(works.ids, np.array([6])).tolist() == ["W6"]
    assert plain_column(works.owners, np.array([3, 6])) == [None, "W6"]
    assert asked == [[6], [3]]
