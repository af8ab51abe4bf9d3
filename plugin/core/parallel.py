"""Running the engine's work with progress and cancel: the one task runner, and its helpers.

Every long step of the engine (screening, the near-pair join, shortest segments, hulls) is cut
into pieces of well under a second so that the caller's ``progress(fraction)`` is called at
least every ~100 ms, and a cancel (``progress`` returning False, or raising) stops the work
between two pieces. Two shapes of work, one module:

* :class:`Runner`: independent tasks on ``os.cpu_count()`` worker threads (shapely 2 releases
  the GIL in its vectorised functions and numpy in its loops) while the calling thread waits
  and ticks. Used by the near-pair join (:mod:`.nearjoin`) and, through
  :func:`threaded_chunks`, by the shortest segments (:mod:`.pairs`). Tasks not started when a
  tick raises are dropped; running ones finish; the error propagates.
  It replaced two runners (nearjoin's and a thread pool that took every slice at once); same
  run, shortest segments of 2.56M pairs: 1.77 s on it, 1.87 s on the old pool (medians of 5,
  identical bits).
* :func:`chunked`: one piece after another on the calling thread, sized adaptively to about
  100 ms each, for steps that hold the GIL or need no threads (screening, vertices, hulls).

:class:`Ticker` maps a stage's own 0..1 onto the overall fraction and turns a False from the
caller's ``progress`` into :class:`~.errors.Cancelled`.

No QGIS here.

>>> seen = []
>>> with Runner(seen.append, workers=2) as runner:
...     runner.run([lambda k=k: k * k for k in range(5)], 0.0, 1.0)
[0, 1, 4, 9, 16]
>>> seen[0], seen[-1]
(0.0, 1.0)
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import Any

from .errors import Cancelled
from .memory import TrimEvery, release_free_memory

#: ``progress(fraction in [0, 1]) -> bool``; returning False cancels (``Cancelled`` is raised).
Progress = Callable[[float], bool]
#: A stage's progress: ``tick(fraction)``; it may raise (e.g. ``Cancelled``) to stop the work.
Tick = Callable[[float], None]

#: how long a serial piece of :func:`chunked` aims to take: well inside the 250 ms cancel budget
TARGET_CHUNK_SECONDS = 0.1
#: longest wait on the worker threads between two ticks
TICK_SECONDS = 0.1


def no_progress(_fraction: float) -> None:
    """A tick that does nothing (no caller progress)."""


class Ticker:
    """Maps stage progress onto the overall fraction and raises ``Cancelled`` when asked.

    ``stage(base, span)`` starts a stage: ``ticker(f)`` then reports ``base + span * f``.
    """

    def __init__(self, progress: Progress | None, doing: str = "finding overlaps"):
        self.progress = progress
        self.doing = doing
        self.base = 0.0
        self.span = 1.0

    def stage(self, base: float, span: float) -> None:
        self.base, self.span = base, span
        self(0.0)

    def __call__(self, fraction: float) -> None:
        if self.progress is None:
            return
        if self.progress(min(1.0, self.base + self.span * fraction)) is False:
            raise Cancelled(f"cancelled while {self.doing}")


def chunked(n: int, work: Callable[[slice], None], tick: Tick, first: int = 2048) -> None:
    """Run ``work`` over ``slice``s of ``range(n)`` on this thread, sized so each takes about
    100 ms (starting at ``first`` rows), calling ``tick`` with the share done after each."""
    start, size = 0, first
    tick(0.0)
    while start < n:
        stop = min(n, start + size)
        t0 = time.perf_counter()
        work(slice(start, stop))
        elapsed = time.perf_counter() - t0
        start = stop
        tick(start / n)
        scale = TARGET_CHUNK_SECONDS / max(elapsed, 1e-4)
        size = int(min(max(size * min(scale, 4.0), 256), 1_000_000))


class Runner:
    """Runs callables on a pool of worker threads while this thread waits and calls ``tick``
    at least every :data:`TICK_SECONDS` (so also with one worker). Close it (or use it as a
    context manager) to stop the threads."""

    def __init__(self, tick: Tick, workers: int | None = None, name: str = "digonce"):
        self.tick = tick
        self.workers = max(1, workers or os.cpu_count() or 1)
        self.pool = ThreadPoolExecutor(self.workers, thread_name_prefix=name)

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        # what the tasks freed stays in the worker threads' heaps unless handed back
        release_free_memory()

    def run(self, tasks: list[Callable[[], Any]], lo: float, hi: float) -> list:
        """Results of ``tasks`` in order; progress goes from ``lo`` to ``hi``. If ``tick``
        raises (cancel), tasks not started are dropped, running ones finish, it propagates."""
        n = len(tasks)
        results: list = [None] * n
        self.tick(lo)
        if n == 0:
            return results
        futures: dict[Future, int] = {}
        queue = iter(enumerate(tasks))
        done_count = 0

        def submit(count: int) -> None:
            for _ in range(count):
                item = next(queue, None)
                if item is None:
                    return
                futures[self.pool.submit(item[1])] = item[0]

        submit(2 * self.workers)  # bounded: a task's temporaries live only while it runs
        trim = TrimEvery()
        try:
            while futures:
                finished, _ = wait(list(futures), timeout=TICK_SECONDS, return_when=FIRST_COMPLETED)
                for future in finished:
                    results[futures.pop(future)] = future.result()
                    done_count += 1
                submit(len(finished))
                self.tick(lo + (hi - lo) * done_count / n)
                trim()
        except BaseException:
            for future in futures:
                future.cancel()
            wait(list(futures))
            raise
        return results


def spans(n: int, size: int) -> list[tuple[int, int]]:
    """``(start, stop)`` of consecutive pieces of ``range(n)`` of ``size`` (the last shorter)."""
    return [(s, min(n, s + size)) for s in range(0, n, max(1, size))]


def threaded_chunks(
    n: int, work: Callable[[slice], None], tick: Tick, size: int, workers: int | None = None
) -> None:
    """Run ``work`` over slices of ``range(n)`` of ``size`` on a :class:`Runner` (one thread
    per CPU unless ``workers``), calling ``tick`` from this thread as slices finish. If
    ``tick`` raises (cancel), slices not started are dropped and the error propagates."""
    tasks = [lambda s=s, e=e: work(slice(s, e)) for s, e in spans(n, size)]
    with Runner(tick, workers or min(os.cpu_count() or 1, max(1, len(tasks)))) as runner:
        runner.run(tasks, 0.0, 1.0)


_DONE = object()  # the end of a prefetched stream


class one_ahead:  # noqa: N801 - used as a function: ``for item in one_ahead(it)``
    """Iterate ``items`` with the next item fetched on a thread of its own while the caller works
    on the current one: for a stream whose fetching lets go of the GIL (GDAL's Arrow batches)
    and whose items the caller then converts in Python. At most one item is fetched ahead, so
    when an item is fetched, at most one earlier item is still alive (the memory of one more
    item, never of the stream). An error raised while fetching is raised to the caller, at the
    item where it happened. Leaving early (``close()``, a ``with`` block, an error in the
    caller's loop) stops the fetching after the item in hand and waits for the thread.

    Measured on a year of England (3,126,413 works, 8 text and date fields, 2 cores): GDAL's
    stream 2.9 s and the conversions 4.3 s one after the other took 7.1 s; with the stream one
    batch ahead, 4.7 s (the waits for GDAL 0.1 s).

    >>> list(one_ahead(iter(range(5))))
    [0, 1, 2, 3, 4]
    >>> def failing():
    ...     yield 1
    ...     raise RuntimeError("batch 2 unreadable")
    >>> seen = []
    >>> try:
    ...     for x in one_ahead(failing()):
    ...         seen.append(x)
    ... except RuntimeError as exc:
    ...     print(seen, exc)
    [1] batch 2 unreadable
    """

    def __init__(self, items: Any):
        import queue
        import threading

        self._items = iter(items)
        self._handed: queue.SimpleQueue = queue.SimpleQueue()
        self._may_fetch = threading.Semaphore(2)  # the item in the caller's hands + one ahead
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._fetch, name="dig-once-one-ahead", daemon=True)
        self._current = False
        self._thread.start()

    def _fetch(self) -> None:
        error = None
        try:
            while True:
                self._may_fetch.acquire()
                if self._stop.is_set():
                    return
                try:
                    item = next(self._items)
                except StopIteration:
                    return
                self._handed.put((item, None))
                del item
        except Exception as exc:  # noqa: BLE001 - any error is handed to the caller, raised there
            error = exc
        finally:  # the caller never waits for an item that will not come
            self._handed.put((_DONE, error))

    def __iter__(self) -> one_ahead:
        return self

    def __next__(self) -> Any:
        if self._current:  # the caller is done with the item it had: one more may be fetched
            self._current = False
            self._may_fetch.release()
        if self._stop.is_set():
            raise StopIteration
        item, error = self._handed.get()
        if item is _DONE:
            self.close()
            if error is not None:
                raise error
            raise StopIteration
        self._current = True
        return item

    def close(self) -> None:
        """Stop fetching and wait for the thread (it finishes the item it is fetching)."""
        if self._stop.is_set():
            return
        self._stop.set()
        self._may_fetch.release()  # a thread waiting to fetch sees the stop
        self._thread.join()

    def __enter__(self) -> one_ahead:
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()
