"""Street Manager archives read in several processes give the store a serial read gives: same
rows (works, restrictions, rejects, in the same order), same read statistics (warnings, left out,
not event files), and the same error for a damaged archive."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import sqlite3
import sys
import zipfile
from pathlib import Path

import pytest

from dig_once.plugin.core.errors import ArchiveError
from dig_once.plugin.sources import safezip, streetmanager
from dig_once.plugin.sources.streetmanager import StreetManagerReader, import_street_manager
from dig_once.plugin.store import Store

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "make_sample_data.py"
TABLES = ("works", "restrictions", "rejects")


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """A month of the sample London scenario (with its deliberate faults, non-London permits and
    values kept with a warning), plus a member that is not an event file."""
    spec = importlib.util.spec_from_file_location("make_sample_data", SCRIPT)
    msd = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(msd)
    path = tmp_path_factory.mktemp("sm") / "03.zip"
    msd.write_streetmanager_archive(path, n_works=1200, seed=3, month="2026-03")
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("README.txt", "not an event")
        z.writestr("31/not-json.json", b"{not json")
    return path


@pytest.fixture
def small_chunks(monkeypatch):
    """Every archive goes to the workers, in many chunks; counts the chunks taken back."""
    monkeypatch.setattr(streetmanager, "PARALLEL_MIN_MEMBERS", 0)
    monkeypatch.setattr(safezip, "DIRECTORY_PART", 97)
    replay = StreetManagerReader._replay
    taken = []

    def counted(self, result, done, total):
        taken.append(result[0])
        return (yield from replay(self, result, done, total))

    monkeypatch.setattr(StreetManagerReader, "_replay", counted)
    return taken


def content(store_path: Path) -> dict[str, list[tuple]]:
    """Every row by fid, without the import's id and time (which differ between two imports)."""
    out = {}
    with sqlite3.connect(store_path) as db:
        for table in TABLES:
            cols = [r[1] for r in db.execute(f"PRAGMA table_info({table})") if r[1] not in {"import_id"}]
            out[table] = db.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY fid").fetchall()
    return out


def stats_dict(stats) -> dict:
    """The counts of a read (not how many processes read it)."""
    return {
        k: (dict(v) if hasattr(v, "items") else v)
        for k, v in vars(stats).items()
        if k not in {"worker_processes", "workers_failed"}
    }


@pytest.mark.parametrize("london_only", [False, True])
def test_parallel_import_gives_the_store_of_the_serial_import(archive, tmp_path, small_chunks, london_only):
    serial_result, serial_stats = import_street_manager(
        Store(tmp_path / "serial.gpkg"), archive, london_only=london_only
    )
    parallel_result, parallel_stats = import_street_manager(
        Store(tmp_path / "parallel.gpkg"), archive, london_only=london_only, workers=2
    )
    assert serial_stats.rejected > 0 and serial_stats.warnings > 0 and serial_stats.not_event_files == 1
    assert not london_only or serial_stats.outside_london > 0
    assert len(small_chunks) > 10 and sum(small_chunks) == serial_stats.files  # read by the workers
    assert (serial_stats.worker_processes, parallel_stats.worker_processes) == (0, 2)
    assert stats_dict(parallel_stats) == stats_dict(serial_stats)
    assert parallel_result.message == serial_result.message
    serial, parallel = content(tmp_path / "serial.gpkg"), content(tmp_path / "parallel.gpkg")
    assert all(serial[t] for t in TABLES)
    assert parallel == serial


def test_parallel_read_of_a_folder_yields_the_serial_items_in_order(archive, tmp_path, small_chunks):
    folder = tmp_path / "months"
    folder.mkdir()
    (folder / "03.zip").write_bytes(archive.read_bytes())
    (folder / "loose.json").write_text(json.dumps([{"event_reference": "x1"}, "not an object"]))
    (folder / "notes.txt").write_text("hello")

    def items(workers):
        reader = StreetManagerReader(folder, workers=workers)
        out = [
            (type(i).__name__, {f.name: getattr(i, f.name) for f in dataclasses.fields(i)}) for i in reader
        ]
        return out, stats_dict(reader.stats)

    serial, serial_stats = items(1)
    parallel, parallel_stats = items(2)
    assert len(serial) > 1000
    assert len(small_chunks) > 10
    assert parallel_stats == serial_stats
    assert [(k, {n: v for n, v in d.items() if n != "geometry"}) for k, d in parallel] == [
        (k, {n: v for n, v in d.items() if n != "geometry"}) for k, d in serial
    ]
    assert [d.get("geometry") for _, d in parallel] == [d.get("geometry") for _, d in serial]


def test_a_damaged_member_is_the_same_error_in_parallel(archive, tmp_path, small_chunks):
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(archive) as z:
        info = z.infolist()[700]
    data = bytearray(archive.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0xFF  # flip a byte inside the compressed data
    damaged.write_bytes(bytes(data))
    errors = []
    for workers in (1, 2):
        with pytest.raises(ArchiveError) as err:
            list(StreetManagerReader(damaged, workers=workers))
        errors.append((str(err.value), err.value.record))
    assert errors[0] == errors[1]
    assert info.filename in errors[0][0]


def test_with_workers_the_importing_process_makes_no_store_row_itself(
    archive, tmp_path, small_chunks, monkeypatch
):
    """The workers hand over ready store rows: the importing process adds no feature to the
    staging (it only inserts the rows and merges), and the store is the serial import's."""
    from dig_once.plugin.store import store as store_module

    serial_result, _ = import_street_manager(Store(tmp_path / "serial.gpkg"), archive)
    added = []
    add = store_module._Staging.add
    monkeypatch.setattr(
        store_module._Staging, "add", lambda self, feature: added.append(1) or add(self, feature)
    )
    result, stats = import_street_manager(Store(tmp_path / "parallel.gpkg"), archive, workers=2)
    assert len(small_chunks) > 10 and stats.works > 1000
    assert added == []
    assert result.message == serial_result.message
    assert content(tmp_path / "parallel.gpkg") == content(tmp_path / "serial.gpkg")


def test_warnings_spread_over_the_parts_are_listed_as_one_read_lists_them(tmp_path, small_chunks):
    """More distinct values kept with a warning than a read lists (50), met in every part of
    the archive, some in several: the workers' counts add up to the one-process read's, with
    the same first 50 listed (count and first event)."""
    sys.path.insert(0, str(Path(__file__).parent))
    from sm_fixtures import permit_event, write_archive

    events = [
        permit_event(
            k,
            f"P{k % 400}-01",
            activity_type=f"New activity {k % 90}",
            time=f"2026-03-01T{k % 24:02d}:00:00.000Z",
        )
        for k in range(1, 1201)
    ]
    path = write_archive(tmp_path / "m.zip", events)
    serial = StreetManagerReader(path)
    serial_items = len(list(serial))
    parallel = StreetManagerReader(path, workers=2)
    staged = list(parallel.staged())
    assert serial.stats.warnings == 1200 and len(serial.stats.warning_values) == streetmanager.MAX_LISTED
    assert len(small_chunks) > 10 and sum(s.records for s in staged) == serial_items
    assert stats_dict(parallel.stats) == stats_dict(serial.stats)


def test_workers_are_not_started_with_a_python_that_is_not_this_one(tmp_path, monkeypatch):
    """Inside qgis_process ``sys.executable`` is the first ``python3`` on PATH (a pyenv shim,
    another build) whose workers could not import this Python's numpy: that interpreter is
    passed over for this one."""
    import subprocess

    other = tmp_path / "python3"
    other.write_text("#!/bin/sh\necho '3.11.7 (main, another build)'\n")
    other.chmod(0o700)
    monkeypatch.setattr(sys, "executable", str(other))
    streetmanager._python_for_workers.cache_clear()
    try:
        chosen = streetmanager._python_for_workers()
    finally:
        streetmanager._python_for_workers.cache_clear()
    assert chosen is not None and chosen != str(other)
    said = subprocess.run(
        [chosen, "-c", "import sys; print(sys.version, end='')"], capture_output=True, text=True
    )
    assert said.stdout == sys.version


def test_workers_that_cannot_start_leave_the_read_to_this_process_with_the_same_store(
    archive, tmp_path, small_chunks, monkeypatch
):
    """An interpreter whose workers die at start (as qgis_process's PATH python3 did): the
    import goes on in this process, says why, and gives the store one process gives."""
    broken = tmp_path / "python3"
    broken.write_text("#!/bin/sh\necho 'cannot import numpy' >&2\nexit 3\n")
    broken.chmod(0o700)
    serial_result, serial_stats = import_street_manager(Store(tmp_path / "serial.gpkg"), archive)
    monkeypatch.setattr(streetmanager, "_python_for_workers", lambda: str(broken))
    result, stats = import_street_manager(Store(tmp_path / "fallback.gpkg"), archive, workers=2)
    assert small_chunks == []  # no worker read anything
    assert stats.worker_processes == 0 and "BrokenProcessPool" in stats.workers_failed
    assert stats_dict(stats) == stats_dict(serial_stats)
    assert result.message == serial_result.message
    assert content(tmp_path / "fallback.gpkg") == content(tmp_path / "serial.gpkg")


def test_the_workers_row_files_are_copied_then_removed_also_when_the_import_fails(
    archive, tmp_path, small_chunks, monkeypatch
):
    """The workers write their rows into SQLite files in a temporary folder of their own; the
    import copies each and removes it, and the folder is gone after the import, whether it
    succeeded or met a damaged member."""
    import tempfile

    from dig_once.plugin.store import store as store_module

    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    copied = []
    add_part = store_module._Staging._add_part
    monkeypatch.setattr(
        store_module._Staging,
        "_add_part",
        lambda self, staged: copied.append(staged.part) or add_part(self, staged),
    )
    import_street_manager(Store(tmp_path / "ok.gpkg"), archive, workers=2)
    assert len(copied) > 10 and all(Path(p).parent.parent == temp for p in copied)
    assert list(temp.iterdir()) == []

    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(archive) as z:
        info = z.infolist()[700]
    data = bytearray(archive.read_bytes())
    data[info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + 5] ^= 0xFF
    damaged.write_bytes(bytes(data))
    with pytest.raises(ArchiveError):
        import_street_manager(Store(tmp_path / "failed.gpkg"), damaged, workers=2)
    assert list(temp.iterdir()) == []
    assert Store(tmp_path / "failed.gpkg").count("works") == 0
