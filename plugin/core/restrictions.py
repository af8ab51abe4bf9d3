"""Section 58 pre-check: planned works against street restrictions after resurfacing.

Arrays in, arrays out (shapely 2 geometries in EPSG:27700, integer days), no QGIS.

Definitions (DOMAIN.md sections 2 and 3; the algorithm help repeats them). All periods are
**closed intervals of calendar days**; "days of overlap" is the number of days in the
intersection of two closed intervals, ``min(ends) - max(starts) + 1``.

* Works window ``W = [ws, we]``; restriction period ``R = [rs, re]`` (its start and end dates,
  both restricted days).
* **Notice period** ``N = [rs - notice_days, rs - 1]``: the ``notice_days`` days (default 91,
  about three months) immediately before the restriction starts. ``rs - notice_days - 1`` is
  the day before the notice period; ``rs - 1`` is its last day. ``notice_days = 0`` disables
  ``dig_before_resurfacing``.
* **After-end period** ``A = [re + 1, re + ends_soon_days]``.
* A works and a restriction are **related** when ``shapely.distance(works, restriction) <=
  distance`` (metres, inclusive; the default 0 means the works must touch or cross the
  restricted extent), or, with ``usrn_match``, when both carry the same non-empty USRN
  (compared as text, case-insensitive, whitespace collapsed) whatever the distance.
* Restriction status (case-insensitive, spaces and hyphens read as ``_``): ``proposed`` and
  ``in_force`` are **active**; ``cancelled`` and ``closed`` never produce findings (counted as
  inactive); any other value, or none, makes the restriction **unusable** with a reason.
* A works is **exempt** when its category or its activity type is in ``exempt_categories``
  (case-insensitive). Default: ``immediate_urgent``, ``immediate_emergency`` (emergency and
  urgent works) and ``new_service_connection`` (new customer connections). Minor works that
  do not break the surface are also exempt in law, but the data cannot tell whether they do,
  so they are not in the default list.

For each related pair of a usable works and an active restriction, **one finding**, the first
rule that applies in this order:

1. ``blocked``: ``W`` overlaps ``R`` (``ws <= re and rs <= we``) and the works are not exempt.
   For a proposed restriction this is DOMAIN.md's "proposed and starting before the works
   end" (``rs <= we``) for a restriction not over before the works start.
   ``exempt``: the same, for exempt works (listed, not flagged). Days of overlap: ``|W ∩ R|``.
2. ``dig_before_resurfacing``: the restriction is ``proposed`` and ``W`` overlaps ``N``
   (``ws <= rs - 1 and rs - notice_days <= we``): the last chance to dig first. Days of
   overlap: ``|W ∩ N|``. (Exemption does not matter here.)
3. ``ends_soon``: ``W`` overlaps ``A`` (so ``re < ws <= re + ends_soon_days``): the works are
   planned within ``ends_soon_days`` after the restriction ends. Days of overlap: ``|W ∩ A|``.

Other related pairs produce nothing. Works whose status is in ``excluded_statuses`` (default
cancelled, refused, revoked permits) never take part. Unusable works (no geometry, no or
reversed dates, ...) and unusable restrictions are listed with their reason.

Example
-------
>>> import shapely
>>> works = Works.from_columns(
...     [shapely.Point(5, 0), shapely.Point(5, 0)], ["W1", "W2"], ["Gas Co", "Water Co"],
...     [100, 100], [110, 110], categories=["standard", "immediate_emergency"])
>>> restr = Works.from_columns(
...     [shapely.box(0, -1, 10, 1)], ["S58-1"], None, [105], [1000], statuses=["in_force"])
>>> result = check_restrictions(works, restr)
>>> [(works.ids[w], FINDING_NAMES[f], int(d)) for w, f, d in zip(result.works, result.finding,
...                                                              result.overlap_days)]
[('W1', 'blocked', 6), ('W2', 'exempt', 6)]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import shapely

from .compact import subset, take
from .errors import InputError
from .nearjoin import near_pairs
from .pairs import same_code_pairs, with_pairs
from .parallel import Progress, Ticker
from .schema import EXCLUDED_PERMIT_STATUSES
from .works import MISSING_DAY, Works, codes, normal_key, screen

DIG_BEFORE_RESURFACING = 1
BLOCKED = 2
EXEMPT = 3
ENDS_SOON = 4
FINDING_NAMES = {
    DIG_BEFORE_RESURFACING: "dig_before_resurfacing",
    BLOCKED: "blocked",
    EXEMPT: "exempt",
    ENDS_SOON: "ends_soon",
}

#: Defaults (policy choices, parameters of the algorithm).
NOTICE_DAYS = 91
ENDS_SOON_DAYS = 90
EXEMPT_CATEGORIES = ("immediate_urgent", "immediate_emergency", "new_service_connection")

ACTIVE_STATUSES = ("proposed", "in_force")
INACTIVE_STATUSES = ("cancelled", "closed")

R_NO_STATUS = "missing status"
R_UNKNOWN_STATUS = "unknown status {status!r} (expected proposed, in_force, cancelled or closed)"


def status_key(value: Any) -> str | None:
    """A restriction status normalised: ``"In Force"``, ``"in-force"`` -> ``"in_force"``.

    >>> status_key(" In Force "), status_key("PROPOSED"), status_key("")
    ('in_force', 'proposed', None)
    """
    key = normal_key(value)
    if key is None:
        return None
    return key.replace("-", "_").replace(" ", "_")


@dataclass
class RestrictionFindings:
    """One row per finding; ``works``/``restriction`` index the inputs.

    ``period_start``/``period_end`` is the interval the finding is about (``R``, ``N`` or
    ``A`` of the module definitions) and ``overlap_days`` the days of the works in it.
    Rows are sorted by (works id, restriction reference).
    """

    works: np.ndarray
    restriction: np.ndarray
    finding: np.ndarray  # int8 codes, see FINDING_NAMES
    overlap_days: np.ndarray
    period_start: np.ndarray
    period_end: np.ndarray
    distance: np.ndarray  # metres between the works and the restricted extent
    usrn_match: np.ndarray  # bool: both carry the same non-empty USRN
    geometries: np.ndarray  # part of the works inside the extent, else the works geometry
    works_unusable: np.ndarray
    works_unusable_reasons: np.ndarray
    restrictions_unusable: np.ndarray
    restrictions_unusable_reasons: np.ndarray
    n_inactive: int = 0  # cancelled/closed restrictions
    n_excluded_works: int = 0
    n_related: int = 0  # related (works, active restriction) pairs examined

    def __len__(self) -> int:
        return len(self.works)

    def count(self, code: int) -> int:
        return int((self.finding == code).sum())

    def counts(self) -> dict[str, int]:
        """The findings in all (``FINDINGS``) and of each kind (``BLOCKED``, ...), in code order."""
        return {
            "FINDINGS": len(self),
            **{FINDING_NAMES[c].upper(): self.count(c) for c in sorted(FINDING_NAMES)},
        }


def interval_overlap(start_a: np.ndarray, end_a: np.ndarray, start_b: Any, end_b: Any) -> np.ndarray:
    """Days in the intersection of closed day intervals (0 when disjoint).

    >>> interval_overlap(np.array([0, 0, 0]), np.array([9, 9, 9]), np.array([9, 10, -5]), 20).tolist()
    [1, 0, 10]
    """
    return np.maximum(np.minimum(end_a, end_b) - np.maximum(start_a, start_b) + 1, 0).astype(np.int64)


def classify(
    ws: np.ndarray,
    we: np.ndarray,
    rs: np.ndarray,
    re: np.ndarray,
    proposed: np.ndarray,
    exempt: np.ndarray,
    notice_days: int = NOTICE_DAYS,
    ends_soon_days: int = ENDS_SOON_DAYS,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Finding code (0 = none), days of overlap, and the period per related pair.

    >>> f, d, ps, pe = classify(np.array([50, 90, 200, 0]), np.array([60, 120, 205, 8]),
    ...     np.array([100] * 4), np.array([150] * 4), np.array([True] * 4), np.array([False] * 4))
    >>> [FINDING_NAMES.get(int(x)) for x in f], d.tolist()
    (['dig_before_resurfacing', 'blocked', 'ends_soon', None], [11, 21, 6, 0])
    """
    if notice_days < 0 or ends_soon_days < 0:
        raise InputError("notice_days and ends_soon_days must be >= 0")
    in_force_overlap = interval_overlap(ws, we, rs, re)
    n_start, n_end = rs - notice_days, rs - 1
    notice_overlap = np.where(proposed & (notice_days > 0), interval_overlap(ws, we, n_start, n_end), 0)
    a_start, a_end = re + 1, re + ends_soon_days
    after_overlap = np.where(ends_soon_days > 0, interval_overlap(ws, we, a_start, a_end), 0)

    finding = np.zeros(len(ws), dtype=np.int8)
    days = np.zeros(len(ws), dtype=np.int64)
    p_start = np.zeros(len(ws), dtype=np.int64)
    p_end = np.zeros(len(ws), dtype=np.int64)

    def take(mask: np.ndarray, code: Any, overlap: np.ndarray, start: np.ndarray, end: np.ndarray) -> None:
        mask = mask & (finding == 0)
        finding[mask] = code[mask] if isinstance(code, np.ndarray) else code
        days[mask] = overlap[mask]
        p_start[mask] = start[mask]
        p_end[mask] = end[mask]

    take(in_force_overlap > 0, np.where(exempt, EXEMPT, BLOCKED).astype(np.int8), in_force_overlap, rs, re)
    take(notice_overlap > 0, DIG_BEFORE_RESURFACING, notice_overlap, n_start, n_end)
    take(after_overlap > 0, ENDS_SOON, after_overlap, a_start, a_end)
    return finding, days, p_start, p_end


def _finding_geometry(works_geoms: np.ndarray, restr_geoms: np.ndarray) -> np.ndarray:
    """The part of each works inside its restriction when of the works' own dimension, else
    the whole works geometry (touching only, within the distance, or same USRN)."""
    out = works_geoms.copy()
    if len(out) == 0:
        return out
    inter = shapely.intersection(works_geoms, restr_geoms)
    dims = shapely.get_dimensions(works_geoms)
    ok = ~shapely.is_empty(inter) & (shapely.get_dimensions(inter) == dims)
    for n in np.flatnonzero(ok):
        geom = inter[n]
        if shapely.get_type_id(geom) == 7:  # collection: keep the parts of the works' dimension
            parts = shapely.get_parts(geom)
            parts = parts[shapely.get_dimensions(parts) == dims[n]]
            geom = shapely.union_all(parts) if len(parts) else None
        if geom is not None and not geom.is_empty:
            out[n] = geom
    return out


def _exempt(works: Works, rows: np.ndarray, exempt_categories: Sequence[str]) -> np.ndarray:
    """Whether each of the works ``rows`` is exempt: its category or activity type is one of
    ``exempt_categories`` (compared ignoring case and extra spaces). Only the related works
    are looked at, and each distinct value is normalised once."""
    exempt_keys = {normal_key(c) for c in exempt_categories} - {None}
    out = np.zeros(len(rows), dtype=bool)
    for values in (works.categories, works.activity_types):
        if values is None or not exempt_keys:
            continue
        picked = values[rows]
        verdict = {value: normal_key(value) in exempt_keys for value in dict.fromkeys(picked.tolist())}
        out |= np.fromiter(map(verdict.__getitem__, picked.tolist()), dtype=bool, count=len(rows))
    return out


def check_restrictions(
    works: Works,
    restrictions: Works,
    *,
    distance: float = 0.0,
    usrn_match: bool = False,
    exempt_categories: Sequence[str] = EXEMPT_CATEGORIES,
    notice_days: int = NOTICE_DAYS,
    ends_soon_days: int = ENDS_SOON_DAYS,
    excluded_statuses: Sequence[str] = EXCLUDED_PERMIT_STATUSES,
    progress: Progress | None = None,
) -> RestrictionFindings:
    """Findings for every related (works, active restriction) pair; see the module help.

    Both are :class:`~.works.Works`: the works with their promoters as ``owners`` and their
    ``categories``/``activity_types`` (exemption), the restrictions with their references as
    ``ids`` and their restriction status as ``statuses`` (owners unused)."""
    if notice_days < 0:
        raise InputError(f"must be >= 0, not {notice_days!r}", field="NOTICE_DAYS")
    if ends_soon_days < 0:
        raise InputError(f"must be >= 0, not {ends_soon_days!r}", field="ENDS_SOON_DAYS")

    tick = Ticker(progress, "checking restrictions")
    tick(0.0)
    w_screen = screen(works, excluded_statuses)

    n_r = len(restrictions)
    given_status = restrictions.statuses if restrictions.statuses is not None else [None] * n_r
    status = np.array([status_key(s) for s in given_status], dtype=object)
    status_reasons = np.full(n_r, None, dtype=object)
    known = set(ACTIVE_STATUSES) | set(INACTIVE_STATUSES)
    for n, key in enumerate(status):
        if key is None:
            status_reasons[n] = R_NO_STATUS
        elif key not in known:
            status_reasons[n] = R_UNKNOWN_STATUS.format(status=given_status[n])
    if restrictions.reasons is not None:  # a caller's reason (e.g. unparseable date) comes first
        given = restrictions.reasons.astype(bool)
        status_reasons[given] = restrictions.reasons[given]
    r_screen = screen(replace(restrictions, statuses=status, reasons=status_reasons), INACTIVE_STATUSES)
    tick(0.05)

    w_idx = np.flatnonzero(w_screen.usable)
    r_idx = np.flatnonzero(r_screen.usable)
    i, j, dist = near_pairs(
        subset(w_screen.geometries, w_idx),
        float(distance),
        subset(r_screen.geometries, r_idx),
        progress=lambda f: tick(0.05 + 0.6 * f),
    )
    i, j = w_idx[i], r_idx[j]
    same_usrn = np.zeros(len(i), dtype=bool)
    if works.usrns is not None and restrictions.usrns is not None:
        if usrn_match:  # every works' USRN takes part: one code per USRN key
            both = codes(np.concatenate([works.usrns, restrictions.usrns]))
            w_codes, r_codes = both[: len(works)], both[len(works) :]
            si, sj = same_code_pairs(np.where(w_screen.usable, w_codes, -1)[w_idx], r_codes[r_idx])
            i, j, dist = with_pairs(i, j, dist, w_idx[si], r_idx[sj], max(n_r, 1))
            far = np.isnan(dist)
            if far.any():
                dist[far] = shapely.distance(
                    take(w_screen.geometries, i[far]), take(r_screen.geometries, j[far])
                )
        # Only the related pairs' USRNs are compared (a year of England: thousands of pairs,
        # millions of works), each distinct value normalised once.
        pair_codes = codes(np.concatenate([works.usrns[i], restrictions.usrns[j]]))
        same_usrn = (pair_codes[: len(i)] >= 0) & (pair_codes[: len(i)] == pair_codes[len(i) :])
    tick(0.7)

    finding, days, p_start, p_end = classify(
        works.start[i],
        works.end[i],
        restrictions.start[j],
        restrictions.end[j],
        status[j] == "proposed",
        _exempt(works, i, exempt_categories),
        notice_days,
        ends_soon_days,
    )
    n_related = len(i)
    keep = finding > 0
    i, j, dist, same_usrn = i[keep], j[keep], dist[keep], same_usrn[keep]
    finding, days, p_start, p_end = finding[keep], days[keep], p_start[keep], p_end[keep]
    order = np.lexsort(
        (
            np.array([str(x) for x in restrictions.ids[j]], dtype=object),
            np.array([str(x) for x in works.ids[i]], dtype=object),
        )
    )
    i, j, dist, same_usrn = i[order], j[order], dist[order], same_usrn[order]
    finding, days, p_start, p_end = finding[order], days[order], p_start[order], p_end[order]
    tick(0.8)
    geoms = _finding_geometry(take(w_screen.geometries, i), take(r_screen.geometries, j))
    tick(1.0)

    w_bad = np.flatnonzero(~w_screen.usable & ~w_screen.excluded)
    r_bad = np.flatnonzero(~r_screen.usable & ~r_screen.excluded)
    return RestrictionFindings(
        works=i,
        restriction=j,
        finding=finding,
        overlap_days=days,
        period_start=p_start,
        period_end=p_end,
        distance=dist,
        usrn_match=same_usrn,
        geometries=geoms,
        works_unusable=w_bad,
        works_unusable_reasons=w_screen.reasons[w_bad],
        restrictions_unusable=r_bad,
        restrictions_unusable_reasons=r_screen.reasons[r_bad],
        n_inactive=int(r_screen.excluded.sum()),
        n_excluded_works=int(w_screen.excluded.sum()),
        n_related=n_related,
    )


__all__ = [
    "BLOCKED",
    "DIG_BEFORE_RESURFACING",
    "ENDS_SOON",
    "ENDS_SOON_DAYS",
    "EXEMPT",
    "EXEMPT_CATEGORIES",
    "FINDING_NAMES",
    "MISSING_DAY",
    "NOTICE_DAYS",
    "RestrictionFindings",
    "check_restrictions",
    "classify",
    "interval_overlap",
    "status_key",
]
