"""The one base of the import algorithms (a helper module: not an algorithm).

An import declares its reader (``run_import``), its own parameters and its results (``outputs``);
this class owns what every import shares: the STORE and AUTHCFG parameters, the input (a
file, a folder or an http(s) address, downloaded once into the store's download cache), the
run (a cancel leaves the store unchanged; a reader's error is a sentence, never a traceback)
and the store layers returned, stamped and loaded in ``postProcessAlgorithm``.

STORE is read one way (``open_store``, through ``_store_outputs.store_path``: the path given,
else the plugin's store from Settings) but declared in the two shapes the algorithms have
always had, because the shape itself is what scripts and models hold on to:

- a GeoPackage *destination* defaulting to the plugin's store (``add_store_parameter``: Street
  Manager, forward plans, works files). A destination gives the algorithm a STORE output
  (``qgis_process help`` lists it; a model can wire it on), and in a model a destination left
  unset is a temporary file.
- an optional, advanced GeoPackage *file*, empty = the plugin's store
  (``add_optional_store_parameter``: the four connectivity imports and Get from publisher).

Making the first kind a file would take away its STORE output (a model that uses it breaks)
and change its type, default and help; making the second kind a destination would add an
output, make STORE required, and send an unset STORE in a model to a throwaway temporary store
instead of the plugin's. ``qgis_process`` with STORE=path, or without STORE, writes the same
store either way, and the panel fills STORE itself for both, so nothing is gained for scripts
that would pay for the models. (Publish to the shared register, not an import, reads STORE as
a file that defaults to the plugin's store.)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qgis.core import (
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputFile,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingOutputVectorLayer,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP

from ..plugin.core.errors import Cancelled, DigOnceError, InputError
from ..plugin.store import Store
from ..plugin.toolbelt import download
from ._store_outputs import (
    AUTHCFG,
    STORE,
    StoreOutputs,
    authcfg_parameter,
    resolve_input,
    store_parameter,
    store_path,
)
from .base import BaseAlgorithm

is_url = download.is_url


@dataclass(frozen=True)
class Output:
    """One result of an import, in the order the toolbox lists them. ``label`` is marked for
    translation with ``QT_TRANSLATE_NOOP`` in the context of the class that declares it (the
    shared results below: ImportAlgorithm, which every import's ``tr()`` falls back to)."""

    name: str
    label: str
    kind: str = "number"  # "number", "string", "file" or "layer" (a store layer)


def fetch(value: str, store: Store, feedback: QgsProcessingFeedback, authcfg: str = "") -> Path:
    """A local path for ``value``: itself, or the cached download of the URL
    (``toolbelt.download.fetch``: QGIS's network manager, resumable, reused when unchanged;
    credentials only from the QGIS authentication configuration ``authcfg``)."""
    if not is_url(value):
        path = Path(value)
        if not path.exists():
            raise QgsProcessingException(f"Input file {value} does not exist")
        return path
    try:
        got = download.fetch(
            value,
            store.download_cache_dir(),
            authcfg=authcfg,
            cancel=feedback.isCanceled,
            progress=feedback.setProgress,
            log=feedback.pushInfo,
        )
    except Cancelled as exc:
        raise QgsProcessingException("Cancelled during the download") from exc
    except InputError as exc:
        raise QgsProcessingException(str(exc)) from exc
    return got.path


# The results several imports give, declared once; each import lists those it gives in its
# ``outputs``, in its own order.
WORKS_OUTPUT = Output("WORKS", QT_TRANSLATE_NOOP("ImportAlgorithm", "Works"), "layer")
RECORDS_REJECTED_OUTPUT = Output("REJECTED", QT_TRANSLATE_NOOP("ImportAlgorithm", "Records rejected"))
ROWS_REJECTED_OUTPUT = Output("REJECTED", QT_TRANSLATE_NOOP("ImportAlgorithm", "Rows rejected"))
UNCHANGED_OUTPUT = Output(
    "UNCHANGED", QT_TRANSLATE_NOOP("ImportAlgorithm", "1 when already imported (nothing changed)")
)
IMPORT_ID_OUTPUT = Output("IMPORT_ID", QT_TRANSLATE_NOOP("ImportAlgorithm", "Import id in the catalogue"))
SUMMARY_OUTPUT = Output("MESSAGE", QT_TRANSLATE_NOOP("ImportAlgorithm", "Summary"), "string")


@dataclass(frozen=True)
class FieldRole:
    """A field of the input the user maps to a role: its parameter, the canonical field it
    fills, its label and help (marked for translation in the declaring class's context)."""

    param: str
    canonical: str
    label: str
    help: str
    required: bool = False
    advanced: bool = False


class ImportAlgorithm(BaseAlgorithm):
    """Base of every import: STORE, the input, the run and the store layers returned."""

    group_id = "import"
    group_name = "Import"

    INPUT = "INPUT"
    STORE = STORE
    AUTHCFG = AUTHCFG
    IMPORT_ID = "IMPORT_ID"
    REJECTED = "REJECTED"
    UNCHANGED = "UNCHANGED"
    MESSAGE = "MESSAGE"

    #: subclasses: the results, in order (see ``add_outputs``)
    outputs: tuple[Output, ...] = ()

    # --- declaring --------------------------------------------------------------------------

    # STORE in its two declared shapes: why both remain is in the module docstring.

    def add_store_parameter(self) -> None:
        """STORE as a GeoPackage destination, defaulting to the plugin's store (Settings)."""
        self.addParameter(store_parameter(self, QgsProcessingParameterFileDestination))

    def add_optional_store_parameter(self) -> None:
        """STORE as an optional, advanced GeoPackage file: empty = the plugin's store (Settings)."""
        self.add(
            QgsProcessingParameterFile(
                self.STORE,
                self.tr("Store (GeoPackage)"),
                behavior=QgsProcessingParameterFile.File,
                fileFilter="GeoPackage (*.gpkg)",
                optional=True,
            ),
            self.tr(
                "The local store to import into; empty = the plugin's store in the QGIS profile (Settings)."
            ),
            advanced=True,
        )

    def add_authcfg_parameter(self) -> None:
        self.addParameter(authcfg_parameter())

    def add_text(self, name: str, label: str, help_text: str, *, advanced: bool = False) -> None:
        """An optional text parameter: an encoding, a category, a layer name, an address ..."""
        self.add(QgsProcessingParameterString(name, label, optional=True), help_text, advanced=advanced)

    def add_choice(self, name: str, label: str, options: list[str], help_text: str, default: int = 0) -> None:
        """A choice among ``options`` (its value is the option's index)."""
        self.add(QgsProcessingParameterEnum(name, label, options=options, defaultValue=default), help_text)

    def add_field_parameters(self, roles: tuple[FieldRole, ...], parent: str) -> None:
        """One optional field parameter of ``parent`` per role (a missing required field is
        reported by the run, naming the parameter: a recognised layout needs no mapping)."""
        for role in roles:
            self.add_field(
                role.param, self.tr(role.label), parent, self.tr(role.help), advanced=role.advanced
            )

    def add_outputs(self) -> None:
        """The declared ``outputs``: store layers, numbers, text and files."""
        kinds = {
            "layer": QgsProcessingOutputVectorLayer,
            "number": QgsProcessingOutputNumber,
            "string": QgsProcessingOutputString,
            "file": QgsProcessingOutputFile,
        }
        for output in self.outputs:
            self.addOutput(kinds[output.kind](output.name, self.tr(output.label)))

    # --- running ----------------------------------------------------------------------------

    def processAlgorithm(  # noqa: N802
        self, parameters: dict[str, Any], context: QgsProcessingContext, feedback: QgsProcessingFeedback
    ) -> dict[str, Any]:
        self.store_outputs = StoreOutputs()
        self._parameters = dict(parameters)
        try:
            return self.run_import(parameters, context, feedback)
        except Cancelled as exc:
            return self.cancelled(feedback, exc)
        except DigOnceError as exc:
            raise QgsProcessingException(str(exc)) from exc

    def run_import(
        self, parameters: dict[str, Any], context: QgsProcessingContext, feedback: QgsProcessingFeedback
    ) -> dict[str, Any]:
        """Subclasses: read the input into the store and return the results."""
        raise NotImplementedError

    def cancelled(self, feedback: QgsProcessingFeedback, exc: Cancelled) -> dict[str, Any]:
        """A cancel during the import: the store is unchanged, and no results are returned."""
        feedback.reportError(self.tr("Cancelled: the store is unchanged."))
        return {}

    def open_store(self, parameters: dict[str, Any], context: QgsProcessingContext) -> Store:
        """The store STORE names, in either shape, else the plugin's store (Settings); the store
        itself refuses a folder or a file that is not a GeoPackage, and makes its folder or says
        why it cannot."""
        path = store_path(self, parameters, context)
        try:
            return Store(path)
        except DigOnceError as exc:
            raise QgsProcessingException(str(exc)) from exc

    def resolve_input(self, parameters, context, feedback, store: Store, *, url_param: str = "URL") -> Path:
        """INPUT (or ``url_param``) as a local file or folder, downloaded first when an address."""
        return resolve_input(self, parameters, context, feedback, store, url_param=url_param)

    def store_layer(self, output: str, store: Store, table: str, style: str) -> str:
        """A store table returned as ``output``: stamped, styled and loaded after the run."""
        return self.store_outputs.add(output, store, table, style)

    def postProcessAlgorithm(self, context, feedback):  # noqa: N802
        self.store_outputs.finish(self, self._parameters, context, feedback)
        return {}
