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


def demo_steps(sample: dict, out: Path) -> list[Step]:
    """(title, algorithm, parameters, numeric outputs to print) for each step, in order.

    The months are imported one at a time with the overlap check after each, as the monthly
    routine does, so the last steps can compare this month's findings with last month's.
    """
    paths = {k: Path(v) for k, v in sample["paths"].items()}
    store = out / "store.gpkg"
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
            {
                "INPUT": paths["my_works"],
                "ID_FIELD": "job_no",
                "OWNER_FIELD": "owner",
                "START_FIELD": "start",
                "END_FIELD": "finish",
                "STREET_FIELD": "street",
                "USRN_FIELD": "usrn",
                "STATUS_FIELD": "status",
                "STORE": store,
            },
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
                "OUTPUT": out / "report.html",
            },
            [],
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
    for title, algorithm, params, keys in demo_steps(sample, out):
        print(f"demo: {title} ({algorithm})")
        result = qp.run(algorithm, params)
        results = result.get("results", {})
        summary.append((title, {k: results.get(k) for k in keys}))
    shots = load_script("screenshots")
    for label, make in (
        ("dock", lambda: shots.save_dock_screenshot(out / "dock.png", store=str(out / "store.gpkg"))),
        ("report", lambda: shots.save_report_screenshot(out / "report.html", out / "report.png")),
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
    print(f"\nResults in {out} ({time.monotonic() - started:.0f} s)")
    return 0


def _fmt(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


if __name__ == "__main__":
    sys.exit(main())
