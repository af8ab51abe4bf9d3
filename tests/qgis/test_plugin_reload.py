"""Install, reinstall, re-enable and missing packages, as QGIS's plugin manager does them.

Each scenario runs in a fresh Python with a real QGIS (``qgis.utils.loadPlugin`` /
``startPlugin`` / ``unloadPlugin``, the functions the Plugin Manager calls), on a copy of
the plugin installed from the release zip's file list, so one scenario's modules never leak
into another's or into this test session.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

_PRELUDE = """
import json, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from qgis.core import QgsApplication
app = QgsApplication([], False)
app.initQgis()
sys.path.append("/usr/share/qgis/python/plugins")
from processing.core.Processing import Processing
Processing.initialize()
import qgis.utils as u
u.plugin_paths = [PLUGINS]
sys.path.insert(0, PLUGINS)
u.updateAvailablePlugins()

def algorithms():
    p = QgsApplication.processingRegistry().providerById("digonce")
    return None if p is None else len(p.algorithms())

def left():
    return sorted(m for m in sys.modules if m == "dig_once" or m.startswith("dig_once."))
"""


def _install_copy(tmp_path: Path) -> Path:
    spec = importlib.util.spec_from_file_location("digonce_package", REPO / "scripts" / "package.py")
    package = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(package)
    plugins = tmp_path / "plugins"
    for path in package.plugin_files():
        target = plugins / "dig_once" / path.relative_to(REPO)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    return plugins


def _run(tmp_path: Path, body: str, plugins: Path) -> dict:
    script = tmp_path / "scenario.py"
    script.write_text(f"PLUGINS = {str(plugins)!r}\n" + _PRELUDE + textwrap.dedent(body), encoding="utf-8")
    env = dict(os.environ, QGIS_CUSTOM_CONFIG_PATH=str(tmp_path / "profile"), PYTHONDONTWRITEBYTECODE="1")
    result = subprocess.run(
        [sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_reinstall_in_one_qgis_gives_new_code_and_every_algorithm(tmp_path):
    plugins = _install_copy(tmp_path)
    provider_py = plugins / "dig_once" / "processing_algorithms" / "provider.py"
    out = _run(
        tmp_path,
        f"""
        seen = {{}}
        seen["first"] = [u.loadPlugin("dig_once"), u.startPlugin("dig_once"), algorithms()]
        u.unloadPlugin("dig_once")
        seen["after_unload"] = [algorithms(), left()]
        # the Plugin Manager's reinstall: new files in place, then load again in the same QGIS
        path = {str(provider_py)!r}
        from pathlib import Path as P
        text = P(path).read_text(encoding="utf-8").replace('return tr("Dig Once")', 'return tr("Dig Once v2")')
        P(path).write_text(text, encoding="utf-8")
        seen["dbg"] = [left()]
        seen["second"] = [u.loadPlugin("dig_once"), u.startPlugin("dig_once"), algorithms()]
        print(json.dumps(seen))
        seen["second"] += [
                          QgsApplication.processingRegistry().providerById("digonce").name()]
        u.unloadPlugin("dig_once")
        seen["third"] = [u.loadPlugin("dig_once"), u.startPlugin("dig_once"), algorithms()]
        print(json.dumps(seen))
        """,
        plugins,
    )
    from dig_once.processing_algorithms.provider import ALGORITHMS

    every = len(ALGORITHMS)
    assert out["first"] == [True, True, every]
    assert out["after_unload"] == [None, []], "unload leaves no provider and no module behind"
    assert out["second"] == [True, True, every, "Dig Once v2"]
    assert out["third"] == [True, True, every]


def test_missing_shapely_loads_nothing_that_needs_it_and_no_traceback(tmp_path):
    plugins = _install_copy(tmp_path)
    out = _run(
        tmp_path,
        """
        import importlib.abc
        class Blocker(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name == "shapely" or name.startswith("shapely."):
                    raise ModuleNotFoundError(f"No module named {name!r}", name=name)
                return None
        for name in [m for m in sys.modules if m == "shapely" or m.startswith("shapely.")]:
            del sys.modules[name]
        sys.meta_path.insert(0, Blocker())
        from qgis.core import QgsMessageLog
        messages = []
        QgsApplication.messageLog().messageReceived.connect(lambda m, tag, level: messages.append((tag, m)))
        loaded = [u.loadPlugin("dig_once"), u.startPlugin("dig_once")]
        app.processEvents()
        print(json.dumps({"loaded": loaded, "algorithms": algorithms(),
                          "shapely_imported": "shapely" in sys.modules,
                          "messages": [m for tag, m in messages if tag == "Dig Once"]}))
        """,
        plugins,
    )
    assert out["loaded"] == [True, True]
    assert out["algorithms"] is None, "no provider without shapely"
    assert out["shapely_imported"] is False
    assert any("shapely is not installed" in m and "shapely>=2.0,<2.1" in m for m in out["messages"])
