"""CONTRIBUTING.md draws the house as it stands (issue 21): every path and name it writes in
backticks (or in a fenced command) exists, and every module of ``plugin/``,
``processing_algorithms/`` and ``scripts/`` is named in it. Move, rename or add a module and
this fails until the page says so.

How a token in backticks is read (a span is split on spaces; ``(...)`` is dropped first, so
``BaseAlgorithm.add(parameter, help)`` is the name ``BaseAlgorithm.add``):

* with a ``/``: a path, relative to the repository root or to the folder in context (globs
  allowed); ``../`` paths lie outside the repository and are not checked;
* a file name (``works.py``): looked up under the folder in context, else anywhere. The folder
  in context is the first folder in backticks on the line, else the one in the last heading;
* dotted (``layer_io.read_columns``, ``Store.merge_works``): a module (by its dotted path or
  its tail) then a name defined at its top level, or a class then one of its members;
  anything else (``QMetaType.Type.X``) must at least start with a word the code uses;
* a single name with ``_`` or a capital (``InputError``, ``DIGONCE_NO_SHARED``): a word the
  code uses.
"""

from __future__ import annotations

import ast
import fnmatch
import os
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CONTRIBUTING = REPO / "CONTRIBUTING.md"
#: Folders whose every module the page must name (package notes, ``__init__.py``, excepted).
NAMED_FOLDERS = ("plugin", "processing_algorithms", "scripts")
#: Folders that are not the project's own files (and every folder whose name starts with a dot).
NOT_OURS = {"dist", "demo-output", "__pycache__"}
FILE_NAME = re.compile(r"^[\w*-][\w*.-]*\.(py|ui|sh|md|json|ts|toml|txt|qml|gpkg|sql|csv|svg|cfg)$")
DOTTED = re.compile(r"^[A-Za-z_]\w*(\.\w+)+$")
IDENTIFIER = re.compile(r"^[A-Za-z_]\w*$")
SPAN = re.compile(r"`([^`]+)`")


@cache
def repo_files() -> tuple[Path, ...]:
    """The project's files, relative to the repository root."""
    found = []
    for top, dirs, files in os.walk(REPO):
        dirs[:] = [d for d in dirs if d not in NOT_OURS and not d.startswith(".")]
        found += [Path(top, f).relative_to(REPO) for f in files]
    return tuple(sorted(found))


@cache
def modules() -> dict[str, Path]:
    """Dotted module name (``plugin.core.works``; a package by its folder) -> file."""
    out = {}
    for rel in repo_files():
        if rel.suffix == ".py" and rel.parts[0] in NAMED_FOLDERS:
            parts = rel.with_suffix("").parts
            out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = rel
    return out


@cache
def tree(rel: Path) -> ast.Module:
    return ast.parse((REPO / rel).read_text(encoding="utf-8"))


@cache
def top_level_names(rel: Path) -> frozenset[str]:
    names = set()
    for node in tree(rel).body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return frozenset(names)


@cache
def class_defs(cls: str) -> tuple[tuple[frozenset[str], tuple[str, ...]], ...]:
    """(members, base class names) of each class named ``cls`` in the code (only the files that
    define it are parsed)."""
    pattern = re.compile(rf"^\s*class {cls}\b", re.MULTILINE)
    out = []
    for rel in modules().values():
        if pattern.search((REPO / rel).read_text(encoding="utf-8")):
            for node in ast.walk(tree(rel)):
                if isinstance(node, ast.ClassDef) and node.name == cls:
                    members = {n.name for n in node.body if hasattr(n, "name")}
                    for n in node.body:
                        targets = n.targets if isinstance(n, ast.Assign) else [getattr(n, "target", None)]
                        members |= {t.id for t in targets if isinstance(t, ast.Name)}
                    bases = tuple(
                        b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases
                    )
                    out.append((frozenset(members), bases))
    return tuple(out)


def has_member(cls: str, name: str, seen: frozenset[str] = frozenset()) -> bool:
    return any(
        name in members or any(b not in seen and has_member(b, name, seen | {cls}) for b in bases)
        for members, bases in class_defs(cls)
    )


@cache
def code_words() -> frozenset[str]:
    """Every word of the project's code (not this test: it names nothing of the page)."""
    words: set[str] = set()
    itself = Path(__file__).resolve().relative_to(REPO)
    for rel in repo_files():
        if (
            rel.parts[0] in (*NAMED_FOLDERS, "tests")
            and rel.suffix in (".py", ".sh", ".ui")
            and rel != itself
        ):
            words |= set(re.findall(r"\w+", (REPO / rel).read_text(encoding="utf-8")))
    return frozenset(words | set(re.findall(r"\w+", (REPO / "Makefile").read_text(encoding="utf-8"))))


@dataclass
class Reading:
    """What the page names, and what it names that does not exist."""

    named: set[Path] = field(default_factory=set)
    missing: list[str] = field(default_factory=list)


def folder_of(word: str) -> Path | None:
    if word.endswith("/") and not word.startswith("../") and (REPO / word).is_dir():
        return Path(word)
    return None


def words_of(span: str) -> list[str]:
    span = re.sub(r"\([^()]*\)", "", span)
    return [w.lstrip("(\"'").rstrip(",;:.)\"'") for w in span.split()]


def check_path(word: str, context: Path | None, reading: Reading, line_no: int) -> None:
    bases = [Path()] + ([context] if context else [])
    hits = [
        rel
        for base in bases
        for rel in (
            [Path(p).relative_to(REPO) for p in REPO.glob(str(base / word))] if "*" in word else [base / word]
        )
        if (REPO / rel).exists()
    ]
    if not hits:
        reading.missing.append(f"line {line_no}: path `{word}`")
    reading.named |= {rel for rel in hits if (REPO / rel).is_file()}


def check_file_name(word: str, context: Path | None, reading: Reading, line_no: int) -> None:
    under = [rel for rel in repo_files() if context is None or rel.is_relative_to(context)]
    hits = [rel for rel in under if fnmatch.fnmatch(rel.name, word)]
    if not hits:
        where = f" under `{context.as_posix()}/`" if context else ""
        reading.missing.append(f"line {line_no}: file `{word}`{where}")
    if context is not None:
        reading.named |= {rel for rel in hits if rel.parent == context}


def check_dotted(word: str, reading: Reading, line_no: int) -> None:
    parts = word.split(".")
    if parts[0] == "dig_once":
        parts = parts[1:]
    for k in range(len(parts), 0, -1):
        tail = ".".join(parts[:k])
        found = [rel for name, rel in modules().items() if name == tail or name.endswith("." + tail)]
        if found:
            if k == len(parts) or any(parts[k] in top_level_names(rel) for rel in found):
                return
            reading.missing.append(f"line {line_no}: `{parts[k]}` is not defined in `{tail}`")
            return
    if class_defs(parts[0]):
        if not has_member(parts[0], parts[1]):
            reading.missing.append(f"line {line_no}: class `{parts[0]}` has no `{parts[1]}`")
    elif parts[0] not in code_words():
        reading.missing.append(f"line {line_no}: name `{word}` is nowhere in the code")


def read_page(text: str) -> Reading:
    """Check every token of the page ``text``; see the module's note for how each is read."""
    reading = Reading()
    heading_folder: Path | None = None
    in_fence = False
    for line_no, line in enumerate(text.splitlines(), 1):
        if line.lstrip().startswith("```"):
            in_fence = not in_fence
            continue
        spans = [line] if in_fence else SPAN.findall(line)
        words = [w for span in spans for w in words_of(span) if w]
        line_folder = next((f for f in map(folder_of, words) if f), None)
        if line.startswith("#"):
            heading_folder = line_folder
        context = line_folder or heading_folder
        for word in words:
            if "=" in word:  # an environment variable set for a command: its name
                word = word.split("=")[0]
            if not word or "://" in word or word.startswith("-") or re.search(r"[<>|]", word):
                continue
            if "/" in word:
                if not word.startswith("../"):
                    check_path(word, context, reading, line_no)
            elif FILE_NAME.match(word):
                check_file_name(word, context, reading, line_no)
            elif DOTTED.match(word):
                check_dotted(word, reading, line_no)
            elif (
                IDENTIFIER.match(word) and ("_" in word or word != word.lower()) and word not in code_words()
            ):
                reading.missing.append(f"line {line_no}: name `{word}` is nowhere in the code")
    return reading


def modules_to_name() -> set[Path]:
    return {
        rel
        for rel in repo_files()
        if rel.parts[0] in NAMED_FOLDERS and rel.suffix in (".py", ".sh") and rel.name != "__init__.py"
    }


def test_every_path_and_name_in_contributing_exists():
    missing = read_page(CONTRIBUTING.read_text(encoding="utf-8")).missing
    assert not missing, "CONTRIBUTING.md names what is not there:\n" + "\n".join(missing)


def test_every_module_is_named_in_contributing():
    named = read_page(CONTRIBUTING.read_text(encoding="utf-8")).named
    unnamed = sorted(p.as_posix() for p in modules_to_name() - named)
    assert not unnamed, "CONTRIBUTING.md does not say what these are for:\n" + "\n".join(unnamed)


def test_a_module_moved_away_or_a_name_renamed_is_caught():
    page = (
        "### `plugin/store/`\n\n| `gpkg.py` | the format |\n\n"
        "Read with `layers.read_source`, `fast_read`; write with `plugin/store/layer_writer.py`.\n"
    )
    missing = read_page(page).missing
    assert [m.split(":")[0] for m in missing] == ["line 3", "line 5", "line 5", "line 5"], missing
    assert "`gpkg.py` under `plugin/store/`" in missing[0]


def test_a_module_named_under_its_folder_counts_as_named():
    page = "### `plugin/core/`: the engine\n\n| `works.py` | works |\n\n## Elsewhere\n\n`pairs.py`\n"
    assert read_page(page).named == {Path("plugin/core/works.py")}
