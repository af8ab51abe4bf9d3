"""National Highways planned roadworks (``HE_PLANNED_WORKS`` XML) -> canonical works with
``source = 'national_highways'`` (issue 19).

National Highways publishes its planned roadworks on the strategic road network (motorways
and trunk A roads) as an SSRS XML report (data.gov.uk "Highways Agency planned roadworks",
OGL v3), namespace ``WebTeam``::

    <HE_PLANNED_WORKS NEW_EVENT_NUMBER="00352573-001" SDATE="31-DEC-2023 23:59"
        EDATE="31-MAY-2025 23:59" EXPDEL="Moderate (10 - 30 mins)" DESCRIPTION="..."
        CLOSURE_TYPE="Major Schemes" STATUS="Published" PUBLISHED_DATE="2023-12-21T14:45:07">
      <EASTNORTH>...<EASTNORTH CENTRE_EASTING="507930" CENTRE_NORTHING="159334"/>...</EASTNORTH>
      <ROADS>...<ROAD ROAD_NUMBER="M25"/>...</ROADS>
    </HE_PLANNED_WORKS>

QGIS cannot open it; it is read here with the standard library's XML parser, element by
element. Decisions:

- ``permit_ref`` is ``nh:<NEW_EVENT_NUMBER>``; ``work_ref`` the event number; promoter and
  highway authority "National Highways"; ``street_name`` the road numbers (``M25, A282``);
  ``activity_type`` the closure type as a code (``programmed_routine_works``);
  ``work_status`` ``planned``. The expected delay and description have no canonical field.
- Dates are London wall-clock time as written (``22-APR-2025 22:00``): the calendar date is
  the date written; the times go to ``start_time``/``end_time``.
- The geometry is the works' centre point (several centres: a multipoint) in EPSG:27700.
- The same event published twice in one file keeps the latest ``PUBLISHED_DATE``; the other
  is a reject saying it was superseded. Across imports, the later publication wins too (it is
  the merge's sort key).
- National files cover England: with the London filter on (the default of the algorithm)
  events outside London are counted as left out by the London filter, never dropped silently.
"""

from __future__ import annotations

import os

# The standard library's parser is safe enough here: it never fetches external entities, and
# expat >= 2.4 stops entity-expansion bombs ("billion laughs") with a parse error (tested).
import xml.etree.ElementTree as ET  # nosec B405
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import shapely

from ..core.dates import parse_datetime
from ..core.errors import InputError
from ..store.store import WORKS_TABLE, Feature, ImportResult, Reject, Store, file_sha256
from .forward_plans import _date, screen_bng
from .streetmanager import BadValue, code
from .works_files import _with_notes, in_london

SOURCE = "national_highways"
PREFIX = "nh:"
ELEMENT = "HE_PLANNED_WORKS"
PUBLISHER = "National Highways"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def is_national_highways_xml(path: str | os.PathLike[str]) -> bool:
    """True when the file's first 64 KB name the ``HE_PLANNED_WORKS`` element."""
    try:
        with open(path, "rb") as f:
            head = f.read(65536)
    except OSError:
        return False
    return ELEMENT.encode() in head


@dataclass
class NHRead:
    """What a read saw: events in the file, and those left out by the London filter."""

    events: int = 0
    distinct: int = 0  # events with a geometry and dates, once each (the latest publication)
    left_out: int = 0
    notes: list[str] = field(default_factory=list)


def _time(value: str | None) -> str | None:
    if not value:
        return None
    moment = parse_datetime(value)
    return moment.strftime("%H:%M") if moment.hour or moment.minute else None


def nh_feature(
    attrs: dict[str, str], points: list[tuple[str, str]], roads: list[str], source_file: str
) -> Feature | Reject:
    """One ``HE_PLANNED_WORKS`` element as a works feature, or a reject saying why."""
    ref = (attrs.get("NEW_EVENT_NUMBER") or "").strip()
    record = ref or "(no NEW_EVENT_NUMBER)"
    if not ref:
        return Reject(source_file, record, "NEW_EVENT_NUMBER", "missing event number")
    try:
        if not points:
            raise BadValue("CENTRE_EASTING", "missing centre easting/northing")
        xy = []
        for east, north in points:
            try:
                xy.append((float(east), float(north)))
            except (TypeError, ValueError):
                raise BadValue("CENTRE_EASTING", f"not a number: {east!r}, {north!r}") from None
        geom = shapely.Point(xy[0]) if len(xy) == 1 else shapely.MultiPoint(xy)
        geom = screen_bng(geom, "CENTRE_EASTING")
        start = _date(attrs.get("SDATE"), "SDATE")
        end = _date(attrs.get("EDATE"), "EDATE")
        if start is None:
            raise BadValue("SDATE", "missing start date")
        if end is None:
            raise BadValue("EDATE", "missing end date")
        if end < start:
            raise BadValue("EDATE", f"end {end} before start {start}")
        published = attrs.get("PUBLISHED_DATE") or ""
        sort_key = parse_datetime(published).isoformat() if published else ""
    except BadValue as bad:
        return Reject(source_file, ref, bad.field, bad.reason)
    except ValueError:
        return Reject(source_file, ref, "PUBLISHED_DATE", f"unparseable date {attrs.get('PUBLISHED_DATE')!r}")
    values: dict[str, Any] = {
        "permit_ref": PREFIX + ref,
        "work_ref": ref,
        "promoter": PUBLISHER,
        "highway_authority": PUBLISHER,
        "street_name": ", ".join(dict.fromkeys(r for r in roads if r)) or None,
        "road_category": "strategic road network",
        "activity_type": code(" ".join((attrs.get("CLOSURE_TYPE") or "").split()) or None),
        "work_status": "planned",
        "start_date": start,
        "end_date": end,
        "start_time": _time(attrs.get("SDATE")),
        "end_time": _time(attrs.get("EDATE")),
        "source": SOURCE,
        "source_file": source_file,
    }
    return Feature(WORKS_TABLE, values, geom, sort_key)


def _elements(path: Path) -> Iterator[tuple[dict[str, str], list[tuple[str, str]], list[str]]]:
    """(attributes, centre points, road numbers) of each HE_PLANNED_WORKS element."""
    try:
        for _event, elem in ET.iterparse(path, events=("end",)):  # nosec B314  # expat: no external entities, entity expansion limited
            if _local(elem.tag) != ELEMENT:
                continue
            points = [
                (e.get("CENTRE_EASTING"), e.get("CENTRE_NORTHING"))
                for e in elem.iter()
                if _local(e.tag) == "EASTNORTH"
                and ("CENTRE_EASTING" in e.attrib or "CENTRE_NORTHING" in e.attrib)
            ]
            roads = [e.get("ROAD_NUMBER", "").strip() for e in elem.iter() if _local(e.tag) == "ROAD"]
            yield dict(elem.attrib), points, roads
            elem.clear()
    except ET.ParseError as exc:
        raise InputError(
            f"not readable XML ({exc}): the file is damaged or cut short", path=str(path)
        ) from None


def read_national_highways(
    path: str | os.PathLike[str],
    *,
    london_only: bool = True,
    info: NHRead | None = None,
) -> Iterator[Feature | Reject]:
    """The events of a National Highways planned roadworks XML file as works features and
    rejects. ``info`` counts events read and those left out by the London filter."""
    path = Path(path)
    info = info if info is not None else NHRead()
    kept: dict[str, Feature] = {}
    order: list[str] = []
    for attrs, points, roads in _elements(path):
        info.events += 1
        item = nh_feature(attrs, points, roads, path.name)
        if isinstance(item, Reject):
            yield item
            continue
        ref = item.values["work_ref"]
        earlier = kept.get(ref)
        if earlier is None:
            kept[ref] = item
            order.append(ref)
            continue
        newer, older = (item, earlier) if item.sort_key > earlier.sort_key else (earlier, item)
        kept[ref] = newer
        yield Reject(
            path.name,
            ref,
            "PUBLISHED_DATE",
            f"superseded: the same event is published again in this file on {newer.sort_key} "
            f"(this one {older.sort_key or 'undated'})",
        )
    if info.events == 0:
        raise InputError(
            f"no {ELEMENT} element: not a National Highways planned roadworks file", path=str(path)
        )
    info.distinct = len(order)
    for ref in order:
        feature = kept[ref]
        if london_only and not in_london(feature.geometry):
            info.left_out += 1
            continue
        yield feature


def import_national_highways(
    store: Store,
    path: str | os.PathLike[str],
    *,
    london_only: bool = True,
    cancel: Callable[[], bool] | None = None,
    progress: Callable[[float], None] | None = None,
) -> ImportResult:
    """Merge a National Highways planned roadworks file into the store's works
    (``source='national_highways'``, ``permit_ref`` ``nh:<event number>``)."""
    info = NHRead()
    result = store.merge_works(
        read_national_highways(path, london_only=london_only, info=info),
        kind=SOURCE,
        source=str(path),
        sha256=file_sha256(path),
        options={"london_only": london_only},
        records_read=lambda: info.events,
        cancel=cancel,
        progress=progress,
    )
    notes = ["layout: National Highways planned roadworks (HE_PLANNED_WORKS XML)"]
    if london_only and not result.unchanged:
        notes.append(
            f"{info.distinct - info.left_out} of {info.distinct} usable events in or within 50 m of London"
        )
    return _with_notes(result, info.left_out if not result.unchanged else 0, notes)


__all__ = [
    "SOURCE",
    "import_national_highways",
    "is_national_highways_xml",
    "nh_feature",
    "read_national_highways",
]
