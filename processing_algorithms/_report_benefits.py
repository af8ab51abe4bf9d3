"""The benefit parameters and optional inputs the report and the meeting export share, QGIS
side (a helper module: not an algorithm): declared, read, and handed to
:func:`plugin.core.meeting.compute_group_benefits`."""

from __future__ import annotations

import numpy as np
import shapely
from qgis.core import (
    QgsProcessingException,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
)

from ..plugin.core import benefits as core_benefits
from ..plugin.core.errors import InputError
from ..plugin.core.meeting import BenefitInputs
from ._report_layers import read_rows, to_shapely

#: the benefit parameters, in the order they are declared (the export hands them to the report)
BENEFIT_KEYS = ("PREMISES", "HOUSEHOLDS_FIELD", "LANE_RENTAL", "BUS_STOPS", "REACH", "VALUE_PER_HOUSEHOLD_DAY",
                "LANE_RENTAL_DISTANCE", "LANE_RENTAL_CHARGE")  # fmt: skip


def add_benefit_parameters(alg) -> None:
    tr = alg.tr
    alg.add(QgsProcessingParameterFeatureSource("PREMISES", tr("Premises or postcode household counts (points)"), optional=True),
            tr("Points of premises (e.g. OS Open UPRN) or postcode centroids with a household count: "
               "the households within reach of each group's works."))  # fmt: skip
    alg.add_field("HOUSEHOLDS_FIELD", tr("Households field"), "PREMISES",
                  tr("Number of households of each point (postcode counts); empty = each point is one premises."),
                  numeric=True)  # fmt: skip
    alg.add(QgsProcessingParameterFeatureSource("LANE_RENTAL", tr("Lane-rental streets (lines or polygons)"), optional=True),
            tr("The streets where a lane-rental charge applies (TfL publishes them): the charges a "
               "shared opening avoids."))  # fmt: skip
    alg.add(QgsProcessingParameterFile("BUS_STOPS", tr("Bus stops (NaPTAN Stops.csv)"), optional=True,
                                       behavior=QgsProcessingParameterFile.Behavior.File, fileFilter="CSV (*.csv)"),
            tr("NaPTAN's Stops.csv (Open Government Licence): bus and coach stops in use within reach of each group."))  # fmt: skip
    numbers = (
        ("REACH", tr("Reach of the works (m)"), core_benefits.DEFAULT_REACH_M,
         tr("Premises and bus stops at most this far from any of a group's works are affected.")),
        ("VALUE_PER_HOUSEHOLD_DAY", tr("Wellbeing value per household-day (£)"),
         core_benefits.DEFAULT_VALUE_PER_HOUSEHOLD_DAY,
         tr("Pounds per household per day of disruption avoided. Default 1.61, the figure of the GLA "
            "Infrastructure Coordination Service's public benefits prototype.")),
        ("LANE_RENTAL_DISTANCE", tr("Lane-rental street distance (m)"),
         core_benefits.DEFAULT_LANE_RENTAL_DISTANCE_M,
         tr("A works at most this far from a lane-rental street is on it.")),
        ("LANE_RENTAL_CHARGE", tr("Lane-rental charge per day (£)"),
         core_benefits.DEFAULT_LANE_RENTAL_CHARGE,
         tr("Pounds per day of works on a charged street (TfL: £800, or £2,500 at the most "
            "traffic-sensitive times).")),
    )  # fmt: skip
    for name, label, default, help_text in numbers:
        number = QgsProcessingParameterNumber(
            name, label, QgsProcessingParameterNumber.Type.Double, default, False, 0.0
        )
        alg.add(number, help_text, advanced=True)


def benefit_parameters(alg, parameters, context) -> core_benefits.BenefitParameters:
    def number(name: str) -> float:
        return alg.parameterAsDouble(parameters, name, context)

    return core_benefits.BenefitParameters(
        reach_m=number("REACH"),
        value_per_household_day=number("VALUE_PER_HOUSEHOLD_DAY"),
        lane_rental_distance_m=number("LANE_RENTAL_DISTANCE"),
        lane_rental_charge_per_day=number("LANE_RENTAL_CHARGE"),
    )


def _geometries(source, context, feedback, attribute: str | None = None):
    """(shapely geometries in EPSG:27700, values of ``attribute`` or None); features without a
    geometry are left out."""
    names = {"value": (attribute,)} if attribute else {}
    rows = [
        r
        for r in read_rows(source, names, feedback, context, geometry=to_shapely)
        if r["geometry"] is not None
    ]
    if not attribute or source.fields().lookupField(attribute) < 0:
        return [r["geometry"] for r in rows], None
    values = []
    for row in rows:
        try:
            values.append(float(row["value"]) if row["value"] is not None else 0.0)
        except (TypeError, ValueError):
            values.append(0.0)
    return [r["geometry"] for r in rows], values


def read_benefit_inputs(alg, parameters, context, feedback) -> BenefitInputs:
    tr = alg.tr
    out = BenefitInputs()
    premises = alg.parameterAsSource(parameters, "PREMISES", context)
    if premises is not None:
        count_field = alg.parameterAsString(parameters, "HOUSEHOLDS_FIELD", context) or None
        geoms, counts = _geometries(premises, context, feedback, count_field)
        points = shapely.centroid(np.array(geoms, dtype=object)) if geoms else np.array([], dtype=object)
        out.premises = core_benefits.Points(
            shapely.get_x(points), shapely.get_y(points), np.array(counts) if counts is not None else None
        )
        what = tr("{n} points of {layer}").format(n=len(geoms), layer=premises.sourceName())
        if count_field:
            what += tr(", households from field {field}").format(field=count_field)
        out.given.append((tr("Premises / households"), what))
    else:
        out.given.append(
            (tr("Premises / households"), tr("not given: households and wellbeing value not computed"))
        )
    lane = alg.parameterAsSource(parameters, "LANE_RENTAL", context)
    if lane is not None:
        out.lane_rental, _ = _geometries(lane, context, feedback)
        out.given.append((tr("Lane-rental streets"), tr("{n} features of {layer}").format(
            n=len(out.lane_rental), layer=lane.sourceName())))  # fmt: skip
    else:
        out.given.append(
            (tr("Lane-rental streets"), tr("not given: lane-rental charges avoided not computed"))
        )
    stops_path = alg.parameterAsFile(parameters, "BUS_STOPS", context)
    if stops_path:
        try:
            out.bus_stops, rejects = core_benefits.read_naptan_stops(stops_path)
        except InputError as exc:
            raise QgsProcessingException(str(exc)) from exc
        for reason in rejects[:20]:
            feedback.reportError(f"{stops_path}: {reason}")
        what = tr("{n} bus stops in use from {file}").format(n=len(out.bus_stops), file=stops_path)
        if rejects:
            what += tr(" ({n} rows without a coordinate left out)").format(n=len(rejects))
        out.given.append((tr("Bus stops"), what))
    else:
        out.given.append((tr("Bus stops"), tr("not given: bus stops within reach not counted")))
    for name, given in out.given:  # the log says which inputs the figures rest on
        feedback.pushInfo(f"{name}: {given}")
    return out
