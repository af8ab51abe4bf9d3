"""The store never loses good data to a bad file, takes newer files of the same data, writes
GeoPackage date-times, and refuses a bad STORE path with a message before touching anything."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import shapely

from dig_once.plugin.core.errors import StoreError
from dig_once.plugin.store import Feature, Layer, Store
from dig_once.plugin.store.store import REPLACE_HINT, ReplaceRefused

VENUES = Layer("venues", [("venue_id", "str"), ("name", "str")], "POINT", key="venue_id")
SPINE = Layer("spine", [("name", "str")], "LINESTRING")


def venues(ids, name: str = "v") -> list[Feature]:
    return [
        Feature("venues", {"venue_id": f"id{i}", "name": f"{name}{i}"}, shapely.Point(530_000 + i, 180_000))
        for i in ids
    ]


def replace(store: Store, features, *, source: str, scope: str | None, layer: Layer = VENUES, **kw):
    return store.import_features(
        features, layers=[layer], kind="venues", source=source, scope=scope, mode="replace", **kw
    )


def file_bytes(path: Path) -> bytes:
    return path.read_bytes()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "store.gpkg")


# --- a smaller file never silently replaces good data --------------------------------------


def test_an_empty_file_does_not_empty_its_data_set_and_the_store_is_unchanged(store: Store):
    replace(store, venues(range(140)), source="Pubs.csv", scope="Pubs.csv")
    before = file_bytes(store.path)
    with pytest.raises(ReplaceRefused) as caught:
        replace(store, [], source="/data/Pubs.csv", scope="Pubs.csv")
    assert (caught.value.table, caught.value.before, caught.value.after) == ("venues", 140, 0)
    message = str(caught.value)
    assert "/data/Pubs.csv" in message and str(store.path) in message and REPLACE_HINT in message
    assert file_bytes(store.path) == before
    assert store.count("venues") == 140
    assert len(store.catalogue()) == 1


def test_a_cut_file_is_refused_but_a_slightly_smaller_one_goes_ahead(store: Store):
    replace(store, venues(range(222)), source="pc.csv", scope="pc.csv")
    with pytest.raises(ReplaceRefused, match="222"):
        replace(store, venues(range(13)), source="pc.csv", scope="pc.csv")
    assert store.count("venues") == 222
    result = replace(store, venues(range(120)), source="pc.csv", scope="pc.csv")  # more than half
    assert result.written == {"venues": 120}
    assert store.count("venues") == 120


def test_replace_true_takes_the_smaller_file(store: Store):
    replace(store, venues(range(140)), source="Pubs.csv", scope="Pubs.csv")
    result = replace(store, [], source="Pubs.csv", scope="Pubs.csv", force_replace=True)
    assert result.written == {"venues": 0}
    assert store.count("venues") == 0


def test_whole_table_and_unkeyed_replaces_are_guarded_too(store: Store):
    lines = [Feature("spine", {"name": str(i)}, shapely.LineString([(i, 0), (i, 9)])) for i in range(10)]
    replace(store, lines, source="spine.gpkg", scope=None, layer=SPINE)
    with pytest.raises(ReplaceRefused):
        replace(store, lines[:2], source="spine.gpkg", scope=None, layer=SPINE)
    replace(store, lines, source="a.gpkg", scope="a.gpkg", layer=SPINE, force_replace=True)
    with pytest.raises(ReplaceRefused):
        replace(store, [], source="a.gpkg", scope="a.gpkg", layer=SPINE)
    assert store.count("spine") == 20  # the whole-table ten and a.gpkg's ten


def test_other_data_sets_are_not_counted_by_the_guard(store: Store):
    replace(store, venues(range(100)), source="E.csv", scope="E.csv")
    result = replace(store, venues(range(1000, 1005)), source="N.csv", scope="N.csv")
    assert result.written == {"venues": 5}
    assert store.count("venues") == 105


# --- a newer file of the same data replaces the older, whatever its name ---------------------


def test_a_newer_release_under_a_new_name_replaces_the_old_one(store: Store):
    replace(store, venues(range(222), "old"), source="2023_pc.csv", scope="2023_pc.csv")
    # the new release lists 215 of the old postcodes again, drops 7 and adds 15
    newer = venues(range(7, 237), "new")
    result = replace(store, newer, source="2024_pc.csv", scope="2024_pc.csv")
    assert result.superseded == {"venues": ["2023_pc.csv"]}
    assert "2023_pc.csv" in result.message
    rows = store.rows("venues", ["venue_id", "name", "import_scope"])
    assert len(rows) == 230
    assert {r["import_scope"] for r in rows} == {"2024_pc.csv"}
    assert all(r["name"].startswith("new") for r in rows)


def test_a_file_of_other_data_takes_over_only_the_keys_it_holds(store: Store):
    replace(store, venues(range(100), "e"), source="E.csv", scope="E.csv")
    result = replace(store, venues(range(90, 150), "f"), source="F.csv", scope="F.csv")
    assert result.superseded == {}
    counts = {}
    for row in store.rows("venues", ["import_scope"]):
        counts[row["import_scope"]] = counts.get(row["import_scope"], 0) + 1
    assert counts == {"E.csv": 90, "F.csv": 60}


def test_a_file_imported_again_after_a_newer_one_replaced_it_is_imported_not_unchanged(store: Store):
    first = replace(store, venues(range(10), "old"), source="a.csv", scope="a.csv", sha256="aaa")
    replace(store, venues(range(10), "new"), source="b.csv", scope="b.csv", sha256="bbb")
    again = replace(store, venues(range(10), "old"), source="a.csv", scope="a.csv", sha256="aaa")
    assert not again.unchanged and again.import_id != first.import_id
    assert {r["name"] for r in store.rows("venues", ["name"])} == {f"old{i}" for i in range(10)}
    same = replace(store, venues(range(10), "old"), source="a.csv", scope="a.csv", sha256="aaa")
    assert same.unchanged


# --- GeoPackage date-times -----------------------------------------------------------------


def test_datetimes_are_written_as_geopackage_datetimes_and_gdal_reads_them_without_warnings(store: Store):
    import datetime as dt

    layer = Layer("events", [("ref", "str"), ("at", "datetime")], "POINT", key="ref")
    given = {
        "micro": "2024-01-02T03:04:05.123456+00:00",
        "offset": "2024-07-02T03:04:05+01:00",
        "space": "2024-01-02 03:04:05",
        "object": dt.datetime(2024, 1, 2, 3, 4, 5, 123456, tzinfo=dt.UTC),
        "naive": dt.datetime(2024, 1, 2, 3, 4, 5),
        "text": "not a date",
    }
    store.import_features(
        [Feature("events", {"ref": k, "at": v}, shapely.Point(1, 2)) for k, v in given.items()],
        layers=[layer],
        kind="k",
        source="s",
    )
    got = {r["ref"]: r["at"] for r in store.rows("events", ["ref", "at"])}
    assert got == {
        "micro": "2024-01-02T03:04:05.123Z",
        "offset": "2024-07-02T02:04:05.000Z",
        "space": "2024-01-02T03:04:05.000Z",
        "object": "2024-01-02T03:04:05.123Z",
        "naive": "2024-01-02T03:04:05.000Z",
        "text": "not a date",  # kept as given, never lost
    }
    gdal = pytest.importorskip("osgeo.gdal")
    ogr = pytest.importorskip("osgeo.ogr")
    store.import_features(
        [Feature("events", {"ref": "text", "at": None}, shapely.Point(1, 2), "z")],
        layers=[layer],
        kind="k",
        source="s2",
    )
    messages: list[str] = []
    gdal.PushErrorHandler(lambda _cls, _no, msg: messages.append(msg))
    try:
        ds = ogr.Open(str(store.path))
        for i in range(ds.GetLayerCount()):
            for _feature in ds.GetLayer(i):
                pass
        ds = None
    finally:
        gdal.PopErrorHandler()
    assert [m for m in messages if "Non-conformant" in m] == []


def test_analysis_outputs_write_datetimes_as_geopackage_datetimes(tmp_path: Path):
    import datetime as dt

    import numpy as np

    from dig_once.plugin.layerio.table_writer import write_layer

    path = tmp_path / "out.gpkg"
    fields = [("at", "datetime"), ("at64", "datetime"), ("day", "date")]
    columns = {
        "at": [dt.datetime(2024, 1, 2, 3, 4, 5, 123456, tzinfo=dt.UTC), None],
        "at64": np.array(["2024-01-02T03:04:05.123456", "NaT"], dtype="datetime64[us]"),
        "day": [dt.date(2024, 1, 2), None],
    }
    write_layer(path, "t", fields, columns, [shapely.Point(1, 2), shapely.Point(3, 4)], "POINT")
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT at, at64, day FROM t ORDER BY fid").fetchall()
    db.close()
    assert rows == [
        ("2024-01-02T03:04:05.123Z", "2024-01-02T03:04:05.123Z", "2024-01-02"),
        (None, None, None),
    ]


# --- bad STORE paths: a clear message, nothing touched --------------------------------------


def test_a_folder_given_as_store_is_a_clear_error(tmp_path: Path):
    with pytest.raises(StoreError, match="is a folder") as caught:
        Store(tmp_path)
    assert str(tmp_path) in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_a_plain_sqlite_file_is_refused_before_anything_is_written(tmp_path: Path):
    path = tmp_path / "mine.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE customers (name TEXT)")
        db.execute("INSERT INTO customers VALUES ('A')")
    db.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not a GeoPackage") as caught:
        Store(path)
    assert "customers" in str(caught.value) and str(path) in str(caught.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.sqlite"]


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path: Path):
    path = tmp_path / "notes.gpkg"
    path.write_text("name,x\nA,1\n" * 20)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not an SQLite database"):
        Store(path)
    assert path.read_bytes() == before


def test_an_empty_file_and_a_geopackage_are_accepted(tmp_path: Path):
    empty = tmp_path / "empty.gpkg"
    empty.touch()
    Store(empty)
    Store(empty)  # now a store: opened again
    assert Store(empty).count("rejects") == 0


_READONLY_SCRIPT = """
import sys
sys.path.insert(0, sys.argv[1])
from dig_once.plugin.core.errors import StoreError
from dig_once.plugin.store import Feature, Layer, Store
import shapely
try:
    Store(sys.argv[2] + "/new.gpkg")
except StoreError as exc:
    print("NEW:", exc)
store = Store(sys.argv[2] + "/store.gpkg")  # an existing store can still be opened to read
layer = Layer("venues", [("venue_id", "str")], "POINT", key="venue_id")
try:
    store.import_features([Feature("venues", {"venue_id": "b"}, shapely.Point(1, 1))],
                          layers=[layer], kind="k", source="s2", mode="replace", scope="s2")
except StoreError as exc:
    print("IMPORT:", exc)
"""


def test_a_read_only_folder_is_a_clear_error_not_an_sqlite_traceback(plugin_root: Path):
    base = Path(tempfile.mkdtemp(prefix="digonce-ro-"))  # reachable by the user the test runs as
    try:
        _read_only_folder(base, plugin_root)
    finally:
        for path in [base, *base.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        shutil.rmtree(base)


def _read_only_folder(base: Path, plugin_root: Path) -> None:
    base.chmod(0o755)
    folder = base / "ro"
    folder.mkdir()
    store = Store(folder / "store.gpkg")
    store.import_features(
        [Feature("venues", {"venue_id": "a"}, shapely.Point(1, 1))],
        layers=[Layer("venues", [("venue_id", "str")], "POINT", key="venue_id")],
        kind="k",
        source="s",
        mode="replace",
        scope="s",
    )
    before = store.path.read_bytes()
    script = base / "ro.py"
    script.write_text(_READONLY_SCRIPT)
    script.chmod(0o644)
    folder.chmod(0o555)
    (folder / "store.gpkg").chmod(0o444)
    command = [sys.executable, str(script), str(plugin_root), str(folder)]
    if os.geteuid() == 0:  # root writes anywhere: run as nobody, as a user would be
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: a read-only folder cannot be made")
        command = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", *command]
    run = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in run.stderr, run.stderr
    lines = run.stdout.splitlines()
    assert any(
        line.startswith("NEW:") and str(folder) in line and "read-only" in line for line in lines
    ), lines
    assert any(line.startswith("IMPORT:") and "store unchanged" in line for line in lines), lines
    assert store.path.read_bytes() == before


def test_a_full_disk_is_reported_as_a_full_disk_and_the_store_is_unchanged(store: Store, monkeypatch):
    replace(store, venues(range(10)), source="a.csv", scope="a.csv")
    before = file_bytes(store.path)
    real_connect = Store._connect

    def small_disk(self):
        conn = real_connect(self)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages + 1}")  # as if the disk filled up now
        return conn

    monkeypatch.setattr(Store, "_connect", small_disk)
    with pytest.raises(StoreError) as caught:
        replace(
            store, venues(range(100, 5100), "a longer name to fill pages "), source="b.csv", scope="b.csv"
        )
    message = str(caught.value)
    assert "full" in message and str(store.path.parent) in message
    assert "cannot rollback" not in message
    monkeypatch.undo()
    assert file_bytes(store.path) == before


# --- staging files of a crashed import ------------------------------------------------------


def test_staging_files_of_a_crashed_import_are_removed_at_the_next_open(tmp_path: Path):
    Store(tmp_path / "store.gpkg")
    crashed = tmp_path / ".digonce-staging-0123456789abcdef0123456789abcdef.sqlite"
    with sqlite3.connect(crashed) as db:
        db.execute("CREATE TABLE s_works (x)")
    db.close()
    (tmp_path / f"{crashed.name}-journal").write_bytes(b"")
    Store(tmp_path / "store.gpkg")
    assert crashed.exists()  # written a moment ago: perhaps an import between its two stages
    an_hour_ago = crashed.stat().st_mtime - 3600
    os.utime(crashed, (an_hour_ago, an_hour_ago))
    Store(tmp_path / "store.gpkg")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store.gpkg"]


def test_the_staging_file_of_an_import_under_way_in_another_process_is_kept(
    tmp_path: Path, plugin_root: Path
):
    Store(tmp_path / "store.gpkg")
    script = (
        "import sys\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "from pathlib import Path\n"
        "from dig_once.plugin.store.store import _Staging\n"
        "s = _Staging(Path(sys.argv[2]), {})\n"
        "print(s.path, flush=True)\n"
        "sys.stdin.readline()\n"
        "s.close()\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script, str(plugin_root), str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        staging = Path(proc.stdout.readline().strip())
        an_hour_ago = staging.stat().st_mtime - 3600  # a long import: gathering for an hour
        os.utime(staging, (an_hour_ago, an_hour_ago))
        Store(tmp_path / "store.gpkg")
        assert staging.exists()
    finally:
        proc.communicate("\n", timeout=60)
    assert not staging.exists()


# --- credentials ----------------------------------------------------------------------------


def test_a_password_in_the_source_or_options_never_reaches_the_store(store: Store):
    canary = "Canary7f3e"
    leaky = f"https://user:{canary}@example.org/Pubs.csv?token={canary}&x=1"
    result = replace(store, venues(range(3)), source=leaky, scope="Pubs.csv", options={"centroids": leaky})
    assert canary not in result.message
    assert canary.encode() not in store.path.read_bytes()
    (row,) = store.catalogue()
    assert row["source"] == "https://example.org/Pubs.csv?token=***&x=1"
    assert canary not in row["options"]


_CONCURRENT_SCRIPT = """
import sys
sys.path.insert(0, sys.argv[1])
import shapely
from dig_once.plugin.store import Feature, Store
from dig_once.plugin.store.store import WORKS_LAYER
first, n = int(sys.argv[3]), int(sys.argv[4])
store = Store(sys.argv[2])
features = (
    Feature("works", {"permit_ref": f"P{i}"}, shapely.Point(530_000 + i, 180_000), "a")
    for i in range(first, first + n)
)
result = store.import_features(features, layers=[WORKS_LAYER], kind="k", source=f"s{first}")
print(result.written["works"])
"""


def test_concurrent_imports_into_one_store_both_succeed_as_in_sequence(tmp_path: Path, plugin_root: Path):
    path = tmp_path / "store.gpkg"
    Store(path)
    script = tmp_path / "imp.py"
    script.write_text(_CONCURRENT_SCRIPT)
    procs = [
        subprocess.Popen(
            [sys.executable, str(script), str(plugin_root), str(path), str(first), "5000"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for first in (0, 4000)  # 1,000 permits in both
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err for _out, err in outs]
    # whichever merged first wrote all its permits, the other those not stored yet (same sort key)
    assert sorted(int(out) for out, _err in outs) == [4000, 5000]
    store = Store(path)
    assert store.count("works") == 9000
    assert len(store.catalogue()) == 2
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".digonce-staging")] == []
