"""The collector pause: nested, concurrent and failing bodies leave it as it was."""

from __future__ import annotations

import doctest
import gc
import threading

import pytest

from dig_once.plugin.core import gc_pause
from dig_once.plugin.core.gc_pause import gc_paused, without_gc


@pytest.fixture(autouse=True)
def collector_on():
    gc.enable()
    yield
    gc.enable()


def test_doctests():
    failures, tried = doctest.testmod(gc_pause)
    assert tried > 0 and failures == 0


def test_an_error_in_the_body_still_resumes_collection():
    with pytest.raises(ValueError), gc_paused():
        assert not gc.isenabled()
        raise ValueError("boom")
    assert gc.isenabled()


def test_a_collector_that_was_off_stays_off():
    gc.disable()
    with gc_paused():
        pass
    assert not gc.isenabled()


def test_overlapping_pauses_from_two_threads_resume_only_when_both_end():
    first_in, first_may_leave, first_left = threading.Event(), threading.Event(), threading.Event()
    seen = {}

    def first():
        with gc_paused():
            first_in.set()
            first_may_leave.wait(5)
        seen["after first"] = gc.isenabled()
        first_left.set()

    def second():
        first_in.wait(5)
        with gc_paused():
            first_may_leave.set()
            assert first_left.wait(5)  # the first pause ends while this one runs
            seen["inside second"] = gc.isenabled()

    worker = threading.Thread(target=first)
    other = threading.Thread(target=second)
    worker.start()
    other.start()
    other.join(10)
    worker.join(10)
    assert seen == {"after first": False, "inside second": False}
    assert gc.isenabled()


def test_decorator_keeps_the_function_and_pauses_around_it():
    @without_gc
    def work(x):
        """Doc."""
        return x, gc.isenabled()

    assert work(3) == (3, False)
    assert work.__doc__ == "Doc." and gc.isenabled()
