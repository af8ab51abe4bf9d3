"""Fault injection across every reader (issue 20's campaign, kept as a test that runs in CI).

Every import algorithm gets generated broken files of each fault class: empty, binary garbage,
NUL bytes, cut in half, JSON nested 10,000 deep, a coordinate of 1e308, text in another
encoding, a header with no rows, a ZIP with a '../' member or cut short. For each: no raw
Python error (only a Processing error carrying a sentence), no traceback in any message, and
a refused import leaves the store byte for byte as it was.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from helpers.archives import zip_bytes
from helpers.feedback import Said
from qgis import processing
from qgis.core import QgsProcessingException

#: the import algorithms and the kind of file each takes
IMPORTS = {
    "importstreetmanager": ".zip",
    "importworks": ".geojson",
    "importforwardplans": ".csv",
    "importofcomcoverage": ".csv",
    "importculturalvenues": ".csv",
    "importplanningsites": ".json",
    "importfibrespine": ".geojson",
}

#: what each import needs besides INPUT and STORE (the sample works file's own field names)
EXTRA = {
    "importworks": {
        "ID_FIELD": "job_no",
        "OWNER_FIELD": "owner",
        "START_FIELD": "start",
        "END_FIELD": "finish",
    },
}


def _good_bytes(sample: dict, name: str) -> bytes:
    paths = sample["paths"]
    source = {
        "importstreetmanager": paths["streetmanager_2026-03"],
        "importworks": paths["my_works"],
        "importforwardplans": paths["forward_plan_csv"],
        "importofcomcoverage": next(p for k, p in sorted(paths.items()) if k.startswith("ofcom_postcode_")),
        "importculturalvenues": paths["cultural_Pubs"],
        "importplanningsites": paths["planning_pld"],
        "importfibrespine": paths["spine"],
    }[name]
    return Path(source).read_bytes()


def faults(good: bytes, suffix: str) -> dict[str, bytes]:
    """Broken variants of a good file (``suffix`` says what kind of file it is)."""
    out = {
        "empty": b"",
        "garbage": bytes(range(256)) * 64,
        "nul_bytes": good[: len(good) // 3] + b"\x00" * 64 + good[len(good) // 3 :],
        "cut_in_half": good[: len(good) // 2],
    }
    if suffix in (".json", ".geojson"):
        out["nested_10000_deep"] = b"[" * 10_000 + b"]" * 10_000
        text = good.decode("utf-8")
        out["coordinate_1e308"] = text.replace("[5", "[1e308, 5", 1).encode("utf-8")
        out["utf16"] = text.encode("utf-16")
    if suffix == ".csv":
        text = good.decode("utf-8", errors="replace")
        out["header_only"] = text.splitlines()[0].encode("utf-8") + b"\n"
        out["utf16"] = text.encode("utf-16")
        out["unbalanced_quote"] = (text[: len(text) // 2] + '"' + text[len(text) // 2 :]).encode("utf-8")
    if suffix == ".zip":
        out["dot_dot_member"] = zip_bytes({"../../evil.json": b"{}"})
        out["nested_json_member"] = zip_bytes({"event.json": b"[" * 10_000 + b"]" * 10_000})
    return out


@pytest.fixture(scope="module")
def sample(tmp_path_factory, sample_generator):
    return sample_generator.generate(
        tmp_path_factory.mktemp("fault-sample"), seed=21, n_works=60, months=("2026-03",)
    )


@pytest.fixture(scope="module")
def good_store(tmp_path_factory, sample, session_plugin) -> Path:
    """A store with good data of every kind, as a planner's would be before a bad file."""
    session_plugin.initProcessing()
    store = tmp_path_factory.mktemp("fault-store") / "store.gpkg"
    for name, suffix in IMPORTS.items():
        path = tmp_path_factory.mktemp(f"good-{name}") / f"good{suffix}"
        path.write_bytes(_good_bytes(sample, name))
        processing.run(f"digonce:{name}", {"INPUT": str(path), "STORE": str(store), **EXTRA.get(name, {})})
    return store


def _stored_extents_are_sane(store: Path) -> bool:
    """Every geometry the store holds lies inside Great Britain's grid with a wide margin."""
    import math
    import sqlite3

    from qgis.core import QgsVectorLayer

    from dig_once.plugin.core.schema import BNG_SANE_EXTENT

    with sqlite3.connect(store) as db:
        tables = [
            r[0] for r in db.execute("SELECT table_name FROM gpkg_contents WHERE data_type = 'features'")
        ]
    xmin, ymin, xmax, ymax = BNG_SANE_EXTENT
    for table in tables:
        layer = QgsVectorLayer(f"{store}|layername={table}", table, "ogr")
        extent = layer.extent()
        if extent.isEmpty() or math.isnan(extent.xMinimum()):
            continue  # no located feature in this table
        inside = xmin <= extent.xMinimum() and extent.xMaximum() <= xmax
        if not (inside and ymin <= extent.yMinimum() and extent.yMaximum() <= ymax):
            return False
    return True


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


CASES = [
    (name, fault)
    for name, suffix in IMPORTS.items()
    for fault in faults(b"x,y\n1,2\n" if suffix == ".csv" else b"{}", suffix)
]


@pytest.mark.parametrize(("name", "fault"), CASES)
def test_a_broken_file_is_a_sentence_and_a_refused_import_changes_nothing(
    good_store, sample, tmp_path, name, fault
):
    suffix = IMPORTS[name]
    broken = tmp_path / f"broken_{fault}{suffix}"
    broken.write_bytes(faults(_good_bytes(sample, name), suffix)[fault])
    store = tmp_path / "store.gpkg"
    store.write_bytes(good_store.read_bytes())
    before = _sha(store)
    said = Said()
    try:
        parameters = {"INPUT": str(broken), "STORE": str(store), **EXTRA.get(name, {})}
        processing.run(f"digonce:{name}", parameters, feedback=said)
    except QgsProcessingException as exc:
        assert "Traceback" not in str(exc)
        assert str(exc).strip(), "a sentence, not an empty error"
        assert _sha(store) == before, f"{name} refused {fault} but changed the store"
    else:
        assert _stored_extents_are_sane(store), f"{name} stored an absurd coordinate from {fault}"
    assert not [line for line in said.lines + said.errors if "Traceback" in line]
    assert not list(tmp_path.glob(".digonce-staging-*")), "no staging file left behind"


def test_the_campaign_covers_every_import_algorithm(plugin_provider):
    imports = {a.name() for a in plugin_provider.algorithms() if a.name().startswith("import")}
    assert imports == set(IMPORTS)


def test_fault_classes_are_really_broken():
    good = json.dumps({"type": "FeatureCollection", "features": []}).encode()
    made = faults(good, ".geojson")
    assert made["empty"] == b"" and made["nested_10000_deep"].count(b"[") == 10_000
