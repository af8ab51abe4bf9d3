"""Fixtures for tests that run inside a real, headless QGIS (pytest-qgis)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sysconfig
from pathlib import Path

import pytest
from helpers.qgis_process import enable_dig_once

REPO = Path(__file__).resolve().parents[2]
PKGROOT = REPO / ".pkgroot"


@pytest.fixture(scope="session")
def plugin_module():
    """The plugin package imported the way QGIS imports it (as ``dig_once``)."""
    import dig_once

    return dig_once


@pytest.fixture(scope="session")
def session_plugin(qgis_app, qgis_processing, plugin_module):
    """One plugin object for the session, loaded as QGIS does (``classFactory(None)``)."""
    plugin = plugin_module.classFactory(None)
    yield plugin
    plugin.unload()


@pytest.fixture
def plugin_provider(session_plugin):
    """The registered ``digonce`` provider (``initProcessing`` of the session plugin)."""
    session_plugin.initProcessing()
    return session_plugin.provider


@pytest.fixture
def no_digonce_provider(session_plugin):
    """A registry with no ``digonce`` provider, for tests that load the plugin themselves."""
    if session_plugin.provider is not None:
        from qgis.core import QgsApplication

        QgsApplication.processingRegistry().removeProvider(session_plugin.provider)
        session_plugin.provider = None


def python_deps_path() -> str:
    """The venv's site-packages: qgis_process embeds the system Python, which needs it on
    PYTHONPATH to find shapely 2.0 and the other pinned dependencies."""
    return sysconfig.get_paths()["purelib"]


def _qgis_process_env(profile: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["QGIS_PLUGINPATH"] = str(PKGROOT)
    env["QGIS_CUSTOM_CONFIG_PATH"] = str(profile)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = python_deps_path()
    return env


@pytest.fixture(scope="session")
def qgis_process_profile(tmp_path_factory) -> Path:
    """A throw-away QGIS profile in which ``qgis_process plugins enable dig_once`` was run."""
    if shutil.which("qgis_process") is None:
        pytest.skip("qgis_process is not installed")
    profile = tmp_path_factory.mktemp("qgis-process-profile")
    enable_dig_once(_qgis_process_env(profile))
    return profile


@pytest.fixture(scope="session")
def qgis_process_env(qgis_process_profile) -> dict[str, str]:
    """The environment ``run_qgis_process`` runs in, for a test that runs qgis_process itself."""
    return _qgis_process_env(qgis_process_profile)


@pytest.fixture(scope="session")
def run_qgis_process(qgis_process_profile):
    """Run ``qgis_process`` with the plugin enabled; ``json_output=True`` parses ``--json``."""

    def run(args: list[str], *, json_output: bool = False, check: bool = True, timeout: int = 600, cwd=None):
        cmd = ["qgis_process", *args]
        if json_output and "--json" not in args:
            cmd.insert(2, "--json")
        result = subprocess.run(
            cmd,
            env=_qgis_process_env(qgis_process_profile),
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd=cwd,
        )
        if check:
            assert result.returncode == 0, f"{' '.join(cmd)}\n{result.stdout}\n{result.stderr}"
        if json_output and result.returncode == 0:
            return json.loads(result.stdout[result.stdout.index("{") :])
        return result

    return run
