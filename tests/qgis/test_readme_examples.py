"""The README's ``qgis_process`` commands run as written, on the sample data, in order.

Every ``qgis_process`` line of the README's shell blocks is run from a folder holding the
sample scenario under the names the README uses; each must succeed with no traceback, and
every result GeoPackage must be complete in its one file when the command ends (no ``-wal``
or ``-shm`` beside it), so copying ``pairs.gpkg`` alone keeps its ``digonce_runs``.
"""

from __future__ import annotations

import re
import shlex
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def readme_commands(fences: str = "sh") -> list[str]:
    """The ``qgis_process`` commands of the README's ``sh`` blocks (continuation lines joined).

    Blocks fenced ``bash`` hold commands that need more than the sample data (a PostgreSQL
    server, the internet): they are listed with ``fences="sh|bash"`` but not run here."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    commands = []
    for block in re.findall(rf"```(?:{fences})\n(.*?)```", text, flags=re.S):
        joined = re.sub(r"\\\n\s*", " ", block)
        for line in joined.splitlines():
            line = line.strip()
            if line.startswith("qgis_process "):
                commands.append(line)
    return commands


@pytest.fixture(scope="module")
def readme_folder(tmp_path_factory, sample_generator) -> Path:
    """The sample scenario under the file names the README's examples use."""
    sample = tmp_path_factory.mktemp("sample")
    paths = sample_generator.generate(sample, seed=11, n_works=300, months=["2026-03", "2026-04"])["paths"]
    run = tmp_path_factory.mktemp("readme")
    (run / "permit" / "2026").mkdir(parents=True)
    shutil.copy(paths["streetmanager_2026-03"], run / "permit" / "2026" / "03.zip")
    shutil.copy(paths["my_works"], run / "my_works.geojson")
    shutil.copy(paths["forward_plan_gpkg"], run / "forward_plan.gpkg")
    shutil.copy(paths["postcode_centroids"], run / "ONSPD.csv")
    shutil.copy(paths["cultural_Pubs"], run / "Pubs.csv")
    shutil.copy(paths["planning_pld"], run / "pld_response.json")
    shutil.copy(paths["spine"], run / "spine.geojson")
    with zipfile.ZipFile(run / "ofcom_postcodes.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        for key, path in sorted(paths.items()):
            if key.startswith("ofcom_postcode_"):
                zf.write(path, Path(path).name)
    return run


def test_the_readme_has_an_example_for_every_algorithm():
    ran = {m.group(1) for c in readme_commands("sh|bash") if (m := re.search(r"run (digonce:\w+)", c))}
    from dig_once.processing_algorithms.provider import ALGORITHMS

    assert ran == {f"digonce:{cls().name()}" for cls in ALGORITHMS}


def test_every_readme_qgis_process_command_runs_as_written(readme_folder, run_qgis_process):
    for command in readme_commands():
        if command.startswith("qgis_process plugins enable"):
            continue  # done once for the session's profile (a second time says "already enabled")
        if "compareruns" in command:  # last month's run: this month's, copied, stands in for it
            for month in ("2026-03", "2026-04"):
                (readme_folder / month).mkdir(exist_ok=True)
                for name in ("pairs.gpkg", "groups.gpkg"):
                    shutil.copy(readme_folder / name, readme_folder / month / name)
        result = run_qgis_process(shlex.split(command)[1:], check=False, cwd=readme_folder)
        assert result.returncode == 0, f"{command}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        assert "Traceback" not in result.stdout + result.stderr, command
        if command.startswith("qgis_process help"):
            assert "<b>" not in result.stdout and "<br" not in result.stdout, "help is plain text"
            assert "25.000000" not in result.stdout, "numbers are shown as a planner writes them"
    leftovers = sorted(p.name for p in readme_folder.rglob("*") if p.name.endswith(("-wal", "-shm")))
    assert leftovers == [], "every GeoPackage is complete in its one file"
    copied = readme_folder / "copied_changes.gpkg"
    shutil.copy(readme_folder / "changes.gpkg", copied)
    with sqlite3.connect(copied) as db:
        assert db.execute("SELECT count(*) FROM digonce_runs").fetchone()[0] >= 1
