"""``read_columns`` takes GDAL's Arrow route for a plain GeoPackage layer and gives the same
columns as its QGIS route (feature by feature),
including on columns of a few repeated values, which it decodes once per distinct value."""

from __future__ import annotations

import numpy as np
import pytest
from osgeo import ogr, osr

N = 6000
OWNERS = ["Thames Water", "Électricité du Nord", "", None, "UK Power Networks", "Cadent Gas"]
STATUSES = ["granted", "in_progress", "closed"]


def _points_layer(path, text_fields):
    """A new GeoPackage at ``path`` with a point layer "works" in EPSG:27700 and the text fields:
    (dataset, layer), for the caller to fill."""
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(27700)
    lyr = ds.CreateLayer("works", srs, ogr.wkbPoint)
    for name in text_fields:
        lyr.CreateField(ogr.FieldDefn(name, ogr.OFTString))
    return ds, lyr


@pytest.fixture
def works_gpkg(tmp_path):
    """A GeoPackage of N point works in EPSG:27700: distinct refs, repeated owners (with
    accents, empty text and nulls), repeated statuses."""
    path = tmp_path / "works.gpkg"
    ds, lyr = _points_layer(path, ("permit_ref", "promoter", "permit_status"))
    lyr.StartTransaction()
    for k in range(N):
        feat = ogr.Feature(lyr.GetLayerDefn())
        feat.SetField("permit_ref", f"REF-{(k * 7919) % N:05d}")
        owner = OWNERS[(k * 31) % len(OWNERS)]
        if owner is not None:
            feat.SetField("promoter", owner)
        feat.SetField("permit_status", STATUSES[k % len(STATUSES)])
        feat.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({530000 + k} {180000 + k % 97})"))
        lyr.CreateFeature(feat)
    lyr.CommitTransaction()
    del lyr, ds  # written and closed
    return path


WANTED = {"id": "permit_ref", "owner": "promoter", "status": "permit_status"}


def _both(path):
    from qgis.core import QgsProcessingContext, QgsVectorLayer

    from dig_once.plugin.toolbelt.layer_io import read_columns

    layer = QgsVectorLayer(f"{path}|layername=works", "works", "ogr")
    assert layer.isValid()
    fast = read_columns(
        layer, WANTED, QgsProcessingContext(), None, "works", layer=layer, definition=str(path)
    )
    slow = read_columns(layer, WANTED, QgsProcessingContext(), None, "works")  # no layer: the QGIS route
    assert fast.arrow, "the Arrow route should take a plain GeoPackage layer"
    assert not slow.arrow
    return fast, slow


def test_repeated_and_distinct_text_columns_read_as_qgis_reads_them(qgis_app, works_gpkg):
    fast, slow = _both(works_gpkg)
    assert list(fast.fids) == list(slow.fids)
    for role in WANTED:
        assert list(fast.columns[role]) == list(slow.columns[role]), role
    owners = list(fast.columns["owner"])
    # empty text and NULL both read as None; every value is a plain str
    assert {type(v) for v in owners} == {str, type(None)}
    assert owners.count(None) == sum(OWNERS[(k * 31) % len(OWNERS)] in ("", None) for k in range(N))
    assert "Électricité du Nord" in owners


def test_a_hash_collision_falls_back_to_decoding_every_row(qgis_app, works_gpkg, monkeypatch):
    from dig_once.plugin.toolbelt import layer_io

    data = np.array([b"alpha", b"beta", b"alpha", b""] * 2000, dtype="S5")
    distinct, which = layer_io._repeated_text(data)
    assert list(distinct[which][:4]) == ["alpha", "beta", "alpha", ""]
    # every row hashed alike: the check against each group's first value must refuse it
    monkeypatch.setattr(layer_io, "_row_hashes", lambda d: np.zeros(len(d), np.uint64))
    assert layer_io._repeated_text(data) is None
    fast, slow = _both(works_gpkg)
    for role in WANTED:
        assert list(fast.columns[role]) == list(slow.columns[role]), role


def test_mostly_distinct_columns_skip_the_distinct_value_path(qgis_app):
    from dig_once.plugin.toolbelt import layer_io

    refs = np.array([f"R{k:06d}".encode() for k in range(10_000)])
    assert layer_io._repeated_text(refs) is None
    assert layer_io._repeated_text(refs[:100]) is None  # too short to be worth it


def test_distinct_text_with_accents_empty_text_and_nulls_reads_as_qgis_reads_it(qgis_app, tmp_path):
    """Mostly distinct text (ids, USRNs) is decoded value by value: accents, empty text and
    nulls come out as the QGIS route gives them (None for both empty and null)."""
    path = tmp_path / "works.gpkg"
    ds, lyr = _points_layer(path, ("permit_ref", "promoter", "permit_status"))
    lyr.StartTransaction()
    for k in range(5000):
        feat = ogr.Feature(lyr.GetLayerDefn())
        if k % 11:
            feat.SetField("permit_ref", "" if k % 13 == 0 else f"Réf-{k:05d}-ñ" if k % 3 else f"REF-{k:05d}")
        feat.SetField("promoter", f"Promoter {k}")
        feat.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({530000 + k} 180000)"))
        lyr.CreateFeature(feat)
    lyr.CommitTransaction()
    del lyr, ds  # written and closed
    fast, slow = _both(path)
    assert list(fast.columns["id"]) == list(slow.columns["id"])
    assert "Réf-00001-ñ" in list(fast.columns["id"]) and None in list(fast.columns["id"])


@pytest.mark.parametrize(
    "subset",
    ["\"permit_status\" = 'granted'", "\"promoter\" LIKE 'Thames%' AND \"permit_status\" <> 'closed'"],
)
def test_a_layer_with_a_subset_filter_is_read_on_the_arrow_route_with_the_same_rows(
    qgis_app, works_gpkg, subset
):
    """A planner's filter on the layer ("works starting this quarter") keeps GDAL's Arrow route:
    the subset is the OGR layer's attribute filter, as QGIS's OGR provider applies it."""
    from qgis.core import QgsProcessingContext, QgsVectorLayer

    from dig_once.plugin.toolbelt.layer_io import read_columns

    layer = QgsVectorLayer(f"{works_gpkg}|layername=works", "works", "ogr")
    assert layer.setSubsetString(subset)
    fast = read_columns(
        layer, WANTED, QgsProcessingContext(), None, "works", layer=layer, definition=str(works_gpkg)
    )
    slow = read_columns(layer, WANTED, QgsProcessingContext(), None, "works")
    assert fast.arrow, "a subset on a GeoPackage layer should keep the Arrow route"
    assert 0 < len(slow.fids) < N
    assert sorted(fast.fids) == sorted(slow.fids)
    order_fast, order_slow = np.argsort(fast.fids), np.argsort(slow.fids)
    for role in WANTED:
        assert list(np.asarray(fast.columns[role], object)[order_fast]) == list(
            np.asarray(slow.columns[role], object)[order_slow]
        ), role


def _recording_stream(monkeypatch, batch_rows: int) -> tuple[list[int], list[str]]:
    """GDAL's Arrow stream in batches of ``batch_rows`` rows, recording, when each batch has
    been fetched, how many earlier batches still have a raw column alive, and the thread that
    fetched it."""
    import threading
    import weakref

    real = ogr.Layer.GetArrowStreamAsNumPy
    alive_at_fetch: list[int] = []
    threads: list[str] = []

    def stream(self, options=None, **kwargs):
        refs: list[list[weakref.ref]] = []
        for batch in real(self, options=[*(options or []), f"MAX_FEATURES_IN_BATCH={batch_rows}"], **kwargs):
            alive_at_fetch.append(sum(any(ref() is not None for ref in batch_refs) for batch_refs in refs))
            threads.append(threading.current_thread().name)
            refs.append([weakref.ref(column) for column in batch.values()])
            yield batch
            del batch

    monkeypatch.setattr(ogr.Layer, "GetArrowStreamAsNumPy", stream)
    return alive_at_fetch, threads


@pytest.fixture
def small_batches(monkeypatch):
    """GDAL's Arrow stream in batches of 4096 rows (the fixture's 6000 works in two: one long
    enough for the hashed distinct-value path, one short); records, when each batch is handed
    over, how many earlier batches' raw columns are still alive."""
    return _recording_stream(monkeypatch, 4096)[0]


def test_arrow_batches_are_read_on_a_thread_one_ahead_and_never_more_than_one_earlier_kept(
    qgis_app, works_gpkg, monkeypatch
):
    """GDAL reads the next batch on a thread of its own while this one is converted (GDAL lets
    go of the GIL: a year of England reads in 4.7 s instead of 7.1 s); when a batch is fetched
    at most the one being converted is still alive, never the stream's earlier batches. Same
    columns as the QGIS route."""
    alive_at_fetch, threads = _recording_stream(monkeypatch, 1000)
    fast, slow = _both(works_gpkg)
    assert len(alive_at_fetch) == 6
    assert max(alive_at_fetch) <= 1, alive_at_fetch
    assert threading_main_name() not in threads, threads
    assert list(fast.fids) == list(slow.fids)
    for role in WANTED:
        assert list(fast.columns[role]) == list(slow.columns[role]), role


def threading_main_name() -> str:
    import threading

    return threading.main_thread().name


def test_arrow_batches_are_converted_one_by_one_and_dropped_with_the_same_columns(
    qgis_app, works_gpkg, small_batches
):
    """Each raw batch (WKB bytes, UTF-8 text) is converted and let go before the next is
    fetched: never all raw batches and all converted columns at once (at 3M works the raw
    batches are ~600 MB). The columns are those of the QGIS route, row for row."""
    fast, slow = _both(works_gpkg)
    assert small_batches[0] == 0 and small_batches[1] <= 1, "earlier raw batches are still held"
    assert list(fast.fids) == list(slow.fids)
    assert [g.wkb for g in fast.geometries] == [g.wkb for g in slow.geometries]
    for role in WANTED:
        assert list(fast.columns[role]) == list(slow.columns[role]), role


def test_a_repeated_value_is_one_str_object_across_all_batches(qgis_app, works_gpkg, small_batches):
    """Owners and statuses repeat: each distinct value is decoded once and shared by every row
    that has it, whichever batch the row came in (one object, not one per row or per batch)."""
    fast, _ = _both(works_gpkg)
    assert len(small_batches) == 2
    for role, values in (("owner", OWNERS), ("status", STATUSES)):
        column = fast.columns[role]
        distinct = {v for v in values if v}
        assert {v for v in column if v is not None} == distinct, role
        assert len({id(v) for v in column if v is not None}) == len(distinct), role
    ids = fast.columns["id"]
    assert len({id(v) for v in ids}) == len(set(ids)) == N  # distinct ids stay distinct objects


def test_the_memory_a_read_needs_beyond_its_columns_is_one_batch_not_all_of_them(
    qgis_app, tmp_path, monkeypatch
):
    """Read in batches of 500 rows, the memory a read needs on top of the columns it returns is
    about one batch's: well under what one batch of all rows needs. Holding every batch's raw
    columns, or every batch's converted parts until they are joined, it was as much or more."""
    import tracemalloc

    from qgis.core import QgsProcessingContext, QgsVectorLayer

    from dig_once.plugin.toolbelt.layer_io import read_columns

    n = 20_000
    path = tmp_path / "works.gpkg"
    ds, lyr = _points_layer(path, ("permit_ref", "promoter"))
    lyr.StartTransaction()
    for k in range(n):
        feat = ogr.Feature(lyr.GetLayerDefn())
        feat.SetField("permit_ref", f"REF-{k:06d}")
        feat.SetField("promoter", OWNERS[k % 3])
        feat.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({530000 + k} 180000)"))
        lyr.CreateFeature(feat)
    lyr.CommitTransaction()
    del lyr, ds  # written and closed
    layer = QgsVectorLayer(f"{path}|layername=works", "works", "ogr")
    real = ogr.Layer.GetArrowStreamAsNumPy

    def extra_memory(batch_rows: int) -> int:
        def stream(self, options=None, **kwargs):
            return real(self, options=[*(options or []), f"MAX_FEATURES_IN_BATCH={batch_rows}"], **kwargs)

        monkeypatch.setattr(ogr.Layer, "GetArrowStreamAsNumPy", stream)
        tracemalloc.start()
        try:
            arrays = read_columns(
                layer, {"id": "permit_ref", "owner": "promoter"}, QgsProcessingContext(), None, "works",
                layer=layer, definition=str(path),
            )  # fmt: skip
            kept, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert arrays.arrow and len(arrays.fids) == n
        return peak - kept

    one_batch, small_batches = extra_memory(n), extra_memory(500)
    assert small_batches < 0.7 * one_batch, (small_batches, one_batch)


@pytest.mark.parametrize("count", [-1, 1, 4096, 10 * N])
def test_a_layer_count_unknown_or_wrong_still_reads_every_row_once(
    qgis_app, works_gpkg, small_batches, monkeypatch, count
):
    """The columns are allocated for the rows the layer says it has: unknown (-1), too few
    (grown as batches come) or too many (cut to the rows read), the columns are the QGIS
    route's, row for row."""
    monkeypatch.setattr(ogr.Layer, "GetFeatureCount", lambda self, force=1: count)
    fast, slow = _both(works_gpkg)
    assert list(fast.fids) == list(slow.fids)
    assert [g.wkb for g in fast.geometries] == [g.wkb for g in slow.geometries]
    for role in WANTED:
        assert list(fast.columns[role]) == list(slow.columns[role]), role
        assert len(fast.columns[role]) == N


def test_geometries_read_compactly_are_those_of_the_shapely_read_batch_after_batch(
    qgis_app, tmp_path, monkeypatch
):
    """``compact=True`` (findworksoverlaps): points and two-point lines come back as
    coordinates, everything else (polygons, longer lines, 3D, empty, NULL) as shapely objects;
    made into objects they are, row for row, the WKB the plain read gives. Batches of 700 rows
    split the layer's kinds across batches."""
    import shapely
    from qgis.core import QgsProcessingContext, QgsVectorLayer

    from dig_once.plugin.core.compact import GEOS, POINT, SEGMENT, CompactGeometries
    from dig_once.plugin.toolbelt.layer_io import read_columns

    path = tmp_path / "mixed.gpkg"
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(27700)
    lyr = ds.CreateLayer("works", srs, ogr.wkbUnknown)
    lyr.CreateField(ogr.FieldDefn("permit_ref", ogr.OFTString))
    shapes = [
        "POINT ({x} {y})",
        "LINESTRING ({x} {y}, {x2} {y})",
        "POLYGON (({x} {y}, {x2} {y}, {x2} {y2}, {x} {y}))",
        "LINESTRING ({x} {y}, {x2} {y}, {x2} {y2})",
        "POINT Z ({x} {y} 4)",
        None,
        "POINT EMPTY",
        "MULTIPOINT (({x} {y}))",
    ]
    lyr.StartTransaction()
    for k in range(3000):
        feat = ogr.Feature(lyr.GetLayerDefn())
        feat.SetField("permit_ref", f"R{k}")
        wkt = shapes[k % 7 if k % 50 else 7]
        if wkt is not None:
            x, y = 530000 + k * 0.37, 180000 + (k % 113) * 1.9
            feat.SetGeometry(ogr.CreateGeometryFromWkt(wkt.format(x=x, y=y, x2=x + 3.5, y2=y + 2.25)))
        lyr.CreateFeature(feat)
    lyr.CommitTransaction()
    del lyr, ds
    _recording_stream(monkeypatch, 700)
    layer = QgsVectorLayer(f"{path}|layername=works", "works", "ogr")
    wanted = {"id": "permit_ref"}

    def read(compact: bool):
        return read_columns(
            layer,
            wanted,
            QgsProcessingContext(),
            None,
            "works",
            layer=layer,
            definition=str(path),
            compact=compact,
        )

    plain, compact = read(False), read(True)
    assert plain.arrow and compact.arrow
    assert isinstance(compact.geometries, CompactGeometries)
    assert list(compact.fids) == list(plain.fids)
    assert list(compact.columns["id"]) == list(plain.columns["id"])
    made = compact.geometries.take(np.arange(len(plain.fids)))
    assert [None if g is None else shapely.to_wkb(g) for g in made] == [
        None if g is None else shapely.to_wkb(g) for g in plain.geometries
    ]
    kinds = compact.geometries.kind
    assert (kinds == POINT).sum() > 400 and (kinds == SEGMENT).sum() > 400
    assert (kinds == GEOS).sum() == len(kinds) - (kinds == POINT).sum() - (kinds == SEGMENT).sum() > 1000
