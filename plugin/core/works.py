"""The works container, and the screening that decides which works take part.

:class:`Works` is the one container of works for the engine (find overlaps, the live check,
the restrictions check, the shared register): column-wise arrays of geometries (shapely 2,
EPSG:27700), ids, owners, start and end days, and optional statuses, USRNs and a caller's
unusable reason. :func:`screen` applies the definitions of DOMAIN.md section 3 shared by all
of them: works whose status is excluded never take part (counted); works without a usable
geometry or window are **unusable** with one of the stable reasons below (written into the
outputs); invalid polygons are repaired with ``make_valid`` (counted).

:func:`id_rank` orders works by id (as text), the order every output is sorted in. It sorts
the ids' UTF-8 bytes as rows of a fixed-width byte matrix. numpy's own sort was measured
against it in the same run (1M ids, 2 shared cores, medians of 5, identical ranks), as
``id_rank`` / ``np.argsort`` of a ``str`` array (conversion included) / ``np.argsort`` of
the object array, all stable:

* ``W0000001``.. shuffled: 0.50 s / 1.03 s / 2.85 s;
* mixed lengths (``UKPN1234567-89``): 1.06 s / 1.42 s / 2.45 s;
* already in order: 0.17 s / 0.35 s / 0.04 s (timsort's best case; real registers are not).

numpy's is slower where it matters, so the byte matrix stays. The O(n) index helpers
``pairs._present`` and ``groups._dense_codes`` were measured the same way against
``np.unique``: 8 ms vs 155 ms and 27 ms vs 169 ms (1M works, 570k pairs), so they stay too.

No QGIS here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely

from .compact import GEOS, POINT, SEGMENT, CompactGeometries
from .errors import InputError
from .parallel import chunked, no_progress, threaded_chunks
from .ranges import ranges
from .schema import BNG_SANE_EXTENT, EXCLUDED_PERMIT_STATUSES

#: Integer day used for a missing date in :attr:`Works.start` / :attr:`Works.end`.
MISSING_DAY = np.iinfo(np.int64).min

# Unusable reasons (stable texts: they are written into the unusable output).
R_NO_GEOMETRY = "missing geometry"
R_EMPTY_GEOMETRY = "empty geometry"
R_NONFINITE = "NaN or infinite coordinates"
R_OUT_OF_EXTENT = "coordinates far outside British National Grid (EPSG:27700)"
R_UNREPAIRABLE = "invalid polygon that cannot be repaired"
R_NO_START = "missing start date"
R_NO_END = "missing end date"
R_END_BEFORE_START = "end date before start date"

_POLYGONAL = (3, 6, 7)  # Polygon, MultiPolygon, GeometryCollection type ids
_VALIDITY_CHUNK = 50_000  # polygons checked for validity a piece (~0.1 s)


def normal_key(value: Any) -> str | None:
    """Normalised comparison key of an owner/USRN/status/code: None when empty."""
    if value is None:
        return None
    if isinstance(value, float) and not np.isfinite(value):
        return None
    text = " ".join(str(value).split()).casefold()
    return text or None


def object_column(
    values: Sequence[Any] | None, n: int, name: str, what: str = "records"
) -> np.ndarray | None:
    """``values`` as an object array of length ``n`` (None stays None); ``InputError`` naming
    the field when the length differs."""
    if values is None:
        return None
    arr = _object_array(values)
    if len(arr) != n:
        raise InputError(f"{len(arr)} values for {n} {what}", field=name)
    return arr


def codes(values: Sequence[Any]) -> np.ndarray:
    """Integer code per value (equal keys share a code); -1 for empty values."""
    # Raw values repeat a lot (owners): normalise each distinct value once, then map in C.
    by_key: dict[str, int] = {}
    table: dict[Any, int] = {}
    for value in dict.fromkeys(values):  # first-seen order, so codes do not depend on hashing
        key = normal_key(value)
        table[value] = -1 if key is None else by_key.setdefault(key, len(by_key))
    return np.fromiter(map(table.__getitem__, values), dtype=np.int64, count=len(values))


def as_days(values: Sequence[Any]) -> np.ndarray:
    """Integer days as int64, :data:`MISSING_DAY` where a value is None/NaN."""
    out = np.full(len(values), MISSING_DAY, dtype=np.int64)
    for n, value in enumerate(values):
        if value is None:
            continue
        if isinstance(value, float) and not np.isfinite(value):
            continue
        out[n] = int(value)
    return out


@dataclass
class Works:
    """A set of works, column-wise. Build with :meth:`from_columns`."""

    # shapely geometries (object; None where missing), or CompactGeometries; EPSG:27700
    geometries: np.ndarray | CompactGeometries
    ids: np.ndarray  # object (or ASCII bytes, "S", see ascii_ids): what is written as id_a/id_b
    owners: np.ndarray  # object: owner names as given (for output)
    start: np.ndarray  # int64 days, MISSING_DAY when missing
    end: np.ndarray  # int64 days, MISSING_DAY when missing
    statuses: np.ndarray | None = None  # object or None
    usrns: np.ndarray | None = None  # object or None
    reasons: np.ndarray | None = None  # object: a caller's unusable reason per work, or None
    categories: np.ndarray | None = None  # object or None: works category (Section 58 exemption)
    activity_types: np.ndarray | None = None  # object or None: activity type (exemption too)

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def from_columns(
        cls,
        geometries: Sequence[Any],
        ids: Sequence[Any],
        owners: Sequence[Any],
        start: Sequence[Any],
        end: Sequence[Any],
        statuses: Sequence[Any] | None = None,
        usrns: Sequence[Any] | None = None,
        reasons: Sequence[str | None] | None = None,
        *,
        categories: Sequence[Any] | None = None,
        activity_types: Sequence[Any] | None = None,
    ) -> Works:
        """Columns of equal length; dates as integer days or None (see :mod:`.dates`)."""
        n = len(ids)
        geoms = geometries if isinstance(geometries, CompactGeometries) else _object_array(geometries)

        def obj(values: Sequence[Any] | None) -> np.ndarray | None:
            return None if values is None else _object_array(values)

        works = cls(
            geometries=geoms,
            ids=ids if isinstance(ids, np.ndarray) and ids.dtype.kind == "S" else obj(ids),
            owners=obj(owners),
            start=np.asarray(start, dtype=np.int64) if _is_int_array(start) else as_days(start),
            end=np.asarray(end, dtype=np.int64) if _is_int_array(end) else as_days(end),
            statuses=obj(statuses),
            usrns=obj(usrns),
            reasons=obj(reasons),
            categories=obj(categories),
            activity_types=obj(activity_types),
        )
        for name in (
            "owners",
            "start",
            "end",
            "statuses",
            "usrns",
            "reasons",
            "categories",
            "activity_types",
        ):
            column = getattr(works, name)
            if column is not None and len(column) != n:
                raise InputError(f"{len(column)} values for {n} works", field=name)
        if len(geoms) != n:
            raise InputError(f"{len(geoms)} geometries for {n} works", field="geometry")
        return works


class DeferredColumn:
    """A text column read only for the rows asked for: ``column[rows]`` (an int array, a
    boolean mask or one int) gives their values, read by ``fetch(rows)`` (distinct rows,
    increasing, never asked twice: values are kept). For the columns an analysis needs of a few
    works among millions (a year of England's 3.1M works against 7,064 Section 58s: promoters,
    categories and references of the 14,805 related ones). ``np.asarray(column)`` reads every
    row at once.

    >>> asked = []
    >>> def fetch(rows):
    ...     asked.append(rows.tolist())
    ...     return np.array([f"W{r}" for r in rows], dtype=object)
    >>> column = DeferredColumn(10, fetch)
    >>> column[np.array([7, 2, 7])].tolist(), column[2], len(column), asked
    (['W7', 'W2', 'W7'], 'W2', 10, [[2, 7]])
    """

    def __init__(self, n: int, fetch: Callable[[np.ndarray], np.ndarray]):
        self._n = n
        self._fetch = fetch
        self._known: dict[int, Any] = {}

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, rows: Any) -> Any:
        if isinstance(rows, (int, np.integer)):
            return self[np.array([rows], dtype=np.int64)][0]
        rows = np.asarray(rows)
        rows = np.flatnonzero(rows) if rows.dtype == bool else rows.astype(np.int64, copy=False)
        rows = np.where(rows < 0, rows + self._n, rows)
        known = self._known
        wanted = np.unique(rows)
        new = wanted[[r not in known for r in wanted.tolist()]] if len(known) else wanted
        if len(new):
            if new[0] < 0 or new[-1] >= self._n:
                raise IndexError(f"row out of range 0..{self._n - 1}")
            known.update(zip(new.tolist(), self._fetch(new).tolist(), strict=True))
        out = np.empty(len(rows), dtype=object)
        out[:] = [known[r] for r in rows.tolist()]
        return out

    def __array__(self, dtype: Any = None) -> np.ndarray:
        return self[np.arange(self._n)]

    def __iter__(self) -> Any:
        return iter(self.__array__())


def _object_array(values: Sequence[Any]) -> np.ndarray:
    """A 1-D object array of ``values`` (the array itself when it already is one; a
    :class:`DeferredColumn` stays one)."""
    if isinstance(values, DeferredColumn):
        return values  # type: ignore[return-value]
    if isinstance(values, np.ndarray) and values.dtype == object and values.ndim == 1:
        return values
    # fromiter stores each value as it is, without numpy looking into every one for nested
    # sequences as ``arr[:] = list(values)`` does (3M Nones: 0.01 s, not 0.3 s)
    return np.fromiter(values, dtype=object, count=len(values))


def _is_int_array(values: Any) -> bool:
    return isinstance(values, np.ndarray) and values.dtype.kind in "iu"


@dataclass
class Screening:
    """Which works of a set take part, and why the others do not."""

    usable: np.ndarray  # bool per work
    geometries: np.ndarray | CompactGeometries  # repaired geometries, same length as the works
    excluded: np.ndarray  # bool per work: status in the excluded list
    reasons: np.ndarray  # object: reason per unusable work, None otherwise
    n_repaired: int = 0


def screen(
    works: Works,
    excluded_statuses: Sequence[str] = EXCLUDED_PERMIT_STATUSES,
    progress: Callable[[float], None] | None = None,
) -> Screening:
    """Decide which works take part: status filter, then geometry and date checks.

    Coordinates are checked for NaN/Inf before any GEOS operation; invalid polygons are
    repaired with ``make_valid`` (counted), and those that repair to nothing are unusable.
    ``progress(fraction)`` is called between the steps (it may raise to cancel).
    """
    tick = progress or no_progress
    n = len(works)
    reasons = np.full(n, None, dtype=object)
    excluded = np.zeros(n, dtype=bool)
    if works.statuses is not None and excluded_statuses:
        excluded = _excluded(works.statuses, excluded_statuses)
    # a work's first reason is its reason: ``free`` says which works have none yet (and are
    # not excluded), kept as a mask rather than asking ``reasons == None`` of 3M objects at
    # every step (0.03 s each)
    free = ~excluded

    def mark(mask: np.ndarray, reason: str) -> None:
        chosen = mask & free
        reasons[chosen] = reason
        free[chosen] = False

    if works.reasons is not None:
        given = works.reasons.astype(bool)  # each value's truth, in C (a generator: 0.35 s at 3M)
        reasons[given & free] = works.reasons[given & free]
        free &= ~given
    tick(0.1)
    column = works.geometries.copy()
    # compact geometries: the points and two-point lines held as coordinates are present, not
    # empty and finite (CompactGeometries keeps only those so); the checks below see the
    # others, as shapely objects, as they would see every geometry of an object array
    compact = isinstance(column, CompactGeometries)
    geoms = column.geos if compact else column
    missing = shapely.is_missing(geoms)
    if compact:
        missing &= column.kind == GEOS
    mark(missing, R_NO_GEOMETRY)
    present = ~missing
    empty = np.zeros(n, dtype=bool)
    empty[present] = shapely.is_empty(geoms[present])
    mark(empty, R_EMPTY_GEOMETRY)
    tick(0.2)
    nonfinite = np.zeros(n, dtype=bool)
    outside = np.zeros(n, dtype=bool)
    xmin, ymin, xmax, ymax = BNG_SANE_EXTENT

    def check(rows: slice) -> None:
        coords, owner = shapely.get_coordinates(geoms[rows], return_index=True)
        finite = np.isfinite(coords).all(axis=1)
        if not finite.all():
            nonfinite[rows.start + np.unique(owner[~finite])] = True
        with np.errstate(invalid="ignore"):
            far = (
                (coords[:, 0] < xmin) | (coords[:, 0] > xmax) | (coords[:, 1] < ymin) | (coords[:, 1] > ymax)
            )
        far &= finite
        if far.any():
            outside[rows.start + np.unique(owner[far])] = True

    chunked(n, check, lambda f: tick(0.2 + 0.3 * f), first=65536)
    if compact:
        simple = column.kind != GEOS
        with np.errstate(invalid="ignore"):
            outside |= simple & (
                (np.minimum(column.ax, column.bx) < xmin)
                | (np.maximum(column.ax, column.bx) > xmax)
                | (np.minimum(column.ay, column.by) < ymin)
                | (np.maximum(column.ay, column.by) > ymax)
            )
    mark(nonfinite, R_NONFINITE)
    mark(outside, R_OUT_OF_EXTENT)
    mark(works.start == MISSING_DAY, R_NO_START)
    mark(works.end == MISSING_DAY, R_NO_END)
    mark(
        (works.end < works.start) & (works.start != MISSING_DAY) & (works.end != MISSING_DAY),
        R_END_BEFORE_START,
    )
    candidates = free.copy()
    tick(0.6)
    n_repaired = 0
    polygonal = np.zeros(n, dtype=bool)
    polygonal[candidates] = np.isin(shapely.get_type_id(geoms[candidates]), _POLYGONAL)
    if polygonal.any():
        idx = np.flatnonzero(polygonal)
        valid = np.ones(len(idx), dtype=bool)

        def check_valid(rows: slice) -> None:
            valid[rows] = shapely.is_valid(geoms[idx[rows]])

        if len(idx) > _VALIDITY_CHUNK:
            # GEOS's validity check is the screen's longest step (~2 us a polygon: 0.9 s for a
            # year of England's 480k polygons); shapely runs it without the GIL, so pieces go
            # to every core, and progress (and cancel) is answered between them
            threaded_chunks(len(idx), check_valid, lambda f: tick(0.6 + 0.3 * f), _VALIDITY_CHUNK)
        else:
            check_valid(slice(0, len(idx)))
        invalid = idx[~valid]
        if len(invalid):
            repaired = shapely.make_valid(geoms[invalid])
            geoms[invalid] = repaired
            gone = shapely.is_empty(repaired) | shapely.is_missing(repaired)
            mark_rows = invalid[gone]
            reasons[mark_rows] = R_UNREPAIRABLE
            free[mark_rows] = False
            n_repaired = int((~gone).sum())
    return Screening(
        usable=free, geometries=column, excluded=excluded, reasons=reasons, n_repaired=n_repaired
    )


def _excluded(statuses: np.ndarray, excluded_statuses: Sequence[str]) -> np.ndarray:
    """Which works have an excluded status (compared by :func:`normal_key`)."""
    wanted = {normal_key(s) for s in excluded_statuses} - {None}
    statuses = _object_array(statuses)
    # Statuses repeat: normalise each distinct value once. The rows of the few distinct
    # values to exclude are then found by comparing with each (in C, ~0.05 s for 3M rows)
    # rather than looking every row up in a dict (~0.2 s).
    distinct = dict.fromkeys(statuses.tolist())  # first-seen order
    hits = [value for value in distinct if normal_key(value) in wanted]
    if len(hits) <= 4 and all(type(value) is str for value in hits):
        excluded = np.zeros(len(statuses), dtype=bool)
        for value in hits:
            excluded |= statuses == value
        return excluded
    verdict = {value: normal_key(value) in wanted for value in distinct}
    return np.fromiter(map(verdict.__getitem__, statuses), dtype=bool, count=len(statuses))


class Vertices:
    """Every vertex of a set of geometries (2D), and where each geometry's vertices start: one
    ``get_coordinates`` pass in the geometries' own order, shared by the steps that need
    vertices of some of them (gathering through GEOS for a subset costs several times more).
    ``rows``: only these geometries' vertices are taken (the others have none)."""

    def __init__(
        self,
        geoms: np.ndarray | CompactGeometries,
        progress: Callable[[float], None] | None = None,
        rows: np.ndarray | None = None,
    ):
        n = len(geoms)
        if isinstance(geoms, CompactGeometries):
            self._compact(geoms, progress or no_progress, rows)
            return
        if rows is not None:
            only = np.full(n, None, dtype=object)
            only[rows] = geoms[rows]
            geoms = only
        counts = np.zeros(n, dtype=np.int64)
        parts = [np.empty((0, 2))]

        def read(rows: slice) -> None:
            xy, owner = shapely.get_coordinates(geoms[rows], return_index=True)
            parts.append(xy)
            counts[rows] = np.bincount(owner, minlength=rows.stop - rows.start)

        chunked(n, read, progress or no_progress, first=65536)
        self.xy = np.concatenate(parts)
        self.start = np.zeros(n + 1, dtype=np.int64)
        self.start[1:] = np.cumsum(counts)

    def _compact(
        self, geoms: CompactGeometries, tick: Callable[[float], None], rows: np.ndarray | None
    ) -> None:
        """The same arrays from compact geometries: a point's or a two-point line's vertices
        from its coordinates, the others' through GEOS."""
        n = len(geoms)
        wanted = np.ones(n, dtype=bool)
        if rows is not None:
            wanted[:] = False
            wanted[rows] = True
        kind = geoms.kind
        points = np.flatnonzero(wanted & (kind == POINT))
        segments = np.flatnonzero(wanted & (kind == SEGMENT))
        other = np.flatnonzero(wanted & (kind == GEOS))
        del wanted
        # each geometry's vertex count goes in place of its start, then their running sum:
        # no work-long count array beside it, no per-vertex owner kept (~100 MB at 3M works)
        self.start = np.zeros(n + 1, dtype=np.int64)
        counts = self.start[1:]
        counts[points], counts[segments] = 1, 2
        parts = [np.empty((0, 2))]
        other_counts = [np.empty(0, np.int64)]

        def read(piece: slice) -> None:
            xy, owner = shapely.get_coordinates(geoms.geos[other[piece]], return_index=True)
            parts.append(xy)
            other_counts.append(np.bincount(owner, minlength=piece.stop - piece.start))

        chunked(len(other), read, tick, first=65536)
        xy_other = np.concatenate(parts)
        parts.clear()
        count_other = np.concatenate(other_counts)
        other_counts.clear()
        counts[other] = count_other
        np.cumsum(counts, out=counts)
        self.xy = np.empty((int(self.start[-1]), 2))
        at = self.start[points]
        self.xy[at, 0], self.xy[at, 1] = geoms.ax[points], geoms.ay[points]
        at = self.start[segments]
        self.xy[at, 0], self.xy[at, 1] = geoms.ax[segments], geoms.ay[segments]
        self.xy[at + 1, 0], self.xy[at + 1, 1] = geoms.bx[segments], geoms.by[segments]
        del at
        if len(xy_other):  # a geometry's vertices are one run of xy_other, in the order of other
            self.xy[ranges(self.start[other], count_other)] = xy_other

    def of(self, rows: np.ndarray, labels: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The vertices of ``geoms[rows]``, geometry after geometry, and for each vertex its
        position in ``rows`` (or, given ``labels`` one per row, its row's label)."""
        counts = self.start[rows + 1] - self.start[rows]
        xy = self.xy[ranges(self.start[rows], counts)]
        return xy, np.repeat(np.arange(len(rows)) if labels is None else labels, counts)


_MAX_ID_MATRIX_BYTES = 1 << 27  # the fixed-width byte matrix of the ids: beyond, sort objects


#: longest id kept as fixed-width bytes by :func:`ascii_ids` (beyond, Python str objects)
_ASCII_ID_WIDTH = 48


def ascii_ids(ids: np.ndarray) -> np.ndarray:
    """``ids`` as a fixed-width bytes array (numpy "S") when every id is ASCII text without NUL,
    none missing, none longer than :data:`_ASCII_ID_WIDTH`; else ``ids`` as they are. A permit
    reference costs its length in bytes instead of a ~70-byte str object and its pointer
    (a year of England's 3.1M ids: ~75 MB instead of ~245 MB). :func:`id_rank` ranks both
    forms alike; the writers decode the bytes a chunk at a time (``.table_writer``)."""
    values = ids.tolist()
    try:
        joined = "\0".join(values)
    except TypeError:  # a missing id, a number
        return ids
    if not joined.isascii() or joined.count("\0") != max(len(values) - 1, 0):
        return ids
    width = max(map(len, values), default=0)
    if not 0 < width <= _ASCII_ID_WIDTH:
        return ids
    return np.array(values, dtype=f"S{width}")


def id_text(ids: np.ndarray) -> np.ndarray:
    """Ids as an object array of str (decoding :func:`ascii_ids`' bytes)."""
    return ids.astype(str).astype(object) if ids.dtype.kind == "S" else ids


def id_rank(ids: np.ndarray, progress: Callable[[float], None] | None = None) -> np.ndarray:
    """Rank of each id in a stable total order (ids compared as text); ``progress`` is called
    between the steps."""
    tick = progress or no_progress
    if ids.dtype.kind == "S":  # ascii_ids: already the byte matrix the text would be made into
        return _rank_of(_rows_order(ids, tick))
    values = ids.tolist()
    n = len(values)
    try:
        joined = _join_text(values, tick)
    except TypeError:  # not all text: compared as their str()
        values = [x if type(x) is str else str(x) for x in values]
        joined = _join_text(values, tick)
    tick(0.3)
    order = _utf8_order(joined, n, tick)
    if order is None:
        text = np.empty(n, dtype=object)
        text[:] = values
        order = np.argsort(text, kind="stable")
    return _rank_of(order)


def _rank_of(order: np.ndarray) -> np.ndarray:
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank


def _join_text(values: list[Any], tick: Callable[[float], None], step: int = 200_000) -> str:
    """The texts joined by NUL, a slice at a time (ticking in between)."""
    parts = []
    for begin in range(0, len(values), step):
        parts.append("\0".join(values[begin : begin + step]))
        tick(0.3 * begin / len(values))
    return "\0".join(parts)


def _utf8_order(joined: str, n: int, tick: Callable[[float], None]) -> np.ndarray | None:
    """Stable order of the ``n`` texts joined by NUL, sorted in C as rows of a fixed-width
    byte matrix of their UTF-8 (whose byte order is code point order, as ``str`` compares).
    None where that cannot be exact or is too big: a text holding NUL (the zero padding
    would make "a" equal "a\\0"), a lone surrogate (no UTF-8), a matrix over 128 MB."""
    try:
        data = np.frombuffer(joined.encode("utf-8"), dtype=np.uint8)
    except UnicodeEncodeError:
        return None
    tick(0.4)
    seps = np.flatnonzero(data == 0)
    if len(seps) != n - 1:
        return None
    starts = np.concatenate([[0], seps + 1]).astype(np.int64)
    lengths = np.concatenate([seps, [len(data)]]) - starts
    width = max(int(lengths.max(initial=0)), 1)
    if n * width > _MAX_ID_MATRIX_BYTES:
        return None
    tick(0.45)
    if (lengths == width).all():  # ids of one length (common): each row of the text as it is
        matrix = np.append(data, np.uint8(0)).reshape(n, width + 1)[:, :width].copy()
    else:
        matrix = np.zeros(n * width, dtype=np.uint8)
        step = 100_000
        for first in range(0, n, step):  # a slice of ids at a time: bounded temporaries
            last = min(n, first + step)
            a, b = int(starts[first]), int(starts[last - 1] + lengths[last - 1])
            part = data[a:b]
            keep = part != 0
            shift = np.repeat(
                np.arange(first, last, dtype=np.int64) * width - starts[first:last], lengths[first:last]
            )
            matrix[np.flatnonzero(keep) + a + shift] = part[keep]
            tick(0.45 + 0.15 * last / n)
    return _rows_order(matrix.reshape(-1).view(f"S{width}"), tick)


def _rows_order(rows: np.ndarray, tick: Callable[[float], None]) -> np.ndarray:
    """Stable order of fixed-width byte strings (NUL-free, zero-padded)."""
    tick(0.6)
    if len(rows) < 2 or bool((rows[1:] >= rows[:-1]).all()):  # already in order: nothing to sort
        return np.arange(len(rows))
    tick(0.7)
    return np.argsort(rows, kind="stable")
