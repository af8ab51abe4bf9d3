"""digonce:importstreetmanager reads a large archive in worker processes inside qgis_process,
and the store is the one a read in one process gives (issue 24)."""

from __future__ import annotations

import importlib.util
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from dig_once.plugin.sources import streetmanager
from dig_once.plugin.sources.streetmanager import import_street_manager
from dig_once.plugin.store import Store

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "make_sample_data.py"
TABLES = ("works", "restrictions", "rejects")


@pytest.fixture(scope="module")
def large_month(tmp_path_factory) -> Path:
    """A month of the sample scenario just large enough to be read by workers (its deliberate
    faults, non-London permits and values kept with a warning included)."""
    spec = importlib.util.spec_from_file_location("make_sample_data", SCRIPT)
    msd = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(msd)
    path = tmp_path_factory.mktemp("sm-large") / "2026-03.zip"
    msd.write_streetmanager_archive(
        path, None, 5, "2026-03", target_events=streetmanager.PARALLEL_MIN_MEMBERS + 100
    )
    return path


def content(store_path: Path) -> dict[str, list[tuple]]:
    """Every row of the works, restrictions and rejects by fid, without the import's id."""
    out = {}
    with sqlite3.connect(store_path) as db:
        for table in TABLES:
            cols = [r[1] for r in db.execute(f"PRAGMA table_info({table})") if r[1] != "import_id"]
            query = f"SELECT {', '.join(cols)} FROM {table} ORDER BY fid"  # nosec B608  # the test's own table and column names
            out[table] = db.execute(query).fetchall()
    return out


def test_qgis_process_reads_a_large_archive_in_two_workers_into_the_one_process_store(
    qgis_process_env, large_month: Path, tmp_path: Path
):
    import subprocess

    # Inside qgis_process sys.executable is the first "python3" on PATH, which need not be
    # QGIS's Python (a pyenv shim, another build): put one first that cannot run a worker.
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "python3").write_text("#!/bin/sh\necho 'not the Python QGIS embeds' >&2\nexit 3\n")
    (fake / "python3").chmod(stat.S_IRWXU)
    env = dict(qgis_process_env, PATH=f"{fake}{os.pathsep}{qgis_process_env.get('PATH', '')}")
    store = tmp_path / "workers.gpkg"
    done = subprocess.run(
        ["qgis_process", "run", "digonce:importstreetmanager", "--",
         f"INPUT={large_month}", "LONDON_ONLY=true", f"STORE={store}"],
        env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Read in 2 worker processes." in done.stdout, done.stdout + done.stderr

    one_result, one_stats = import_street_manager(Store(tmp_path / "one.gpkg"), large_month, london_only=True)
    assert one_stats.worker_processes == 0
    assert one_stats.rejected > 0 and one_stats.warnings > 0 and one_stats.outside_london > 0
    assert f"EVENTS_READ:\t{one_stats.events_read}" in done.stdout
    assert f"PERMITS:\t{one_result.staged['works']}" in done.stdout
    assert f"REJECTED:\t{one_result.rejected}" in done.stdout
    assert content(store) == content(tmp_path / "one.gpkg")
