"""plugin.core.meeting: the coordination groups of the report and the meeting pack, made from
plain rows without QGIS (the rows the QGIS side reads from the overlaps results)."""

from __future__ import annotations

import datetime as dt

import pytest
import shapely

from dig_once.plugin.core.benefits import BenefitParameters
from dig_once.plugin.core.dates import day_number
from dig_once.plugin.core.meeting import (
    BenefitInputs,
    MeetingGroup,
    as_date,
    assemble_groups,
    centre,
    compute_group_benefits,
    day,
    group_rows,
    main_borough,
    pair_rows,
    period,
    ranked,
    slug,
    stamped_rows,
    work_rows,
)

D = dt.date(2026, 4, 6)


def _group(gid: int, first=D, days_saved=0, n_works=2) -> dict:
    return {"group_id": gid, "n_works": n_works, "n_owners": 2, "owners": "A; B", "first_start": first,
            "last_end": first, "n_clashes": 1, "n_opportunities": 0, "days_saved": days_saved}  # fmt: skip


def _pair(a: str, b: str, gid: int | None, kind="clash") -> dict:
    return {"id_a": a, "id_b": b, "owner_a": "A", "owner_b": "B", "kind": kind, "distance_m": 5.0,
            "gap_days": 0, "overlap_days": 3, "group_id": gid, "geometry": shapely.LineString([(0, 0), (1, 1)])}  # fmt: skip


def _works(ref: str, x: float, start: dt.date, days: int, category="minor", street="HIGH ST", usrn="8400001",
           swa=None) -> dict:  # fmt: skip
    return {"permit_ref": ref, "promoter": "A", "category": category, "tm_type": None, "start_date": start,
            "end_date": start + dt.timedelta(days=days - 1), "work_status": "planned", "permit_status": "granted",
            "street_name": street, "usrn": usrn, "highway_authority_swa": swa,
            "geometry": shapely.LineString([(x, 180000), (x + 40, 180000)])}  # fmt: skip


def test_day_reads_dates_and_iso_text_and_gives_none_for_text_that_is_no_date():
    assert day(D) == day_number(D)
    assert day("2026-04-06") == day_number(D)
    assert day(dt.datetime(2026, 4, 6, 12, 0)) == day_number(D)
    assert day(None) is None and day("") is None and day("soon") is None


def test_works_join_the_group_their_pairs_name_sorted_by_start_then_reference():
    works = [_works("W3", 530030, D, 3), _works("W1", 530000, D + dt.timedelta(days=2), 5, "immediate_urgent"),
             _works("W2", 530010, D, 4), _works("X9", 540000, D, 1)]  # fmt: skip
    (group,) = assemble_groups([_group(1)], [_pair("W1", "W2", 1), _pair("W2", "W3", 1)], lambda: works)
    assert [w["permit_ref"] for w in group.works] == ["W2", "W3", "W1"], "X9 is in no pair"
    assert [w["immediate"] for w in group.works] == [False, False, True] and group.n_immediate == 1
    assert group.works[0]["start"] == day_number(D) and group.works[0]["end"] == day_number(D) + 3
    assert len(group.pairs) == 2


def test_pairs_of_a_group_not_in_the_groups_layer_and_rows_without_a_group_are_left_out():
    groups = assemble_groups(
        [_group(1), {**_group(2), "group_id": None}], [_pair("A", "B", 7), _pair("C", "D", None)]
    )
    assert [(g.group_id, g.pairs) for g in groups] == [(1, [])]


def test_the_works_layer_is_read_only_when_a_pair_names_a_works():
    def read_works():
        raise AssertionError("read without a pair")

    (group,) = assemble_groups([_group(1)], [], read_works)
    assert group.works == []


def test_a_group_is_placed_in_the_borough_holding_most_of_its_works_with_its_streets_most_works_first():
    works = [
        _works("W1", 530000, D, 2),
        _works("W2", 530010, D, 2),
        _works("W3", 530030, D, 2, street="LOW RD", usrn="8400002"),
    ]
    (group,) = assemble_groups([_group(1)], [_pair("W1", "W2", 1), _pair("W2", "W3", 1)], lambda: works)
    assert group.borough == "Westminster" and group.borough_code == "E09000033"
    assert group.where() == "HIGH ST (USRN 8400001); LOW RD (USRN 8400002)"


def test_a_group_outside_every_outline_takes_the_borough_of_its_highway_authority_code():
    works = [_works("W1", 600000, D, 2, swa="5990"), _works("W2", 600010, D, 2, swa="5990")]
    (group,) = assemble_groups([_group(1)], [_pair("W1", "W2", 1)], lambda: works)
    assert group.borough == "Westminster"


def test_without_works_the_groups_own_days_saved_stand_for_days_avoided_and_groups_rank_by_them():
    groups = assemble_groups([_group(1, days_saved=4), _group(2, days_saved=9), _group(3, days_saved=9)], [])
    compute_group_benefits(groups, BenefitParameters(), BenefitInputs())
    assert [(g.group_id, g.benefit.days_avoided) for g in ranked(groups)] == [(2, 9), (3, 9), (1, 4)]


def test_benefits_from_the_works_sum_minus_longest():
    works = [_works("W1", 530000, D, 10), _works("W2", 530010, D, 4)]
    groups = assemble_groups([_group(1, days_saved=99)], [_pair("W1", "W2", 1)], lambda: works)
    compute_group_benefits(groups, BenefitParameters(), BenefitInputs())
    b = groups[0].benefit
    assert (b.street_days_planned, b.street_days_shared, b.days_avoided) == (14, 10, 4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Kensington and Chelsea", "kensington-and-chelsea"), ("Hammersmith & Fulham", "hammersmith-fulham"),
     ("Ynys Môn", "ynys-mon"), ("", "london"), ("2026-04", "2026-04")],
)  # fmt: skip
def test_slug_is_ascii_lower_case_words_joined_by_hyphens(text, expected):
    assert slug(text) == expected


def test_the_main_borough_holds_more_than_half_of_the_groups_else_london():
    def groups(*boroughs):
        return [MeetingGroup(n, {}, borough=b) for n, b in enumerate(boroughs)]

    assert main_borough(groups("Camden", "Camden; Islington", "Hackney")) == "Camden"
    assert main_borough(groups("Camden", "Hackney")) == "london"
    assert main_borough([]) == "london"


def test_the_period_is_the_month_most_groups_start_in_the_later_on_a_tie_else_this_month():
    def groups(*firsts):
        return [MeetingGroup(n, {"first_start": f}) for n, f in enumerate(firsts)]

    assert period(groups("2026-03-30", "2026-04-02", "2026-04-20")) == "2026-04"
    assert period(groups("2026-03-30", "2026-04-02")) == "2026-04"
    assert period(groups(None, "not a date"), today=dt.date(2027, 1, 9)) == "2027-01"


def test_a_date_cell_takes_day_numbers_dates_date_times_and_iso_text():
    assert as_date(day_number(D)) == D
    assert as_date(dt.datetime(2026, 4, 6, 23, 0)) == D
    assert as_date("2026-04-06T10:00:00") == D
    assert as_date(None) is None and as_date("soon") is None


def test_centre_is_the_middle_of_the_bounds_to_a_tenth_of_a_metre():
    assert centre([shapely.Point(0, 0), None, shapely.Point(10.04, 5)]) == (5.0, 2.5)
    assert centre([None]) == (None, None)


def test_the_sheets_rows_carry_rank_group_and_the_figures_the_works_allow():
    works = [_works("W1", 530000, D, 10, usrn=8400001), _works("W2", 530010, D, 4)]
    with_works = assemble_groups([_group(1)], [_pair("W1", "W2", 1)], lambda: works)
    without = assemble_groups([_group(2, days_saved=50)], [_pair("Y1", "Y2", 2)])
    groups = [*with_works, *without]
    compute_group_benefits(groups, BenefitParameters(), BenefitInputs())
    groups = ranked(groups)
    rows = group_rows(groups)
    assert [r[:3] for r in rows] == [[1, 2, ""], [2, 1, "Westminster"]]
    assert rows[0][7] == D and rows[0][11:15] == [None, 50, None, None], "no works: their figures are empty"
    assert rows[1][11:15] == [0, 4, 14, 10]
    assert rows[1][-2:] == [530025.0, 180000.0]
    assert [r[:4] for r in work_rows(groups)] == [[2, 1, 1, "W1"], [2, 1, 2, "W2"]]
    assert work_rows(groups)[0][13] == "8400001", "a USRN is text"
    assert [r[:4] for r in pair_rows(groups)] == [[1, 2, "Y1", "Y2"], [2, 1, "W1", "W2"]]


def test_a_stamped_run_gives_its_keys_in_the_parameters_sheets_order():
    run = {"algorithm": "digonce:findworksoverlaps", "parameters": "{}", "created": "2026-04-06T10:00:00",
           "qgis_version": "3.40", "plugin_version": "1.0"}  # fmt: skip
    assert [r[1] for r in stamped_rows("pairs layer", run)] == [
        "algorithm", "created", "parameters", "qgis_version", "plugin_version"
    ]  # fmt: skip
