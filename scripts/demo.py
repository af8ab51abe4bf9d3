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
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PKGROOT = REPO / ".pkgroot"


def load_script(name: str):
    spec = importlib.util.spec_from_file_location(f"digonce_{name}", REPO / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def ensure_plugin_path() -> None:
    PKGROOT.mkdir(exist_ok=True)
    link = PKGROOT / "dig_once"
    if not link.exists():
        link.symlink_to(REPO, target_is_directory=True)


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
        self.env.pop("PYTHONPATH", None)

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
    return f"{path}|layername={layer}"


def demo_steps(sample: dict, out: Path) -> list[tuple[str, str, dict[str, object], list[str]]]:
    """(title, algorithm, parameters, numeric outputs to print) for each step, in order."""
    store = out / "store.gpkg"
    steps: list[tuple[str, str, dict[str, object], list[str]]] = []
    for archive in sample["streetmanager_archives"]:
        steps.append(
            (
                f"Import Street Manager archive {Path(archive).name}",
                "digonce:importstreetmanager",
                {"INPUT": archive, "LONDON_ONLY": "true", "STORE": store},
                ["EVENTS_READ", "PERMITS", "REJECTED"],
            )
        )
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
    ensure_plugin_path()
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
    (out / "summary.json").write_text(json.dumps(summary, indent=2, default=str), encoding="utf-8")
    print("\nDig Once demo summary")
    for title, figures in summary:
        shown = ", ".join(f"{k.lower()}={_fmt(v)}" for k, v in figures.items())
        print(f"  {title}: {shown}")
    print(f"\nResults in {out} ({time.monotonic() - started:.0f} s)")
    return 0


def _fmt(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


if __name__ == "__main__":
    sys.exit(main())
