"""DfT Street Manager open data: monthly archives of event files -> canonical works and
Section 58 restrictions (DOMAIN.md section 2).

:class:`StreetManagerReader` streams every event of a ZIP archive, a folder (of JSON files
and/or monthly ZIPs) or a single JSON file, and yields one store :class:`Feature` per usable
event plus a :class:`Reject` per bad record. Each feature carries a ``sort_key`` made of the
event time (UTC) and the event reference (numeric order when numeric), so that keeping the
greatest ``sort_key`` per permit -- what the store's merge does, on disk -- keeps the latest
event whatever the order of files or months. Nothing here holds more than one event.

Files are taken as DfT's producer really writes them: a saved SNS notification is unwrapped,
London is told by ``highway_authority_swa_code`` (names only without a code), a value outside
a code list or "Not provided" is kept with a warning rather than losing the permit, and every
event or file left out is counted in :class:`ReadStats`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import shutil
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter
from pathlib import Path
from typing import Any, ClassVar, NamedTuple

import numpy as np
import shapely

from ..core.dates import LONDON, london_date, parse_iso_datetime
from ..core.errors import Cancelled, DigOnceError, InputError
from ..core.gc_pause import without_gc
from ..core.schema import BNG_BBOX, LONDON_HIGHWAY_AUTHORITIES, LONDON_SWA_CODES, authority_name_key
from ..store.store import (
    MERGED_WORKS_LAYERS,
    RESTRICTIONS_TABLE,
    WORKS_TABLE,
    Feature,
    ImportResult,
    Reject,
    RowBuilder,
    StagedRows,
    Store,
    path_sha256,
    write_part,
)
from .safezip import SafeZip, ZipLimits

SOURCE = "streetmanager"
#: Version of what the reader keeps: 2 = London by SWA code, new code values and "Not provided"
#: kept with a warning, saved SNS notifications unwrapped, 2020-era actual_start_date.
READER_RULES = 2

#: Code lists (DOMAIN.md section 2). Values are compared after :func:`code`.
WORK_CATEGORIES = frozenset(
    {"minor", "standard", "major", "immediate_urgent", "immediate_emergency", "paa", "hs2_highway"}
)
WORK_STATUSES = frozenset(
    {
        "planned",
        "in_progress",
        "completed",
        "cancelled",
        "unattributable",
        "historical",
        "non_notifiable",
        "section_81",
    }
)
PERMIT_STATUSES = frozenset(
    {
        "submitted",
        "granted",
        "permit_modification_request",
        "refused",
        "closed",
        "cancelled",
        "revoked",
        "progressed",
    }
)
TRAFFIC_MANAGEMENT_TYPES = frozenset(
    {
        "road_closure",
        "contra_flow",
        "lane_closure",
        "multi_way_signals",
        "two_way_signals",
        "convoy_workings",
        "stop_go_boards",
        "priority_working",
        "give_and_take",
        "some_carriageway_incursion",
        "no_carriageway_incursion",
    }
)
COLLABORATION_TYPES = frozenset(
    {
        "trench_sharing_primary_promoter",
        "trench_sharing_secondary_promoter",
        "sharing_traffic_management_only",
        "other",
    }
)
LOCATION_TYPES = frozenset(
    {
        "footway",
        "carriageway",
        "verge",
        "cycleway",
        "footpath",
        "parking_place",
        "bus_stop_or_stand",
        "cycle_hire_docking_station",
        "taxi_rank",
    }
)
ACTIVITY_TYPES = frozenset(
    {
        "highway_improvement_works",
        "highway_repair_and_maintenance_works",
        "utility_asset_works",
        "utility_repair_and_maintenance_works",
        "diversionary_works",
        "disconnection_or_alteration_of_supply",
        "permanent_reinstatement",
        "remedial_works",
        "section_58",
        "section_50",
        "core_sampling",
        "statutory_infrastructure_works",
        "works_for_rail_purposes",
        "works_for_road_purposes",
        "new_service_connection",
        "optional_permit_no_fee",
    }
)

#: Display texts the DfT producer writes (departmentfortransport/street-manager-event-notifier
#: ``src/filters.ts``) whose :func:`code` is not their ``_ref`` code.
DISPLAY_ALIASES = {
    "major_(paa)": "paa",
    "hs2_(highway)": "hs2_highway",
    "stop/go_boards": "stop_go_boards",
    "optional_permit_(no_fee)_e.g._for_traffic_management_etc": "optional_permit_no_fee",
    "works_planned": "planned",
    "works_in_progress": "in_progress",
    "works_completed": "completed",
    "works_cancelled": "cancelled",
    "unattributable_works": "unattributable",
    "historical_works": "historical",
    "non_notifiable_works": "non_notifiable",
    "section_81_works": "section_81",
}
#: What the producer writes for a value it does not have (booleans and code lists alike).
NOT_PROVIDED = "not_provided"

_OLD_POINT = re.compile(r"^\s*point\s*:\s*([-+0-9.eE]+)\s*[, ]\s*([-+0-9.eE]+)\s*$", re.IGNORECASE)
_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?$")


#: A value kept with a warning: (field, value as written, what was done with it).
Warning = tuple[str, str, str]


class BadValue(ValueError):
    """A field value that cannot be used: carries the field name for the reject."""

    def __init__(self, field: str, reason: str):
        super().__init__(reason)
        self.field = field
        self.reason = reason


# --- value parsers (table-tested one by one) --------------------------------------------------


def code(value: Any) -> str | None:
    """A code-list value in its ``_ref`` form: ``"Road closure"`` -> ``"road_closure"``."""
    if value is None:
        return None
    if value.__class__ is str:
        try:
            return _CODES[value]
        except KeyError:
            pass
    text = "_".join(str(value).replace("-", " ").split()).lower() or None
    if value.__class__ is str and len(_CODES) < 4096:
        _CODES[value] = text
    return text


#: :func:`code` of the strings seen (code lists are short: a bounded cache)
_CODES: dict[str, str | None] = {}


def checked_code(
    obj: dict[str, Any],
    field: str,
    allowed: frozenset[str],
    fallback: str | None = None,
    warnings: list[Warning] | None = None,
) -> str | None:
    """The ``_ref`` code of ``field`` (or of the display ``fallback`` field), checked against
    its code list. Code lists grow: a value not in the list is kept (as its :func:`code`) and
    noted in ``warnings``; "Not provided" gives None, also noted. Neither loses the record."""
    raw = obj.get(field)
    if raw.__class__ is str and raw in allowed:
        return raw
    value = code(raw)
    if value is None and fallback is not None:
        value = code(obj.get(fallback))
        field = fallback if value is not None else field
    if value is None or value in allowed:
        return value
    value = DISPLAY_ALIASES.get(value, value)
    if value in allowed:
        return value
    if warnings is not None:
        written = str(obj.get(field))
        if value == NOT_PROVIDED:
            warnings.append((field, written, "stored as NULL"))
        else:
            warnings.append((field, written, f"not in the code list, kept as {value!r}"))
    return None if value == NOT_PROVIDED else value


def parse_geometry(text: Any, field: str) -> shapely.Geometry:
    """WKT in EPSG:27700 (``POINT``/``LINESTRING``/``POLYGON``/multi...) or the old
    ``Point: e,n``; refused when missing, unparseable, empty, not finite or outside BNG."""
    if text is None or (isinstance(text, str) and not text.strip()):
        raise BadValue(field, "missing geometry")
    if not isinstance(text, str):
        raise BadValue(field, f"geometry is not WKT text: {text!r}")
    old = _OLD_POINT.match(text)
    try:
        if old:
            geom = shapely.Point(float(old.group(1)), float(old.group(2)))
        else:
            body = text.split(";", 1)[1] if text.upper().startswith("SRID=") else text
            geom = shapely.from_wkt(body)
    except (shapely.errors.GEOSException, ValueError) as exc:
        raise BadValue(field, f"unparseable geometry {text[:60]!r}: {exc}") from None
    coords = shapely.get_coordinates(geom) if geom is not None else None
    if coords is None or not coords.size:
        raise BadValue(field, "empty geometry")
    if not np.isfinite(coords).all():
        raise BadValue(field, "geometry has NaN or infinite coordinates")
    minx, miny = coords.min(axis=0)
    maxx, maxy = coords.max(axis=0)
    bx0, by0, bx1, by1 = BNG_BBOX
    if minx < bx0 or miny < by0 or maxx > bx1 or maxy > by1:
        raise BadValue(field, "coordinates outside British National Grid's area of use (not EPSG:27700?)")
    if looks_like_lonlat(minx, miny, maxx, maxy):
        raise BadValue(field, "coordinates look like longitude/latitude, not EPSG:27700 metres")
    return geom


def parse_geometries(texts: list[Any], fields: list[str]) -> list[shapely.Geometry | BadValue]:
    """:func:`parse_geometry` over many values at once: the geometry, or the :class:`BadValue`
    it would raise. Well-formed WKT is parsed and checked in one vectorised pass; anything the
    fast path flags goes through :func:`parse_geometry` itself, so results are identical."""
    n = len(texts)
    out: list[Any] = [None] * n
    fast: list[int] = []
    bodies: list[str] = []
    for i, text in enumerate(texts):
        if text.__class__ is str and text:
            fast.append(i)
            bodies.append(text.split(";", 1)[1] if text[:5].upper() == "SRID=" else text)
    slow = set(range(n)) - set(fast) if len(fast) < n else set()
    if fast:
        geoms = shapely.from_wkt(np.array(bodies, dtype=object), on_invalid="ignore")
        parsed = ~shapely.is_missing(geoms)
        good = np.zeros(len(fast), dtype=bool)
        if parsed.any():
            sub = geoms[parsed]
            coords, index = shapely.get_coordinates(sub, return_index=True)
            counts = np.bincount(index, minlength=sub.size)
            finite = np.isfinite(coords).all(axis=1)
            ok = (counts > 0) & (np.bincount(index[~finite], minlength=sub.size) == 0)
            if ok.any():
                starts = (np.cumsum(counts) - counts)[ok]
                minx = np.minimum.reduceat(coords[:, 0], starts)
                miny = np.minimum.reduceat(coords[:, 1], starts)
                maxx = np.maximum.reduceat(coords[:, 0], starts)
                maxy = np.maximum.reduceat(coords[:, 1], starts)
                bx0, by0, bx1, by1 = BNG_BBOX
                inside = (minx >= bx0) & (miny >= by0) & (maxx <= bx1) & (maxy <= by1)
                lonlat = (minx >= -11.0) & (maxx <= 3.0) & (miny >= 49.0) & (maxy <= 62.0)
                ok[ok] = inside & ~lonlat
            good[parsed] = ok
        for j, i in enumerate(fast):
            if good[j]:
                out[i] = geoms[j]
            else:
                slow.add(i)
    for i in slow:
        try:
            out[i] = parse_geometry(texts[i], fields[i])
        except BadValue as bad:
            out[i] = bad
    return out


def looks_like_lonlat(minx: float, miny: float, maxx: float, maxy: float) -> bool:
    """Degrees around Great Britain: as BNG metres these would sit at sea by the false origin."""
    return minx >= -11.0 and maxx <= 3.0 and miny >= 49.0 and maxy <= 62.0


@lru_cache(maxsize=4096)
def _london_date_cached(text: str) -> str:
    return london_date(text).isoformat()


def parse_london_date(obj: dict[str, Any], field: str) -> str | None:
    """ISO date of the Europe/London calendar day of a UTC timestamp (or a bare date)."""
    return _parsed(obj, field, _london_date_cached, "unparseable date ")


def _parsed(obj: dict[str, Any], field: str, parse: Callable[[str], str], fault: str) -> str | None:
    """``parse`` of the text of ``obj[field]``; None when it is missing or empty; a
    :class:`BadValue` saying ``fault`` and the value when ``parse`` refuses it."""
    value = obj.get(field)
    if value is None or value == "":
        return None
    try:
        return parse(str(value))
    except ValueError:
        raise BadValue(field, f"{fault}{value!r}") from None


@lru_cache(maxsize=4096)
def _utc_iso_cached(text: str) -> str:
    if len(text) == 24 and text[-1] == "Z" and text[10] == "T" and text[19] == ".":
        dt.datetime.fromisoformat(text[:-1])  # validates; already UTC with milliseconds
        return text[:-1] + "000Z"
    value = parse_iso_datetime(text).astimezone(dt.UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond:06d}Z"


def parse_utc(obj: dict[str, Any], field: str) -> str | None:
    """A timestamp as fixed-width UTC ISO text (``YYYY-MM-DDTHH:MM:SS.ffffffZ``): sorts as it
    compares."""
    return _parsed(obj, field, _utc_iso_cached, "unparseable timestamp ")


def parse_time_of_day(obj: dict[str, Any], field: str) -> str | None:
    """``"13:50"`` stays; a full ISO timestamp becomes its Europe/London ``HH:MM``."""
    return _parsed(obj, field, _time_of_day_cached, "not a time of day or timestamp: ")


@lru_cache(maxsize=4096)
def _time_of_day_cached(text: str) -> str:
    text = text.strip()
    match = _HHMM.match(text)
    if match:
        return f"{int(match.group(1)):02d}:{match.group(2)}"
    return parse_iso_datetime(text).astimezone(LONDON).strftime("%H:%M")


def parse_yes_no(obj: dict[str, Any], field: str, warnings: list[Warning] | None = None) -> bool | None:
    """``"Yes"``/``"No"`` (any case; also true booleans) -> bool. Anything else ("Not provided",
    which the DfT producer writes, or a new value) is None, noted in ``warnings``: a Yes/No
    field never loses a permit."""
    value = obj.get(field)
    if value == "Yes":
        return True
    if value == "No":
        return False
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"yes", "y", "true"}:
        return True
    if text in {"no", "n", "false"}:
        return False
    if warnings is not None:
        warnings.append((field, str(value), "not Yes/No, stored as NULL"))
    return None


def parse_list(
    obj: dict[str, Any],
    field: str,
    allowed: frozenset[str] | None = None,
    warnings: list[Warning] | None = None,
) -> str | None:
    """A comma-separated list, normalised to ``a,b`` (items as codes when ``allowed``). An item
    not in ``allowed`` is kept and noted in ``warnings``; a "Not provided" item is dropped, noted."""
    value = obj.get(field)
    if value is None or value == "":
        return None
    if value.__class__ is str:
        out, unknown = _list_cached(value, allowed)
    else:
        out, unknown = _parse_list_items(value, allowed)
    if unknown and warnings is not None:
        for item in unknown:
            if code(item) == NOT_PROVIDED:
                warnings.append((field, item, "dropped from the list"))
            else:
                warnings.append((field, item, f"not in the code list, kept as {code(item)!r}"))
    return out


@lru_cache(maxsize=4096)
def _list_cached(value: str, allowed: frozenset[str] | None) -> tuple[str | None, tuple[str, ...]]:
    return _parse_list_items(value, allowed)


def _parse_list_items(value: Any, allowed: frozenset[str] | None) -> tuple[str | None, tuple[str, ...]]:
    """``(normalised list, items outside allowed as written)``."""
    items = value if isinstance(value, list) else str(value).split(",")
    out = []
    unknown = []
    for item in items:
        text = str(item).strip()
        if not text:
            continue
        if allowed is not None:
            text = code(text) or ""
            text = DISPLAY_ALIASES.get(text, text)
            if text not in allowed:
                unknown.append(str(item).strip())
                if text == NOT_PROVIDED:
                    continue
        out.append(text)
    return ",".join(out) or None, tuple(unknown)


def parse_usrn(obj: dict[str, Any], field: str = "usrn") -> str | None:
    """USRN as a string of digits (Street Manager writes it as a string; ints accepted)."""
    value = obj.get(field)
    if value is None or value == "":
        return None
    text = str(value).strip()
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    if not text.isdigit():
        raise BadValue(field, f"USRN is not a number: {value!r}")
    return text


def normalise_authority(name: Any) -> str | None:
    """Highway authority name with collapsed whitespace (case kept for display)."""
    if name is None:
        return None
    text = " ".join(str(name).split())
    return text or None


def is_london(authority: str | None) -> bool:
    """True for the 32 boroughs, the City and TfL by name, whatever the case, spacing and
    ``&``/``AND``: only for records that carry no SWA code (see :func:`london_authority`)."""
    return authority is not None and authority_name_key(authority) in LONDON_HIGHWAY_AUTHORITIES


def swa_code(value: Any) -> str | None:
    """A street-works authority code as digits without leading zeros (``"0020"`` -> ``"20"``);
    None when missing or not a number."""
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip()
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    return str(int(text)) if text.isdigit() else None


def london_authority(data: dict[str, Any]) -> tuple[bool, str]:
    """Whether a record's highway authority is in London, and how it was told (for the log).

    The SWA code decides when there is one (Street Manager spells names differently from
    elsewhere: "LONDON BOROUGH OF HAMMERSMITH & FULHAM"); the name only when there is no code.
    """
    swa = swa_code(data.get("highway_authority_swa_code"))
    name = normalise_authority(data.get("highway_authority"))
    if swa is not None:
        return swa in LONDON_SWA_CODES, f"{name or 'no name'} (SWA {swa})"
    return is_london(name), f"{name or 'no highway authority'} (no SWA code)"


def event_sort_key(event_time_utc: str, event_reference: Any) -> str:
    """The ordering of events: time, then reference (numeric order when numeric).

    >>> event_sort_key("2026-01-01T00:00:00.000000Z", 9) < event_sort_key("2026-01-01T00:00:00.000000Z", "10")
    True
    """
    ref = str(event_reference).strip()
    ref_key = "0" + ref.zfill(24) if ref.isdigit() else "1" + ref
    return f"{event_time_utc}|{ref_key}"


def object_kind(value: Any) -> str:
    """``PERMIT``, ``SECTION_58``... from any casing or dash/underscore spelling."""
    return "_".join(str(value or "").replace("-", " ").replace("_", " ").split()).upper()


# --- records ----------------------------------------------------------------------------------


def works_values(data: dict[str, Any], warnings: list[Warning] | None = None) -> dict[str, Any]:
    """Canonical works values of a permit's ``object_data`` (raises :class:`BadValue`); values
    kept with a warning (new codes, "Not provided") are appended to ``warnings``."""
    start = parse_london_date(data, "proposed_start_date")
    end = parse_london_date(data, "proposed_end_date")
    if start and end and end < start:
        raise BadValue("proposed_end_date", f"end {end} before start {start}")
    return {
        "work_ref": data.get("work_reference_number"),
        "promoter": data.get("promoter_organisation"),
        "promoter_swa": _str(data.get("promoter_swa_code")),
        "highway_authority": normalise_authority(data.get("highway_authority")),
        "highway_authority_swa": _str(data.get("highway_authority_swa_code")),
        "street_name": data.get("street_name"),
        "area_name": data.get("area_name"),
        "town": data.get("town"),
        "usrn": parse_usrn(data),
        "road_category": _str(data.get("road_category")),
        "category": checked_code(data, "work_category_ref", WORK_CATEGORIES, "work_category", warnings),
        "work_status": checked_code(data, "work_status_ref", WORK_STATUSES, "work_status", warnings),
        "permit_status": checked_code(data, "permit_status", PERMIT_STATUSES, None, warnings),
        "tm_type": checked_code(
            data,
            "traffic_management_type_ref",
            TRAFFIC_MANAGEMENT_TYPES,
            "traffic_management_type",
            warnings,
        ),
        "activity_type": checked_code(data, "activity_type", ACTIVITY_TYPES, None, warnings),
        "location_types": parse_list(data, "works_location_type", LOCATION_TYPES, warnings),
        "start_date": start,
        "end_date": end,
        "start_time": parse_time_of_day(data, "proposed_start_time"),
        "end_time": parse_time_of_day(data, "proposed_end_time"),
        # 2020-era events name these actual_start_date / actual_end_date
        "actual_start": parse_utc(data, "actual_start_date_time") or parse_utc(data, "actual_start_date"),
        "actual_end": parse_utc(data, "actual_end_date_time") or parse_utc(data, "actual_end_date"),
        "traffic_sensitive": parse_yes_no(data, "is_traffic_sensitive", warnings),
        "ttro_required": parse_yes_no(data, "is_ttro_required", warnings),
        "deemed": parse_yes_no(data, "is_deemed", warnings),
        "collaborative": parse_yes_no(data, "collaborative_working", warnings),
        "collaboration_type": checked_code(
            data, "collaboration_type_ref", COLLABORATION_TYPES, "collaboration_type", warnings
        ),
        "permit_conditions": parse_list(data, "permit_conditions"),
    }


def restriction_values(data: dict[str, Any], warnings: list[Warning] | None = None) -> dict[str, Any]:
    """Canonical restriction values of a Section 58 ``object_data``."""
    start = parse_london_date(data, "start_date")
    end = parse_london_date(data, "end_date")
    if start and end and end < start:
        raise BadValue("end_date", f"end {end} before start {start}")
    return {
        "status": _open_code(data, "section_58_status", warnings),
        "start_date": start,
        "end_date": end,
        "duration": _open_code(data, "section_58_duration", warnings),
        "extent": _open_code(data, "section_58_extent", warnings),
        "usrn": parse_usrn(data),
        "street_name": data.get("street_name"),
        "highway_authority": normalise_authority(data.get("highway_authority")),
    }


def _open_code(data: dict[str, Any], field: str, warnings: list[Warning] | None) -> str | None:
    """A code of a list the plugin does not check; "Not provided" is None, with a warning."""
    value = code(data.get(field))
    if value == NOT_PROVIDED:
        if warnings is not None:
            warnings.append((field, str(data.get(field)), "stored as NULL"))
        return None
    return value


def _str(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


#: How many names of files left out, and of values kept with a warning, a read lists (all are counted).
MAX_LISTED = 50


@dataclass
class ReadStats:
    """Counts of one read: events seen, features out, rejects, and what was left out or kept
    with a warning (so a user can check that nothing went missing)."""

    files: int = 0
    events_read: int = 0
    works: int = 0
    restrictions: int = 0
    rejected: int = 0
    outside_london: int = 0
    other_objects: int = 0
    #: files in a folder, or archive members, that are not event files (not .json / .zip)
    not_event_files: int = 0
    not_event_names: list[str] = field(default_factory=list)
    #: values kept with a warning (new code-list values, "Not provided"), in features kept
    warnings: int = 0
    #: (field, value as written, what was done) -> [count, first record]
    warning_values: dict[Warning, list[Any]] = field(default_factory=dict)
    #: authority (name and SWA code) -> events left out as outside London
    outside_authorities: Counter[str] = field(default_factory=Counter)
    #: worker processes that read the large archives (0: everything was read in this process)
    worker_processes: int = 0
    #: why the worker processes could not start ("": they did, or none were asked for)
    workers_failed: str = ""

    def note_not_event_file(self, name: str) -> bool:
        self.not_event_files += 1
        if len(self.not_event_names) < MAX_LISTED:
            self.not_event_names.append(name)
        return False

    #: how many distinct warnings ``warning_values`` lists (a worker's part lists them all)
    listed: ClassVar[int] = MAX_LISTED

    def note_warnings(self, warnings: list[Warning], record: str) -> None:
        self.warnings += len(warnings)
        for warning in warnings:
            self._note_warning(warning, 1, record)

    def _note_warning(self, warning: Warning, n: int, record: str) -> None:
        seen = self.warning_values.get(warning)
        if seen is not None:
            seen[0] += n
        elif len(self.warning_values) < self.listed:
            self.warning_values[warning] = [n, record]

    def count(self, item: Feature | Reject | _Skip) -> None:
        """Count one item of the read: a feature, a reject, or an event left out (and why)."""
        if item.__class__ is Feature:
            if item.layer == WORKS_TABLE:
                self.works += 1
            else:
                self.restrictions += 1
        elif item.__class__ is Reject:
            self.rejected += 1
        else:
            setattr(self, item.reason, getattr(self, item.reason) + 1)
            if item.reason == "outside_london":
                self.outside_authorities[item.detail] += 1

    def absorb(self, part: ReadStats) -> None:
        """Add ``part``, the counts of the records read next (by a worker, listing every
        distinct warning): the result is what one read of both gives."""
        for name in _COUNTED:
            setattr(self, name, getattr(self, name) + getattr(part, name))
        for name in part.not_event_names:
            if len(self.not_event_names) < MAX_LISTED:
                self.not_event_names.append(name)
        for warning, (n, record) in part.warning_values.items():
            self._note_warning(warning, n, record)
        self.outside_authorities.update(part.outside_authorities)

    def summary(self, *, london_only: bool) -> list[str]:
        """Plain sentences on what was left out or kept with a warning (empty when nothing was)."""
        out = []
        if london_only:
            line = f"{self.outside_london} events left out as outside London (London only)"
            if self.outside_authorities:
                top = ", ".join(f"{name}: {n}" for name, n in self.outside_authorities.most_common(5))
                more = len(self.outside_authorities) - 5
                line += f": {top}" + (f" and {more} other authorities" if more > 0 else "")
            out.append(line)
        if self.other_objects:
            out.append(f"{self.other_objects} events of other objects than permits and Section 58s skipped")
        if self.warnings:
            listed = "; ".join(
                f"{f} {v!r} {what} ({n}x, first in event {rec})"
                for (f, v, what), (n, rec) in self.warning_values.items()
            )
            out.append(f"{self.warnings} values kept with a warning: {listed}")
        if self.not_event_files:
            names = ", ".join(self.not_event_names)
            more = self.not_event_files - len(self.not_event_names)
            out.append(
                f"{self.not_event_files} files not read as they are not event files (.json, .zip): {names}"
                + (f" and {more} more" if more > 0 else "")
            )
        return out


#: The plain counters of :class:`ReadStats`.
_COUNTED = (
    "files", "events_read", "works", "restrictions", "rejected", "outside_london", "other_objects",
    "not_event_files", "warnings",
)  # fmt: skip


class _PartStats(ReadStats):
    """The counts of a worker's part of a read: every distinct warning is listed, so that the
    whole read's first :data:`MAX_LISTED` are those of a read in one process."""

    listed = 1 << 62


class _Skip(NamedTuple):
    """An event left out on purpose: ``reason`` is a :class:`ReadStats` counter."""

    reason: str
    detail: str = ""


def parse_event(event: Any, source_file: str, *, london_only: bool = False) -> Feature | Reject | str:
    """One event envelope -> a works/restrictions :class:`Feature`, a :class:`Reject`, or a
    string saying why it was skipped (``"outside_london"``, ``"other_objects"``)."""
    out = _prepare_event(event, source_file, london_only)
    if out.__class__ is _Skip:
        return out.reason
    if out.__class__ is not _Pending:
        return out
    try:
        geometry = parse_geometry(out.geometry_text, out.geometry_field)
    except BadValue as bad:
        geometry = bad
    return _finish_event(out, geometry)


@dataclass(slots=True)
class _Pending:
    """An event checked up to its geometry (parsed later, in batches)."""

    layer: str
    key_field: str
    key: Any
    when: str
    ref: Any
    record: str
    source_file: str
    geometry_field: str
    geometry_text: Any
    values: dict[str, Any] | BadValue
    warnings: list[Warning]


def unwrap_notification(event: Any) -> Any:
    """The event inside a saved notification: an SNS ``Notification`` holds it as JSON text in
    ``Message`` (how a subscriber to DfT's live feed saves events), and an SQS message holds
    such a notification in ``Body``. Anything else is returned as it is. Raises
    :class:`BadValue` when the wrapper's text is not JSON."""
    for _ in range(3):  # an SQS message of an SNS notification is two layers deep
        if not isinstance(event, dict) or "event_reference" in event:
            return event
        for key in ("Message", "Body"):
            text = event.get(key)
            if isinstance(text, str):
                break
        else:
            return event
        try:
            event = json.loads(text)
        except ValueError as exc:
            raise BadValue(key, f"saved notification whose {key} is not a JSON event: {exc}") from None
    return event


@lru_cache(maxsize=4096)
def _london_cached(swa: Any, name: Any) -> tuple[bool, str]:
    return london_authority({"highway_authority_swa_code": swa, "highway_authority": name})


#: the object types read (the others are counted as skipped)
_KINDS_READ = frozenset({"PERMIT", "SECTION_58"})


def _prepare_event(event: Any, source_file: str, london_only: bool) -> _Pending | Reject | _Skip:
    """:func:`parse_event` up to (not including) the geometry; the checks keep their order."""
    record = source_file
    if not isinstance(event, dict):
        return Reject(source_file, record, "", "event is not a JSON object")
    if "event_reference" not in event:
        try:
            event = unwrap_notification(event)
        except BadValue as bad:
            return Reject(source_file, record, bad.field, bad.reason)
        if not isinstance(event, dict):
            return Reject(source_file, record, "Message", "the notification's Message is not a JSON object")
    ref = event.get("event_reference")
    if ref is None or str(ref).strip() == "":
        return Reject(source_file, record, "event_reference", "missing event reference")
    record = str(ref)
    kind = object_kind(event.get("object_type"))
    if kind not in _KINDS_READ:
        return _Skip("other_objects")
    data = event.get("object_data")
    if not isinstance(data, dict):
        return Reject(source_file, record, "object_data", "missing object_data")
    if london_only:
        swa, name = data.get("highway_authority_swa_code"), data.get("highway_authority")
        try:
            inside, label = _london_cached(swa, name)
        except TypeError:  # unhashable (a list or object where text belongs): not cached
            inside, label = london_authority(data)
        if not inside:
            return _Skip("outside_london", label)
    try:
        when = parse_utc(event, "event_time")
        if when is None:
            raise BadValue("event_time", "missing event time")
        if kind == "PERMIT":
            key = data.get("permit_reference_number") or event.get("object_reference")
            if not key:
                raise BadValue("permit_reference_number", "missing permit reference")
        else:
            key = data.get("section_58_reference_number") or event.get("object_reference")
            if not key:
                raise BadValue("section_58_reference_number", "missing Section 58 reference")
    except BadValue as bad:
        return Reject(source_file, record, bad.field, bad.reason)
    if kind == "PERMIT":
        layer, key_field, geometry_field = WORKS_TABLE, "permit_ref", "works_location_coordinates"
        build = works_values
    else:
        layer, key_field, geometry_field = RESTRICTIONS_TABLE, "restriction_ref", "section_58_coordinates"
        build = restriction_values
    warnings: list[Warning] = []
    try:
        values: dict[str, Any] | BadValue = build(data, warnings)
    except BadValue as bad:
        values = bad
    return _Pending(
        layer,
        key_field,
        key,
        when,
        ref,
        record,
        source_file,
        geometry_field,
        data.get(geometry_field),
        values,
        warnings,
    )


def _finish_event(p: _Pending, geometry: shapely.Geometry | BadValue) -> Feature | Reject:
    """The feature (or reject) of a prepared event once its geometry is parsed: a geometry
    fault is reported before a value fault, as :func:`parse_event` always did."""
    if geometry.__class__ is BadValue:
        return Reject(p.source_file, p.record, geometry.field, geometry.reason)
    values = p.values
    if values.__class__ is BadValue:
        return Reject(p.source_file, p.record, values.field, values.reason)
    values[p.key_field] = str(p.key)
    if p.layer == WORKS_TABLE:
        values["source"] = SOURCE
    values["source_event"] = p.record
    values["event_time"] = p.when
    values["source_file"] = p.source_file
    return Feature(p.layer, values, geometry, event_sort_key(p.when, p.ref))


# --- the common permit event, fast -------------------------------------------------------------
#
# Nearly every event of a month is a permit written the way Street Manager writes it: codes from
# the lists, ISO timestamps, Yes/No. Such an event is made into its works row in one pass
# (:func:`_fast_permit`), without the general rules' intermediate records. Anything else (a
# value the rules would warn about or refuse, another object type, an odd type of value, a
# saved notification) returns None and takes the full rules, which decide: the result is the
# same record either way (tests/unit/test_streetmanager_fast.py checks both on the same events).

#: the works row's field names, in the store layer's order (the plan fields, always NULL for
#: Street Manager, are added as None)
_FAST_NAMES = [name for name, _kind in MERGED_WORKS_LAYERS[WORKS_TABLE].fields]
_FAST_PLAN_NONES = [None] * (len(_FAST_NAMES) - _FAST_NAMES.index("source_file") - 1)
#: a value the fast path leaves to the full rules
_SLOW: Any = object()
#: (name, place in the row) of a feature's values, in the order the full rules give them
_FAST_FEATURE_ORDER = [
    (name, _FAST_NAMES.index(name))
    for name in [
        *(n for n in _FAST_NAMES[: _FAST_NAMES.index("source")] if n != "permit_ref"),
        "permit_ref", "source", "source_event", "event_time", "source_file",
    ]
]  # fmt: skip
#: per code field, a code or display text -> what its rule keeps without a warning, or _SLOW
_FAST_CODES: dict[str, dict[str, Any]] = {}
_FAST_AUTHORITIES: dict[str, str | None] = {}
_FAST_CACHE_MAX = 4096


def _fast_code(raw: Any, field: str, allowed: frozenset[str], display: Any) -> Any:
    """:func:`checked_code` of the value ``raw`` of the code field ``field`` when it keeps the
    value with no warning, else _SLOW; ``display``: the value of the field's display text (None
    when it has none)."""
    if raw.__class__ is str:
        if raw in allowed:
            return raw
        cache = _FAST_CODES.setdefault(field, {})
        got = cache.get(raw)
        if got is None:
            warnings: list[Warning] = []
            if code(raw) is None:  # the display field would be read: the full rules
                got = _SLOW
            else:
                value = checked_code({field: raw}, field, allowed, None, warnings)
                got = _SLOW if warnings or value is None else value
            if len(cache) < _FAST_CACHE_MAX:
                cache[raw] = got
        return got
    if raw is None and display is None:
        return None
    return _SLOW


def _fast_text(value: Any) -> Any:
    """A value stored as text as it is (str or None), else _SLOW."""
    return value if value is None or value.__class__ is str else _SLOW


def _fast_str(value: Any) -> Any:
    """:func:`_str` of text (and of an integer), else _SLOW."""
    if value.__class__ is str:
        return value or None
    if value is None:
        return None
    return str(value) if value.__class__ is int else _SLOW


def _fast_parsed(value: Any, parse: Callable[[str], str]) -> Any:
    """:func:`_parsed` of a text value the parser takes, None of a missing one, else _SLOW."""
    if value is None or value == "":
        return None
    if value.__class__ is not str:
        return _SLOW
    try:
        return parse(value)
    except ValueError:
        return _SLOW


def _fast_yes_no(value: Any) -> Any:
    if value == "Yes":
        return True
    if value == "No":
        return False
    return None if value is None or value == "" else _SLOW


def _fast_list(value: Any, allowed: frozenset[str] | None) -> Any:
    """:func:`parse_list` of text with every item known, None of a missing one, else _SLOW."""
    if value is None or value == "":
        return None
    if value.__class__ is not str:
        return _SLOW
    out, unknown = _list_cached(value, allowed)
    return _SLOW if unknown else out


def _fast_authority(value: Any) -> Any:
    if value is None:
        return None
    if value.__class__ is not str:
        return _SLOW
    got = _FAST_AUTHORITIES.get(value, _SLOW)
    if got is _SLOW:
        got = normalise_authority(value)
        if len(_FAST_AUTHORITIES) < _FAST_CACHE_MAX:
            _FAST_AUTHORITIES[value] = got
    return got


def _fast_usrn(value: Any) -> Any:
    if value is None or value == "":
        return None
    if value.__class__ is str:
        text = value.strip()
    elif value.__class__ is int:
        text = str(value)
    else:
        return _SLOW
    return text if text.isdigit() else _SLOW


class _FastRow:
    """A permit event made into its works row by :func:`_fast_permit`; its geometry is parsed
    with its batch's."""

    __slots__ = ("geometry", "geometry_text", "record", "sort_key", "source_file", "values")
    geometry_field = "works_location_coordinates"

    def __init__(self, values: list[Any], sort_key: str, record: str, source_file: str, geometry_text: Any):
        self.values = values
        self.sort_key = sort_key
        self.record = record
        self.source_file = source_file
        self.geometry_text = geometry_text
        self.geometry: Any = None

    def feature(self) -> Feature:
        """The feature the full rules make of the event (its values without the plan fields)."""
        values = self.values
        return Feature(
            WORKS_TABLE, {name: values[i] for name, i in _FAST_FEATURE_ORDER}, self.geometry, self.sort_key
        )


#: the fields of a permit's ``object_data`` the fast path reads, in the order
#: :func:`_fast_row` takes them
_RAW_FIELDS = (
    "permit_reference_number", "work_reference_number", "promoter_organisation", "promoter_swa_code",
    "highway_authority", "highway_authority_swa_code", "street_name", "area_name", "town", "usrn",
    "road_category", "work_category_ref", "work_category", "work_status_ref", "work_status",
    "permit_status", "traffic_management_type_ref", "traffic_management_type", "activity_type",
    "works_location_type", "proposed_start_date", "proposed_end_date", "proposed_start_time",
    "proposed_end_time", "actual_start_date_time", "actual_start_date", "actual_end_date_time",
    "actual_end_date", "is_traffic_sensitive", "is_ttro_required", "is_deemed", "collaborative_working",
    "collaboration_type_ref", "collaboration_type", "permit_conditions", "works_location_coordinates",
)  # fmt: skip
#: the fields the fast path takes as text or an integer (:func:`_fast_str`, :func:`_fast_usrn`);
#: the others as text only
_TEXT_OR_INTEGER = frozenset({"promoter_swa_code", "highway_authority_swa_code", "usrn", "road_category"})


def _fast_permit(event: Any, source_file: str, london_only: bool) -> _FastRow | None:
    """The works row of a permit event that every rule keeps as it is, with no warning; None
    for any other event (the full rules then decide, with the same result)."""
    if event.__class__ is not dict or event.get("object_type") != "PERMIT":
        return None
    data = event.get("object_data")
    if data.__class__ is not dict:
        return None
    raw = tuple(map(data.get, _RAW_FIELDS))
    return _fast_row(
        event.get("event_reference"), event.get("object_reference"), event.get("event_time"), raw,
        source_file, london_only,
    )  # fmt: skip


def _fast_row(
    ref: Any, object_reference: Any, event_time: Any, raw: tuple, source_file: str, london_only: bool
) -> _FastRow | None:
    """:func:`_fast_permit` of a permit event's envelope values and the ``raw`` values of its
    ``object_data`` (:data:`_RAW_FIELDS`, None where missing)."""
    if ref.__class__ is int:
        record = str(ref)
    elif ref.__class__ is str and ref.strip():
        record = ref
    else:
        return None
    (
        permit_ref, work_ref, organisation, promoter_swa, authority, authority_swa, street, area, town,
        usrn, road_category, category, category_text, status, status_text, permit_status, tm, tm_text,
        activity, location_type, start, end, start_time, end_time, actual_start, actual_start_date,
        actual_end, actual_end_date, sensitive, ttro, deemed, collaborative, collaboration,
        collaboration_text, conditions, coordinates,
    ) = raw  # fmt: skip
    if london_only:
        try:
            inside = _london_cached(authority_swa, authority)[0]
        except TypeError:
            return None
        if not inside:
            return None
    key = permit_ref or object_reference
    when = _fast_parsed(event_time, _utc_iso_cached)
    if key.__class__ is not str or not key or when is None or when is _SLOW:
        return None
    start = _fast_parsed(start, _london_date_cached)
    end = _fast_parsed(end, _london_date_cached)
    if start is _SLOW or end is _SLOW or (start and end and end < start):
        return None
    actual_start = _fast_parsed(actual_start, _utc_iso_cached)
    if actual_start is None:
        actual_start = _fast_parsed(actual_start_date, _utc_iso_cached)
    actual_end = _fast_parsed(actual_end, _utc_iso_cached)
    if actual_end is None:
        actual_end = _fast_parsed(actual_end_date, _utc_iso_cached)
    values = [
        key,
        _fast_text(work_ref),
        _fast_text(organisation),
        _fast_str(promoter_swa),
        _fast_authority(authority),
        _fast_str(authority_swa),
        _fast_text(street),
        _fast_text(area),
        _fast_text(town),
        _fast_usrn(usrn),
        _fast_str(road_category),
        _fast_code(category, "work_category_ref", WORK_CATEGORIES, category_text),
        _fast_code(status, "work_status_ref", WORK_STATUSES, status_text),
        _fast_code(permit_status, "permit_status", PERMIT_STATUSES, None),
        _fast_code(tm, "traffic_management_type_ref", TRAFFIC_MANAGEMENT_TYPES, tm_text),
        _fast_code(activity, "activity_type", ACTIVITY_TYPES, None),
        _fast_list(location_type, LOCATION_TYPES),
        start,
        end,
        _fast_parsed(start_time, _time_of_day_cached),
        _fast_parsed(end_time, _time_of_day_cached),
        actual_start,
        actual_end,
        _fast_yes_no(sensitive),
        _fast_yes_no(ttro),
        _fast_yes_no(deemed),
        _fast_yes_no(collaborative),
        _fast_code(collaboration, "collaboration_type_ref", COLLABORATION_TYPES, collaboration_text),
        _fast_list(conditions, None),
        SOURCE,
        record,
        when,
        source_file,
        *_FAST_PLAN_NONES,
    ]
    if _SLOW in values:
        return None
    return _FastRow(values, event_sort_key(when, ref), record, source_file, coordinates)


# --- the common permit event, decoded by type -------------------------------------------------
#
# With msgspec installed (optional, requirements.txt), a member is first decoded straight into
# the fields the fast path reads, each checked for its type as it is decoded: a third of the time
# of a JSON parse into dicts, and most events of a month need nothing else. A member this does not
# take as it is (another type of value, a list of events, a notification, anything msgspec
# refuses) is parsed as before; the result is the same record either way
# (tests/unit/test_streetmanager_fast.py checks both on the same members).

#: msgspec and the decoder of a permit event's typed fields, made on first use by
#: :func:`_event_decoder` (importing msgspec takes ~20 ms: not while QGIS loads the plugin);
#: the decoder is None without msgspec
_msgspec: Any = None
_UNMADE: Any = object()
_EVENT_DECODER: Any = _UNMADE
_RAW_OF = attrgetter(*_RAW_FIELDS)
_AUTHORITY_SWA_AT = _RAW_FIELDS.index("highway_authority_swa_code")
_AUTHORITY_AT = _RAW_FIELDS.index("highway_authority")


def _event_decoder() -> Any:
    """The decoder of a permit event's typed fields (made now if not yet), or None when msgspec
    (optional, requirements.txt) is not installed: members are then parsed into dicts."""
    global _msgspec, _EVENT_DECODER
    if _EVENT_DECODER is _UNMADE:
        try:
            import msgspec
        except ImportError:
            _EVENT_DECODER = None
            return None
        permit_data = msgspec.defstruct(
            "_PermitData",
            [(f, (str | int | None) if f in _TEXT_OR_INTEGER else (str | None), None) for f in _RAW_FIELDS],
            gc=False,
        )
        event = msgspec.defstruct(
            "_Event",
            [
                ("event_reference", int | str | None, None),
                ("object_type", str | None, None),
                ("object_reference", str | None, None),
                ("event_time", str | None, None),
                ("object_data", permit_data | None, None),
            ],
            gc=False,
        )
        _msgspec, _EVENT_DECODER = msgspec, msgspec.json.Decoder(event)
    return _EVENT_DECODER


def _typed_event(content: bytes, source_file: str, london_only: bool) -> _FastRow | _Skip | None:
    """What :func:`_fast_permit`, or the full rules' first checks, make of the one event of a
    member, decoded by type: its works row, its skip (another object; outside London), or None
    when the member is to be parsed as before (without msgspec, always)."""
    decoder = _EVENT_DECODER if _EVENT_DECODER is not _UNMADE else _event_decoder()
    if decoder is None:
        return None
    try:
        event = decoder.decode(content)
    except _msgspec.DecodeError:  # its ValidationError too: a value of another type
        return None
    ref = event.event_reference
    if ref is None or (ref.__class__ is str and not ref.strip()):  # refused, or a notification
        return None
    if event.object_type != "PERMIT":
        if object_kind(event.object_type) in _KINDS_READ:
            return None
        return _Skip("other_objects")
    data = event.object_data
    if data is None:
        return None
    raw = _RAW_OF(data)
    if london_only:
        inside, label = _london_cached(raw[_AUTHORITY_SWA_AT], raw[_AUTHORITY_AT])
        if not inside:
            return _Skip("outside_london", label)
    return _fast_row(ref, event.object_reference, event.event_time, raw, source_file, False)


try:
    import orjson as _orjson
except ImportError:  # optional (requirements.txt): the standard library gives the same result
    _orjson = None

_DIGITS = bytes.maketrans(b"123456789", b"000000000")
_LONG_NUMBER = b"0" * 19


def _loads(content: bytes) -> Any:
    """``json.loads``, through orjson when installed and the result is the same: orjson turns
    integers past 64 bits into floats (so text with 19+ digits in a row goes to ``json``) and
    refuses what ``json`` accepts (NaN, a BOM, lone surrogates: ``json`` decides those)."""
    if _orjson is not None and _LONG_NUMBER not in content.translate(_DIGITS):
        try:
            return _orjson.loads(content)
        except ValueError:
            pass
    return json.loads(content)


def _events_of(name: str, content: bytes) -> Iterator[tuple[str, Any]]:
    """The events of one JSON file (an object, or a list of objects); a parse failure is
    one ``(name, InputError)``."""
    try:
        parsed = _loads(content)
    except (ValueError, UnicodeDecodeError) as exc:
        yield name, InputError(f"not JSON: {exc}")
        return
    if isinstance(parsed, list):
        for item in parsed:
            yield name, item
    else:
        yield name, parsed


#: Events whose geometries are parsed together (memory stays flat: one batch at a time).
_BATCH = 512


class StreetManagerReader:
    """Stream the events of ``path`` (ZIP, folder, or JSON file) as features and rejects.

    ``stats`` is filled while iterating. ``cancel`` is polled every 1000 events
    (:class:`Cancelled`), ``progress`` gets 0..100. An unreadable archive raises
    :class:`ArchiveError` before or while reading: callers discard what they gathered.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        london_only: bool = False,
        limits: ZipLimits | None = None,
        cancel: Callable[[], bool] | None = None,
        progress: Callable[[float], None] | None = None,
        workers: int = 1,
    ):
        self.path = Path(path)
        if not self.path.exists():
            raise InputError("no such file or folder", path=str(self.path))
        self.london_only = london_only
        self.workers = max(1, int(workers))
        self.limits = limits
        self.cancel = cancel
        self.progress = progress
        self.stats = ReadStats()
        self._archives: dict[Path, SafeZip] = {}
        self._pool: Any = None
        self._started: list[Any] = []

    def _files(self, *, note: bool = False) -> Iterator[Path]:
        """The JSON and ZIP files of the input; with ``note``, the other files of a folder are
        counted in ``stats`` as not event files."""
        if self.path.is_dir():
            for root, dirs, files in os.walk(self.path):
                dirs.sort()
                for name in sorted(files):
                    if name.lower().endswith((".json", ".zip")):
                        yield Path(root) / name
                    elif note:
                        self.stats.note_not_event_file((Path(root) / name).relative_to(self.path).as_posix())
        else:
            yield self.path

    def _count(self) -> int:
        """How many JSON files there are to read (for progress); archives are opened here
        first, so a bad one is refused before anything is read."""
        total = 0
        for file in self._files():
            if file.suffix.lower() == ".zip":
                if file not in self._archives:
                    self._archives[file] = SafeZip(file, self.limits)
                total += len(self._archives[file])
            else:
                total += 1
        return max(total, 1)

    def check_archives(self) -> None:
        """Open and check the input's archives now (their directories), for the read to use:
        the import does this while the input is checksummed. An archive that fails is left for
        the read to refuse, at its turn."""
        for file in self._files():
            if file.suffix.lower() == ".zip" and file not in self._archives:
                with contextlib.suppress(DigOnceError):
                    self._archives[file] = SafeZip(file, self.limits)

    def _contents(self) -> Iterator[tuple[str, bytes]]:
        stats = self.stats
        for file in self._files(note=True):
            if file.suffix.lower() == ".zip":
                archive = self._archives.pop(file, None) or SafeZip(file, self.limits)

                def is_event_file(member: str, zip_name: str = file.name) -> bool:
                    if member.lower().endswith(".json"):
                        return True
                    return stats.note_not_event_file(f"{zip_name}/{member}")

                for member, content in archive.members(select=is_event_file):
                    yield f"{file.name}/{member}", content
            else:
                try:
                    yield (
                        file.name if file == self.path else str(file.relative_to(self.path)),
                        file.read_bytes(),
                    )
                except OSError as exc:
                    raise InputError(f"cannot read: {exc}", path=str(file)) from exc

    def __iter__(self) -> Iterator[Feature | Reject]:
        return self._items(rows=False)

    def staged(self) -> Iterator[Feature | Reject | StagedRows]:
        """What iterating the reader gives, for :meth:`Store.import_features`: the same
        records, except that those read by worker processes come as :class:`StagedRows`
        (store rows made in the worker), so that the importing process does no work per record."""
        return self._items(rows=True)

    def _items(self, *, rows: bool) -> Iterator[Feature | Reject | StagedRows]:
        if self.workers > 1 and _python_for_workers() is not None:
            yield from self._iter_parallel(rows=rows)
            return
        total = self._count()
        yield from _read_events(self._polled(self._contents(), total), self.stats, self.london_only)
        if self.progress is not None:
            self.progress(100.0)

    def _polled(self, contents: Iterable[tuple[str, bytes]], total: int) -> Iterator[tuple[str, bytes]]:
        """``contents``, polling ``cancel`` and telling ``progress`` every 1000 files."""
        for n, item in enumerate(contents, start=1):
            if n % 1000 == 0:
                if self.cancel is not None and self.cancel():
                    raise Cancelled(f"reading {self.path} cancelled")
                if self.progress is not None:
                    self.progress(min(100.0, 100.0 * n / total))
            yield item

    # --- reading in several processes ------------------------------------------------------

    def _iter_parallel(self, *, rows: bool) -> Iterator[Feature | Reject | StagedRows]:
        """:meth:`__iter__` with the members of each large archive read, parsed and checked in
        ``workers`` processes, a chunk of members at a time, and the results taken back in
        member order: the same records, in the same order, with the same ``stats`` (with
        ``rows``, each chunk's records come as one :class:`StagedRows`). At most two chunks a
        worker are in flight, so memory stays flat."""
        total = self._count()
        done = 0
        # the workers write their rows into SQLite files here, for the import to copy in one go
        parts = tempfile.mkdtemp(prefix="digonce-parts-") if rows else None
        try:
            for file in self._files(note=True):
                archive = self._archives.pop(file, None) if file.suffix.lower() == ".zip" else None
                if archive is None and file.suffix.lower() == ".zip":
                    archive = SafeZip(file, self.limits)
                if archive is None or len(archive) < PARALLEL_MIN_MEMBERS:
                    if archive is not None:
                        self._archives[file] = archive
                    yield from self._iter_serial_file(file)
                    done += len(archive) if archive is not None else 1
                    continue
                pool = self._ready_workers()
                if pool is None:  # they could not start: read here, as with one process
                    self._archives[file] = archive
                    yield from self._iter_serial_file(file)
                    done += len(archive)
                    continue
                self.stats.worker_processes = self.workers
                window: list[Any] = []
                for start, count in self._chunks(archive):
                    window.append(
                        pool.submit(
                            _parse_members, str(file), archive.label, archive.limits, start, count,
                            file.name, self.london_only, rows, parts,
                        )
                    )  # fmt: skip
                    if len(window) >= 2 * self.workers:
                        done = yield from self._replay(self._result(window.pop(0)), done, total)
                while window:
                    done = yield from self._replay(self._result(window.pop(0)), done, total)
        finally:
            self.stop_workers()
            if parts is not None:
                shutil.rmtree(parts, ignore_errors=True)
        if self.progress is not None:
            self.progress(100.0)

    def start_workers(self) -> Any:
        """The pool of worker processes, started now (each takes a moment to start: callers
        may start them early, e.g. while the input is checksummed). A read stops them."""
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            context = multiprocessing.get_context("spawn")  # no fork of a Qt application
            context.set_executable(_python_for_workers())
            self._pool = ProcessPoolExecutor(self.workers, mp_context=context)
            # starts the processes (the pool starts them as work comes); each imports this
            # module to run _worker_started, as it will to read
            self._started = [self._pool.submit(_worker_started) for _ in range(self.workers)]
        return self._pool

    def _ready_workers(self) -> Any:
        """The pool once its workers have started, or None when they cannot (an interpreter
        that fails to import numpy, a process killed): the read then goes on in this process,
        with the same result, and ``stats.workers_failed`` says why."""
        if self.stats.workers_failed:
            return None
        pool = self.start_workers()
        try:
            for future in self._started:
                future.result(timeout=_START_SECONDS)
        except Exception as exc:  # noqa: BLE001  # BrokenProcessPool, a timeout, an import error
            self.stats.workers_failed = f"{type(exc).__name__}: {exc}"
            self.stop_workers()
            return None
        self._started = []
        return pool

    def stop_workers(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
            self._started = []

    def _chunks(self, archive: SafeZip) -> Iterator[tuple[int, int]]:
        """The archive's central directory in parts of ``DIRECTORY_PART`` entries, as (offset of
        the first entry, entries), as the check of the whole directory found them when the
        archive was opened: the workers read the entries themselves."""
        size = archive.part_size
        for k, start in enumerate(archive.parts):
            yield start, min(size, archive.count - k * size)

    def _result(self, future: Any) -> tuple:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return future.result()
        except BrokenProcessPool as exc:  # a worker killed (out of memory?) or unable to start
            raise DigOnceError(
                f"{self.path}: the processes reading it in parallel stopped ({exc}); the store is "
                "unchanged: import it again, or with one process (workers=1)"
            ) from exc

    def _replay(self, result: tuple, done: int, total: int) -> Iterator[Feature | Reject | StagedRows]:
        """Count a worker's part in ``stats`` and yield its records; re-raise the error the
        worker met (after the records before it, as the serial read would)."""
        files, records, part, error = result
        self.stats.absorb(part)
        if records.__class__ is StagedRows:
            yield records
        else:
            yield from records
        if error is not None:
            kind, message, path, record, field_name = error
            raise kind(message, path=path, record=record, field=field_name)
        done += files
        if self.cancel is not None and self.cancel():
            raise Cancelled(f"reading {self.path} cancelled")
        if self.progress is not None:
            self.progress(min(100.0, 100.0 * done / max(total, 1)))
        return done

    def _iter_serial_file(self, file: Path) -> Iterator[Feature | Reject]:
        """One file (a JSON file, or a small archive) of a parallel read, read here."""
        if file.suffix.lower() != ".zip":  # named as _contents names a loose JSON file
            name = file.name if file == self.path else str(file.relative_to(self.path))
            try:
                content = file.read_bytes()
            except OSError as exc:
                raise InputError(f"cannot read: {exc}", path=str(file)) from exc
            yield from _read_events([(name, content)], self.stats, self.london_only)
            return
        reader = StreetManagerReader.__new__(StreetManagerReader)
        reader.__dict__.update(self.__dict__)
        reader.path, reader.progress, reader.workers = file, None, 1
        reader._archives = {file: self._archives.pop(file)} if file in self._archives else {}
        yield from reader  # shares self.stats: counts land in the same place


def _read_events(
    contents: Iterable[tuple[str, bytes]], stats: ReadStats, london_only: bool, rows: bool = False
) -> Iterator[Feature | Reject | _FastRow]:
    """The features and rejects of ``(file name, content)`` pairs, in order, counted in
    ``stats``; geometries are parsed a batch at a time. When reading fails, what was read
    before is yielded before the error. With ``rows``, the permits of the fast path come as
    :class:`_FastRow` (for :meth:`RowBuilder.add_values`) instead of features."""
    batch: list[_Pending | _FastRow | Reject | _Skip] = []
    pending: list[_Pending | _FastRow] = []
    try:
        for name, content in contents:
            stats.files += 1
            typed = _typed_event(content, name, london_only)
            if typed is not None:
                stats.events_read += 1
                if typed.__class__ is _FastRow:
                    pending.append(typed)
                batch.append(typed)
                if len(batch) >= _BATCH:
                    yield from _emit(batch, pending, stats, rows)
                continue
            for source_file, event in _events_of(name, content):
                stats.events_read += 1
                if event.__class__ is InputError:
                    batch.append(Reject(source_file, source_file, "", event.reason))
                    continue
                out = _fast_permit(event, source_file, london_only) or _prepare_event(
                    event, source_file, london_only
                )
                if out.__class__ is _FastRow or out.__class__ is _Pending:
                    pending.append(out)
                batch.append(out)
            if len(batch) >= _BATCH:
                yield from _emit(batch, pending, stats, rows)
    except DigOnceError:
        yield from _emit(batch, pending, stats, rows)
        raise
    yield from _emit(batch, pending, stats, rows)


def _emit(
    batch: list[_Pending | _FastRow | Reject | _Skip],
    pending: list[_Pending | _FastRow],
    stats: ReadStats,
    rows: bool = False,
) -> Iterator[Feature | Reject | _FastRow]:
    """Parse the geometries of ``pending`` in one go, then yield ``batch`` in order."""
    finished: dict[int, Feature | Reject | _FastRow] = {}
    if pending:
        geometries = parse_geometries([p.geometry_text for p in pending], [p.geometry_field for p in pending])
        for p, g in zip(pending, geometries, strict=True):
            if p.__class__ is _FastRow:
                if g.__class__ is BadValue:  # as _finish_event reports it
                    finished[id(p)] = Reject(p.source_file, p.record, g.field, g.reason)
                else:
                    p.geometry = g
                    finished[id(p)] = p if rows else p.feature()
                continue
            out = finished[id(p)] = _finish_event(p, g)
            if p.warnings and out.__class__ is Feature:
                stats.note_warnings(p.warnings, p.record)
    for item in batch:
        if item.__class__ is _Pending or item.__class__ is _FastRow:
            item = finished[id(item)]
        if item.__class__ is _FastRow:
            stats.works += 1
            yield item
            continue
        stats.count(item)
        if item.__class__ is not _Skip:
            yield item
    batch.clear()
    pending.clear()


#: Archives with fewer members are read in this process (starting a worker costs ~0.5 s).
PARALLEL_MIN_MEMBERS = 20_000
#: How long worker processes may take to start (Python, numpy and shapely imported) before
#: the read goes on without them.
_START_SECONDS = 120.0


def _worker_started() -> int:
    """Run first in each worker: that it returns shows the worker imported this module."""
    return os.getpid()


@lru_cache(maxsize=1)
def _python_for_workers() -> str | None:
    """A Python interpreter to start workers with: this one when it is Python, else (inside
    QGIS, whose executable is QGIS) the interpreter of its prefix; None when there is none
    (the read then stays in one process).

    Each candidate is run once and kept only when it is this very Python (same
    ``sys.version``, build included): inside ``qgis_process`` ``sys.executable`` is whatever
    ``python3`` comes first on PATH (a pyenv shim, another 3.11), and a worker started with it
    imports this QGIS's numpy into another interpreter and fails ("datetime_CAPI")."""
    import sys

    candidates = [sys.executable]
    for prefix in (sys.exec_prefix, sys.base_exec_prefix):
        candidates += [
            os.path.join(prefix, "bin", f"python{sys.version_info[0]}.{sys.version_info[1]}"),
            os.path.join(prefix, "bin", "python3"),
            os.path.join(prefix, "python.exe"),
        ]
    seen = set()
    for path in candidates:
        if not path or path in seen or not os.path.basename(path).lower().startswith("python"):
            continue
        seen.add(path)
        if os.path.isfile(path) and _same_python(path, sys.version):
            return path
    return None


def _same_python(path: str, version: str) -> bool:
    """Whether the interpreter at ``path`` is this Python: it starts and says the same
    ``sys.version`` (isolated: no site, no environment, so it is quick and says only what it is)."""
    import subprocess  # nosec B404  # runs an interpreter found beside this one, no shell

    try:
        done = subprocess.run(  # nosec B603  # a fixed argument list, no shell
            [path, "-I", "-S", "-c", "import sys; sys.stdout.write(sys.version)"],
            capture_output=True,
            timeout=60,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0 and done.stdout.decode("utf-8", "replace") == version


@without_gc
def _parse_members(
    path: str,
    label: str,
    limits: ZipLimits,
    start: int,
    count: int,
    zip_name: str,
    london_only: bool,
    rows: bool,
    parts: str | None = None,
) -> tuple[int, list[Feature | Reject] | StagedRows, ReadStats, tuple | None]:
    """In a worker: read, check and parse the members of ``count`` directory entries from
    byte ``start`` (a part of a directory the parent has checked) as the serial read does.
    Returns (members read, the records: in order, or with ``rows`` as one
    :class:`StagedRows`, their counts, the error met or None). With ``parts`` (a folder), the
    rows are written into a SQLite file there (:func:`write_part`) rather than returned.

    It runs in a worker process, with Python's cyclic collector paused (:func:`without_gc`)
    and resumed as it was: the rows and their values are new objects by the hundred
    thousand, none in a cycle worth collecting, and the collections took 2-3 us of a worker's
    ~25 us an event (a chunk's few cycles, such as a refused geometry's traceback, are
    collected once it resumes)."""
    archive = SafeZip.__new__(SafeZip)  # the parent checked the directory: not again
    archive._data, archive.path, archive.label, archive.limits = None, Path(path), label, limits
    archive.cd_offset, archive.count = start, count
    stats = _PartStats()
    items: list[Feature | Reject] = []
    builder = RowBuilder(MERGED_WORKS_LAYERS) if rows else None
    rejects: list[tuple[str, str, str, str]] = []
    error = None

    def contents(data: Any) -> Iterator[tuple[str, bytes]]:
        # the members read in runs between the entries that are not event files, so that
        # those are counted at their place in the order (as the serial read counts them)
        run: list[Any] = []
        try:
            for entry in archive._entries():
                if entry.name.endswith("/"):
                    continue
                if entry.name.lower().endswith(".json"):
                    run.append(entry)
                    continue
                yield from _named(run, data)
                stats.note_not_event_file(f"{zip_name}/{entry.name}")
        except DigOnceError:  # a directory entry gone bad: the members before it first
            yield from _named(run, data)
            raise
        yield from _named(run, data)

    def _named(run: list[Any], data: Any) -> Iterator[tuple[str, bytes]]:
        for entry, content in zip(run, archive.read_many(data, run, limits), strict=False):
            yield f"{zip_name}/{entry.name}", content
        run.clear()

    try:
        with open(path, "rb", buffering=1 << 20) as data:
            for item in _read_events(contents(data), stats, london_only, rows):
                if builder is None:
                    items.append(item)
                elif item.__class__ is _FastRow:
                    builder.add_values(WORKS_TABLE, item.values, item.sort_key, item.geometry)
                elif item.__class__ is Feature:
                    builder.add(item)
                else:
                    rejects.append((item.source_file, item.record, item.field, item.reason))
    except DigOnceError as exc:
        error = (type(exc), getattr(exc, "reason", str(exc)), getattr(exc, "path", None),
                 getattr(exc, "record", None), getattr(exc, "field", None))  # fmt: skip
    if builder is None:
        return stats.files, items, stats, error
    taken = {name: builder.take(name) for name in MERGED_WORKS_LAYERS}
    records = stats.works + stats.restrictions + stats.rejected
    if parts is not None and any(taken.values()):
        path = os.path.join(parts, f"part-{os.getpid()}-{start}.sqlite")
        staged = StagedRows(write_part(path, MERGED_WORKS_LAYERS, taken), rejects, records, part=path)
    else:
        staged = StagedRows(taken, rejects, records)
    return stats.files, staged, stats, error


def latest_per_key(items: Iterable[Feature | Reject]) -> dict[tuple[str, str], Feature]:
    """In memory, the feature with the greatest ``sort_key`` per (layer, key): the rule the
    store applies on disk. For tests and small inputs."""
    keys = {WORKS_TABLE: "permit_ref", RESTRICTIONS_TABLE: "restriction_ref"}
    best: dict[tuple[str, str], Feature] = {}
    for item in items:
        if isinstance(item, Feature):
            k = (item.layer, item.values[keys[item.layer]])
            if k not in best or item.sort_key > best[k].sort_key:
                best[k] = item
    return best


def _large(reader: StreetManagerReader) -> bool:
    """Whether the input holds an archive large enough to be read by workers (by file size:
    nothing is opened here)."""
    files = reader._files() if reader.path.is_dir() else [reader.path]
    return any(
        f.suffix.lower() == ".zip" and f.stat().st_size >= PARALLEL_MIN_MEMBERS * _MEMBER_BYTES for f in files
    )


#: The share of an import's progress that reading takes (the merge into the store the rest).
_READ_SHARE = 0.9

#: Fewest bytes a compressed Street Manager event member takes in an archive (header included).
_MEMBER_BYTES = 300


def import_street_manager(
    store: Store,
    path: str | os.PathLike[str],
    *,
    london_only: bool = False,
    workers: int = 1,
    cancel: Callable[[], bool] | None = None,
    progress: Callable[[float], None] | None = None,
    limits: ZipLimits | None = None,
) -> tuple[ImportResult, ReadStats]:
    """Read ``path`` and merge it into ``store`` atomically (latest event per permit wins,
    against what the store already holds). The same content with the same options a second
    time changes nothing (``result.unchanged``). ``result.message`` also says what was left out
    (outside London, other objects, files that are not events) and which values were kept with
    a warning. With ``workers`` > 1 the members of large archives (``PARALLEL_MIN_MEMBERS`` or
    more) are read, parsed and made into store rows in that many processes, this one only
    inserting the rows and merging them (same result)."""
    # reading is 0-90 % of the progress, the merge into the store the rest (a month of
    # England's merge takes 5-9 s: the bar no longer waits at 100 % meanwhile)
    reading = (lambda p: progress(_READ_SHARE * p)) if progress is not None else None
    merging = (
        (lambda p: progress(_READ_SHARE * 100.0 + (1.0 - _READ_SHARE) * p)) if progress is not None else None
    )
    reader = StreetManagerReader(
        path, london_only=london_only, limits=limits, cancel=cancel, progress=reading, workers=workers
    )
    try:
        if reader.workers > 1 and _python_for_workers() is not None and _large(reader):
            reader.start_workers()  # they start while the input is checksummed
        # the archives' directories are checked while the input is checksummed on a thread
        # (hashing lets go of Python's lock): a month of England, 1.0 s and 1.3 s, one after the other before
        with ThreadPoolExecutor(1, thread_name_prefix="digonce-sha256") as hashing:
            sha_future = hashing.submit(path_sha256, path, cancel)
            try:
                reader.check_archives()
            finally:
                sha = sha_future.result()
        result = store.merge_works(
            reader.staged(),
            kind=SOURCE,
            source=str(path),
            sha256=sha,
            # the reader's rules are part of the options, so that a month imported under older
            # rules (which lost real permits) is read again rather than reported unchanged
            options={"london_only": bool(london_only), "rules": READER_RULES},
            records_read=lambda: reader.stats.events_read,
            cancel=cancel,
            progress=merging,
        )
    finally:
        reader.stop_workers()
    if not result.unchanged:
        result.message = ". ".join([result.message, *reader.stats.summary(london_only=london_only)])
    return result, reader.stats
