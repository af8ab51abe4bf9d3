"""Group hulls built as flat rings, their GeoPackage blobs, and vertex gathering."""

from __future__ import annotations

import sqlite3

import numpy as np
import pytest
import shapely
from osgeo import ogr

from dig_once.plugin.core.errors import StoreError
from dig_once.plugin.core.overlaps import Vertices, group_hulls, hull_rings
from dig_once.plugin.core.rings import Rings
from dig_once.plugin.layerio import gpkg
from dig_once.plugin.layerio.gpkg import geometry_blobs
from dig_once.plugin.layerio.table_writer import write_layer


def random_groups(seed: int, n_groups: int = 400):
    """Works (points, 2-vertex lines, a few longer lines) in groups of 1-7, including groups
    whose vertices are all at one place or all on one line."""
    rng = np.random.default_rng(seed)
    geoms, group = [], []
    for g in range(n_groups):
        base = rng.uniform(500_000, 510_000, 2)
        style = rng.integers(0, 5)
        for _ in range(rng.integers(1, 8)):
            if style == 0:  # every work at one place
                geoms.append(shapely.Point(base))
            elif style == 1:  # collinear
                t = rng.uniform(-30, 30, 2)
                geoms.append(
                    shapely.LineString([base + t[0] * np.array([1, 2]), base + t[1] * np.array([1, 2])])
                )
            elif style == 2:
                geoms.append(shapely.Point(base + rng.uniform(-30, 30, 2)))
            else:
                k = 2 if style == 3 else 4
                geoms.append(shapely.LineString(base + rng.uniform(-30, 30, (k, 2))))
            group.append(g)
    return np.array(geoms, dtype=object), np.array(group)


def reference_hull(vertices: np.ndarray) -> shapely.Geometry:
    hull = shapely.convex_hull(shapely.MultiPoint(vertices))
    if shapely.get_type_id(hull) == 3:
        return hull
    xy = shapely.get_coordinates(hull)
    p, q = xy[0], xy[-1]
    d = q - p
    length = np.hypot(*d)
    u = d / length if length > 0 else np.array([1.0, 0.0])
    n = np.array([-u[1], u[0]])
    return shapely.Polygon([p - u - n, q + u - n, q + u + n, p - u + n])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_hulls_are_the_convex_hulls_or_widened_segments(seed):
    geoms, group = random_groups(seed)
    hulls = group_hulls(geoms, group)
    assert len(hulls) == group.max() + 1
    for g, hull in enumerate(hulls):
        vertices = shapely.get_coordinates(geoms[group == g])
        expected = reference_hull(vertices)
        assert shapely.get_type_id(hull) == 3 and hull.is_valid
        assert shapely.equals_exact(shapely.normalize(hull), shapely.normalize(expected), tolerance=1e-9), g


def test_hull_rings_keep_geoss_vertex_order():
    geoms, group = random_groups(4)
    xy, owner = shapely.get_coordinates(geoms, return_index=True)
    rings = hull_rings(xy, group[owner], int(group.max()) + 1)
    big = np.bincount(group[owner]) > 2
    polygons = rings.to_shapely()
    for g in np.flatnonzero(big):
        hull = shapely.convex_hull(shapely.linestrings(xy[group[owner] == g]))
        if shapely.get_type_id(hull) == 3:
            assert np.array_equal(shapely.get_coordinates(polygons[g]), shapely.get_coordinates(hull))


def test_hull_rings_of_many_groups_are_built_in_chunks_and_match_geos():
    rng = np.random.default_rng(9)
    n_groups = 6000  # more groups of 3+ vertices than one GEOS chunk takes
    sizes = rng.integers(1, 7, n_groups)
    group = np.repeat(np.arange(n_groups), sizes)
    xy = rng.uniform(0, 50, (len(group), 2)) + (group * 100.0)[:, None]
    ticks: list[float] = []
    rings = hull_rings(xy, group, n_groups, ticks.append)
    assert len(ticks) > 2 and ticks == sorted(ticks)
    polygons = rings.to_shapely()
    for g in np.flatnonzero(sizes > 2):
        hull = shapely.convex_hull(shapely.linestrings(xy[group == g]))
        if shapely.get_type_id(hull) == 3:
            assert np.array_equal(shapely.get_coordinates(polygons[g]), shapely.get_coordinates(hull)), g


def test_vertices_read_in_chunks_are_get_coordinates():
    rng = np.random.default_rng(2)
    n = 150_000  # several chunks
    geoms = shapely.points(rng.uniform(0, 10, (n, 2)))
    geoms[::7] = shapely.linestrings(rng.uniform(0, 10, (len(geoms[::7]), 3, 2)))
    geoms[5] = None
    ticks: list[float] = []
    vertices = Vertices(geoms, ticks.append)
    expected, owner = shapely.get_coordinates(geoms, return_index=True)
    assert np.array_equal(vertices.xy, expected)
    assert np.array_equal(vertices.start, np.concatenate([[0], np.cumsum(np.bincount(owner, minlength=n))]))
    assert len(ticks) > 2 and ticks[-1] == 1.0


def test_a_group_without_vertices_is_an_error():
    with pytest.raises(ValueError, match="at least one vertex"):
        hull_rings(np.zeros((2, 2)), np.array([0, 0]), 2)


def test_vertices_of_a_subset_are_get_coordinates_of_that_subset():
    geoms, _ = random_groups(5, 50)
    geoms = np.concatenate([geoms, [None, shapely.Point()]])
    vertices = Vertices(geoms)
    rows = np.random.default_rng(1).permutation(len(geoms))[: len(geoms) // 2]
    xy, which = vertices.of(rows)
    expected, owner = shapely.get_coordinates(geoms[rows], return_index=True)
    assert np.array_equal(xy, expected) and np.array_equal(which, owner)


def test_ring_blobs_are_the_same_bytes_as_through_shapely():
    geoms, group = random_groups(6)
    xy, owner = shapely.get_coordinates(geoms, return_index=True)
    rings = hull_rings(xy, group[owner], int(group.max()) + 1)
    assert len(np.unique(rings.sizes)) > 3  # several ring sizes, each packed on its own
    blobs, bounds = geometry_blobs(rings)
    expected_blobs, expected_bounds = geometry_blobs(rings.to_shapely())
    assert blobs == expected_blobs
    assert np.array_equal(bounds, expected_bounds)
    assert geometry_blobs(Rings(np.empty((0, 2)), [0]))[0] == []


def test_rings_are_checked():
    square = [[0, 0], [1, 0], [1, 1], [0, 0]]
    Rings(np.array(square, dtype=float), [0, 4])
    for xy, offsets in ((square[:3], [0, 3]), (square, [0, 3]), (square, [1, 4])):
        with pytest.raises(ValueError, match="rings need"):
            Rings(np.array(xy, dtype=float), offsets)
    with pytest.raises(ValueError, match="finite"):
        geometry_blobs(Rings(np.array([[0, 0], [np.nan, 0], [1, 1], [0, 0]]), [0, 4]))
    with pytest.raises(ValueError, match="without holes"):
        Rings.from_shapely(np.array([shapely.box(0, 0, 4, 4).difference(shapely.box(1, 1, 2, 2))]))
    polygons = np.array([shapely.box(0, 0, 1, 1), shapely.box(2, 2, 5, 3)])
    assert all(shapely.equals_exact(Rings.from_shapely(polygons).to_shapely(), polygons, 0))


def test_rings_written_to_a_geopackage_open_in_ogr(tmp_path):
    geoms, group = random_groups(7, 60)
    xy, owner = shapely.get_coordinates(geoms, return_index=True)
    rings = hull_rings(xy, group[owner], int(group.max()) + 1)
    path = tmp_path / "hulls.gpkg"
    assert write_layer(path, "groups", [("n", "int")], {"n": np.arange(len(rings))}, rings, "POLYGON") == 60
    ds = ogr.Open(str(path))  # kept: the layer dies with its dataset
    layer = ds.GetLayerByName("groups")
    got = [shapely.from_wkb(bytes(f.GetGeometryRef().ExportToIsoWkb())) for f in layer]
    assert all(shapely.equals_exact(got, rings.to_shapely(), 0))
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM rtree_groups_geom").fetchone()[0] == 60
        blob = db.execute("SELECT geom FROM groups WHERE fid = 1").fetchone()[0]
    assert gpkg.decode_geometry(blob).equals_exact(rings.to_shapely()[0], 0)
    with pytest.raises(StoreError, match="polygon rings given for a LINESTRING layer"):
        write_layer(tmp_path / "l.gpkg", "t", [], {}, rings, "LINESTRING")
