"""The ``.pkgroot/dig_once`` link that the scripts share: the repository root *is* the plugin
package, so ``.pkgroot`` (a folder holding a ``dig_once`` link to it) is what goes on
``QGIS_PLUGINPATH`` and on ``sys.path`` to import the plugin as QGIS does (``dig_once``).

Scripts run as ``python scripts/<name>.py`` find this module next to them.
"""

from __future__ import annotations

import sys
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
