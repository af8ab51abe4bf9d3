"""Street Manager archives into the store: latest event per permit, order independence,
re-import, and bad archives leaving the store unchanged."""

from __future__ import annotations

import random
import sqlite3
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))
from sm_fixtures import permit_event, section58_event, write_archive

from dig_once.plugin.core.errors import ArchiveError, Cancelled
from dig_once.plugin.sources.streetmanager import import_street_manager
from dig_once.plugin.store import Store

CANONICAL = ["works", "restrictions", "rejects"]


def content(store: Store) -> dict[str, list[tuple]]:
    """What a user sees: canonical rows without fids and import ids (which depend on order)."""
    out = {}
    with sqlite3.connect(store.path) as db:
        for table in CANONICAL:
            cols = [
                r[1]
                for r in db.execute(f"PRAGMA table_info({table})")
                if r[1] not in {"fid", "import_id", "source_file"}
            ]
            if not cols:
                continue
            rows = db.execute(f"SELECT {', '.join(cols)} FROM {table}").fetchall()
            out[table] = sorted(rows, key=repr)
    return out


def month_events(month: int, permits: int = 6) -> list[dict]:
    """Several events per permit across a month; some permits recur in other months."""
    events = []
    ref = month * 1000
    for p in range(permits):
        for k in range(3):
            ref += 1
            events.append(
                permit_event(
                    ref,
                    f"W{p}-01",
                    time=f"2026-{month:02d}-{10 + k:02d}T0{p % 10}:00:00.000Z",
                    street_name=f"street m{month} e{k}",
                    works_location_coordinates=f"POINT({529000 + 10 * p + month} {182000 + k})",
                )
            )
    events.append(
        section58_event(
            ref + 1, "S58-1", time=f"2026-{month:02d}-20T00:00:00.000Z", section_58_status="proposed"
        )
    )
    events.append(permit_event(ref + 2, f"BAD{month}-01", usrn="not-a-usrn"))
    return events


def test_latest_event_per_permit_in_the_store(tmp_path: Path):
    store = Store(tmp_path / "s.gpkg")
    archive = write_archive(tmp_path / "2026-03.zip", month_events(3))
    result, stats = import_street_manager(store, archive)
    assert (stats.events_read, result.records_read) == (20, 20)
    assert result.staged == {"works": 6, "restrictions": 1}
    assert result.rejected == 1
    rows = {r["permit_ref"]: r for r in store.rows("works")}
    assert sorted(rows) == [f"W{p}-01" for p in range(6)]
    assert {r["street_name"] for r in rows.values()} == {"street m3 e2"}
    (reject,) = store.rejects(result.import_id)
    assert (reject["source_file"], reject["record"], reject["field"]) == (
        "2026-03.zip/3020.json",
        "3020",
        "usrn",
    )


def test_equal_event_times_broken_by_numeric_reference(tmp_path: Path):
    same = "2026-03-10T08:00:00.000Z"
    events = [
        permit_event(9, "P-01", time=same, street_name="ref 9"),
        permit_event(10, "P-01", time=same, street_name="ref 10"),  # 10 > 9 numerically, < as text
        permit_event("8", "P-01", time=same, street_name="ref 8"),
    ]
    for order in (events, events[::-1], [events[1], events[0], events[2]]):
        store = Store(tmp_path / f"{id(order)}.gpkg")
        import_street_manager(store, write_archive(tmp_path / f"{id(order)}.zip", order))
        assert [r["street_name"] for r in store.rows("works")] == ["ref 10"]


def test_months_in_either_order_give_the_same_store(tmp_path: Path):
    a = write_archive(tmp_path / "2026-03.zip", month_events(3))
    b = write_archive(tmp_path / "2026-04.zip", month_events(4))
    ab, ba = Store(tmp_path / "ab.gpkg"), Store(tmp_path / "ba.gpkg")
    import_street_manager(ab, a)
    import_street_manager(ab, b)
    import_street_manager(ba, b)
    import_street_manager(ba, a)
    assert content(ab) == content(ba)
    assert {r["street_name"] for r in ab.rows("works")} == {"street m4 e2"}


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1), split=st.integers(1, 36))
def test_shuffled_events_and_months_give_identical_stores(tmp_path_factory, seed, split):
    tmp = tmp_path_factory.mktemp("prop")
    events = month_events(3) + month_events(4)
    rng = random.Random(seed)
    reference = Store(tmp / "ref.gpkg")
    import_street_manager(reference, write_archive(tmp / "all.zip", events))

    shuffled = events[:]
    rng.shuffle(shuffled)
    first, second = shuffled[:split], shuffled[split:]
    store = Store(tmp / "shuffled.gpkg")
    months = [write_archive(tmp / "m1.zip", first), write_archive(tmp / "m2.zip", second)]
    rng.shuffle(months)
    for month in months:
        import_street_manager(store, month)
    ref_content, got = content(reference), content(store)
    assert got["works"] == ref_content["works"]
    assert got["restrictions"] == ref_content["restrictions"]
    assert sorted(r[:3] for r in got["rejects"]) == sorted(r[:3] for r in ref_content["rejects"])


def test_reimporting_the_same_archive_changes_nothing(tmp_path: Path):
    store = Store(tmp_path / "s.gpkg")
    archive = write_archive(tmp_path / "2026-03.zip", month_events(3))
    import_street_manager(store, archive)
    before = content(store), store.catalogue()
    again, _stats = import_street_manager(store, archive)
    assert again.unchanged and "unchanged" in again.message
    assert (content(store), store.catalogue()) == before
    london, _ = import_street_manager(store, archive, london_only=True)
    assert not london.unchanged  # other options: a new import (of the same rows)
    assert content(store)["works"] == before[0]["works"]


def test_truncated_month_leaves_store_unchanged(tmp_path: Path):
    store = Store(tmp_path / "s.gpkg")
    import_street_manager(store, write_archive(tmp_path / "2026-03.zip", month_events(3)))
    before = content(store), store.catalogue()
    bad = write_archive(tmp_path / "2026-04.zip", month_events(4, permits=40))
    bad.write_bytes(bad.read_bytes()[:-200])
    with pytest.raises(ArchiveError, match="2026-04.zip"):
        import_street_manager(store, bad)
    assert (content(store), store.catalogue()) == before


def test_crc_error_late_in_the_month_leaves_store_unchanged(tmp_path: Path):
    import zipfile

    store = Store(tmp_path / "s.gpkg")
    import_street_manager(store, write_archive(tmp_path / "2026-03.zip", month_events(3)))
    before = content(store)
    path = tmp_path / "2026-04.zip"
    import json

    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as z:
        for e in month_events(4, permits=40):
            z.writestr(f"{e['event_reference']}.json", json.dumps(e))
    data = bytearray(path.read_bytes())
    at = data.rfind(b"street m4")  # inside the last members
    data[at : at + 6] = b"STREET"
    path.write_bytes(bytes(data))
    with pytest.raises(ArchiveError, match="CRC"):
        import_street_manager(store, path)
    assert content(store) == before


def test_cancel_mid_import_leaves_store_unchanged(tmp_path: Path):
    store = Store(tmp_path / "s.gpkg")
    import_street_manager(store, write_archive(tmp_path / "2026-03.zip", month_events(3)))
    before = content(store), store.catalogue()
    big = write_archive(tmp_path / "2026-04.zip", [permit_event(i, f"P{i}-01") for i in range(3000)])
    polls = {"n": 0}

    def cancel() -> bool:
        polls["n"] += 1
        return polls["n"] > 3

    with pytest.raises(Cancelled):
        import_street_manager(store, big, cancel=cancel)
    assert (content(store), store.catalogue()) == before
    assert not list(tmp_path.glob(".digonce-staging-*"))


def test_an_imports_progress_keeps_its_last_tenth_for_the_merge_into_the_store(tmp_path, monkeypatch):
    """Reading takes the progress to 90 %, the merge into the store the rest: a month of
    England's merge takes 5-9 s, which the bar no longer spends at 100 %."""
    seen: list[object] = []
    merge = Store._merge
    monkeypatch.setattr(Store, "_merge", lambda self, *a, **k: seen.append("merge") or merge(self, *a, **k))
    path = write_archive(tmp_path / "m.zip", [permit_event(i, f"P{i}-01") for i in range(2100)])
    import_street_manager(Store(tmp_path / "s.gpkg"), path, progress=seen.append)
    at = seen.index("merge")
    reading, merging = seen[:at], seen[at + 1 :]
    assert len(reading) >= 3 and reading == sorted(reading) and reading[-1] == 90.0
    assert merging and merging == sorted(merging) and merging[0] > 90.0 and merging[-1] == 100.0
