"""scripts/setup.sh ends bad set-up conditions with one line saying what to do."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

SETUP = Path(__file__).resolve().parents[2] / "scripts" / "setup.sh"


def run_setup(tmp_path: Path, **env_overrides: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, DIGONCE_VENV=str(tmp_path / "venv"), **env_overrides)
    return subprocess.run(["bash", str(SETUP)], env=env, capture_output=True, text=True, timeout=120)


def one_line_error(result: subprocess.CompletedProcess) -> str:
    assert result.returncode != 0
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def test_not_debian(tmp_path):
    os_release = tmp_path / "os-release"
    os_release.write_text('ID=ubuntu\nVERSION_CODENAME=noble\nPRETTY_NAME="Ubuntu 24.04 LTS"\n')
    line = one_line_error(run_setup(tmp_path, DIGONCE_OS_RELEASE=str(os_release)))
    assert "Ubuntu 24.04 LTS" in line and "Debian 12" in line


def test_unreadable_os_release(tmp_path):
    line = one_line_error(run_setup(tmp_path, DIGONCE_OS_RELEASE=str(tmp_path / "missing")))
    assert "cannot read" in line


def test_not_root_when_packages_are_needed(tmp_path):
    line = one_line_error(run_setup(tmp_path, DIGONCE_UID="1000", DIGONCE_FORCE_APT="1"))
    assert "sudo bash scripts/setup.sh" in line


@pytest.mark.skipif(os.geteuid() != 0, reason="the apt path runs only as root")
def test_apt_failure(tmp_path):
    shim = tmp_path / "bin"
    shim.mkdir()
    fake = shim / "apt-get"
    fake.write_text("#!/bin/sh\necho 'E: could not resolve mirror' >&2\nexit 100\n")
    fake.chmod(0o755)
    line = one_line_error(run_setup(tmp_path, DIGONCE_FORCE_APT="1", PATH=f"{shim}:{os.environ['PATH']}"))
    assert "apt-get update failed" in line and "/tmp/digonce-apt.log" in line
