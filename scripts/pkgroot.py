"""The ``.pkgroot/dig_once`` link that the scripts share: the repository root *is* the plugin
package, so ``.pkgroot`` (a folder holding a ``dig_once`` link to it) is what goes on
``QGIS_PLUGINPATH`` and on ``sys.path`` to import the plugin as QGIS does (``dig_once``).

Scripts run as ``python scripts/<name>.py`` find this module next to them.
"""

from __future__ import annotations

import os
import sys
import sysconfig
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PKGROOT = REPO / ".pkgroot"


def ensure_pkgroot(importable: bool = False) -> Path:
    """Make the ``.pkgroot/dig_once`` link when it is missing; with ``importable``, also put
    ``.pkgroot`` first on ``sys.path`` so ``import dig_once`` works. Returns ``.pkgroot``."""
    PKGROOT.mkdir(exist_ok=True)
    link = PKGROOT / "dig_once"
    if not link.exists():
        link.symlink_to(REPO, target_is_directory=True)
    if importable and str(PKGROOT) not in sys.path:
        sys.path.insert(0, str(PKGROOT))
    return PKGROOT


def qgis_process_env(profile: Path) -> dict[str, str]:
    """The environment for running this checkout's plugin with ``qgis_process``, headless, in
    the QGIS profile folder ``profile``.

    It runs as an installed plugin does: Python keeps the compiled modules (an installed
    plugin has them from its first start), here under ``profile/pycache`` rather than beside
    the sources, so the checkout stays clean even though the Makefile sets
    ``PYTHONDONTWRITEBYTECODE`` (without it every run would compile the plugin again, ~0.1 s).
    From a venv, its site-packages go on ``PYTHONPATH`` (qgis_process runs the system Python).
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(
        QGIS_PLUGINPATH=str(PKGROOT),
        QGIS_CUSTOM_CONFIG_PATH=str(profile),
        QT_QPA_PLATFORM="offscreen",
        PYTHONPYCACHEPREFIX=str(Path(profile) / "pycache"),
    )
    if sys.prefix != sys.base_prefix:
        env["PYTHONPATH"] = sysconfig.get_paths()["purelib"]
    return env
