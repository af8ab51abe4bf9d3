"""Every string marked with QT_TRANSLATE_NOOP in the translated sources is one pylupdate5
extracts (it skips a call whose arguments end in a trailing comma, which ruff format writes
when it splits a long call over lines): a string it skips is never translated."""

from __future__ import annotations

import ast
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def translated_sources() -> list[Path]:
    """The files scripts/i18n.sh hands to pylupdate5."""
    files = [REPO / "__init__.py"]
    for folder in ("plugin", "processing_algorithms"):
        files += [
            p
            for p in (REPO / folder).rglob("*.py")
            if not {"core", "sources", "store"} & set(p.relative_to(REPO).parts)
        ]
    return sorted(files)


def marked(path: Path) -> set[tuple[str, str]]:
    """(context, text) of every QT_TRANSLATE_NOOP call with literal arguments in ``path``."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and getattr(node.func, "id", None) == "QT_TRANSLATE_NOOP"
            and len(node.args) == 2
            and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args)
        ):
            found.add((node.args[0].value, node.args[1].value))
    return found


@pytest.mark.skipif(shutil.which("pylupdate5") is None, reason="pylupdate5 is not installed")
def test_every_qt_translate_noop_string_is_extracted_by_pylupdate5(tmp_path):
    sources = translated_sources()
    ts = tmp_path / "check.ts"
    subprocess.run(["pylupdate5", *map(str, sources), "-ts", str(ts)], check=True, capture_output=True)
    root = ET.parse(ts).getroot()
    extracted = {
        (context.findtext("name"), message.findtext("source"))
        for context in root.iter("context")
        for message in context.iter("message")
    }
    missed = sorted(
        f"{path.relative_to(REPO)}: [{context}] {text[:60]!r}"
        for path in sources
        for context, text in marked(path)
        if (context, text) not in extracted
    )
    assert not missed, (
        "pylupdate5 does not extract (one line per call: # fmt: skip, or # fmt: off/on around a table):\n"
        + "\n".join(missed)
    )
