"""digonce:fetchfromcatalogue: pick a publisher's source from the catalogue (e.g. Street
Manager, March 2026), download it through QGIS's network manager into the store's cache, and
run the source's import on it: one step, with progress, cancel and the cache."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from qgis.core import (
    QgsApplication,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputFile,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterString,
)

from ..plugin.core.errors import Cancelled, DigOnceError, InputError
from ..plugin.core.redact import redact
from ..plugin.sources.catalogue import Catalogue, CatalogueError, Resolved, load_catalogue
from ..plugin.store import Store, file_sha256
from ..plugin.toolbelt import download
from ..plugin.toolbelt.settings import PluginSettings
from ._import_base import ImportAlgorithm

#: The catalogue's choices, one parameter each (an entry uses the ones it names).
CHOICE_PARAMETERS = ("MONTH", "RELEASE", "LAYER", "DATASET", "ORGANISATION", "QUERY")


class FetchFromCatalogue(ImportAlgorithm):
    SOURCE = "SOURCE"
    MONTH = "MONTH"
    RELEASE = "RELEASE"
    LAYER = "LAYER"
    DATASET = "DATASET"
    ORGANISATION = "ORGANISATION"
    QUERY = "QUERY"
    CATALOGUE = "CATALOGUE"
    ACCEPT_LICENCE = "ACCEPT_LICENCE"
    IMPORT_OPTIONS = "IMPORT_OPTIONS"
    # outputs (besides every output of the source's import)
    LABEL = "LABEL"
    SOURCE_ADDRESS = "SOURCE_ADDRESS"
    LICENCE = "LICENCE"
    ATTRIBUTION = "ATTRIBUTION"
    SHA256 = "SHA256"
    CONFIRMED = "CONFIRMED"
    OUTPUT_FILE = "OUTPUT_FILE"

    def name(self) -> str:
        return "fetchfromcatalogue"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Get from publisher (catalogue of official sources)")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Brings a publisher's data into the store in one step, without hunting for the address: "
            "choose the source (for example street_manager_permits) and its month, release or layer, "
            "accept its licence, and the file is downloaded and imported with the import made for it. "
            "The sources, their licences and where each address was documented are in the plugin's "
            "catalogue (resources/catalogue/catalogue.json); the README lists them.\n\n"
            "Sources: street_manager_permits and street_manager_section_58 (MONTH, YYYY-MM), "
            "ofcom_connected_nations (RELEASE), gla_cultural_infrastructure (LAYER), "
            "pld_planning_applications (QUERY, an Elasticsearch search such as lpa_name:Camden), "
            "planning_data_gov_uk (DATASET and ORGANISATION), os_open_usrn and os_open_uprn "
            "(downloaded only: no import reads them yet; OUTPUT_FILE is the file).\n\n"
            "The rules:\n"
            "- Nothing is downloaded until the licence is accepted (ACCEPT_LICENCE): the message names "
            "the licence and the attribution to give.\n"
            "- MONTH empty = the latest month published. A month not published yet is refused with the "
            "latest one; Street Manager publishes a month at the start of the next.\n"
            "- An address the catalogue marks as not confirmed is said in the log before the download.\n"
            "- Downloads go through QGIS's network settings (proxy, AUTHCFG) into the store's download "
            "cache: resumed when interrupted, and not downloaded again when the publisher's file is "
            "unchanged (ETag / Last-Modified / size). Search results and entity pages are fetched afresh.\n"
            "- The import runs with the catalogue's parameters, and IMPORT_OPTIONS (KEY=VALUE;KEY=VALUE, "
            "e.g. CENTROIDS=/data/onspd.csv for Ofcom). Its outputs are this algorithm's outputs.\n"
            "- The store's catalogue keeps, with the import, the source, address, licence, attribution "
            "and the file's SHA-256; the report's Sources section lists them.\n"
            "- CATALOGUE: a catalogue file or address of your own, merged over the shipped one (for an "
            "address that moved, a mirror, or a source of your own); it is checked and a malformed "
            "entry is named with its field. The DIGONCE_CATALOGUE environment variable does the same "
            "for every run."
        )

    def initAlgorithm(self, config: dict[str, Any] | None = None) -> None:  # noqa: N802
        self.add(
            QgsProcessingParameterString(self.SOURCE, self.tr("Source (catalogue name)")),
            self.tr(
                "The catalogue's name of the source, e.g. street_manager_permits, ofcom_connected_nations, "
                "gla_cultural_infrastructure, pld_planning_applications, planning_data_gov_uk."
            ),
        )
        helps = {
            self.MONTH: (self.tr("Month (YYYY-MM)"), self.tr("For a monthly archive; empty = the latest month published.")),
            self.RELEASE: (self.tr("Release"), self.tr("For a source published in releases (Ofcom: 2025-07); empty = the newest.")),
            self.LAYER: (self.tr("Layer"), self.tr("For a source in layers (Cultural Infrastructure Map: pubs, theatres ... or all_2023).")),
            self.DATASET: (self.tr("Dataset"), self.tr("planning.data.gov.uk dataset: planning-application, brownfield-land or conservation-area.")),
            self.ORGANISATION: (self.tr("Organisation entity"), self.tr("planning.data.gov.uk organisation entity number (a local planning authority); empty = all.")),
            self.QUERY: (self.tr("Search"), self.tr("Planning London Datahub search (Elasticsearch q=), e.g. lpa_name:Camden; empty = everything.")),
        }  # fmt: skip
        for name, (label, text) in helps.items():
            self.add(QgsProcessingParameterString(name, label, optional=True), text)
        self.add(
            QgsProcessingParameterBoolean(
                self.ACCEPT_LICENCE, self.tr("I accept the source's licence"), defaultValue=False
            ),
            self.tr(
                "The data are published under a licence (most under the Open Government Licence v3.0, "
                "which asks you to give the publisher's attribution). Nothing is downloaded until it is "
                "accepted; without it the message names the licence."
            ),
        )
        self.add(
            QgsProcessingParameterString(
                self.CATALOGUE, self.tr("Your own catalogue (file or address)"), optional=True
            ),
            self.tr(
                "A JSON catalogue merged over the shipped one, field by field: a moved address, a mirror "
                "(hosts), or a source of your own. Empty = the DIGONCE_CATALOGUE environment variable, "
                "else the shipped catalogue alone."
            ),
            advanced=True,
        )
        self.add(
            QgsProcessingParameterString(
                self.IMPORT_OPTIONS, self.tr("More import parameters (KEY=VALUE;KEY=VALUE)"), optional=True
            ),
            self.tr("Passed to the source's import over the catalogue's, e.g. CENTROIDS=/data/onspd.csv."),
            advanced=True,
        )
        self.add_optional_store_parameter()
        self.add_authcfg_parameter()
        self.addOutput(QgsProcessingOutputString(self.LABEL, self.tr("Source and choice")))
        self.addOutput(QgsProcessingOutputString(self.SOURCE_ADDRESS, self.tr("Address downloaded")))
        self.addOutput(QgsProcessingOutputString(self.LICENCE, self.tr("Licence")))
        self.addOutput(QgsProcessingOutputString(self.ATTRIBUTION, self.tr("Attribution")))
        self.addOutput(QgsProcessingOutputString(self.SHA256, self.tr("SHA-256 of what was imported")))
        self.addOutput(QgsProcessingOutputNumber(self.CONFIRMED, self.tr("1 when the address is confirmed")))
        self.addOutput(QgsProcessingOutputFile(self.OUTPUT_FILE, self.tr("Downloaded file")))
        self.addOutput(QgsProcessingOutputNumber(self.IMPORT_ID, self.tr("Import id in the catalogue")))
        self.addOutput(QgsProcessingOutputString(self.MESSAGE, self.tr("Summary")))

    # --- steps ---------------------------------------------------------------------------

    def _catalogue(self, parameters, context, store_dir: Path, feedback) -> Catalogue:
        given = (self.parameterAsString(parameters, self.CATALOGUE, context) or "").strip()
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

    def _resolve(self, catalogue: Catalogue, parameters, context) -> Resolved:
        source = (self.parameterAsString(parameters, self.SOURCE, context) or "").strip()
        values = {name: self.parameterAsString(parameters, name, context) or "" for name in CHOICE_PARAMETERS}
        try:
            return catalogue.resolve(source, values)
        except CatalogueError as exc:
            raise QgsProcessingException(str(exc)) from exc

    def _licence(self, got: Resolved, parameters, context) -> None:
        if self.parameterAsBoolean(parameters, self.ACCEPT_LICENCE, context):
            return
        raise QgsProcessingException(
            self.tr(
                "{label} is published by {publisher} under the {licence} ({url}). Nothing was downloaded: "
                "read the licence, then run again with ACCEPT_LICENCE=true (in the dialog, tick 'I accept "
                "the licence'). The attribution to give: {attribution}"
            ).format(
                label=got.label,
                publisher=got.publisher,
                licence=got.licence,
                url=got.licence_url or self.tr("see the publisher"),
                attribution=got.attribution,
            )
        )

    def open_store(self, parameters, context) -> Store:
        path = (
            self.parameterAsFile(parameters, self.STORE, context)
            or PluginSettings.load().resolved_store_path()
        )
        # made here, so that a folder that cannot be made is reported as the user_message of
        # its OSError (the path and what to do), as the store's own error would not say
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        return self.optional_store(parameters, context)

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
        if got.extension.lower() not in (".html", ".htm") and _is_web_page(done.path):
            raise QgsProcessingException(
                self.tr(
                    "{label}: {url} answered with a web page, not the {fmt} file (a browser check, a sign-in "
                    "or a page the file moved from). Open the address in a web browser, save the file, and "
                    "import it with the import for this data; or give the new address in a catalogue of "
                    "your own (CATALOGUE)."
                ).format(label=got.label, url=redact(url), fmt=got.extension)
            )
        return _with_extension(done.path, got)

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

    def _run_import(
        self, got: Resolved, value: str, store: Store, parameters, context, feedback
    ) -> dict[str, Any]:
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
        child.update(_options(self.parameterAsString(parameters, self.IMPORT_OPTIONS, context) or ""))
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
        # the store's layers, by address (without the child's post-processors: the child context
        # owns them and goes now)
        for uri, details in child_context.layersToLoadOnCompletion().items():
            context.addLayerToLoadOnCompletion(
                uri, QgsProcessingContext.LayerDetails(details.name, context.project(), details.outputName)
            )
        del child_context
        if not ok:
            raise QgsProcessingException(self.tr("{label}: the import failed").format(label=got.label))
        return dict(results or {})

    # --- run -----------------------------------------------------------------------------

    def run_import(
        self, parameters: dict[str, Any], context: QgsProcessingContext, feedback: QgsProcessingFeedback
    ) -> dict[str, Any]:
        store = self.open_store(parameters, context)
        cache = store.download_cache_dir()
        catalogue = self._catalogue(parameters, context, cache, feedback)
        got = self._resolve(catalogue, parameters, context)
        self._licence(got, parameters, context)
        feedback.pushInfo(
            self.tr("{label}: {publisher}, {licence}. {attribution}").format(
                label=got.label, publisher=got.publisher, licence=got.licence, attribution=got.attribution
            )
        )
        if not got.confirmed:
            feedback.pushWarning(
                self.tr(
                    "The address of {label} is not confirmed from the publisher's documentation. {notes}"
                ).format(label=got.label, notes=" ".join(got.notes))
            )
        authcfg = self.parameterAsString(parameters, self.AUTHCFG, context) or ""
        steps = QgsProcessingMultiStepFeedback(2 if got.import_algorithm else 1, feedback)
        before = max((row["id"] for row in store.catalogue()), default=0)
        tmp: Path | None = None
        addresses = [got.url]
        sha = ""
        output_file = ""
        try:
            by_import = bool(got.paging) and got.paging.get("by") == "import"
            if by_import:
                value = got.url  # the import fetches every page of the search itself
            elif got.paging and got.paging.get("style") == "offset":
                tmp = Path(tempfile.mkdtemp(prefix="catalogue-pages-", dir=cache))
                pages, addresses = self._fetch_pages(got, tmp, authcfg, steps)
                value = ";".join(str(p) for p in pages)
                digest = hashlib.sha256()
                for page in pages:
                    digest.update(f"{file_sha256(page)}\n".encode())
                sha = digest.hexdigest()
            else:
                path = self._fetch_one(got, got.url, cache, authcfg, steps)
                value = output_file = str(path)
                sha = file_sha256(path)
            if steps.isCanceled():
                raise QgsProcessingException(self.tr("Cancelled: the store is unchanged"))
            out: dict[str, Any] = {}
            if got.import_algorithm is None:
                message = self.tr(
                    "{label} downloaded to {path}; no Dig Once import reads this file yet, so the store is "
                    "unchanged."
                ).format(label=got.label, path=output_file)
                import_id = None
            else:
                steps.setCurrentStep(1)
                out = self._run_import(got, value, store, parameters, context, steps)
                if (
                    steps.isCanceled()
                ):  # some imports return nothing when cancelled, leaving the store as it was
                    raise QgsProcessingException(self.tr("Cancelled: the store is unchanged"))
                import_id = _import_id(store, out, before, sha)
                row = next((r for r in store.catalogue() if r["id"] == import_id), None)
                if row is not None and not sha:
                    sha = row.get("sha256") or ""
                if import_id is not None:
                    store.record_origin(import_id, got.origin(sha, addresses))
                message = self.tr("{label}: {m}").format(
                    label=got.label, m=out.get("MESSAGE") or self.tr("imported")
                )
        finally:
            if tmp is not None:
                shutil.rmtree(tmp, ignore_errors=True)
        feedback.pushInfo(message)
        out.update(
            {
                self.LABEL: got.label,
                self.SOURCE_ADDRESS: redact(got.url),
                self.LICENCE: got.licence,
                self.ATTRIBUTION: got.attribution,
                self.SHA256: sha,
                self.CONFIRMED: 1 if got.confirmed else 0,
                self.OUTPUT_FILE: output_file,
                self.IMPORT_ID: import_id,
                self.MESSAGE: message,
            }
        )
        return out


def _options(text: str) -> dict[str, str]:
    """``KEY=VALUE;KEY=VALUE`` as a dict (keys upper-cased: they are parameter names)."""
    out = {}
    for part in text.split(";"):
        if "=" in part:
            key, value = part.split("=", 1)
            if key.strip():
                out[key.strip().upper()] = value.strip()
    return out


def _import_id(store: Store, results: dict[str, Any], before: int, sha: str) -> int | None:
    """The catalogue row the import wrote (its IMPORT_ID output; else the newest new row; else,
    for an import that changed nothing, the latest row with the file's checksum)."""
    given = results.get("IMPORT_ID")
    if isinstance(given, (int, float)) and given:
        return int(given)
    rows = store.catalogue()
    new = [r["id"] for r in rows if r["id"] > before]
    if new:
        return max(new)
    same = [r["id"] for r in rows if sha and r.get("sha256") == sha]
    return max(same) if same else None


def _is_web_page(path: Path) -> bool:
    """Whether a download is an HTML page (what a browser check or a moved page sends)."""
    try:
        with open(path, "rb") as f:
            head = f.read(512).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    except OSError:
        return False
    return head.startswith((b"<!doctype html", b"<html", b"<head"))


def _with_extension(path: Path, got: Resolved) -> Path:
    """The download under a name with the format's extension: the imports tell formats by it,
    and an API address (``.../downloads?...&redirect``) gives the cache a name without one."""
    ext = got.extension.lower()
    if path.suffix.lower() == ext:
        return path
    target = path.with_name(f"{got.source}{ext}")
    if target.exists():
        if target.stat().st_size == path.stat().st_size and file_sha256(target) == file_sha256(path):
            return target
        target.unlink()
    try:
        os.link(path, target)
    except OSError:
        shutil.copyfile(path, target)
    return target
