"""Passwords never leak (issue 20, item 4): credentials come only from QGIS's authentication
manager (AUTHCFG), an address with a password in it is refused, and a canary password served
by a local HTTP server on 127.0.0.1 is found nowhere: not in the store, the outputs, the
download cache, the QGIS profile, the logs or the HTML report."""

from __future__ import annotations

import base64
import csv
import io
import os
import uuid
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from helpers.local_server import serving
from pyproj import Transformer

CANARY = f"Canary{uuid.uuid4().hex}"
USER = "digonce"
TO_WGS84 = Transformer.from_crs(27700, 4326, always_xy=True)


def pubs_csv(n: int) -> bytes:
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["name", "address1", "borough_name", "longitude", "latitude", "easting", "northing"])
    for i in range(n):
        e, north = 530_000 + 10 * i, 181_000
        lon, lat = TO_WGS84.transform(e, north)
        w.writerow([f"Pub {i}", f"{i} High Street", "Islington", lon, lat, e, north])
    return out.getvalue().encode("utf-8")


class AuthHandler(BaseHTTPRequestHandler):
    """Serves Pubs.csv only with HTTP Basic credentials USER:CANARY."""

    body = pubs_csv(12)
    seen: list[str] = []

    def log_message(self, *args):
        pass

    def _authorised(self) -> bool:
        expected = "Basic " + base64.b64encode(f"{USER}:{CANARY}".encode()).decode()
        type(self).seen.append(self.headers.get("Authorization") or "")
        if self.headers.get("Authorization") == expected:
            return True
        self.send_response(401)
        self.send_header("WWW-Authenticate", 'Basic realm="digonce"')
        self.send_header("Content-Length", "0")
        self.end_headers()
        return False

    def _ok(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/csv")
        self.send_header("Content-Length", str(len(self.body)))
        self.send_header("ETag", '"v1"')
        self.end_headers()

    def do_HEAD(self):
        if self._authorised():
            self._ok()

    def do_GET(self):
        if self._authorised():
            self._ok()
            self.wfile.write(self.body)


@pytest.fixture
def server():
    with serving(AuthHandler) as base:
        yield base


@pytest.fixture
def authcfg(qgis_app) -> str:
    from qgis.core import QgsApplication, QgsAuthMethodConfig

    manager = QgsApplication.authManager()
    if not manager.masterPasswordIsSet():
        assert manager.setMasterPassword("digonce-test-master", True)
    config = QgsAuthMethodConfig("Basic")
    config.setName("digonce canary")
    config.setConfig("username", USER)
    config.setConfig("password", CANARY)
    assert manager.storeAuthenticationConfig(config)
    yield config.id()
    manager.removeAuthenticationConfig(config.id())


class Recording:
    """A feedback that keeps every line an algorithm writes, and QGIS's message log."""

    def __init__(self):
        from qgis.core import QgsApplication, QgsProcessingFeedback

        lines: list[str] = []
        self.lines = lines

        class Feedback(QgsProcessingFeedback):
            def pushInfo(self, info):
                lines.append(info)

            def pushWarning(self, warning):
                lines.append(warning)

            def reportError(self, error, fatalError=False):
                lines.append(error)

            def pushDebugInfo(self, info):
                lines.append(info)

            def pushCommandInfo(self, info):
                lines.append(info)

            def pushConsoleInfo(self, info):
                lines.append(info)

            def setProgressText(self, text):
                lines.append(text)

        self.feedback = Feedback()
        self._log = QgsApplication.messageLog()
        self._log.messageReceived.connect(self._message)

    def _message(self, message, tag, level):
        self.lines.append(f"{tag}: {message}")

    def close(self):
        self._log.messageReceived.disconnect(self._message)


def files_holding(folder: Path, needle: bytes) -> list[str]:
    found = []
    for root, _dirs, files in os.walk(folder):
        for name in files:
            path = Path(root) / name
            try:
                if needle in path.read_bytes():
                    found.append(str(path))
            except OSError:
                pass
    return found


def test_an_address_with_a_password_is_refused_without_showing_it(plugin_provider, server, tmp_path: Path):
    from qgis import processing
    from qgis.core import QgsProcessingException

    store = tmp_path / "store.gpkg"
    leaky = server.replace("http://", f"http://{USER}:{CANARY}@") + "/Pubs.csv"
    record = Recording()
    try:
        for alg, params in (
            ("digonce:importculturalvenues", {"INPUT": leaky}),
            ("digonce:importstreetmanager", {"URL": leaky}),
            ("digonce:importforwardplans", {"INPUT": leaky}),
        ):
            with pytest.raises(QgsProcessingException) as caught:
                processing.run(alg, {**params, "STORE": str(store)}, feedback=record.feedback)
            assert CANARY not in str(caught.value) and "AUTHCFG" in str(caught.value), alg
    finally:
        record.close()
    assert not [line for line in record.lines if CANARY in line]
    assert AuthHandler.seen == [] or all(CANARY not in h for h in AuthHandler.seen)
    assert files_holding(tmp_path, CANARY.encode()) == []


def test_authcfg_downloads_and_the_canary_is_found_nowhere(
    plugin_provider, server, authcfg: str, tmp_path: Path
):
    from qgis import processing
    from qgis.core import QgsFeature, QgsGeometry, QgsProcessingException, QgsVectorLayer

    from dig_once.processing_algorithms.base import BaseAlgorithm

    store = tmp_path / "store.gpkg"
    url = f"{server}/Pubs.csv?token={CANARY}"  # a secret in the query is masked too
    record = Recording()
    try:
        with pytest.raises(QgsProcessingException, match="401|uthenti|refused"):  # no AUTHCFG: no way in
            processing.run(
                "digonce:importculturalvenues", {"INPUT": url, "STORE": str(store)}, feedback=record.feedback
            )
        result = processing.run(
            "digonce:importculturalvenues",
            {"INPUT": url, "AUTHCFG": authcfg, "STORE": str(store)},
            feedback=record.feedback,
        )
        assert result["IMPORTED"] == 12
        again = processing.run(  # the cached copy, checked with an authenticated HEAD
            "digonce:importculturalvenues",
            {"INPUT": url, "AUTHCFG": authcfg, "STORE": str(store)},
            feedback=record.feedback,
        )
        assert again["IMPORT_ID"] == result["IMPORT_ID"]
        report = tmp_path / "report.html"
        spine = QgsVectorLayer("LineString?crs=EPSG:27700&field=name:string", "spine", "memory")
        line = QgsFeature(spine.fields())
        line.setAttributes(["a line"])
        line.setGeometry(QgsGeometry.fromWkt("LINESTRING(530000 181000, 530100 181000)"))
        spine.dataProvider().addFeatures([line])
        processing.run(
            "digonce:report",
            {"SPINE": spine, "STORE": str(store), "OUTPUT": str(report)},
            feedback=record.feedback,
        )
        assert report.exists()
    finally:
        record.close()
    assert any(h.startswith("Basic ") for h in AuthHandler.seen)  # the credentials did reach the server
    assert not [line for line in record.lines if CANARY in line]
    assert files_holding(tmp_path, CANARY.encode()) == []  # store, download cache, report
    profile = Path(os.environ["QGIS_CUSTOM_CONFIG_PATH"])
    assert files_holding(profile, CANARY.encode()) == []  # the auth database holds it encrypted
    assert CANARY not in BaseAlgorithm.parameters_json(
        {"INPUT": url.replace("http://", f"http://u:{CANARY}@")}
    )
