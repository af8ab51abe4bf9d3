"""Columns of an output layer, as the layer writer takes them: text, numbers, dates and
one-part multi geometries built from the engine's arrays. Shared by the analyses that write
rows picked from their inputs (the restrictions findings, the run comparison). No QGIS.

>>> take(["a", "b"], np.array([1, -1])).tolist()
['b', None]
>>> as_ints(np.array(["3", None, "x", 2.0], dtype=object)).tolist()
[3, None, None, 2]
>>> day_dates(np.array([0, MISSING_DAY]), np.array([0, 1])).tolist()
[datetime.date(1970, 1, 1), None]
"""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely

from .works import MISSING_DAY, DeferredColumn

#: shapely type id of a single part -> the function making one-part multi geometries of it
_MULTI_OF = ((0, shapely.multipoints), (1, shapely.multilinestrings), (3, shapely.multipolygons))


def plain_text(value: Any) -> str | None:
    """A value as text; None for None, NaN and infinity (written as NULL)."""
    if value is None or (isinstance(value, float) and not np.isfinite(value)):
        return None
    return str(value)


def pick(values: Any, rows: np.ndarray) -> np.ndarray:
    """``values[rows]`` as an object array: of an array or a list, and of a
    :class:`~.works.DeferredColumn` reading only those rows."""
    if isinstance(values, DeferredColumn):
        return values[rows]
    return np.asarray(values, dtype=object)[rows]


def plain_column(values: Any, rows: np.ndarray) -> list[str | None]:
    """:func:`plain_text` of ``values[rows]``, each distinct value once (findings repeat
    promoters, categories and statuses)."""
    cache: dict[Any, Any] = {}
    out = []
    for value in pick(values, rows).tolist():
        try:
            out.append(cache[value] if value in cache else cache.setdefault(value, plain_text(value)))
        except TypeError:  # unhashable
            out.append(plain_text(value))
    return out


def day_dates(days: Any, rows: np.ndarray) -> np.ndarray:
    """Day numbers (days since 1970-01-01, MISSING_DAY for none) of ``rows`` as dates; NaT is
    NULL."""
    picked = np.asarray(days, dtype=np.int64)[rows]
    return np.where(picked == MISSING_DAY, np.iinfo(np.int64).min, picked).astype("datetime64[D]")


def take(values: Any, idx: np.ndarray) -> np.ndarray:
    """``values[idx]`` as an object array, None where ``idx`` < 0 or there are no values."""
    out = np.full(len(idx), None, dtype=object)
    if values is not None:
        ok = idx >= 0
        out[ok] = np.asarray(values, dtype=object)[idx[ok]]
    return out


def _float(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if np.isfinite(number) else None


def as_floats(values: np.ndarray) -> np.ndarray:
    """An object column as float64: NaN (null in the output) for None and anything that is not
    a finite number."""
    values = np.asarray(values, dtype=object)
    out = np.full(len(values), np.nan)
    known = values != None  # noqa: E711 (elementwise)
    try:
        out[known] = values[known].astype(np.float64)
    except (TypeError, ValueError):  # text that is not a number: one by one
        out[known] = [np.nan if (f := _float(v)) is None else f for v in values[known]]
    out[~np.isfinite(out)] = np.nan
    return out


def as_ints(values: np.ndarray) -> np.ndarray:
    """An object column as Python ints (object array), None where not a finite number."""
    numbers = as_floats(values)
    out = np.full(len(numbers), None, dtype=object)
    ok = ~np.isnan(numbers)
    out[ok] = numbers[ok].astype(np.int64).astype(object)
    return out


def as_multi(geoms: np.ndarray) -> np.ndarray:
    """Single points, lines and polygons as one-part multi geometries, as the output layer
    declares its type (None stays None)."""
    out = np.asarray(geoms, dtype=object).copy()
    types = shapely.get_type_id(out)
    for single, make in _MULTI_OF:
        idx = np.flatnonzero(types == single)
        if len(idx):
            out[idx] = make(out[idx], indices=np.arange(len(idx)))
    return out
