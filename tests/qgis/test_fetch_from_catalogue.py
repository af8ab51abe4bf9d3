"""digonce:fetchfromcatalogue end to end against a local server (127.0.0.1) that serves the
sample data at the publishers' real paths, with their headers, a redirect, ETags, a 404 for a
month the server does not hold, a slow response and an interrupted one. A user catalogue's
``hosts`` map points every publisher's host at the server."""

from __future__ import annotations

import hashlib
import io
import json
import re
import sqlite3
import sys
import time
import zipfile
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit
from xml.etree.ElementTree import canonicalize

import pytest
from helpers.local_server import serving

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "unit"))
from sm_fixtures import section58_event, write_archive
from test_venues_gpkg import make_cim_gpkg

REPO = Path(__file__).resolve().parents[2]
CATALOGUE = REPO / "resources" / "catalogue" / "catalogue.json"
SM_PATH = "/permit/2026/03.zip"
S58_PATH = "/section_58/2026/03.zip"
OFCOM_PATH = (
    "/siteassets/resources/documents/research-and-data/multi-sector/infrastructure-research/"
    "connected-nations-2025/202507_fixed_broadband_coverage_r01.zip"
)
PUBS_PATH = "/download/cultural-infrastructure-map/7e6b0f36-da01-4029-99d7-640d89c4a0a4/Pubs.csv"
PUBS_MOVED = "/download/cultural-infrastructure-map-2019/pubs/Pubs.csv"
CIM_GPKG = "/download/cultural-infrastructure-map-2023/b4fe7632-deef-4c10-adb0-bb7eeba82611/cultural_venues_in_GIS_format.gpkg"
USRN_PATH = "/downloads/v1/products/OpenUSRN/downloads"
USRN_FILE = "/downloads/v1/products/OpenUSRN/file/osopenusrn_202611_gpkg.zip"


def _ofcom_download(paths: dict) -> bytes:
    """Ofcom's 2025 layout: an outer ZIP holding the postcode ZIP (postcode_files/)."""
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as z:
        for key, path in paths.items():
            if key.startswith("ofcom_postcode_"):
                z.write(path, f"202507_fixed_pc_coverage_r01/postcode_files/{Path(path).name}")
    outer = io.BytesIO()
    with zipfile.ZipFile(outer, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("202507_fixed_coverage_r01/202507_fixed_pc_coverage_r01.zip", inner.getvalue())
    return outer.getvalue()


class Publisher(BaseHTTPRequestHandler):
    """The publishers' paths. Class attributes are set by the fixture."""

    files: dict[str, tuple[bytes, str]] = {}
    redirects: dict[str, str] = {}
    slow: set[str] = set()
    cut_once: set[str] = set()
    refuse: set[str] = set()
    pld_hits: list = []
    entities: list = []
    log: list[tuple[str, str, int]] = []

    def log_message(self, *args):
        pass

    def _send(self, status: int, body: bytes, ctype: str, extra: dict | None = None, head: bool = False):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()
        if head:
            return
        path = urlsplit(self.path).path
        if path in type(self).cut_once and status == 200:
            type(self).cut_once.discard(path)
            self.wfile.write(body[: len(body) // 3])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(2)
            return
        if path in type(self).slow:
            step = max(1, len(body) // 10)
            try:
                for i in range(0, len(body), step):
                    self.wfile.write(body[i : i + step])
                    self.wfile.flush()
                    time.sleep(0.1)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client cancelled
            return
        self.wfile.write(body)

    def _route(self, head: bool) -> None:
        parts = urlsplit(self.path)
        path, query = parts.path, dict(parse_qsl(parts.query, keep_blank_values=True))
        cls = type(self)
        if path in cls.redirects:
            cls.log.append((self.command, self.path, 302))
            self._send(302, b"", "text/plain", {"Location": cls.redirects[path]}, head)
            return
        if path == "/api-guest/applications/_search":
            start, size = int(query.get("from", 0)), int(query.get("size", 10))
            doc = {
                "hits": {
                    "total": {"value": len(cls.pld_hits), "relation": "eq"},
                    "hits": cls.pld_hits[start : start + size],
                }
            }
            cls.log.append((self.command, self.path, 200))
            self._send(200, json.dumps(doc).encode(), "application/json", None, head)
            return
        if path == "/entity.geojson":
            start, size = int(query.get("offset", 0)), int(query.get("limit", 10))
            chosen = [f for f in cls.entities if f["properties"].get("dataset") == query.get("dataset")]
            doc = {"type": "FeatureCollection", "features": chosen[start : start + size]}
            cls.log.append((self.command, self.path, 200))
            self._send(200, json.dumps(doc).encode(), "application/geo+json", None, head)
            return
        if path in cls.refuse:
            cls.log.append((self.command, self.path, 403))
            self._send(403, b"Forbidden", "text/plain", None, head)
            return
        if path not in cls.files:
            cls.log.append((self.command, self.path, 404))
            self._send(404, b"<Error><Code>NoSuchKey</Code></Error>", "application/xml", None, head)
            return
        body, ctype = cls.files[path]
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        validators = {
            "ETag": etag,
            "Last-Modified": "Sun, 01 Nov 2026 00:00:00 GMT",
            "Accept-Ranges": "bytes",
        }
        rng = self.headers.get("Range")
        if rng and not head:
            start = int(rng.split("=")[1].rstrip("-"))
            cls.log.append((self.command, self.path, 206))
            extra = {**validators, "Content-Range": f"bytes {start}-{len(body) - 1}/{len(body)}"}
            self._send(206, body[start:], ctype, extra, head)
            return
        cls.log.append((self.command, self.path, 200))
        self._send(200, body, ctype, validators, head)

    def do_GET(self):
        self._route(head=False)

    def do_HEAD(self):
        self._route(head=True)


@pytest.fixture(scope="module")
def sample(tmp_path_factory, sample_generator):
    return sample_generator.generate(
        tmp_path_factory.mktemp("catalogue-sample"), seed=11, n_works=80, months=("2026-03",)
    )


@pytest.fixture
def server(sample, tmp_path):
    paths = sample["paths"]
    archive = Path(paths["streetmanager_2026-03"]).read_bytes()
    s58 = write_archive(
        tmp_path / "s58.zip", [section58_event(i, f"S58-{i}") for i in range(1, 4)]
    ).read_bytes()
    Publisher.files = {
        SM_PATH: (archive, "application/zip"),
        S58_PATH: (s58, "application/zip"),
        OFCOM_PATH: (_ofcom_download(paths), "application/zip"),
        PUBS_MOVED: (Path(paths["cultural_Pubs"]).read_bytes(), "text/csv; charset=utf-8"),
        USRN_FILE: (b"PK\x05\x06" + b"\0" * 18, "application/zip"),
    }
    Publisher.redirects = {PUBS_PATH: PUBS_MOVED, USRN_PATH: USRN_FILE}
    Publisher.slow = set()
    Publisher.cut_once = set()
    Publisher.refuse = set()
    pld = json.loads(Path(paths["planning_pld"]).read_text(encoding="utf-8"))
    Publisher.pld_hits = pld["rawResponse"]["hits"]["hits"]
    Publisher.entities = json.loads(Path(paths["conservation_areas"]).read_text(encoding="utf-8"))["features"]
    Publisher.log = []
    with serving(Publisher) as base:
        shipped = json.loads(CATALOGUE.read_text(encoding="utf-8"))
        hosts = {entry["base_url"]: base for entry in shipped["sources"].values()}
        user = tmp_path / "local_catalogue.json"
        user.write_text(json.dumps({"hosts": hosts}), encoding="utf-8")
        yield {"base": base, "catalogue": user, "log": Publisher.log, "sample": sample}


class Feedback:
    """A QgsProcessingFeedback that keeps what was said (made lazily: QGIS must be up)."""

    def __new__(cls, cancel_on_progress: bool = False):
        from qgis.core import QgsProcessingFeedback

        class _Feedback(QgsProcessingFeedback):
            def __init__(self):
                super().__init__()
                self.lines: list[str] = []
                self.progressChanged.connect(self._progress)

            def _progress(self, value):
                if cancel_on_progress and 0 < value < 100:
                    self.cancel()

            def pushInfo(self, text):
                self.lines.append(text)
                super().pushInfo(text)

            def pushWarning(self, text):
                self.lines.append(text)
                super().pushWarning(text)

            def text(self) -> str:
                return "\n".join(self.lines)

        return _Feedback()


def fetch(server, tmp_path: Path, feedback=None, **params):
    from qgis import processing
    from qgis.core import QgsProcessingContext

    args = {
        "CATALOGUE": str(server["catalogue"]),
        "STORE": str(tmp_path / "store.gpkg"),
        "ACCEPT_LICENCE": True,
    }
    args.update(params)
    return processing.run(
        "digonce:fetchfromcatalogue", args, context=QgsProcessingContext(), feedback=feedback or Feedback()
    )


def catalogue_rows(store: Path) -> list[dict]:
    if not store.exists():
        return []
    with sqlite3.connect(store) as db:
        db.row_factory = sqlite3.Row
        return [dict(r) for r in db.execute("SELECT * FROM digonce_catalogue ORDER BY id")]


def gets(server, path: str) -> list[int]:
    return [status for method, p, status in server["log"] if method == "GET" and urlsplit(p).path == path]


# --- Street Manager -------------------------------------------------------------------------


def test_street_manager_month_is_downloaded_resumed_and_imported_with_its_origin(
    plugin_provider, server, tmp_path
):
    Publisher.cut_once = {SM_PATH}  # the first answer stops a third of the way: resumed with Range
    feedback = Feedback()
    result = fetch(server, tmp_path, feedback, SOURCE="street_manager_permits", MONTH="2026-03")
    assert gets(server, SM_PATH) == [200, 206]
    assert "resuming" in feedback.text()
    assert result["PERMITS"] > 0 and result["EVENTS_READ"] > 0
    assert result["LICENCE"] == "Open Government Licence v3.0"
    assert result["SOURCE_ADDRESS"] == server["base"] + SM_PATH
    served = hashlib.sha256(Publisher.files[SM_PATH][0]).hexdigest()
    assert result["SHA256"] == served
    (row,) = catalogue_rows(tmp_path / "store.gpkg")
    origin = json.loads(row["origin"])
    assert origin["catalogue_source"] == "street_manager_permits"
    assert origin["address"] == server["base"] + SM_PATH and origin["sha256"] == served
    assert "Department for Transport" in origin["attribution"] and origin["choices"] == {"MONTH": "2026-03"}


def test_a_second_fetch_of_an_unchanged_month_downloads_nothing_and_changes_nothing(
    plugin_provider, server, tmp_path
):
    fetch(server, tmp_path, SOURCE="street_manager_permits", MONTH="2026-03")
    again = fetch(server, tmp_path, SOURCE="street_manager_permits", MONTH="2026-03")
    assert gets(server, SM_PATH) == [200]  # the second run asked HEAD only (same ETag)
    assert again["UNCHANGED"] == 1
    assert len(catalogue_rows(tmp_path / "store.gpkg")) == 1


def test_a_month_the_publisher_does_not_have_says_not_found_and_leaves_the_store_empty(
    plugin_provider, server, tmp_path
):
    from qgis.core import QgsProcessingException

    with pytest.raises(
        QgsProcessingException, match=r"2026-02: the publisher has no file at .*/permit/2026/02\.zip"
    ):
        fetch(server, tmp_path, SOURCE="street_manager_permits", MONTH="2026-02")
    assert gets(server, "/permit/2026/02.zip") == [404]
    assert catalogue_rows(tmp_path / "store.gpkg") == []


def test_a_month_not_yet_published_is_refused_before_any_download(plugin_provider, server, tmp_path):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match=r"2099-01 is not published yet.*latest month published"):
        fetch(server, tmp_path, SOURCE="street_manager_permits", MONTH="2099-01")
    assert server["log"] == []


def test_a_licence_not_accepted_is_named_and_nothing_is_downloaded(plugin_provider, server, tmp_path):
    from qgis.core import QgsProcessingException

    with pytest.raises(
        QgsProcessingException, match=r"under the Open Government Licence v3\.0 .*ACCEPT_LICENCE=true"
    ):
        fetch(server, tmp_path, SOURCE="street_manager_permits", MONTH="2026-03", ACCEPT_LICENCE=False)
    assert server["log"] == []


def test_an_unknown_source_lists_the_sources(plugin_provider, server, tmp_path):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match=r"no source 'streetmanager'.*street_manager_permits"):
        fetch(server, tmp_path, SOURCE="streetmanager")


def test_a_malformed_user_catalogue_names_the_source_and_field(plugin_provider, server, tmp_path):
    from qgis.core import QgsProcessingException

    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"sources": {"street_manager_permits": {"path": "/permit/{YEAR}.zip"}}}))
    with pytest.raises(
        QgsProcessingException,
        match=r"bad\.json.*source 'street_manager_permits', field 'path': unknown placeholder",
    ):
        fetch(server, tmp_path, SOURCE="street_manager_permits", CATALOGUE=str(bad))


def test_cancel_during_a_slow_download_leaves_the_store_unchanged(plugin_provider, server, tmp_path):
    from qgis.core import QgsProcessingException

    Publisher.slow = {OFCOM_PATH}
    with pytest.raises(QgsProcessingException, match="Cancelled during the download"):
        fetch(server, tmp_path, Feedback(cancel_on_progress=True), SOURCE="ofcom_connected_nations")
    assert catalogue_rows(tmp_path / "store.gpkg") == []


# --- the other publishers -------------------------------------------------------------------


def test_section_58_month_imports_restrictions(plugin_provider, server, tmp_path):
    result = fetch(server, tmp_path, SOURCE="street_manager_section_58", MONTH="2026-03")
    assert result["RESTRICTION_COUNT"] == 3
    assert json.loads(catalogue_rows(tmp_path / "store.gpkg")[0]["origin"])["address"].endswith(S58_PATH)


def test_ofcom_release_served_slowly_is_imported(plugin_provider, server, tmp_path):
    Publisher.slow = {OFCOM_PATH}
    centroids = server["sample"]["paths"]["postcode_centroids"]
    result = fetch(
        server,
        tmp_path,
        SOURCE="ofcom_connected_nations",
        RELEASE="2025-07",
        IMPORT_OPTIONS=f"CENTROIDS={centroids}",
    )
    assert result["IMPORTED"] > 0 and result["CONFIRMED"] == 1
    origin = json.loads(catalogue_rows(tmp_path / "store.gpkg")[0]["origin"])
    assert origin["catalogue_source"] == "ofcom_connected_nations" and "Ofcom" in origin["attribution"]


def test_an_unconfirmed_release_is_said_before_the_download(plugin_provider, server, tmp_path):
    from qgis.core import QgsProcessingException

    feedback = Feedback()
    with pytest.raises(QgsProcessingException, match="not found"):
        fetch(server, tmp_path, feedback, SOURCE="ofcom_connected_nations", RELEASE="2019-12")
    assert "is not confirmed from the publisher's documentation" in feedback.text()


def test_a_browser_check_page_instead_of_the_file_is_said(plugin_provider, server, tmp_path):
    from qgis.core import QgsProcessingException

    page = b"<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>Checking</body></html>"
    Publisher.files[OFCOM_PATH] = (page, "text/html; charset=UTF-8")
    with pytest.raises(QgsProcessingException, match=r"answered with a web page, not the \.zip file"):
        fetch(server, tmp_path, SOURCE="ofcom_connected_nations")
    assert catalogue_rows(tmp_path / "store.gpkg") == []


def test_a_refused_download_says_what_to_do(plugin_provider, server, tmp_path):
    from qgis.core import QgsProcessingException

    Publisher.redirects[OFCOM_PATH] = "/forbidden"
    Publisher.files["/forbidden"] = (b"", "text/plain")
    Publisher.refuse = {"/forbidden"}
    with pytest.raises(QgsProcessingException, match=r"refused the download .*HTTP 403.*save the file"):
        fetch(server, tmp_path, SOURCE="ofcom_connected_nations")


def test_a_user_catalogue_given_as_an_address_is_used(plugin_provider, server, tmp_path):
    Publisher.files["/mine/catalogue.json"] = (server["catalogue"].read_bytes(), "application/json")
    result = fetch(
        server, tmp_path, SOURCE="street_manager_permits", MONTH="2026-03",
        CATALOGUE=server["base"] + "/mine/catalogue.json",
    )  # fmt: skip
    assert result["PERMITS"] > 0 and result["SOURCE_ADDRESS"] == server["base"] + SM_PATH


def test_cultural_layer_followed_through_a_redirect_is_imported(plugin_provider, server, tmp_path):
    result = fetch(server, tmp_path, SOURCE="gla_cultural_infrastructure", LAYER="pubs")
    assert [s for m, p, s in server["log"] if m == "GET"][:2] == [302, 200]
    assert result["IMPORTED"] > 0
    assert json.loads(catalogue_rows(tmp_path / "store.gpkg")[0]["origin"])["licence"].startswith(
        "Open Government"
    )


def test_cultural_geopackage_of_every_layer_is_the_default_and_is_imported(plugin_provider, server, tmp_path):
    places = [
        ({"name": f"Venue {i}", "borough_code": "E09000012"}, (534000.0 + 50 * i, 184000.0)) for i in range(3)
    ]
    gpkg = make_cim_gpkg(
        tmp_path / "cim.gpkg",
        {"Theatres": (27700, ["name", "borough_code"], places[:2]), "Cinemas": (27700, ["name", "borough_code"], places[2:])},
    )  # fmt: skip
    Publisher.files[CIM_GPKG] = (gpkg.read_bytes(), "application/geopackage+sqlite3")
    result = fetch(server, tmp_path, SOURCE="gla_cultural_infrastructure")
    assert gets(server, CIM_GPKG) == [200]
    assert result["IMPORTED"] == 3 and result["LABEL"].endswith("Every layer (2023 GeoPackage)")


def test_datahub_search_is_fetched_page_by_page_by_the_import(plugin_provider, server, tmp_path):
    result = fetch(server, tmp_path, SOURCE="pld_planning_applications", IMPORT_OPTIONS="PAGE_SIZE=50")
    pages = [p for m, p, s in server["log"] if urlsplit(p).path.endswith("/_search")]
    assert len(pages) == -(-len(Publisher.pld_hits) // 50)
    assert result["HITS_READ"] == len(Publisher.pld_hits) and result["NOT_IN_FILES"] == 0
    origin = json.loads(catalogue_rows(tmp_path / "store.gpkg")[0]["origin"])
    assert origin["catalogue_source"] == "pld_planning_applications" and origin["sha256"]


def test_entity_api_pages_are_fetched_until_a_short_page(plugin_provider, server, tmp_path):
    paged = tmp_path / "paged.json"
    shipped = json.loads(server["catalogue"].read_text())
    shipped["sources"] = {"planning_data_gov_uk": {"paging": {"size": 5}}}
    paged.write_text(json.dumps(shipped))
    n = len(Publisher.entities)
    result = fetch(
        server, tmp_path, SOURCE="planning_data_gov_uk", DATASET="conservation-area", CATALOGUE=str(paged)
    )
    requested = [p for m, p, s in server["log"] if urlsplit(p).path == "/entity.geojson" and m == "GET"]
    assert len(requested) == n // 5 + 1  # the last one short (or empty, and then not imported)
    assert result["CONSERVATION_AREAS"] == n
    origin = json.loads(catalogue_rows(tmp_path / "store.gpkg")[0]["origin"])
    assert len(origin["addresses"]) == -(-n // 5) and "offset=5" in origin["addresses"][1]


def test_an_organisation_with_no_entities_is_said(plugin_provider, server, tmp_path):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match="lists no entities for this choice"):
        fetch(server, tmp_path, SOURCE="planning_data_gov_uk", DATASET="brownfield-land", ORGANISATION="1")


def test_os_open_usrn_is_downloaded_through_the_api_redirect_only(plugin_provider, server, tmp_path):
    result = fetch(server, tmp_path, SOURCE="os_open_usrn")
    out = Path(result["OUTPUT_FILE"])
    assert out.suffix == ".zip" and out.read_bytes() == Publisher.files[USRN_FILE][0]
    assert result["IMPORT_ID"] is None and "no Dig Once import reads this file" in result["MESSAGE"]
    assert catalogue_rows(tmp_path / "store.gpkg") == []


def test_every_parameter_has_help(plugin_provider):
    from qgis.core import QgsApplication

    alg = QgsApplication.processingRegistry().algorithmById("digonce:fetchfromcatalogue")
    assert alg is not None and alg.shortHelpString()
    for param in alg.parameterDefinitions():
        assert param.help(), param.name()


# --- headless ---------------------------------------------------------------------------------


def test_qgis_process_runs_the_monthly_fetch(run_qgis_process, server, tmp_path):
    store = tmp_path / "store.gpkg"
    out = run_qgis_process(
        [
            "run",
            "digonce:fetchfromcatalogue",
            "--",
            "SOURCE=street_manager_permits",
            "MONTH=2026-03",
            "ACCEPT_LICENCE=true",
            f"CATALOGUE={server['catalogue']}",
            f"STORE={store}",
        ],
        json_output=True,
    )
    results = out["results"]
    assert results["PERMITS"] > 0 and results["LICENCE"] == "Open Government Licence v3.0"
    assert json.loads(catalogue_rows(store)[0]["origin"])["catalogue_source"] == "street_manager_permits"


# --- scripts/monthly.sh with catalogue sources ---------------------------------------------


def monthly(*args, profile: Path):
    import os
    import shutil
    import subprocess

    if shutil.which("qgis_process") is None:
        pytest.skip("qgis_process is not installed")
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run(
        ["bash", str(REPO / "scripts" / "monthly.sh"), "--profile", str(profile), *map(str, args)],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.mark.slow
def test_monthly_routine_fetches_a_catalogue_month(server, tmp_path):
    store, out = tmp_path / "store.gpkg", tmp_path / "out"
    ran = monthly(
        "--store", store, "--out", out, "--accept-licence", "--catalogue", server["catalogue"],
        "catalogue:street_manager_permits:2026-03", profile=tmp_path / "profile",
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    march = out / "2026-03"
    text = (march / "import_street_manager_permits_2026-03.json").read_text(encoding="utf-8")
    fetched = json.loads(text[text.index("{") :])["results"]
    assert fetched["PERMITS"] > 0 and fetched["LICENCE"] == "Open Government Licence v3.0"
    assert (march / "pairs.gpkg").exists()
    assert gets(server, SM_PATH) == [200]


def test_monthly_routine_without_accepting_the_licence_names_it(server, tmp_path):
    ran = monthly(
        "--store", tmp_path / "store.gpkg", "--out", tmp_path / "out", "--catalogue", server["catalogue"],
        "catalogue:street_manager_permits:2026-03", profile=tmp_path / "profile",
    )  # fmt: skip
    assert ran.returncode == 1
    assert "Open Government Licence v3.0" in ran.stderr and "ACCEPT_LICENCE" in ran.stderr
    assert server["log"] == []


def test_monthly_routine_refuses_a_malformed_catalogue_source(tmp_path):
    ran = monthly(
        "--store", tmp_path / "s.gpkg", "--out", tmp_path, "catalogue:Street Manager", profile=tmp_path
    )
    assert ran.returncode == 2 and "catalogue:SOURCE or catalogue:SOURCE:YYYY-MM" in ran.stderr


# --- the layers loaded, as the toolbox loads them ---------------------------------------------


def loaded_layers(algorithm: str, parameters: dict) -> list[tuple[str, str, str, dict]]:
    """Run ``algorithm`` as the toolbox does (layers loaded on completion, their post-processors
    applied) into an empty project: each layer's name, geometry type, renderer and the parameters
    stamped on it."""
    from qgis import processing
    from qgis.core import QgsProcessingContext, QgsProject

    project = QgsProject.instance()
    project.clear()
    context = QgsProcessingContext()
    context.setProject(project)
    processing.runAndLoadResults(algorithm, parameters, feedback=Feedback(), context=context)
    loaded = [
        (
            layer.name(),
            layer.source().partition("|geometrytype=")[2],
            renderer_xml(layer),
            json.loads(layer.customProperty("dig_once/parameters") or "{}"),
        )
        for layer in project.mapLayers().values()
    ]
    project.clear()
    return sorted(loaded)


def renderer_xml(layer) -> str:
    """The layer's renderer as QGIS saves it, comparable: attributes in one order (Qt writes them
    in a hash's order) and without the symbol layers' ids (new for every symbol)."""
    from qgis.core import QgsReadWriteContext
    from qgis.PyQt.QtXml import QDomDocument

    doc = QDomDocument()
    doc.appendChild(layer.renderer().save(doc, QgsReadWriteContext()))
    return re.sub(r' id="\{[-0-9a-f]+\}"', "", canonicalize(doc.toString(), strip_text=True))


def style_renderer(qml: Path, uri: str) -> str:
    """The renderer ``qml`` gives the layer at ``uri``."""
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(uri, "styled", "ogr")
    layer.loadNamedStyle(str(qml))
    return renderer_xml(layer)


@pytest.mark.parametrize(
    ("source", "path"), [("street_manager_permits", SM_PATH), ("street_manager_section_58", S58_PATH)]
)
def test_a_fetch_loads_the_store_layers_styled_as_a_direct_import_does(
    plugin_provider, server, tmp_path, source, path
):
    archive = tmp_path / "month.zip"
    archive.write_bytes(Publisher.files[path][0])
    direct = loaded_layers(
        "digonce:importstreetmanager",
        {"INPUT": str(archive), "STORE": str(tmp_path / "direct.gpkg"), "LONDON_ONLY": True},
    )
    fetched = loaded_layers(
        "digonce:fetchfromcatalogue",
        {
            "SOURCE": source,
            "MONTH": "2026-03",
            "ACCEPT_LICENCE": True,
            "CATALOGUE": str(server["catalogue"]),
            "STORE": str(tmp_path / "fetched.gpkg"),
        },
    )
    # the direct import's layers carry the plugin's styles (not QGIS's random colour) ...
    suffixes = {"Point": "point", "LineString": "line", "Polygon": "polygon"}
    table = "works" if source == "street_manager_permits" else "restrictions"
    uri = f"{tmp_path / 'direct.gpkg'}|layername={table}|geometrytype="
    assert direct and all(
        renderer
        == style_renderer(REPO / "resources" / "styles" / f"{table}_{suffixes[kind]}.qml", uri + kind)
        for _name, kind, renderer, _stamp in direct
    )
    # ... and a fetch of the same file loads the same layers: names, geometry types, renderers
    assert fetched == direct


def test_a_fetched_venues_layer_is_named_styled_and_stamped_as_a_direct_import(
    plugin_provider, server, tmp_path
):
    pubs = server["sample"]["paths"]["cultural_Pubs"]
    store = tmp_path / "direct.gpkg"
    ((name, kind, renderer, stamp),) = loaded_layers(
        "digonce:importculturalvenues", {"INPUT": str(pubs), "STORE": str(store)}
    )
    venues_qml = REPO / "resources" / "styles" / "venues.qml"
    assert renderer == style_renderer(venues_qml, f"{store}|layername=cultural_venues")
    assert stamp["INPUT"] == str(pubs)
    fetched = loaded_layers(
        "digonce:fetchfromcatalogue",
        {
            "SOURCE": "gla_cultural_infrastructure",
            "LAYER": "pubs",
            "ACCEPT_LICENCE": True,
            "CATALOGUE": str(server["catalogue"]),
            "STORE": str(tmp_path / "fetched.gpkg"),
        },
    )
    assert [f[:3] for f in fetched] == [(name, kind, renderer)]
    # the layer carries the parameters of the import that made it, as a direct import's does
    # (the report and the pairs' provenance read them)
    stamped = fetched[0][3]
    assert stamped["INPUT"].endswith(".csv") and stamped["STORE"] == str(tmp_path / "fetched.gpkg")
