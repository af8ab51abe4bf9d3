"""A missing package, as a planner meets it in QGIS: the message bar names it, nothing that
needs it loads, and the Install button runs pip into the profile and finishes loading."""

from __future__ import annotations

import base64
import hashlib
import sys
import zipfile
from pathlib import Path

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtWidgets import QPushButton


def _wheel(folder: Path, name: str = "digonce_probe", version: str = "1.0") -> Path:
    """A real (tiny) wheel, so pip installs it from a local folder: no internet in tests."""
    dist = f"{name}-{version}.dist-info"
    files = {
        f"{name}/__init__.py": f'__version__ = "{version}"\n',
        f"{dist}/METADATA": f"Metadata-Version: 2.1\nName: {name.replace('_', '-')}\nVersion: {version}\n",
        f"{dist}/WHEEL": "Wheel-Version: 1.0\nGenerator: digonce-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = []
    for path, text in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()
        record.append(f"{path},sha256={digest},{len(text.encode())}")
    record.append(f"{dist}/RECORD,,")
    files[f"{dist}/RECORD"] = "\n".join(record) + "\n"
    wheel = folder / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        for path, text in files.items():
            zf.writestr(path, text)
    return wheel


@pytest.fixture
def probe_requirements(monkeypatch, tmp_path):
    """The plugin's requirements plus one package that is not installed."""
    from dig_once.plugin.toolbelt import dependencies

    real = dependencies.REQUIREMENTS_FILE.read_text(encoding="utf-8")
    req = tmp_path / "requirements.txt"
    req.write_text(real + "digonce-probe>=1.0\n", encoding="utf-8")
    monkeypatch.setattr(dependencies, "REQUIREMENTS_FILE", req)
    yield req
    sys.modules.pop("digonce_probe", None)


def _messages(iface) -> list:
    return [w for w in iface.messageBar().findChildren(object) if w.objectName() == "digOnceMissingPackages"]


def test_missing_package_is_named_in_the_message_bar_and_nothing_loads(
    qgis_iface, no_digonce_provider, plugin_module, probe_requirements
):
    qgis_iface.messageBar().clearWidgets()
    plugin = plugin_module.classFactory(qgis_iface)
    try:
        plugin.initProcessing()
        plugin.initGui()
        assert QgsApplication.processingRegistry().providerById("digonce") is None
        assert plugin.actions == [] and plugin.dock is None
        shown = _messages(qgis_iface)
        assert shown, "a message bar item names the missing package"
        assert "digonce-probe is not installed (needed: digonce-probe>=1.0)" in plugin.missing_text()
        buttons = [b.text() for b in shown[0].findChildren(QPushButton)]
        assert "Install digonce-probe" in buttons
    finally:
        plugin.unload()
        qgis_iface.messageBar().clearWidgets()


def test_install_button_installs_into_the_profile_and_finishes_loading(
    qgis_iface, qtbot, no_digonce_provider, plugin_module, probe_requirements, tmp_path
):
    wheelhouse = tmp_path / "wheels"
    wheelhouse.mkdir()
    _wheel(wheelhouse)
    plugin = plugin_module.classFactory(qgis_iface)
    plugin.deps_dir = tmp_path / "profile" / "python" / "dependencies"
    try:
        plugin.initGui()
        assert QgsApplication.processingRegistry().providerById("digonce") is None
        plugin.install_dependencies(("--no-index", "--find-links", str(wheelhouse)))
        qtbot.waitUntil(lambda: plugin.install_task is None, timeout=120_000)
        assert (plugin.deps_dir / "digonce_probe" / "__init__.py").is_file()
        assert plugin.missing == []
        provider = QgsApplication.processingRegistry().providerById("digonce")
        from dig_once.processing_algorithms.provider import ALGORITHMS

        assert provider is not None and len(provider.algorithms()) == len(ALGORITHMS)
        assert plugin.dock is not None, "the dock is built once the packages are there"
    finally:
        plugin.unload()
        if str(plugin.deps_dir) in sys.path:
            sys.path.remove(str(plugin.deps_dir))
        qgis_iface.messageBar().clearWidgets()
