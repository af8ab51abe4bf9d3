"""Download an http(s) input through QGIS's own network manager (so the user's proxy and
authentication settings apply), resumably, into a cache keyed by URL.

Credentials come only from QGIS's authentication manager (``authcfg``, the id of a saved
authentication configuration): an address with a user name/password in it is refused, and
every address is redacted (``plugin.core.redact``) before it is logged, cached or raised.

A cached file is reused when the server's ETag / Last-Modified / size are the ones recorded
when it was downloaded (checked with a HEAD request); otherwise it is fetched again. An
interrupted download is kept as ``.part`` and resumed with ``Range`` when the server answers
206; a server that ignores ``Range`` (200) restarts it. The body streams to disk: memory does
not grow with the file.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from qgis.core import QgsNetworkAccessManager
from qgis.PyQt.QtCore import QEventLoop, QTimer, QUrl
from qgis.PyQt.QtNetwork import QNetworkReply, QNetworkRequest

from ..core.errors import Cancelled, InputError
from ..core.redact import has_credentials, redact

MAX_ATTEMPTS = 5


@dataclass
class Download:
    """A cached download: where it is, whether it was fetched now, and its SHA-256."""

    path: Path
    url: str
    sha256: str
    downloaded: bool
    resumed: bool = False


def is_url(text: str) -> bool:
    return urlparse(str(text)).scheme.lower() in {"http", "https"}


def _header(reply: QNetworkReply, name: str) -> str:
    return bytes(reply.rawHeader(name.encode())).decode("latin-1").strip()


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _cache_paths(url: str, cache_dir: Path) -> tuple[Path, Path, Path]:
    key = hashlib.sha256(url.encode("utf-8")).hexdigest()[:24]
    name = Path(urlparse(url).path).name or "download"
    folder = cache_dir / key
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name, folder / (name + ".part"), folder / "download.json"


def _head(url: str, authcfg: str) -> dict[str, str]:
    """The validators of the file at ``url``. Redirects are followed as the download's GET
    follows them (Qt's policy: relative locations resolved, never from https to http), so an
    unchanged file behind a publisher's "latest" link is reused (QgsBlockingNetworkRequest
    does not resolve a relative Location). {} when the server does not answer."""
    request = QNetworkRequest(QUrl(url))
    request.setAttribute(QNetworkRequest.RedirectPolicyAttribute, QNetworkRequest.NoLessSafeRedirectPolicy)
    request.setAttribute(QNetworkRequest.CacheLoadControlAttribute, QNetworkRequest.AlwaysNetwork)
    if authcfg:
        from qgis.core import QgsApplication

        if not QgsApplication.authManager().updateNetworkRequest(request, authcfg):
            return {}
    reply = QgsNetworkAccessManager.instance().head(request)
    if not reply.isFinished():
        loop = QEventLoop()
        reply.finished.connect(loop.quit)
        loop.exec()
    status = int(reply.attribute(QNetworkRequest.HttpStatusCodeAttribute) or 0)
    found = {}
    if reply.error() == QNetworkReply.NoError and 200 <= status < 300:
        found = {
            "etag": _header(reply, "ETag"),
            "last_modified": _header(reply, "Last-Modified"),
            "size": _header(reply, "Content-Length"),
        }
    reply.deleteLater()
    return found


def _get_to_file(
    url: str,
    part: Path,
    authcfg: str,
    cancel: Callable[[], bool] | None,
    progress: Callable[[float], None] | None,
) -> tuple[int, dict[str, str], str]:
    """One GET appended to ``part`` (from its current size, with Range). Returns the HTTP
    status, the validators, and an error text ('' when the body arrived whole)."""
    offset = part.stat().st_size if part.exists() else 0
    request = QNetworkRequest(QUrl(url))
    request.setAttribute(QNetworkRequest.RedirectPolicyAttribute, QNetworkRequest.NoLessSafeRedirectPolicy)
    # The plugin keeps its own cache and asks the publisher each time (HEAD above): QGIS's HTTP
    # disk cache would hand back an old body it thinks fresh (a replaced "latest" file), and
    # would keep a second copy of every download.
    request.setAttribute(QNetworkRequest.CacheLoadControlAttribute, QNetworkRequest.AlwaysNetwork)
    request.setAttribute(QNetworkRequest.CacheSaveControlAttribute, False)
    if offset:
        request.setRawHeader(b"Range", f"bytes={offset}-".encode())
    manager = QgsNetworkAccessManager.instance()
    if authcfg:
        from qgis.core import QgsApplication

        applied = QgsApplication.authManager().updateNetworkRequest(request, authcfg)
        if not applied:
            raise InputError(
                f"the authentication configuration {authcfg!r} could not be applied (unknown id, or "
                "QGIS's master password was not given): check it in Settings > Options > Authentication",
                path=redact(url),
            )
    reply = manager.get(request)
    loop = QEventLoop()
    state = {"status": 0, "file": None, "cancelled": False, "expected": -1}

    def open_target() -> None:
        if state["file"] is not None:
            return
        status = reply.attribute(QNetworkRequest.HttpStatusCodeAttribute) or 0
        state["status"] = int(status)
        mode = "ab" if int(status) == 206 else "wb"  # a 200 is the whole body: start again
        state["file"] = open(part, mode)  # noqa: SIM115  (closed below, after the event loop)

    def on_ready() -> None:
        open_target()
        if 200 <= state["status"] < 300:
            state["file"].write(bytes(reply.readAll()))

    def on_progress(received: int, total: int) -> None:
        if progress is not None and total > 0:
            progress(100.0 * (offset + received) / (offset + total))

    def poll() -> None:
        if cancel is not None and cancel():
            state["cancelled"] = True
            reply.abort()

    reply.readyRead.connect(on_ready)
    reply.downloadProgress.connect(on_progress)
    reply.finished.connect(loop.quit)
    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(200)
    if not reply.isFinished():
        loop.exec()
    timer.stop()
    on_ready()
    state["file"].close()
    if state["cancelled"]:
        raise Cancelled(f"download of {redact(url)} cancelled")
    error = ""
    if reply.error() != QNetworkReply.NoError:
        error = reply.errorString()
    status = state["status"] or int(reply.attribute(QNetworkRequest.HttpStatusCodeAttribute) or 0)
    validators = {
        "etag": _header(reply, "ETag"),
        "last_modified": _header(reply, "Last-Modified"),
    }
    length = _header(reply, "Content-Length")
    if not error and length.isdigit():
        have = part.stat().st_size - (offset if status == 206 else 0)
        if have < int(length):
            error = f"connection closed after {have} of {length} bytes"
    reply.deleteLater()
    return status, validators, error


def fetch(
    url: str,
    cache_dir: str | os.PathLike[str],
    *,
    authcfg: str = "",
    cancel: Callable[[], bool] | None = None,
    progress: Callable[[float], None] | None = None,
    log: Callable[[str], None] | None = None,
) -> Download:
    """The file at ``url`` in ``cache_dir`` (downloaded, resumed, or reused when unchanged).
    ``authcfg``: a QGIS authentication configuration id, the only way credentials are taken."""
    shown = redact(url)  # what is logged, raised and written to download.json
    if has_credentials(url):
        raise InputError(
            "the address holds a user name or password: they are neither used nor kept. Save them "
            "in QGIS's authentication settings (Settings > Options > Authentication) and choose "
            "that configuration as the algorithm's authentication parameter (AUTHCFG)",
            path=shown,
        )
    target, part, meta_path = _cache_paths(url, Path(cache_dir))
    meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
    if target.exists() and meta.get("url") == shown:
        remote = _head(url, authcfg)
        same = bool(remote) and all(
            (remote.get(k) or "") == (meta.get(k) or "")
            for k in ("etag", "last_modified", "size")
            if remote.get(k)
        )
        unchanged_file = meta.get("sha256") == _file_sha256(target)
        if same and unchanged_file:
            if log:
                log(
                    f"{shown}: unchanged since {meta.get('last_modified') or 'the last download'}, using the cached copy"
                )
            return Download(target, shown, meta["sha256"], downloaded=False)
    resumed = part.exists() and part.stat().st_size > 0
    validators: dict[str, str] = {}
    for attempt in range(1, MAX_ATTEMPTS + 1):
        status, validators, error = _get_to_file(url, part, authcfg, cancel, progress)
        if status in (200, 206) and not error:
            break
        if status == 416:  # the range starts at or past the end: the part is whole or stale
            part.unlink(missing_ok=True)
            continue
        if status and status not in (200, 206):
            raise InputError(redact(f"download failed: HTTP {status} {error}".strip()), path=shown)
        if log:
            log(
                redact(
                    f"{shown}: {error or 'interrupted'}; resuming (attempt {attempt + 1} of {MAX_ATTEMPTS})"
                )
            )
        resumed = True
    else:
        raise InputError(f"download failed after {MAX_ATTEMPTS} attempts", path=shown)
    os.replace(part, target)
    sha = _file_sha256(target)
    meta = {"url": shown, "sha256": sha, "size": str(target.stat().st_size), **validators}
    meta_path.write_text(json.dumps(meta, indent=1))
    return Download(target, shown, sha, downloaded=True, resumed=resumed)
