"""What the report and the meeting export share: the coordination groups with their works,
links, place and benefits, read once from the results of ``digonce:findworksoverlaps``.

The works of a group are the works named by its pairs (each work is in at most one group);
their attributes and geometries come from the works layer, by reference (``permit_ref``).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely
from qgis.core import (
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsProcessingException,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsVectorLayer,
)

from ..plugin.core import benefits as core_benefits
from ..plugin.core.boroughs import borough_by_code, boroughs_at, london_boroughs
from ..plugin.core.errors import InputError
from ..plugin.toolbelt.layers import BNG, day_or_none, plain_value
from ..plugin.toolbelt.outputs import RUNS_TABLE, gpkg_path_of

#: works fields shown in the meeting (canonical names of the store's works layer)
WORK_FIELDS = ("permit_ref", "promoter", "category", "tm_type", "start_date", "end_date", "work_status",
               "permit_status", "street_name", "usrn", "highway_authority_swa")  # fmt: skip
PAIR_FIELDS = (
    "id_a",
    "id_b",
    "owner_a",
    "owner_b",
    "kind",
    "distance_m",
    "gap_days",
    "overlap_days",
    "group_id",
)
GROUP_FIELDS = ("group_id", "n_works", "n_owners", "owners", "first_start", "last_end", "n_clashes",
                "n_opportunities", "days_saved")  # fmt: skip
IMMEDIATE = ("immediate_emergency", "immediate_urgent", "emergency", "urgent")
#: a work's place decides its group's borough when it is at most this far outside every outline
#: (the outlines are generalised to 10 m and clipped to the Thames)
BOROUGH_TOLERANCE_M = 100.0


def is_immediate(category: Any) -> bool:
    """Immediate (emergency or urgent) works, which start without advance notice."""
    return str(category or "").strip().lower() in IMMEDIATE


def text(value: Any) -> str:
    value = plain_value(value)
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()[:10]
    return str(value)


@dataclass
class MeetingGroup:
    group_id: int
    row: dict[str, Any]
    works: list[dict[str, Any]] = field(default_factory=list)  # attributes + "geometry" (shapely)
    pairs: list[dict[str, Any]] = field(default_factory=list)  # attributes + "geometry"
    borough: str = ""
    borough_code: str = ""
    streets: list[tuple[str, str, int]] = field(default_factory=list)  # name, usrn, works
    benefit: core_benefits.GroupBenefit | None = None

    @property
    def n_immediate(self) -> int:
        return sum(1 for w in self.works if w["immediate"])

    def where(self) -> str:
        """Street names and USRNs, most works first."""
        parts = []
        for name, usrn, _n in self.streets:
            parts.append(f"{name or '?'} (USRN {usrn})" if usrn else (name or "?"))
        return "; ".join(parts)


# -- parameters ---------------------------------------------------------------------------


class BenefitParams:
    """The benefit parameters shared by the report and the export (names and help)."""

    PREMISES = "PREMISES"
    HOUSEHOLDS_FIELD = "HOUSEHOLDS_FIELD"
    LANE_RENTAL = "LANE_RENTAL"
    BUS_STOPS = "BUS_STOPS"
    REACH = "REACH"
    VALUE_PER_HOUSEHOLD_DAY = "VALUE_PER_HOUSEHOLD_DAY"
    LANE_RENTAL_DISTANCE = "LANE_RENTAL_DISTANCE"
    LANE_RENTAL_CHARGE = "LANE_RENTAL_CHARGE"


def add_benefit_parameters(alg) -> None:
    tr = alg.tr
    params = []
    p = QgsProcessingParameterFeatureSource(
        BenefitParams.PREMISES, tr("Premises or postcode household counts (points)"), optional=True
    )
    p.setHelp(tr("Points of premises (e.g. OS Open UPRN) or postcode centroids with a household count: "
                 "the households within reach of each group's works."))  # fmt: skip
    params.append((p, False))
    p = QgsProcessingParameterField(
        BenefitParams.HOUSEHOLDS_FIELD, tr("Households field"), None, BenefitParams.PREMISES,
        QgsProcessingParameterField.DataType.Numeric, optional=True,
    )  # fmt: skip
    p.setHelp(tr("Number of households of each point (postcode counts); empty = each point is one premises."))
    params.append((p, False))
    p = QgsProcessingParameterFeatureSource(
        BenefitParams.LANE_RENTAL, tr("Lane-rental streets (lines or polygons)"), optional=True
    )
    p.setHelp(tr("The streets where a lane-rental charge applies (TfL publishes them): the charges a "
                 "shared opening avoids."))  # fmt: skip
    params.append((p, False))
    p = QgsProcessingParameterFile(
        BenefitParams.BUS_STOPS, tr("Bus stops (NaPTAN Stops.csv)"),
        behavior=QgsProcessingParameterFile.Behavior.File, fileFilter="CSV (*.csv)", optional=True,
    )  # fmt: skip
    p.setHelp(
        tr(
            "NaPTAN's Stops.csv (Open Government Licence): bus and coach stops in use within reach of each group."
        )
    )
    params.append((p, False))
    numbers = (
        (BenefitParams.REACH, tr("Reach of the works (m)"), core_benefits.DEFAULT_REACH_M,
         tr("Premises and bus stops at most this far from any of a group's works are affected.")),
        (BenefitParams.VALUE_PER_HOUSEHOLD_DAY, tr("Wellbeing value per household-day (£)"),
         core_benefits.DEFAULT_VALUE_PER_HOUSEHOLD_DAY,
         tr("Pounds per household per day of disruption avoided. Default 1.61, the figure of the GLA "
            "Infrastructure Coordination Service's public benefits prototype.")),
        (BenefitParams.LANE_RENTAL_DISTANCE, tr("Lane-rental street distance (m)"),
         core_benefits.DEFAULT_LANE_RENTAL_DISTANCE_M,
         tr("A works at most this far from a lane-rental street is on it.")),
        (BenefitParams.LANE_RENTAL_CHARGE, tr("Lane-rental charge per day (£)"),
         core_benefits.DEFAULT_LANE_RENTAL_CHARGE,
         tr("Pounds per day of works on a charged street (TfL: £800, or £2,500 at the most "
            "traffic-sensitive times).")),
    )  # fmt: skip
    for name, label, default, help_text in numbers:
        p = QgsProcessingParameterNumber(
            name, label, QgsProcessingParameterNumber.Type.Double, default, False, 0.0
        )
        p.setHelp(help_text)
        params.append((p, True))
    for param, advanced in params:
        if advanced:
            param.setFlags(param.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
        alg.addParameter(param)


def benefit_parameters(alg, parameters, context) -> core_benefits.BenefitParameters:
    return core_benefits.BenefitParameters(
        reach_m=alg.parameterAsDouble(parameters, BenefitParams.REACH, context),
        value_per_household_day=alg.parameterAsDouble(
            parameters, BenefitParams.VALUE_PER_HOUSEHOLD_DAY, context
        ),
        lane_rental_distance_m=alg.parameterAsDouble(parameters, BenefitParams.LANE_RENTAL_DISTANCE, context),
        lane_rental_charge_per_day=alg.parameterAsDouble(
            parameters, BenefitParams.LANE_RENTAL_CHARGE, context
        ),
    )


def _transform(source, context):
    if source.sourceCrs().isValid() and source.sourceCrs() != BNG:
        return QgsCoordinateTransform(source.sourceCrs(), BNG, context.transformContext())
    return None


def _geometries(source, context, feedback, attribute: str | None = None):
    """(shapely geometries in EPSG:27700, values of ``attribute`` or None)."""
    transform = _transform(source, context)
    geoms, values = [], []
    idx = source.fields().lookupField(attribute) if attribute else -1
    for n, feature in enumerate(source.getFeatures()):
        if n % 1000 == 0 and feedback.isCanceled():
            raise QgsProcessingException(alg_cancelled())
        geom = feature.geometry()
        if geom is None or geom.isEmpty():
            continue
        if transform is not None:
            geom.transform(transform)
        geoms.append(shapely.from_wkb(bytes(geom.asWkb())))
        if idx >= 0:
            value = plain_value(feature.attributes()[idx])
            try:
                values.append(float(value) if value is not None else 0.0)
            except (TypeError, ValueError):
                values.append(0.0)
    return geoms, (values if idx >= 0 else None)


def alg_cancelled() -> str:
    return "Cancelled"


@dataclass
class BenefitInputs:
    premises: core_benefits.Points | None = None
    lane_rental: list[Any] | None = None
    bus_stops: core_benefits.Points | None = None
    given: list[tuple[str, str]] = field(default_factory=list)  # (input, what was given or "not given")


def read_benefit_inputs(alg, parameters, context, feedback) -> BenefitInputs:
    tr = alg.tr
    out = BenefitInputs()
    premises = alg.parameterAsSource(parameters, BenefitParams.PREMISES, context)
    if premises is not None:
        count_field = alg.parameterAsString(parameters, BenefitParams.HOUSEHOLDS_FIELD, context) or None
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
    lane = alg.parameterAsSource(parameters, BenefitParams.LANE_RENTAL, context)
    if lane is not None:
        out.lane_rental, _ = _geometries(lane, context, feedback)
        out.given.append((tr("Lane-rental streets"), tr("{n} features of {layer}").format(
            n=len(out.lane_rental), layer=lane.sourceName())))  # fmt: skip
    else:
        out.given.append(
            (tr("Lane-rental streets"), tr("not given: lane-rental charges avoided not computed"))
        )
    stops_path = alg.parameterAsFile(parameters, BenefitParams.BUS_STOPS, context)
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


# -- reading the groups -------------------------------------------------------------------


def _rows(layer: QgsVectorLayer, names: tuple[str, ...], feedback, geometry: bool, context):
    fields = layer.fields()
    index = {name: fields.lookupField(name) for name in names}
    request = QgsFeatureRequest()
    if not geometry:
        request.setFlags(QgsFeatureRequest.Flag.NoGeometry)
    transform = _transform(layer, context) if geometry else None
    for n, feature in enumerate(layer.getFeatures(request)):
        if n % 1000 == 0 and feedback.isCanceled():
            raise QgsProcessingException("Cancelled")
        attrs = feature.attributes()
        row = {name: (plain_value(attrs[i]) if i >= 0 else None) for name, i in index.items()}
        if geometry:
            geom = feature.geometry()
            if geom is not None and not geom.isEmpty():
                if transform is not None:
                    geom.transform(transform)
                row["geometry"] = shapely.from_wkb(bytes(geom.asWkb()))
            else:
                row["geometry"] = None
        yield row


def _day(value: Any) -> int | None:
    try:
        return day_or_none(value)
    except (TypeError, ValueError):
        return None


def read_groups(groups_layer, pairs_layer, works_layer, context, feedback) -> list[MeetingGroup]:
    """Every group with its pairs and works (works only when the works layer is given)."""
    groups: dict[int, MeetingGroup] = {}
    for row in _rows(groups_layer, GROUP_FIELDS, feedback, False, context):
        if row["group_id"] is None:
            continue
        gid = int(row["group_id"])
        groups[gid] = MeetingGroup(gid, row)
    members: dict[str, int] = {}
    if pairs_layer is not None:
        for row in _rows(pairs_layer, PAIR_FIELDS, feedback, True, context):
            gid = row["group_id"]
            if gid is None or int(gid) not in groups:
                continue
            groups[int(gid)].pairs.append(row)
            for key in ("id_a", "id_b"):
                if row[key] is not None:
                    members[str(row[key])] = int(gid)
    if works_layer is not None and members:
        for row in _rows(works_layer, WORK_FIELDS, feedback, True, context):
            gid = members.get(str(row["permit_ref"]))
            if gid is None:
                continue
            row["start"], row["end"] = _day(row["start_date"]), _day(row["end_date"])
            row["immediate"] = is_immediate(row["category"])
            groups[gid].works.append(row)
    for group in groups.values():
        group.works.sort(
            key=lambda w: (w["start"] if w["start"] is not None else 10**9, str(w["permit_ref"]))
        )
        _place(group)
    return list(groups.values())


def _place(group: MeetingGroup) -> None:
    """The group's streets (most works first) and borough (the one holding most of its works)."""
    streets = Counter(
        (str(w["street_name"] or "").strip(), str(w["usrn"] or "").strip()) for w in group.works
    )
    streets.pop(("", ""), None)
    group.streets = [
        (name, usrn, n) for (name, usrn), n in sorted(streets.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    geoms = [w["geometry"] for w in group.works if w.get("geometry") is not None]
    if not geoms:
        geoms = [p["geometry"] for p in group.pairs if p.get("geometry") is not None]
    names: Counter = Counter()
    if geoms:
        centres = shapely.centroid(np.array(geoms, dtype=object))
        found = boroughs_at(shapely.get_x(centres), shapely.get_y(centres), within=BOROUGH_TOLERANCE_M)
        boroughs = london_boroughs()
        names.update(boroughs[i].gss_code for i in found if i >= 0)
    if not names:  # no place in an outline: the highway authority's street-works code
        for w in group.works:
            b = borough_by_code(str(w.get("highway_authority_swa") or ""))
            if b is not None:
                names[b.gss_code] += 1
    if names:
        ranked = sorted(names.items(), key=lambda kv: (-kv[1], kv[0]))
        first = borough_by_code(ranked[0][0])
        group.borough = "; ".join(borough_by_code(code).name for code, _ in ranked)
        group.borough_code = first.gss_code if first else ""


def compute_group_benefits(groups: list[MeetingGroup], params, inputs: BenefitInputs) -> None:
    """Fills ``group.benefit``. Without the works layer, the groups layer's own days_saved
    stands for days avoided (the other figures need the works)."""
    with_works = [g for g in groups if g.works]
    result = core_benefits.compute_benefits(
        [core_benefits.GroupWorks(g.group_id, [w["geometry"] for w in g.works],
                                  [w["start"] if w["start"] is not None else 0 for w in g.works],
                                  [w["end"] if w["end"] is not None else -1 for w in g.works]) for g in with_works],
        params, premises=inputs.premises, lane_rental=inputs.lane_rental, bus_stops=inputs.bus_stops,
    )  # fmt: skip
    for group, benefit in zip(with_works, result, strict=True):
        group.benefit = benefit
    for group in groups:
        if group.benefit is None:
            saved = int(group.row.get("days_saved") or 0)
            group.benefit = core_benefits.GroupBenefit(
                group.group_id, int(group.row.get("n_works") or 0), 0, 0, saved
            )


def ranked(groups: list[MeetingGroup]) -> list[MeetingGroup]:
    """Most days of disruption avoided first, then most street-days, then the group number."""
    return sorted(
        groups,
        key=lambda g: (-g.benefit.days_avoided, -g.benefit.street_days_planned, g.group_id),
    )


def stamped_runs(layer: QgsVectorLayer) -> dict[str, Any] | None:
    """The ``digonce_runs`` row of a result layer: algorithm, parameters, created, versions."""
    where = gpkg_path_of(layer)
    if where is None:
        return None
    path, table = where
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute(
                f"SELECT algorithm, parameters, created, qgis_version, plugin_version FROM {RUNS_TABLE} "  # nosec B608  # constant table name, value bound
                "WHERE layer = ?",
                (table,),
            ).fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    if row is None:
        return None
    return dict(
        zip(("algorithm", "parameters", "created", "qgis_version", "plugin_version"), row, strict=True)
    )
