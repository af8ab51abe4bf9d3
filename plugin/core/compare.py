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
>>> def pairs(*rows):
...     return PairsRun.from_columns(dict(zip(REQUIRED_FIELDS, zip(*rows))))
>>> prev = pairs(("A-01", "B-01", "clash", 0, 3, 1), ("C-01", "D-01", "clash", 0, 2, 2))
>>> cur = pairs(("A-02", "B-01", "opportunity", 5, 0, 1), ("E-01", "F-01", "clash", 0, 1, 2))
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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .errors import InputError
from .ranges import ranges
from .works import object_column

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
#: The fields a pairs layer (findworksoverlaps' output) must have, and those used when there.
REQUIRED_FIELDS = ("id_a", "id_b", "kind", "gap_days", "overlap_days", "group_id")
OPTIONAL_FIELDS = ("distance_m", "work_ref_a", "work_ref_b", *DATE_FIELDS)
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


def _ids(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Ids as stripped text, and where an id is empty (:func:`_text` is None: None, NaN or
    infinite, blank)."""
    texts = np.empty(len(values), dtype=object)
    texts[:] = [str(v).strip() for v in values]
    empty = (
        np.equal(values, None).astype(bool) | np.equal(texts, "").astype(bool)
        if len(values)
        else np.zeros(0, bool)
    )
    for row in np.flatnonzero(np.isin(texts, ["nan", "inf", "-inf"])).tolist():
        value = values[row]
        empty[row] |= isinstance(value, float) and not np.isfinite(value)
    return texts, empty


def _derive_many(ids: Iterable[str]) -> list[str]:
    """:func:`derive_work_ref` of ids already stripped (``\\d`` is a Unicode decimal digit,
    as ``str.isdecimal``; a stripped id has no trailing newline for ``$`` to match before)."""
    return [i[:-3] if len(i) > 2 and i[-3] == "-" and i[-2:].isdecimal() else i for i in ids]


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
        columns: Mapping[str, Sequence[Any]],
        *,
        geometries: Sequence[Any] | None = None,
        label: str = "run",
    ) -> PairsRun:
        """One run from its columns keyed by the pairs layer's field names: all of
        :data:`REQUIRED_FIELDS`, and those of :data:`OPTIONAL_FIELDS` it has (the work
        references when it has both, the dates when it has all four)."""
        missing = [name for name in REQUIRED_FIELDS if name not in columns]
        if missing:
            raise InputError(f"not a pairs output: field(s) {', '.join(missing)} missing", path=label)
        n = len(columns["id_a"])

        def column(name: str) -> np.ndarray | None:
            return object_column(columns.get(name), n, name, "pairs")

        ids_a, empty_a = _ids(column("id_a"))
        ids_b, empty_b = _ids(column("id_b"))
        if empty_a.any() or empty_b.any():
            row = int(np.flatnonzero(empty_a | empty_b)[0])
            name = "id_a" if empty_a[row] else "id_b"
            raise InputError("empty id", path=label, record=str(row + 1), field=name)
        has_refs = "work_ref_a" in columns and "work_ref_b" in columns
        return cls(
            id_a=ids_a,
            id_b=ids_b,
            kind=column("kind"),
            gap_days=column("gap_days"),
            overlap_days=column("overlap_days"),
            group_id=column("group_id"),
            distance=column("distance_m"),
            work_ref_a=column("work_ref_a") if has_refs else None,
            work_ref_b=column("work_ref_b") if has_refs else None,
            dates={f: column(f) for f in DATE_FIELDS} if all(f in columns for f in DATE_FIELDS) else None,
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
    seen = set(run.id_a.tolist())
    seen.update(run.id_b.tolist())
    ids = list(seen)
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
        for ident, ref in zip(ids, _derive_many(ids), strict=True):
            ref_of.setdefault(ident, ref)
    else:
        ref_of = dict(zip(ids, _derive_many(ids), strict=True))
    users = Counter(ref_of.values())
    ambiguous = sorted(ref for ref, count in users.items() if count > 1)
    key_of = {i: r if users[r] == 1 else i for i, r in ref_of.items()}
    while True:  # a key must name one id only: fall back to the ids where keys collide
        holders = Counter(key_of.values())
        clash = [i for i in ids if holders[key_of[i]] > 1 and key_of[i] != i]
        if not clash:
            break
        for ident in clash:
            key_of[ident] = ident
    return WorkKeys(key_of, "field" if explicit else "derived", ambiguous)


@dataclass(slots=True)
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


_NUMBERS = (int, float, np.integer, np.floating)


def _normalised(column: np.ndarray, fn: Any) -> np.ndarray:
    """``fn`` of every value of an object column. Numbers (and None) for :func:`_comparable`
    come back as a float array, NaN for None (:func:`_differs` compares those in C); else an
    object array. Columns repeat a few values (kinds, day counts, dates): when the column holds
    one plain type (and None), each distinct value is normalised once."""
    out = np.empty(len(column), dtype=object)
    if not len(column):
        return out
    types = set(map(type, column))
    has_none = type(None) in types
    types.discard(type(None))
    if fn is _comparable and types and all(issubclass(t, _NUMBERS) for t in types):
        if has_none:
            numbers = np.where(np.equal(column, None).astype(bool), np.nan, column).astype(float)
        else:
            numbers = column.astype(float)
        numbers[~np.isfinite(numbers)] = np.nan  # _comparable: not finite is None
        return numbers
    plain = len(types) <= 1 and all(
        issubclass(t, str) if fn is _text else issubclass(t, (str, int, float, np.integer, np.floating))
        for t in types
    )
    if plain:
        cache: dict[Any, Any] = {}
        out[:] = [cache[v] if v in cache else cache.setdefault(v, fn(v)) for v in column]
    else:
        out[:] = [fn(v) for v in column]
    return out


def _differs(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Elementwise ``a != b`` of two :func:`_normalised` columns (Python equality; NaN in a
    float column stands for None)."""
    if not len(a):
        return np.zeros(0, dtype=bool)
    if a.dtype.kind == "f" and b.dtype.kind == "f":
        return ~((a == b) | (np.isnan(a) & np.isnan(b)))
    return np.not_equal(_objects(a), _objects(b)).astype(bool)


def _objects(values: np.ndarray) -> np.ndarray:
    """A :func:`_normalised` column as Python values (None for NaN in a float column)."""
    if values.dtype.kind != "f":
        return values
    out = np.empty(len(values), dtype=object)
    out[:] = [None if v != v else v for v in values.tolist()]
    return out


class _RunCodes:
    """One run's rows as integer codes: each id's code (shared by both runs) and the rank of
    its work key among the sorted keys of both runs (so int order is key text order)."""

    def __init__(
        self, run: PairsRun, id_codes: np.ndarray, ids: list[str], keys: WorkKeys, rank: dict[str, int]
    ):
        n = len(run)
        self.id_a, self.id_b = id_codes[:n], id_codes[n:]
        key_of = keys.key_of
        used = np.unique(id_codes) if len(id_codes) else np.zeros(0, dtype=np.int64)
        rank_of_id = np.full(len(ids), -1, dtype=np.int64)
        rank_of_id[used] = np.fromiter(
            map(rank.__getitem__, map(key_of.__getitem__, map(ids.__getitem__, used.tolist()))),
            dtype=np.int64,
            count=len(used),
        )
        self.ka, self.kb = rank_of_id[self.id_a], rank_of_id[self.id_b]
        self.swapped = self.ka > self.kb
        self.lo = np.minimum(self.ka, self.kb)
        self.hi = np.maximum(self.ka, self.kb)


def _pair_codes(run: PairsRun, codes: _RunCodes, n_keys: int) -> np.ndarray:
    """Pair key per row as one integer; an input error naming the first row whose pair was
    already seen (as the rows are read)."""
    code = codes.lo * n_keys + codes.hi
    order = np.argsort(code, kind="stable")
    ordered = code[order]
    repeats = np.flatnonzero(ordered[1:] == ordered[:-1]) + 1
    if repeats.size:
        row = int(order[repeats].min())
        first = int(order[np.searchsorted(ordered, code[row])])  # stable: the earliest row
        raise InputError(
            f"the pair {run.id_a[row]} / {run.id_b[row]} appears twice (rows {first + 1} and {row + 1})",
            path=run.label,
            record=str(row + 1),
        )
    return code


def _dates_by_key(run: PairsRun, rows: np.ndarray, swapped: np.ndarray) -> list[np.ndarray]:
    """(start, end) of the key-first work, then of the key-second work, for ``rows``."""
    sa, ea, sb, eb = columns = [_normalised(run.dates[name][rows], _comparable) for name in DATE_FIELDS]
    if any(c.dtype.kind != "f" for c in columns):  # np.where would turn None into NaN
        sa, ea, sb, eb = (_objects(c) for c in columns)
    swap = swapped[rows]
    return [np.where(swap, sb, sa), np.where(swap, eb, ea), np.where(swap, sa, sb), np.where(swap, ea, eb)]


#: what_changed of a matched pair by its bit mask (kind 1, gap 2, overlap 4, dates 8)
_WHAT = [
    [name for bit, name in ((1, "kind"), (2, "gap_days"), (4, "overlap_days"), (8, "dates")) if mask & bit]
    for mask in range(16)
]


def _group_membership(
    run: PairsRun, codes: _RunCodes, n_keys: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sorted group ids, and the (dense group, key rank) pairs of the membership, sorted."""
    numbers = _normalised(run.group_id, _comparable)
    if numbers.dtype.kind == "f" and not (np.abs(numbers[np.isfinite(numbers)]) >= 2.0**62).any():
        has = np.isfinite(numbers)  # _as_int: int(float(value)) when finite
        ids = numbers[has].astype(np.int64)
    else:
        gid = _normalised(run.group_id, _as_int)
        has = np.not_equal(gid, None).astype(bool) if len(gid) else np.zeros(0, dtype=bool)
        ids = gid[has].astype(np.int64)
    groups, dense = np.unique(ids, return_inverse=True)
    member = np.unique(np.concatenate([dense * n_keys + codes.ka[has], dense * n_keys + codes.kb[has]]))
    return groups, member // n_keys, member % n_keys


def _in_sorted(values: np.ndarray, sorted_values: np.ndarray) -> np.ndarray:
    if not len(sorted_values):
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_values, values), len(sorted_values) - 1)
    return sorted_values[at] == values


def _split_lists(values: np.ndarray, owner: np.ndarray, n_owners: int, names: np.ndarray) -> list[list[str]]:
    """``names[values]`` as one list per owner (``owner`` sorted ascending)."""
    bounds = np.searchsorted(owner, np.arange(n_owners + 1))
    texts = names[values].tolist()
    return [texts[a:b] for a, b in zip(bounds[:-1].tolist(), bounds[1:].tolist(), strict=True)]


def _compare_group_codes(
    cur: tuple[np.ndarray, np.ndarray, np.ndarray],
    prev: tuple[np.ndarray, np.ndarray, np.ndarray],
    n_keys: int,
    names: np.ndarray,
) -> list[GroupChange]:
    """:func:`compare_groups` on integer codes (same rows, same order)."""
    c_groups, c_g, c_k = cur
    p_groups, p_g, p_k = prev
    nc, npv = len(c_groups), len(p_groups)
    c_size = np.bincount(c_g, minlength=nc)
    p_size = np.bincount(p_g, minlength=npv)
    # the previous groups sharing each key of each current group
    by_key = np.argsort(p_k, kind="stable")
    pk_sorted = p_k[by_key]
    left_at = np.searchsorted(pk_sorted, c_k, "left")
    hits = np.searchsorted(pk_sorted, c_k, "right") - left_at
    shared_c = np.repeat(c_g, hits)
    shared_p = p_g[by_key[ranges(left_at, hits)]]
    pair, count = np.unique(shared_c * max(npv, 1) + shared_p, return_counts=True)
    sc, sp = pair // max(npv, 1), pair % max(npv, 1)
    # best: most shared works, then the smallest previous group id
    order = np.lexsort((sp, -count, sc))
    first = np.ones(len(order), dtype=bool)
    first[1:] = sc[order][1:] != sc[order][:-1]
    best = np.full(nc, -1, dtype=np.int64)
    best[sc[order][first]] = sp[order][first]
    matched = best >= 0
    # joined: works of C not in its best P; left: works of P not in C
    c_rows_best = best[c_g]
    p_codes = p_g * n_keys + p_k  # sorted (membership is sorted by group, then key)
    c_codes = c_g * n_keys + c_k
    joined_mask = ~(
        matched[c_g] & _in_sorted(np.where(c_rows_best >= 0, c_rows_best, 0) * n_keys + c_k, p_codes)
    )
    joined = _split_lists(c_k[joined_mask], c_g[joined_mask], nc, names)
    p_start = np.searchsorted(p_g, np.arange(npv))
    cm = np.flatnonzero(matched)
    rows = ranges(p_start[best[cm]], p_size[best[cm]])
    owner = np.repeat(cm, p_size[best[cm]])
    out_left = ~_in_sorted(owner * n_keys + p_k[rows], c_codes)
    left = _split_lists(p_k[rows][out_left], owner[out_left], nc, names)
    shared_lists = _split_lists(sp, sc, nc, p_groups.astype(object))
    c_gids, p_gids = c_groups.tolist(), p_groups.tolist()
    out: list[GroupChange] = []
    for g in range(nc):
        b = int(best[g])
        if b < 0:
            out.append(GroupChange(NEW, c_gids[g], None, int(c_size[g]), 0, joined[g], [], []))
            continue
        j, lft = joined[g], left[g]
        change = RESHAPED if j and lft else GROWN if j else SHRUNK if lft else UNCHANGED
        out.append(
            GroupChange(change, c_gids[g], p_gids[b], int(c_size[g]), int(p_size[b]), j, lft, shared_lists[g])
        )
    touched = np.zeros(npv, dtype=bool)
    touched[sp] = True
    gone = np.flatnonzero(~touched)
    gone_members = _split_lists(p_k, p_g, npv, names)
    for b in gone.tolist():
        out.append(GroupChange(GONE, None, p_gids[b], 0, int(p_size[b]), [], gone_members[b], []))
    return out


def compare_runs(current: PairsRun, previous: PairsRun, *, match_work_ref: bool = True) -> Comparison:
    """Pair and group changes from ``previous`` to ``current`` (module definitions).

    Array work throughout: ids, work keys and pair keys become integers (key ranks keep the
    order of the key texts), so a month of England compares in seconds."""
    cur_keys = work_keys(current, match_work_ref)
    prev_keys = work_keys(previous, match_work_ref)
    key_names = sorted(set(cur_keys.key_of.values()) | set(prev_keys.key_of.values()))
    rank = {k: i for i, k in enumerate(key_names)}
    n_keys = max(1, len(key_names))
    every = (current.id_a, current.id_b, previous.id_a, previous.id_b)
    all_ids = [v for col in every for v in col.tolist()]
    ids = list(dict.fromkeys(all_ids))  # first-seen order
    table = {v: i for i, v in enumerate(ids)}
    id_codes = np.fromiter(map(table.__getitem__, all_ids), dtype=np.int64, count=len(all_ids))
    nc2 = 2 * len(current)
    cur = _RunCodes(current, id_codes[:nc2], ids, cur_keys, rank)
    prev = _RunCodes(previous, id_codes[nc2:], ids, prev_keys, rank)
    cur_code = _pair_codes(current, cur, n_keys)
    prev_code = _pair_codes(previous, prev, n_keys)

    cur_order, prev_order = np.argsort(cur_code), np.argsort(prev_code)
    cur_sorted, prev_sorted = cur_code[cur_order], prev_code[prev_order]
    every_code = np.union1d(cur_sorted, prev_sorted)
    c_at = np.minimum(np.searchsorted(cur_sorted, every_code), max(len(cur_sorted) - 1, 0))
    p_at = np.minimum(np.searchsorted(prev_sorted, every_code), max(len(prev_sorted) - 1, 0))
    has_c = cur_sorted[c_at] == every_code if len(cur_sorted) else np.zeros(len(every_code), dtype=bool)
    has_p = prev_sorted[p_at] == every_code if len(prev_sorted) else np.zeros(len(every_code), dtype=bool)
    c_row = np.where(has_c, cur_order[c_at] if len(cur_order) else 0, -1)
    p_row = np.where(has_p, prev_order[p_at] if len(prev_order) else 0, -1)

    both = has_c & has_p
    cm, pm = c_row[both], p_row[both]
    mask = _differs(_normalised(current.kind[cm], _text), _normalised(previous.kind[pm], _text)).astype(
        np.int64
    )
    for bit, name in ((2, "gap_days"), (4, "overlap_days")):
        cur_col = _normalised(getattr(current, name)[cm], _comparable)
        prev_col = _normalised(getattr(previous, name)[pm], _comparable)
        mask |= bit * _differs(cur_col, prev_col)
    if current.dates is not None and previous.dates is not None:
        moved = np.zeros(len(cm), dtype=bool)
        for x, y in zip(
            _dates_by_key(current, cm, cur.swapped), _dates_by_key(previous, pm, prev.swapped), strict=True
        ):
            moved |= _differs(x, y)
        mask |= 8 * moved
    same_ids = ((cur.id_a[cm] == prev.id_a[pm]) & (cur.id_b[cm] == prev.id_b[pm])) | (
        (cur.id_a[cm] == prev.id_b[pm]) & (cur.id_b[cm] == prev.id_a[pm])
    )

    n = len(every_code)
    change = np.full(n, NEW, dtype=object)
    change[~has_c] = RESOLVED
    change[both] = np.where(mask > 0, CHANGED, UNCHANGED)
    what = np.full(n, 0, dtype=np.int64)
    what[both] = mask
    ids_changed = np.zeros(n, dtype=bool)
    ids_changed[both] = ~same_ids
    names = np.array(key_names, dtype=object)
    lo, hi = every_code // n_keys, every_code % n_keys
    rows = [
        PairChange(ch, (a, b), None if c < 0 else c, None if p < 0 else p, list(_WHAT[w]), ic)
        for ch, a, b, c, p, w, ic in zip(
            change.tolist(),
            names[lo].tolist(),
            names[hi].tolist(),
            c_row.tolist(),
            p_row.tolist(),
            what.tolist(),
            ids_changed.tolist(),
            strict=True,
        )
    ]
    by_key_prev = {k: i for i, k in prev_keys.key_of.items()}
    renamed = sorted(
        (by_key_prev[k], i) for i, k in cur_keys.key_of.items() if k in by_key_prev and by_key_prev[k] != i
    )
    groups = _compare_group_codes(
        _group_membership(current, cur, n_keys), _group_membership(previous, prev, n_keys), n_keys, names
    )
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


def describe_differences(differing: list[tuple[str, Any, Any]]) -> str:
    """:func:`differing_parameters` as one line for the user.

    >>> describe_differences([("DISTANCE", 25, "50")])
    'DISTANCE: 25 (previous) vs "50" (current)'
    """
    return "; ".join(
        f"{name}: {json.dumps(before)} (previous) vs {json.dumps(after)} (current)"
        for name, before, after in differing
    )
