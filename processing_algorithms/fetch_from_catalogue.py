"""digonce:fetchfromcatalogue: pick a publisher's source from the catalogue (e.g. Street
Manager, March 2026), download it through QGIS's network manager into the store's cache, and
run the source's import on it: one step, with progress, cancel and the cache."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingMultiStepFeedback,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ..plugin.core.redact import redact
from ..plugin.sources.catalogue import Catalogue, CatalogueError, Resolved, import_id_of
from ._catalogue_download import CatalogueDownload
from ._import_base import Output

#: The catalogue's choices, one parameter each (an entry uses the ones it names).
CHOICE_PARAMETERS = ("MONTH", "RELEASE", "LAYER", "DATASET", "ORGANISATION", "QUERY")


class FetchFromCatalogue(CatalogueDownload):
    SOURCE = "SOURCE"
    MONTH = "MONTH"
    RELEASE = "RELEASE"
    LAYER = "LAYER"
    DATASET = "DATASET"
    ORGANISATION = "ORGANISATION"
    QUERY = "QUERY"
    CATALOGUE = "CATALOGUE"
    ACCEPT_LICENCE = "ACCEPT_LICENCE"
    # outputs (besides every output of the source's import)
    LABEL = "LABEL"
    SOURCE_ADDRESS = "SOURCE_ADDRESS"
    LICENCE = "LICENCE"
    ATTRIBUTION = "ATTRIBUTION"
    SHA256 = "SHA256"
    CONFIRMED = "CONFIRMED"
    OUTPUT_FILE = "OUTPUT_FILE"
    outputs = (
        Output(LABEL, QT_TRANSLATE_NOOP("FetchFromCatalogue", "Source and choice"), "string"),
        Output(SOURCE_ADDRESS, QT_TRANSLATE_NOOP("FetchFromCatalogue", "Address downloaded"), "string"),
        Output(LICENCE, QT_TRANSLATE_NOOP("FetchFromCatalogue", "Licence"), "string"),
        Output(ATTRIBUTION, QT_TRANSLATE_NOOP("FetchFromCatalogue", "Attribution"), "string"),
        Output(SHA256, QT_TRANSLATE_NOOP("FetchFromCatalogue", "SHA-256 of what was imported"), "string"),
        Output(CONFIRMED, QT_TRANSLATE_NOOP("FetchFromCatalogue", "1 when the address is confirmed")),
        Output(OUTPUT_FILE, QT_TRANSLATE_NOOP("FetchFromCatalogue", "Downloaded file"), "file"),
        Output("IMPORT_ID", QT_TRANSLATE_NOOP("FetchFromCatalogue", "Import id in the catalogue")),
        Output("MESSAGE", QT_TRANSLATE_NOOP("FetchFromCatalogue", "Summary"), "string"),
    )

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
            self.add_text(name, label, text)
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
        self.add_text(
            self.CATALOGUE,
            self.tr("Your own catalogue (file or address)"),
            self.tr(
                "A JSON catalogue merged over the shipped one, field by field: a moved address, a mirror "
                "(hosts), or a source of your own. Empty = the DIGONCE_CATALOGUE environment variable, "
                "else the shipped catalogue alone."
            ),
            advanced=True,
        )
        self.add_text(
            self.IMPORT_OPTIONS,
            self.tr("More import parameters (KEY=VALUE;KEY=VALUE)"),
            self.tr("Passed to the source's import over the catalogue's, e.g. CENTROIDS=/data/onspd.csv."),
            advanced=True,
        )
        self.add_optional_store_parameter()
        self.add_authcfg_parameter()
        self.add_outputs()

    # --- steps ---------------------------------------------------------------------------

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

    # --- run -----------------------------------------------------------------------------

    def run_import(
        self, parameters: dict[str, Any], context: QgsProcessingContext, feedback: QgsProcessingFeedback
    ) -> dict[str, Any]:
        store = self.open_store(parameters, context)
        cache = store.download_cache_dir()
        given = (self.parameterAsString(parameters, self.CATALOGUE, context) or "").strip()
        got = self._resolve(self.user_catalogue(given, cache, feedback), parameters, context)
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
        out: dict[str, Any] = {}
        import_id = None
        # pages of an offset-paged API go to a folder of their own, removed after the import
        with tempfile.TemporaryDirectory(
            prefix="catalogue-pages-", dir=cache, ignore_cleanup_errors=True
        ) as tmp:
            value, addresses, sha, output_file = self.download_entry(got, cache, Path(tmp), authcfg, steps)
            if steps.isCanceled():
                raise QgsProcessingException(self.tr("Cancelled: the store is unchanged"))
            if got.import_algorithm is None:
                message = self.tr(
                    "{label} downloaded to {path}; no Dig Once import reads this file yet, so the store is "
                    "unchanged."
                ).format(label=got.label, path=output_file)
            else:
                steps.setCurrentStep(1)
                out = self.run_source_import(got, value, store, parameters, context, steps)
                # some imports return nothing when cancelled, leaving the store as it was
                if steps.isCanceled():
                    raise QgsProcessingException(self.tr("Cancelled: the store is unchanged"))
                import_id = import_id_of(store.catalogue(), out.get("IMPORT_ID"), before, sha)
                row = next((r for r in store.catalogue() if r["id"] == import_id), None)
                if row is not None and not sha:
                    sha = row.get("sha256") or ""
                if import_id is not None:
                    store.record_origin(import_id, got.origin(sha, addresses))
                message = self.tr("{label}: {m}").format(
                    label=got.label, m=out.get("MESSAGE") or self.tr("imported")
                )
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
