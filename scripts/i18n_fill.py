"""Apply a source -> translation JSON to a Qt Linguist .ts file.

    python scripts/i18n_fill.py                      # i18n/cy_translations.json -> i18n/dig_once_cy.ts
    python scripts/i18n_fill.py --check              # exit 1 if a message is untranslated or broken
    python scripts/i18n_fill.py --missing new.json   # write the untranslated sources as a JSON template

The JSON maps an English source string to its translation; it applies to every context in
which the source appears (``@default``, ``FindWorksOverlaps``...). A key ``"<context>|<source>"``
overrides the translation for one context. Filled messages are marked finished. Typical cycle:
``bash scripts/i18n.sh update`` (new strings appear unfinished), add them to the JSON, run this
script, ``bash scripts/i18n.sh update`` again (normalises the layout), ``scripts/i18n.sh compile``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
TAG = re.compile(r"</?[a-zA-Z][^<>]*>")


def placeholders(text: str) -> list[str]:
    """The ``{...}`` fields of a format string, sorted (order may change in a translation)."""
    return sorted(PLACEHOLDER.findall(text))


def tags(text: str) -> list[str]:
    return sorted(TAG.findall(text))


def problems(source: str, translation: str | None) -> list[str]:
    """Why a translation is not usable: empty, or placeholders / HTML tags that differ."""
    if not translation:
        return ["empty translation"]
    found = []
    if placeholders(source) != placeholders(translation):
        found.append(f"placeholders {placeholders(translation)} != {placeholders(source)}")
    if tags(source) != tags(translation):
        found.append(f"HTML tags {tags(translation)} != {tags(source)}")
    return found


def messages(root: ET.Element):
    """(context name, message element) for every message of the .ts."""
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            yield name, message


def write_ts(tree: ET.ElementTree, path: Path) -> None:
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--ts", type=Path, default=REPO / "i18n" / "dig_once_cy.ts")
    parser.add_argument("--json", type=Path, default=REPO / "i18n" / "cy_translations.json")
    parser.add_argument("--check", action="store_true", help="only check; exit 1 on any problem")
    parser.add_argument("--missing", type=Path, help="write untranslated sources to this JSON")
    args = parser.parse_args(argv)

    table: dict[str, str] = json.loads(args.json.read_text(encoding="utf-8")) if args.json.exists() else {}
    tree = ET.parse(args.ts)  # nosec B314  # expat: no external entities, entity expansion limited
    missing: dict[str, str] = {}
    errors: list[str] = []
    filled = total = 0
    for context, message in messages(tree.getroot()):
        total += 1
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation", {"type": "unfinished"})
        wanted = table.get(f"{context}|{source}", table.get(source))
        if not args.check and wanted is not None:
            translation.text = wanted
            translation.attrib.pop("type", None)
            filled += 1
        current = translation.text
        if translation.get("type") in ("unfinished", "obsolete", "vanished") or not current:
            missing[source] = ""
            errors.append(f"[{context}] untranslated: {source[:70]!r}")
            continue
        errors.extend(f"[{context}] {source[:50]!r}: {p}" for p in problems(source, current))

    if not args.check:
        write_ts(tree, args.ts)
        print(
            f"{args.ts.name}: {total} messages, {filled} filled from {args.json.name}, {len(missing)} missing"
        )
    if args.missing:
        args.missing.write_text(json.dumps(missing, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    for error in errors:
        print(error, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
