"""Downloads through QGIS's network manager, against a local http.server on 127.0.0.1."""

from __future__ import annotations

import hashlib
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from helpers.local_server import serving

BODY = bytes(range(256)) * 4096  # 1 MiB


class Handler(BaseHTTPRequestHandler):
    """Serves BODY with ETag; honours Range when ``ranges``; cuts the first GET short when ``cut``."""

    ranges = True
    cut = False
    refuse = 0  # once set, every GET with a Range is answered with this status
    etag = '"v1"'
    log: list[tuple[str, str | None]] = []

    def log_message(self, *args):  # keep test output quiet
        pass

    def _headers(self, status: int, length: int, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Length", str(length))
        self.send_header("ETag", self.etag)
        self.send_header("Last-Modified", "Sun, 01 Mar 2026 00:00:00 GMT")
        self.send_header("Accept-Ranges", "bytes" if self.ranges else "none")
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.end_headers()

    def _redirected(self, method: str) -> bool:
        """``/latest.zip`` moves to the month's file, as publishers' "latest" links do, with a
        relative Location (RFC 9110 allows it)."""
        if not self.path.endswith("/latest.zip"):
            return False
        type(self).log.append((method, "redirect"))
        self.send_response(302)
        self.send_header("Location", self.path.replace("/latest.zip", "/permit/2026/03.zip"))
        self.send_header("Content-Length", "0")
        self.end_headers()
        return True

    def do_HEAD(self):
        if self._redirected("HEAD"):
            return
        type(self).log.append(("HEAD", None))
        self._headers(200, len(BODY))

    def do_GET(self):
        if self._redirected("GET"):
            return
        if self.path.endswith("/missing.zip"):
            type(self).log.append(("GET", None))
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        rng = self.headers.get("Range")
        type(self).log.append(("GET", rng))
        if rng and type(self).refuse:
            body = b"Service Unavailable"
            self.send_response(type(self).refuse)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        if rng and self.ranges:
            start = int(rng.split("=")[1].rstrip("-"))
            self._headers(
                206, len(BODY) - start, {"Content-Range": f"bytes {start}-{len(BODY) - 1}/{len(BODY)}"}
            )
            self.wfile.write(BODY[start:])
            return
        self._headers(200, len(BODY))
        if type(self).cut:
            type(self).cut = False
            self.wfile.write(BODY[: len(BODY) // 3])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(2)
            return
        self.wfile.write(BODY)


@pytest.fixture
def server():
    Handler.log = []
    Handler.cut = False
    Handler.refuse = 0
    Handler.ranges = True
    Handler.etag = '"v1"'
    with serving(Handler) as base:
        yield f"{base}/permit/2026/03.zip"


def test_download_then_cached_when_unchanged(qgis_app, server, tmp_path: Path):
    from dig_once.plugin.toolbelt.download import fetch

    first = fetch(server, tmp_path)
    assert first.downloaded and first.path.read_bytes() == BODY
    assert first.sha256 == hashlib.sha256(BODY).hexdigest()
    Handler.log = []
    second = fetch(server, tmp_path)
    assert not second.downloaded and second.path == first.path
    assert Handler.log == [("HEAD", None)]  # nothing fetched again
    Handler.etag = '"v2"'
    third = fetch(server, tmp_path)
    assert third.downloaded


def test_redirected_address_is_reused_from_the_cache_when_unchanged(qgis_app, server, tmp_path: Path):
    from dig_once.plugin.toolbelt.download import fetch

    latest = server.replace("/permit/2026/03.zip", "/latest.zip")
    first = fetch(latest, tmp_path)
    assert first.downloaded and first.path.read_bytes() == BODY
    Handler.log = []
    second = fetch(latest, tmp_path)
    assert not second.downloaded and second.path == first.path
    assert [method for method, _ in Handler.log] == ["HEAD", "HEAD"]  # the redirect, then the file: no GET


def test_cut_off_response_is_resumed_with_range(qgis_app, server, tmp_path: Path):
    from dig_once.plugin.toolbelt.download import fetch

    Handler.cut = True
    result = fetch(server, tmp_path)
    assert result.path.read_bytes() == BODY and result.resumed
    gets = [r for m, r in Handler.log if m == "GET"]
    assert gets[0] is None and gets[1] is not None and gets[1].startswith("bytes=")
    assert int(gets[1].split("=")[1].rstrip("-")) > 0


def test_an_error_answer_to_the_resume_keeps_the_part_and_a_later_run_resumes_it(
    qgis_app, server, tmp_path: Path
):
    """A publisher answering 503 to the resume must not cost the part already downloaded: it
    was truncated to nothing (an error's answer opened it for writing), so the next run
    downloaded the whole file again."""
    from dig_once.plugin.core.errors import InputError
    from dig_once.plugin.toolbelt.download import fetch

    Handler.cut = True
    Handler.refuse = 503
    with pytest.raises(InputError, match="HTTP 503"):
        fetch(server, tmp_path)
    parts = list(tmp_path.rglob("*.part"))
    assert len(parts) == 1 and parts[0].stat().st_size == len(BODY) // 3, "the part is kept whole"
    Handler.refuse = 0
    Handler.log = []
    result = fetch(server, tmp_path)
    assert result.path.read_bytes() == BODY and result.resumed
    assert [r for m, r in Handler.log if m == "GET"] == [f"bytes={len(BODY) // 3}-"]


def test_server_without_range_restarts_the_download(qgis_app, server, tmp_path: Path):
    from dig_once.plugin.toolbelt.download import fetch

    Handler.cut = True
    Handler.ranges = False
    result = fetch(server, tmp_path)
    assert result.path.read_bytes() == BODY


def test_unreachable_server_names_the_url(qgis_app, server, tmp_path: Path):
    from dig_once.plugin.core.errors import InputError
    from dig_once.plugin.toolbelt.download import fetch

    missing = server.rsplit(":", 1)[0] + ":1/none.zip"  # nothing listens on port 1
    with pytest.raises(InputError, match="none.zip"):
        fetch(missing, tmp_path)


def test_http_error_names_the_url_and_the_status(qgis_app, server, tmp_path: Path):
    from dig_once.plugin.core.errors import InputError
    from dig_once.plugin.toolbelt.download import fetch

    missing = server.rsplit("/", 1)[0] + "/missing.zip"
    with pytest.raises(InputError, match="missing.zip") as raised:
        fetch(missing, tmp_path)
    assert "404" in str(raised.value) or "not found" in str(raised.value).lower()
    assert not list(tmp_path.rglob("missing.zip")), "nothing half-written in the cache"


class Changing(BaseHTTPRequestHandler):
    """A file that a publisher replaced: a new ETag, the old Last-Modified (which makes an HTTP
    cache think it fresh for days)."""

    body = b"first version"
    gets = 0

    def log_message(self, *args):
        pass

    def _headers(self) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(len(self.body)))
        self.send_header("ETag", '"' + hashlib.sha256(self.body).hexdigest()[:12] + '"')
        self.send_header("Last-Modified", "Sun, 01 Nov 2026 00:00:00 GMT")
        self.end_headers()

    def do_HEAD(self):
        self._headers()

    def do_GET(self):
        type(self).gets += 1
        self._headers()
        self.wfile.write(self.body)


def test_a_replaced_file_is_downloaded_again_never_served_from_qgis_network_cache(qgis_app, tmp_path: Path):
    # The plugin keeps its own cache and asks the publisher each time; QGIS's HTTP disk cache
    # would hand back the old body of a file it thinks fresh (a "latest" link, a moved page),
    # which a planner would import as the new month.
    from dig_once.plugin.toolbelt.download import fetch

    Changing.body, Changing.gets = b"first version", 0
    with serving(Changing) as base:
        url = f"{base}/downloads/latest.zip"
        assert fetch(url, tmp_path / "a").path.read_bytes() == b"first version"
        Changing.body = b"second version, replaced"
        again = fetch(url, tmp_path / "b")  # another store: nothing of its own cached
        assert again.path.read_bytes() == b"second version, replaced"
        assert Changing.gets == 2


class PageHandler(BaseHTTPRequestHandler):
    """Small pages, as the planning search's page after page download fetches them."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        body = b"{}" * (1000 + len(self.path))
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def test_page_after_page_on_a_task_thread_survives_the_main_thread_running_python(qgis_app, tmp_path: Path):
    """A task downloads 300 pages in a row while the main thread runs Python between events, as
    the dock does during an import. PyQt learns of a reply freed on the task's thread only when
    the main thread handles its events; a new reply at the freed address was taken for dead
    ("wrapped C/C++ object of type QNetworkReply has been deleted", or a segfault: a CI run)."""
    import threading
    import time

    from qgis.core import QgsApplication, QgsTask
    from qgis.PyQt.QtCore import QCoreApplication

    from dig_once.plugin.toolbelt.download import fetch

    outcome: dict[str, object] = {}
    done = threading.Event()
    with serving(PageHandler) as base:

        def pages(task):
            fetched = 0
            try:
                for n in range(300):
                    got = fetch(f"{base}/page/{n % 40}.json", tmp_path / f"cache{n // 40}")
                    assert got.path.stat().st_size == 2 * (1000 + len(f"/page/{n % 40}.json"))
                    fetched += 1
            except Exception as exc:  # noqa: BLE001  (reported below, with how far it got)
                outcome["error"] = f"after {fetched} pages: {exc!r}"
            outcome["fetched"] = fetched
            done.set()

        task = QgsTask.fromFunction("pages", pages)
        QgsApplication.taskManager().addTask(task)
        deadline = time.monotonic() + 240
        while not done.is_set() and time.monotonic() < deadline:
            QCoreApplication.processEvents()
            time.sleep(0.002)
    assert done.is_set(), "the downloads did not finish in 240 s"
    assert "error" not in outcome, outcome["error"]
    assert outcome["fetched"] == 300
