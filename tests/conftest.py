"""Shared test set-up: make the repository importable as ``dig_once`` and keep QGIS off the
user's real profile."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PKGROOT = REPO / ".pkgroot"
SHARED_DATA = REPO.parent / "shared" / "data"
# DIGONCE_NO_SHARED=1 runs the suite as CI sees it (no ../shared), to measure what the generated
# data alone covers.
NO_SHARED = os.environ.get("DIGONCE_NO_SHARED", "") not in ("", "0")

# The repository root *is* the plugin package; QGIS imports it as ``dig_once``.
PKGROOT.mkdir(exist_ok=True)
_link = PKGROOT / "dig_once"
if not _link.exists():
    with contextlib.suppress(FileExistsError):  # another process made it first
        _link.symlink_to(REPO, target_is_directory=True)
if str(PKGROOT) not in sys.path:
    sys.path.insert(0, str(PKGROOT))
# The set-up the tests share: ``from helpers.feedback import Said`` (tests/helpers).
if str(REPO / "tests") not in sys.path:
    sys.path.insert(0, str(REPO / "tests"))

# Never touch the user's real QGIS profile.
if "QGIS_CUSTOM_CONFIG_PATH" not in os.environ:
    os.environ["QGIS_CUSTOM_CONFIG_PATH"] = tempfile.mkdtemp(prefix="digonce-qgis-profile-")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real public files in ../shared/data; tests that need them skip when absent."""
    if NO_SHARED:
        pytest.skip("DIGONCE_NO_SHARED is set: ../shared/data is hidden")
    if not SHARED_DATA.is_dir():
        pytest.skip("../shared/data is not present")
    return SHARED_DATA


@pytest.fixture(scope="session")
def plugin_root() -> Path:
    """The folder QGIS would put on its plugin path (holds ``dig_once``)."""
    return PKGROOT


@pytest.fixture(scope="session")
def sample_generator():
    """``scripts/make_sample_data.py``: the sample London scenario in the publishers' formats."""
    from helpers.scripts import load_script

    return load_script("make_sample_data")
