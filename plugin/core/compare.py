"""Month on month: what changed between two runs of the overlap algorithm.

Arrays in, plain rows out, no QGIS. Definitions (the algorithm help repeats them):

* **Work key.** Each run's works (the ids in ``id_a``/``id_b``) are matched across runs on
  their *work reference*, so a permit re-issued under the same work with a new suffix
  (``TSR123-01`` -> ``TSR123-02``) is the same work. The work reference is the run's
  ``work_ref_a``/``work_ref_b`` value when the pairs carry one; otherwise it is **derived**
  from the id by stripping a trailing ``-NN`` (a hyphen and exactly two digits, Street
  Manager's permit suffix); an id without that suffix is its own work reference. Within one
  run a work reference shared by several ids is ambiguous, so those ids keep their own id
  as key (and so does any id whose key would collide with another's). With
  ``match_work_ref=False`` the key is the id.
* **Pair key**: the unordered pair of work keys. A pair is **new** when its key is only in
  the current run, **resolved** when only in the previous one, and otherwise **changed**
  when its ``kind``, ``gap_days`` or ``overlap_days`` differ, or, when both runs carry
  per-work dates (``start_a``, ``end_a``, ``start_b``, ``end_b``), when any work's start or
  end differs (compared work by work, whatever the a/b order); else **unchanged**.
  ``distance_m`` and owners are reported but do not make a pair changed. ``ids_changed``
  says that a matched pair's ids differ (matched through the work reference).
* **Groups** are the sets of work keys of the pairs carrying each ``group_id``. Each
  current group *C* is matched to the previous group *P* sharing the most works with it
  (ties: the smallest previous ``group_id``). *C* is **new** when it shares no work with any
  previous group; otherwise, with ``joined = C - P`` and ``left = P - C``: **unchanged**
  (both empty), **grown** (only joined), **shrunk** (only left), **reshaped** (both). A
  previous group sharing no work with any current group is **gone**. ``prev_group_ids``
  lists every previous group *C* shares a work with (more than one: groups merged; a
  previous group listed by several current groups: a split).
* **Parameters**: two runs are comparable when their stamped analysis parameters are equal
  (input and output parameters are ignored; numbers, booleans and lists are compared by
  value, so ``"25"`` equals ``25.0`` and ``"a,b"`` equals ``["a", "b"]``).

Example
-------
>>> prev = PairsRun.from_columns(["A-01", "C-01"], ["B-01", "D-01"], ["clash", "clash"], [0, 0], [3, 2], [1, 2])
>>> cur = PairsRun.from_columns(["A-02", "E-01"], ["B-01", "F-01"], ["opportunity", "clash"], [5, 0], [0, 1], [1, 2])
>>> result = compare_runs(cur, prev)
>>> [(r.change, r.key) for r in result.pairs]
[('changed', ('A', 'B')), ('resolved', ('C', 'D')), ('new', ('E', 'F'))]
>>> result.counts()["RENAMED_WORKS"]
1
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .errors import InputError
from .overlaps import object_column

#: Street Manager's permit suffix: the work reference plus ``-NN``.
PERMIT_SUFFIX = re.compile(r"-\d{2}$")

NEW = "new"
RESOLVED = "resolved"
CHANGED = "changed"
UNCHANGED = "unchanged"
GROWN = "grown"
SHRUNK = "shrunk"
RESHAPED = "reshaped"
GONE = "gone"

DATE_FIELDS = ("start_a", "end_a", "start_b", "end_b")
#: Parameters that name inputs or outputs, not the analysis.
IO_PARAMETERS = frozenset({"INPUT", "OTHER"})


def derive_work_ref(permit_ref: Any) -> str:
    """The work reference of a permit reference: a trailing ``-NN`` stripped.

    >>> derive_work_ref("TSR1591199404915-01"), derive_work_ref("W-1"), derive_work_ref("X")
    ('TSR1591199404915', 'W-1', 'X')
    """
    text = str(permit_ref).strip()
    return PERMIT_SUFFIX.sub("", text)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and not np.isfinite(value):
        return None
    text = str(value).strip()
    return text or None


@dataclass
class PairsRun:
    """One run's pairs layer, column-wise (``from_columns``)."""

    id_a: np.ndarray
    id_b: np.ndarray
    kind: np.ndarray
    gap_days: np.ndarray
    overlap_days: np.ndarray
    group_id: np.ndarray
    distance: np.ndarray | None = None
    work_ref_a: np.ndarray | None = None
    work_ref_b: np.ndarray | None = None
    dates: dict[str, np.ndarray] | None = None  # start_a, end_a, start_b, end_b (int days or None)
    geometries: np.ndarray | None = None
    label: str = "run"

    def __len__(self) -> int:
        return len(self.id_a)

    @classmethod
    def from_columns(
        cls,
        id_a: Sequence[Any],
        id_b: Sequence[Any],
        kind: Sequence[Any],
        gap_days: Sequence[Any],
        overlap_days: Sequence[Any],
        group_id: Sequence[Any],
        *,
        distance: Sequence[Any] | None = None,
        work_ref_a: Sequence[Any] | None = None,
        work_ref_b: Sequence[Any] | None = None,
        dates: dict[str, Sequence[Any]] | None = None,
        geometries: Sequence[Any] | None = None,
        label: str = "run",
    ) -> PairsRun:
        n = len(id_a)
        ids_a = object_column(id_a, n, "id_a", "pairs")
        ids_b = object_column(id_b, n, "id_b", "pairs")
        for row in range(n):
            for name, arr in (("id_a", ids_a), ("id_b", ids_b)):
                if _text(arr[row]) is None:
                    raise InputError("empty id", path=label, record=str(row + 1), field=name)
        return cls(
            id_a=np.array([str(v).strip() for v in ids_a], dtype=object),
            id_b=np.array([str(v).strip() for v in ids_b], dtype=object),
            kind=object_column(kind, n, "kind", "pairs"),
            gap_days=object_column(gap_days, n, "gap_days", "pairs"),
            overlap_days=object_column(overlap_days, n, "overlap_days", "pairs"),
            group_id=object_column(group_id, n, "group_id", "pairs"),
            distance=object_column(distance, n, "distance_m", "pairs"),
            work_ref_a=object_column(work_ref_a, n, "work_ref_a", "pairs"),
            work_ref_b=object_column(work_ref_b, n, "work_ref_b", "pairs"),
            dates={k: object_column(v, n, k, "pairs") for k, v in dates.items()} if dates else None,
            geometries=object_column(geometries, n, "geometry", "pairs"),
            label=label,
        )


@dataclass
class WorkKeys:
    """How one run's ids map onto work keys."""

    key_of: dict[str, str]
    work_ref_source: str  # "field", "derived" or "id"
    ambiguous: list[str] = field(default_factory=list)  # work refs shared by several ids


def work_keys(run: PairsRun, match_work_ref: bool = True) -> WorkKeys:
    """Key per id of a run (see the module definitions)."""
    ids = sorted(set(run.id_a.tolist()) | set(run.id_b.tolist()))
    if not match_work_ref:
        return WorkKeys({i: i for i in ids}, "id")
    explicit = run.work_ref_a is not None and run.work_ref_b is not None
    ref_of: dict[str, str] = {}
    if explicit:
        for ids_col, refs_col in ((run.id_a, run.work_ref_a), (run.id_b, run.work_ref_b)):
            for ident, ref in zip(ids_col, refs_col, strict=True):
                ref = _text(ref)
                if ref is not None:
                    ref_of.setdefault(ident, ref)
    for ident in ids:
        ref_of.setdefault(ident, derive_work_ref(ident))
    users = Counter(ref_of[i] for i in ids)
    ambiguous = sorted(ref for ref, count in users.items() if count > 1)
    key_of = {i: (ref_of[i] if users[ref_of[i]] == 1 else i) for i in ids}
    while True:  # a key must name one id only: fall back to the ids where keys collide
        holders = Counter(key_of.values())
        clash = [i for i in ids if holders[key_of[i]] > 1 and key_of[i] != i]
        if not clash:
            break
        for ident in clash:
            key_of[ident] = ident
    return WorkKeys(key_of, "field" if explicit else "derived", ambiguous)


@dataclass
class PairChange:
    """One row of the pair comparison (``current``/``previous``: row index or None)."""

    change: str
    key: tuple[str, str]
    current: int | None
    previous: int | None
    what_changed: list[str] = field(default_factory=list)
    ids_changed: bool = False


@dataclass
class GroupChange:
    change: str
    group_id: int | None  # current group
    prev_group_id: int | None  # the matched (or gone) previous group
    n_works: int
    prev_n_works: int
    joined: list[str]
    left: list[str]
    prev_group_ids: list[int]


@dataclass
class Comparison:
    pairs: list[PairChange]
    groups: list[GroupChange]
    current_keys: WorkKeys
    previous_keys: WorkKeys
    renamed_works: list[tuple[str, str]]  # (previous id, current id) matched on work reference

    def counts(self) -> dict[str, int]:
        pair_counts = Counter(p.change for p in self.pairs)
        group_counts = Counter(g.change for g in self.groups)
        out = {name.upper(): pair_counts.get(name, 0) for name in (NEW, RESOLVED, CHANGED, UNCHANGED)}
        for name in (NEW, GONE, GROWN, SHRUNK, RESHAPED, UNCHANGED):
            out[f"GROUPS_{name.upper()}"] = group_counts.get(name, 0)
        out["RENAMED_WORKS"] = len(self.renamed_works)
        return out


def _pair_index(run: PairsRun, keys: WorkKeys) -> tuple[dict[tuple[str, str], int], np.ndarray]:
    """Pair key -> row, and per row whether a/b are swapped relative to the key order."""
    index: dict[tuple[str, str], int] = {}
    swapped = np.zeros(len(run), dtype=bool)
    for row, (a, b) in enumerate(zip(run.id_a, run.id_b, strict=True)):
        ka, kb = keys.key_of[a], keys.key_of[b]
        key = (ka, kb) if ka <= kb else (kb, ka)
        swapped[row] = ka > kb
        if key in index:
            raise InputError(
                f"the pair {a} / {b} appears twice (rows {index[key] + 1} and {row + 1})",
                path=run.label,
                record=str(row + 1),
            )
        index[key] = row
    return index, swapped


def _as_int(value: Any) -> int | None:
    """An integer field value (None when missing or not a number)."""
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if np.isfinite(number) else None


def _comparable(value: Any) -> Any:
    """A date-like or numeric value for equality: numbers as float, dates as ISO text."""
    if value is None:
        return None
    if hasattr(value, "isoformat"):
        return value.isoformat()
    try:
        number = float(value)
    except (TypeError, ValueError):
        return _text(value)
    return number if np.isfinite(number) else None


def _work_dates(run: PairsRun, row: int, swapped: bool) -> tuple[Any, Any, Any, Any] | None:
    """(start, end) of the key-first work, then of the key-second work."""
    if run.dates is None:
        return None
    sa, ea, sb, eb = (run.dates[name][row] for name in DATE_FIELDS)
    return (sb, eb, sa, ea) if swapped else (sa, ea, sb, eb)


def _diff(cur: PairsRun, c: int, c_swap: bool, prev: PairsRun, p: int, p_swap: bool) -> list[str]:
    changed = []
    if _text(cur.kind[c]) != _text(prev.kind[p]):
        changed.append("kind")
    for name in ("gap_days", "overlap_days"):
        if _comparable(getattr(cur, name)[c]) != _comparable(getattr(prev, name)[p]):
            changed.append(name)
    cd, pd = _work_dates(cur, c, c_swap), _work_dates(prev, p, p_swap)
    if (
        cd is not None
        and pd is not None
        and any(_comparable(x) != _comparable(y) for x, y in zip(cd, pd, strict=True))
    ):
        changed.append("dates")
    return changed


def _group_members(run: PairsRun, keys: WorkKeys) -> dict[int, set[str]]:
    members: dict[int, set[str]] = {}
    for a, b, g in zip(run.id_a, run.id_b, run.group_id, strict=True):
        gid = _as_int(g)
        if gid is None:
            continue
        members.setdefault(gid, set()).update((keys.key_of[a], keys.key_of[b]))
    return members


def compare_groups(current: dict[int, set[str]], previous: dict[int, set[str]]) -> list[GroupChange]:
    """Group-level changes, matched by shared works (see the module definitions).

    >>> rows = compare_groups({1: {"a", "b", "c"}, 2: {"x", "y"}}, {7: {"a", "b"}, 8: {"p", "q"}})
    >>> [(r.change, r.group_id, r.prev_group_id, r.joined) for r in rows]
    [('grown', 1, 7, ['c']), ('new', 2, None, ['x', 'y']), ('gone', None, 8, [])]
    """
    owner: dict[str, list[int]] = {}
    for gid, keys in previous.items():
        for key in keys:
            owner.setdefault(key, []).append(gid)
    touched: set[int] = set()
    rows: list[GroupChange] = []
    for gid in sorted(current):
        members = current[gid]
        shared = Counter(p for key in members for p in owner.get(key, ()))
        if not shared:
            rows.append(GroupChange(NEW, gid, None, len(members), 0, sorted(members), [], []))
            continue
        best = min(shared, key=lambda p: (-shared[p], p))
        touched.update(shared)
        joined = sorted(members - previous[best])
        left = sorted(previous[best] - members)
        if joined and left:
            change = RESHAPED
        elif joined:
            change = GROWN
        elif left:
            change = SHRUNK
        else:
            change = UNCHANGED
        rows.append(
            GroupChange(change, gid, best, len(members), len(previous[best]), joined, left, sorted(shared))
        )
    for pid in sorted(previous):
        if pid not in touched:
            rows.append(GroupChange(GONE, None, pid, 0, len(previous[pid]), [], sorted(previous[pid]), []))
    return rows


def compare_runs(current: PairsRun, previous: PairsRun, *, match_work_ref: bool = True) -> Comparison:
    """Pair and group changes from ``previous`` to ``current`` (module definitions)."""
    cur_keys = work_keys(current, match_work_ref)
    prev_keys = work_keys(previous, match_work_ref)
    cur_index, cur_swap = _pair_index(current, cur_keys)
    prev_index, prev_swap = _pair_index(previous, prev_keys)
    rows: list[PairChange] = []
    for key in sorted(set(cur_index) | set(prev_index)):
        c, p = cur_index.get(key), prev_index.get(key)
        if p is None:
            rows.append(PairChange(NEW, key, c, None))
        elif c is None:
            rows.append(PairChange(RESOLVED, key, None, p))
        else:
            what = _diff(current, c, bool(cur_swap[c]), previous, p, bool(prev_swap[p]))
            ids_changed = {current.id_a[c], current.id_b[c]} != {previous.id_a[p], previous.id_b[p]}
            rows.append(PairChange(CHANGED if what else UNCHANGED, key, c, p, what, ids_changed))
    by_key_prev = {k: i for i, k in prev_keys.key_of.items()}
    renamed = sorted(
        (by_key_prev[k], i) for i, k in cur_keys.key_of.items() if k in by_key_prev and by_key_prev[k] != i
    )
    groups = compare_groups(_group_members(current, cur_keys), _group_members(previous, prev_keys))
    return Comparison(rows, groups, cur_keys, prev_keys, renamed)


# --- parameters ------------------------------------------------------------------------------


def _normal(value: Any) -> Any:
    """A parameter value in a comparable form."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, (list, tuple)):
        items = tuple(_normal(v) for v in value)
        return items[0] if len(items) == 1 else items
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True)
    text = str(value).strip()
    if text == "":
        return None
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    if "," in text:
        return _normal([part.strip() for part in text.split(",") if part.strip()])
    try:
        return float(text)
    except ValueError:
        return text


def is_io_parameter(name: str) -> bool:
    """True for parameters naming inputs or outputs (``INPUT``, ``OTHER``, ``OUTPUT*``)."""
    return name in IO_PARAMETERS or name.startswith("OUTPUT")


def differing_parameters(
    previous: dict[str, Any],
    current: dict[str, Any],
    *,
    defaults: dict[str, Any] | None = None,
    ignore: Iterable[str] = (),
) -> list[tuple[str, Any, Any]]:
    """``(name, previous value, current value)`` for each analysis parameter that differs.

    A parameter missing from one run takes its value from ``defaults`` (the algorithm's
    default) before comparing.

    >>> differing_parameters({"INPUT": "a.gpkg", "DISTANCE": "25", "MAX_GAP_DAYS": 90},
    ...                      {"INPUT": "b.gpkg", "DISTANCE": 25.0, "MAX_GAP_DAYS": 60})
    [('MAX_GAP_DAYS', 90, 60)]
    >>> differing_parameters({"SAME_STREET": False}, {}, defaults={"SAME_STREET": False})
    []
    """
    defaults = defaults or {}
    skip = set(ignore)
    out = []
    for name in sorted(set(previous) | set(current)):
        if is_io_parameter(name) or name in skip:
            continue
        before = previous.get(name, defaults.get(name))
        after = current.get(name, defaults.get(name))
        if _normal(before) != _normal(after):
            out.append((name, before, after))
    return out


def parse_parameters(text: str | None, label: str) -> dict[str, Any] | None:
    """A stamped parameters JSON as a dict (None when nothing was stamped)."""
    if text is None:
        return None
    try:
        value = json.loads(text)
    except ValueError as err:
        raise InputError(f"stamped parameters are not JSON: {err}", path=label) from err
    if not isinstance(value, dict):
        raise InputError("stamped parameters are not a JSON object", path=label)
    return value
