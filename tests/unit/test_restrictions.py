"""Section 58 pre-check: each finding at its boundaries, spatial rules, unusable input."""

from __future__ import annotations

import random

import numpy as np
import pytest
import shapely

from dig_once.plugin.core.errors import InputError
from dig_once.plugin.core.restriction_tables import (
    FINDING_FIELDS,
    UNUSABLE_FIELDS,
    WIDEN_M,
    findings_columns,
    findings_geometries,
    unusable_columns,
    unusable_rows,
)
from dig_once.plugin.core.restrictions import (
    BLOCKED,
    DIG_BEFORE_RESURFACING,
    ENDS_SOON,
    EXEMPT,
    FINDING_NAMES,
    check_restrictions,
)
from dig_once.plugin.core.works import Works

# One restriction, restricted days R = [1000, 1999]; default notice 91 days: N = [909, 999];
# default ends-soon 90 days: A = [2000, 2089].
RS, RE = 1000, 1999
EXTENT = shapely.box(0, -5, 100, 5)
INSIDE = shapely.Point(50, 0)


def run_one(ws, we, status="proposed", category="standard", activity="utility_asset_works", **kwargs):
    works = Works.from_columns(
        [INSIDE], ["W1"], ["Gas Co"], [ws], [we], categories=[category], activity_types=[activity]
    )
    restr = Works.from_columns([EXTENT], ["S58-1"], None, [RS], [RE], statuses=[status])
    result = check_restrictions(works, restr, **kwargs)
    if len(result) == 0:
        return None, 0
    assert len(result) == 1
    return FINDING_NAMES[int(result.finding[0])], int(result.overlap_days[0])


@pytest.mark.parametrize(
    ("case", "ws", "we", "status", "category", "activity", "expected", "days"),
    [
        # notice period N = [RS - 91, RS - 1] = [909, 999], proposed restrictions only
        ("day before notice period", 908, 908, "proposed", "standard", "x", None, 0),
        ("ends the day before notice", 800, 908, "proposed", "standard", "x", None, 0),
        ("first day of notice period", 909, 909, "proposed", "standard", "x", "dig_before_resurfacing", 1),
        ("into the notice period", 900, 950, "proposed", "standard", "x", "dig_before_resurfacing", 42),
        ("last day of notice period", 999, 999, "proposed", "standard", "x", "dig_before_resurfacing", 1),
        ("whole notice period", 800, 999, "proposed", "standard", "x", "dig_before_resurfacing", 91),
        ("notice period, restriction in force", 950, 999, "in_force", "standard", "x", None, 0),
        (
            "exempt works in the notice period",
            950,
            960,
            "proposed",
            "immediate_emergency",
            "x",
            "dig_before_resurfacing",
            11,
        ),
        # the restriction itself R = [1000, 1999]
        ("first day of restriction (proposed)", 1000, 1000, "proposed", "standard", "x", "blocked", 1),
        ("first day of restriction (in force)", 1000, 1000, "in_force", "standard", "x", "blocked", 1),
        ("across the start (proposed)", 990, 1005, "proposed", "standard", "x", "blocked", 6),
        ("last day of restriction", 1999, 1999, "in_force", "standard", "x", "blocked", 1),
        ("across the end", 1990, 2010, "in_force", "major", "x", "blocked", 10),
        ("covering the restriction", 900, 2100, "in_force", "minor", "x", "blocked", 1000),
        ("minor works are not exempt by default", 1500, 1500, "in_force", "minor", "x", "blocked", 1),
        # exemptions
        ("immediate emergency", 1500, 1510, "in_force", "immediate_emergency", "x", "exempt", 11),
        ("immediate urgent", 1500, 1510, "proposed", "immediate_urgent", "x", "exempt", 11),
        ("new service connection", 1999, 2005, "in_force", "standard", "new_service_connection", "exempt", 1),
        ("exempt code in any case", 1500, 1500, "in_force", "IMMEDIATE_EMERGENCY", "x", "exempt", 1),
        # after the end A = [2000, 2089]
        ("day after the end", 2000, 2000, "in_force", "standard", "x", "ends_soon", 1),
        ("day after the end (proposed)", 2000, 2003, "proposed", "standard", "x", "ends_soon", 4),
        ("starts on the last ends-soon day", 2089, 2095, "in_force", "standard", "x", "ends_soon", 1),
        ("starts the day after ends-soon", 2090, 2100, "in_force", "standard", "x", None, 0),
        # cancelled / closed never produce findings
        ("cancelled", 1500, 1510, "cancelled", "standard", "x", None, 0),
        ("closed", 1500, 1510, "closed", "standard", "x", None, 0),
        ("Cancelled, any case", 950, 960, "Cancelled", "standard", "x", None, 0),
        ("closed, ends soon", 2000, 2000, "closed", "standard", "x", None, 0),
        # status spellings
        ("In Force spelled out", 1500, 1500, "In Force", "standard", "x", "blocked", 1),
        ("in-force", 1500, 1500, "in-force", "standard", "x", "blocked", 1),
    ],
)
def test_finding_boundaries(case, ws, we, status, category, activity, expected, days):
    assert run_one(ws, we, status, category, activity) == (expected, days), case


@pytest.mark.parametrize(
    ("kwargs", "ws", "we", "expected"),
    [
        ({"notice_days": 0}, 999, 999, (None, 0)),
        ({"notice_days": 10}, 990, 990, ("dig_before_resurfacing", 1)),
        ({"notice_days": 10}, 989, 989, (None, 0)),
        ({"ends_soon_days": 0}, 2000, 2000, (None, 0)),
        ({"ends_soon_days": 1}, 2000, 2001, ("ends_soon", 1)),
        ({"ends_soon_days": 1}, 2001, 2001, (None, 0)),
        ({"exempt_categories": ()}, 1500, 1500, ("blocked", 1)),
        ({"exempt_categories": ("standard",)}, 1500, 1500, ("exempt", 1)),
    ],
)
def test_parameters_move_the_boundaries(kwargs, ws, we, expected):
    category = "standard" if "exempt_categories" in kwargs else "major"
    if kwargs == {"exempt_categories": ()}:
        category = "immediate_emergency"
    assert run_one(ws, we, "proposed", category, "x", **kwargs) == expected


def test_negative_days_are_refused():
    with pytest.raises(InputError, match="NOTICE_DAYS"):
        run_one(1000, 1000, notice_days=-1)
    with pytest.raises(InputError, match="ENDS_SOON_DAYS"):
        run_one(1000, 1000, ends_soon_days=-1)


def _spatial(works_geoms, restr_geom, distance=0.0, usrn_match=False, works_usrn=None, restr_usrn=None):
    n = len(works_geoms)
    works = Works.from_columns(
        works_geoms,
        [f"W{k}" for k in range(n)],
        ["Gas Co"] * n,
        [1500] * n,
        [1500] * n,
        usrns=[works_usrn] * n,
        categories=["standard"] * n,
        activity_types=[None] * n,
    )
    restr = Works.from_columns(
        [restr_geom], ["S"], None, [RS], [RE], statuses=["in_force"], usrns=[restr_usrn]
    )
    return check_restrictions(works, restr, distance=distance, usrn_match=usrn_match)


def test_distance_zero_means_touching():
    touching = shapely.Point(100, 0)  # on the boundary
    off = shapely.Point(100.5, 0)  # 0.5 m outside
    result = _spatial([touching, off], EXTENT)
    assert result.works.tolist() == [0]
    assert result.distance[0] == 0.0
    result = _spatial([touching, off], EXTENT, distance=0.5)  # inclusive
    assert sorted(result.works.tolist()) == [0, 1]
    assert len(_spatial([off], EXTENT, distance=0.4999)) == 0


def test_usrn_match_is_optional_and_flagged():
    far = shapely.Point(5000, 5000)
    assert len(_spatial([far], EXTENT, works_usrn="123", restr_usrn="123")) == 0
    result = _spatial([far], EXTENT, usrn_match=True, works_usrn="123", restr_usrn=" 123 ")
    assert len(result) == 1 and bool(result.usrn_match[0])
    assert result.distance[0] == pytest.approx(shapely.distance(far, EXTENT))
    assert result.geometries[0].equals(far)  # no intersection: the works geometry
    assert len(_spatial([far], EXTENT, usrn_match=True, works_usrn="123", restr_usrn="124")) == 0
    assert len(_spatial([far], EXTENT, usrn_match=True, works_usrn=None, restr_usrn=None)) == 0


def test_geometry_is_the_part_inside_the_extent():
    line = shapely.LineString([(-50, 0), (150, 0)])
    result = _spatial([line], EXTENT)
    assert result.geometries[0].length == pytest.approx(100.0)
    touching_line = shapely.LineString([(100, 0), (200, 0)])  # meets the extent at one point
    result = _spatial([touching_line], EXTENT)
    assert result.geometries[0].equals(touching_line)


def test_unusable_restrictions_and_works_have_reasons():
    works = Works.from_columns(
        [INSIDE, INSIDE, INSIDE, None],
        ["W-ok", "W-noend", "W-cancelled", "W-nogeom"],
        ["A", "B", "C", "D"],
        [1500, 1500, 1500, 1500],
        [1500, None, 1500, 1500],
        statuses=["granted", "granted", "cancelled", "granted"],
        categories=["standard"] * 4,
        activity_types=[None] * 4,
    )
    restr = Works.from_columns(
        [EXTENT] * 6,
        ["ok", "nodates", "weird", "nostatus", "cancelled-nodates", "reversed"],
        None,
        [RS, None, RS, RS, None, RS],
        [RE, None, RE, RE, None, RS - 1],
        statuses=["in_force", "proposed", "resurfaced", None, "cancelled", "in_force"],
    )
    result = check_restrictions(works, restr)
    assert [works.ids[w] for w in result.works] == ["W-ok"]
    assert [restr.ids[r] for r in result.restriction] == ["ok"]
    assert dict(zip(works.ids[result.works_unusable], result.works_unusable_reasons, strict=True)) == {
        "W-noend": "missing end date",
        "W-nogeom": "missing geometry",
    }
    reasons = dict(
        zip(restr.ids[result.restrictions_unusable], result.restrictions_unusable_reasons, strict=True)
    )
    assert reasons == {
        "nodates": "missing start date",
        "weird": "unknown status 'resurfaced' (expected proposed, in_force, cancelled or closed)",
        "nostatus": "missing status",
        "reversed": "end date before start date",
    }
    assert result.n_inactive == 1
    assert result.n_excluded_works == 1


def _reference(works_rows, restr_rows, distance, notice, soon):
    """Brute force, one pair at a time, straight from the written definitions."""
    out = set()
    for wid, wg, ws, we, exempt in works_rows:
        for rid, rg, status, rs, re in restr_rows:
            if shapely.distance(wg, rg) > distance:
                continue
            if ws <= re and rs <= we:
                days = min(we, re) - max(ws, rs) + 1
                out.add((wid, rid, "exempt" if exempt else "blocked", days))
            elif status == "proposed" and notice > 0 and ws <= rs - 1 and rs - notice <= we:
                out.add((wid, rid, "dig_before_resurfacing", min(we, rs - 1) - max(ws, rs - notice) + 1))
            elif soon > 0 and ws <= re + soon and re + 1 <= we:
                out.add((wid, rid, "ends_soon", min(we, re + soon) - max(ws, re + 1) + 1))
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_matches_brute_force_and_ignores_order(seed):
    rng = random.Random(seed)
    works_rows = []
    for k in range(60):
        x, y = rng.uniform(0, 100), rng.uniform(0, 100)
        geom = shapely.Point(x, y) if k % 2 else shapely.LineString([(x, y), (x + rng.uniform(-30, 30), y)])
        ws = rng.randint(700, 2200)
        works_rows.append((f"W{k}", geom, ws, ws + rng.randint(0, 60), rng.random() < 0.2))
    restr_rows = []
    for k in range(15):
        x, y = rng.uniform(0, 100), rng.uniform(0, 100)
        rs = rng.randint(900, 1600)
        geom = shapely.box(x, y, x + rng.uniform(1, 40), y + rng.uniform(1, 40))
        restr_rows.append((f"S{k}", geom, rng.choice(["proposed", "in_force"]), rs, rs + rng.randint(0, 400)))
    distance, notice, soon = 3.0, 91, 120

    def run(w_rows, r_rows):
        works = Works.from_columns(
            [r[1] for r in w_rows],
            [r[0] for r in w_rows],
            ["P"] * len(w_rows),
            [r[2] for r in w_rows],
            [r[3] for r in w_rows],
            categories=["immediate_urgent" if r[4] else "major" for r in w_rows],
            activity_types=[None] * len(w_rows),
        )
        restr = Works.from_columns(
            [r[1] for r in r_rows],
            [r[0] for r in r_rows],
            None,
            [r[3] for r in r_rows],
            [r[4] for r in r_rows],
            statuses=[r[2] for r in r_rows],
        )
        res = check_restrictions(works, restr, distance=distance, notice_days=notice, ends_soon_days=soon)
        return [
            (works.ids[w], restr.ids[r], FINDING_NAMES[int(f)], int(d))
            for w, r, f, d in zip(res.works, res.restriction, res.finding, res.overlap_days, strict=True)
        ]

    got = run(works_rows, restr_rows)
    expected = _reference(works_rows, restr_rows, distance, notice, soon)
    assert set(got) == expected
    assert len(got) == len(expected)
    assert {f for _, _, f, _ in got} == set(FINDING_NAMES.values())  # the sample exercises the rules
    rng.shuffle(works_rows)
    rng.shuffle(restr_rows)
    assert run(works_rows, restr_rows) == got  # sorted output, whatever the input order


def test_finding_codes_are_stable():
    assert FINDING_NAMES == {
        DIG_BEFORE_RESURFACING: "dig_before_resurfacing",
        BLOCKED: "blocked",
        EXEMPT: "exempt",
        ENDS_SOON: "ends_soon",
    }
    assert np.int8(BLOCKED) == 2


def test_progress_can_cancel():
    from dig_once.plugin.core.errors import Cancelled

    works = Works.from_columns([INSIDE], ["W1"], ["Gas Co"], [1500], [1500], categories=["standard"])
    restr = Works.from_columns([EXTENT], ["S58-1"], None, [RS], [RE], statuses=["in_force"])
    seen = []
    result = check_restrictions(works, restr, progress=lambda f: seen.append(f) or True)
    assert len(result) == 1 and seen[-1] == 1.0 and seen == sorted(seen)
    with pytest.raises(Cancelled):
        check_restrictions(works, restr, progress=lambda f: f < 0.5)


def test_works_carry_category_and_activity_type_and_are_screened_as_they_are():
    from dig_once.plugin.core.works import R_NO_START, screen

    works = Works.from_columns(
        [shapely.Point(5, 0), shapely.Point(6, 0)],
        ["W1", "W2"],
        ["Gas Co", "Water Co"],
        [100, None],
        [110, 120],
        statuses=["in_progress", "cancelled"],
        categories=["standard", None],
    )
    assert works.owners.tolist() == ["Gas Co", "Water Co"]
    assert works.categories.tolist() == ["standard", None] and works.activity_types is None
    screening = screen(works, ["cancelled"])
    assert screening.usable.tolist() == [True, False] and screening.excluded.tolist() == [False, True]
    screening = screen(works, [])
    assert screening.reasons.tolist() == [None, R_NO_START]
    with pytest.raises(InputError, match="1 values for 2 works") as err:
        Works.from_columns([None, None], ["W1", "W2"], ["A", "B"], [1, 1], [2, 2], activity_types=["x"])
    assert err.value.field == "activity_types"


def test_restrictions_without_a_status_column_are_unusable_for_it():
    works = Works.from_columns([INSIDE], ["W1"], ["Gas Co"], [1500], [1500])
    restr = Works.from_columns([EXTENT], ["S58-1"], None, [RS], [RE])
    result = check_restrictions(works, restr)
    assert len(result) == 0 and result.restrictions_unusable_reasons.tolist() == ["missing status"]


def test_counts_name_every_finding_kind_in_code_order():
    works = Works.from_columns(
        [INSIDE] * 3, ["W1", "W2", "W3"], ["A"] * 3, [950, 1500, 1500], [960, 1500, 1500]
    )
    restr = Works.from_columns([EXTENT], ["S"], None, [RS], [RE], statuses=["proposed"])
    assert check_restrictions(works, restr).counts() == {
        "FINDINGS": 3,
        "DIG_BEFORE_RESURFACING": 1,
        "BLOCKED": 2,
        "EXEMPT": 0,
        "ENDS_SOON": 0,
    }


def test_findings_columns_name_both_sides_and_the_period_of_each_finding():
    works = Works.from_columns(
        [INSIDE, INSIDE],
        ["W1", 42],
        ["Gas Co", None],
        [950, 1500],
        [960, 1500],
        categories=["standard", None],
    )
    restr = Works.from_columns([EXTENT], ["S58-1"], None, [RS], [RE], statuses=["proposed"])
    result = check_restrictions(works, restr)
    columns = findings_columns(works, restr, result)
    assert [name for name, _ in FINDING_FIELDS] == list(columns)
    assert columns["works_ref"] == ["42", "W1"]  # sorted by works id as text
    assert columns["finding"].tolist() == ["blocked", "dig_before_resurfacing"]
    assert columns["promoter"] == [None, "Gas Co"] and columns["activity_type"] == [None, None]
    assert columns["restriction_status"] == ["proposed", "proposed"]
    assert columns["period_start"].astype(np.int64).tolist() == [RS, RS - 91]
    assert columns["period_end"].astype(np.int64).tolist() == [RE, RS - 1]
    assert columns["overlap_days"].tolist() == [1, 11]


def test_findings_geometries_are_multi_of_one_type_widening_points_and_lines_when_mixed():
    lines = np.array([shapely.LineString([(0, 0), (5, 0)])], dtype=object)
    geoms, type_name, widened = findings_geometries(lines)
    assert (type_name, widened, geoms[0].geom_type) == ("MULTILINESTRING", 0, "MultiLineString")
    mixed = np.array([shapely.Point(0, 0), shapely.box(0, 0, 1, 1), lines[0]], dtype=object)
    geoms, type_name, widened = findings_geometries(mixed)
    assert (type_name, widened) == ("MULTIPOLYGON", 2)
    assert {g.geom_type for g in geoms} == {"MultiPolygon"}
    assert geoms[0].area == pytest.approx(np.pi * WIDEN_M**2, rel=0.1)
    assert findings_geometries(np.array([], dtype=object))[1:] == (None, 0)


def test_unusable_rows_list_works_then_restrictions_with_their_reason():
    works = Works.from_columns([None, INSIDE], ["W-nogeom", "W-ok"], ["A", "B"], [1500, 1500], [1500, 1500])
    restr = Works.from_columns([EXTENT], [float("nan")], None, [RS], [RE], statuses=["resurfaced"])
    rows = unusable_rows(works, restr, check_restrictions(works, restr))
    assert [(layer, reason) for layer, _, reason in rows] == [
        ("works", "missing geometry"),
        ("restrictions", "unknown status 'resurfaced' (expected proposed, in_force, cancelled or closed)"),
    ]
    columns = unusable_columns(rows)
    assert list(columns) == [name for name, _ in UNUSABLE_FIELDS]
    assert columns["reference"] == ["W-nogeom", None]  # a NaN reference is written as NULL


def test_only_the_related_works_categories_and_usrns_are_normalised(monkeypatch):
    # A year of England: millions of works, a few thousand related to a Section 58. Their
    # exemption and USRN flags are worked out for those, not for every works read.
    from dig_once.plugin.core import restrictions, works

    n = 5_000
    far = [shapely.Point(5000 + k, 5000) for k in range(n - 2)]
    geoms = [INSIDE, shapely.Point(100, 0), *far]
    w = Works.from_columns(
        geoms,
        [f"W{k}" for k in range(n)],
        ["Gas Co"] * n,
        [1500] * n,
        [1500] * n,
        usrns=["123", "124", *(f"9{k}" for k in range(n - 2))],  # all distinct
        categories=["Immediate  Emergency", "standard", *(f"c{k}" for k in range(n - 2))],
        activity_types=[None] * n,
    )
    restr = Works.from_columns([EXTENT], ["S"], None, [RS], [RE], statuses=["in_force"], usrns=[" 123 "])
    seen: list = []
    for module in (restrictions, works):
        key = module.normal_key
        monkeypatch.setattr(module, "normal_key", lambda v, key=key: seen.append(v) or key(v))
    result = check_restrictions(w, restr, exempt_categories=["immediate emergency"])
    assert sorted(result.works.tolist()) == [0, 1]
    by_works = dict(zip(result.works.tolist(), range(len(result.works)), strict=True))
    assert result.usrn_match[by_works[0]] and not result.usrn_match[by_works[1]]
    assert FINDING_NAMES[result.finding[by_works[0]]] == "exempt"
    assert len(seen) < 50  # the two related works' values and the restriction's, not 5,000 works'
