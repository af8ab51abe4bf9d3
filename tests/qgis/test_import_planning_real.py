"""digonce:importplanningsites on the publishers' real files and on generated files in their
layout: every record imported, rejected with a reason or counted as left out; non-site datasets
refused naming the dataset; pages of one search (files, a folder, or fetched from a local
Elasticsearch-like server on 127.0.0.1) imported once each."""

from __future__ import annotations

import json
import sqlite3
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from helpers.local_server import serving
from helpers.planning_pld import OMITTED, pld_source

ALG = "digonce:importplanningsites"


def run(params):
    from qgis import processing

    return processing.run(ALG, params)


def count(store: Path, table: str = "planning_sites", where: str = "1") -> int:
    with sqlite3.connect(store) as db:
        return db.execute(f"SELECT count(*) FROM {table} WHERE {where}").fetchone()[0]


def mapped_flagged(store: Path) -> int:
    """Flagged sites (grid-origin centroid) that nevertheless have a geometry."""
    from osgeo import ogr

    ds = ogr.Open(str(store))
    layer = ds.GetLayerByName("planning_sites")
    n = 0
    for f in layer:
        g = f.GetGeometryRef()
        if f.GetField("centroid_suspect") and g is not None and not g.IsEmpty():
            n += 1
    return n


def source(k: int, **kw):
    """Application k, updated on a day of November 2021 and 10 m north of k - 1; no decision yet."""
    own = {
        "decision_date": OMITTED,
        "last_updated": f"2021-11-{1 + k % 28:02d}T10:00:00.000Z",
        "centroid": {"lat": 51.5390 + k * 1e-4, "lon": -0.1426},
        "centroid_northing": 183900 + k * 10,
    }
    return pld_source(k, **{**own, **kw})


def response(sources, total):
    hits = [
        {"_index": "applications", "_id": s["id"], "_source": s, "sort": [k]} for k, s in enumerate(sources)
    ]
    return {
        "is_partial": False,
        "is_running": False,
        "rawResponse": {"timed_out": False, "hits": {"total": total, "max_score": None, "hits": hits}},
    }


def accounted(out) -> bool:
    """records read = imported + rejected + left out, in the algorithm's own outputs."""
    return out["HITS_READ"] == out["SITES"] + out["CONSERVATION_AREAS"] + out["REJECTED"] + out["DUPLICATES"]


# --- the real files ---------------------------------------------------------------------------

PLD_REAL = {
    # file: (hits read, sites, rejected, flagged grid-origin centroids, stated total)
    "all_in_specific_time_recent.json": (500, 500, 0, 80, 1749),
    "all_in_specific_time_in_past.json": (68, 68, 0, 0, 68),
    "major_only.json": (8, 8, 0, 0, 8),
}


@pytest.mark.parametrize("name", sorted(PLD_REAL))
def test_real_pld_file_imports_with_every_record_accounted_for(plugin_provider, shared_data, tmp_path, name):
    hits, sites, rejected, flagged, total = PLD_REAL[name]
    store = tmp_path / "store.gpkg"
    out = run({"INPUT": str(shared_data / "planning" / "pld_colouring_cities" / name), "STORE": str(store)})
    assert (out["HITS_READ"], out["SITES"], out["REJECTED"], out["CENTROID_SUSPECT"]) == (
        hits,
        sites,
        rejected,
        flagged,
    )
    assert out["STATED_TOTAL"] == total and out["NOT_IN_FILES"] == total - sites
    assert accounted(out) and out["IMPORTED"] == sites == count(store)
    # the grid-origin centroids stay flagged and unmapped
    assert count(store, where="centroid_suspect = 1") == flagged
    assert mapped_flagged(store) == 0


def test_real_one_page_response_says_500_of_1749(plugin_provider, shared_data, tmp_path):
    path = shared_data / "planning" / "pld_colouring_cities" / "all_in_specific_time_recent.json"
    out = run({"INPUT": str(path), "STORE": str(tmp_path / "s.gpkg")})
    assert "matched 1749 applications: 1249 of them are not in the files read" in out["MESSAGE"]


def test_real_pld_folder_imports_the_shared_application_once(plugin_provider, shared_data, tmp_path):
    store = tmp_path / "s.gpkg"
    out = run({"INPUT": str(shared_data / "planning" / "pld_colouring_cities"), "STORE": str(store)})
    assert out["HITS_READ"] == 576 and out["SITES"] == 575 and out["DUPLICATES"] == 1
    assert out["FILES_READ"] == 3 and accounted(out) and count(store) == 575


def test_real_responses_sharing_an_application_import_one_after_the_other(
    plugin_provider, shared_data, tmp_path
):
    # in_past and major_only share one application: the second import used to fail with
    # "UNIQUE constraint failed" (ids unique across per-file scopes)
    folder = shared_data / "planning" / "pld_colouring_cities"
    store = tmp_path / "s.gpkg"
    run({"INPUT": str(folder / "all_in_specific_time_in_past.json"), "STORE": str(store)})
    out = run({"INPUT": str(folder / "major_only.json"), "STORE": str(store)})
    assert out["SITES"] == 8 and count(store) == 68 + 8 - 1


@pytest.mark.parametrize(
    ("name", "dataset"),
    [
        ("local-authority-district.geojson", "local-authority-district"),
        ("entities.csv", "entity list"),
    ],
)
def test_real_barnet_outline_and_entity_list_are_refused_naming_the_dataset(
    plugin_provider, shared_data, tmp_path, name, dataset
):
    from qgis.core import QgsProcessingException

    store = tmp_path / "s.gpkg"
    path = shared_data / "planning" / "barnet_conservation_areas" / name
    with pytest.raises(QgsProcessingException, match=f"{name}.*{dataset}.*not planning sites"):
        run({"INPUT": str(path), "STORE": str(store)})
    assert not store.exists() or count(store, "digonce_catalogue", "kind = 'planning_sites'") == 0


@pytest.mark.parametrize(("name", "n"), [("entities.geojson", 33), ("barnet.geojson", 16)])
def test_real_barnet_conservation_areas_go_to_their_own_layer_not_the_sites(
    plugin_provider, shared_data, tmp_path, name, n
):
    store = tmp_path / "s.gpkg"
    out = run(
        {"INPUT": str(shared_data / "planning" / "barnet_conservation_areas" / name), "STORE": str(store)}
    )
    assert out["CONSERVATION_AREAS"] == n == out["IMPORTED"] and out["SITES"] == 0 and out["REJECTED"] == 0
    assert accounted(out) and out["OUTPUT"].endswith("|layername=conservation_areas")
    assert count(store, "conservation_areas") == n
    with sqlite3.connect(store) as db:  # no empty planning_sites table made for an areas-only import
        tables = {t for (t,) in db.execute("SELECT table_name FROM gpkg_contents")}
        (styled,) = db.execute(
            "SELECT count(*) FROM layer_styles WHERE f_table_name = 'conservation_areas'"
        ).fetchone()
    assert "planning_sites" not in tables and styled == 1


# --- generated files in the Datahub's layout -----------------------------------------------------


def test_duplicate_id_is_a_reject_and_the_counts_match_the_store(plugin_provider, tmp_path):
    # SITES said 161 while the store held 160
    srcs = [source(k) for k in range(1, 161)] + [source(7, last_updated="2021-12-30T00:00:00.000Z")]
    path = tmp_path / "dup.json"
    path.write_text(json.dumps(response(srcs, 161)))
    store = tmp_path / "s.gpkg"
    out = run({"INPUT": str(path), "STORE": str(store)})
    assert out["SITES"] == 160 == count(store) and out["REJECTED"] == 1 and accounted(out)
    assert count(store, "rejects", "record = 'Camden-7' AND reason LIKE '%duplicate%'") == 1


def test_bad_polygons_are_rejects_in_the_store_and_the_sites_stay(plugin_provider, tmp_path):
    ring = [[528000, 183000], [528100, 183000], [528100, 183100], [528000, 183100], [528000, 183000]]
    srcs = [
        source(1, polygon={"type": "Polygon", "coordinates": [[[1e308, 1e308], *ring[1:]]]}),
        source(2, polygon={"type": "LineString", "coordinates": ring}),
        source(3, polygon={"type": "Polygon", "coordinates": [ring]}),
        source(4, polygon={"type": "Polygon", "coordinates": [[[1e150, 0], *ring[1:]]]}, centroid=None,
               centroid_easting=None, centroid_northing=None),
    ]  # fmt: skip
    path = tmp_path / "p.json"
    path.write_text(json.dumps(response(srcs, 4)))
    store = tmp_path / "s.gpkg"
    out = run({"INPUT": str(path), "STORE": str(store)})
    assert out["SITES"] == 3 and out["REJECTED"] == 1 and out["POLYGON_FAULTS"] == 2 and out["POLYGONS"] == 1
    assert accounted(out) and count(store, "planning_site_polygons") == 1
    assert count(store, "rejects", "field = 'polygon'") == 2
    assert count(store, "rejects", "record = 'Camden-4' AND field = 'centroid'") == 1


def test_an_empty_response_leaves_the_sites_in_the_store(plugin_provider, tmp_path):
    store = tmp_path / "s.gpkg"
    full, empty = tmp_path / "full.json", tmp_path / "empty.json"
    full.write_text(json.dumps(response([source(k) for k in range(1, 6)], 5)))
    empty.write_text(json.dumps(response([], 0)))
    run({"INPUT": str(full), "STORE": str(store)})
    out = run({"INPUT": str(empty), "STORE": str(store)})
    assert out["HITS_READ"] == 0 and out["IMPORTED"] == 0 and count(store) == 5


def test_an_older_version_imported_later_does_not_replace_the_newer(plugin_provider, tmp_path):
    store = tmp_path / "s.gpkg"
    new, old = tmp_path / "new.json", tmp_path / "old.json"
    new.write_text(
        json.dumps(response([source(1, status="Completed", last_updated="2022-01-01T00:00:00Z")], 1))
    )
    old.write_text(
        json.dumps(response([source(1, status="Submitted", last_updated="2021-01-01T00:00:00Z")], 1))
    )
    run({"INPUT": str(new), "STORE": str(store)})
    out = run({"INPUT": str(old), "STORE": str(store)})
    assert out["OLDER_THAN_STORE"] == 1 and count(store, where="status = 'Completed'") == 1


def test_several_files_separated_by_semicolons(plugin_provider, tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text(json.dumps(response([source(k) for k in range(1, 4)], 6)))
    b.write_text(json.dumps(response([source(k) for k in range(3, 7)], 6)))
    store = tmp_path / "s.gpkg"
    out = run({"INPUT": f"{a};{b}", "STORE": str(store)})
    assert out["SITES"] == 6 == count(store) and out["DUPLICATES"] == 1 and out["NOT_IN_FILES"] == 0


def test_planning_data_gov_uk_brownfield_units_and_decision_date(plugin_provider, tmp_path):
    feats = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [-0.195, 51.605]},
            "properties": {"dataset": "brownfield-land", "entity": 1700001, "reference": "BR/1",
                           "maximum-net-dwellings": "45", "planning-permission-date": "2023-07-14",
                           "organisation-entity": "16"},
        }
    ]  # fmt: skip
    path = tmp_path / "brownfield-land.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": feats}))
    store = tmp_path / "s.gpkg"
    run({"INPUT": str(path), "STORE": str(store)})
    with sqlite3.connect(store) as db:
        row = db.execute(
            "SELECT units, decision_date, lpa_name, organisation_entity FROM planning_sites"
        ).fetchone()
    assert row == (45, "2023-07-14", None, "16")


# --- a search address served by a local Elasticsearch-like server --------------------------------


class SearchHandler(BaseHTTPRequestHandler):
    """GET .../applications/_search?from=&size= over ``index``; no ETag (search results are live)."""

    index: list[dict] = []
    asked: list[str] = []
    post_only = False

    def log_message(self, *args):
        pass

    def _body(self) -> bytes:
        q = parse_qs(urlsplit(self.path).query)
        start, size = int(q.get("from", ["0"])[0]), int(q.get("size", ["10"])[0])
        hits = [
            {"_index": "applications", "_id": s["id"], "_source": s} for s in self.index[start : start + size]
        ]
        doc = {
            "took": 1,
            "timed_out": False,
            "hits": {"total": {"value": len(self.index), "relation": "eq"}, "hits": hits},
        }
        return json.dumps(doc).encode()

    def do_HEAD(self):
        body = self._body()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()

    def do_GET(self):
        type(self).asked.append(self.path)
        if type(self).post_only:
            self.send_response(405)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = self._body()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def search_server():
    SearchHandler.index = [source(k) for k in range(1, 24)]
    SearchHandler.asked = []
    SearchHandler.post_only = False
    with serving(SearchHandler) as base:
        yield f"{base}/api-guest/applications/_search"


def test_search_address_fetches_every_page(plugin_provider, search_server, tmp_path):
    store = tmp_path / "s.gpkg"
    out = run({"INPUT": search_server, "STORE": str(store), "PAGE_SIZE": 10})
    assert SearchHandler.asked == [f"/api-guest/applications/_search?size=10&from={s}" for s in (0, 10, 20)]
    assert out["SITES"] == 23 == count(store) and out["FILES_READ"] == 3 and out["NOT_IN_FILES"] == 0
    # the pages are not kept: search results are live, the next run fetches them again
    assert not list((tmp_path / "dig_once_downloads").glob("pld-search-*"))
    SearchHandler.index.append(source(24))
    out = run({"INPUT": search_server, "STORE": str(store), "PAGE_SIZE": 10})
    assert out["SITES"] == 24 == count(store)


# --- broken files: a clear message naming the file, the store unchanged ------------------------------

BROKEN = {
    "deep.json": ('{"hits": {"hits": ' + "[" * 10_000 + "]" * 10_000 + "}}", "nests arrays or objects"),
    "cut.json": (
        '{"rawResponse": {"hits": {"total": 5, "hits": [{"_id": "a", "_sour',
        "not readable as JSON",
    ),
    "latin1.json": ('{"hits": {"hits": [{"_source": {"id": "Caf\xe9"}}]}}', "not UTF-8"),
    "empty.json": ("", "not readable as JSON"),
    "kibana_error.json": ('{"statusCode": 400, "error": "Bad Request"}', "no hits.hits"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_a_broken_file_is_a_clear_message_and_the_store_is_unchanged(plugin_provider, tmp_path, name):
    from qgis.core import QgsProcessingException

    text, reason = BROKEN[name]
    store = tmp_path / "s.gpkg"
    good = tmp_path / "good.json"
    good.write_text(json.dumps(response([source(k) for k in range(1, 6)], 5)))
    run({"INPUT": str(good), "STORE": str(store)})
    path = tmp_path / name
    path.write_bytes(text.encode("latin-1"))
    with pytest.raises(QgsProcessingException, match=f"{name}.*{reason}"):
        run({"INPUT": str(path), "STORE": str(store)})
    assert count(store) == 5 and count(store, "digonce_catalogue", "kind = 'planning_sites'") == 1


def test_a_response_file_at_a_url_is_one_page_and_says_so(plugin_provider, search_server, tmp_path):
    url = search_server.replace("/api-guest/applications/_search", "/saved/response.json")
    store = tmp_path / "s.gpkg"
    out = run({"INPUT": url, "STORE": str(store)})
    assert SearchHandler.asked == ["/saved/response.json"]  # no paging: not a search address
    assert out["SITES"] == 10 == count(store) and out["STATED_TOTAL"] == 23 and out["NOT_IN_FILES"] == 13


def test_a_search_server_that_refuses_get_says_what_to_do(plugin_provider, search_server, tmp_path):
    from qgis.core import QgsProcessingException

    SearchHandler.post_only = True
    store = tmp_path / "s.gpkg"
    with pytest.raises(
        QgsProcessingException, match=r"_search\?size=500&from=0.*HTTP 405.*only as POST.*import the files"
    ):
        run({"INPUT": search_server, "STORE": str(store)})


def test_no_replace_switch_on_an_import_that_never_removes_sites(plugin_provider):
    from qgis.core import QgsApplication

    alg = QgsApplication.processingRegistry().algorithmById(ALG)
    assert alg.parameterDefinition("REPLACE") is None and alg.parameterDefinition("PAGE_SIZE") is not None


def test_a_secret_in_the_search_address_is_not_kept_in_the_store(plugin_provider, search_server, tmp_path):
    store = tmp_path / "s.gpkg"
    url = search_server + "?api_key=KEYCANARY"
    out = run({"INPUT": url, "STORE": str(store), "PAGE_SIZE": 10})
    assert out["SITES"] == 23 and "CANARY" not in out["MESSAGE"]
    assert "CANARY" not in store.read_bytes().decode("latin-1")
    assert not [p for p in tmp_path.rglob("*") if p.is_file() and b"CANARY" in p.read_bytes()]
