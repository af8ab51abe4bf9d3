"""Importing the package and its core never imports QGIS."""

import json
import subprocess
import sys
from pathlib import Path

PKGROOT = Path(__file__).resolve().parents[2] / ".pkgroot"

IMPORT_EVERY_MODULE = (
    "import sys, importlib, json, pkgutil\n"
    "import dig_once, dig_once.plugin.core as core, dig_once.plugin.sources as src, dig_once.plugin.store as st\n"
    "import dig_once.plugin.layerio as lio, dig_once.plugin.register as reg\n"
    "for pkg in (core, src, st, lio, reg):\n"
    "    for m in pkgutil.iter_modules(pkg.__path__):\n"
    "        importlib.import_module(pkg.__name__ + '.' + m.name)\n"
    "print(json.dumps(sorted(sys.modules)))\n"
)


def modules_after_importing_every_module() -> set[str]:
    """``sys.modules`` of a fresh interpreter that imported every core, sources, store, layerio and
    register module."""
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_EVERY_MODULE], cwd=PKGROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return set(json.loads(result.stdout.splitlines()[-1]))


def test_core_imports_without_qgis():
    loaded = modules_after_importing_every_module()
    bad = sorted(m for m in loaded if m == "qgis" or m.startswith("qgis.") or m.startswith("PyQt"))
    assert not bad, bad


def test_slow_libraries_wait_until_used():
    """pyproj and sqlite-utils (~40 ms each) are imported by the functions that use them, so
    loading the plugin (QGIS start-up, every qgis_process call) does not pay for them."""
    loaded = modules_after_importing_every_module()
    assert not {"pyproj", "sqlite_utils"} & loaded
