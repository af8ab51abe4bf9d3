#!/usr/bin/env python3
"""The demo: generate the sample London scenario and run every Dig Once algorithm on it,
headless, through ``qgis_process`` (exactly as a batch user would), into ``demo-output/``.

Run it with ``make demo`` (which sets everything up first).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import sysconfig
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from pkgroot import PKGROOT, REPO, ensure_pkgroot


def load_script(name: str):
    spec = importlib.util.spec_from_file_location(f"digonce_{name}", REPO / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@dataclass
class QgisProcess:
    """``qgis_process`` with the plugin on its path, enabled in a profile of the demo's own."""

    profile: Path
    log: Path
    env: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.profile.mkdir(parents=True, exist_ok=True)
        self.env = dict(os.environ)
        self.env.update(
            QGIS_PLUGINPATH=str(PKGROOT),
            QGIS_CUSTOM_CONFIG_PATH=str(self.profile),
            QT_QPA_PLATFORM="offscreen",
        )
        # qgis_process embeds the system Python: point it at the venv's pinned dependencies.
        self.env["PYTHONPATH"] = sysconfig.get_paths()["purelib"]

    def call(self, args: list[str]) -> subprocess.CompletedProcess:
        result = subprocess.run(["qgis_process", *args], env=self.env, capture_output=True, text=True)
        with self.log.open("a", encoding="utf-8") as fh:
            fh.write(f"$ qgis_process {' '.join(args)}\n{result.stdout}\n{result.stderr}\n")
        return result

    def enable(self) -> None:
        result = self.call(["plugins", "enable", "dig_once"])
        if result.returncode != 0:
            raise SystemExit(f"demo: could not enable the plugin for qgis_process (see {self.log})")

    def run(self, algorithm: str, params: dict[str, object]) -> dict:
        args = ["run", algorithm, "--json", "--"]
        args += [f"{k}={v}" for k, v in params.items()]
        result = self.call(args)
        if result.returncode != 0:
            tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-8:])
            raise SystemExit(f"demo: {algorithm} failed (full log: {self.log}):\n{tail}")
        return json.loads(result.stdout[result.stdout.index("{") :])


def gpkg_layer(path: Path, layer: str) -> str:
    """An input: one layer of a GeoPackage."""
    return f"{path}|layername={layer}"


def gpkg_output(path: Path, layer: str) -> str:
    """An output: a named layer in a (possibly shared) GeoPackage."""
    return f"ogr:dbname='{path}' table=\"{layer}\" (geom)"


def zip_ofcom_postcode_files(folder: Path, target: Path) -> Path:
    """Ofcom publishes the postcode files as one ZIP of per-area CSVs: do the same."""
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for csv in sorted(folder.glob("*_fixed_postcode_coverage_*.csv")):
            zf.write(csv, csv.name)
    return target


Step = tuple[str, str, dict[str, object], list[str]]


def write_benefit_inputs(sample: dict, store: Path, folder: Path, seed: int) -> dict[str, Path]:
    """The optional benefit inputs for the sample scenario, made up here (the sample has none):

    - ``postcode_households.geojson``: the sample's ONSPD postcode centroids, each with a made-up
      household count (5 to 60), standing in for postcode household counts;
    - ``lane_rental_streets.geojson``: the works on TfL's roads (highway authority code 20), widened
      by 8 m, standing in for TfL's lane-rental streets;
    - ``Stops.csv``: NaPTAN-layout bus stops, one beside each works at a bus stop or stand and some
      scattered across London.
    """
    import csv
    import random
    import sqlite3

    ensure_pkgroot(importable=True)
    import shapely

    from dig_once.plugin.core.boroughs import gpkg_blob_to_geometry

    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::27700"}}
    features = []
    with Path(sample["paths"]["postcode_centroids"]).open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            try:
                x, y = float(row["oseast1m"]), float(row["osnrth1m"])
            except (KeyError, ValueError):
                continue
            features.append({"type": "Feature", "properties": {"postcode": row.get("pcds"), "households": rng.randint(5, 60)},
                             "geometry": {"type": "Point", "coordinates": [x, y]}})  # fmt: skip
    households = folder / "postcode_households.geojson"
    households.write_text(
        json.dumps({"type": "FeatureCollection", "crs": crs, "features": features}), encoding="utf-8"
    )
    con = sqlite3.connect(store)
    try:
        rows = con.execute(
            "SELECT street_name, geom, location_types FROM works WHERE geom IS NOT NULL"
        ).fetchall()
        tfl = con.execute(
            "SELECT geom FROM works WHERE highway_authority_swa = '20' AND geom IS NOT NULL"
        ).fetchall()
    finally:
        con.close()
    lanes = []
    for (blob,) in tfl:
        geom = gpkg_blob_to_geometry(blob)
        if geom is not None:
            area = shapely.buffer(geom, 8.0)
            polys = [area] if area.geom_type == "Polygon" else list(area.geoms)
            lanes.append({"type": "Feature", "properties": {"charge": "lane rental"},
                          "geometry": {"type": "MultiPolygon", "coordinates": [
                              [list(p.exterior.coords), *[list(r.coords) for r in p.interiors]] for p in polys]}})  # fmt: skip
    lane_rental = folder / "lane_rental_streets.geojson"
    lane_rental.write_text(
        json.dumps({"type": "FeatureCollection", "crs": crs, "features": lanes}), encoding="utf-8"
    )
    stops = folder / "Stops.csv"
    with stops.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["ATCOCode", "CommonName", "Easting", "Northing", "StopType", "Status"])
        n = 0
        for street, blob, location_types in rows:
            geom = gpkg_blob_to_geometry(blob)
            if geom is None or "bus_stop" not in (location_types or ""):
                continue
            c = geom.centroid
            n += 1
            writer.writerow(
                [f"4900{n:06d}", street or "Stop", round(c.x + 6, 1), round(c.y + 6, 1), "BCT", "active"]
            )
        for _ in range(400):
            n += 1
            writer.writerow(
                [
                    f"4900{n:06d}",
                    "Stop",
                    rng.randint(515000, 550000),
                    rng.randint(165000, 195000),
                    "BCT",
                    "active",
                ]
            )
    return {"premises": households, "lane_rental": lane_rental, "bus_stops": stops}


def save_group_screenshot(report: Path, png: Path, rank: int = 1) -> Path:
    """One group's page of the report, alone in a page of its own, screenshot in headless Chromium."""
    import re

    shots = load_script("screenshots")
    page = report.read_text(encoding="utf-8")
    sections = re.findall(r'<section class="group-page".*?</section>', page, re.S)
    if len(sections) < rank:
        raise RuntimeError(f"the report has no group page {rank}")
    head = page[: page.index("<body>") + len("<body>")]
    single = png.with_suffix(".html")
    single.write_text(head + sections[rank - 1] + "</body></html>\n", encoding="utf-8")
    return shots.save_report_screenshot(single, png, window=(1100, 1500))


def overlaps_step(month: str, works: str, target: Path) -> Step:
    return (
        f"Find dig-once clashes and opportunities ({month})",
        "digonce:findworksoverlaps",
        {
            "INPUT": works,
            "DISTANCE": 25,
            "MAX_GAP_DAYS": 90,
            "OUTPUT": gpkg_output(target, "pairs"),
            "OUTPUT_GROUPS": gpkg_output(target, "groups"),
            "OUTPUT_UNUSABLE": gpkg_output(target, "unusable"),
        },
        ["PAIRS", "CLASHES", "OPPORTUNITIES", "GROUPS", "UNUSABLE"],
    )


def demo_steps(
    sample: dict, out: Path, my_works_fields: dict[str, str], benefit_inputs: dict[str, Path] | None = None
) -> list[Step]:
    """(title, algorithm, parameters, numeric outputs to print) for each step, in order.

    The months are imported one at a time with the overlap check after each, as the monthly
    routine does, so the last steps can compare this month's findings with last month's.
    """
    paths = {k: Path(v) for k, v in sample["paths"].items()}
    store = out / "store.gpkg"
    benefits: dict[str, object] = {}
    if benefit_inputs:
        benefits = {"PREMISES": benefit_inputs["premises"], "HOUSEHOLDS_FIELD": "households",
                    "LANE_RENTAL": benefit_inputs["lane_rental"], "BUS_STOPS": benefit_inputs["bus_stops"],
                    # postcode centroids stand for a postcode's area (about 100 m across), not a door
                    "REACH": 100}  # fmt: skip
    results = out / "results"
    results.mkdir(exist_ok=True)
    works = gpkg_layer(store, "works")
    spine = gpkg_layer(store, "fibre_spine")
    notspots = gpkg_layer(store, "notspots_postcodes")
    months = sorted(k.removeprefix("streetmanager_") for k in paths if k.startswith("streetmanager_"))
    ofcom_zip = zip_ofcom_postcode_files(paths["postcode_centroids"].parent, out / "ofcom_postcode_files.zip")
    steps: list[Step] = []
    for month in months:
        archive = paths[f"streetmanager_{month}"]
        steps.append(
            (
                f"Import Street Manager {archive.parent.name}/{archive.name}",
                "digonce:importstreetmanager",
                {"INPUT": archive, "LONDON_ONLY": "true", "STORE": store},
                ["EVENTS_READ", "PERMITS", "RESTRICTION_COUNT", "REJECTED"],
            )
        )
        steps.append(overlaps_step(month, works, results / f"overlaps_{month}.gpkg"))
    latest = results / f"overlaps_{months[-1]}.gpkg"
    if len(months) > 1:
        previous = results / f"overlaps_{months[-2]}.gpkg"
        steps.append(
            (
                f"Compare {months[-1]} with {months[-2]}",
                "digonce:compareruns",
                {
                    "CURRENT": gpkg_layer(latest, "pairs"),
                    "PREVIOUS": gpkg_layer(previous, "pairs"),
                    "CURRENT_GROUPS": gpkg_layer(latest, "groups"),
                    "PREVIOUS_GROUPS": gpkg_layer(previous, "groups"),
                    "OUTPUT": gpkg_output(results / "changes.gpkg", "pairs"),
                    "OUTPUT_GROUPS": gpkg_output(results / "changes.gpkg", "groups"),
                },
                ["NEW", "RESOLVED", "CHANGED", "UNCHANGED", "GROUPS_NEW", "GROUPS_GONE"],
            )
        )
    steps += [
        (
            "Import our own works file (field mapping)",
            "digonce:importworks",
            {"INPUT": paths["my_works"], **my_works_fields, "STORE": store},
            ["IMPORTED", "REJECTED"],
        ),
        (
            "Import forward plan (UK Future Works Profile)",
            "digonce:importforwardplans",
            {"INPUT": paths["forward_plan_gpkg"], "STORE": store},
            ["PLANNED", "REJECTED"],
        ),
        (
            "Check Section 58 restrictions",
            "digonce:checkrestrictions",
            {
                "WORKS": works,
                "RESTRICTIONS": gpkg_layer(store, "restrictions"),
                "USRN_MATCH": "true",
                "OUTPUT": gpkg_output(results / "restrictions.gpkg", "findings"),
                "OUTPUT_UNUSABLE": gpkg_output(results / "restrictions.gpkg", "unusable"),
            },
            ["DIG_BEFORE_RESURFACING", "BLOCKED", "EXEMPT", "ENDS_SOON", "UNUSABLE"],
        ),
        (
            "Import Ofcom postcode coverage (gigabit not-spots)",
            "digonce:importofcomcoverage",
            {"INPUT": ofcom_zip, "CENTROIDS": paths["postcode_centroids"], "LEVEL": 2, "STORE": store},
            ["POSTCODES", "LOCATED", "UNLOCATED", "NOTSPOTS", "REJECTED"],
        ),
        (
            "Import fibre spine",
            "digonce:importfibrespine",
            {"INPUT": paths["spine"], "STORE": store},
            ["IMPORTED", "REJECTED", "LENGTH_KM"],
        ),
    ]
    for name in sorted(k for k in paths if k.startswith("cultural_")):
        steps.append(
            (
                f"Import cultural venues {paths[name].name}",
                "digonce:importculturalvenues",
                {"INPUT": paths[name], "STORE": store},
                ["IMPORTED", "REJECTED", "COORD_CONFLICTS"],
            )
        )
    steps += [
        (
            "Import planning sites (Planning London Datahub)",
            "digonce:importplanningsites",
            {"INPUT": paths["planning_pld"], "STORE": store},
            ["SITES", "CENTROID_SUSPECT", "REJECTED"],
        ),
        (
            "Find coverage gaps: planning sites",
            "digonce:findcoveragegaps",
            {
                "INPUT": gpkg_layer(store, "planning_sites"),
                "NOTSPOTS": notspots,
                "SPINE": spine,
                "UNITS_FIELD": "units",
                "OUTPUT": gpkg_output(results / "coverage_gaps.gpkg", "planning_sites"),
            },
            ["CONNECTED", "NEAR_SPINE_NOTSPOT", "FAR_FROM_SPINE_NOTSPOT", "UNITS_IN_NOTSPOTS"],
        ),
        (
            "Find coverage gaps: cultural venues",
            "digonce:findcoveragegaps",
            {
                "INPUT": gpkg_layer(store, "cultural_venues"),
                "NOTSPOTS": notspots,
                "SPINE": spine,
                "OUTPUT": gpkg_output(results / "coverage_gaps.gpkg", "cultural_venues"),
            },
            ["CONNECTED", "NEAR_SPINE_NOTSPOT", "FAR_FROM_SPINE_NOTSPOT"],
        ),
        (
            "Find works to lay duct along the spine in not-spots",
            "digonce:findspineopportunities",
            {
                "INPUT": works,
                "SPINE": spine,
                "NOTSPOTS": notspots,
                "START_FIELD": "start_date",
                "END_FIELD": "end_date",
                "OUTPUT": gpkg_output(results / "spine_opportunities.gpkg", "works"),
            },
            ["OPPORTUNITIES"],
        ),
        (
            "Write the report",
            "digonce:report",
            {
                "PAIRS": gpkg_layer(latest, "pairs"),
                "GROUPS": gpkg_layer(latest, "groups"),
                "WORKS": works,
                "GAPS": gpkg_layer(results / "coverage_gaps.gpkg", "planning_sites"),
                "NOTSPOTS": notspots,
                "SPINE": spine,
                "STORE": store,
                **benefits,
                "OUTPUT": out / "report.html",
            },
            [],
        ),
        (
            "Export the meeting pack (report, CSV, XLSX)",
            "digonce:exportformeeting",
            {
                "PAIRS": gpkg_layer(latest, "pairs"),
                "GROUPS": gpkg_layer(latest, "groups"),
                "WORKS": works,
                **benefits,
                "OUTPUT": out / "meetings",
            },
            ["N_GROUPS", "N_WORKS", "N_PAIRS", "DAYS_AVOIDED", "FOLDER"],
        ),
    ]
    return steps


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=REPO / "demo-output")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--works", type=int, default=3000, help="number of works in the scenario")
    args = parser.parse_args(argv)
    out: Path = args.out.resolve()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    ensure_pkgroot()
    started = time.monotonic()

    generator = load_script("make_sample_data")
    print(f"demo: generating the sample London scenario (seed {args.seed}, {args.works} works)")
    sample = generator.generate(out / "sample", seed=args.seed, n_works=args.works)

    qp = QgisProcess(profile=out / ".qgis-profile", log=out / "qgis_process.log")
    qp.enable()
    summary: list[tuple[str, dict]] = []
    inputs_folder = out / "benefit_inputs"
    benefit_inputs = {"premises": inputs_folder / "postcode_households.geojson",
                      "lane_rental": inputs_folder / "lane_rental_streets.geojson", "bus_stops": inputs_folder / "Stops.csv"}  # fmt: skip
    for title, algorithm, params, keys in demo_steps(sample, out, generator.MY_WORKS_FIELDS, benefit_inputs):
        if "PREMISES" in params and not benefit_inputs["premises"].exists():
            # made from the store's works: written once the works are imported
            print("demo: made-up benefit inputs (postcode households, lane-rental streets, bus stops)")
            write_benefit_inputs(sample, out / "store.gpkg", inputs_folder, args.seed)
        print(f"demo: {title} ({algorithm})")
        result = qp.run(algorithm, params)
        results = result.get("results", {})
        summary.append((title, {k: results.get(k) for k in keys}))
    shots = load_script("screenshots")
    for label, make in (
        ("dock", lambda: shots.save_dock_screenshot(out / "dock.png", store=str(out / "store.gpkg"))),
        ("report", lambda: shots.save_report_screenshot(out / "report.html", out / "report.png")),
        (
            "first group's page",
            lambda: save_group_screenshot(out / "report.html", out / "report_group_1.png"),
        ),
    ):
        try:
            print(f"demo: screenshot of the {label} -> {make()}")
        except (FileNotFoundError, RuntimeError) as exc:
            print(f"demo: no screenshot of the {label}: {exc}")
    (out / "summary.json").write_text(json.dumps(summary, indent=2, default=str), encoding="utf-8")
    print("\nDig Once demo summary")
    for title, figures in summary:
        shown = ", ".join(f"{k.lower()}={_fmt(v)}" for k, v in figures.items()) or "done"
        print(f"  {title}: {shown}")
    print_top_groups(out)
    print(f"\nResults in {out} ({time.monotonic() - started:.0f} s)")
    return 0


def print_top_groups(out: Path, n: int = 3) -> None:
    """The figures of the top groups, from the meeting pack's groups CSV."""
    import csv

    found = sorted((out / "meetings").glob("*/*_groups.csv"))
    if not found:
        return
    with found[0].open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))[:n]
    print(f"\nTop {len(rows)} coordination groups ({found[0].relative_to(out)})")
    for r in rows:
        print(
            f"  {r['rank']}. group {r['group_id']} in {r['borough']}: {r['streets']}; {r['n_works']} works, "
            f"{r['days_avoided']} days avoided, {r['street_days_planned']} street-days planned, "
            f"{r['households']} households, wellbeing £{r['wellbeing_gbp']}, lane rental £{r['lane_rental_gbp']}, "
            f"{r['bus_stops']} bus stops, {r['n_immediate']} immediate works"
        )


def _fmt(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


if __name__ == "__main__":
    sys.exit(main())
