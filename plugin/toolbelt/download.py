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
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from qgis.core import QgsNetworkAccessManager
from qgis.PyQt import sip
from qgis.PyQt.QtCore import (
    QCoreApplication,
    QEventLoop,
    QObject,
    QThread,
    QTimer,
    QUrl,
    pyqtSignal,
    pyqtSlot,
)
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


class _MainThreadMark(QObject):
    """A mark a task's thread posts to the main thread, set once the main thread reaches it."""

    posted = pyqtSignal(object)

    def __init__(self):
        super().__init__()
        self.posted.connect(self._reached)

    @pyqtSlot(object)
    def _reached(self, event: threading.Event) -> None:
        event.set()


_mark: _MainThreadMark | None = None
_mark_lock = threading.Lock()
#: how long a task's thread waits for the main thread after disposing of a reply
MAIN_THREAD_WAIT_S = 5.0


def _main_thread_caught_up(cancel: Callable[[], bool] | None) -> None:
    """On a task's thread: wait until the main thread has handled what was posted to it so far
    (at most ``MAIN_THREAD_WAIT_S``, less when cancelled). On the main thread: return at once."""
    global _mark
    app = QCoreApplication.instance()
    if app is None or QThread.currentThread() == app.thread():
        return
    with _mark_lock:
        if _mark is None:
            _mark = _MainThreadMark()
            _mark.moveToThread(app.thread())
    event = threading.Event()
    _mark.posted.emit(event)  # queued: the main thread runs _reached after what came before
    deadline = time.monotonic() + MAIN_THREAD_WAIT_S
    while not event.wait(0.05):
        if time.monotonic() > deadline or (cancel is not None and cancel()):
            return


def _dispose(reply: QNetworkReply, *helpers: QObject, cancel: Callable[[], bool] | None = None) -> None:
    """Destroy a finished reply now, and on a task's thread wait for the main thread to catch up.

    PyQt learns that a reply made and freed on a task's thread is gone only when the main thread
    handles its events. When a new reply (or timer) had been given the freed address before
    that, PyQt took the new object's wrapper for the dead one: "wrapped C/C++ object of type
    QNetworkReply has been deleted" in the middle of a download, an abort in a slot, or a
    segfault (it failed a CI run, in the planning search's page after page download).
    ``test_page_after_page_on_a_task_thread_survives_the_main_thread_running_python`` (300 pages)
    failed 6 of 6 runs with Python slots and ``deleteLater``, 3 of 5 with ``sip.delete`` and no
    Python slot, and passed 10 of 10 with this wait. Replies never freed passed too.

    The reply is connected only to Qt's own slots (``QEventLoop.quit``): no Python slot of a
    download outlives it. ``helpers`` (its event loop and timer) go before the wait as well.
    """
    for thing in (reply, *helpers):
        if not sip.isdeleted(thing):
            sip.delete(thing)
    _main_thread_caught_up(cancel)


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
    loop = QEventLoop()
    try:
        reply.finished.connect(loop.quit)
        if not reply.isFinished():
            loop.exec()
        status = int(reply.attribute(QNetworkRequest.HttpStatusCodeAttribute) or 0)
        if reply.error() != QNetworkReply.NoError or not 200 <= status < 300:
            return {}
        return {
            "etag": _header(reply, "ETag"),
            "last_modified": _header(reply, "Last-Modified"),
            "size": _header(reply, "Content-Length"),
        }
    finally:
        _dispose(reply, loop)


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
    timer = QTimer()
    status, cancelled, received, target = 0, False, 0, None
    try:
        # Qt's own slots only (see _dispose): the loop wakes for data, the end, or a 200 ms tick
        # that checks Cancel.
        reply.readyRead.connect(loop.quit)
        reply.finished.connect(loop.quit)
        timer.timeout.connect(loop.quit)
        timer.start(200)
        while True:
            finished = reply.isFinished()  # before reading: data that comes after is read next turn
            if target is None and (reply.bytesAvailable() or finished):
                status = int(reply.attribute(QNetworkRequest.HttpStatusCodeAttribute) or 0)
                if 200 <= status < 300:  # an error's answer leaves the part as it was, to resume
                    target = open(part, "ab" if status == 206 else "wb")  # noqa: SIM115  (closed below)
            if target is not None and reply.bytesAvailable():
                data = bytes(reply.readAll())
                target.write(data)
                received += len(data)
                total = reply.header(QNetworkRequest.ContentLengthHeader)
                if progress is not None and total:
                    progress(100.0 * (offset + received) / (offset + int(total)))
            if finished:
                break
            if cancel is not None and cancel():
                cancelled = True
                reply.abort()
                break
            loop.exec()
        if cancelled:
            raise Cancelled(f"download of {redact(url)} cancelled")
        error = ""
        if reply.error() != QNetworkReply.NoError:
            error = reply.errorString()
        status = status or int(reply.attribute(QNetworkRequest.HttpStatusCodeAttribute) or 0)
        validators = {
            "etag": _header(reply, "ETag"),
            "last_modified": _header(reply, "Last-Modified"),
        }
        length = _header(reply, "Content-Length")
    finally:
        if target is not None:
            target.close()
        _dispose(reply, loop, timer, cancel=cancel)  # the timer stops as it goes
    if not error and 200 <= status < 300 and length.isdigit():
        have = part.stat().st_size - (offset if status == 206 else 0)
        if have < int(length):
            error = f"connection closed after {have} of {length} bytes"
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
