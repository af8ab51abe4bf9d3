"""plugin.core.parallel.one_ahead: a stream read one item ahead on a thread of its own."""

from __future__ import annotations

import threading
import time

import pytest

from dig_once.plugin.core.parallel import one_ahead


def _stream(n: int, fetched: list[int], threads: list[str], delay: float = 0.0):
    for k in range(n):
        if delay:
            time.sleep(delay)
        fetched.append(k)
        threads.append(threading.current_thread().name)
        yield k


def test_every_item_comes_in_order_fetched_on_another_thread():
    fetched: list[int] = []
    threads: list[str] = []
    assert list(one_ahead(_stream(50, fetched, threads))) == list(range(50))
    assert threading.main_thread().name not in threads


def test_the_next_item_is_fetched_while_the_caller_works_on_this_one_and_no_further():
    """While the caller holds item k, item k+1 is fetched, never k+2."""
    fetched: list[int] = []
    ahead = []
    with one_ahead(_stream(10, fetched, [])) as items:
        for item in items:
            time.sleep(0.02)  # the caller's work on the item
            ahead.append(len(fetched) - 1 - item)
    assert ahead[:-1] == [1] * 9 and ahead[-1] == 0


def test_leaving_early_stops_the_fetching_and_the_thread():
    fetched: list[int] = []
    before = threading.active_count()
    with one_ahead(_stream(1000, fetched, [], delay=0.001)) as items:
        for item in items:
            if item == 3:
                break
    assert len(fetched) <= 5
    assert threading.active_count() == before


def test_an_error_while_fetching_reaches_the_caller_after_the_items_before_it():
    def broken():
        yield "batch 1"
        raise RuntimeError("batch 2 unreadable")

    seen = []
    with pytest.raises(RuntimeError, match="batch 2 unreadable"):
        for item in one_ahead(broken()):
            seen.append(item)
    assert seen == ["batch 1"]


def test_an_error_in_the_callers_loop_stops_the_thread_too():
    before = threading.active_count()
    with pytest.raises(ValueError), one_ahead(_stream(1000, [], [], delay=0.001)) as items:
        for item in items:
            if item == 2:
                raise ValueError("cancelled")
    assert threading.active_count() == before
