"""The Python packages the plugin needs, checked before anything that needs them is loaded.

One source of truth: the plugin's own ``requirements.txt`` (shipped in the zip, and the file
qpip and ``pip install -r`` read). A line ending in ``# optional`` names a package the plugin
runs without (it is only faster with it). Nothing here imports QGIS or the packages checked:
finding a module and reading its installed version costs microseconds, importing shapely
does not, and a missing package must never raise while QGIS loads the plugin.

>>> from pathlib import Path
>>> req = parse_requirement("shapely>=2.0,<2.1")
>>> req.distribution, req.module, req.specifiers
('shapely', 'shapely', (('>=', '2.0'), ('<', '2.1')))
>>> version_ok("2.0.7", req.specifiers), version_ok("2.1.0", req.specifiers)
(True, False)
"""

from __future__ import annotations

import importlib.machinery
import importlib.metadata
import importlib.util
import os
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

REQUIREMENTS_FILE = Path(__file__).resolve().parents[2] / "requirements.txt"

#: import name of a distribution, where it differs from the distribution's name
_MODULES = {"sqlite-utils": "sqlite_utils", "rtree": "rtree", "pyproj": "pyproj"}

_SPEC = re.compile(r"(==|!=|>=|<=|~=|>|<)\s*([0-9][0-9A-Za-z.+-]*)")


@dataclass(frozen=True)
class Requirement:
    """One line of ``requirements.txt``."""

    distribution: str
    module: str
    specifiers: tuple[tuple[str, str], ...]
    optional: bool
    line: str
    why: str = ""

    @property
    def pip_spec(self) -> str:
        """What to hand to pip: ``shapely>=2.0,<2.1``."""
        return self.distribution + ",".join(op + v for op, v in self.specifiers)


@dataclass(frozen=True)
class Problem:
    """A requirement that is not met: missing, or installed at a version the plugin cannot use."""

    requirement: Requirement
    installed: str | None  # None: not installed at all

    def describe(self) -> str:
        req = self.requirement
        if self.installed is None:
            return f"{req.distribution} is not installed (needed: {req.pip_spec})"
        return f"{req.distribution} {self.installed} is installed, but Dig Once needs {req.pip_spec}"


def parse_requirement(line: str) -> Requirement:
    text, _, comment = line.partition("#")
    text = text.strip()
    match = re.match(r"([A-Za-z0-9][A-Za-z0-9._-]*)", text)
    if not match:
        raise ValueError(f"not a requirement: {line!r}")
    name = match.group(1)
    specs = tuple((op, v) for op, v in _SPEC.findall(text[match.end() :]))
    comment = comment.strip()
    optional = comment.lower().startswith("optional")
    why = comment.partition(":")[2].strip() if optional else comment
    key = name.lower().replace("_", "-")
    return Requirement(key, _MODULES.get(key, key.replace("-", "_")), specs, optional, text, why)


def read_requirements(path: Path | None = None) -> list[Requirement]:
    """The requirements of ``path`` (default: the plugin's ``requirements.txt``; comments, blank
    lines and ``-r`` includes skipped)."""
    found = []
    for raw in (path or REQUIREMENTS_FILE).read_text(encoding="utf-8").splitlines():
        stripped = raw.strip()
        if not stripped or stripped.startswith(("#", "-")):
            continue
        found.append(parse_requirement(stripped))
    return found


def _version_key(version: str) -> tuple[int, ...]:
    parts = []
    for piece in version.split("."):
        digits = re.match(r"\d+", piece)
        if digits is None:
            break
        parts.append(int(digits.group()))
    return tuple(parts)


def version_ok(installed: str, specifiers: tuple[tuple[str, str], ...]) -> bool:
    """Whether ``installed`` meets every specifier (release numbers only: what these pins use)."""
    have = _version_key(installed)
    for op, wanted in specifiers:
        want = _version_key(wanted)
        width = max(len(have), len(want))
        a, b = have + (0,) * (width - len(have)), want + (0,) * (width - len(want))
        ok = {
            "==": a[: len(want)] == want,
            "!=": a[: len(want)] != want,
            ">=": a >= b,
            "<=": a <= b,
            ">": a > b,
            "<": a < b,
            "~=": a >= b and a[: max(len(want) - 1, 1)] == want[: max(len(want) - 1, 1)],
        }[op]
        if not ok:
            return False
    return True


def installed_version(requirement: Requirement) -> str | None:
    """The installed version, or None when the module cannot be found on ``sys.path``."""
    try:
        if importlib.util.find_spec(requirement.module) is None:
            return None
    except (ImportError, ValueError):
        return None
    module = sys.modules.get(requirement.module)
    version = getattr(module, "__version__", None) if module is not None else None
    if version:
        return str(version)
    try:
        return importlib.metadata.version(requirement.distribution)
    except importlib.metadata.PackageNotFoundError:
        return "0"  # importable but unversioned: accepted only by an unpinned requirement


def check(requirements: list[Requirement] | None = None) -> list[Problem]:
    """Every requirement that is not met, required ones first."""
    problems = []
    for req in requirements if requirements is not None else read_requirements():
        version = installed_version(req)
        if version is None or (req.specifiers and not version_ok(version, req.specifiers)):
            problems.append(Problem(req, version))
    return sorted(problems, key=lambda p: p.requirement.optional)


def dependencies_dir(profile_dir: str | os.PathLike) -> Path:
    """Where the install button puts packages: ``<profile>/python/dependencies``, the folder the
    qpip plugin also uses, so both plugins see the same packages."""
    return Path(profile_dir) / "python" / "dependencies"


def add_to_path(folder: Path) -> bool:
    """Put ``folder`` first on ``sys.path`` (once); True when it was added now."""
    text = str(folder)
    if not folder.is_dir() or text in sys.path:
        return False
    sys.path.insert(0, text)
    importlib.invalidate_caches()
    return True


def python_executable() -> str:
    """The Python interpreter QGIS embeds (``sys.executable`` is QGIS itself on Windows and
    macOS): the interpreter of ``sys.exec_prefix``, else ``python3`` on the PATH."""
    exe = Path(sys.executable) if sys.executable else None
    if exe is not None and exe.name.lower().startswith("python"):
        return str(exe)
    prefix = Path(sys.exec_prefix)
    for candidate in (prefix / "python.exe", prefix / "bin" / "python3", prefix / "bin" / "python"):
        if candidate.is_file():
            return str(candidate)
    return shutil.which("python3") or shutil.which("python") or "python3"


def pip_install_command(problems: list[Problem], target: Path, extra_args: tuple[str, ...] = ()) -> list[str]:
    """The pip command that installs what ``problems`` lack into ``target`` (see
    :func:`drop_shadowing_numpy`, run after it)."""
    specs = [p.requirement.pip_spec for p in problems]
    return [python_executable(), "-m", "pip", "install", "--disable-pip-version-check", "--target", str(target),
            *extra_args, *specs]  # fmt: skip


def drop_shadowing_numpy(target: Path) -> list[str]:
    """Remove the numpy pip put into ``target`` when QGIS has its own.

    ``pip install --target`` ignores installed packages, so it brings numpy in with shapely;
    first on ``sys.path`` it would shadow the numpy QGIS ships, against which GDAL's bindings
    are built. Returns the names removed."""
    outside = [p for p in sys.path if Path(p).resolve() != target.resolve()] if target.exists() else []
    if not outside or importlib.machinery.PathFinder.find_spec("numpy", outside) is None:
        return []
    removed = []
    for path in sorted(target.glob("numpy*")):
        if path.name == "numpy" or path.name.startswith(("numpy-", "numpy.libs")):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path.name)
    return removed


def manual_commands(problems: list[Problem]) -> dict[str, str]:
    """The commands a user can run by hand, per platform (also in the README)."""
    specs = " ".join(f'"{p.requirement.pip_spec}"' for p in problems)
    return {
        "Windows (OSGeo4W Shell)": f"python -m pip install {specs}",
        "macOS (QGIS.app)": f"/Applications/QGIS-LTR.app/Contents/MacOS/bin/python3 -m pip install {specs}",
        "Debian/Ubuntu": f"python3 -m pip install --user --break-system-packages {specs}",
    }
