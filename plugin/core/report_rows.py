"""What the report shows, from the rows the layers held. No QGIS here.

``digonce:report`` reads the layers it is given into plain rows and the coordination groups
(:mod:`plugin.core.meeting`); :func:`fill_inputs` turns them into the summary, the tables and
the benefit figures of :class:`~plugin.core.report_html.ReportInputs`, :func:`group_page` into
one group's page (its map is drawn QGIS side).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import shapely

from . import benefits as core_benefits
from .boroughs import borough_by_code, boroughs_at, london_boroughs
from .meeting import BOROUGH_TOLERANCE_M, MeetingGroup, day
from .report_html import ReportInputs, pair_day

Row = dict[str, Any]
#: a place's borough field, the first of these a layer has
BOROUGH_FIELDS = ("borough", "borough_name", "laua_name", "lpa_name", "highway_authority", "local_authority")
NOTSPOT_FIELDS = ("is_notspot", "in_notspot")
#: the fields of the pairs layer the report reads
PAIR_KEYS = ("id_a", "id_b", "owner_a", "owner_b", "kind", "group_id")
#: the group figures each group row carries, besides the groups layer's own fields
GROUP_BENEFITS = ("street_days_planned", "households", "wellbeing_gbp", "lane_rental_gbp", "bus_stops")


def fill_boroughs(rows: Sequence[Row], xs: Sequence[float], ys: Sequence[float], outside: str) -> None:
    """A row without a borough takes the shipped London outline holding its centre (x, y),
    within ``BOROUGH_TOLERANCE_M``; ``outside`` when none does."""
    if any(r["borough"] in (None, "") for r in rows):
        found = boroughs_at(xs, ys, within=BOROUGH_TOLERANCE_M)
        boroughs = london_boroughs()
        for row, i in zip(rows, found, strict=True):
            if row["borough"] in (None, ""):
                row["borough"] = boroughs[i].name if i >= 0 else outside


def group_table(groups: Sequence[MeetingGroup]) -> tuple[list[Row], dict[int, int]]:
    """(the groups table's rows, the first day of each group), in rank order."""
    rows, starts = [], {}
    for g in groups:
        first, last = day(g.row["first_start"]), day(g.row["last_end"])
        if first is not None:
            starts[g.group_id] = first
        b = g.benefit
        rows.append({**g.row, "first_start": first, "last_end": last, "days_saved": b.days_avoided,
                     "borough": g.borough, "where": g.where(), **{k: getattr(b, k) for k in GROUP_BENEFITS}})  # fmt: skip
    return rows, starts


def benefit_totals(totals: Mapping[str, Any], labels: Mapping[str, str]) -> list[tuple[str, Any, str]]:
    """The benefits table: (measure, value as text or None when not computed, how it is counted)."""

    def money(v):
        return None if v is None else f"{v:,.2f}"

    def count(v):
        return None if v is None else f"{v:,.0f}"

    return [
        (labels["days_saved"], count(totals["days_avoided"]), labels["how_days"]),
        (labels["street_days"], count(totals["street_days_planned"]), labels["how_street_days"]),
        (labels["premises"], count(totals["premises"]), labels["how_premises"]),
        (labels["households"], count(totals["households"]), labels["how_households"]),
        (labels["wellbeing"], money(totals["wellbeing_gbp"]), labels["how_wellbeing"]),
        (labels["charged_days"], count(totals["charged_days_avoided"]), labels["how_charged_days"]),
        (labels["lane_rental"], money(totals["lane_rental_gbp"]), labels["how_lane_rental"]),
        (labels["bus_stops"], count(totals["bus_stops"]), labels["how_bus_stops"]),
    ]


def fill_inputs(
    inputs: ReportInputs,
    labels: Mapping[str, str],
    *,
    works: Sequence[Row] | None = None,
    n_works: int = 0,
    groups: Sequence[MeetingGroup] | None = None,
    pairs: list[Row] | None = None,
    gaps: list[Row] | None = None,
    notspots: list[Row] | None = None,
) -> None:
    """The summary, the groups and their benefit totals, the pairs with the day each clash
    starts, the coverage gaps and the not-spots; None = the layer was not given. ``works`` are
    rows of id (permit_ref) and start; ``n_works`` the works layer's feature count."""
    summary: list[tuple[str, Any]] = []
    work_start: dict[str, int] = {}
    if works is not None:
        for row in works:
            start = day(row["start"])
            if row["id"] is not None and start is not None:
                work_start[str(row["id"])] = start
        summary.append((labels["sum_works"], n_works))
    group_start: dict[int, int] = {}
    if groups is not None:
        inputs.groups, group_start = group_table(groups)
        totals = core_benefits.totals([g.benefit for g in groups])
        inputs.benefit_totals = benefit_totals(totals, labels)
        summary.append((labels["n_groups"], len(groups)))
        summary.append((labels["sum_days"], totals["days_avoided"]))
        if works is not None and pairs is not None:
            summary.append((labels["sum_works_in_groups"], sum(len(g.works) for g in groups)))
            summary.append((labels["immediate_in_groups"], sum(g.n_immediate for g in groups)))
    if pairs is not None:
        for p in pairs:
            p["day"] = pair_day(p, work_start, group_start)
        inputs.pairs = pairs
        summary.append((labels["sum_clashes"], sum(1 for p in pairs if p["kind"] == "clash")))
        summary.append((labels["sum_opportunities"], sum(1 for p in pairs if p["kind"] == "opportunity")))
    if gaps is not None:
        inputs.gaps = gaps
        in_notspots = sum(1 for g in gaps if "notspot" in str(g["gap_class"]))
        summary.append((labels["sum_gap_sites"].format(n=len(gaps)), in_notspots))
    if notspots is not None:
        inputs.notspots = notspots
        hits = sum(1 for n in notspots if str(n["is_notspot"]).lower() in ("1", "true", "t", "yes"))
        summary.append((labels["sum_notspots"].format(n=len(notspots)), hits))
    inputs.summary = summary


def group_page(group: MeetingGroup, labels: Mapping[str, str]) -> Row:
    """One group's page: where it is, its figures and its works; ``map_png`` and ``legend``
    are left for the caller, which draws the map."""
    b = group.benefit
    figures: list[tuple[str, Any]] = [
        (labels["days_saved"], f"{b.days_avoided:,}"),
        (labels["street_days"], f"{b.street_days_planned:,}"),
        (labels["clashes"], group.row.get("n_clashes")),
        (labels["opportunities"], group.row.get("n_opportunities")),
        (labels["works"], group.row.get("n_works")),
    ]
    if group.works:
        figures.append((labels["n_immediate"], group.n_immediate))
    for value, key, fmt in ((b.households, "households", "{:,.0f}"), (b.wellbeing_gbp, "wellbeing", "{:,.2f}"),
                            (b.lane_rental_gbp, "lane_rental", "{:,.2f}"), (b.bus_stops, "bus_stops", "{:,}")):  # fmt: skip
        if value is not None:
            figures.append((labels[key], fmt.format(value)))
    works = [
        {**w, "status": " / ".join(x for x in (w.get("work_status"), w.get("permit_status")) if x),
         "street": f"{w.get('street_name') or ''} ({w.get('usrn')})" if w.get("usrn") else w.get("street_name")}
        for w in group.works
    ]  # fmt: skip
    borough = borough_by_code(group.borough_code) if group.borough_code else None
    geoms = group.geometries()
    centre = None
    if geoms:
        minx, miny, maxx, maxy = shapely.total_bounds(geoms)
        centre = ((minx + maxx) / 2, (miny + maxy) / 2)
    return {
        "group_id": group.group_id,
        "borough": group.borough,
        "where": group.where(),
        "map_png": None,
        "legend": [],
        "outline": borough.geometry if borough else None,
        "centre": centre,
        "figures": figures,
        "works": works if group.works else None,
    }
