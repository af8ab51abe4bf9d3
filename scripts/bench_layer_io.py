#!/usr/bin/env python3
"""Benchmark the plugin's hand-written layer I/O against the libraries', in the same run.

Usage::

    .venv/bin/python scripts/bench_layer_io.py [--rows 200000] [--repeat 3]

Each A/B reads or writes the same data, best of ``--repeat`` runs, and prints the ratio:

(w) writing an output table of ``--rows`` two-vertex LineStrings with four attributes (as the
    pairs of findworksoverlaps): ``plugin.layerio.table_writer.write_layer`` (bulk sqlite3,
    packed R*Tree) vs GDAL's own GeoPackage writer (``osgeo.ogr``, one transaction, its
    spatial index) vs QGIS's ``QgsVectorFileWriter`` (a ``QgsFeature`` per row, what a
    processing sink does).
(r) reading a works GeoPackage of ``--rows`` rows: ``read_columns``' GDAL Arrow route vs its
    QGIS route (feature by feature).
(t) decoding a million-row owner column (few distinct values) from the Arrow stream's UTF-8
    bytes: ``layer_io._repeated_text`` (each distinct value decoded once) vs decoding every row.
(g) reading a GeoPackage table's rows and geometries without QGIS: ``layerio.gpkg_reader``
    (GDAL) vs sqlite3 + the hand-written blob decoder ``layerio.gpkg.decode_geometry``.
(c) making ``--gc-rows`` shapely geometries from WKB (as the Arrow route reads works) and the
    lists an algorithm builds from them, while as many are alive already (the first input):
    Python's cyclic collector on vs paused (``plugin.core.gc_pause``).

Figures are printed, never asserted; the machine's load is printed with them.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import shapely
from pkgroot import ensure_pkgroot

OWNERS = ["Thames Water", "UK Power Networks", "Cadent Gas", "Openreach", "SGN", "Virgin Media"]


def best(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f}/{five:.1f} on {os.cpu_count()} CPUs"


def columns(n: int, seed: int = 1) -> tuple[dict[str, np.ndarray], np.ndarray]:
    rng = np.random.default_rng(seed)
    start = rng.uniform([500_000, 160_000], [560_000, 200_000], (n, 2))
    coords = np.stack([start, start + rng.uniform(-20, 20, (n, 2))], axis=1)
    cols = {
        "id_a": np.array([f"W{k:07d}" for k in range(n)], dtype=object),
        "id_b": np.array([f"W{k + 1:07d}" for k in range(n)], dtype=object),
        "distance_m": rng.uniform(0, 25, n),
        "start": np.datetime64("2026-03-01") + rng.integers(0, 90, n).astype("timedelta64[D]"),
    }
    return cols, coords


FIELDS = [("id_a", "str"), ("id_b", "str"), ("distance_m", "float"), ("start", "date")]


def write_plugin(path: Path, cols, coords) -> None:
    from dig_once.plugin.layerio.table_writer import write_layer

    write_layer(path, "pairs", FIELDS, cols, coords, "LINESTRING", replace_file=True)


def write_gdal(path: Path, cols, coords) -> None:
    from osgeo import ogr, osr

    path.unlink(missing_ok=True)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(27700)
    lyr = ds.CreateLayer("pairs", srs, ogr.wkbLineString)
    for name, kind in FIELDS:
        lyr.CreateField(
            ogr.FieldDefn(name, {"str": ogr.OFTString, "float": ogr.OFTReal, "date": ogr.OFTDate}[kind])
        )
    defn = lyr.GetLayerDefn()
    wkbs = shapely.to_wkb(shapely.linestrings(coords)).tolist()
    a, b, d = cols["id_a"].tolist(), cols["id_b"].tolist(), cols["distance_m"].tolist()
    days = np.datetime_as_string(cols["start"], unit="D").tolist()
    lyr.StartTransaction()
    for k, wkb in enumerate(wkbs):
        f = ogr.Feature(defn)
        f.SetField(0, a[k])
        f.SetField(1, b[k])
        f.SetField(2, d[k])
        f.SetField(3, days[k])
        f.SetGeometryDirectly(ogr.CreateGeometryFromWkb(wkb))
        lyr.CreateFeature(f)
    lyr.CommitTransaction()
    ds = None


def write_qgis(path: Path, cols, coords) -> None:
    from qgis.core import (
        QgsCoordinateTransformContext,
        QgsFeature,
        QgsGeometry,
        QgsVectorFileWriter,
        QgsWkbTypes,
    )

    from dig_once.plugin.toolbelt.layer_io import qgs_fields
    from dig_once.plugin.toolbelt.layers import BNG

    path.unlink(missing_ok=True)
    fields = qgs_fields(FIELDS)
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = "pairs"
    writer = QgsVectorFileWriter.create(
        str(path), fields, QgsWkbTypes.LineString, BNG, QgsCoordinateTransformContext(), options
    )
    wkbs = shapely.to_wkb(shapely.linestrings(coords)).tolist()
    a, b, d = cols["id_a"].tolist(), cols["id_b"].tolist(), cols["distance_m"].tolist()
    days = cols["start"].astype("datetime64[D]").tolist()
    batch = []
    for k, wkb in enumerate(wkbs):
        feature = QgsFeature(fields)
        geom = QgsGeometry()
        geom.fromWkb(wkb)
        feature.setGeometry(geom)
        feature.setAttributes([a[k], b[k], d[k], days[k]])
        batch.append(feature)
        if len(batch) == 5000:
            writer.addFeatures(batch)
            batch = []
    writer.addFeatures(batch)
    del writer


def works_gpkg(path: Path, n: int) -> None:
    from osgeo import ogr, osr

    rng = np.random.default_rng(2)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(27700)
    lyr = ds.CreateLayer("works", srs, ogr.wkbPoint)
    for name in ("permit_ref", "promoter", "start"):
        lyr.CreateField(ogr.FieldDefn(name, ogr.OFTDate if name == "start" else ogr.OFTString))
    xy = rng.uniform([500_000, 160_000], [560_000, 200_000], (n, 2))
    owners = rng.integers(0, len(OWNERS), n)
    lyr.StartTransaction()
    for k in range(n):
        f = ogr.Feature(lyr.GetLayerDefn())
        f.SetField(0, f"W{k:07d}")
        f.SetField(1, OWNERS[owners[k]])
        f.SetField(2, f"2026-03-{1 + k % 28:02d}")
        f.SetGeometryDirectly(ogr.CreateGeometryFromWkb(shapely.Point(*xy[k]).wkb))
        lyr.CreateFeature(f)
    lyr.CommitTransaction()
    ds = None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--gc-rows", type=int, default=1_000_000)
    args = parser.parse_args()
    ensure_pkgroot(importable=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication, QgsProcessingContext, QgsVectorLayer

    app = QgsApplication([], False)
    app.initQgis()
    from dig_once.plugin.layerio import gpkg
    from dig_once.plugin.layerio.gpkg_reader import open_geopackage
    from dig_once.plugin.toolbelt import layer_io

    n, repeat = args.rows, args.repeat
    print(f"bench_layer_io: {n:,} rows, best of {repeat} ({load()})", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        cols, coords = columns(n)
        w_plugin = best(lambda: write_plugin(work / "plugin.gpkg", cols, coords), repeat)
        w_gdal = best(lambda: write_gdal(work / "gdal.gpkg", cols, coords), repeat)
        w_qgis = best(lambda: write_qgis(work / "qgis.gpkg", cols, coords), repeat)
        print(f"(w) write {n:,} lines: table_writer {w_plugin:.2f} s, GDAL's writer (osgeo.ogr) {w_gdal:.2f} s "
              f"({w_gdal / w_plugin:.1f}x), QgsVectorFileWriter {w_qgis:.2f} s ({w_qgis / w_plugin:.1f}x) "
              f"({load()})", flush=True)  # fmt: skip

        works = work / "works.gpkg"
        works_gpkg(works, n)
        layer = QgsVectorLayer(f"{works}|layername=works", "works", "ogr")
        wanted = {"id": "permit_ref", "owner": "promoter", "start": "start"}
        context = QgsProcessingContext()

        def arrow():
            assert layer_io.read_columns(
                layer, wanted, context, None, "w", layer=layer, definition=str(works)
            ).arrow

        r_arrow = best(arrow, repeat)
        r_qgis = best(lambda: layer_io.read_columns(layer, wanted, context, None, "w"), repeat)
        print(f"(r) read {n:,} works: Arrow route {r_arrow:.2f} s, QGIS route {r_qgis:.2f} s "
              f"({r_qgis / r_arrow:.1f}x) ({load()})", flush=True)  # fmt: skip

        big = np.array([OWNERS[k % len(OWNERS)].encode() for k in range(1_000_000)])
        t_once = best(lambda: layer_io._repeated_text(big), repeat)
        t_every = best(lambda: big.astype("U").astype(object), repeat)
        print(f"(t) 1,000,000-row owner column: decoded once per value {t_once:.3f} s, every row "
              f"{t_every:.3f} s ({t_every / t_once:.1f}x) ({load()})", flush=True)  # fmt: skip

        def by_gdal():
            with open_geopackage(work / "plugin.gpkg") as package:
                return package.rows("pairs", "geom")

        def by_hand():
            db = sqlite3.connect(work / "plugin.gpkg")
            rows = [
                (*row[:-1], gpkg.decode_geometry(row[-1]))
                for row in db.execute("SELECT fid, id_a, id_b, distance_m, start, geom FROM pairs")
            ]
            db.close()
            return rows

        g_gdal = best(by_gdal, repeat)
        g_hand = best(by_hand, repeat)
        print(f"(g) read {n:,} rows without QGIS: gpkg_reader (GDAL) {g_gdal:.2f} s, sqlite3 + hand "
              f"decoder {g_hand:.2f} s ({g_gdal / g_hand:.1f}x the hand reader's time) ({load()})", flush=True)  # fmt: skip
        layer = None  # no QGIS object outlives the application

    import gc

    from dig_once.plugin.core.gc_pause import gc_paused

    m = args.gc_rows
    rng = np.random.default_rng(3)
    wkb = shapely.to_wkb(shapely.points(rng.uniform(0, 1000, (m, 2))))
    alive = shapely.from_wkb(wkb).tolist()  # the first input, still in memory

    def build():
        geometries = shapely.from_wkb(wkb)
        return [(k, g) for k, g in enumerate(geometries.tolist())]

    def paused():
        with gc_paused():
            return build()

    gc.collect()
    c_on = best(build, repeat)
    c_off = best(paused, repeat)
    print(f"(c) {m:,} geometries and their rows with {len(alive):,} alive: collector on {c_on:.2f} s, "
          f"paused {c_off:.2f} s ({c_on / c_off:.1f}x) ({load()})", flush=True)  # fmt: skip
    app.exitQgis()


if __name__ == "__main__":
    main()
