"""digonce:report on a small scenario built here: the page has the map, the tables and the
charts, and headless Chromium opens it without console errors."""

from __future__ import annotations

import base64
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers.qgis_layers import memory_layer, polyline
from qgis import processing
from qgis.core import (
    QgsCoordinateTransformContext,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsVectorFileWriter,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDate
from qgis.PyQt.QtGui import QColor, QImage

CHROMIUM = "/usr/bin/chromium"


def scenario() -> dict[str, QgsVectorLayer]:
    d = QDate(2026, 1, 5)  # a Monday
    works = memory_layer(
        "LineString?crs=EPSG:27700&field=permit_ref:string&field=promoter:string&field=start_date:date&field=end_date:date"
        "&field=category:string&field=tm_type:string&field=street_name:string&field=usrn:string",
        "works",
        [
            (
                ["W1", "UKPN", d, d.addDays(10), "immediate_emergency", "road_closure", "HIGH ST", "8400001"],
                polyline(530000, 180000),
            ),
            (
                [
                    "W2",
                    "Thames Water",
                    d.addDays(3),
                    d.addDays(20),
                    "major",
                    "lane_closure",
                    "HIGH ST",
                    "8400001",
                ],
                polyline(530010, 180005),
            ),
            (
                ["W3", "Cadent", d.addDays(15), d.addDays(25), "standard", None, "LOW RD", "8400002"],
                polyline(530030, 180010),
            ),
            (
                ["W4", "SGN", d.addDays(60), d.addDays(70), "minor", None, None, None],
                polyline(531500, 181200),
            ),
        ],
    )
    pairs = memory_layer(
        "LineString?crs=EPSG:27700&field=id_a:string&field=id_b:string&field=owner_a:string&field=owner_b:string"
        "&field=kind:string&field=distance_m:double&field=gap_days:integer&field=overlap_days:integer&field=group_id:integer",
        "pairs",
        [
            (["W1", "W2", "UKPN", "Thames Water", "clash", 5.0, 0, 8, 1], polyline(530005, 180000, 5, 5)),
            (["W2", "W3", "Thames Water", "Cadent", "clash", 4.0, 0, 6, 1], polyline(530030, 180005, 2, 5)),
        ],
    )
    groups = memory_layer(
        "Polygon?crs=EPSG:27700&field=group_id:integer&field=n_works:integer&field=n_owners:integer&field=owners:string"
        "&field=first_start:date&field=last_end:date&field=n_clashes:integer&field=n_opportunities:integer"
        "&field=days_saved:integer",
        "groups",
        [([1, 3, 3, "Cadent; Thames Water; UKPN", d, d.addDays(25), 2, 0, 29],
          QgsGeometry.fromWkt("POLYGON((529995 179995, 530075 179995, 530075 180015, 529995 180015, 529995 179995))"))],
    )  # fmt: skip
    gaps = memory_layer(
        "Point?crs=EPSG:27700&field=name:string&field=borough:string&field=gap_class:string",
        "gaps",
        [
            (["Site A", "Camden", "near_spine_notspot"], QgsGeometry.fromPointXY(QgsPointXY(529000, 182000))),
            (["Site B", "Camden", "connected"], QgsGeometry.fromPointXY(QgsPointXY(529500, 182100))),
            (
                ["Site C", "Islington", "far_from_spine_notspot"],
                QgsGeometry.fromPointXY(QgsPointXY(531000, 183000)),
            ),
        ],
    )
    notspots = memory_layer(
        "Point?crs=EPSG:27700&field=postcode:string&field=laua_name:string&field=is_notspot:boolean",
        "notspots",
        [
            (["N1 1AA", "Islington", True], QgsGeometry.fromPointXY(QgsPointXY(531000, 183050))),
            (["N1 1AB", "Islington", False], QgsGeometry.fromPointXY(QgsPointXY(531100, 183050))),
            (["NW1 1AA", "Camden", False], QgsGeometry.fromPointXY(QgsPointXY(529000, 182050))),
        ],
    )
    spine = memory_layer(
        "LineString?crs=EPSG:27700&field=name:string",
        "spine",
        [(["Northern line"], polyline(528500, 181000, 3000, 2500))],
    )
    return {
        "PAIRS": pairs,
        "GROUPS": groups,
        "WORKS": works,
        "GAPS": gaps,
        "NOTSPOTS": notspots,
        "SPINE": spine,
    }


def write_report(tmp_path: Path) -> tuple[Path, dict]:
    layers = scenario()
    out = tmp_path / "report.html"
    result = processing.run("digonce:report", {**layers, "TITLE": "Camden test", "OUTPUT": str(out)})
    return out, result


def test_report_has_map_tables_and_charts(plugin_provider, tmp_path):
    out, result = write_report(tmp_path)
    assert result["OUTPUT"] == str(out) and result["MAP_LAYERS"] == 6
    page = out.read_text(encoding="utf-8")
    match = re.search(r'<img id="map" src="data:image/png;base64,([A-Za-z0-9+/=]+)"', page)
    assert match, "the map is embedded"
    image = QImage.fromData(base64.b64decode(match.group(1)), "PNG")
    assert image.width() == 1600 and not image.isNull()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 3, "something was drawn on the white background"
    # days avoided from the works: 11 + 18 + 11 days - the longest (18) = 22 (the layer's 29 is not used)
    assert '<table class="groups">' in page and "Cadent; Thames Water; UKPN" in page and ">22</td>" in page
    # clash weeks = the later start of the two works: W2 (8 Jan) and W3 (20 Jan)
    assert re.findall(r"<title>(\d{4}-\d\d-\d\d): (\d+)</title>", page) == [
        ("2026-01-05", "1"), ("2026-01-12", "0"), ("2026-01-19", "1"),
    ]  # fmt: skip
    assert '<table class="gaps">' in page and "Islington" in page
    assert '<table class="notspots">' in page
    assert "<h1>Camden test</h1>" in page


def test_group_page_says_where_maps_the_group_and_lists_its_works(plugin_provider, tmp_path):
    out, _ = write_report(tmp_path)
    page = out.read_text(encoding="utf-8")
    section = re.search(r'<section class="group-page" id="group-1">.*?</section>', page, re.S).group(0)
    # 530000,180000 lies in Westminster (the shipped outlines); HIGH ST has two works, LOW RD one
    assert "<h2>1. Group 1: Westminster</h2>" in section
    assert "HIGH ST (USRN 8400001); LOW RD (USRN 8400002)" in section
    assert '<img class="group-map" src="data:image/png;base64,' in section
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="locator"' in section
    works = re.search(r'<table class="works">.*?</table>', section, re.S).group(0)
    rows = re.findall(r"<tr( class=\"immediate\")?><td>\d+</td><td>(W\d)</td>", works)
    assert rows == [(' class="immediate"', "W1"), ("", "W2"), ("", "W3")], "the emergency works is told apart"
    assert "IMMEDIATE (immediate_emergency)" in works and works.count(">planned<") == 2
    assert "road_closure" in works and "HIGH ST (8400001)" in works
    image = QImage.fromData(
        base64.b64decode(
            re.search(r'class="group-map" src="data:image/png;base64,([^"]+)"', section).group(1)
        ),
        "PNG",
    )
    assert (image.width(), image.height()) == (900, 560)
    # the clash colour of the palette is on the group's map (its links are clashes)
    clash = QColor("#d7191c").rgb()
    assert any(image.pixel(x, y) == clash for x in range(0, 900, 2) for y in range(0, 560, 2))


def test_notspot_share_by_borough_comes_from_the_shipped_outlines(plugin_provider, tmp_path):
    layers = scenario()
    notspots = memory_layer(
        "Point?crs=EPSG:27700&field=postcode:string&field=is_notspot:boolean",
        "notspots",
        [
            (["SW1A 1AA", True], QgsGeometry.fromPointXY(QgsPointXY(530000, 180500))),  # Westminster
            (["SW1A 1AB", False], QgsGeometry.fromPointXY(QgsPointXY(530050, 180550))),  # Westminster
            (["N1 1AA", True], QgsGeometry.fromPointXY(QgsPointXY(531500, 184000))),  # Islington
            (["CM1 1AA", True], QgsGeometry.fromPointXY(QgsPointXY(570000, 207000))),  # Chelmsford
        ],
    )
    out = tmp_path / "report.html"
    processing.run("digonce:report", {"NOTSPOTS": notspots, "GROUPS": layers["GROUPS"], "OUTPUT": str(out)})
    table = re.search(r'<table class="notspots">.*?</table>', out.read_text(encoding="utf-8"), re.S).group(0)
    rows = re.findall(
        r"<tr><td>([^<]*)</td><td class=\"num\">([\d.]+)</td><td class=\"num\">(\d+)</td></tr>", table
    )
    assert rows == [
        ("(outside London)", "100.0", "1"),
        ("Islington", "100.0", "1"),
        ("Westminster", "50.0", "2"),
    ]


def test_parameters_table_names_the_algorithm_and_the_run_time(plugin_provider, tmp_path):
    from dig_once.plugin.toolbelt.outputs import stamp_parameters

    gpkg = tmp_path / "groups.gpkg"
    layers = scenario()
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName, options.layerName = "GPKG", "groups"
    error = QgsVectorFileWriter.writeAsVectorFormatV3(
        layers["GROUPS"], str(gpkg), QgsCoordinateTransformContext(), options
    )
    assert error[0] == QgsVectorFileWriter.WriterError.NoError, error
    stamp_parameters(str(gpkg), "groups", "digonce:findworksoverlaps", '{"DISTANCE": 25}')
    out = tmp_path / "report.html"
    processing.run("digonce:report", {"GROUPS": f"{gpkg}|layername=groups", "OUTPUT": str(out)})
    table = re.search(r'<table class="params">.*?</table>', out.read_text(encoding="utf-8"), re.S).group(0)
    cells = re.findall(r"<td>([^<]*)</td>", table)
    assert cells[1] == "digonce:findworksoverlaps"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+00:00", cells[2]), cells


def test_benefits_with_premises_lane_rental_and_bus_stops_given(plugin_provider, tmp_path):
    layers = scenario()
    premises = memory_layer(
        "Point?crs=EPSG:27700&field=postcode:string&field=households:integer",
        "postcodes",
        [
            (["A", 10], QgsGeometry.fromPointXY(QgsPointXY(530020, 180030))),  # 20 m from W2 and W3
            (["B", 5], QgsGeometry.fromPointXY(QgsPointXY(530020, 180300))),  # far
        ],
    )
    lane = memory_layer(
        "LineString?crs=EPSG:27700&field=name:string",
        "lane rental",
        [(["A road"], polyline(529990, 180002, 40, 0))],
    )
    stops = tmp_path / "Stops.csv"
    stops.write_text(
        "ATCOCode,Easting,Northing,StopType,Status\n1,530000,180040,BCT,active\n2,531000,181000,BCT,active\n"
    )
    out = tmp_path / "report.html"
    processing.run("digonce:report", {**layers, "PREMISES": premises, "HOUSEHOLDS_FIELD": "households",
                                      "LANE_RENTAL": lane, "BUS_STOPS": str(stops), "OUTPUT": str(out)})  # fmt: skip
    page = out.read_text(encoding="utf-8")
    benefits = dict(re.findall(r'<tr><td>([^<]*)</td><td class="num">([^<]*)</td>', re.search(
        r'<table class="benefits">.*?</table>', page, re.S).group(0)))  # fmt: skip
    # 22 days avoided x 10 households x £1.61 = £354.20; W1 (2 m), W2 (3 m) and W3 (8 m) are within
    # 10 m of the lane-rental street: 11 + 18 + 11 - 18 = 22 days x £800 = £17,600
    assert benefits["Households within reach"] == "10"
    assert benefits["Wellbeing value (£)"] == "354.20"
    assert benefits["Lane-rental charges avoided (£)"] == "17,600.00"
    assert benefits["Bus stops within reach"] == "1"
    inputs = re.search(r'<table class="benefit-inputs">.*?</table>', page, re.S).group(0)
    assert "households from field households" in inputs and "not given" not in inputs


def test_report_colours_are_the_palettes(plugin_provider, tmp_path):
    from dig_once.plugin.core.palette import ink, palette

    out, _ = write_report(tmp_path)
    page = out.read_text(encoding="utf-8")
    colours = {c.lower() for c in re.findall(r"#[0-9a-fA-F]{6}\b", page)}
    meanings = {c for c, _label in palette()["colours"].values()}
    assert colours - meanings - ink() <= {"#fbe9f2"}, "only the palette, ink greys and the immediate row tint"
    legend = dict(re.findall(r'<span style="--c:(#[0-9a-f]{6})">([^<]*)</span>', page))
    assert legend["#d7191c"].endswith("Clash (windows overlap)") or "Clash" in legend["#d7191c"]


def test_report_labels_cover_every_text_of_the_page(plugin_provider):
    from qgis.core import QgsApplication

    from dig_once.plugin.core.report_html import DEFAULT_LABELS

    algorithm = QgsApplication.processingRegistry().createAlgorithmById("digonce:report")
    assert set(algorithm.labels()) == set(DEFAULT_LABELS) | {"lang"}


def test_report_needs_at_least_one_layer(plugin_provider, tmp_path):
    with pytest.raises(QgsProcessingException, match="at least one layer"):
        processing.run("digonce:report", {"OUTPUT": str(tmp_path / "r.html")})


def chromium_screenshot(
    html: Path, png: Path, profile: Path, window: str = "1280,2000"
) -> subprocess.CompletedProcess:
    """Open ``html`` in headless Chromium, save a screenshot, keep stderr (console messages)."""
    return subprocess.run(
        [
            CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", f"--window-size={window}",
            f"--screenshot={png}", html.resolve().as_uri(),
        ],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


@pytest.mark.skipif(
    not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None, reason="chromium is not installed"
)
def test_report_opens_in_headless_chromium_without_console_errors(plugin_provider, tmp_path):
    out, _ = write_report(tmp_path)
    png = tmp_path / "report.png"
    result = chromium_screenshot(out, png, tmp_path / "chromium-profile")
    assert png.exists() and png.stat().st_size > 10_000, result.stderr[-2000:]
    console = [line for line in result.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
    assert console == [], console
    page = out.read_text(encoding="utf-8")
    tables = re.findall(r'<table class="([^"]+)">.*?<tbody>(.*?)</tbody>', page, re.S)
    assert {name for name, _ in tables} >= {"groups", "benefits", "works", "promoters", "gaps", "notspots"}
    assert [name for name, body in tables if "<tr" not in body] == [], "every table has rows"
    shot = QImage(str(png))
    assert shot.width() == 1280


@pytest.mark.skipif(
    not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None, reason="chromium is not installed"
)
def test_report_prints_to_a4_with_the_group_on_a_page_of_its_own(plugin_provider, tmp_path):
    out, _ = write_report(tmp_path)
    pdf = tmp_path / "report.pdf"
    with_profile = f"--user-data-dir={tmp_path / 'chromium-profile'}"
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--no-first-run", with_profile, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", out.resolve().as_uri()],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert pdf.exists(), result.stderr[-2000:]
    data = pdf.read_bytes()
    boxes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data))
    assert boxes and all(abs(float(w) - 595.92) < 2 and abs(float(h) - 842.88) < 2 for w, h in boxes), boxes
    pages = len(re.findall(rb"/Type\s*/Page\b", data))
    assert pages >= 2, "the group's page starts a page of its own"


def test_report_through_qgis_process(run_qgis_process, tmp_path):
    spine = tmp_path / "spine.geojson"
    spine.write_text(
        '{"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::27700"}},'
        ' "features": [{"type": "Feature", "properties": {"name": "L1"}, "geometry": {"type": "LineString",'
        ' "coordinates": [[528000, 181000], [531000, 183000]]}}]}',
        encoding="utf-8",
    )
    out = tmp_path / "report.html"
    result = run_qgis_process(
        ["run", "digonce:report", "--", f"SPINE={spine}", f"OUTPUT={out}"], json_output=True
    )
    assert result["results"]["MAP_LAYERS"] == 1
    assert '<img id="map" src="data:image/png;base64,' in out.read_text(encoding="utf-8")
