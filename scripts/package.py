#!/usr/bin/env python3
"""Build ``dist/dig_once-<version>.zip``: one top folder ``dig_once/``, the plugin only.

Tests, scripts, caches and development files stay out; compiled ``.qm`` translations go in
(run ``scripts/i18n.sh compile`` first, as ``make package`` does). The version comes from
``metadata.txt`` (``--version`` stamps another into the zip's copy).
"""

from __future__ import annotations

import argparse
import configparser
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PLUGIN_NAME = "dig_once"

#: What goes in: the package's own folders and files.
INCLUDE_DIRS = ("plugin", "processing_algorithms", "resources", "i18n")
INCLUDE_FILES = ("__init__.py", "metadata.txt", "requirements.txt", "LICENSE", "README.md", "CHANGELOG.md")
EXCLUDE_SUFFIXES = (".pyc", ".pyo", ".ts", ".orig", ".rej", ".swp")
EXCLUDE_PARTS = ("__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis")


def read_version() -> str:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(REPO / "metadata.txt", encoding="utf-8")
    return parser["general"]["version"]


def tracked_files() -> set[str] | None:
    """Files git tracks (so stray local files never ship); None outside a checkout."""
    try:
        out = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    return set(out.splitlines())


def plugin_files() -> list[Path]:
    tracked = tracked_files()
    files: list[Path] = []
    for name in INCLUDE_FILES:
        if (REPO / name).is_file():
            files.append(REPO / name)
    for folder in INCLUDE_DIRS:
        for path in sorted((REPO / folder).rglob("*")):
            rel = path.relative_to(REPO).as_posix()
            if not path.is_file() or path.suffix in EXCLUDE_SUFFIXES:
                continue
            if any(part in EXCLUDE_PARTS for part in path.parts):
                continue
            # .qm files are build products (not tracked); everything else must be tracked.
            if tracked is not None and path.suffix != ".qm" and rel not in tracked:
                continue
            files.append(path)
    return files


def build(out_dir: Path, version: str | None = None) -> Path:
    version = version or read_version()
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{PLUGIN_NAME}-{version}.zip"
    tmp = target.with_suffix(".zip.part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in plugin_files():
            rel = path.relative_to(REPO).as_posix()
            arcname = f"{PLUGIN_NAME}/{rel}"
            if rel == "metadata.txt":
                text = path.read_text(encoding="utf-8")
                lines = [
                    f"version={version}" if ln.startswith("version=") else ln for ln in text.splitlines()
                ]
                zf.writestr(arcname, "\n".join(lines) + "\n")
            else:
                zf.write(path, arcname)
    tmp.replace(target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=REPO / "dist", help="output folder (default dist/)")
    parser.add_argument("--version", help="version to stamp (default: metadata.txt's)")
    args = parser.parse_args(argv)
    target = build(args.out, args.version)
    with zipfile.ZipFile(target) as zf:
        n = len(zf.namelist())
        qm = sum(1 for name in zf.namelist() if name.endswith(".qm"))
    print(f"{target} ({n} files, {qm} translations, {target.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
