"""What digonce:fetchfromcatalogue does between choosing and recording (a helper module: not an
algorithm): the user's own catalogue fetched, the entry's file (or every page of an offset-paged
API) downloaded through the store's cache with a publisher's refusal said in words, and the
source's import run on it in a context of its own. QGIS-free parts live in
``plugin.sources.catalogue``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingException

from ..plugin.core.errors import Cancelled, DigOnceError, InputError
from ..plugin.core.redact import redact
from ..plugin.sources.catalogue import (
    Catalogue,
    CatalogueError,
    Resolved,
    import_options,
    is_web_page,
    load_catalogue,
    pages_sha256,
    with_extension,
)
from ..plugin.store import Store, file_sha256
from ..plugin.toolbelt import download
from ..plugin.toolbelt.outputs import StylePostProcessor
from ._import_base import ImportAlgorithm


class CatalogueDownload(ImportAlgorithm):
    """The downloading half of Get from publisher; its strings are translated in the context of
    the algorithm (``FetchFromCatalogue``), which ``tr`` looks in first."""

    IMPORT_OPTIONS = "IMPORT_OPTIONS"

    def user_catalogue(self, given: str, store_dir: Path, feedback) -> Catalogue:
        """The shipped catalogue, with the user's own (a file or an address) merged over it."""
        label = None
        if given and download.is_url(given):
            try:
                got = download.fetch(given, store_dir, cancel=feedback.isCanceled, log=feedback.pushInfo)
            except DigOnceError as exc:
                raise QgsProcessingException(
                    self.tr("Your catalogue could not be downloaded: {e}").format(e=exc)
                ) from exc
            label, given = redact(given), str(got.path)
        try:
            return load_catalogue(given or None, user_label=label)
        except CatalogueError as exc:
            raise QgsProcessingException(str(exc)) from exc

    def download_entry(
        self, got: Resolved, cache: Path, pages_dir: Path, authcfg: str, feedback
    ) -> tuple[str, list[str], str, str]:
        """The import's input for ``got``, the addresses downloaded, their SHA-256 and the file
        downloaded (empty for pages, or for a search the import fetches itself)."""
        if got.paging and got.paging.get("by") == "import":
            return got.url, [got.url], "", ""  # the import fetches every page of the search itself
        if got.paging and got.paging.get("style") == "offset":
            pages, addresses = self._fetch_pages(got, pages_dir, authcfg, feedback)
            return ";".join(str(p) for p in pages), addresses, pages_sha256(pages), ""
        path = self._fetch_one(got, got.url, cache, authcfg, feedback)
        return str(path), [got.url], file_sha256(path), str(path)

    def _download_error(self, got: Resolved, url: str, exc: InputError) -> QgsProcessingException:
        if "HTTP 404" in exc.reason or "HTTP 410" in exc.reason:
            when = ""
            if "MONTH" in got.choices:
                when = self.tr(
                    " A month's file appears when the publisher publishes it; if {m} should be there, the "
                    "address may have moved."
                ).format(m=got.choices["MONTH"])
            return QgsProcessingException(
                self.tr(
                    "{label}: the publisher has no file at {url} (not found).{when} Where the address was "
                    "documented: {doc}. A catalogue of your own (CATALOGUE) can give a new address."
                ).format(
                    label=got.label,
                    url=redact(url),
                    when=when,
                    doc=got.documented_at[0] if got.documented_at else self.tr("(not recorded)"),
                )
            )
        if "HTTP 401" in exc.reason or "HTTP 403" in exc.reason:
            return QgsProcessingException(
                self.tr(
                    "{label}: the publisher refused the download of {url} ({error}). Some publishers answer "
                    "programs with a browser check: open the address in a web browser, save the file, and "
                    "import it with the import for this data. A password is given through AUTHCFG."
                ).format(label=got.label, url=redact(url), error=exc.reason)
            )
        return QgsProcessingException(self.tr("{label}: {error}").format(label=got.label, error=exc))

    def _fetch_one(self, got: Resolved, url: str, cache: Path, authcfg: str, feedback) -> Path:
        feedback.pushInfo(self.tr("Downloading {label} from {url}").format(label=got.label, url=redact(url)))
        try:
            done = download.fetch(
                url,
                cache,
                authcfg=authcfg,
                cancel=feedback.isCanceled,
                progress=feedback.setProgress,
                log=feedback.pushInfo,
            )
        except Cancelled as exc:
            raise QgsProcessingException(
                self.tr("Cancelled during the download: the store is unchanged")
            ) from exc
        except InputError as exc:
            raise self._download_error(got, url, exc) from exc
        feedback.pushInfo(
            self.tr("{p}: {w}").format(
                p=done.path, w=self.tr("downloaded") if done.downloaded else self.tr("cached copy, unchanged")
            )
        )
        if got.extension.lower() not in (".html", ".htm") and is_web_page(done.path):
            raise QgsProcessingException(
                self.tr(
                    "{label}: {url} answered with a web page, not the {fmt} file (a browser check, a sign-in "
                    "or a page the file moved from). Open the address in a web browser, save the file, and "
                    "import it with the import for this data; or give the new address in a catalogue of "
                    "your own (CATALOGUE)."
                ).format(label=got.label, url=redact(url), fmt=got.extension)
            )
        return with_extension(done.path, got)

    def _fetch_pages(
        self, got: Resolved, cache: Path, authcfg: str, feedback
    ) -> tuple[list[Path], list[str]]:
        """Every page of an offset-paged API (planning.data.gov.uk), until a short page."""
        assert got.paging is not None
        size = int(got.paging["size"])
        pages: list[Path] = []
        urls: list[str] = []
        for n in range(int(got.paging.get("max_pages", 200))):
            if feedback.isCanceled():
                raise QgsProcessingException(self.tr("Cancelled during the download: the store is unchanged"))
            url = got.page_url(n * size, size)
            path = self._fetch_one(got, url, cache, authcfg, feedback)
            try:
                features = json.loads(path.read_text(encoding="utf-8")).get("features")
            except (OSError, ValueError, AttributeError):
                features = None  # not GeoJSON: the import says what it is
            if features == []:
                break  # past the last entity: an empty page names no dataset, so it is not imported
            pages.append(path)
            urls.append(url)
            if not isinstance(features, list) or len(features) < size:
                break
        else:
            feedback.pushWarning(self.tr("Stopped after {n} pages").format(n=len(pages)))
        if not pages:
            raise QgsProcessingException(
                self.tr("{label}: the publisher lists no entities for this choice ({url})").format(
                    label=got.label, url=redact(got.url)
                )
            )
        return pages, urls

    def run_source_import(
        self, got: Resolved, value: str, store: Store, parameters, context, feedback
    ) -> dict[str, Any]:
        """The entry's import on ``value``, into ``store``, with the catalogue's parameters and
        IMPORT_OPTIONS; its results."""
        assert got.import_algorithm is not None
        algorithm = QgsApplication.processingRegistry().createAlgorithmById(got.import_algorithm)
        if algorithm is None:
            raise QgsProcessingException(
                self.tr("{label}: the import {alg} is not available").format(
                    label=got.label, alg=got.import_algorithm
                )
            )
        child = {got.import_input: value, **got.import_parameters, "STORE": str(store.path)}
        authcfg = self.parameterAsString(parameters, self.AUTHCFG, context) or ""
        if authcfg and any(d.name() == self.AUTHCFG for d in algorithm.parameterDefinitions()):
            child[self.AUTHCFG] = authcfg
        child.update(import_options(self.parameterAsString(parameters, self.IMPORT_OPTIONS, context) or ""))
        feedback.pushInfo(
            self.tr("Importing with {alg}").format(alg=got.import_algorithm)
            + " "
            + redact(json.dumps({k: str(v) for k, v in child.items()}, sort_keys=True))
        )
        ok, message = algorithm.checkParameterValues(child, context)
        if not ok:
            raise QgsProcessingException(
                self.tr("{label}: the import's parameters were refused: {m}").format(
                    label=got.label, m=message
                )
            )
        # the import runs in a context of its own, as QGIS's models run their children, so the
        # layers it makes live and die in the thread that made them (the panel runs this as a task)
        child_context = QgsProcessingContext()
        child_context.setProject(context.project())
        child_context.setInvalidGeometryCheck(context.invalidGeometryCheck())
        results, ok = algorithm.run(child, child_context, feedback, {}, False)
        # the layers it asks to load, as values: the child context owns their details and style
        # post-processors, and deletes them as it goes now
        self.child_layers = [
            (uri, _detached(details), _style_of(details.postProcessor()))
            for uri, details in child_context.layersToLoadOnCompletion().items()
        ]
        del child_context
        if not ok:
            raise QgsProcessingException(self.tr("{label}: the import failed").format(label=got.label))
        return dict(results or {})

    def postProcessAlgorithm(self, context, feedback):  # noqa: N802
        """The import's layers, to load as its own run loads them (name, style): added here,
        where ``context`` is the one that loads them, in the main thread."""
        results = super().postProcessAlgorithm(context, feedback)
        for uri, details, style in getattr(self, "child_layers", ()):
            details.project = context.project()
            if style is not None:
                details.setPostProcessor(StylePostProcessor.create(*style))
            context.addLayerToLoadOnCompletion(uri, details)
        self.child_layers = []
        return results


def _detached(details: QgsProcessingContext.LayerDetails) -> QgsProcessingContext.LayerDetails:
    """A copy of ``details`` without its post-processor (which its context owns)."""
    copy = QgsProcessingContext.LayerDetails(details.name, None, details.outputName, details.layerTypeHint)
    copy.forceName = details.forceName
    copy.groupName = details.groupName
    copy.layerSortKey = details.layerSortKey
    return copy


def _style_of(processor) -> tuple[Path, str | None] | None:
    """What a style post-processor applies (its QML, the parameters it stamps), to make it anew."""
    if isinstance(processor, StylePostProcessor):
        return processor.qml, processor.parameters_json
    return None
