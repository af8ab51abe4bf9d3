"""scripts/monthly.sh end to end on two small generated months and one corrupt archive."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPT = REPO / "scripts" / "monthly.sh"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("qgis_process") is None, reason="qgis_process is not installed"),
]


@pytest.fixture(scope="module")
def archives(tmp_path_factory, sample_generator):
    root = tmp_path_factory.mktemp("sm") / "permit" / "2026"
    sample = sample_generator
    paths = {}
    for month in ("2026-03", "2026-04"):
        path = root / f"{month[-2:]}.zip"
        sample.write_streetmanager_archive(path, n_works=120, seed=7, month=month)
        paths[month] = path
    broken = root.parent / "broken.zip"
    data = paths["2026-04"].read_bytes()
    broken.write_bytes(data[: len(data) // 2])  # truncated: no central directory
    paths["broken"] = broken
    return paths


def monthly(*args, profile: Path):
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run(
        ["bash", str(SCRIPT), "--profile", str(profile), *map(str, args)],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def results(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    return json.loads(text[text.index("{") :])["results"]


def test_monthly_routine(archives, tmp_path):
    store, out, profile = tmp_path / "store.gpkg", tmp_path / "out", tmp_path / "profile"

    first = monthly("--store", store, "--out", out, archives["2026-03"], profile=profile)
    assert first.returncode == 0, first.stderr
    march = out / "2026-03"
    for name in ("pairs.gpkg", "groups.gpkg", "restriction_findings.gpkg", "summary.txt"):
        assert (march / name).exists(), name
    assert not (march / "changes.gpkg").exists()  # nothing earlier to compare with
    assert "nothing to compare with" in first.stderr
    assert results(march / "import_2026-03.json")["PERMITS"] > 0
    assert "FINDINGS" in results(march / "restrictions.json")

    # April with a corrupt archive: April is still imported and compared, the bad one named
    second = monthly("--store", store, "--out", out, archives["2026-04"], archives["broken"], profile=profile)
    assert second.returncode == 3, second.stderr
    assert "broken.zip" in second.stderr.splitlines()[-1]
    april = out / "2026-04"
    assert results(april / "import_2026-04.json")["PERMITS"] > 0
    changes = results(april / "compare.json")
    assert changes["PARAMETERS_DIFFERING"] == 0
    pairs_now = results(april / "overlaps.json")["PAIRS"]
    pairs_before = results(march / "overlaps.json")["PAIRS"]
    assert changes["NEW"] + changes["CHANGED"] + changes["UNCHANGED"] == pairs_now
    assert changes["RESOLVED"] + changes["CHANGED"] + changes["UNCHANGED"] == pairs_before
    assert (april / "changes.gpkg").exists()

    # a failing step stops the routine and is named
    third = monthly(
        "--store", store, "--out", out, "--month", "2026-05",
        "--restrictions-opt", "--NOTICE_DAYS=-5", archives["2026-04"], profile=profile,
    )  # fmt: skip
    assert third.returncode == 1
    assert "step 'check restrictions' failed" in third.stderr
    assert not (out / "2026-05" / "changes.gpkg").exists()


def test_usage_errors_exit_2(tmp_path):
    result = subprocess.run(["bash", str(SCRIPT), "--out", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 2
    assert "--store is required" in result.stderr
