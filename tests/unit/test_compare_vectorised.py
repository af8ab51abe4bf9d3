"""compare_runs (array implementation) gives exactly the rows of the per-id implementation it
replaced, on random runs with everything that matters: renamed permits, ambiguous and colliding
work references, explicit work_ref fields, swapped a/b, numbers as text, missing and non-finite
values, dates, groups that grow, shrink, merge, split or go, duplicate pairs."""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

import numpy as np
import pytest

from dig_once.plugin.core.compare import (
    CHANGED,
    NEW,
    REQUIRED_FIELDS,
    RESOLVED,
    UNCHANGED,
    Comparison,
    PairChange,
    PairsRun,
    WorkKeys,
    _as_int,
    _comparable,
    _text,
    compare_groups,
    compare_runs,
    work_keys,
)
from dig_once.plugin.core.errors import InputError

# --- the per-id implementation, as it was before the array rewrite (the oracle) ----------------


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


def _work_dates(run: PairsRun, row: int, swapped: bool) -> tuple[Any, Any, Any, Any] | None:
    """(start, end) of the key-first work, then of the key-second work."""
    if run.dates is None:
        return None
    sa, ea, sb, eb = (run.dates[name][row] for name in ("start_a", "end_a", "start_b", "end_b"))
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


def reference_compare_runs(
    current: PairsRun, previous: PairsRun, *, match_work_ref: bool = True
) -> Comparison:
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


# --- random runs ------------------------------------------------------------------------------


def _value(rng: random.Random, choices: list[Any]) -> Any:
    return rng.choice(choices)


def random_runs(seed: int, n_works: int = 40, n_pairs: int = 60, *, with_dates: bool, with_refs: bool):
    rng = random.Random(seed)
    works = [f"W{k}-0{rng.choice((1, 1, 2))}" for k in range(n_works)]
    works += ["X", "X-01", "Y-01", "Y-02", "Z-1", " pad-03 "]  # colliding and ambiguous keys

    def one(label: str):
        seen: set[frozenset] = set()
        rows = []
        while len(rows) < n_pairs:
            a, b = rng.sample(works, 2)
            if rng.random() < 0.2:  # a re-issued permit of the same work
                a = a.replace("-01", "-02")
            key = frozenset((a.strip(), b.strip()))
            if key in seen or len(key) < 2:
                continue
            seen.add(key)
            rows.append((a, b))
        n = len(rows)
        kind = [_value(rng, ["clash", "opportunity", " clash ", None, float("nan")]) for _ in range(n)]
        gap = [_value(rng, [0, 1, "1", 1.0, "1.0", None, float("inf"), "x"]) for _ in range(n)]
        overlap = [_value(rng, [0, 2, 2.0, "2", None]) for _ in range(n)]
        group = [_value(rng, [1, 2, 3, 4, 5, "2", 6.0, None, float("nan")]) for _ in range(n)]
        columns: dict[str, Any] = dict(
            zip(
                REQUIRED_FIELDS,
                ([a for a, _ in rows], [b for _, b in rows], kind, gap, overlap, group),
                strict=True,
            )
        )
        if with_dates:
            columns.update(
                {
                    f: [_value(rng, [20000, 20001, "20001", None, 20002.0]) for _ in range(n)]
                    for f in ("start_a", "end_a", "start_b", "end_b")
                }
            )
        if with_refs:
            refs = {w: _value(rng, [w.split("-")[0], "R1", None, ""]) for w in works}
            columns["work_ref_a"] = [refs.get(a, "R2") for a, _ in rows]
            columns["work_ref_b"] = [refs.get(b, "R2") for _, b in rows]
        return PairsRun.from_columns(columns, label=label)

    return one("cur"), one("prev")


def as_plain(result: Comparison):
    return (
        [(p.change, p.key, p.current, p.previous, p.what_changed, bool(p.ids_changed)) for p in result.pairs],
        [vars(g) for g in result.groups],
        result.renamed_works,
    )


@pytest.mark.parametrize("seed", range(60))
def test_same_rows_as_the_per_id_implementation(seed):
    cur, prev = random_runs(seed, with_dates=seed % 2 == 0, with_refs=seed % 3 == 0)
    for match in (True, False):
        assert as_plain(compare_runs(cur, prev, match_work_ref=match)) == as_plain(
            reference_compare_runs(cur, prev, match_work_ref=match)
        )


def test_same_rows_with_unchanged_runs_and_every_change_label():
    cur, _ = random_runs(7, n_pairs=80, with_dates=True, with_refs=False)
    result = compare_runs(cur, cur)
    assert {p.change for p in result.pairs} == {UNCHANGED}
    assert as_plain(result) == as_plain(reference_compare_runs(cur, cur))
    labels = Counter()
    for seed in range(20):
        a, b = random_runs(seed, n_works=12, n_pairs=20, with_dates=False, with_refs=False)
        labels.update(p.change for p in compare_runs(a, b).pairs)
    assert set(labels) == {NEW, RESOLVED, CHANGED, UNCHANGED}


def test_empty_runs():
    empty = PairsRun.from_columns({name: [] for name in REQUIRED_FIELDS})
    cur, _ = random_runs(3, with_dates=False, with_refs=False)
    for a, b in ((empty, empty), (cur, empty), (empty, cur)):
        assert as_plain(compare_runs(a, b)) == as_plain(reference_compare_runs(a, b))


def test_duplicate_pair_error_names_the_same_rows_as_before():
    ids_a = ["A", "C", "B", "D", "C", "A"]
    ids_b = ["B", "D", "A", "C", "D", "B"]
    columns = dict(
        zip(REQUIRED_FIELDS, (ids_a, ids_b, ["clash"] * 6, [0] * 6, [1] * 6, [1] * 6), strict=True)
    )
    run = PairsRun.from_columns(columns, label="dup")
    other = PairsRun.from_columns({name: [] for name in REQUIRED_FIELDS})
    with pytest.raises(InputError) as new:
        compare_runs(run, other)
    with pytest.raises(InputError) as old:
        reference_compare_runs(run, other)
    assert str(new.value) == str(old.value)
    assert "rows 1 and 3" in str(new.value)


def test_empty_ids_are_refused_naming_the_first_row_and_field():
    with pytest.raises(InputError) as err:
        PairsRun.from_columns(
            dict(
                zip(
                    REQUIRED_FIELDS,
                    (["A", "B", " ", None], ["B", None, "C", "D"], *([[0] * 4] * 4)),
                    strict=True,
                )
            )
        )
    assert err.value.record == "2" and err.value.field == "id_b"
    with pytest.raises(InputError) as err:
        PairsRun.from_columns(
            dict(zip(REQUIRED_FIELDS, (["A", float("nan")], ["B", "C"], *([[0] * 2] * 4)), strict=True))
        )
    assert err.value.record == "2" and err.value.field == "id_a"
