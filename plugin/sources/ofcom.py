"""Ofcom Connected Nations: fixed postcode files, the local-authority file and mobile files.

The published headers are kept exactly as Ofcom writes them (spaces, ``%``, ``<``) and
mapped to stable snake_case names (:data:`FIXED_COLUMNS`). Values:

* blank and ``N/A`` mean "no figure" and are stored as null;
* ``<4`` (older releases, small counts suppressed) is stored as null and the field name is
  listed in the record's ``suppressed`` field;
* anything else that is not a finite number, a negative figure, or a percentage over 100
  rejects the row, naming the field and the value.

Columns: a file is refused (:class:`~..core.errors.SchemaError`) only when a column the
import needs is missing: the key (``postcode`` or ``postcode_space``; ``laua`` for the
local-authority file) and the column(s) of the chosen not-spot level
(:data:`LEVEL_COLUMNS`). Ofcom adds and drops columns between releases (``% of premises with
NGA`` and the FWA columns in 2019-2023, fields dropped from postcode files since July 2024):
a column the reader does not know is ignored and listed in the notes.

Rows: a CSV that ends in the middle of a row (a last row with too few fields, a quote never
closed) raises :class:`~..core.errors.InputError` naming the line: a cut file is never read
as a short table. Rows with the wrong number of fields, repeated header rows and postcodes
(or authorities) listed twice with different figures are rejected with the reason.

Archives: Ofcom's download is a ZIP that may hold another ZIP (2025: the postcode files are
in a nested ``..._fixed_pc_coverage_r01.zip`` with ``postcode_files/`` for all premises and
``postcode_res_files/`` for residential premises). Every ZIP goes through
:class:`.safezip.SafeZip` (sizes, ratios, member names, truncation checked first); one kind
of premises is read, never both (:func:`read_ofcom`'s ``premises``).

Postcodes become places through a postcode-centroid CSV in ONS Postcode Directory layout
(:func:`read_postcode_centroids`), or by aggregating to area polygons
(:func:`..core.coverage.aggregate_to_areas`). Postcodes with no location are counted and
listed (``unlocated``), never dropped silently.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import shapely

from ..core.coverage import NOTSPOT_EXTRA_FIELDS, aggregate_to_areas, apply_notspot
from ..core.errors import ArchiveError, Cancelled, InputError, SchemaError
from ..core.geo import ReadResult, Reject, bng_point_ok, lonlat_to_bng
from .safezip import SafeZip, ZipLimits

#: Exact published header -> canonical snake_case name (fixed postcode and laua files).
FIXED_COLUMNS: dict[str, str] = {
    "postcode": "postcode",
    "postcode_space": "postcode_space",
    "postcode area": "postcode_area",
    "laua": "laua",
    "laua_name": "laua_name",
    "All Premises": "premises",
    "All Matched Premises": "matched_premises",
    "SFBB availability (% premises)": "sfbb_pct",
    "UFBB (100Mbit/s) availability (% premises)": "ufbb100_pct",
    "UFBB availability (% premises)": "ufbb_pct",
    "Full Fibre availability (% premises)": "full_fibre_pct",
    "Gigabit availability (% premises)": "gigabit_pct",
    "% of premises unable to receive 2Mbit/s": "unable_2_pct",
    "% of premises unable to receive 5Mbit/s": "unable_5_pct",
    "% of premises unable to receive 10Mbit/s": "unable_10_pct",
    "% of premises unable to receive 30Mbit/s": "unable_30_pct",
    "% of premises unable to receive decent broadband from fixed or FWA": "unable_decent_pct",
    "% of premises below the USO": "below_uso_pct",
    "% of premises with 0<2Mbit/s download speed": "speed_0_2_pct",
    "% of premises with 2<5Mbit/s download speed": "speed_2_5_pct",
    "% of premises with 5<10Mbit/s download speed": "speed_5_10_pct",
    "% of premises with 10<30Mbit/s download speed": "speed_10_30_pct",
    "% of premises with 30<300Mbit/s download speed": "speed_30_300_pct",
    "% of premises with >=300Mbit/s download speed": "speed_300_plus_pct",
}

#: The columns each not-spot level is computed from, best first (``core.coverage.notspot_share``):
#: a file needs at least one of them for that level.
LEVEL_COLUMNS: dict[str, tuple[str, ...]] = {
    "uso": (
        "% of premises unable to receive decent broadband from fixed or FWA",
        "% of premises unable to receive 10Mbit/s",
    ),
    "superfast": ("% of premises unable to receive 30Mbit/s", "SFBB availability (% premises)"),
    "gigabit": ("Gigabit availability (% premises)",),
}
LEVEL_NAMES = {"uso": "USO / decent (10 Mbit/s)", "superfast": "superfast (30 Mbit/s)", "gigabit": "gigabit"}
KEY_COLUMNS = {"postcode", "postcode_space", "postcode area", "laua", "laua_name"}
TEXT_FIELDS = {"postcode", "postcode_space", "postcode_area", "laua", "laua_name"}
COUNT_COLUMNS = {"All Premises", "All Matched Premises"}

#: Count columns Ofcom adds in some releases ("Number of premises with ...") and the mobile
#: columns (``4G_prem_out_0`` ...) are recognised by pattern.
_NUMBER_OF = re.compile(r"^Number of premises .+$")
_MOBILE = re.compile(r"^(?P<gen>[2345]G)_(?P<rest>[A-Za-z_]+_(?:[0-4]|None))$")
MOBILE_KEYS = {
    "postcode": "postcode",
    "postcode_space": "postcode_space",
    "pcd": "postcode",
    "pcds": "postcode",
}
NO_FIGURE = {"", "N/A", "NA", "n/a"}
SUPPRESSED = {"<4", "< 4"}

#: Which premises a file covers: Ofcom publishes every file for all premises and for
#: residential premises (``postcode_res_files/``, ``..._laua_res_coverage_...``).
PREMISES = ("all", "residential")
_RESIDENTIAL = re.compile(r"(?:^|[_/!.\- ])res(?:idential)?(?:[_/.\- ]|$)", re.IGNORECASE)

#: ZIP caps for Ofcom downloads. The 2025 postcode files expand to about 330 MB in all (both
#: kinds), one CSV to a few MB; text compresses some 5-20 times, a bomb hundreds of times.
OFCOM_ZIP_LIMITS = ZipLimits(max_total_bytes=2 * 1024**3, max_member_bytes=512 * 1024**2, max_ratio=200.0)
#: Ofcom nests one ZIP in another; deeper nesting is only seen in zip bombs.
MAX_ZIP_DEPTH = 2
_PCT_SLACK = 1e-6  # rounding: a published 100.0 may be 100.0000001 after a spreadsheet


def snake(header: str) -> str:
    """A canonical field name for a published header.

    >>> snake("% of premises unable to receive 10Mbit/s")
    'unable_10_pct'
    >>> snake("4G_prem_out_3")
    'm4g_prem_out_3'
    >>> snake("Number of premises with 0<2Mbit/s download speed")
    'n_premises_with_0_2mbit_s_download_speed'
    """
    if header in FIXED_COLUMNS:
        return FIXED_COLUMNS[header]
    m = _MOBILE.match(header)
    if m:
        return f"m{m['gen'].lower()}_{m['rest'].lower()}"
    text = header.replace("Number of premises", "n_premises").replace("%", "pct")
    return re.sub(r"[^0-9a-z]+", "_", text.lower()).strip("_")


def normalise_postcode(text: str) -> str:
    """Upper case, single space before the inward code: ``e1w1aa`` -> ``E1W 1AA``.

    >>> normalise_postcode(" e1w1aa ")
    'E1W 1AA'
    >>> normalise_postcode("SW1A  2AA")
    'SW1A 2AA'
    """
    compact = re.sub(r"\s+", "", text).upper()
    return f"{compact[:-3]} {compact[-3:]}" if len(compact) > 3 else compact


def parse_value(text: str | None) -> tuple[float | None, bool]:
    """``(value, suppressed)``; raises ``ValueError`` for text that is not a documented value
    (NaN and infinities included: Python's ``float`` would take them).

    >>> parse_value("12.5"), parse_value("<4"), parse_value("N/A"), parse_value("")
    ((12.5, False), (None, True), (None, False), (None, False))
    """
    text = (text or "").strip()
    if text in NO_FIGURE:
        return None, False
    if text in SUPPRESSED:
        return None, True
    value = float(text.replace(",", ""))
    if not math.isfinite(value):
        raise ValueError(text)
    return value, False


def is_residential(name: str) -> bool:
    """Whether a file name or archive path marks Ofcom's residential-premises variant.

    >>> is_residential("postcode_res_files/202507_fixed_pc_coverage_res_r01_AB.csv")
    True
    >>> is_residential("202507_fixed_laua_res_coverage_r01.csv")
    True
    >>> is_residential("postcode_files/202507_fixed_pc_coverage_r01_RE.csv")
    False
    """
    return bool(_RESIDENTIAL.search(name))


def file_kind(headers: list[str]) -> str:
    """``postcode``, ``laua``, ``mobile``, or ``other`` (none of the keys) from a header row."""
    if any(_MOBILE.match(h) for h in headers):
        return "mobile"
    if "postcode" in headers or "postcode_space" in headers:
        return "postcode"
    if "laua" in headers:
        return "laua"
    return "other"


def _known(header: str) -> bool:
    return (
        header in FIXED_COLUMNS
        or header in MOBILE_KEYS
        or bool(_NUMBER_OF.match(header))
        or bool(_MOBILE.match(header))
    )


class NotACoverageFile(SchemaError):
    """A CSV with none of the keys: in a download, a file at another geography."""


@dataclass
class Columns:
    """What a header row gives: the file kind, the columns read, the columns ignored, and the
    column a not-spot level falls back to (when the preferred one is absent)."""

    kind: str
    used: list[str]
    ignored: list[str]
    duplicated: list[str] = field(default_factory=list)
    level_fallback: str | None = None


def check_headers(headers: list[str], label: str, level: str | None = None) -> Columns:
    """The columns of one file. :class:`SchemaError` naming the missing columns (and listing
    the headers found) when the key is missing, or when ``level`` cannot be computed."""
    kind = file_kind(headers)
    present = set(headers)
    if kind == "other":
        raise NotACoverageFile(
            "not an Ofcom Connected Nations postcode, local-authority or mobile file: it has no "
            "'postcode' or 'postcode_space' column (postcode files) and no 'laua' column "
            f"(local-authority file). Found headers: {headers}",
            path=label,
        )
    if kind == "mobile" and not (present & (set(MOBILE_KEYS) | {"laua"})):
        raise SchemaError(
            f"mobile coverage file with no 'postcode' (or pcds) or 'laua' column. Found headers: {headers}",
            path=label,
        )
    used = list(dict.fromkeys(h for h in headers if _known(h)))
    ignored = list(dict.fromkeys(h for h in headers if h and not _known(h)))
    duplicated = sorted({h for h in headers if h and headers.count(h) > 1})
    fallback = None
    if level is not None and kind in ("postcode", "laua"):
        wanted = LEVEL_COLUMNS[level]
        have = [c for c in wanted if c in present]
        if not have:
            names = " or ".join(repr(c) for c in wanted)
            hint = "choose another level, or a release that has the column."
            if kind == "postcode":
                hint = "Ofcom has left some fields out of postcode files since July 2024: " + hint
            raise SchemaError(
                f"the {LEVEL_NAMES[level]} not-spot level cannot be computed from this file: it has no "
                f"column {names}. {hint[:1].upper()}{hint[1:]} "
                f"Columns ignored: {ignored}. Found headers: {headers}",
                path=label,
            )
        if have[0] != wanted[0]:
            fallback = have[0]
    return Columns(kind, used, ignored, duplicated, fallback)


def _rows(text: str, label: str) -> Iterator[tuple[int, list[str]]]:
    """``(first line, fields)`` of each non-blank CSV row. A quote never closed, or a field that
    runs over several lines (Ofcom's fields never do), is an :class:`InputError` naming the
    line: the rest of the file would otherwise be swallowed into one field."""
    reader = csv.reader(io.StringIO(text), strict=True)
    start = 1
    quoted = '"' in text  # only a quoted field can hold a line break
    try:
        for row in reader:
            if quoted and any("\n" in f or "\r" in f for f in row):
                raise InputError(
                    "a quoted field starting on this line runs over several lines (an unbalanced quote?): "
                    "the file is damaged or cut short; nothing was imported",
                    path=label,
                    record=f"line {start}",
                )
            if row:
                yield start, row
            start = reader.line_num + 1
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            reason = (
                "a quote opened on this line is never closed (unbalanced quote): the file is damaged or "
                "cut short; nothing was imported"
            )
        else:
            reason = f"this line cannot be read as CSV ({exc}); nothing was imported"
        raise InputError(reason, path=label, record=f"line {start}") from exc


def read_csv_text(
    text: str,
    label: str,
    *,
    level: str | None = None,
    cancel: Callable[[], bool] | None = None,
) -> tuple[ReadResult, Columns]:
    """Records (no geometry yet) and rejects of one Ofcom CSV, and what its header held.

    Each record carries ``_where`` = (label, line) until :func:`drop_duplicates` removes it.
    """
    rows = _rows(text, label)
    first = next(rows, None)
    if first is None:
        raise SchemaError("empty file (no header row)", path=label)
    second = next(rows, None)
    if second is None and not text.endswith(("\n", "\r")):
        # checked before the columns: a cut header would otherwise be reported as missing columns
        raise InputError(
            "the file ends inside its header row: it looks cut short; nothing was imported",
            path=label,
            record=f"line {first[0]}",
        )
    rows = itertools.chain([second] if second is not None else [], rows)
    headers = [h.strip() for h in first[1]]
    cols = check_headers(headers, label, level)
    kind = cols.kind
    index: dict[str, list[int]] = {}
    for i, h in enumerate(headers):
        index.setdefault(h, []).append(i)
    # one plan entry per column read: (header, field name, positions, 0 text / 1 percent / 2 count)
    plan: list[tuple[str, str, list[int], int]] = []
    for h in cols.used:
        if h in KEY_COLUMNS or h in MOBILE_KEYS:
            plan.append((h, MOBILE_KEYS.get(h, snake(h)), index[h], 0))
        else:
            plan.append((h, snake(h), index[h], 1 if "%" in h or _MOBILE.match(h) else 2))
    width = len(headers)
    first_header = headers[0]
    # a file cut inside its last field still has every field: its missing line break is the clue
    unterminated = not text.endswith(("\n", "\r"))
    result = ReadResult()

    def read_row(line: int, row: list[str], last: bool) -> dict[str, Any] | Reject:
        where = f"line {line}"
        if len(row) < width:
            if last:
                raise InputError(
                    f"the last row has {len(row)} of the header's {width} fields: the file "
                    "looks cut short (an interrupted download?); nothing was imported",
                    path=label,
                    record=where,
                )
            return Reject(label, where, headers[len(row)], f"too few fields: {len(row)} of {width}")
        if last and unterminated:
            return Reject(
                label,
                where,
                headers[-1],
                "the file ends without a line break after this row: it may be cut short, so the row is "
                "not imported",
            )
        if len(row) > width and any(f.strip() for f in row[width:]):
            return Reject(label, where, "", f"too many fields: {len(row)}, the header has {width}")
        if row[0].strip() == first_header and [f.strip() for f in row[:width]] == headers:
            return Reject(label, where, "", "a repeated header row (two files joined?): not a record")
        record: dict[str, Any] = {"source_file": label, "kind": kind, "_where": (label, line)}
        suppressed: list[str] = []
        for h, name, positions, how in plan:
            raw = row[positions[0]].strip()
            if len(positions) > 1:
                cells = [row[i].strip() for i in positions]
                if len(set(cells)) > 1:
                    return Reject(
                        label,
                        where,
                        h,
                        f"the column appears {len(cells)} times and the copies differ: {cells}",
                    )
            if how == 0:
                record[name] = raw or None
                continue
            try:
                value: float | None = float(raw)  # the common case, ahead of parse_value's rules
                was_suppressed = False
            except ValueError:
                try:
                    value, was_suppressed = parse_value(raw)
                except ValueError:
                    return Reject(label, where, h, f"not a number: {raw!r}")
            if value is not None:
                if not math.isfinite(value):
                    return Reject(label, where, h, f"not a number: {raw!r}")
                if value < 0:
                    return Reject(label, where, h, f"negative figure: {raw!r}")
                if how == 1 and value > 100 + _PCT_SLACK:
                    return Reject(label, where, h, f"a percentage over 100: {raw!r}")
            record[name] = value
            if was_suppressed:
                suppressed.append(name)
        key = record.get("postcode") or record.get("postcode_space")
        if kind != "laua" and not record.get("laua"):
            if not key:
                return Reject(label, where, "postcode", "no postcode")
            record["postcode"] = normalise_postcode(key)
            record.pop("postcode_space", None)
        elif not record.get("laua"):
            return Reject(label, where, "laua", "no local authority code")
        premises = record.get("premises")
        if premises is not None:
            if premises != int(premises):
                return Reject(label, where, "All Premises", f"not a whole number of premises: {premises!r}")
            record["premises"] = int(premises)
        record["suppressed"] = ",".join(suppressed) or None
        return record

    def take(item: dict[str, Any] | Reject) -> None:
        if isinstance(item, Reject):
            result.rejects.append(item)
        else:
            result.records.append(item)

    # one row of look-ahead: only the last row can be "cut short"
    pending: tuple[int, list[str]] | None = None
    for n, item in enumerate(rows):
        if pending is not None:
            take(read_row(*pending, last=False))
        pending = item
        if cancel is not None and n % 20_000 == 0 and cancel():
            raise Cancelled(f"reading {label} cancelled: nothing was imported")
    if pending is not None:
        take(read_row(*pending, last=True))
    result.count(f"{kind}_rows", len(result.records))
    return result, cols


def drop_duplicates(result: ReadResult) -> None:
    """One record per place and kind (postcode, or ``laua`` for local authorities), across
    every file of the import. A repeat with the same figures is rejected as a repeat; when the
    figures differ, every copy is rejected (which one is right is unknown). Removes ``_where``."""
    seen: dict[tuple[str, str], list[int]] = {}
    for i, rec in enumerate(result.records):
        key = rec.get("laua") if rec["kind"] == "laua" or not rec.get("postcode") else rec.get("postcode")
        seen.setdefault((rec["kind"], key or ""), []).append(i)
    drop: set[int] = set()
    for (kind, key), places in seen.items():
        if len(places) < 2:
            continue
        field_name = "laua" if kind == "laua" else "postcode"
        recs = [result.records[i] for i in places]

        def figures(rec: dict[str, Any]) -> dict[str, Any]:
            return {k: v for k, v in rec.items() if k not in ("_where", "source_file")}

        where = [f"{r['_where'][0]} line {r['_where'][1]}" for r in recs]
        same = all(figures(r) == figures(recs[0]) for r in recs[1:])
        for n, (i, rec) in enumerate(zip(places, recs, strict=True)):
            if same and n == 0:
                continue
            drop.add(i)
            reason = (
                f"{field_name} {key} repeats {where[0]} with the same figures: read once"
                if same
                else f"{field_name} {key} is listed {len(recs)} times with different figures "
                f"({'; '.join(where)}): none imported, as which is right is unknown"
            )
            result.rejects.append(Reject(rec["_where"][0], f"line {rec['_where'][1]}", field_name, reason))
    if drop:
        result.records = [r for i, r in enumerate(result.records) if i not in drop]
        result.count("duplicates_rejected", len(drop))
    for rec in result.records:
        rec.pop("_where", None)


def _decode(data: bytes, label: str = "") -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    if b"\x00" in data[:65536]:
        raise InputError(
            "not a text CSV file (it holds binary data: a damaged file, a spreadsheet or an archive?)",
            path=label or None,
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def _looks_like_zip(path: Path) -> bool:
    # by content, not only by name: a truncated ZIP must not be read as a cp1252 CSV
    with open(path, "rb") as fh:
        head = fh.read(4)
    return head[:2] == b"PK" or path.suffix.lower() == ".zip"


@dataclass
class _Member:
    archive: SafeZip
    name: str
    label: str
    residential: bool


@dataclass
class _Walk:
    csvs: list[_Member] = field(default_factory=list)
    other: list[str] = field(default_factory=list)


def _walk(archive: SafeZip, inner: str, depth: int, limits: ZipLimits, out: _Walk) -> None:
    """Every CSV member of ``archive`` and of the ZIPs it holds (``inner`` = the path of the
    archive inside the download, to tell residential files by their folders)."""
    for name in archive.names():
        base = name.rsplit("/", 1)[-1]
        label = f"{archive.label}!{name}"
        if name.startswith("__MACOSX/") or base.startswith("._"):
            out.other.append(label)
        elif name.lower().endswith(".zip"):
            if depth >= MAX_ZIP_DEPTH:
                raise ArchiveError(
                    f"a ZIP nested more than {MAX_ZIP_DEPTH} deep (Ofcom nests one ZIP in another; deeper "
                    "nesting is a zip bomb's); the archive is rejected whole",
                    path=archive.label,
                    record=name,
                )
            ((_, data),) = list(archive.members(select=lambda n, wanted=name: n == wanted))
            nested = SafeZip(data, limits, label=label)
            _walk(nested, f"{inner}/{name}", depth + 1, limits, out)
        elif name.lower().endswith(".csv"):
            out.csvs.append(_Member(archive, name, label, is_residential(f"{inner}/{name}")))
        else:
            out.other.append(label)


def _premises_word(residential: bool) -> str:
    return "residential" if residential else "all-premises"


def _zip_texts(
    path: Path, premises: str, limits: ZipLimits, result: ReadResult
) -> Iterator[tuple[str, str, bool]]:
    """``(label, text, residential)`` of the CSVs of the chosen premises in a (nested) ZIP."""
    walk = _Walk()
    _walk(SafeZip(path, limits, label=path.name), "", 1, limits, walk)
    want = premises == "residential"
    chosen = [m for m in walk.csvs if m.residential == want]
    other_kind = [m for m in walk.csvs if m.residential != want]
    if not chosen:
        if other_kind:
            raise InputError(
                f"the ZIP holds {len(other_kind)} {_premises_word(not want)} CSV file(s) and no "
                f"{_premises_word(want)} one: choose "
                f"'{'Residential premises' if not want else 'All premises'}' to import them",
                path=path.name,
            )
        shown = ", ".join(walk.other[:10]) + (" ..." if len(walk.other) > 10 else "")
        raise InputError(
            f"the ZIP holds no CSV file, nor a ZIP of CSV files (members: {shown})", path=path.name
        )
    if other_kind:
        result.notes.append(
            f"{len(other_kind)} {_premises_word(not want)} file(s) left out: PREMISES is "
            f"{'residential premises' if want else 'all premises'}, and the two kinds are never mixed"
        )
    if walk.other:
        shown = ", ".join(walk.other[:10]) + (" ..." if len(walk.other) > 10 else "")
        result.notes.append(f"{len(walk.other)} archive member(s) that are not CSV files left out: {shown}")
    result.count("files_left_out", len(other_kind) + len(walk.other))
    budget = limits.max_total_bytes
    by_archive: dict[int, list[_Member]] = {}
    for m in chosen:
        by_archive.setdefault(id(m.archive), []).append(m)
    for members in by_archive.values():
        wanted = {m.name: m for m in members}
        for name, data in members[0].archive.members(select=wanted.__contains__):
            budget -= len(data)
            if budget < 0:
                raise ArchiveError(
                    f"the CSV files expand to more than {limits.max_total_bytes:,} bytes in all, the limit "
                    "(max_total_bytes): a zip bomb?; the archive is rejected whole",
                    path=path.name,
                )
            yield wanted[name].label, _decode(data, wanted[name].label), want


def read_ofcom(
    path: str | Path,
    *,
    premises: str = "all",
    level: str | None = None,
    limits: ZipLimits | None = None,
    cancel: Callable[[], bool] | None = None,
) -> ReadResult:
    """Read an Ofcom fixed postcode/laua/mobile CSV, or a (nested) ZIP of them, into records.

    ``premises``: ``"all"`` (default) or ``"residential"``: which of Ofcom's two variants
    to read from an archive; the other is left out and counted. A single CSV whose name marks
    the other variant is refused rather than imported under the wrong label.
    ``level``: a not-spot level (``uso``, ``superfast``, ``gigabit``); when given, a postcode
    or local-authority file it cannot be computed from is refused, naming the missing column.
    Counts: ``files_all_premises``, ``files_residential``, ``files_left_out``, ``<kind>_rows``.
    """
    if premises not in PREMISES:
        raise ValueError(f"premises must be one of {PREMISES}, not {premises!r}")
    path = Path(path)
    limits = limits or OFCOM_ZIP_LIMITS
    result = ReadResult()
    result.counts.update(files_all_premises=0, files_residential=0, files_left_out=0)
    in_zip = _looks_like_zip(path)
    if in_zip:
        texts: Iterator[tuple[str, str, bool]] = _zip_texts(path, premises, limits, result)
    else:
        residential = is_residential(path.name)
        if residential != (premises == "residential"):
            raise InputError(
                f"the file name marks a {_premises_word(residential)} file, but PREMISES is "
                f"{'residential premises' if premises == 'residential' else 'all premises'}: choose "
                f"'{'Residential premises' if residential else 'All premises'}' to import it",
                path=path.name,
            )
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read the file: {exc}", path=path.name) from exc
        texts = iter([(path.name, _decode(data, path.name), residential)])
    ignored: dict[tuple[str, ...], list[str]] = {}
    duplicated: dict[str, list[str]] = {}
    fallbacks: dict[str, int] = {}
    other_geo: list[str] = []
    for label, text, residential in texts:
        if cancel is not None and cancel():
            raise Cancelled(f"reading {path.name} cancelled: nothing was imported")
        try:
            part, cols = read_csv_text(text, label, level=level, cancel=cancel)
        except NotACoverageFile:
            # a download also holds files at other geographies (output areas, constituencies):
            # in an archive they are left out and listed, given alone they are refused
            if not in_zip:
                raise
            other_geo.append(label)
            continue
        result.extend(part)
        result.count("files_residential" if residential else "files_all_premises")
        if cols.ignored:
            ignored.setdefault(tuple(cols.ignored), []).append(label)
        for h in cols.duplicated:
            duplicated.setdefault(h, []).append(label)
        if cols.level_fallback:
            fallbacks[cols.level_fallback] = fallbacks.get(cols.level_fallback, 0) + 1
    if other_geo:
        shown = ", ".join(other_geo[:10]) + (" ..." if len(other_geo) > 10 else "")
        result.notes.append(
            f"{len(other_geo)} file(s) left out, as they are neither postcode nor local-authority "
            f"files (other geographies): {shown}"
        )
        result.count("files_left_out", len(other_geo))
    drop_duplicates(result)
    for cols_ignored, labels in ignored.items():
        where = labels[0] if len(labels) == 1 else f"{len(labels)} files"
        result.notes.append(f"columns not used and ignored ({where}): {', '.join(map(repr, cols_ignored))}")
    for h, labels in duplicated.items():
        result.notes.append(
            f"column {h!r} appears more than once in {len(labels)} file(s) ({labels[0]} ...): "
            "rows whose copies differ are rejected"
        )
    for column, n in fallbacks.items():
        best = LEVEL_COLUMNS[level][0] if level else ""
        result.notes.append(
            f"the {LEVEL_NAMES.get(level or '', level)} level is computed from {column!r} in {n} file(s), "
            f"which have no {best!r}"
        )
    return result


# --- postcode centroids (ONS Postcode Directory layout) -----------------------------------

PC_COLUMNS = ("pcds", "pcd", "pcd7", "pcd8", "postcode")
AREA_CODE_COLUMNS = ("oa21", "oa11", "lsoa21", "lsoa11", "msoa21", "msoa11", "oslaua", "lad23cd", "laua")


def read_postcode_centroids(
    path: str | Path,
) -> tuple[dict[str, tuple[float, float]], dict[str, dict[str, str]]]:
    """Postcode -> (easting, northing) from an ONSPD-layout CSV (``pcds`` with
    ``oseast1m``/``osnrth1m``, or ``lat``/``long``), and postcode -> area codes (``lsoa11``,
    ``oa21``, ... when present). ONSPD's "no location" values (blank eastings, latitude
    99.999999) are left out."""
    path = Path(path)
    text = _decode(path.read_bytes(), path.name)
    reader = csv.DictReader(io.StringIO(text))
    headers = {h.strip().lower(): h for h in reader.fieldnames or []}
    pc_col = next((headers[c] for c in PC_COLUMNS if c in headers), None)
    has_en = "oseast1m" in headers and "osnrth1m" in headers
    has_ll = "lat" in headers and ("long" in headers or "lon" in headers)
    if pc_col is None or not (has_en or has_ll):
        raise SchemaError(
            "not a postcode centroid file: expected 'pcds' (or pcd/pcd7/pcd8/postcode) with "
            f"'oseast1m','osnrth1m' or 'lat','long'; found headers: {reader.fieldnames}",
            path=path.name,
        )
    area_cols = [headers[c] for c in AREA_CODE_COLUMNS if c in headers]
    pcs: list[str] = []
    xs: list[float] = []
    ys: list[float] = []
    from_ll: list[bool] = []
    areas: dict[str, dict[str, str]] = {}
    lon_col = headers.get("long") or headers.get("lon")
    for row in reader:
        pc = normalise_postcode(row.get(pc_col) or "")
        if not pc:
            continue
        x = y = float("nan")
        ll = False
        if has_en:
            x, y = _num(row.get(headers["oseast1m"])), _num(row.get(headers["osnrth1m"]))
        if not bng_point_ok(x, y) and has_ll:
            lat, lon = _num(row.get(headers["lat"])), _num(row.get(lon_col))
            if -90 <= lat < 90 and -180 <= lon <= 180 and lat != 99.999999:
                x, y, ll = lon, lat, True
        pcs.append(pc)
        xs.append(x)
        ys.append(y)
        from_ll.append(ll)
        if area_cols:
            areas[pc] = {snake_area(c): (row.get(c) or "").strip() for c in area_cols}
    xa, ya = np.array(xs, dtype=float), np.array(ys, dtype=float)
    mask = np.array(from_ll, dtype=bool)
    if mask.any():
        xa[mask], ya[mask] = lonlat_to_bng(xa[mask], ya[mask])
    out = {pc: (float(x), float(y)) for pc, x, y in zip(pcs, xa, ya, strict=True) if bng_point_ok(x, y)}
    return out, areas


def snake_area(col: str) -> str:
    return col.strip().lower()


def _num(text: str | None) -> float:
    try:
        return float((text or "").strip())
    except ValueError:
        return float("nan")


def locate_postcodes(result: ReadResult, centroids: dict[str, tuple[float, float]]) -> list[str]:
    """Give each postcode record a point geometry from ``centroids``. Returns the postcodes
    with no location (also counted as ``unlocated`` in ``result.counts``); their records
    keep ``geometry = None``."""
    unlocated: list[str] = []
    for record in result.records:
        pc = record.get("postcode")
        if pc is None:
            record.setdefault("geometry", None)
            continue
        xy = centroids.get(pc)
        if xy is None:
            record["geometry"] = None
            unlocated.append(pc)
        else:
            record["geometry"] = shapely.Point(xy)
    result.counts["unlocated"] = len(unlocated)
    result.counts["located"] = sum(1 for r in result.records if r.get("geometry") is not None)
    if unlocated:
        shown = ", ".join(unlocated[:20]) + (" ..." if len(unlocated) > 20 else "")
        result.notes.append(f"{len(unlocated)} postcode(s) have no centroid: {shown}")
    return unlocated


def metric_fields(records: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Canonical (name, type) list of the fields present in Ofcom records, stable order."""
    seen: dict[str, str] = {}
    order = ["postcode", "laua", "laua_name", "postcode_area", "kind"]
    for name in order:
        if any(name in r for r in records):
            seen[name] = "str"
    for r in records:
        for k in r:
            # not-spot fields are added by plugin.core.coverage (NOTSPOT_EXTRA_FIELDS)
            if (
                k in seen
                or k in ("geometry", "source_file", "suppressed", "is_notspot")
                or k.startswith("notspot_")
            ):
                continue
            seen[k] = "str" if k in TEXT_FIELDS else ("int" if k == "premises" else "float")
    seen["suppressed"] = "str"
    seen["source_file"] = "str"
    return list(seen.items())


# --- the store layers of one import -------------------------------------------------------

POSTCODES_TABLE = "notspots_postcodes"
AREAS_TABLE = "notspots_areas"
LAUA_TABLE = "ofcom_laua"
MOBILE_TABLE = "ofcom_mobile"


def by_kind(records: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """The records of a read by file kind: postcode, laua (local authority) and mobile."""
    out: dict[str, list[dict[str, Any]]] = {"postcode": [], "laua": [], "mobile": []}
    for rec in records:
        out[rec["kind"]].append(rec)
    return out


def classify(
    result: ReadResult, centroids: dict[str, tuple[float, float]], level: str, min_share: float
) -> dict[str, list[dict[str, Any]]]:
    """The records of ``result`` by kind, ready for the store: postcodes (and mobile records) at
    their centroids, or all without a location when no centroids are given (counted in
    ``unlocated``); each postcode and local authority marked as a not-spot or not."""
    kinds = by_kind(result.records)
    postcode_like = kinds["postcode"] + kinds["mobile"]
    if postcode_like:
        if centroids:
            locate_postcodes(result, centroids)
        else:
            for rec in postcode_like:
                rec["geometry"] = None
            result.counts["unlocated"] = len(postcode_like)
    result.counts["postcodes"] = len(kinds["postcode"])
    apply_notspot(kinds["postcode"], level, min_share)
    apply_notspot(kinds["laua"], level, min_share)
    return kinds


def areas_layer(
    kinds: dict[str, list[dict[str, Any]]],
    geometries: list[Any],
    code_values: list[Any],
    lookups: dict[str, dict[str, str]],
    column: str,
    level: str,
    min_share: float,
    source_file: str,
) -> tuple[list[dict[str, Any]], list[tuple[str, str]], int, int]:
    """The records and fields of the areas layer (:func:`area_records`: by location, or by the
    centroid file's area ``column`` when one is named), the located postcodes in no area, and
    the invalid area polygons repaired."""
    codes = [str(c) if c is not None else "" for c in code_values]
    geoms = np.asarray(geometries, dtype=object)
    repaired = repair_areas(geoms)
    lookup = {pc: v.get(column, "") for pc, v in lookups.items()} if column else None
    records, missed = area_records(kinds, geoms, codes, lookup, level, min_share)
    for rec in records:
        rec.setdefault("source_file", source_file)
    return records, area_fields(records), missed, repaired


def repair_areas(geoms: np.ndarray) -> int:
    """Repair invalid area polygons in place (boundary files often self-intersect); their count."""
    invalid = ~shapely.is_valid(geoms) & ~shapely.is_missing(geoms)
    if invalid.any():
        geoms[invalid] = shapely.make_valid(geoms[invalid])
    return int(invalid.sum())


def area_records(
    kinds: dict[str, list[dict[str, Any]]],
    geoms: np.ndarray,
    codes: list[str],
    lookup: dict[str, str] | None,
    level: str,
    min_share: float,
) -> tuple[list[dict[str, Any]], int]:
    """One record per area with data: postcodes summed into the area holding their centroid (or
    named by ``lookup``), else local authorities matched by code; the not-spot fields added and
    geometries as multipolygons. Also the number of located postcodes that fall in no area."""
    missed: list = []
    if kinds["postcode"]:
        records, missed = aggregate_to_areas(kinds["postcode"], geoms, codes, lookup)
    else:
        index = {c: i for i, c in enumerate(codes)}
        records = []
        for rec in kinds["laua"]:
            i = index.get(rec["laua"])
            if i is not None:
                records.append({**rec, "area_code": rec["laua"], "postcodes": None, "geometry": geoms[i]})
    apply_notspot(records, level, min_share)
    for rec in records:
        if rec["geometry"] is not None:
            rec["geometry"] = shapely.multipolygons(shapely.get_parts(rec["geometry"]))
    return records, len(missed)


def area_fields(records: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """The fields of the areas layer: code, counts, the figures read, source file, not-spot."""
    base = [("area_code", "str"), ("postcodes", "int"), ("premises", "int")]
    metrics = [f for f in metric_fields(records) if f[0] not in dict(base)]
    metrics = [f for f in metrics if f[0] not in ("kind", "suppressed", "source_file", "postcode")]
    fields = base + metrics + [("source_file", "str")]
    return [f for f in fields if f[0] not in dict(NOTSPOT_EXTRA_FIELDS)] + NOTSPOT_EXTRA_FIELDS


def point_layers(kinds: dict[str, list[dict[str, Any]]]) -> list[tuple[str, list, str | None, str, list]]:
    """(table, fields, geometry type, key, records) of the postcode, local-authority and mobile
    layers that have records, in that order."""
    layers = []
    if kinds["postcode"]:
        fields = metric_fields(kinds["postcode"]) + NOTSPOT_EXTRA_FIELDS
        layers.append((POSTCODES_TABLE, fields, "POINT", "postcode", kinds["postcode"]))
    if kinds["laua"]:
        fields = metric_fields(kinds["laua"]) + NOTSPOT_EXTRA_FIELDS
        layers.append((LAUA_TABLE, fields, None, "laua", kinds["laua"]))
    if kinds["mobile"]:
        layers.append((MOBILE_TABLE, metric_fields(kinds["mobile"]), "POINT", "postcode", kinds["mobile"]))
    return layers
