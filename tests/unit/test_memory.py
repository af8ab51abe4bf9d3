"""The memory estimate made before an analysis starts."""

from __future__ import annotations

import pytest

from dig_once.plugin.core.errors import InputError
from dig_once.plugin.core.memory import GB, available_bytes, check_fits


def test_free_memory_is_told_on_this_machine():
    free = available_bytes()
    assert free is not None and free > 0


def test_an_input_that_fits_passes_and_one_that_does_not_is_refused_with_the_figures():
    check_fits(1_000_000, 1500, "works", available=8 * GB)
    with pytest.raises(
        InputError, match=r"works: 3,000,000 features need about 4\.6 GB of memory and 2\.0 GB is free"
    ):
        check_fits(3_000_000, 1500, "works", available=2 * GB)


def test_unknown_free_memory_does_not_refuse(monkeypatch):
    from dig_once.plugin.core import memory

    monkeypatch.setattr(memory, "available_bytes", lambda: None)
    check_fits(10**9, 1500, "works")
