"""digonce:findregistermatches: my organisation's clashes and dig-once opportunities against
every work and plan of the shared register, private ones included (blind matching)."""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely
from qgis.core import (
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ..plugin.core.schema import EXCLUDED_PERMIT_STATUSES
from ..plugin.register import RegisterError
from ..plugin.toolbelt.layer_io import write_columns
from ..plugin.toolbelt.layers import split_list
from ..plugin.toolbelt.outputs import finalize_output
from .base import BaseAlgorithm
from .create_register import (
    CONNECTION,
    ORGANISATION,
    connection_parameters,
    open_register,
    organisation_parameter,
    stored_password_warning,
)

ALGORITHM_ID = "digonce:findregistermatches"

DETAIL_FIELDS = (
    ("my_ref", "str"),
    ("my_promoter", "str"),
    ("my_start", "date"),
    ("my_end", "date"),
    ("kind", "str"),
    ("distance_m", "float"),
    ("distance_class", "str"),
    ("gap_days", "int"),
    ("overlap_days", "int"),
    ("partner_org", "str"),
    ("partner_org_name", "str"),
    ("partner_contact", "str"),
    ("partner_ref", "str"),
    ("partner_promoter", "str"),
    ("partner_visibility", "str"),
    ("partner_start", "date"),
    ("partner_end", "date"),
    ("partner_usrn", "str"),
    ("partner_street", "str"),
    ("partner_borough", "str"),
)
BLIND_FIELDS = (
    ("my_ref", "str"),
    ("my_promoter", "str"),
    ("my_start", "date"),
    ("my_end", "date"),
    ("kind", "str"),
    ("distance_class", "str"),
    ("partner_org", "str"),
    ("partner_org_name", "str"),
    ("partner_contact", "str"),
    ("partner_usrn", "str"),
    ("partner_street", "str"),
    ("partner_borough", "str"),
    ("partner_start_month", "str"),
    ("partner_end_month", "str"),
)


def _geometries(hexes: list[str | None]) -> np.ndarray:
    out = np.empty(len(hexes), dtype=object)
    out[:] = [None if h is None else shapely.from_wkb(bytes.fromhex(h)) for h in hexes]
    return out


class FindRegisterMatches(BaseAlgorithm):
    DISTANCE = "DISTANCE"
    MAX_GAP_DAYS = "MAX_GAP_DAYS"
    SAME_STREET = "SAME_STREET"
    INCLUDE_SAME_OWNER = "INCLUDE_SAME_OWNER"
    EXCLUDED_STATUSES = "EXCLUDED_STATUSES"
    OUTPUT = "OUTPUT"
    OUTPUT_BLIND = "OUTPUT_BLIND"

    def name(self) -> str:
        return "findregistermatches"

    def displayName(self) -> str:  # noqa: N802
        return self.tr("Find my matches in the shared register")

    def shortHelpString(self) -> str:  # noqa: N802
        return self.tr(
            "Finds where your organisation's published works and plans meet any other work or plan in the "
            "shared register, including other organisations' private plans, so that you can dig once "
            "together. Where you may read the other work (it is yours, or was shared or made public) you get "
            "the full detail. Where you may not, you learn only what you need to start talking: the other "
            "organisation and its contact, the street (USRN and name), the highway authority, the months of "
            "its window (not the days), whether it is a clash or an opportunity and how close it is (a "
            "distance class such as <= 25 m), never its geometry. The other organisation sees the same "
            "match from its side.\n\n"
            "Publish first (digonce:publishtoregister): the register matches what was published.\n\n"
            "The rules are those of digonce:findworksoverlaps, with the same parameters. Near: the distance "
            "between the two geometries (EPSG:27700) is at most DISTANCE metres (inclusive), or with "
            "SAME_STREET both have the same non-empty USRN. Windows are closed intervals of days. Clash: "
            "the windows overlap (end of one = start of the other is a one-day clash). Opportunity: they do "
            "not overlap and the later start minus the earlier end is at most MAX_GAP_DAYS. Pairs of the same "
            "owner (promoter, case and extra spaces ignored) are left out unless INCLUDE_SAME_OWNER; works "
            "whose permit status is in EXCLUDED_STATUSES, or published as unusable, never take part. The "
            "register measures distance with PostGIS (ST_DWithin on its spatial index). DISTANCE is at most "
            "500 m and MAX_GAP_DAYS at most 3650 in the register, so that nobody can list everyone's private "
            "plans with one wide search.\n\n"
            "Outputs: OUTPUT, one line per match you may see in full (the shortest line between the two "
            "works; kind, distance_m, gap_days, overlap_days, both references and windows). OUTPUT_BLIND, one "
            "point on your own work per match with a work you may not see, with the coarse facts only. "
            "Styled like the local pairs: clash red, opportunity amber."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        connection_parameters(self)

        def add(param, help_text: str) -> None:
            param.setHelp(help_text)
            self.addParameter(param)

        add(
            QgsProcessingParameterNumber(
                self.DISTANCE,
                self.tr("Distance (m)"),
                QgsProcessingParameterNumber.Double,
                25.0,
                minValue=0.0,
                maxValue=500.0,
            ),  # fmt: skip
            self.tr("Works whose geometries are at most this many metres apart are near (inclusive)."),
        )
        add(
            QgsProcessingParameterNumber(
                self.MAX_GAP_DAYS,
                self.tr("Largest gap for an opportunity (days)"),
                QgsProcessingParameterNumber.Integer,
                90,
                minValue=0,
                maxValue=3650,
            ),  # fmt: skip
            self.tr("Near works whose windows are at most this many days apart are a dig-once opportunity."),
        )
        add(
            QgsProcessingParameterBoolean(
                self.SAME_STREET, self.tr("Works on the same street (USRN) are near"), False
            ),
            self.tr("Works with the same non-empty USRN are near whatever the distance."),
        )
        add(
            QgsProcessingParameterBoolean(
                self.INCLUDE_SAME_OWNER, self.tr("Include pairs with the same owner"), False
            ),
            self.tr("Keep pairs of works by the same promoter (left out by default)."),
        )
        add(
            QgsProcessingParameterString(
                self.EXCLUDED_STATUSES,
                self.tr("Excluded permit statuses"),
                ", ".join(EXCLUDED_PERMIT_STATUSES),
                optional=True,
            ),  # fmt: skip
            self.tr("Comma-separated permit statuses whose works never take part (empty: none)."),
        )
        organisation_parameter(self)
        add(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Matches in full"), QgsProcessing.TypeVectorLine
            ),
            self.tr("One line per match with a work you may read: the shortest line between the two works."),
        )
        add(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_BLIND,
                self.tr("Matches with private plans (coarse)"),
                QgsProcessing.TypeVectorPoint,
            ),
            self.tr("One point on your work per match with a work you may not read, with the coarse facts."),
        )
        for key, label in (
            ("MATCHES", self.tr("Matches")),
            ("CLASHES", self.tr("Clashes")),
            ("OPPORTUNITIES", self.tr("Opportunities")),
            ("IN_FULL", self.tr("Matches in full")),
            ("BLIND", self.tr("Matches with private plans")),
        ):
            self.addOutput(QgsProcessingOutputNumber(key, label))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        self._parameters_json = self.parameters_json(parameters)
        self._dest: dict[str, str] = {}
        name = self.parameterAsConnectionName(parameters, CONNECTION, context)
        register = open_register(self, parameters, context)
        warning = stored_password_warning(name)
        if warning:
            feedback.pushWarning(warning)
        try:
            matches = register.find_matches(
                distance=self.parameterAsDouble(parameters, self.DISTANCE, context),
                max_gap_days=self.parameterAsInt(parameters, self.MAX_GAP_DAYS, context),
                same_street=self.parameterAsBoolean(parameters, self.SAME_STREET, context),
                include_same_owner=self.parameterAsBoolean(parameters, self.INCLUDE_SAME_OWNER, context),
                excluded_statuses=split_list(
                    self.parameterAsString(parameters, self.EXCLUDED_STATUSES, context)
                ),
                org=self.parameterAsString(parameters, ORGANISATION, context) or None,
            )
        except RegisterError as exc:
            raise QgsProcessingException(str(exc)) from exc
        if feedback.isCanceled():
            return {}
        full = [m for m in matches if m["partner_visible"]]
        blind = [m for m in matches if not m["partner_visible"]]
        feedback.setProgress(40)
        full_geoms = _geometries([m["line_wkb"] for m in full])
        dest = write_columns(
            self, parameters, context, None, self.OUTPUT, DETAIL_FIELDS,
            {name: [m[name] for m in full] for name, _kind in DETAIL_FIELDS}, full_geoms, "LINESTRING",
        )  # fmt: skip
        feedback.setProgress(70)
        own = _geometries([m["my_geom_wkb"] for m in blind])
        points = shapely.point_on_surface(own) if len(own) else own
        blind_dest = write_columns(
            self, parameters, context, None, self.OUTPUT_BLIND, BLIND_FIELDS,
            {name: [m[name] for m in blind] for name, _kind in BLIND_FIELDS}, points, "POINT",
        )  # fmt: skip
        self._dest = {self.OUTPUT: dest, self.OUTPUT_BLIND: blind_dest}
        counts = {
            "MATCHES": len(matches),
            "CLASHES": sum(m["kind"] == "clash" for m in matches),
            "OPPORTUNITIES": sum(m["kind"] == "opportunity" for m in matches),
            "IN_FULL": len(full),
            "BLIND": len(blind),
        }
        for key, value in counts.items():
            feedback.pushInfo(f"{key}: {value}")
        return {**self._dest, **counts}

    def postProcessAlgorithm(  # noqa: N802
        self, context: QgsProcessingContext, feedback: QgsProcessingFeedback
    ) -> dict[str, Any]:
        styles = {self.OUTPUT: "register_matches", self.OUTPUT_BLIND: "register_blind"}
        for param, dest in getattr(self, "_dest", {}).items():
            if dest:
                finalize_output(
                    dest, context, feedback, style=styles[param], algorithm_id=ALGORITHM_ID,
                    parameters_json=getattr(self, "_parameters_json", "{}"),
                )  # fmt: skip
        return {}
