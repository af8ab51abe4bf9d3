"""Importing the package and its core never imports QGIS."""

import subprocess
import sys
from pathlib import Path

PKGROOT = Path(__file__).resolve().parents[2] / ".pkgroot"


IMPORT_EVERY_MODULE = (
    "import sys, importlib, pkgutil\n"
    "import dig_once, dig_once.plugin.core as core, dig_once.plugin.sources as src, dig_once.plugin.store as st\n"
    "for pkg in (core, src, st):\n"
    "    for m in pkgutil.iter_modules(pkg.__path__):\n"
    "        importlib.import_module(pkg.__name__ + '.' + m.name)\n"
)


def test_core_imports_without_qgis():
    code = IMPORT_EVERY_MODULE + (
        "bad = sorted(m for m in sys.modules if m == 'qgis' or m.startswith('qgis.') or m.startswith('PyQt'))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=PKGROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_slow_libraries_wait_until_used():
    """pyproj and sqlite-utils (~40 ms each) are imported by the functions that use them, so
    loading the plugin (QGIS start-up, every qgis_process call) does not pay for them."""
    code = IMPORT_EVERY_MODULE + (
        "bad = sorted(m for m in ('pyproj', 'sqlite_utils') if m in sys.modules)\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=PKGROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
