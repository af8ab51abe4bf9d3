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


def test_a_year_of_england_fits_4_gb_free_and_300k_buffered_works_do_not_fit_2_gb():
    """The estimates against what was measured through qgis_process: a year of England (3.1M
    works, ~1.94 vertices each) needs 1.38 GB for findworksoverlaps and 1.29 GB for
    checkrestrictions, so a laptop with 4 GB free runs both; 300,000 works buffered by 5 m
    (122 vertices each) took 1.8-1.9 GB for either, so 2 GB free refuses them."""
    from dig_once.plugin.core.memory import (
        CHECK_RESTRICTIONS_BYTES_PER_WORK,
        FIND_OVERLAPS_BYTES_PER_WORK,
    )

    for per_work in (FIND_OVERLAPS_BYTES_PER_WORK, CHECK_RESTRICTIONS_BYTES_PER_WORK):
        check_fits(3_126_413, per_work, "works", available=4 * GB, vertices=6_063_477)
        with pytest.raises(InputError, match=r"300,000 features \(about 36,682,500 vertices\)"):
            check_fits(300_000, per_work, "works", available=2 * GB, vertices=36_682_500)
