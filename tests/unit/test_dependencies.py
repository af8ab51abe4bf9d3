"""The plugin's requirements: parsed from requirements.txt, checked without importing them, and
every third-party package the code imports is declared there."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from dig_once.plugin.toolbelt import dependencies as deps

REPO = Path(__file__).resolve().parents[2]
#: shipped with QGIS itself (GDAL's bindings are built against its numpy)
_COMES_WITH_QGIS = {"qgis", "osgeo", "numpy", "processing", "PyQt5", "sip"}


def test_requirement_lines_parse_with_versions_and_optional_marker():
    req = deps.parse_requirement("scipy>=1.8  # optional: faster distances")
    assert (req.distribution, req.module, req.optional, req.why) == (
        "scipy",
        "scipy",
        True,
        "faster distances",
    )
    assert deps.parse_requirement("sqlite-utils>=3.35").module == "sqlite_utils"
    assert deps.parse_requirement("shapely>=2.0,<2.1").pip_spec == "shapely>=2.0,<2.1"


def test_version_bounds_are_compared_as_release_numbers():
    spec = ((">=", "2.0"), ("<", "2.1"))
    assert deps.version_ok("2.0.7", spec)
    assert not deps.version_ok("1.8.5", spec)
    assert not deps.version_ok("2.1.0", spec)
    assert deps.version_ok("3.13.0", (("==", "3.13.0"),))
    assert not deps.version_ok("3.12.1", (("==", "3.13.0"),))
    assert deps.version_ok("1.10.1", ((">=", "1.8"),)), "1.10 is newer than 1.8, not older"


def test_missing_and_too_old_packages_are_named(tmp_path):
    req_file = tmp_path / "requirements.txt"
    req_file.write_text(
        "digonce-not-a-package>=1.0\nnumpy>=99\nnumpy>=1.0  # optional: x\n", encoding="utf-8"
    )
    problems = deps.check(deps.read_requirements(req_file))
    described = [p.describe() for p in problems]
    assert described[0] == "digonce-not-a-package is not installed (needed: digonce-not-a-package>=1.0)"
    assert described[1].startswith("numpy ") and "Dig Once needs numpy>=99" in described[1]
    assert len(problems) == 2, "a met requirement is not a problem"


def test_checking_imports_none_of_the_packages(tmp_path):
    req_file = tmp_path / "requirements.txt"
    req_file.write_text("json5>=0\ncolorsys>=0\n", encoding="utf-8")
    sys.modules.pop("colorsys", None)
    deps.check(deps.read_requirements(req_file))
    assert "colorsys" not in sys.modules


def test_every_third_party_import_is_declared_in_requirements():
    declared = {r.module.split(".")[0] for r in deps.read_requirements()}
    stdlib = set(sys.stdlib_module_names)
    undeclared = {}
    for folder in ("plugin", "processing_algorithms"):
        for path in (REPO / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                for name in names:
                    top = name.split(".")[0]
                    if top not in stdlib and top not in _COMES_WITH_QGIS and top not in declared:
                        undeclared.setdefault(top, path.relative_to(REPO).as_posix())
    assert undeclared == {}, f"imported but not in requirements.txt: {undeclared}"


def test_pip_installs_into_the_profile_folder_qpip_also_uses(tmp_path):
    problem = deps.Problem(deps.parse_requirement("sqlite-utils>=3.35"), None)
    target = deps.dependencies_dir(tmp_path)
    assert target == tmp_path / "python" / "dependencies"
    command = deps.pip_install_command([problem], target)
    assert command[1:4] == ["-m", "pip", "install"]
    assert command[command.index("--target") + 1] == str(target)
    assert command[-1] == "sqlite-utils>=3.35"
    manual = deps.manual_commands([problem])
    assert set(manual) == {"Windows (OSGeo4W Shell)", "macOS (QGIS.app)", "Debian/Ubuntu"}
    assert all('"sqlite-utils>=3.35"' in cmd for cmd in manual.values())


def test_a_numpy_pip_brought_in_is_dropped_when_qgis_has_one(tmp_path):
    (tmp_path / "numpy").mkdir()
    (tmp_path / "numpy-1.26.4.dist-info").mkdir()
    (tmp_path / "shapely").mkdir()
    assert deps.drop_shadowing_numpy(tmp_path) == ["numpy", "numpy-1.26.4.dist-info"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["shapely"]
