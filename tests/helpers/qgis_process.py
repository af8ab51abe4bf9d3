"""qgis_process, the command-line QGIS the plugin must also work in."""

from __future__ import annotations

import subprocess


def enable_dig_once(env: dict[str, str]) -> None:
    """``qgis_process plugins enable dig_once`` in the profile ``env`` names; a failure shows what
    qgis_process said."""
    done = subprocess.run(
        ["qgis_process", "plugins", "enable", "dig_once"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
