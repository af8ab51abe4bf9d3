"""digonce:publishtoregister: push my store's works and plans to the shared register."""

from __future__ import annotations

from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
)

from ..plugin.core.errors import Cancelled, DigOnceError
from ..plugin.register import VISIBILITIES, RegisterError
from ..plugin.store import WORKS_TABLE, Store
from ..plugin.toolbelt.outputs import plugin_version
from ._store_outputs import store_parameter, store_path
from .base import BaseAlgorithm
from .create_register import (
    CONNECTION,
    ORGANISATION,
    connection_parameters,
    open_register,
    organisation_parameter,
    stored_password_warning,
)

#: WHAT -> the store sources published (None: every work in the store).
_SOURCES = (("plan", "works"), ("plan",), None)


class PublishToRegister(BaseAlgorithm):
    VISIBILITY = "VISIBILITY"
    WHAT = "WHAT"

    def name(self) -> str:
        return "publishtoregister"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Publish my works and plans to the shared register")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Puts your organisation's works and forward plans from your Dig Once store into the shared "
            "register, so that clashes and dig-once opportunities with other organisations' plans are found "
            "early, by you and by them. Choose who may see their detail: private (only your organisation; "
            "others learn only that a match exists and whom to contact), shared (every organisation of the "
            "register) or public.\n\n"
            "Publishing again replaces all of your organisation's rows in the register: plans you removed "
            "from your store are removed from the register. The replacement is all-or-nothing: if the "
            "connection is lost or you cancel, the register keeps the rows it had. Other organisations' rows "
            "are never touched (the register's row-level security would refuse it).\n\n"
            "WHAT: your plans and your own works files (default; Street Manager permits, which are other "
            "promoters' public records, are left out), your plans only, or every work in the store.\n\n"
            "Works the matcher cannot use (no geometry, no dates, end before start, coordinates that are not "
            "numbers) are published with the reason and counted (UNUSABLE), never dropped. Invalid polygons "
            "are repaired as digonce:findworksoverlaps repairs them. Geometries are sent in EPSG:27700, "
            "in 2D."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        connection_parameters(self)
        self.addParameter(store_parameter(self, QgsProcessingParameterFile))
        # VISIBILITY and WHAT: a choice each, the first option by default
        for name, label, options, help_text in (
            (
                self.VISIBILITY,
                self.tr("Who may see the detail"),
                [
                    self.tr("private: my organisation only (others see only that a match exists)"),
                    self.tr("shared: every organisation of the register"),
                    self.tr("public: everyone who may read the register"),
                ],
                self.tr("Visibility of every row published in this run."),
            ),
            (
                self.WHAT,
                self.tr("What to publish"),
                [
                    self.tr("my plans and works files (not Street Manager permits)"),
                    self.tr("my plans only"),
                    self.tr("every work in the store"),
                ],
                self.tr("Which works of the store are yours to publish."),
            ),
        ):
            self.add(QgsProcessingParameterEnum(name, label, options, defaultValue=0), help_text)
        organisation_parameter(self)
        self.add_counts(
            {
                "PUBLISHED": self.tr("Works published"),
                "UNUSABLE": self.tr("Published but unusable for matching"),
                "LEFT_OUT": self.tr("Store works not published (WHAT)"),
                "PUBLICATION_ID": self.tr("Publication number"),
            }
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        name = self.parameterAsConnectionName(parameters, CONNECTION, context)
        path = store_path(self, parameters, context)
        visibility = VISIBILITIES[self.parameterAsEnum(parameters, self.VISIBILITY, context)]
        sources = _SOURCES[self.parameterAsEnum(parameters, self.WHAT, context)]
        org = self.parameterAsString(parameters, ORGANISATION, context) or None
        try:
            rows = Store(path).rows(WORKS_TABLE, geometry=True)
        except DigOnceError as exc:
            raise QgsProcessingException(str(exc)) from exc
        chosen = [r for r in rows if sources is None or (r.get("source") or "") in sources]
        left_out = len(rows) - len(chosen)
        feedback.pushInfo(
            self.tr("{store}: {n} works, {k} to publish, {m} left out by WHAT").format(
                store=path, n=len(rows), k=len(chosen), m=left_out
            )
        )
        register = open_register(self, parameters, context)
        warning = stored_password_warning(name)
        if warning:
            feedback.pushWarning(warning)
        try:
            publication = register.publish(
                chosen,
                visibility,
                org=org,
                plugin_version=plugin_version(),
                progress=lambda f: feedback.setProgress(100.0 * f),
                cancel=feedback.isCanceled,
            )
        except Cancelled:
            feedback.pushWarning(self.tr("Cancelled: the register keeps the rows it had."))
            return {}
        except RegisterError as exc:
            raise QgsProcessingException(str(exc)) from exc
        feedback.pushInfo(
            self.tr(
                "Publication {id} of {org}: {n} works ({visibility}); {u} cannot be matched and say why"
            ).format(
                id=publication.id,
                org=publication.org,
                n=publication.rows,
                visibility=visibility,
                u=publication.unusable,
            )  # fmt: skip
        )
        return {
            "PUBLISHED": publication.rows,
            "UNUSABLE": publication.unusable,
            "LEFT_OUT": left_out,
            "PUBLICATION_ID": publication.id,
        }
