"""digonce:findregistermatches: my organisation's clashes and dig-once opportunities against
every work and plan of the shared register, private ones included (blind matching)."""

from __future__ import annotations

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
)

from ..plugin.core.overlap_tables import BLIND_FIELDS, DETAIL_FIELDS, match_tables
from ..plugin.register import RegisterError
from ..plugin.toolbelt.layer_io import write_columns
from . import create_register as connection
from ._analysis import ClashAlgorithm


class FindRegisterMatches(ClashAlgorithm):
    OUTPUT = "OUTPUT"
    OUTPUT_BLIND = "OUTPUT_BLIND"
    styles = {OUTPUT: "register_matches", OUTPUT_BLIND: "register_blind"}

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
        connection.connection_parameters(self)
        # the register's limits: nobody lists everyone's private plans with one wide search
        self.add_rule_parameters(max_distance=500.0, max_gap=3650, statuses_advanced=False)
        connection.organisation_parameter(self)
        self.add_sink(
            self.OUTPUT,
            self.tr("Matches in full"),
            self.tr("One line per match with a work you may read: the shortest line between the two works."),
            QgsProcessing.TypeVectorLine,
        )
        self.add_sink(
            self.OUTPUT_BLIND,
            self.tr("Matches with private plans (coarse)"),
            self.tr("One point on your work per match with a work you may not read, with the coarse facts."),
            QgsProcessing.TypeVectorPoint,
        )
        self.add_counts(
            {
                "MATCHES": self.tr("Matches"),
                "CLASHES": self.tr("Clashes"),
                "OPPORTUNITIES": self.tr("Opportunities"),
                "IN_FULL": self.tr("Matches in full"),
                "BLIND": self.tr("Matches with private plans"),
            }
        )

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        self.start_run(parameters)
        name = self.parameterAsConnectionName(parameters, connection.CONNECTION, context)
        register = connection.open_register(self, parameters, context)
        warning = connection.stored_password_warning(name)
        if warning:
            feedback.pushWarning(warning)
        try:
            matches = register.find_matches(
                **self.rules(parameters, context),
                org=self.parameterAsString(parameters, connection.ORGANISATION, context) or None,
            )
        except RegisterError as exc:
            raise QgsProcessingException(str(exc)) from exc
        if feedback.isCanceled():
            return {}
        full, lines, blind, points = match_tables(matches)
        feedback.setProgress(40)
        dest = write_columns(
            self, parameters, context, None, self.OUTPUT, DETAIL_FIELDS, full, lines, "LINESTRING"
        )
        feedback.setProgress(70)
        blind_dest = write_columns(
            self, parameters, context, None, self.OUTPUT_BLIND, BLIND_FIELDS, blind, points, "POINT"
        )
        self._dest = {self.OUTPUT: dest, self.OUTPUT_BLIND: blind_dest}
        counts = {
            "MATCHES": len(matches),
            "CLASHES": sum(m["kind"] == "clash" for m in matches),
            "OPPORTUNITIES": sum(m["kind"] == "opportunity" for m in matches),
            "IN_FULL": len(lines),
            "BLIND": len(points),
        }
        for key, value in counts.items():
            feedback.pushInfo(f"{key}: {value}")
        return {**self._dest, **counts}
