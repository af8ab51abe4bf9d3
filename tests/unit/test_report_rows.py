"""plugin.core.report_rows: the report's summary, tables and group pages from plain rows,
without QGIS."""

from __future__ import annotations

import datetime as dt
import math

import shapely

from dig_once.plugin.core.benefits import GroupBenefit
from dig_once.plugin.core.dates import day_number
from dig_once.plugin.core.meeting import MeetingGroup
from dig_once.plugin.core.report_html import DEFAULT_LABELS, ReportInputs
from dig_once.plugin.core.report_rows import benefit_totals, fill_boroughs, fill_inputs, group_page

D = dt.date(2026, 1, 5)


def _group(gid: int, works: list[dict] | None = None, benefit: GroupBenefit | None = None) -> MeetingGroup:
    row = {"group_id": gid, "n_works": 2, "owners": "A; B", "first_start": D, "last_end": D + dt.timedelta(days=9),
           "n_clashes": 1, "n_opportunities": 0, "days_saved": 5}  # fmt: skip
    group = MeetingGroup(gid, row, works=works or [], borough="Westminster", borough_code="E09000033")
    group.benefit = benefit or GroupBenefit(gid, 2, 12, 8, 4)
    return group


def test_a_place_without_a_borough_takes_the_outline_holding_it_else_outside():
    rows = [{"borough": None}, {"borough": "Camden"}, {"borough": ""}, {"borough": None}]
    fill_boroughs(rows, [530000, 0, 570000, math.nan], [180500, 0, 207000, math.nan], "(outside London)")
    assert [r["borough"] for r in rows] == ["Westminster", "Camden", "(outside London)", "(outside London)"]


def test_benefit_totals_say_not_computed_as_none_and_format_money_and_counts():
    totals = {"days_avoided": 1234, "street_days_planned": 20, "premises": None, "households": 10.0,
              "wellbeing_gbp": 354.2, "charged_days_avoided": None, "lane_rental_gbp": 17600.0, "bus_stops": 1}  # fmt: skip
    table = benefit_totals(totals, DEFAULT_LABELS)
    values = {measure: value for measure, value, _how in table}
    assert values == {"Days of disruption avoided": "1,234", "Street-days planned": "20",
                      "Premises within reach": None, "Households within reach": "10",
                      "Wellbeing value (£)": "354.20", "Days on charged streets avoided": None,
                      "Lane-rental charges avoided (£)": "17,600.00", "Bus stops within reach": "1"}  # fmt: skip
    assert all(how for _m, _v, how in table)


def test_summary_and_pair_days_follow_the_layers_given():
    inputs = ReportInputs()
    works = [{"id": "W1", "start": D}, {"id": "W2", "start": "2026-01-08"}, {"id": None, "start": D}]
    pairs = [{"id_a": "W1", "id_b": "W2", "kind": "clash", "group_id": 1},
             {"id_a": "Q1", "id_b": "Q2", "kind": "opportunity", "group_id": 1},
             {"id_a": "Q3", "id_b": "Q4", "kind": "opportunity", "group_id": 9}]  # fmt: skip
    gaps = [
        {"gap_class": "near_spine_notspot", "borough": "Camden"},
        {"gap_class": "connected", "borough": "Camden"},
    ]
    notspots = [{"is_notspot": True, "borough": "A"}, {"is_notspot": "no", "borough": "A"}]
    fill_inputs(inputs, DEFAULT_LABELS, works=works, n_works=3, groups=[_group(1)], pairs=pairs, gaps=gaps,
                notspots=notspots)  # fmt: skip
    assert inputs.summary == [
        ("Works in the works layer", 3), ("Coordination groups", 1), ("Days of disruption avoided (all groups)", 4),
        ("Works in coordination groups", 0), ("Immediate works in coordination groups", 0),
        ("Clashes (pairs of works whose dates overlap)", 1),
        ("Opportunities (pairs of works close in time, not overlapping)", 2),
        ("Sites in not-spots, of 2 sites checked", 1), ("Not-spot places, of 2 places", 1),
    ]  # fmt: skip
    # the later start of the two works, else the group's first day, else none
    assert [p["day"] for p in inputs.pairs] == [day_number(D) + 3, day_number(D), None]
    assert inputs.groups[0]["days_saved"] == 4 and inputs.groups[0]["first_start"] == day_number(D)
    assert inputs.groups[0]["where"] == "" and inputs.groups[0]["households"] is None
    assert inputs.gaps is gaps and inputs.notspots is notspots


def test_without_the_works_layer_the_summary_leaves_out_the_works_in_groups():
    inputs = ReportInputs()
    fill_inputs(inputs, DEFAULT_LABELS, groups=[_group(1)], pairs=[])
    assert [label for label, _v in inputs.summary] == [
        "Coordination groups", "Days of disruption avoided (all groups)",
        "Clashes (pairs of works whose dates overlap)", "Opportunities (pairs of works close in time, not overlapping)",
    ]  # fmt: skip
    assert inputs.gaps is None and inputs.notspots is None


def test_a_group_page_has_its_figures_works_outline_and_centre():
    works = [{"permit_ref": "W1", "work_status": "planned", "permit_status": "granted", "street_name": "HIGH ST",
              "usrn": "8400001", "immediate": True, "geometry": shapely.Point(530000, 180000)},
             {"permit_ref": "W2", "work_status": None, "permit_status": "granted", "street_name": "LOW RD",
              "usrn": None, "immediate": False, "geometry": shapely.Point(530020, 180010)}]  # fmt: skip
    benefit = GroupBenefit(1, 2, 1200, 800, 400, households=10.0, wellbeing_gbp=6440.0)
    page = group_page(_group(1, works, benefit), DEFAULT_LABELS)
    figures = dict(page["figures"])
    assert figures["Days of disruption avoided"] == "400" and figures["Street-days planned"] == "1,200"
    assert figures["Immediate works (emergency or urgent) in the group"] == 1
    assert figures["Households within reach"] == "10" and figures["Wellbeing value (£)"] == "6,440.00"
    assert "Bus stops within reach" not in figures, "a figure not computed is not shown"
    assert [(w["status"], w["street"]) for w in page["works"]] == [
        ("planned / granted", "HIGH ST (8400001)"), ("granted", "LOW RD")
    ]  # fmt: skip
    assert page["centre"] == (530010.0, 180005.0) and page["outline"] is not None
    assert page["map_png"] is None and page["legend"] == []


def test_a_group_page_without_works_lists_none():
    page = group_page(_group(1), DEFAULT_LABELS)
    assert page["works"] is None and page["centre"] is None
    assert "Immediate works (emergency or urgent) in the group" not in dict(page["figures"])
