"""The HTML report: self-contained, escaped, well-formed, with the right numbers in it."""

from __future__ import annotations

import base64
import datetime as dt
import re
from html.parser import HTMLParser

import pytest

from dig_once.plugin.core.dates import day_number
from dig_once.plugin.core.report_html import (
    DEFAULT_LABELS,
    ReportInputs,
    build_report,
    crosstab,
    pair_day,
    promoter_clashes,
    share_by,
    svg_bar_chart,
    top_counts,
    weekly_counts,
)

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
VOID = {"meta", "img", "br", "hr", "line", "rect", "link", "input"}


class _Checker(HTMLParser):
    """Records tags, and fails on unbalanced ones (void and self-closed tags aside)."""

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        assert (
            self.stack and self.stack[-1] == tag
        ), f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(page: str) -> _Checker:
    checker = _Checker()
    checker.feed(page)
    checker.close()
    assert checker.stack == [], f"unclosed tags: {checker.stack}"
    return checker


def d(text: str) -> int:
    return day_number(dt.date.fromisoformat(text))


def scenario() -> ReportInputs:
    pairs = [
        {"kind": "clash", "owner_a": "UKPN", "owner_b": "Thames Water", "day": d("2026-01-05")},
        {"kind": "clash", "owner_a": "UKPN", "owner_b": "Cadent", "day": d("2026-01-07")},
        {"kind": "clash", "owner_a": "BT <Openreach>", "owner_b": "UKPN", "day": d("2026-01-21")},
        {"kind": "opportunity", "owner_a": "SGN", "owner_b": "UKPN", "day": d("2026-02-02")},
    ]
    groups = [
        {"group_id": g, "n_works": g + 1, "owners": f"Owner {g}", "first_start": "2026-01-01",
         "last_end": "2026-02-01", "n_clashes": 1, "n_opportunities": 0, "days_saved": g * 10}
        for g in range(1, 15)
    ]  # fmt: skip
    gaps = [
        {"gap_class": "near_spine_notspot", "borough": "Camden"},
        {"gap_class": "near_spine_notspot", "borough": "Camden"},
        {"gap_class": "connected", "borough": "Camden"},
        {"gap_class": "far_from_spine_notspot", "borough": "Hackney"},
        {"gap_class": "connected", "borough": None},
    ]
    notspots = [{"borough": "Camden", "is_notspot": True}, {"borough": "Camden", "is_notspot": False},
                {"borough": "Hackney", "is_notspot": "true"}]  # fmt: skip
    return ReportInputs(
        title="London works, January",
        generated=dt.datetime(2026, 1, 31, 9, 30),
        map_png=PNG,
        legend=[("Clash", "#d7191c"), ("Works", "#555")],
        summary=[("Works", 1234), ("Clashes", 3)],
        pairs=pairs,
        groups=groups,
        gaps=gaps,
        notspots=notspots,
        parameters=[{"layer": "pairs", "algorithm": "digonce:findworksoverlaps",
                     "parameters": '{"DISTANCE": 25, "MAX_GAP_DAYS": 90}', "created": "2026-01-31T09:00:00"}],
        sources=[{"kind": "streetmanager", "source": "/data/2026-01.zip", "imported": 1000, "rejected": 3,
                  "finished": "2026-01-30T22:00:00+00:00"}],
    )  # fmt: skip


def test_page_is_one_self_contained_well_formed_file():
    page = build_report(scenario())
    checker = parse(page)
    assert page.startswith("<!DOCTYPE html>")
    images = [a for t, a in checker.tags if t == "img"]
    assert len(images) == 1 and images[0]["id"] == "map"
    assert images[0]["src"] == "data:image/png;base64," + base64.b64encode(PNG).decode()
    # no external resources and no scripts: opens offline, prints as is
    assert not [a for t, a in checker.tags if t == "script"]
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", page)
    assert "@media print" in page and "@page" in page and "break-inside: avoid" in page


def test_groups_table_shows_the_top_groups_by_days_saved():
    page = build_report(scenario())
    table = re.search(r'<table class="groups">.*?</table>', page, re.S).group(0)
    rows = re.findall(r"<tr><td[^>]*>(\d+)</td>", table)
    assert rows == [str(g) for g in range(14, 4, -1)], "ten groups, most days saved first"
    assert "<td>Owner 14</td>" in table and ">140</td>" in table


def test_charts_count_clashes_per_week_and_per_promoter():
    page = build_report(scenario())
    svgs = re.findall(r"<svg.*?</svg>", page, re.S)
    assert len(svgs) == 3  # weeks, promoters, not-spot share
    weeks = svgs[0]
    # weeks of 2026-01-05 (2), 2026-01-12 (0), 2026-01-19 (1); the opportunity is not a clash
    assert re.findall(r"<title>(\d{4}-\d\d-\d\d): (\d+)</title>", weeks) == [
        ("2026-01-05", "2"), ("2026-01-12", "0"), ("2026-01-19", "1"),
    ]  # fmt: skip
    promoters = re.search(r'<table class="promoters">.*?</table>', page, re.S).group(0)
    assert '<td>UKPN</td><td class="num">3</td>' in promoters
    assert "BT &lt;Openreach&gt;" in promoters and "<Openreach>" not in page, "names are escaped"
    assert "SGN" not in promoters


def test_gap_counts_by_class_and_borough_with_totals():
    page = build_report(scenario())
    table = re.search(r'<table class="gaps">.*?</table>', page, re.S).group(0)
    headers = re.findall(r"<th[^>]*>([^<]*)</th>", table)
    assert headers == ["Borough", "connected", "far_from_spine_notspot", "near_spine_notspot", "Total"]
    cells = re.findall(r"<tr><td>([^<]*)</td>((?:<td[^>]*>[^<]*</td>)*)</tr>", table)
    by_row = {name: re.findall(r">(\d+)<", rest) for name, rest in cells}
    assert by_row["Camden"] == ["1", "0", "2", "3"]
    assert by_row["(unknown)"] == ["1", "0", "0", "1"]
    assert by_row["Total"] == ["2", "1", "2", "5"]


def test_notspot_share_parameters_and_sources():
    page = build_report(scenario())
    notspots = re.search(r'<table class="notspots">.*?</table>', page, re.S).group(0)
    assert '<td>Hackney</td><td class="num">100.0</td>' in notspots
    assert '<td>Camden</td><td class="num">50.0</td>' in notspots
    assert "&quot;DISTANCE&quot;: 25" in page
    assert "/data/2026-01.zip" in page and "2026-01-30 22:00" in page


def test_missing_parts_say_so_and_labels_are_replaceable():
    page = build_report(ReportInputs(pairs=[], groups=[]), labels={"title": "Adroddiad", "none": "Dim"})
    parse(page)
    assert "<title>Adroddiad</title>" in page
    assert DEFAULT_LABELS["no_map"] in page
    assert page.count("Dim") == 2
    assert "<svg" not in page and "<img" not in page


def test_aggregations():
    assert weekly_counts([]) == []
    assert top_counts([], 3) == []
    assert top_counts(["x"] * 3 + ["y"], 1, other="o") == [("x", 3), ("o", 1)]
    assert promoter_clashes([{"kind": "clash", "owner_a": "A", "owner_b": "A"}]) == ["A"]
    rows, cols, counts = crosstab([{"r": "a", "c": "x"}, {"r": "a", "c": "x"}], "r", "c")
    assert (rows, cols, counts["a"]["x"]) == (["a"], ["x"], 2)
    assert share_by([], "b", "f") == []
    starts = {"W1": 10, "W2": 15}
    assert pair_day({"id_a": "W1", "id_b": "W2", "group_id": 1}, starts, {1: 3}) == 15
    assert pair_day({"id_a": "X", "id_b": "Y", "group_id": 1}, starts, {1: 3}) == 3
    assert pair_day({"id_a": "X", "id_b": "Y", "group_id": 2}, starts, {1: 3}) is None


@pytest.mark.parametrize("horizontal", [True, False])
def test_bar_lengths_are_proportional(horizontal):
    svg = svg_bar_chart([("a", 4), ("b", 2), ("c", 0)], "t", horizontal=horizontal)
    attr = "width" if horizontal else "height"
    sizes = [float(v) for v in re.findall(rf'<rect [^>]*{attr}="([\d.]+)"', svg)]
    assert sizes[0] == pytest.approx(2 * sizes[1]) and sizes[2] == 0


def group_page_inputs() -> ReportInputs:
    import shapely

    works = [
        {"permit_ref": "W1", "promoter": "UKPN", "category": "immediate_emergency", "immediate": True,
         "tm_type": "road_closure", "start_date": "2026-01-05", "end_date": "2026-01-09", "status": "in_progress",
         "street": "HIGH ST (8400001)"},
        {"permit_ref": "W2 <b>", "promoter": "Cadent", "category": "major", "immediate": False,
         "tm_type": "lane_closure", "start_date": "2026-01-06", "end_date": "2026-01-20", "status": "planned",
         "street": "HIGH ST (8400001)"},
    ]  # fmt: skip
    page = {
        "group_id": 7, "borough": "Camden", "where": "HIGH ST (USRN 8400001)", "map_png": PNG,
        "legend": [("Clash: windows overlap", "#d7191c")], "outline": shapely.box(0, 0, 1000, 500),
        "centre": (250, 250), "figures": [("Days of disruption avoided", 5)], "works": works,
    }  # fmt: skip
    return ReportInputs(
        groups=[
            {
                "group_id": 7,
                "n_works": 2,
                "days_saved": 5,
                "borough": "Camden",
                "where": "HIGH ST (USRN 8400001)",
                "households": 12.0,
                "wellbeing_gbp": 96.6,
            }
        ],  # fmt: skip
        group_pages=[page],
        benefit_totals=[
            ("Days of disruption avoided", "5", "sum minus longest"),
            ("Bus stops within reach", None, "x"),
        ],
        benefit_inputs=[("Bus stops", "not given")],
        benefit_parameters=[("REACH", 50.0)],
    )


def test_group_page_has_its_place_map_locator_and_works_with_immediate_ones_marked():
    page = build_report(group_page_inputs())
    parse(page)
    section = re.search(r'<section class="group-page" id="group-7">.*?</section>', page, re.S).group(0)
    assert "<h2>1. Group 7: Camden</h2>" in section and "HIGH ST (USRN 8400001)" in section
    assert '<img class="group-map" src="data:image/png;base64,' in section
    assert re.search(r"<svg [^>]*class=\"locator\".*?<path d=\"M[\d.,]+ L.*?<circle ", section, re.S)
    rows = re.findall(r"<tr( class=\"immediate\")?><td>\d+</td><td>([^<]*)</td>", section)
    assert rows == [(' class="immediate"', "W1"), ("", "W2 &lt;b&gt;")]
    assert '<td class="tag">IMMEDIATE (immediate_emergency)</td>' in section
    assert '<td class="tag">planned</td>' in section
    # print: each group starts a page of its own
    assert ".group-page { break-before: page;" in page


def test_groups_table_shows_place_and_only_the_benefits_computed():
    page = build_report(group_page_inputs())
    table = re.search(r'<table class="groups">.*?</table>', page, re.S).group(0)
    headers = re.findall(r"<th[^>]*>([^<]*)</th>", table)
    assert headers[:3] == ["Group", "Borough", "Where"]
    assert "Households within reach" in headers and "Wellbeing value (£)" in headers
    assert "Bus stops within reach" not in headers and "Lane-rental charges avoided (£)" not in headers
    assert ">96.60</td>" in table
    benefits = re.search(r'<table class="benefits">.*?</table>', page, re.S).group(0)
    assert "not computed (input not given)" in benefits


def test_report_colours_come_from_the_palette():
    from dig_once.plugin.core.palette import colour, ink, palette

    page = build_report(scenario())
    used = {c.lower() for c in re.findall(r"#[0-9a-fA-F]{6}\b", page)} - {"#d7191c"}  # the scenario's legend
    meanings = {c for c, _label in palette()["colours"].values()}
    assert used <= meanings | ink() | {"#fbe9f2"}, used - meanings - ink()
    svgs = re.findall(r"<svg.*?</svg>", page, re.S)
    assert f'fill="{colour("clash")}"' in svgs[0] and f'fill="{colour("notspot")}"' in svgs[2]
