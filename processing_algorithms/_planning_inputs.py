"""How digonce:importplanningsites gets its files (a helper module: not an algorithm): saved
Datahub responses and planning.data.gov.uk GeoJSON on disk (several separated by ';', or a
folder), the address of one, or the Datahub's search address, every page fetched afresh."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from qgis.core import QgsProcessingException

from ..plugin.core.errors import Cancelled, InputError
from ..plugin.core.geo import ReadResult
from ..plugin.sources.planning_sites import (
    fetch_search_pages,
    files_digest,
    is_pld_search_url,
    local_planning_inputs,
    read_planning_files,
    redact_url,
    search_page_error,
)
from ..plugin.store import Store, file_sha256
from ..plugin.toolbelt import download
from ._connectivity import ConnectivityImport
from ._import_base import fetch, is_url


class PlanningInputs(ConnectivityImport):
    """The reading half of Import planning sites; its strings are translated in the algorithm's
    context (``ImportPlanningSites``), which ``tr`` looks in first."""

    PAGE_SIZE = "PAGE_SIZE"

    def read_inputs(
        self, value: str, store: Store, parameters, context, feedback
    ) -> tuple[ReadResult, str, str]:
        """The records of every file ``value`` names, the source to record and its SHA-256."""
        size = self.parameterAsInt(parameters, self.PAGE_SIZE, context) or 500
        # credentials only through QGIS's authentication manager
        authcfg = self.parameterAsString(parameters, self.AUTHCFG, context) or ""
        tmp: Path | None = None
        fetch_notes: list[str] = []
        skipped: list[str] = []
        try:
            if is_url(value) and is_pld_search_url(value):
                tmp = Path(tempfile.mkdtemp(prefix="pld-search-", dir=store.download_cache_dir()))
                files, fetch_notes = self._search_pages(value, size, tmp, feedback, authcfg)
                source, sha = redact_url(value), files_digest(files)
            elif is_url(value):
                path = fetch(value, store, feedback, authcfg)
                files, source, sha = [(path, redact_url(value))], redact_url(value), file_sha256(path)
            else:
                files, skipped, source, sha = self._local_inputs(value)
            result = read_planning_files(files, skipped=skipped, cancel=feedback.isCanceled)
        finally:
            if tmp is not None:
                shutil.rmtree(tmp, ignore_errors=True)
        result.notes[:0] = fetch_notes
        return result, source, sha

    def _local_inputs(self, value: str) -> tuple[list[tuple[Path, str]], list[str], str, str]:
        paths = [p.strip().strip('"') for p in value.split(";") if p.strip()]
        for text in paths:
            if not Path(text).exists():
                raise QgsProcessingException(self.tr("Input file {p} does not exist").format(p=text))
        files, skipped, sha = local_planning_inputs([Path(p) for p in paths])
        return files, skipped, "; ".join(paths), sha

    def _search_pages(
        self, url: str, size: int, cache: Path, feedback, authcfg: str = ""
    ) -> tuple[list[tuple[Path, str]], list[str]]:
        # Search results are live: every run downloads them afresh into its own folder (the
        # download cache would reuse a page whose server sends no ETag/Last-Modified).
        def get(page: str) -> Path:
            try:
                return download.fetch(
                    page, cache, authcfg=authcfg, cancel=feedback.isCanceled, log=feedback.pushInfo
                ).path
            except Cancelled:
                raise
            except InputError as exc:
                raise search_page_error(exc, page) from exc

        pages = fetch_search_pages(url, get, size=size, cancel=feedback.isCanceled, log=feedback.pushInfo)
        return pages.files, pages.notes
