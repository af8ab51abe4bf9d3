"""The release zip has one top folder, no dev files, and QGIS loads the plugin from it."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sysconfig
import zipfile
from pathlib import Path

from helpers.qgis_process import enable_dig_once

REPO = Path(__file__).resolve().parents[2]


def _load_package_script():
    spec = importlib.util.spec_from_file_location("digonce_package", REPO / "scripts" / "package.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_zip_layout(tmp_path):
    package = _load_package_script()
    zip_path = package.build(tmp_path, version="9.9.9")
    assert zip_path.name == "dig_once-9.9.9.zip"
    with zipfile.ZipFile(zip_path) as zf:
        names = zf.namelist()
        meta = zf.read("dig_once/metadata.txt").decode()
    assert {n.split("/")[0] for n in names} == {"dig_once"}
    assert "dig_once/__init__.py" in names
    assert "dig_once/processing_algorithms/provider.py" in names
    assert not [n for n in names if n.endswith((".pyc", ".ts")) or "__pycache__" in n]
    assert not [n for n in names if n.startswith(("dig_once/tests/", "dig_once/scripts/", "dig_once/.ci/"))]
    assert "version=9.9.9" in meta
    qm_sources = sorted((REPO / "i18n").glob("*.qm"))
    for qm in qm_sources:
        assert f"dig_once/i18n/{qm.name}" in names


def test_zip_installs_into_clean_profile(tmp_path):
    """Unzip into a fresh profile's plugins folder; qgis_process enables it and lists digonce."""
    package = _load_package_script()
    zip_path = package.build(tmp_path / "dist")
    profile = tmp_path / "profile"
    plugins = profile / "profiles" / "default" / "python" / "plugins"
    plugins.mkdir(parents=True)
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(plugins)
    env = dict(os.environ, QGIS_CUSTOM_CONFIG_PATH=str(profile), QT_QPA_PLATFORM="offscreen")
    env.pop("QGIS_PLUGINPATH", None)
    env["PYTHONPATH"] = sysconfig.get_paths()["purelib"]  # the pinned dependencies
    enable_dig_once(env)
    listed = subprocess.run(["qgis_process", "list"], env=env, capture_output=True, text=True, timeout=300)
    assert listed.returncode == 0, listed.stderr
    assert "Dig Once" in listed.stdout
    assert "digonce:" in listed.stdout
