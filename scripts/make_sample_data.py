#!/usr/bin/env python3
"""Generate a deterministic, synthetic sample London scenario in the publishers' real formats.

Usage::

    python scripts/make_sample_data.py --seed 42 --out demo-data [--works 3000] [--months 2026-03 2026-04]

or, from Python (tests, benchmarks)::

    mod = importlib.util.module_from_spec(...)   # load this file
    result = mod.generate(out_dir, seed=42, n_works=3000)
    result["paths"]   # {logical name: Path}
    result["faults"]  # deliberate faults and their exact counts, per file
    mod.write_streetmanager_archive(path, n_works=None, seed=42, month="2026-03", target_events=1_000_000)

Everything written is synthetic (no real record is copied) and byte-identical for the same seed and
arguments: every random draw comes from ``random.Random`` seeded with a string derived from the seed,
iteration is in a fixed order, ZIP members carry a fixed timestamp and no wall-clock time is read.

Only the standard library plus numpy, shapely 2.0 and pyproj are used (the GeoPackage is written with
``sqlite3`` by hand, so GDAL is not needed).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import math
import random
import sqlite3
import struct
import sys
import tempfile
import zlib
from collections import Counter
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

# ----------------------------------------------------------------------------------------------
# Code lists and organisations
# ----------------------------------------------------------------------------------------------

WORK_CATEGORY = {
    "minor": "Minor",
    "standard": "Standard",
    "major": "Major",
    "immediate_urgent": "Immediate - urgent",
    "immediate_emergency": "Immediate - emergency",
    "paa": "PAA",
    "hs2_highway": "HS2 highway",
}
WORK_STATUS = {
    "planned": "Planned work about to start",
    "in_progress": "Works in progress",
    "completed": "Works completed",
    "cancelled": "Cancelled",
    "unattributable": "Unattributable",
    "historical": "Historical",
    "non_notifiable": "Non-notifiable",
    "section_81": "Section 81",
}
TRAFFIC_MANAGEMENT = {
    "road_closure": "Road closure",
    "contra_flow": "Contra-flow",
    "lane_closure": "Lane closure",
    "multi_way_signals": "Multi-way signals",
    "two_way_signals": "Two-way signals",
    "convoy_workings": "Convoy workings",
    "stop_go_boards": "Stop/go boards",
    "priority_working": "Priority working",
    "give_and_take": "Give and take",
    "some_carriageway_incursion": "Some carriageway incursion",
    "no_carriageway_incursion": "No carriageway incursion",
}
COLLABORATION_TYPE = {
    "trench_sharing_primary_promoter": "Trench sharing - primary promoter",
    "trench_sharing_secondary_promoter": "Trench sharing - secondary promoter",
    "sharing_traffic_management_only": "Sharing traffic management only",
    "other": "Other",
}
WORKS_LOCATION_TYPE = {
    "footway": "Footway",
    "carriageway": "Carriageway",
    "verge": "Verge",
    "cycleway": "Cycleway",
    "footpath": "Footpath",
    "parking_place": "Parking place",
    "bus_stop_or_stand": "Bus stop or stand",
    "cycle_hire_docking_station": "Cycle hire docking station",
    "taxi_rank": "Taxi rank",
}
ACTIVITY_TYPE = {
    "highway_improvement_works": "Highway improvement works",
    "highway_repair_and_maintenance_works": "Highway repair and maintenance works",
    "utility_asset_works": "Utility asset works",
    "utility_repair_and_maintenance_works": "Utility repair and maintenance works",
    "diversionary_works": "Diversionary works",
    "disconnection_or_alteration_of_supply": "Disconnection or alteration of supply",
    "permanent_reinstatement": "Permanent reinstatement",
    "remedial_works": "Remedial works",
    "core_sampling": "Core sampling",
    "new_service_connection": "New service connection",
}
PERMIT_CONDITIONS = (
    "NCT01a",
    "NCT01b",
    "NCT02a",
    "NCT02b",
    "NCT04a",
    "NCT05a",
    "NCT06a",
    "NCT08a",
    "NCT09a",
    "NCT10a",
    "NCT11a",
    "NCT11b",
    "NCT12a",
    "NCT13a",
)
S58_DURATION_MONTHS = {
    "six_months": 6,
    "one_year": 12,
    "two_years": 24,
    "three_years": 36,
    "five_years": 60,
}

# key: (Street Manager highway_authority, SWA code, GSS code, display name, postcode town)
AUTHORITIES: dict[str, tuple[str, str, str, str]] = {
    "camden": ("LONDON BOROUGH OF CAMDEN", "5210", "E09000007", "Camden"),
    "westminster": ("CITY OF WESTMINSTER", "5990", "E09000033", "Westminster"),
    "islington": ("LONDON BOROUGH OF ISLINGTON", "5570", "E09000019", "Islington"),
    "city": ("CITY OF LONDON CORPORATION", "5030", "E09000001", "City of London"),
    "hackney": ("LONDON BOROUGH OF HACKNEY", "5360", "E09000012", "Hackney"),
    "tower_hamlets": ("LONDON BOROUGH OF TOWER HAMLETS", "5900", "E09000030", "Tower Hamlets"),
    "southwark": ("LONDON BOROUGH OF SOUTHWARK", "5840", "E09000028", "Southwark"),
    "lambeth": ("LONDON BOROUGH OF LAMBETH", "5660", "E09000022", "Lambeth"),
    "kensington": (
        "ROYAL BOROUGH OF KENSINGTON AND CHELSEA",
        "5600",
        "E09000020",
        "Kensington and Chelsea",
    ),
    "tfl": ("TRANSPORT FOR LONDON (TFL)", "20", "", "Transport for London"),
    # Not London: a London filter must remove these.
    "herts": ("HERTFORDSHIRE COUNTY COUNCIL", "1900", "E10000015", "Hertfordshire"),
    "surrey": ("SURREY COUNTY COUNCIL", "3600", "E10000030", "Surrey"),
    "kent": ("KENT COUNTY COUNCIL", "2200", "E10000016", "Kent"),
}
LONDON_BOROUGHS = (
    "camden",
    "westminster",
    "islington",
    "city",
    "hackney",
    "tower_hamlets",
    "southwark",
    "lambeth",
    "kensington",
)
USRN_PREFIX = {
    "camden": "52",
    "westminster": "84",
    "islington": "54",
    "city": "50",
    "hackney": "53",
    "tower_hamlets": "59",
    "southwark": "58",
    "lambeth": "56",
    "kensington": "55",
    "tfl": "20",
    "herts": "19",
    "surrey": "36",
    "kent": "22",
}
# Where the non-London streets are (BNG bounding boxes): well outside Greater London.
NON_LONDON_BOXES = {
    "herts": (528000, 205000, 536000, 211000),
    "surrey": (512000, 148000, 520000, 153000),
    "kent": (560000, 160000, 568000, 166000),
}

NON_LONDON_TOWNS = {"herts": "CHESHUNT", "surrey": "LEATHERHEAD", "kent": "SEVENOAKS"}

# (organisation, SWA code, utility type, weight)
PROMOTERS = (
    ("Thames Water Utilities Ltd", "TW", "water", 22),
    ("UK Power Networks", "UKPN", "electricity", 15),
    ("Openreach", "BT", "telecoms", 18),
    ("Cadent Gas Ltd", "CAD", "gas", 12),
    ("Virgin Media", "VM", "telecoms", 8),
    ("Community Fibre Limited", "CFL", "telecoms", 8),
    ("CityFibre Metro Networks Limited", "CFM", "telecoms", 4),
    ("Colt Technology Services", "COLT", "telecoms", 3),
    (None, None, "highway", 10),  # the highway authority itself
)
UTILITY_ACTIVITIES = {
    "water": ("utility_repair_and_maintenance_works", "utility_asset_works", "new_service_connection"),
    "electricity": ("utility_asset_works", "utility_repair_and_maintenance_works", "new_service_connection"),
    "gas": (
        "utility_asset_works",
        "utility_repair_and_maintenance_works",
        "disconnection_or_alteration_of_supply",
    ),
    "telecoms": ("utility_asset_works", "new_service_connection", "utility_repair_and_maintenance_works"),
    "highway": ("highway_repair_and_maintenance_works", "highway_improvement_works", "remedial_works"),
}

STREET_STEMS = (
    "Albany", "Amwell", "Argyle", "Balfe", "Barnsbury", "Bemerton", "Bevin", "Birkenhead", "Bramley",
    "Britannia", "Brunswick", "Caledonian", "Calshot", "Carnegie", "Cheney", "Chenies", "Cleveland",
    "Coldbath", "Compton", "Copenhagen", "Cromer", "Crondall", "Cubitt", "Dartmouth", "Doughty",
    "Drummond", "Dunloe", "Eagle", "Elm", "Endell", "Everilda", "Exmouth", "Fanshaw", "Farringdon",
    "Fitzroy", "Frederick", "Garnault", "Gerrard", "Goswell", "Granville", "Grenville", "Guilford",
    "Halton", "Hanway", "Harrison", "Hastings", "Hemingford", "Hermes", "Holford", "Hoxton", "Huntley",
    "Ironmonger", "Jockey's Fields", "Judd", "Keystone", "King's", "Kirby", "Lamb's Conduit", "Leeke",
    "Lloyd Baker", "Lorenzo", "Lower Marsh", "Lyme", "Mabledon", "Malet", "Margery", "Mecklenburgh",
    "Midhope", "Millman", "Monmouth", "Myddelton", "Nelson", "Northdown", "Old Gloucester", "Packington",
    "Penton", "Percy", "Pied Bull", "Pollen", "Prospect", "Queen's Head", "Red Lion", "Regent", "Risinghill",
    "Rodney", "Rosebery", "Sandwich", "St Chad's", "St John's", "St Peter's", "Sekforde", "Sidmouth",
    "Skinner", "Speedy", "Staple", "Swinton", "Tankerton", "Tavistock", "Thornhill", "Tolpuddle",
    "Torrington", "Underwood", "Vernon", "Vine", "Wakefield", "Warner", "Wharton", "Whidborne",
    "Whiskin", "Wicklow", "Wilmington", "Woburn", "Wynford", "Yardley", "York", "Zealand",
)  # fmt: skip
STREET_SUFFIXES = (
    "Street", "Road", "Lane", "Place", "Row", "Gardens", "Terrace", "Walk", "Way", "Mews", "Square", "Grove",
)  # fmt: skip
TFL_ROAD_NAMES = (
    "Euston Road", "Pentonville Road", "City Road", "Farringdon Road", "Gray's Inn Road", "Marylebone Road",
    "Old Street", "Commercial Street", "Borough High Street", "Kennington Road", "Vauxhall Bridge Road",
    "Park Lane", "Edgware Road", "Great Eastern Street", "Shoreditch High Street", "Blackfriars Road",
    "Upper Thames Street", "Tower Bridge Road", "Bishopsgate", "Aldersgate Street", "Holloway Road",
    "Essex Road", "Kingsland Road", "Westminster Bridge Road", "Lambeth Palace Road", "Embankment",
)  # fmt: skip

CLUSTER_BLOCK = 50  # works i with i % CLUSTER_BLOCK < CLUSTER_SIZE are one planted cluster per block
CLUSTER_SIZE = 6
FAULT_PERIOD = 61  # works i with i % FAULT_PERIOD == FAULT_PHASE carry a deliberate fault
FAULT_PHASE = 13
FAULT_KINDS = ("bad_geometry", "missing_end_date", "end_before_start", "unknown_code")
S58_PERIOD = 80  # works i with i % S58_PERIOD == S58_PHASE also create a Section 58 on their street
S58_PHASE = 40
EVENT_REF_BASE = 5_000_000
UNKNOWN_WORK_CATEGORY = "emergency"  # not in the work_category_ref code list
BAD_WKT = (
    "LINESTRING(529001.23 181002.45,529010.1",  # truncated
    "POINT(529000.12,181000.50)",  # comma inside a point
    "POLYGON((529000.00 181000.00,529010.00 181000.00,529010.00 181010.00))",  # ring not closed
)

SCENARIO_FIRST_START = date(2026, 2, 9)  # works' proposed start dates span this window
SCENARIO_LAST_START = date(2026, 5, 29)
AREA = (525000.0, 176000.0, 535000.0, 184000.0)  # central London, BNG

# ----------------------------------------------------------------------------------------------
# Time helpers (Europe/London without a tz database: BST = last Sunday of March to last Sunday of
# October, changing at 01:00 UTC)
# ----------------------------------------------------------------------------------------------


def _last_sunday(year: int, month: int) -> date:
    d = date(year, month + 1, 1) - timedelta(days=1)
    return d - timedelta(days=(d.weekday() + 1) % 7)


@lru_cache(maxsize=64)
def _bst_bounds(year: int) -> tuple[datetime, datetime]:
    start = datetime.combine(_last_sunday(year, 3), datetime.min.time()) + timedelta(hours=1)
    end = datetime.combine(_last_sunday(year, 10), datetime.min.time()) + timedelta(hours=1)
    return start, end


def local_to_utc(local: datetime) -> datetime:
    """London wall-clock time (naive) -> naive UTC."""
    guess = local - timedelta(hours=1)
    start, end = _bst_bounds(local.year)
    return guess if start <= guess < end else local


def iso_z(dt: datetime) -> str:
    return f"{dt.year:04d}-{dt.month:02d}-{dt.day:02d}T{dt.hour:02d}:{dt.minute:02d}:{dt.second:02d}.000Z"


def envelope(eref: str, etype: str, state: dict, t: datetime, object_type: str, reference: str) -> dict:
    """One Street Manager event as DfT's archive holds it: the envelope around the object's state."""
    return {
        "event_reference": eref,
        "event_type": etype,
        "object_data": state,
        "event_time": iso_z(t),
        "object_type": object_type,
        "object_reference": reference,
        "version": 1,
    }


def local_midnight_z(d: date) -> str:
    """A calendar date as Street Manager writes it: London midnight in UTC (23:00Z the day before in BST)."""
    return iso_z(local_to_utc(datetime(d.year, d.month, d.day)))


def _month_window(month: str) -> tuple[datetime, datetime]:
    y, m = (int(p) for p in month.split("-"))
    t0 = datetime(y, m, 1)
    t1 = datetime(y + (m == 12), m % 12 + 1, 1)
    return t0, t1


def _dos_time(dt: datetime) -> tuple[int, int]:
    return (dt.hour << 11) | (dt.minute << 5) | (dt.second // 2), ((dt.year - 1980) << 9) | (
        dt.month << 5
    ) | dt.day


# ----------------------------------------------------------------------------------------------
# The synthetic world: streets, boroughs, postcodes
# ----------------------------------------------------------------------------------------------


# Plain classes rather than dataclasses: callers load this file with importlib without registering it
# in sys.modules, which dataclasses (with postponed annotations) cannot cope with.


class Street:
    """A synthetic street: name (title case), USRN (string), highway authority key, BNG polyline."""

    __slots__ = ("authority", "coords", "cum", "name", "sid", "usrn")

    def __init__(
        self, sid: int, name: str, usrn: str, authority: str, coords: list[tuple[float, float]]
    ) -> None:
        self.sid, self.name, self.usrn, self.authority, self.coords = sid, name, usrn, authority, coords
        cum = [0.0]
        for (x0, y0), (x1, y1) in zip(self.coords, self.coords[1:], strict=False):
            cum.append(cum[-1] + math.hypot(x1 - x0, y1 - y0))
        self.cum = cum

    @property
    def length(self) -> float:
        return self.cum[-1]

    def _seg(self, s: float) -> int:
        cum = self.cum
        lo, hi = 0, len(cum) - 2
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if cum[mid] <= s:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def point(self, s: float) -> tuple[float, float, float, float]:
        """Point at distance s along the street and the unit tangent there: (x, y, tx, ty)."""
        s = min(max(s, 0.0), self.length)
        i = self._seg(s)
        (x0, y0), (x1, y1) = self.coords[i], self.coords[i + 1]
        seg = self.cum[i + 1] - self.cum[i] or 1.0
        f = (s - self.cum[i]) / seg
        return x0 + f * (x1 - x0), y0 + f * (y1 - y0), (x1 - x0) / seg, (y1 - y0) / seg

    def substring(self, s0: float, s1: float) -> list[tuple[float, float]]:
        s0, s1 = max(0.0, min(s0, s1)), min(self.length, max(s0, s1))
        out = [self.point(s0)[:2]]
        out += [c for c, d in zip(self.coords, self.cum, strict=True) if s0 < d < s1]
        out.append(self.point(s1)[:2])
        return out

    @property
    def upper(self) -> str:
        return self.name.upper()


def borough_at(e: float, n: float) -> str:
    """A coarse, plausible borough map of the central London area (synthetic, not the real boundaries)."""
    if 531500 <= e < 533700 and 180600 <= n < 182000:
        return "city"
    if n >= 182000 and 530600 <= e < 533300:
        return "islington"
    if e >= 533300 and n >= 182400:
        return "hackney"
    if e >= 533700 and 179800 <= n < 182400:
        return "tower_hamlets"
    if e >= 531500 and n < 180600:
        return "southwark"
    if e >= 533300 and n >= 182000:
        return "hackney"
    if e < 527500 and n < 180000:
        return "kensington"
    if 527500 <= e < 531500 and n < 178600:
        return "lambeth"
    if 527000 <= e < 531500 and n >= 181500:
        return "camden"
    if e >= 530600 and n >= 180600:
        return "city" if e >= 531500 else "camden"
    return "westminster"


# Postcode districts (outward codes) with a rough centre in BNG; a location takes the nearest one.
POSTCODE_DISTRICTS = (
    ("NW1", 528900, 183200), ("NW8", 527000, 183300), ("NW5", 528900, 184600), ("W2", 526300, 181200),
    ("W1", 528800, 181100), ("W11", 525200, 181000), ("W8", 525600, 179600), ("SW1A", 529900, 180000),
    ("SW1P", 529800, 178800), ("SW1V", 529200, 178200), ("SW1X", 528000, 179000), ("SW3", 527300, 178300),
    ("SW7", 526500, 179200), ("SW5", 525600, 178300), ("SW10", 526200, 177400), ("SW11", 527800, 176500),
    ("SW8", 529900, 177000), ("SW9", 531000, 176400), ("WC1X", 530900, 182600), ("WC1N", 530400, 182200),
    ("WC1H", 530000, 182500), ("WC1E", 529800, 181900), ("WC2H", 530000, 181000), ("WC2N", 530200, 180500),
    ("WC2A", 530900, 181300), ("WC1V", 530900, 181700), ("EC1V", 532000, 182700), ("EC1M", 531700, 182000),
    ("EC1A", 532000, 181600), ("EC2A", 533000, 182300), ("EC2V", 532500, 181200), ("EC3M", 533100, 181000),
    ("EC4A", 531300, 181200), ("EC4V", 532000, 180800), ("N1", 531800, 183600), ("N1C", 530200, 183500),
    ("E1", 534300, 181500), ("E2", 534500, 182900), ("E1W", 534700, 180500), ("E8", 534200, 184000),
    ("SE1", 531500, 179700), ("SE11", 531000, 178300), ("SE17", 532400, 178300), ("SE16", 534500, 179000),
    ("SE5", 532600, 176800), ("SE15", 534200, 176800),
)  # fmt: skip
UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
NOTSPOT_CENTRES = ((532750.0, 182900.0, 650.0), (526300.0, 177300.0, 700.0), (534400.0, 178600.0, 550.0))


class Postcode:
    __slots__ = ("borough", "e", "n", "outward", "pcds")

    def __init__(self, pcds: str, outward: str, e: float, n: float, borough: str) -> None:
        self.pcds, self.outward, self.e, self.n, self.borough = pcds, outward, e, n, borough  # "WC1X 8AB"

    @property
    def nospace(self) -> str:
        return self.pcds.replace(" ", "")


def _postcode_area(outward: str) -> str:
    letters = ""
    for ch in outward:
        if ch.isalpha():
            letters += ch
        else:
            break
    return letters


class World:
    """streets: London streets (index = sid); tfl_lines / lines: street ids along each (TfL) grid line."""

    def __init__(self, seed, streets, non_london, tfl_lines, lines, postcodes) -> None:
        self.seed, self.streets, self.non_london = seed, streets, non_london
        self.tfl_lines, self.lines, self.postcodes = tfl_lines, lines, postcodes


def _rng(seed: int, *parts: object) -> random.Random:
    return random.Random(":".join([str(seed), *map(str, parts)]))


def _make_line(
    rng: random.Random, vertical: bool, c0: float, lo: float, hi: float
) -> list[tuple[float, float]]:
    amp, period, phase = rng.uniform(10, 60), rng.uniform(1500, 4000), rng.uniform(0, 2 * math.pi)
    skew = rng.uniform(-0.04, 0.04)
    pts = []
    t = lo
    while True:
        off = c0 + amp * math.sin(2 * math.pi * t / period + phase) + skew * (t - lo) + rng.uniform(-4, 4)
        pts.append((off, t) if vertical else (t, off))
        if t >= hi:
            break
        t = min(hi, t + rng.uniform(70, 140))
    return pts


@lru_cache(maxsize=8)
def build_world(seed: int) -> World:
    rng = _rng(seed, "world")
    used_names: set[str] = set()
    streets: list[Street] = []
    lines: list[list[int]] = []
    tfl_lines: list[list[int]] = []
    usrn_pool = rng.sample(range(100000, 999999), 4000)
    usrn_i = 0
    tfl_names = list(TFL_ROAD_NAMES)
    rng.shuffle(tfl_names)

    def new_name() -> str:
        while True:
            name = f"{rng.choice(STREET_STEMS)} {rng.choice(STREET_SUFFIXES)}"
            if name not in used_names:
                used_names.add(name)
                return name

    xs = [525260 + k * 418 + rng.uniform(-40, 40) for k in range(24)]
    ys = [176240 + k * 382 + rng.uniform(-40, 40) for k in range(21)]
    grid = [(True, x, AREA[1] + 40, AREA[3] - 40) for x in xs] + [
        (False, y, AREA[0] + 40, AREA[2] - 40) for y in ys
    ]
    tfl_idx = set(rng.sample(range(24), 3)) | {24 + k for k in rng.sample(range(21), 3)}
    for li, (vertical, c0, lo, hi) in enumerate(grid):
        pts = _make_line(rng, vertical, c0, lo, hi)
        is_tfl = li in tfl_idx
        # split the line into streets of 600-1800 m sharing their end vertices
        line_ids: list[int] = []
        i = 0
        while i < len(pts) - 1:
            target = rng.uniform(600, 1800)
            j, acc = i, 0.0
            while j < len(pts) - 1 and acc < target:
                acc += math.dist(pts[j], pts[j + 1])
                j += 1
            if len(pts) - 1 - j <= 3:
                j = len(pts) - 1
            coords = [(round(x, 2), round(y, 2)) for x, y in pts[i : j + 1]]
            mx, my = coords[len(coords) // 2]
            auth = "tfl" if is_tfl else borough_at(mx, my)
            if is_tfl and tfl_names:
                name = tfl_names.pop()
                used_names.add(name)
            else:
                name = new_name()
            usrn = USRN_PREFIX[auth] + f"{usrn_pool[usrn_i]:06d}"
            usrn_i += 1
            sid = len(streets)
            streets.append(Street(sid, name, usrn, auth, coords))
            line_ids.append(sid)
            i = j
        lines.append(line_ids)
        if is_tfl:
            tfl_lines.append(line_ids)

    non_london: list[Street] = []
    for auth, (x0, y0, x1, y1) in NON_LONDON_BOXES.items():
        for k in range(4):
            vertical = k % 2 == 0
            c0 = rng.uniform(x0 + 500, x1 - 500) if vertical else rng.uniform(y0 + 500, y1 - 500)
            lo, hi = (y0, y0 + rng.uniform(900, 1600)) if vertical else (x0, x0 + rng.uniform(900, 1600))
            coords = [(round(x, 2), round(y, 2)) for x, y in _make_line(rng, vertical, c0, lo, hi)]
            usrn = USRN_PREFIX[auth] + f"{usrn_pool[usrn_i]:06d}"
            usrn_i += 1
            non_london.append(Street(10000 + len(non_london), new_name(), usrn, auth, coords))

    # Postcodes: one unit every ~160 m, named after the nearest district centre.
    prng = _rng(seed, "postcodes")
    postcodes: list[Postcode] = []
    used_pc: set[str] = set()
    e = AREA[0] + 60
    while e < AREA[2]:
        n = AREA[1] + 60
        while n < AREA[3]:
            if prng.random() < 0.9:
                pe, pn = e + prng.uniform(-50, 50), n + prng.uniform(-50, 50)
                outward = min(POSTCODE_DISTRICTS, key=lambda d: (d[1] - pe) ** 2 + (d[2] - pn) ** 2)[0]
                while True:
                    pc = f"{outward} {prng.randrange(10)}{prng.choice(UNIT_LETTERS)}{prng.choice(UNIT_LETTERS)}"
                    if pc not in used_pc:
                        used_pc.add(pc)
                        break
                postcodes.append(Postcode(pc, outward, round(pe), round(pn), borough_at(pe, pn)))
            n += 160
        e += 160
    postcodes.sort(key=lambda p: p.pcds)
    return World(seed, streets, non_london, tfl_lines, lines, postcodes)


@lru_cache(maxsize=4)
def _transformer_to_wgs84():
    from pyproj import Transformer

    return Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)


def bng_to_wgs84(xs, ys) -> tuple[np.ndarray, np.ndarray]:
    lon, lat = _transformer_to_wgs84().transform(np.asarray(xs, dtype=float), np.asarray(ys, dtype=float))
    return np.asarray(lon), np.asarray(lat)


def _wkt_xy(pts) -> str:
    return ",".join(f"{x:.2f} {y:.2f}" for x, y in pts)


# ----------------------------------------------------------------------------------------------
# Street Manager: one work -> one or two permits (+ maybe a Section 58), each a list of events
# ----------------------------------------------------------------------------------------------


class SMObject:
    """One permit or Section 58: its first object_data and its events [(time, event_ref, type, updates)]."""

    __slots__ = ("base", "cluster", "events", "fault", "non_london", "object_type", "reference")

    def __init__(
        self, object_type, reference, base, events, fault=None, non_london=False, cluster=None
    ) -> None:
        self.object_type, self.reference, self.base, self.events = object_type, reference, base, events
        self.fault, self.non_london, self.cluster = fault, non_london, cluster


def _event_type(rng: random.Random, code: str) -> str:
    """Street Manager writes event types in two casings: WORK_START and work-start."""
    return code.lower().replace("_", "-") if rng.random() < 0.3 else code


def _weighted(rng: random.Random, items, weights):
    return rng.choices(items, weights=weights, k=1)[0]


def _promoter(rng: random.Random, exclude: set[str] | None = None):
    items = [p for p in PROMOTERS if not exclude or (p[1] or "HA") not in exclude]
    return _weighted(rng, items, [p[3] for p in items])


def _work_geometry(rng: random.Random, street: Street, s: float, category: str) -> str:
    x, y, tx, ty = street.point(s)
    nx, ny = -ty, tx
    lat = rng.uniform(-5, 5)
    r = rng.random()
    kind = "POINT"
    if category == "major":
        kind = "LINESTRING" if r < 0.6 else "POLYGON" if r < 0.9 else "POINT"
    elif category == "standard":
        kind = "POINT" if r < 0.45 else "LINESTRING" if r < 0.85 else "POLYGON"
    elif r < 0.2:
        kind = "LINESTRING"
    if kind == "POINT":
        return f"POINT({x + nx * lat:.2f} {y + ny * lat:.2f})"
    if kind == "LINESTRING":
        half = rng.uniform(10, 90) if category == "major" else rng.uniform(5, 40)
        pts = [(px + nx * lat, py + ny * lat) for px, py in street.substring(s - half, s + half)]
        return f"LINESTRING({_wkt_xy(pts)})"
    h, w = rng.uniform(4, 35), rng.uniform(1.5, 4.5)
    cx, cy = x + nx * lat, y + ny * lat
    ring = [
        (cx - tx * h - nx * w, cy - ty * h - ny * w),
        (cx + tx * h - nx * w, cy + ty * h - ny * w),
        (cx + tx * h + nx * w, cy + ty * h + ny * w),
        (cx - tx * h + nx * w, cy - ty * h + ny * w),
    ]
    ring.append(ring[0])
    return f"POLYGON(({_wkt_xy(ring)}))"


def _fault_kind(i: int) -> str | None:
    if i % FAULT_PERIOD == FAULT_PHASE:
        return FAULT_KINDS[(i // FAULT_PERIOD) % len(FAULT_KINDS)]
    return None


def _at(d: date, hour: int, minute: int) -> datetime:
    return local_to_utc(datetime(d.year, d.month, d.day, hour, minute))


def _work_objects(
    world: World, seed: int, i: int, window: tuple[datetime, datetime] | None = None
) -> list[SMObject]:
    """Every Street Manager object (permits, maybe a Section 58) of work number i, with all its events.

    With ``window`` (t0, t1), a work none of whose events can fall in [t0, t1) returns [] early (the
    random draws of the works that are kept do not depend on the window)."""
    rng = _rng(seed, "work", i)
    fault = _fault_kind(i)
    block, member = divmod(i, CLUSTER_BLOCK)
    in_cluster = member < CLUSTER_SIZE and fault is None
    non_london = not in_cluster and fault is None and rng.random() < 0.03

    span = (SCENARIO_LAST_START - SCENARIO_FIRST_START).days
    if in_cluster:
        crng = _rng(seed, "cluster", block)
        street = crng.choice(world.streets)
        anchor_s = crng.uniform(30, max(31.0, street.length - 30))
        anchor = SCENARIO_FIRST_START + timedelta(days=crng.randrange(20, span - 40))
        promoters = [p for p in PROMOTERS if p[1]]
        crng.shuffle(promoters)
        prom = promoters[member % len(promoters)]
        category = "standard"
        s = anchor_s + rng.uniform(-12, 12)
        if member < 3:  # overlapping windows: clashes
            start = anchor + timedelta(days=member * 2)
            dur = rng.randint(5, 9)
        elif member < 5:  # a few weeks after the clash group ends: dig-once opportunities
            start = anchor + timedelta(days=14 + (member - 3) * 30 + rng.randint(7, 20))
            dur = rng.randint(3, 8)
        else:  # much later: neither
            start = anchor + timedelta(days=150)
            dur = rng.randint(3, 6)
        start = min(start, SCENARIO_LAST_START + timedelta(days=200))
    else:
        if non_london:
            street = rng.choice(world.non_london)
        else:
            street = world.streets[rng.randrange(len(world.streets))]
        s = rng.uniform(0, street.length)
        prom = _promoter(rng)
        category = _weighted(
            rng,
            ("minor", "standard", "major", "immediate_urgent", "immediate_emergency"),
            (40, 38, 10, 7, 5),
        )
        start = SCENARIO_FIRST_START + timedelta(days=rng.randrange(span + 1))
        dur = {
            "minor": rng.randint(1, 3),
            "standard": rng.randint(4, 10),
            "major": rng.randint(11, 60),
        }.get(category, rng.randint(1, 5))
    if fault is not None:  # faults sit in late March / April, so both default archives carry them
        category = rng.choice(("minor", "standard"))
        start = date(2026, 3, 28) + timedelta(days=rng.randrange(31))
        dur = rng.randint(1, 3) if category == "minor" else rng.randint(4, 10)
    if window is not None and i % S58_PERIOD != S58_PHASE:
        # every event of the work lies in [start - lead, start + dur + overruns + a -02 re-submission]
        lo = datetime(start.year, start.month, start.day) - timedelta(days=101 if category == "major" else 27)
        hi = datetime(start.year, start.month, start.day) + timedelta(days=dur + 25)
        if hi < window[0] or lo >= window[1]:
            return []

    auth = AUTHORITIES[street.authority]
    org, swa, utype, _ = prom
    if org is None:  # highway authority's own works
        org, swa = auth[0].title().replace("(Tfl)", "(TfL)"), auth[1]
    activity = rng.choice(UTILITY_ACTIVITIES[utype])
    tm = _weighted(rng, list(TRAFFIC_MANAGEMENT), (6, 1, 8, 6, 10, 1, 3, 6, 4, 25, 30))
    if category == "minor" and tm in ("road_closure", "contra_flow", "convoy_workings"):
        tm = "some_carriageway_incursion"
    wlt_keys = list(WORKS_LOCATION_TYPE)
    wlt = rng.sample(wlt_keys[:5], rng.choice((1, 1, 1, 2, 2, 3)))
    if rng.random() < 0.05:
        wlt.append(rng.choice(wlt_keys[5:]))
    conditions = sorted(rng.sample(PERMIT_CONDITIONS, rng.randint(0, 4)))
    collab = rng.random() < 0.08 or (in_cluster and member < 3 and rng.random() < 0.3)
    collab_ref = rng.choice(list(COLLABORATION_TYPE)) if collab else None
    close_fw = rng.random() < 0.3
    wkt = _work_geometry(rng, street, s, category)

    end = start + timedelta(days=dur - 1)
    work_ref = f"{swa}{260000000 + i:09d}"
    area_name = (
        AUTHORITIES[world_borough(street)][3].upper()
        if street.authority == "tfl"
        else auth[3].upper().replace("CITY OF LONDON", "CITY")
    )
    start_hm = (rng.choice((7, 8, 9, 9, 10)), rng.choice((0, 0, 15, 30, 30, 45)))
    r = rng.random()
    if r < 0.65:
        pst = iso_z(_at(start, *start_hm))
    elif r < 0.9:
        pst = f"{start_hm[0]:02d}:{start_hm[1]:02d}"
    else:
        pst = None
    pet = iso_z(_at(end, 17, 0)) if rng.random() < 0.3 else None

    base = {
        "work_reference_number": work_ref,
        "permit_reference_number": f"{work_ref}-01",
        "promoter_swa_code": swa,
        "promoter_organisation": org,
        "highway_authority": auth[0],
        "works_location_coordinates": wkt,
        "street_name": street.upper,
        "area_name": area_name,
        "work_category": WORK_CATEGORY[category],
        "traffic_management_type": TRAFFIC_MANAGEMENT[tm],
        "proposed_start_date": local_midnight_z(start),
        "proposed_start_time": pst,
        "proposed_end_date": local_midnight_z(end),
        "proposed_end_time": pet,
        "actual_start_date_time": None,
        "actual_end_date_time": None,
        "work_status": WORK_STATUS["planned"],
        "usrn": street.usrn,
        "highway_authority_swa_code": auth[1],
        "work_category_ref": category,
        "traffic_management_type_ref": tm,
        "work_status_ref": "planned",
        "activity_type": ACTIVITY_TYPE[activity],
        "is_ttro_required": "Yes" if tm == "road_closure" and rng.random() < 0.6 else "No",
        "is_covid_19_response": "No",
        "works_location_type": ", ".join(WORKS_LOCATION_TYPE[k] for k in wlt),
        "permit_conditions": ", ".join(conditions) if conditions else None,
        "road_category": "2" if street.authority == "tfl" else rng.choice(("3", "4", "4")),
        "is_traffic_sensitive": "Yes" if street.authority == "tfl" or rng.random() < 0.25 else "No",
        "is_deemed": "No",
        "permit_status": "submitted",
        "town": NON_LONDON_TOWNS.get(street.authority, "LONDON"),
        "collaborative_working": "Yes" if collab else "No",
        "collaboration_type": COLLABORATION_TYPE[collab_ref] if collab_ref else None,
        "collaboration_type_ref": collab_ref,
        "close_footway": "Yes, a pedestrian walkway will be provided" if close_fw else "No",
        "close_footway_ref": "yes_provide_pedestrian_walkway" if close_fw else "no",
        "current_traffic_management_type": None,
        "current_traffic_management_type_ref": None,
        "current_traffic_management_update_date": None,
    }
    if fault == "bad_geometry":
        base["works_location_coordinates"] = BAD_WKT[(i // FAULT_PERIOD) % len(BAD_WKT)]
    elif fault == "missing_end_date":
        base["proposed_end_date"] = None
        base["proposed_end_time"] = None
    elif fault == "end_before_start":
        base["proposed_end_date"] = local_midnight_z(start - timedelta(days=rng.randint(2, 9)))
        base["proposed_end_time"] = None
    elif fault == "unknown_code":
        base["work_category_ref"] = UNKNOWN_WORK_CATEGORY
        base["work_category"] = UNKNOWN_WORK_CATEGORY.title()

    ref_k = [0]

    def ref() -> int:
        ref_k[0] += 1
        return EVENT_REF_BASE + i * 16 + ref_k[0] - 1

    objects: list[SMObject] = []
    happy = in_cluster or fault is not None
    permit_events = _permit_lifecycle(rng, category, start, end, start_hm, tm, happy, fault is not None, ref)
    objects.append(
        SMObject(
            "PERMIT",
            base["permit_reference_number"],
            base,
            permit_events[0],
            fault,
            non_london,
            block if in_cluster else None,
        )
    )
    if permit_events[1] is not None:  # refused: re-submitted as -02 a few days later
        t_ref = permit_events[0][-1][0]
        start2 = max(start + timedelta(days=rng.randint(2, 9)), t_ref.date() + timedelta(days=3))
        end2 = start2 + (end - start)
        base2 = dict(base)
        base2["permit_reference_number"] = f"{work_ref}-02"
        base2["proposed_start_date"] = local_midnight_z(start2)
        base2["proposed_end_date"] = local_midnight_z(end2)
        if pst and "T" in pst:
            base2["proposed_start_time"] = iso_z(_at(start2, *start_hm))
        if pet:
            base2["proposed_end_time"] = iso_z(_at(end2, 17, 0))
        ev2 = _permit_lifecycle(
            rng,
            category,
            start2,
            end2,
            start_hm,
            tm,
            True,
            False,
            ref,
            not_before=t_ref + timedelta(hours=20),
        )[0]
        objects.append(SMObject("PERMIT", base2["permit_reference_number"], base2, ev2, None, non_london))
    if i % S58_PERIOD == S58_PHASE and not non_london:
        objects.append(_section58(world, seed, i, street, ref))
    return objects


def world_borough(street: Street) -> str:
    mx, my = street.coords[len(street.coords) // 2]
    return borough_at(mx, my)


def _permit_lifecycle(
    rng: random.Random,
    category: str,
    start: date,
    end: date,
    start_hm: tuple[int, int],
    tm: str,
    happy: bool,
    no_progress: bool,
    ref,
    not_before: datetime | None = None,
):
    """Events of one permit: [(time, event_ref, event_type, updates)], and whether it was refused."""
    ev: list[tuple[datetime, int, str, dict]] = []
    immediate = category.startswith("immediate")
    act_start = _at(start, *start_hm) + timedelta(minutes=rng.randint(-40, 50))
    if not immediate and rng.random() < 0.15:
        act_start += timedelta(days=rng.randint(1, 3))
    if immediate:
        act_start = _at(start, rng.randint(0, 22), rng.randint(0, 59))
        t_sub = act_start + timedelta(minutes=rng.randint(20, 120))
        ev.append(
            (
                t_sub,
                ref(),
                _event_type(rng, "PERMIT_SUBMITTED"),
                {
                    "permit_status": "submitted",
                    "work_status": WORK_STATUS["in_progress"],
                    "work_status_ref": "in_progress",
                    "actual_start_date_time": iso_z(act_start),
                    "is_deemed": "Yes",
                },
            )
        )
        ev.append(
            (
                t_sub + timedelta(minutes=rng.randint(1, 90)),
                ref(),
                _event_type(rng, "PERMIT_GRANTED"),
                {"permit_status": "granted"},
            )
        )
    else:
        lead = {"minor": (3, 6), "standard": (12, 25), "major": (35, 100)}[category]
        t_sub = _at(start - timedelta(days=rng.randint(*lead)), rng.randint(8, 17), rng.randint(0, 59))
        if not_before is not None and t_sub < not_before:
            t_sub = not_before + timedelta(minutes=rng.randint(0, 300))
        t_sub = min(t_sub, act_start - timedelta(hours=26))
        ev.append((t_sub, ref(), _event_type(rng, "PERMIT_SUBMITTED"), {"permit_status": "submitted"}))
        t = t_sub
        if rng.random() < 0.06:
            t = min(t + timedelta(hours=rng.randint(3, 40)), act_start - timedelta(hours=4))
            ev.append(
                (
                    t,
                    ref(),
                    _event_type(rng, "PERMIT_MODIFICATION_REQUEST"),
                    {"permit_status": "permit_modification_request"},
                )
            )
        outcome = "granted"
        if not happy:
            r = rng.random()
            outcome = "refused" if r < 0.05 else "cancelled" if r < 0.10 else "granted"
        t_dec = min(t + timedelta(hours=rng.randint(4, 96)), act_start - timedelta(hours=2))
        t_dec = max(t_dec, t + timedelta(minutes=5))
        if outcome == "refused":
            ev.append((t_dec, ref(), _event_type(rng, "PERMIT_REFUSED"), {"permit_status": "refused"}))
            return ev, rng.random() < 0.7
        deemed = rng.random() < 0.1
        tie = rng.random() < 0.02 and not no_progress and outcome == "granted"
        ev.append(
            (
                act_start if tie else t_dec,
                ref(),
                _event_type(rng, "PERMIT_GRANTED"),
                {"permit_status": "granted", "is_deemed": "Yes" if deemed else "No"},
            )
        )
        if outcome == "cancelled":
            t_c = t_dec + (act_start - t_dec) * rng.uniform(0.2, 0.9)
            ev.append(
                (
                    t_c.replace(second=0, microsecond=0),
                    ref(),
                    _event_type(rng, "PERMIT_CANCELLED"),
                    {
                        "permit_status": "cancelled",
                        "work_status": WORK_STATUS["cancelled"],
                        "work_status_ref": "cancelled",
                    },
                )
            )
            return ev, None
        if no_progress:
            return ev, None
        ev.append(
            (
                act_start,
                ref(),
                _event_type(rng, "WORK_START"),
                {
                    "work_status": WORK_STATUS["in_progress"],
                    "work_status_ref": "in_progress",
                    "actual_start_date_time": iso_z(act_start),
                    "current_traffic_management_type": TRAFFIC_MANAGEMENT[tm],
                    "current_traffic_management_type_ref": tm,
                    "current_traffic_management_update_date": iso_z(act_start),
                },
            )
        )
    act_end = _at(end, rng.randint(14, 18), rng.randint(0, 59))
    if rng.random() < 0.15:
        act_end += timedelta(days=rng.randint(1, 5))
    act_end = max(act_end, act_start + timedelta(hours=2), ev[-1][0] + timedelta(hours=1))
    ev.append(
        (
            act_end,
            ref(),
            _event_type(rng, "WORK_STOP"),
            {
                "permit_status": "closed",
                "work_status": WORK_STATUS["completed"],
                "work_status_ref": "completed",
                "actual_end_date_time": iso_z(act_end),
            },
        )
    )
    return ev, None


def _section58(world: World, seed: int, i: int, street: Street, ref) -> SMObject:
    rng = _rng(seed, "s58", i)
    auth = AUTHORITIES[street.authority]
    j = i // S58_PERIOD
    s58_ref = f"S58-{auth[1]}-{26000 + j:05d}"
    duration = _weighted(rng, list(S58_DURATION_MONTHS), (10, 25, 25, 25, 15))
    extent = "whole_road" if rng.random() < 0.5 else "part_of_the_road"
    if extent == "whole_road":
        geom = f"LINESTRING({_wkt_xy(street.coords)})"
    else:
        s = rng.uniform(0, street.length)
        pts = street.substring(s - rng.uniform(60, 200), s + rng.uniform(60, 200))
        geom = f"LINESTRING({_wkt_xy(pts)})"
    kind = _weighted(rng, ("proposed", "starts", "in_force", "cancel", "close"), (35, 25, 15, 12, 13))
    first = date(2026, 2, 20) + timedelta(days=rng.randrange(65))
    months = S58_DURATION_MONTHS[duration]

    def add_months(d: date, m: int) -> date:
        y, mo = divmod(d.month - 1 + m, 12)
        return date(d.year + y, mo + 1, min(d.day, 28))

    if kind == "proposed":
        start_d = first + timedelta(days=rng.randint(92, 130))
    elif kind == "starts":  # notice given before the archives, comes into force during them
        start_d = first
    elif kind in ("in_force", "close"):
        start_d = add_months(first, -rng.randint(6, 20))
    else:  # proposed, later cancelled
        start_d = first + timedelta(days=rng.randint(95, 120))
    end_d = add_months(start_d, months)
    if kind == "close":
        end_d = first
    base = {
        "section_58_reference_number": s58_ref,
        "section_58_coordinates": geom,
        "section_58_status": "proposed",
        "start_date": local_midnight_z(start_d),
        "end_date": local_midnight_z(end_d),
        "section_58_duration": duration,
        "section_58_extent": extent,
        "usrn": street.usrn,
        "highway_authority": auth[0],
        "highway_authority_swa_code": auth[1],
        "street_name": street.upper,
    }
    t_first = _at(first, rng.randint(9, 16), rng.randint(0, 59))
    events: list[tuple[datetime, int, str, dict]] = []
    if kind == "proposed":
        events.append((t_first, ref(), _event_type(rng, "SECTION_58_CREATED"), {}))
    elif kind == "starts":
        events.append((t_first - timedelta(days=95), ref(), _event_type(rng, "SECTION_58_CREATED"), {}))
        events.append(
            (
                _at(start_d, 0, 5),
                ref(),
                _event_type(rng, "SECTION_58_UPDATED"),
                {"section_58_status": "in_force"},
            )
        )
    elif kind == "in_force":
        events.append(
            (t_first, ref(), _event_type(rng, "SECTION_58_UPDATED"), {"section_58_status": "in_force"})
        )
    elif kind == "cancel":
        events.append((t_first, ref(), _event_type(rng, "SECTION_58_CREATED"), {}))
        t_c = t_first + timedelta(days=rng.randint(8, 40), hours=rng.randint(0, 6))
        events.append(
            (t_c, ref(), _event_type(rng, "SECTION_58_CANCELLED"), {"section_58_status": "cancelled"})
        )
    else:
        events.append(
            (
                _at(first, 10, 30),
                ref(),
                _event_type(rng, "SECTION_58_CLOSED"),
                {"section_58_status": "closed"},
            )
        )
        base["section_58_status"] = "in_force"
    return SMObject("SECTION_58", s58_ref, base, events)


# ----------------------------------------------------------------------------------------------
# A small streaming ZIP writer (deflate, ZIP64 when needed, fixed timestamps, the central directory
# spooled to a temporary file so memory does not grow with the number of members)
# ----------------------------------------------------------------------------------------------


class StreamingZip:
    def __init__(self, path: Path, timestamp: datetime, level: int = 6) -> None:
        self._f = open(path, "wb", buffering=1 << 20)  # noqa: SIM115
        self._cd = tempfile.TemporaryFile(buffering=1 << 20)  # noqa: SIM115
        self._time, self._date = _dos_time(timestamp)
        self._level = level
        self._offset = 0
        self._count = 0

    def write(self, name: str, data: bytes) -> None:
        nb = name.encode("ascii")
        crc = zlib.crc32(data)
        # a 4 KiB window is plenty for ~2 KB members and makes deflate's set-up 3-4x cheaper
        co = zlib.compressobj(self._level, zlib.DEFLATED, -12, 5)
        comp = co.compress(data) + co.flush()
        header = struct.pack(
            "<IHHHHHIIIHH",
            0x04034B50,
            20,
            0,
            8,
            self._time,
            self._date,
            crc,
            len(comp),
            len(data),
            len(nb),
            0,
        )
        self._f.write(header)
        self._f.write(nb)
        self._f.write(comp)
        offset = self._offset
        extra = b""
        need = 20
        if offset >= 0xFFFFFFFF:
            extra = struct.pack("<HHQ", 1, 8, offset)
            offset, need = 0xFFFFFFFF, 45
        self._cd.write(
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                (3 << 8) | need,
                need,
                0,
                8,
                self._time,
                self._date,
                crc,
                len(comp),
                len(data),
                len(nb),
                len(extra),
                0,
                0,
                0,
                0o100644 << 16,
                offset,
            )
        )
        self._cd.write(nb)
        self._cd.write(extra)
        self._offset += len(header) + len(nb) + len(comp)
        self._count += 1

    def close(self) -> None:
        cd_offset = self._offset
        self._cd.seek(0)
        cd_size = 0
        while chunk := self._cd.read(1 << 20):
            self._f.write(chunk)
            cd_size += len(chunk)
        self._cd.close()
        n = self._count
        if n >= 0xFFFF or cd_offset >= 0xFFFFFFFF or cd_size >= 0xFFFFFFFF:
            z64 = cd_offset + cd_size
            self._f.write(struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, n, n, cd_size, cd_offset))
            self._f.write(struct.pack("<IIQI", 0x07064B50, 0, z64, 1))
        self._f.write(
            struct.pack(
                "<IHHHHIIH",
                0x06054B50,
                0,
                0,
                min(n, 0xFFFF),
                min(n, 0xFFFF),
                min(cd_size, 0xFFFFFFFF),
                min(cd_offset, 0xFFFFFFFF),
                0,
            )
        )
        self._f.close()

    def __enter__(self) -> StreamingZip:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _new_stats() -> dict[str, Any]:
    return {
        "events": 0,
        "permit_events": 0,
        "section_58_events": 0,
        "permits": 0,
        "works": 0,
        "section_58": 0,
        "faults": dict.fromkeys(FAULT_KINDS, 0),
        "non_london_permits": 0,
        "latest_permit_status": {},
        "latest_section_58_status": {},
        "event_types": {},
        "kebab_case_event_types": 0,
        "bst_midnight_dates": 0,
        "resubmitted_permits": 0,
        "planted_cluster_permits": 0,
        "tied_event_times": 0,
        "first_event_time": None,
        "last_event_time": None,
    }


def _stream_events(
    world: World,
    seed: int,
    n_works: int | None,
    t0: datetime,
    t1: datetime,
    target_events,
    sink,
    extra_windows: list[tuple[datetime, datetime]] | None = None,
):
    """Generate the events of works 0..n_works-1 (or until target_events) falling in [t0, t1) (and, when
    given, in one of ``extra_windows``).

    ``sink(name, envelope)`` receives each event; returns the statistics of what was emitted."""
    st = _new_stats()
    latest_p: Counter = Counter()
    latest_s: Counter = Counter()
    etypes: Counter = Counter()
    i = 0
    while True:
        if target_events is None:
            if i >= n_works:
                break
        elif st["events"] >= target_events:
            break
        work_seen = False
        for obj in _work_objects(world, seed, i, (t0, t1)):
            state = dict(obj.base)
            emitted = 0
            last_status = None
            prev_time = None
            tie = False
            for t, eref, etype, updates in obj.events:
                state.update(updates)
                if not (t0 <= t < t1) or (extra_windows and not any(a <= t < b for a, b in extra_windows)):
                    continue
                if target_events is not None and st["events"] >= target_events:
                    break
                env = envelope(eref, etype, state, t, obj.object_type, obj.reference)
                sink(f"{t.day:02d}/{eref}.json", env)
                emitted += 1
                st["events"] += 1
                etypes[etype] += 1
                if "-" in etype:
                    st["kebab_case_event_types"] += 1
                if obj.object_type == "PERMIT":
                    st["permit_events"] += 1
                    last_status = state["permit_status"]
                    for k in ("proposed_start_date", "proposed_end_date"):
                        v = state[k]
                        if v and v.endswith("T23:00:00.000Z"):
                            st["bst_midnight_dates"] += 1
                else:
                    st["section_58_events"] += 1
                    last_status = state["section_58_status"]
                if prev_time == t:
                    tie = True
                prev_time = t
                if st["first_event_time"] is None or t < st["first_event_time"]:
                    st["first_event_time"] = t
                if st["last_event_time"] is None or t > st["last_event_time"]:
                    st["last_event_time"] = t
            if not emitted:
                continue
            work_seen = work_seen or obj.object_type == "PERMIT"
            if obj.object_type == "PERMIT":
                st["permits"] += 1
                latest_p[last_status] += 1
                if obj.fault:
                    st["faults"][obj.fault] += 1
                if obj.non_london:
                    st["non_london_permits"] += 1
                if obj.reference.endswith("-02"):
                    st["resubmitted_permits"] += 1
                if obj.cluster is not None:
                    st["planted_cluster_permits"] += 1
                if tie:
                    st["tied_event_times"] += 1
            else:
                st["section_58"] += 1
                latest_s[last_status] += 1
        if work_seen:
            st["works"] += 1
        i += 1
    st["works_generated"] = i
    st["latest_permit_status"] = dict(sorted(latest_p.items()))
    st["latest_section_58_status"] = dict(sorted(latest_s.items()))
    st["event_types"] = dict(sorted(etypes.items()))
    for k in ("first_event_time", "last_event_time"):
        st[k] = iso_z(st[k]) if st[k] else None
    return st


def write_streetmanager_archive(
    path: str | Path,
    n_works: int | None = 3000,
    seed: int = 42,
    month: str = "2026-03",
    target_events: int | None = None,
    level: int = 6,
) -> dict[str, Any]:
    """Write one Street Manager monthly archive (``permit/YYYY/MM.zip`` layout: one JSON file per event,
    ``DD/{event_reference}.json``, DD = the event's UTC day) for works 0..n_works-1, keeping the events
    whose ``event_time`` (UTC) falls in ``month``.

    With ``target_events`` the works are generated until exactly that many events are written (n_works is
    then ignored): ``write_streetmanager_archive(p, None, 42, "2026-03", target_events=1_000_000)``.
    Streams into the ZIP: memory does not grow with the size. Returns statistics (counts of events,
    permits, deliberate faults by kind, latest statuses, ...)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    t0, t1 = _month_window(month)
    world = build_world(seed)
    dumps = json.JSONEncoder(separators=(",", ":")).encode
    with StreamingZip(path, t1 + timedelta(hours=2), level=level) as zf:

        def sink(name: str, env: dict) -> None:
            zf.write(name, dumps(env).encode("ascii"))

        stats = _stream_events(world, seed, n_works, t0, t1, target_events, sink)
    stats["month"] = month
    stats["path"] = str(path)
    return stats


def summarise_streetmanager(n_works: int, seed: int, months: list[str]) -> dict[str, Any]:
    """The statistics of all months' events taken together (as after importing every month)."""
    windows = [_month_window(m) for m in months]
    t0, t1 = min(w[0] for w in windows), max(w[1] for w in windows)
    return _stream_events(
        build_world(seed), seed, n_works, t0, t1, None, lambda name, env: None, extra_windows=windows
    )


# ----------------------------------------------------------------------------------------------
# The other publishers' files
# ----------------------------------------------------------------------------------------------


def _write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def _write_csv(path: Path, header: list[str], rows: list[list[Any]], encoding: str = "utf-8") -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding=encoding, newline="") as f:
        f.write(buf.getvalue())


def _json_dump(path: Path, obj: Any, indent: int | None = None) -> None:
    _write_text(path, json.dumps(obj, indent=indent, ensure_ascii=False) + "\n")


def _fmt_pct(v: float) -> str:
    v = round(v, 1)
    return f"{v:.0f}" if v == int(v) else f"{v:.1f}"


#: digonce:importworks' field parameters for a works file in my_works' layout (its own names)
MY_WORKS_FIELDS = {
    "ID_FIELD": "job_no",
    "OWNER_FIELD": "owner",
    "START_FIELD": "start",
    "END_FIELD": "finish",
    "STREET_FIELD": "street",
    "USRN_FIELD": "usrn",
    "STATUS_FIELD": "status",
}


def write_my_works(world: World, seed: int, path: Path, n: int = 60) -> dict[str, Any]:
    """A utility's own works register (Thames Water style) with its own field names, EPSG:27700 declared
    through the legacy GeoJSON ``crs`` member."""
    rng = _rng(seed, "my_works")
    feats = []
    for k in range(n):
        if k % 3 == 0:  # on a planted cluster's street, so the import has something to clash with
            crng = _rng(seed, "cluster", k // 3 % 40)
            street = crng.choice(world.streets)
            s = crng.uniform(30, max(31.0, street.length - 30)) + rng.uniform(-10, 10)
        else:
            street = rng.choice(world.streets)
            s = rng.uniform(0, street.length)
        start = date(2026, 3, 16) + timedelta(days=rng.randrange(100))
        finish = start + timedelta(days=rng.randint(2, 40))
        if rng.random() < 0.5:
            x, y, _, _ = street.point(s)
            geom = {"type": "Point", "coordinates": [round(x, 2), round(y, 2)]}
        else:
            pts = street.substring(s - rng.uniform(20, 120), s + rng.uniform(20, 120))
            geom = {"type": "LineString", "coordinates": [[round(x, 2), round(y, 2)] for x, y in pts]}
        feats.append(
            {
                "type": "Feature",
                "properties": {
                    "job_no": f"TWJ-{2026}-{1001 + k:05d}",
                    "owner": "Thames Water Utilities Ltd",
                    "works_type": rng.choice(
                        ("Mains renewal", "Leak repair", "New connection", "Valve replacement")
                    ),
                    "start": start.isoformat(),
                    "finish": finish.isoformat(),
                    "street": street.name,
                    "usrn": int(street.usrn),
                    "status": rng.choice(("Planned", "Planned", "Design", "Approved")),
                },
                "geometry": geom,
            }
        )
    fc = {
        "type": "FeatureCollection",
        "name": "my_works",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::27700"}},
        "features": feats,
    }
    _json_dump(path, fc, indent=1)
    return {"features": n}


def _gpkg_blob(srs_id: int, coords: list[tuple[float, float]]) -> bytes:
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    header = b"GP" + bytes([0, 0b0000_0011]) + struct.pack("<i4d", srs_id, min(xs), max(xs), min(ys), max(ys))
    wkb = struct.pack("<BII", 1, 2, len(coords)) + b"".join(struct.pack("<2d", x, y) for x, y in coords)
    return header + wkb


def _forward_plans(world: World, seed: int) -> tuple[list[dict], list[dict]]:
    rng = _rng(seed, "forward_plan")
    programmes = [
        ("P01", "London Medium Pressure Replacement 2026-28", "mains replacement", "Cadent Gas Ltd", "gas"),
        (
            "P02",
            "Central London Full Fibre Build Phase 3",
            "network build",
            "Community Fibre Limited",
            "telecoms",
        ),
        ("P03", "Clerkenwell LV Reinforcement", "reinforcement", "UK Power Networks", "electricity"),
        (
            "P04",
            "Victorian Mains Rehabilitation AMP8",
            "mains replacement",
            "Thames Water Utilities Ltd",
            "water",
        ),
        ("P05", "Southbank District Heat Network", "new network", "Southbank Heat Ltd", "district heat"),
    ]
    methods = {
        "gas": ("insertion", "open cut", "open cut"),
        "telecoms": ("open cut", "micro-trenching", "duct reuse", "directional drilling"),
        "electricity": ("open cut", "open cut", "directional drilling"),
        "water": ("slip lining", "open cut", "pipe bursting"),
        "district heat": ("open cut",),
    }
    progs, links = [], []
    for pid, name, ptype, owner, utype in programmes:
        p_start = date(2026, 5, 1) + timedelta(days=rng.randrange(0, 200))
        p_end = p_start + timedelta(days=rng.randint(400, 900))
        progs.append(
            {
                "programmeid": pid,
                "programmename": name,
                "programmetype": ptype,
                "owner": owner,
                "utilitytype": utype,
                "plannedstartdate": p_start.isoformat(),
                "plannedenddate": p_end.isoformat(),
            }
        )
        for _ in range(rng.randint(6, 10)):
            street = rng.choice(world.streets)
            s = rng.uniform(0, street.length)
            pts = street.substring(s - rng.uniform(80, 400), s + rng.uniform(80, 400))
            l_start = p_start + timedelta(days=rng.randrange(0, max(1, (p_end - p_start).days - 60)))
            l_end = min(p_end, l_start + timedelta(days=rng.randint(14, 120)))
            links.append(
                {
                    "plan_ref": f"FP-{len(links) + 1:04d}",
                    "programmeid": pid,
                    "programme": name,
                    "owner": owner,
                    "utilitytype": utype,
                    "plannedinstallationmethod": rng.choice(methods[utype]),
                    "plannedstartdate": l_start.isoformat(),
                    "plannedenddate": l_end.isoformat(),
                    "confidencelevel": rng.choice(("high", "medium", "medium", "low")),
                    "usrn": street.usrn,
                    "street_name": street.name,
                    "schemestatus": rng.choice(("proposed", "in design", "approved")),
                    "coords": [(round(x, 2), round(y, 2)) for x, y in pts],
                }
            )
    return progs, links


def _plugin_module(name: str):
    """A module of the plugin (``dig_once.<name>``): the generator writes what the plugin reads
    with the plugin's own GeoPackage writer and template columns."""
    import importlib

    if "dig_once" not in sys.modules:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from pkgroot import ensure_pkgroot

        ensure_pkgroot(importable=True)
    return importlib.import_module(f"dig_once.{name}")


def write_forward_plan_gpkg(progs: list[dict], links: list[dict], path: Path) -> None:
    """A "UK Future Works Profile" GeoPackage, written by the plugin's own GeoPackage writer
    (``plugin.layerio.gpkg``: metadata tables, rtree index); dated so the bytes repeat."""
    gpkg = _plugin_module("plugin.layerio.gpkg")
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        path.unlink()
    con = sqlite3.connect(path)
    gpkg.register_functions(con)  # the rtree triggers call ST_MinX...
    stamp = "2026-05-01T00:00:00.000Z"
    with con:
        gpkg.initialise(con)
        gpkg.create_feature_table(
            con,
            "plannedprogramme",
            [(name, "str") for name in ("programmename", "programmetype", "owner", "utilitytype")]
            + [("plannedstartdate", "date"), ("plannedenddate", "date")],
            None,
            extra_columns=["programmeid TEXT NOT NULL UNIQUE"],
            description="Planned programmes",
        )
        gpkg.create_feature_table(
            con,
            "networklink",
            [(name, "str") for name in ("linkid", "utilitytype", "plannedinstallationmethod")]
            + [("plannedstartdate", "date"), ("plannedenddate", "date")]
            + [(name, "str") for name in ("confidencelevel", "usrn", "streetname", "schemestatus")],
            "LINESTRING",
            extra_columns=["programmeid TEXT REFERENCES plannedprogramme(programmeid)"],
            description="Planned network links",
        )
        con.executemany(
            "INSERT INTO plannedprogramme (programmeid, programmename, programmetype, owner, utilitytype,"
            " plannedstartdate, plannedenddate) VALUES (?,?,?,?,?,?,?)",
            [
                (p["programmeid"], p["programmename"], p["programmetype"], p["owner"], p["utilitytype"],
                 p["plannedstartdate"], p["plannedenddate"])
                for p in progs
            ],
        )  # fmt: skip
        con.executemany(
            "INSERT INTO networklink (geom, linkid, programmeid, utilitytype, plannedinstallationmethod,"
            " plannedstartdate, plannedenddate, confidencelevel, usrn, streetname, schemestatus)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [
                (_gpkg_blob(27700, lk["coords"]), lk["plan_ref"], lk["programmeid"], lk["utilitytype"],
                 lk["plannedinstallationmethod"], lk["plannedstartdate"], lk["plannedenddate"],
                 lk["confidencelevel"], lk["usrn"], lk["street_name"], lk["schemestatus"])
                for lk in links
            ],
        )  # fmt: skip
        for table in ("plannedprogramme", "networklink"):
            gpkg.refresh_extent(con, table)
        con.execute("UPDATE gpkg_contents SET last_change = ?", (stamp,))
    con.close()


#: the forward-plan CSV template's header, as the plugin's reader defines it
FORWARD_PLAN_CSV_COLUMNS = _plugin_module("plugin.sources.forward_plans").TEMPLATE_COLUMNS


def write_forward_plan_csv(links: list[dict], path: Path) -> None:
    rows = [
        [
            lk["plan_ref"], lk["programme"], lk["owner"], lk["utilitytype"], lk["plannedinstallationmethod"],
            lk["plannedstartdate"], lk["plannedenddate"], lk["confidencelevel"], lk["usrn"], lk["street_name"],
            f"LINESTRING({_wkt_xy(lk['coords'])})",
        ]
        for lk in links
    ]  # fmt: skip
    _write_csv(path, FORWARD_PLAN_CSV_COLUMNS, rows)


OFCOM_POSTCODE_COLUMNS = [
    "postcode",
    "postcode_space",
    "postcode area",
    "SFBB availability (% premises)",
    "UFBB (100Mbit/s) availability (% premises)",
    "UFBB availability (% premises)",
    "Gigabit availability (% premises)",
    "% of premises unable to receive 2Mbit/s",
    "% of premises unable to receive 5Mbit/s",
    "% of premises unable to receive 10Mbit/s",
    "% of premises unable to receive 30Mbit/s",
    "% of premises unable to receive decent broadband from fixed or FWA",
    "% of premises below the USO",
    "% of premises with 0<2Mbit/s download speed",
    "% of premises with 2<5Mbit/s download speed",
    "% of premises with 5<10Mbit/s download speed",
    "% of premises with 10<30Mbit/s download speed",
    "% of premises with 30<300Mbit/s download speed",
    "% of premises with >=300Mbit/s download speed",
]
# the local-authority file: the postcode file's availability percentages, with Full Fibre
# beside them, then counts of premises
OFCOM_LAUA_COLUMNS = [
    "laua",
    "laua_name",
    "All Premises",
    *OFCOM_POSTCODE_COLUMNS[3:6],  # SFBB, UFBB (100Mbit/s), UFBB
    "Full Fibre availability (% premises)",
    *OFCOM_POSTCODE_COLUMNS[6:13],  # Gigabit, unable to receive 2 to 30Mbit/s, decent, below the USO
    "Number of premises with Full Fibre availability",
    "Number of premises with Gigabit availability",
    "Number of premises unable to receive 30Mbit/s",
    "Number of premises below the USO",
]
ONSPD_COLUMNS = [
    "pcd", "pcd2", "pcds", "dointr", "doterm", "oscty", "oslaua", "osward", "usertype", "oseast1m",
    "osnrth1m", "osgrdind", "ctry", "rgn", "lsoa11", "msoa11", "lat", "long",
]  # fmt: skip


def _pcd_formats(pcds: str) -> tuple[str, str]:
    """ONSPD pcd (7 characters) and pcd2 (8 characters)."""
    out, inw = pcds.split()
    pcd = (out + " " * (7 - len(out) - len(inw)) + inw) if len(out) < 4 else out + inw
    pcd2 = f"{out:<4} {inw}"
    return pcd, pcd2


def _notspot_weight(e: float, n: float) -> float:
    w = 0.0
    for cx, cy, r in NOTSPOT_CENTRES:
        d = math.hypot(e - cx, n - cy)
        w = max(w, 1.0 - d / r) if d < r else w
    return w


def write_ofcom(world: World, seed: int, out: Path) -> dict[str, Any]:
    rng = _rng(seed, "ofcom")
    rows_by_area: dict[str, list[list[str]]] = {}
    faults = {"na_rows": 0, "blank_cells": 0, "lt4_cells": 0, "notspot_postcodes": 0}
    premises: dict[str, list[tuple[int, list[float]]]] = {}
    na_postcodes = []
    for pc in world.postcodes:
        area = _postcode_area(pc.outward)
        w = _notspot_weight(pc.e, pc.n)
        notspot = w > 0 and rng.random() < 0.55 + 0.45 * w
        if rng.random() < 0.015:
            row = [pc.nospace, pc.pcds, area] + ["N/A"] * (len(OFCOM_POSTCODE_COLUMNS) - 3)
            faults["na_rows"] += 1
            na_postcodes.append(pc.pcds)
            rows_by_area.setdefault(area, []).append(row)
            continue
        if notspot:
            faults["notspot_postcodes"] += 1
            sfbb = rng.uniform(40, 85)
            ufbb = rng.uniform(0, 25)
            giga = min(ufbb, rng.uniform(0, 20))
            un30 = 100 - sfbb
            un10 = un30 * rng.uniform(0.3, 0.7)
            un5 = un10 * rng.uniform(0.2, 0.6)
            un2 = un5 * rng.uniform(0, 0.5)
        else:
            sfbb = rng.choice((100.0, 100.0, 100.0, rng.uniform(93, 100)))
            giga = rng.choice((100.0, rng.uniform(60, 100), rng.uniform(80, 100)))
            ufbb = max(giga, rng.uniform(85, 100))
            un30 = 100 - sfbb
            un10 = un30 * rng.uniform(0, 0.4)
            un5 = un10 * rng.uniform(0, 0.5)
            un2 = 0.0
        decent = un10 * rng.uniform(0.7, 1.0)
        uso = decent * rng.uniform(0.6, 1.0)
        ufbb100 = max(ufbb, min(100.0, ufbb + rng.uniform(0, 5)))
        # speed bands of the lines that are in use
        raw = [un2, un5 - un2, un10 - un5, un30 - un10, max(0.0, 100 - un30 - giga * 0.6), giga * 0.6]
        tot = sum(raw) or 1.0
        bands = [100 * v / tot for v in raw]
        vals = [sfbb, ufbb100, ufbb, giga, un2, un5, un10, un30, decent, uso, *bands]
        cells = [_fmt_pct(v) for v in vals]
        if rng.random() < 0.01:
            for k in range(13, 19):
                cells[k - 3] = ""
            faults["blank_cells"] += 6
        if rng.random() < 0.015:
            cells[4] = "<4"  # % unable to receive 2Mbit/s, small-count suppression
            faults["lt4_cells"] += 1
        rows_by_area.setdefault(area, []).append([pc.nospace, pc.pcds, area, *cells])
        n_prem = rng.randint(4, 60)
        premises.setdefault(pc.borough, []).append(
            (n_prem, [sfbb, ufbb100, ufbb, giga, un2, un5, un10, un30, decent, uso])
        )

    paths = {}
    for area in sorted(rows_by_area):
        p = out / f"202601_fixed_postcode_coverage_r01_{area}.csv"
        _write_csv(p, OFCOM_POSTCODE_COLUMNS, sorted(rows_by_area[area]))
        paths[f"ofcom_postcode_{area}"] = p

    laua_rows = []
    for b in sorted(premises, key=lambda k: AUTHORITIES[k][2]):
        items = premises[b]
        total = sum(n for n, _ in items)
        avg = [sum(n * v[k] for n, v in items) / total for k in range(10)]
        ff = avg[3] * rng.uniform(0.9, 0.99)
        laua_rows.append(
            [AUTHORITIES[b][2], AUTHORITIES[b][3], str(total), *(_fmt_pct(v) for v in avg[:3]), _fmt_pct(ff),
             *(_fmt_pct(v) for v in avg[3:]), str(round(total * ff / 100)), str(round(total * avg[3] / 100)),
             str(round(total * avg[7] / 100)), str(round(total * avg[9] / 100))]
        )  # fmt: skip
    p = out / "202601_fixed_laua_coverage_r01.csv"
    _write_csv(p, OFCOM_LAUA_COLUMNS, laua_rows)
    paths["ofcom_laua"] = p

    # ONS Postcode Directory extract: every postcode but a few, plus a couple of terminated ones.
    na_set = set(na_postcodes)
    candidates = [pc for pc in world.postcodes if pc.pcds not in na_set]
    missing = sorted(pc.pcds for pc in rng.sample(candidates, 3))
    lon, lat = bng_to_wgs84([pc.e for pc in world.postcodes], [pc.n for pc in world.postcodes])
    rows = []
    for k, pc in enumerate(world.postcodes):
        if pc.pcds in missing:
            continue
        pcd, pcd2 = _pcd_formats(pc.pcds)
        rows.append(
            [pcd, pcd2, pc.pcds, rng.choice(("198001", "198001", "199906", "201204")), "", "E99999999",
             AUTHORITIES[pc.borough][2], f"E0500{rng.randint(0, 9999):04d}", "0", str(int(pc.e)), str(int(pc.n)),
             "1", "E92000001", "E12000007", f"E0100{rng.randint(0, 9999):04d}", f"E0200{rng.randint(0, 999):04d}",
             f"{lat[k]:.6f}", f"{lon[k]:.6f}"]
        )  # fmt: skip
    terminated = []
    for k in range(2):
        pc = world.postcodes[rng.randrange(len(world.postcodes))]
        pcds = f"{pc.outward} {k}ZZ"
        terminated.append(pcds)
        pcd, pcd2 = _pcd_formats(pcds)
        tlon, tlat = bng_to_wgs84([pc.e + 20], [pc.n + 20])
        rows.append(
            [pcd, pcd2, pcds, "198001", "201907", "E99999999", AUTHORITIES[pc.borough][2], "E05000000", "0",
             str(int(pc.e + 20)), str(int(pc.n + 20)), "1", "E92000001", "E12000007", "", "",
             f"{tlat[0]:.6f}", f"{tlon[0]:.6f}"]
        )  # fmt: skip
    rows.sort(key=lambda r: r[2])
    p = out / "postcode_centroids.csv"
    _write_csv(p, ONSPD_COLUMNS, rows)
    paths["postcode_centroids"] = p
    faults["postcodes_missing_centroid"] = len(missing)
    faults["missing_centroid_postcodes"] = missing
    faults["terminated_postcodes"] = len(terminated)
    faults["postcodes"] = len(world.postcodes)
    faults["areas"] = sorted(rows_by_area)
    return {"paths": paths, "faults": faults}


CULTURAL_LAYOUTS = {
    "Pubs.csv": "name,address1,address2,address3,borough_code,borough_name,os_addressbase_uprn,ward_2018_code,"
    "ward_2018_name,website,longitude,latitude,easting,northing,runtime",
    "Music_venues_grassroots.csv": "name,borough_name,website,os_addressbase_uprn,borough_code,ward_2018_name,"
    "ward_2018_code,address1,address2,address3,easting,northing,longitude,latitude,runtime",
    "Theatres.csv": "name,address1,address2,address3,borough_name,website,os_addressbase_uprn,borough_code,"
    "ward_2018_name,ward_2018_code,longitude,latitude,easting,northing,runtime",
    "Libraries.csv": "name,address1,address2,address3,borough_name,website,os_addressbase_uprn,borough_code,"
    "ward_2018_name,ward_2018_code,easting,northing,longitude,latitude,runtime",
}
CULTURAL_COUNTS = {
    "Pubs.csv": 140,
    "Music_venues_grassroots.csv": 30,
    "Theatres.csv": 45,
    "Libraries.csv": 22,
}
PUB_NAMES = (
    "The Red Lion", "The King's Head", "The Crown", "The George", "The White Hart", "The Lamb", "The Eagle",
    "The Old Bell", "The Fox and Anchor", "The Three Kings", "The Jerusalem Tavern", "The Blue Posts",
    "The Wheatsheaf", "The Duke of York", "The Queen's Larder", "The Coach and Horses", "The Plough",
    "The Rose and Crown", "The Golden Lion", "The Ship", "The Castle", "The Sun", "The Angel", "The Harp",
)  # fmt: skip
VENUE_WORDS = ("Hall", "Rooms", "Social", "Club", "Lounge", "Basement", "Yard", "Arches")
THEATRE_WORDS = ("Theatre", "Playhouse", "Studio Theatre", "Little Theatre", "Arts Centre")
WARDS = {
    "camden": (
        "Bloomsbury",
        "Holborn and Covent Garden",
        "King's Cross",
        "St Pancras and Somers Town",
        "Regent's Park",
    ),
    "westminster": ("St James's", "West End", "Marylebone", "Vincent Square", "Warwick", "Hyde Park"),
    "islington": ("Clerkenwell", "Bunhill", "Barnsbury", "Caledonian", "St Peter's"),
    "city": ("Farringdon Within", "Cripplegate", "Bishopsgate", "Aldgate", "Cheap"),
    "hackney": ("Hoxton East & Shoreditch", "Hoxton West", "Haggerston", "De Beauvoir"),
    "tower_hamlets": ("Spitalfields & Banglatown", "Whitechapel", "St Katharine's & Wapping", "Weavers"),
    "southwark": (
        "Borough & Bankside",
        "Chaucer",
        "North Walworth",
        "London Bridge & West Bermondsey",
        "Faraday",
    ),
    "lambeth": ("Bishop's", "Prince's", "Oval", "Vauxhall", "Kennington"),
    "kensington": (
        "Queen's Gate",
        "Brompton & Hans Town",
        "Royal Hospital",
        "Chelsea Riverside",
        "Courtfield",
    ),
}


def _ward(borough: str, e: float, n: float) -> tuple[str, str]:
    """A synthetic ward: the borough's ward list indexed by a 1.2 km grid cell (names real, shapes not)."""
    cell = int((e - AREA[0]) // 1200) * 7 + int((n - AREA[1]) // 1200)
    names = WARDS[borough]
    k = cell % len(names)
    return names[k], f"E05{LONDON_BOROUGHS.index(borough) * 100 + 9000 + k:06d}"


def _mojibake(s: str) -> str:
    return s.replace("'", "â€™")


def write_cultural(world: World, seed: int, out: Path) -> dict[str, Any]:
    rng = _rng(seed, "cultural")
    faults: dict[str, dict[str, int]] = {}
    paths = {}
    for fname, layout in CULTURAL_LAYOUTS.items():
        cols = layout.split(",")
        n = CULTURAL_COUNTS[fname]
        runtime = "01/19/2020" if fname == "Pubs.csv" else "11/20/2022"
        f = {"rows": n, "rounded_uprn": 0, "na_rows": 0, "no_borough": 0, "mojibake": 0,
             "en_latlon_mismatch": 0, "uppercase_borough": 0}  # fmt: skip
        recs = []
        pts = []
        for _ in range(n):
            street = rng.choice(world.streets)
            x, y, tx, ty = street.point(rng.uniform(0, street.length))
            side = rng.choice((-1, 1)) * rng.uniform(8, 25)
            pts.append((x - ty * side + rng.random() * 0.9, y + tx * side + rng.random() * 0.9, street))
        lon, lat = bng_to_wgs84([p[0] for p in pts], [p[1] for p in pts])
        mismatch_rows = {1} if fname in ("Pubs.csv", "Theatres.csv") else set()
        if fname == "Pubs.csv":
            mismatch_rows.add(n // 2)
        no_borough_rows = {3} if fname != "Pubs.csv" else {5, 77}
        for k, (e, nn, street) in enumerate(pts):
            borough = borough_at(e, nn)
            bname = AUTHORITIES[borough][3]
            stem = " ".join(street.name.split()[:-1]) or street.name
            if fname == "Pubs.csv":
                name = rng.choice(PUB_NAMES)
            elif fname == "Music_venues_grassroots.csv":
                name = f"The {stem} {rng.choice(VENUE_WORDS)}"
            elif fname == "Theatres.csv":
                name = f"{stem} {rng.choice(THEATRE_WORDS)}"
            else:
                name = f"{stem} Library"
            if "'" in name and rng.random() < 0.5:
                name = _mojibake(name)
                f["mojibake"] += 1
            ward_name, ward_code = _ward(borough, e, nn)
            addr1 = f"{rng.randint(1, 240)} {street.name}"
            addr2, addr3 = "London", ""
            website = rng.choice(("", f"www.{''.join(c for c in name.lower() if c.isalnum())[:20]}.co.uk"))
            uprn = str(rng.choice((rng.randint(5000000, 5199999), rng.randint(100021000000, 100023999999),
                                   rng.randint(10033500000, 10033599999))))  # fmt: skip
            if rng.random() < 0.08:
                uprn = uprn[:6] + "0" * (len(uprn) - 6) if len(uprn) == 12 else "100023000000"
                f["rounded_uprn"] += 1
            elif rng.random() < 0.1:
                uprn = ""
            if fname == "Music_venues_grassroots.csv" and rng.random() < 0.5:
                bname = "CITY OF WESTMINSTER" if borough == "westminster" else bname.upper()
                f["uppercase_borough"] += 1
            elif fname == "Pubs.csv" and rng.random() < 0.04:
                bname = bname.upper()
                f["uppercase_borough"] += 1
            row_na = False
            if fname in ("Theatres.csv", "Libraries.csv") and rng.random() < 0.15:
                addr3, website = "NA", "NA"
                row_na = True
            if k in no_borough_rows:
                bname = bcode = ward_name = ward_code = ""
                f["no_borough"] += 1
            else:
                bcode = AUTHORITIES[borough][2]
            f["na_rows"] += row_na
            ee, en = e, nn
            if k in mismatch_rows:
                ang = rng.uniform(0, 2 * math.pi)
                dist = rng.uniform(180, 450)
                ee, en = e + dist * math.cos(ang), nn + dist * math.sin(ang)
                f["en_latlon_mismatch"] += 1
            if fname == "Music_venues_grassroots.csv":
                e_s, n_s = repr(float(round(ee))), repr(float(round(en)))
            else:
                e_s, n_s = repr(float(ee)), repr(float(en))
            vals = {
                "name": name, "address1": addr1, "address2": addr2, "address3": addr3, "borough_name": bname,
                "borough_code": bcode, "website": website, "os_addressbase_uprn": uprn, "ward_2018_name": ward_name,
                "ward_2018_code": ward_code, "easting": e_s, "northing": n_s, "longitude": repr(float(lon[k])),
                "latitude": repr(float(lat[k])), "runtime": runtime,
            }  # fmt: skip
            recs.append([vals[c] for c in cols])
        p = out / fname
        _write_csv(p, cols, recs)
        paths[f"cultural_{fname[:-4]}"] = p
        faults[fname] = f
    return {"paths": paths, "faults": faults}


PLD_APP_TYPES = (
    "Full Planning Permission",
    "Householder",
    "Prior Approval",
    "All Other",
    "Listed Building Consent",
)
PLD_STATUS = ("Submitted", "Approved", "Allowed", "Commenced", "Completed", "Lapsed", "Refused", "Withdrawn")


def _lpa_app_no(borough: str, rng: random.Random, yy: int) -> str:
    n = rng.randint(100, 9999)
    return {
        "westminster": f"{yy}/{n:05d}/FULL",
        "camden": f"20{yy}/{n}/P",
        "islington": f"P20{yy}/{n:04d}/FUL",
        "city": f"{yy}/{n:05d}/FULMAJ",
        "hackney": f"20{yy}/{n:04d}",
        "tower_hamlets": f"PA/{yy}/{n:05d}/A1",
        "southwark": f"{yy}/AP/{n:04d}",
        "lambeth": f"{yy}/{n:05d}/FUL",
        "kensington": f"PP/{yy}/{n:05d}",
    }[borough]


def write_planning(world: World, seed: int, out: Path, n_hits: int = 160) -> dict[str, Any]:
    rng = _rng(seed, "planning")
    hits = []
    faults = {
        "hits": n_hits,
        "grid_origin_centroids": 0,
        "with_wgs84_polygon": 0,
        "with_residential_units": 0,
    }
    locs = []
    for _ in range(n_hits):
        street = rng.choice(world.streets)
        x, y, tx, ty = street.point(rng.uniform(0, street.length))
        side = rng.choice((-1, 1)) * rng.uniform(15, 40)
        locs.append((round(x - ty * side), round(y + tx * side), street))
    lon, lat = bng_to_wgs84([p[0] for p in locs], [p[1] for p in locs])
    bad = set(rng.sample(range(n_hits), 6))
    pcs = world.postcodes
    base_ms = 1772323200000  # 2026-03-01T00:00:00Z in ms
    for k, (e, n, street) in enumerate(locs):
        borough = borough_at(e, n)
        if k in bad:
            borough = "westminster"
        lpa = AUTHORITIES[borough][3]
        yy = rng.choice((25, 25, 26))
        app_no = _lpa_app_no(borough, rng, yy)
        valid = date(2000 + yy, 1, 5) + timedelta(days=rng.randrange(0, 330 if yy == 25 else 50))
        status = _weighted(rng, PLD_STATUS, (20, 35, 4, 15, 6, 4, 10, 6))
        decided = status not in ("Submitted", "Withdrawn")
        dec_date = valid + timedelta(days=rng.randint(35, 140)) if decided else None
        decision = {"Approved": "Approved", "Allowed": "Allowed", "Commenced": "Approved", "Completed": "Approved",
                    "Lapsed": "Approved", "Refused": "Refused"}.get(status)  # fmt: skip
        if decision and rng.random() < 0.4:
            decision = {"Approved": "PER", "Refused": "REF", "Allowed": "AP"}.get(decision, decision)
        units = rng.choice((0, 0, 1, 2, 4, 9, 12, 25, 40, 120)) if rng.random() < 0.45 else None
        app_details: dict[str, Any] = {"existing_uprns": None}
        if units is not None:
            app_details["residential_details"] = {
                "total_no_proposed_residential_units": units,
                "total_no_existing_residential_units": rng.choice((0, 0, 1, 2)),
                "total_no_proposed_residential_affordable_units": units // 3,
            }
            faults["with_residential_units"] += 1
        near = min(pcs, key=lambda p: (p.e - e) ** 2 + (p.n - n) ** 2)
        if k in bad:
            centroid = {"lat": 49.766807, "lon": -7.55716}
            ce = cn = None if k % 2 else 0
            faults["grid_origin_centroids"] += 1
        else:
            centroid = {"lat": round(float(lat[k]), 6), "lon": round(float(lon[k]), 6)}
            ce, cn = (str(e), str(n)) if rng.random() < 0.7 else (e, n)
        poly = None
        if k not in bad and rng.random() < 0.35:
            w, h = rng.uniform(10, 60), rng.uniform(10, 60)
            ring = [(e - w, n - h), (e + w, n - h), (e + w, n + h), (e - w, n + h), (e - w, n - h)]
            plon, plat = bng_to_wgs84([p[0] for p in ring], [p[1] for p in ring])
            poly = {
                "type": "Polygon",
                "coordinates": [
                    [[round(float(a), 6), round(float(b), 6)] for a, b in zip(plon, plat, strict=True)]
                ],
            }
            faults["with_wgs84_polygon"] += 1
        last_updated = base_ms + k * 61_000 + rng.randint(0, 60_000)
        hit_id = f"{lpa}-{app_no.replace('/', '_')}"
        src = {
            "centroid_northing": cn,
            "appeal_status": None,
            "pp_id": str(10300000 + k * 7 + rng.randint(0, 6)),
            "valid_date": valid.strftime("%d/%m/%Y"),
            "last_updated": (datetime(1970, 1, 1) + timedelta(milliseconds=last_updated)).strftime(
                "%Y-%m-%dT%H:%M:%S.%f"
            )[:-3]
            + "Z",
            "ward": _ward(borough, e, n)[0].upper(),
            "site_name": f"{rng.randint(1, 200)} {street.name.upper()}",
            "centroid": centroid,
            "status": status,
            "id": hit_id,
            "polygon": None,
            "wgs84_polygon": poly,
            "decision": decision,
            "lpa_name": lpa,
            "application_type": rng.choice(PLD_APP_TYPES),
            "uprn": rng.choice((None, f"{rng.randint(10033500000, 10033599999):012d}", str(rng.randint(100021000000, 100023999999)))),
            "centroid_easting": ce,
            "application_details": app_details,
            "decision_agency": "Borough",
            "postcode": near.pcds if rng.random() < 0.9 else None,
            "url_planning_app": f"https://planning.example.gov.uk/{borough}/{app_no}",
            "decision_target_date": (valid + timedelta(days=56)).strftime("%d/%m/%Y"),
            "decision_date": dec_date.strftime("%d/%m/%Y") if dec_date else None,
            "borough": lpa,
            "lpa_app_no": app_no,
            "actual_commencement_date": (dec_date + timedelta(days=60)).strftime("%d/%m/%Y") if status in ("Commenced", "Completed") and dec_date else None,
            "development_type": rng.choice((None, None, "New build", "Change of use", "Extension", "Conversion")),
            "decision_process": rng.choice(("Delegated", "Delegated", "Committee")),
            "description": rng.choice(
                ("Erection of a part five, part six storey building comprising {u} residential units.",
                 "Change of use of ground floor from retail to residential ({u} units).",
                 "Installation of replacement windows and rooftop plant.",
                 "Demolition of existing building and redevelopment to provide {u} flats and commercial floorspace.",
                 "Single storey rear extension.")
            ).format(u=max(units or 0, 2)),
            "actual_completion_date": (dec_date + timedelta(days=300)).strftime("%d/%m/%Y") if status == "Completed" and dec_date else None,
            "street_name": street.name.upper(),
        }  # fmt: skip
        hits.append(
            {"_index": "applications", "_type": "_doc", "_id": hit_id, "_version": rng.randint(1, 40),
             "_score": None, "_source": src, "sort": [last_updated]}
        )  # fmt: skip
    hits.sort(key=lambda h: -h["sort"][0])
    total = n_hits + 41  # a page of a larger result, like the real responses
    doc = {
        "id": "RmFrZVNlYXJjaElkOmRpZy1vbmNlLXNhbXBsZS1kYXRh",
        "is_partial": False,
        "is_running": False,
        "rawResponse": {
            "took": 120 + rng.randint(0, 80),
            "timed_out": False,
            "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
            "hits": {"total": total, "max_score": None, "hits": hits},
        },
        "total": 1,
        "loaded": 1,
    }
    p = out / "pld_hits.json"
    _json_dump(p, doc, indent=1)
    faults["hits_total"] = total
    return {"paths": {"planning_pld": p}, "faults": faults}


def write_conservation_areas(world: World, seed: int, path: Path) -> dict[str, Any]:
    from shapely.geometry import LineString, mapping
    from shapely.ops import transform, unary_union

    rng = _rng(seed, "conservation")
    feats = []
    ended = 0
    names = ("Bloomsbury", "Hatton Garden", "Clerkenwell Green", "Charterhouse Square", "Kennington Park",
             "Regent's Canal", "Hoxton Street", "Whitechapel High Street", "Borough High Street", "Bankside")  # fmt: skip
    to84 = _transformer_to_wgs84()
    for k, name in enumerate(names):
        street = rng.choice(world.streets)
        other = min(
            (s for s in world.streets if s.sid != street.sid),
            key=lambda s: math.dist(s.coords[len(s.coords) // 2], street.coords[len(street.coords) // 2]),
        )
        geom = unary_union(
            [
                LineString(street.coords).buffer(rng.uniform(60, 140)),
                LineString(other.coords).buffer(rng.uniform(40, 90)),
            ]
        ).simplify(8)
        g84 = transform(lambda x, y: to84.transform(x, y), geom)
        gj = mapping(g84)
        if gj["type"] == "Polygon":
            gj = {"type": "MultiPolygon", "coordinates": [gj["coordinates"]]}
        gj = json.loads(json.dumps(gj), parse_float=lambda v: round(float(v), 6))
        borough = world_borough(street)
        end_date = ""
        if k == 7:
            end_date = "2024-06-30"
            ended += 1
        feats.append(
            {
                "geometry": gj,
                "type": "Feature",
                "properties": {
                    "entry-date": "2025-11-03",
                    "start-date": f"{rng.randint(1968, 2005)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                    "end-date": end_date,
                    "entity": 44009100 + k,
                    "name": name,
                    "dataset": "conservation-area",
                    "typology": "geography",
                    "reference": f"CA{k + 1:02d}",
                    "prefix": "conservation-area",
                    "organisation-entity": str(100 + LONDON_BOROUGHS.index(borough)),
                },
            }
        )
    _write_text(
        path, json.dumps({"type": "FeatureCollection", "features": feats}, separators=(",", ":")) + "\n"
    )
    return {"features": len(feats), "ended": ended}


def write_spine(world: World, seed: int, path: Path) -> dict[str, Any]:
    rng = _rng(seed, "spine")
    routes = []
    # two TfL roads and one street-following route, as a stand-in for tube-tunnel fibre
    for k, line in enumerate(world.tfl_lines[:2]):
        coords = [c for sid in line for c in world.streets[sid].coords]
        routes.append((f"Connected London spine route {chr(65 + k)}", "Transport for London", coords))
    line = rng.choice([ln for ln in world.lines if ln not in world.tfl_lines])
    coords = [c for sid in line for c in world.streets[sid].coords]
    routes.append(("Connected London spine route C", "Connected London (GLA)", coords))
    feats = []
    for name, owner, coords in routes:
        dedup = [c for j, c in enumerate(coords) if j == 0 or c != coords[j - 1]]
        lon, lat = bng_to_wgs84([c[0] for c in dedup], [c[1] for c in dedup])
        feats.append(
            {
                "type": "Feature",
                "properties": {"name": name, "owner": owner, "status": "live"},
                "geometry": {
                    "type": "LineString",
                    "coordinates": [
                        [round(float(a), 7), round(float(b), 7)] for a, b in zip(lon, lat, strict=True)
                    ],
                },
            }
        )
    _json_dump(path, {"type": "FeatureCollection", "name": "fibre_spine", "features": feats})
    return {"routes": len(feats)}


# ----------------------------------------------------------------------------------------------
# England density: a year of Street Manager for the whole of England (12 monthly archives)
# ----------------------------------------------------------------------------------------------

#: DfT counts ~2.2M street and road works in England in 2022-23; Street Manager creates 2.7-3M
#: permits a year. The England mode's default is one permit per work, 3M a year.
ENGLAND_WORKS_PER_YEAR = 3_000_000
#: (town, easting, northing, weight): England's largest urban areas, roughly placed (weights are
#: shares of the works, not populations; London's share is ENGLAND_LONDON_SHARE); ENGLAND_TOWNS
#: smaller towns are drawn at random.
ENGLAND_CITIES = (
    ("LONDON", 530000, 180000, 90.0), ("BIRMINGHAM", 407000, 287000, 22.0),
    ("MANCHESTER", 384000, 398000, 22.0), ("LEEDS", 430000, 433000, 15.0),
    ("LIVERPOOL", 335000, 390000, 11.0), ("NEWCASTLE UPON TYNE", 425000, 564000, 9.0),
    ("SHEFFIELD", 435000, 387000, 9.0), ("BRISTOL", 359000, 173000, 9.0),
    ("NOTTINGHAM", 457000, 340000, 7.0), ("LEICESTER", 458000, 304000, 6.0),
    ("SOUTHAMPTON", 442000, 112000, 5.0), ("PORTSMOUTH", 464000, 101000, 5.0),
    ("BRIGHTON AND HOVE", 531000, 104000, 4.0), ("PLYMOUTH", 248000, 55000, 4.0),
    ("KINGSTON UPON HULL", 509000, 429000, 4.0), ("NORWICH", 623000, 308000, 3.0),
    ("YORK", 460000, 452000, 3.0), ("CAMBRIDGE", 545000, 258000, 3.0),
    ("OXFORD", 451000, 206000, 3.0), ("EXETER", 292000, 92000, 2.0),
)  # fmt: skip
ENGLAND_TOWNS = 380
#: London's share of England's works: ~470,000 completed street works a year in London
#: (Street Manager open data, word-on-the-street.evidence.app) of the 3M.
ENGLAND_LONDON_SHARE = 0.157
#: Road lengths (km): London 14,790 (TfL, FOI-2685-1920), England ~304,000 (DfT road lengths,
#: ~189,000 miles). With the shares above: ~32 works a km a year in London, ~9 elsewhere.
ENGLAND_LONDON_ROAD_KM = 14_790.0
ENGLAND_ROAD_KM = 304_000.0
#: km of road per km2 at a town's centre (London averages 9.4 over its 1,572 km2).
ENGLAND_ROAD_DENSITY = 15.0
#: Boxes (BNG) where the smaller towns are drawn: south-west, south and midlands, north.
ENGLAND_BOXES = (
    (200000, 40000, 380000, 200000),
    (350000, 90000, 630000, 400000),
    (320000, 380000, 480000, 600000),
)
ENGLAND_TOWN_SUFFIXES = ("BURY", "FORD", "TON", "HAM", "LEY", "WICK", "BRIDGE", "FIELD", "MOUTH", "BY")
#: Share of the categories in England's permits (minor, standard, major, urgent, emergency).
ENGLAND_CATEGORIES = ("minor", "standard", "major", "immediate_urgent", "immediate_emergency")
ENGLAND_CATEGORY_WEIGHTS = (0.44, 0.30, 0.06, 0.13, 0.07)
#: One Section 58 for every this many works, on the street of the work.
ENGLAND_S58_PERIOD = 400
#: Start days generated before a month (a major's events reach ~70 days past its start) and after
#: it (a major's permit is submitted up to 100 days before its start).
ENGLAND_DAYS_BEFORE = 75
ENGLAND_DAYS_AFTER = 101
ENGLAND_EVENT_BASE = 9_000_000_000


class EnglandWorld:
    """Towns and their streets as arrays (memory: ~60 bytes a street)."""

    def __init__(self, seed: int, works_per_year: int) -> None:
        rng = np.random.default_rng([seed, 7100])
        names = [c[0] for c in ENGLAND_CITIES]
        xs = [float(c[1]) for c in ENGLAND_CITIES]
        ys = [float(c[2]) for c in ENGLAND_CITIES]
        weights = [c[3] for c in ENGLAND_CITIES]
        used = set(names)
        for k in range(ENGLAND_TOWNS):
            box = ENGLAND_BOXES[k % len(ENGLAND_BOXES)]
            while True:
                stem = STREET_STEMS[int(rng.integers(len(STREET_STEMS)))].upper().split()[0].strip("'S")
                name = stem + ENGLAND_TOWN_SUFFIXES[int(rng.integers(len(ENGLAND_TOWN_SUFFIXES)))]
                if name not in used:
                    used.add(name)
                    break
            names.append(name)
            xs.append(float(rng.uniform(box[0], box[2])))
            ys.append(float(rng.uniform(box[1], box[3])))
            weights.append(float(min(3.0, 0.15 * (k % 97 + 1) ** -0.6 * 12)))  # Zipf-like
        self.town_names = names
        self.town_xy = np.column_stack([xs, ys])
        # works: London its real share, the other towns by their weights
        w = np.array(weights)
        w[1:] *= (1.0 - ENGLAND_LONDON_SHARE) / w[1:].sum()
        w[0] = ENGLAND_LONDON_SHARE
        self.town_weight = w
        # the town's highway authority: London's streets share its boroughs and TfL
        self.town_authority = [(f"{n} COUNCIL", f"{1000 + 7 * t}") for t, n in enumerate(names)]
        london_keys = [*LONDON_BOROUGHS, "tfl"]
        self.london_authorities = [
            (AUTHORITIES[k][0], AUTHORITIES[k][1], AUTHORITIES[k][3]) for k in london_keys
        ]
        # roads: England's length scaled with the works (a tenth of the works, a tenth of the
        # roads, so the density of works on a road is the same at every scale): London its own
        # length, the other towns in proportion to their works
        scale = works_per_year / ENGLAND_WORKS_PER_YEAR
        km = np.empty(len(w))
        km[0] = ENGLAND_LONDON_ROAD_KM * scale
        km[1:] = (ENGLAND_ROAD_KM - ENGLAND_LONDON_ROAD_KM) * scale * w[1:] / w[1:].sum()
        mean_len = 0.2986  # km: the mean of the street lengths drawn below
        n_streets = max(200, int(round(km.sum() / mean_len)))
        town = np.minimum(np.searchsorted(np.cumsum(km / km.sum()), rng.random(n_streets)), len(names) - 1)
        # a town's streets spread as a 2-D normal around its centre, as wide as its road length
        # needs for ENGLAND_ROAD_DENSITY at the centre (a street's distance from the centre drawn
        # half-normal, as before, crowded every town's streets onto its centre point)
        sigma = np.sqrt(km / (2 * np.pi * ENGLAND_ROAD_DENSITY)) * 1000.0
        cx = self.town_xy[town, 0] + rng.normal(0.0, 1.0, n_streets) * sigma[town]
        cy = self.town_xy[town, 1] + rng.normal(0.0, 1.0, n_streets) * sigma[town]
        angle = rng.uniform(0, np.pi, n_streets)
        length = np.clip(rng.lognormal(np.log(250.0), 0.6, n_streets), 40.0, 2500.0)
        self.street_town = town
        self.street_x0 = np.round(cx - np.cos(angle) * length / 2, 2)
        self.street_y0 = np.round(cy - np.sin(angle) * length / 2, 2)
        self.street_dx = np.cos(angle)
        self.street_dy = np.sin(angle)
        self.street_len = length
        self.street_london = town == 0
        self.street_borough = rng.integers(0, len(london_keys), n_streets)  # London only
        # works on a street: its length times its town's works per km, busy streets many more
        busy = rng.lognormal(0.0, 1.0, n_streets) * length * (w / km)[town]
        self.street_cdf = np.cumsum(busy / busy.sum())
        self.n_streets = n_streets

    def street_name(self, sid: int) -> str:
        k = (sid * 7919) % (len(STREET_STEMS) * len(STREET_SUFFIXES))
        return (
            f"{STREET_STEMS[k // len(STREET_SUFFIXES)]} {STREET_SUFFIXES[k % len(STREET_SUFFIXES)]}".upper()
        )

    def authority(self, sid: int) -> tuple[str, str, str, str]:
        """(highway authority, its SWA code, area name, town) of a street."""
        if self.street_london[sid]:
            name, swa, display = self.london_authorities[int(self.street_borough[sid])]
            return name, swa, display.upper(), "LONDON"
        town = int(self.street_town[sid])
        name, swa = self.town_authority[town]
        return name, swa, self.town_names[town], self.town_names[town]


@lru_cache(maxsize=1024)
def _midnight_z_of_day(day: int) -> str:
    return local_midnight_z(date(1970, 1, 1) + timedelta(days=day))


def _england_day(world: EnglandWorld, seed: int, day: int, per_day: float):
    """The permits (and Section 58s) whose works start on ``day`` (days since 1970-01-01), as
    :class:`SMObject` s; every draw comes from a generator seeded by (seed, day)."""
    rng = np.random.default_rng([seed, 7200, day])
    weekday = (day + 3) % 7  # 1970-01-01 was a Thursday
    n = int(rng.poisson(per_day * (0.4 if weekday >= 5 else 1.24)))
    if n == 0:
        return []
    sid = np.minimum(np.searchsorted(world.street_cdf, rng.random(n)), world.n_streets - 1)
    u = rng.random(n)
    lateral = rng.uniform(-5, 5, n)
    cat = np.searchsorted(np.cumsum(ENGLAND_CATEGORY_WEIGHTS), rng.random(n) * 0.999999)
    gkind = rng.random(n)
    half = rng.uniform(5, 40, n)
    width = rng.uniform(1.5, 4.5, n)
    prom_w = np.array([p[3] for p in PROMOTERS], dtype=float)
    prom = np.searchsorted(np.cumsum(prom_w / prom_w.sum()), rng.random(n) * 0.999999)
    dur_draw = rng.random(n)
    lead_draw = rng.random(n)
    start_min = rng.integers(7 * 60, 10 * 60, n)
    immediate_min = rng.integers(0, 23 * 60, n)
    outcome = rng.random(n)
    granted_event = rng.random(n) < 0.6
    dec_hours = rng.integers(4, 96, n)
    end_min = rng.integers(14 * 60, 18 * 60 + 59, n)
    overrun = np.where(rng.random(n) < 0.15, rng.integers(1, 6, n), 0)
    tm = rng.integers(0, len(TRAFFIC_MANAGEMENT), n)
    act = rng.integers(0, 3, n)
    s58_draw = rng.random(n)
    s58_months = rng.integers(0, len(S58_DURATION_MONTHS), n)
    tm_keys = list(TRAFFIC_MANAGEMENT)
    out = []
    base_dt = datetime(1970, 1, 1) + timedelta(days=day)
    for k in range(n):
        s = int(sid[k])
        category = ENGLAND_CATEGORIES[int(cat[k])]
        major = category == "major"
        immediate = category.startswith("immediate")
        length = float(world.street_len[s])
        x0, y0 = float(world.street_x0[s]), float(world.street_y0[s])
        tx, ty = float(world.street_dx[s]), float(world.street_dy[s])
        along = float(u[k]) * length
        off = float(lateral[k])
        ox, oy = x0 - ty * off, y0 + tx * off
        g = float(gkind[k])
        # points, short lines and polygons: ~55/30/15 over all categories, majors mostly lines
        if g < 0.6 if major else g < 0.3:
            h = float(half[k]) * (2.0 if major else 1.0)
            a, b = max(0.0, along - h), min(length, along + h)
            wkt = f"LINESTRING({ox + tx * a:.2f} {oy + ty * a:.2f},{ox + tx * b:.2f} {oy + ty * b:.2f})"
        elif g < 0.9 if major else g < 0.45:
            h, w = float(half[k]) * 0.8, float(width[k])
            cx, cy = ox + tx * along, oy + ty * along
            ring = [(cx - tx * h + ty * w, cy - ty * h - tx * w), (cx + tx * h + ty * w, cy + ty * h - tx * w),
                    (cx + tx * h - ty * w, cy + ty * h + tx * w), (cx - tx * h - ty * w, cy - ty * h + tx * w)]  # fmt: skip
            ring.append(ring[0])
            wkt = f"POLYGON(({_wkt_xy(ring)}))"
        else:
            wkt = f"POINT({ox + tx * along:.2f} {oy + ty * along:.2f})"
        d = float(dur_draw[k])
        dur = (
            1 + int(d * 3) if category == "minor"
            else 4 + int(d * 7) if category == "standard"
            else 11 + int(d * 50) if major
            else 1 + int(d * 5)
        )  # fmt: skip
        org, swa, utype, _ = PROMOTERS[int(prom[k])]
        auth, auth_swa, area, town = world.authority(s)
        if org is None:
            org, swa = auth.title(), auth_swa
        work_ref = f"{swa}{day % 1000:03d}{k:05d}"
        t_start = base_dt + timedelta(minutes=int(start_min[k]))
        end_day = day + dur - 1
        t_end = base_dt + timedelta(days=dur - 1 + int(overrun[k]), minutes=int(end_min[k]))
        tmk = tm_keys[int(tm[k])]
        if category == "minor" and tmk in ("road_closure", "contra_flow", "convoy_workings"):
            tmk = "some_carriageway_incursion"
        base = {
            "work_reference_number": work_ref,
            "permit_reference_number": f"{work_ref}-01",
            "promoter_swa_code": swa,
            "promoter_organisation": org,
            "highway_authority": auth,
            "works_location_coordinates": wkt,
            "street_name": world.street_name(s),
            "area_name": area,
            "work_category": WORK_CATEGORY[category],
            "traffic_management_type": TRAFFIC_MANAGEMENT[tmk],
            "proposed_start_date": _midnight_z_of_day(day),
            "proposed_start_time": f"{int(start_min[k]) // 60:02d}:{int(start_min[k]) % 60:02d}",
            "proposed_end_date": _midnight_z_of_day(end_day),
            "proposed_end_time": None,
            "actual_start_date_time": None,
            "actual_end_date_time": None,
            "work_status": WORK_STATUS["planned"],
            "usrn": f"{10_000_000 + s}",
            "highway_authority_swa_code": auth_swa,
            "work_category_ref": category,
            "traffic_management_type_ref": tmk,
            "work_status_ref": "planned",
            "activity_type": ACTIVITY_TYPE[UTILITY_ACTIVITIES[utype][int(act[k])]],
            "is_ttro_required": "No",
            "is_covid_19_response": "No",
            "works_location_type": "Carriageway" if g < 0.5 else "Footway",
            "permit_conditions": None,
            "road_category": "4" if g < 0.7 else "3",
            "is_traffic_sensitive": "Yes" if g > 0.8 else "No",
            "is_deemed": "No",
            "permit_status": "submitted",
            "town": town,
            "collaborative_working": "No",
            "collaboration_type": None,
            "collaboration_type_ref": None,
            "close_footway": "No",
            "close_footway_ref": "no",
            "current_traffic_management_type": None,
            "current_traffic_management_type_ref": None,
            "current_traffic_management_update_date": None,
        }
        ref0 = ENGLAND_EVENT_BASE + ((day + 1000) * 100_000 + k) * 8
        ev: list[tuple[datetime, int, str, dict]] = []
        if immediate:  # notified once under way
            t_go = base_dt + timedelta(minutes=int(immediate_min[k]))
            started = {"actual_start_date_time": iso_z(t_go), "work_status": WORK_STATUS["in_progress"],
                       "work_status_ref": "in_progress", "is_deemed": "Yes"}  # fmt: skip
            ev.append((t_go + timedelta(minutes=45), ref0, "PERMIT_SUBMITTED", started))
        else:
            lo, hi = {"minor": (3, 6), "standard": (12, 25), "major": (35, 100)}[category]
            lead = lo + int(float(lead_draw[k]) * (hi - lo + 1))
            t_sub = base_dt - timedelta(days=lead) + timedelta(hours=9, minutes=int(start_min[k]) % 480)
            ev.append((t_sub, ref0, "PERMIT_SUBMITTED", {}))
            t_dec = min(t_sub + timedelta(hours=int(dec_hours[k])), t_start - timedelta(hours=2))
            o = float(outcome[k])
            if o < 0.03:
                ev.append((t_dec, ref0 + 1, "PERMIT_REFUSED", {"permit_status": "refused"}))
                out.append(SMObject("PERMIT", base["permit_reference_number"], base, ev))
                continue
            if granted_event[k] or o < 0.07:
                ev.append((t_dec, ref0 + 1, "PERMIT_GRANTED", {"permit_status": "granted"}))
            else:
                base["is_deemed"] = "Yes"  # deemed granted: no decision event
                base["permit_status"] = "granted"
            if o < 0.07:
                cancelled = {"permit_status": "cancelled", "work_status": WORK_STATUS["cancelled"],
                             "work_status_ref": "cancelled"}  # fmt: skip
                ev.append((t_dec + timedelta(hours=1), ref0 + 2, "PERMIT_CANCELLED", cancelled))
                out.append(SMObject("PERMIT", base["permit_reference_number"], base, ev))
                continue
            started = {"work_status": WORK_STATUS["in_progress"], "work_status_ref": "in_progress",
                       "actual_start_date_time": iso_z(t_start)}  # fmt: skip
            ev.append((t_start, ref0 + 3, "WORK_START", started))
        t_stop = max(t_end, ev[-1][0] + timedelta(hours=1))
        stopped = {"permit_status": "closed", "work_status": WORK_STATUS["completed"],
                   "work_status_ref": "completed", "actual_end_date_time": iso_z(t_stop)}  # fmt: skip
        ev.append((t_stop, ref0 + 4, "WORK_STOP", stopped))
        out.append(SMObject("PERMIT", base["permit_reference_number"], base, ev))
        if float(s58_draw[k]) < 1.0 / ENGLAND_S58_PERIOD:
            out.append(
                _england_s58(world, s, day, k, int(s58_months[k]), float(u[k]), ref0 + 5, auth, auth_swa)
            )
    return out


def _england_s58(world: EnglandWorld, s: int, day: int, k: int, dur_i: int, u: float, ref0: int,
                 auth: str, auth_swa: str) -> SMObject:  # fmt: skip
    """A Section 58 on street ``s``: half already in force (one update), half proposed (created
    now, in force from ~3 months on)."""
    duration = list(S58_DURATION_MONTHS)[dur_i]
    length = float(world.street_len[s])
    x0, y0 = float(world.street_x0[s]), float(world.street_y0[s])
    tx, ty = float(world.street_dx[s]), float(world.street_dy[s])
    geom = f"LINESTRING({x0:.2f} {y0:.2f},{x0 + tx * length:.2f} {y0 + ty * length:.2f})"
    in_force = u < 0.5
    start = day - int(u * 600) if in_force else day + 92 + int(u * 30)
    end = start + int(S58_DURATION_MONTHS[duration] * 30.44)
    ref = f"S58-{auth_swa}-{day % 1000:03d}{k:05d}"
    base = {
        "section_58_reference_number": ref,
        "section_58_coordinates": geom,
        "section_58_status": "proposed",
        "start_date": _midnight_z_of_day(start),
        "end_date": _midnight_z_of_day(end),
        "section_58_duration": duration,
        "section_58_extent": "whole_road",
        "usrn": f"{10_000_000 + s}",
        "highway_authority": auth,
        "highway_authority_swa_code": auth_swa,
        "street_name": world.street_name(s),
    }
    t = datetime(1970, 1, 1) + timedelta(days=day, hours=11)
    if in_force:
        events = [(t, ref0, "SECTION_58_UPDATED", {"section_58_status": "in_force"})]
    else:
        events = [(t, ref0, "SECTION_58_CREATED", {})]
    return SMObject("SECTION_58", ref, base, events)


def _compact_json():
    """``json`` with compact separators, as bytes; orjson when installed writes the same bytes
    for these envelopes (ASCII text and integers only) several times faster."""
    try:
        import orjson

        return orjson.dumps
    except ImportError:
        encode = json.JSONEncoder(separators=(",", ":")).encode
        return lambda obj: encode(obj).encode("ascii")


def _england_part(
    out_dir: Path, seed: int, works_per_year: int, year: int, months: list[int], level: int
) -> dict[str, Any]:
    """Write the archives of ``months`` (of ``year``) in one pass over the start days that can
    have events in them; one open ZIP per month, streamed."""
    world = EnglandWorld(seed, works_per_year)
    per_day = works_per_year / 365.0
    epoch = date(1970, 1, 1)
    windows = {m: _month_window(f"{year}-{m:02d}") for m in months}
    first = (windows[min(months)][0].date() - epoch).days - ENGLAND_DAYS_BEFORE
    last = (windows[max(months)][1].date() - epoch).days + ENGLAND_DAYS_AFTER
    t_lo, t_hi = windows[min(months)][0], windows[max(months)][1]
    dumps = _compact_json()
    zips: dict[int, StreamingZip] = {}
    stats = {m: {"events": 0, "permit_events": 0, "section_58_events": 0, "permits": 0, "section_58": 0}
             for m in months}  # fmt: skip
    try:
        for m in months:
            path = out_dir / "permit" / str(year) / f"{m:02d}.zip"
            path.parent.mkdir(parents=True, exist_ok=True)
            zips[m] = StreamingZip(path, windows[m][1] + timedelta(hours=2), level=level)
        for day in range(first, last):
            for obj in _england_day(world, seed, day, per_day):
                state = dict(obj.base)
                seen: set[int] = set()
                for t, eref, etype, updates in obj.events:
                    state.update(updates)
                    if not (t_lo <= t < t_hi) or t.month not in zips or t.year != year:
                        continue
                    env = envelope(eref, etype, state, t, obj.object_type, obj.reference)
                    zips[t.month].write(f"{t.day:02d}/{eref}.json", dumps(env))
                    st = stats[t.month]
                    st["events"] += 1
                    st["permit_events" if obj.object_type == "PERMIT" else "section_58_events"] += 1
                    if t.month not in seen:
                        seen.add(t.month)
                        st["permits" if obj.object_type == "PERMIT" else "section_58"] += 1
    finally:
        for z in zips.values():
            z.close()
    for m in months:
        path = out_dir / "permit" / str(year) / f"{m:02d}.zip"
        stats[m]["bytes"] = path.stat().st_size
        stats[m]["path"] = str(path)
    return {f"{year}-{m:02d}": stats[m] for m in months}


def write_england_works_gpkg(
    path: str | Path, works_per_year: int = ENGLAND_WORKS_PER_YEAR, seed: int = 42, year: int = 2026
) -> int:
    """The permits whose works start in ``year``, as the store's works layer holds them after
    their last event (permit_ref, promoter, permit_status, start and end dates in London, usrn,
    town), in one GeoPackage layer ``works``: the same works as :func:`write_england_archives`
    (same seed, same draws) without the archives and the import, so that findworksoverlaps can
    be timed on a year of England in minutes. Written by the plugin's own GeoPackage writer.
    Returns the number of works."""
    import shapely

    write_layer = _plugin_module("plugin.layerio.table_writer").write_layer
    world = EnglandWorld(seed, works_per_year)
    epoch = date(1970, 1, 1)
    first, last = (date(year, 1, 1) - epoch).days, (date(year + 1, 1, 1) - epoch).days
    names = ("permit_ref", "promoter", "permit_status", "start_date", "end_date", "usrn", "town")
    columns: dict[str, list[Any]] = {name: [] for name in names}
    wkt: list[str] = []
    for day in range(first, last):
        for obj in _england_day(world, seed, day, works_per_year / 365.0):
            if obj.object_type != "PERMIT":
                continue
            state = dict(obj.base)
            for _t, _ref, _type, updates in obj.events:
                state.update(updates)
            wkt.append(state["works_location_coordinates"])
            columns["permit_ref"].append(state["permit_reference_number"])
            columns["promoter"].append(state["promoter_organisation"])
            columns["permit_status"].append(state["permit_status"])
            columns["start_date"].append(_london_day(state["proposed_start_date"]))
            columns["end_date"].append(_london_day(state["proposed_end_date"]))
            columns["usrn"].append(state["usrn"])
            columns["town"].append(state["town"])
    fields = [(name, "date" if name.endswith("_date") else "str") for name in names]
    return write_layer(Path(path), "works", fields, columns, shapely.from_wkt(wkt), "GEOMETRY")


def _london_day(midnight_z: str) -> date:
    """The London date of a local midnight written in UTC (23:00Z the day before in summer)."""
    day = date.fromisoformat(midnight_z[:10])
    return day + timedelta(days=1) if midnight_z[11:13] == "23" else day


def write_england_archives(
    out_dir: str | Path,
    works_per_year: int = ENGLAND_WORKS_PER_YEAR,
    seed: int = 42,
    year: int = 2026,
    months: list[int] | None = None,
    jobs: int = 1,
    level: int = 1,
) -> dict[str, Any]:
    """England density: ``out_dir/permit/YYYY/MM.zip`` for each month of ``year`` (all 12 by
    default), Street Manager's layout, ~``works_per_year`` permits (one a work) in ~400 towns
    (London, the big cities, then smaller towns, each a highway authority with its own SWA code;
    London's streets belong to its boroughs and TfL), along streets (busy streets get many
    works; London ~16% of the works on ~5% of the roads, as in Street Manager), ~55% points,
    ~30% short lines, ~15% polygons, about 3.2 events a permit and one Section 58 every ~400
    works. Memory stays flat (each archive is streamed to disk). With
    ``jobs`` > 1 the months are split between that many processes (each regenerates the days
    it needs: same bytes). Returns the statistics per month (events, permits, Section 58s,
    bytes, path). Deflate level 1 by default: archives ~15% larger than level 6, written 3x faster."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    months = sorted(months or range(1, 13))
    jobs = max(1, min(jobs, len(months)))
    if jobs == 1:
        return _england_part(out, seed, works_per_year, year, months, level)
    import subprocess  # nosec B404  # runs this very script, with fixed arguments

    size = -(-len(months) // jobs)
    groups = [months[i : i + size] for i in range(0, len(months), size)]
    procs = [
        subprocess.Popen(  # nosec B603  # this script, fixed arguments
            [
                sys.executable,
                str(Path(__file__).resolve()),
                "--england-part",
                str(out),
                "--out",
                str(out),
                "--seed",
                str(seed),
                "--england",
                str(works_per_year),
                "--year",
                str(year),
                "--level",
                str(level),
                "--england-months",
                *map(str, g),
            ],  # fmt: skip
            stdout=subprocess.PIPE,
            text=True,
        )
        for g in groups
    ]
    stats: dict[str, Any] = {}
    for p in procs:
        stdout, _ = p.communicate()
        if p.returncode != 0:
            raise RuntimeError(f"England generator part failed (exit {p.returncode})")
        stats.update(json.loads(stdout.strip().splitlines()[-1]))
    return dict(sorted(stats.items()))


# ----------------------------------------------------------------------------------------------
# Orchestration
# ----------------------------------------------------------------------------------------------

DEFAULT_MONTHS = ("2026-03", "2026-04")


# Street Manager facts reported per archive (and for all months together) next to the fault counts.
SM_FAULT_KEYS = (
    "events",
    "permits",
    "section_58",
    "non_london_permits",
    "resubmitted_permits",
    "tied_event_times",
    "latest_permit_status",
    "latest_section_58_status",
)


def generate(
    out_dir: str | Path,
    seed: int = 42,
    n_works: int = 3000,
    months: list[str] | tuple[str, ...] = DEFAULT_MONTHS,
) -> dict[str, Any]:
    """Write the whole sample scenario into ``out_dir``.

    Returns ``{"paths": {name: Path}, "faults": {...}, "streetmanager": {month: stats}, "seed", "n_works"}``
    where ``faults`` holds the exact counts of every deliberate fault (also written to README.md and
    faults.json in ``out_dir``)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    world = build_world(seed)
    paths: dict[str, Path] = {}
    faults: dict[str, Any] = {}

    sm: dict[str, Any] = {}
    for m in sorted(months):
        y, mm = m.split("-")
        p = out / "streetmanager" / "permit" / y / f"{mm}.zip"
        sm[m] = write_streetmanager_archive(p, n_works=n_works, seed=seed, month=m)
        paths[f"streetmanager_{m}"] = p
    combined = summarise_streetmanager(n_works, seed, list(months))
    faults["streetmanager"] = {
        m: {k: st[k] for k in SM_FAULT_KEYS} | st["faults"]
        for m, st in [*sm.items(), ("all_months", combined)]
    }

    p = out / "works" / "my_works.geojson"
    faults["my_works"] = write_my_works(world, seed, p)
    paths["my_works"] = p

    progs, links = _forward_plans(world, seed)
    p = out / "plans" / "forward_plan.gpkg"
    write_forward_plan_gpkg(progs, links, p)
    paths["forward_plan_gpkg"] = p
    p = out / "plans" / "forward_plan.csv"
    write_forward_plan_csv(links, p)
    paths["forward_plan_csv"] = p
    faults["forward_plan"] = {"programmes": len(progs), "networklinks": len(links)}

    res = write_ofcom(world, seed, out / "ofcom")
    paths.update(res["paths"])
    faults["ofcom"] = res["faults"]

    res = write_cultural(world, seed, out / "cultural")
    paths.update(res["paths"])
    faults["cultural"] = res["faults"]

    res = write_planning(world, seed, out / "planning")
    paths.update(res["paths"])
    faults["planning"] = res["faults"]
    p = out / "planning" / "conservation-area.geojson"
    faults["conservation_areas"] = write_conservation_areas(world, seed, p)
    paths["conservation_areas"] = p

    p = out / "spine" / "fibre_spine.geojson"
    faults["spine"] = write_spine(world, seed, p)
    paths["spine"] = p

    p = out / "faults.json"
    _json_dump(p, {"seed": seed, "n_works": n_works, "months": sorted(months), "faults": faults}, indent=1)
    paths["faults_json"] = p
    p = out / "README.md"
    _write_text(p, _readme(seed, n_works, sorted(months), faults, sm, paths, out))
    paths["readme"] = p
    return {"paths": paths, "faults": faults, "streetmanager": sm, "seed": seed, "n_works": n_works}


def _readme(seed, n_works, months, faults, sm, paths, out: Path) -> str:
    def rel(k: str) -> str:
        return paths[k].relative_to(out).as_posix()

    smf = faults["streetmanager"]
    lines = [
        "# Dig Once sample scenario (synthetic)",
        "",
        f"Generated by `scripts/make_sample_data.py --seed {seed} --works {n_works} --months {' '.join(months)}`.",
        "Every record is synthetic: it only copies the publishers' *layouts*. Same seed and arguments give",
        "byte-identical files. Exact fault counts are also in `faults.json` (and returned by `generate()`).",
        "",
        "## Street Manager monthly archives",
        "",
    ]
    for m in months:
        st = sm[m]
        lines.append(
            f"- `{rel('streetmanager_' + m)}`: ZIP of {st['events']} JSON events ({st['permit_events']} PERMIT, "
            f"{st['section_58_events']} SECTION_58), {st['permits']} permits of {st['works']} works, "
            f"{st['section_58']} Section 58s; event_time {st['first_event_time']} .. {st['last_event_time']}."
        )
    lines += [
        "",
        "Format: one file per event named `DD/{event_reference}.json` (DD = UTC day of `event_time`), envelope",
        "`event_reference, event_type, object_data, event_time, object_type, object_reference, version` as in",
        "DfT's published sample; `version` is the schema version (always 1). A month holds the events whose",
        "`event_time` (UTC) falls in it; April continues March's permits. Geometry is WKT in EPSG:27700 with",
        "2 decimals. Dates are London midnight in UTC (`...T23:00:00.000Z` the day before during BST, which",
        "starts 29 March 2026). `proposed_start_time` is an ISO datetime, `HH:MM` or null. `event_type` is",
        "written `WORK_START` or `work-start` (about 30% kebab case). `activity_type` and `works_location_type`",
        "hold display strings, as in the sample. Planted clusters: for every block of",
        f"{CLUSTER_BLOCK} works, the first {CLUSTER_SIZE} (work index i % {CLUSTER_BLOCK} < {CLUSTER_SIZE}) "
        "share a street location from different promoters: 3 overlapping windows (clashes), 2 starting a few",
        "weeks after (opportunities), 1 about five months later (neither). Some permits are refused (most",
        "re-submitted as `-02`), some cancelled; about 3% are on non-London highway authorities.",
        "",
        "Deliberate faults (distinct permits; every event of the permit carries the fault; such permits are",
        "never cancelled/refused and stay in London): `bad_geometry` (unparseable WKT), `missing_end_date`",
        "(`proposed_end_date` null), `end_before_start`, `unknown_code` (`work_category_ref` = "
        f"`{UNKNOWN_WORK_CATEGORY}`).",
        "",
        "| archive | bad_geometry | missing_end_date | end_before_start | unknown_code | non_london_permits |",
        "|---|---|---|---|---|---|",
    ]
    for m in [*months, "all_months"]:
        f = smf[m]
        lines.append(
            f"| {m} | {f['bad_geometry']} | {f['missing_end_date']} | {f['end_before_start']} | "
            f"{f['unknown_code']} | {f['non_london_permits']} |"
        )
    lines.append("")
    for m in [*months, "all_months"]:
        f = smf[m]
        lines.append(
            f"- {m}: {f['permits']} permits ({f['resubmitted_permits']} `-02` re-submissions, "
            f"{f['tied_event_times']} with two events at the same event_time), latest permit status "
            f"{json.dumps(f['latest_permit_status'])}; {f['section_58']} Section 58s, latest status "
            f"{json.dumps(f['latest_section_58_status'])}"
        )
    of = faults["ofcom"]
    lines += [
        "",
        "## Other files",
        "",
        f"- `{rel('my_works')}`: a utility's own works (GeoJSON FeatureCollection, coordinates in EPSG:27700 "
        "declared by the legacy `crs` member `urn:ogc:def:crs:EPSG::27700`); fields `job_no, owner, works_type, "
        f"start, finish, street, usrn (integer), status`; dates ISO `YYYY-MM-DD`. {faults['my_works']['features']} features.",
        f"- `{rel('forward_plan_gpkg')}`: UK Future Works Profile GeoPackage (written with sqlite3): attribute table "
        "`plannedprogramme` (programmeid, programmename, programmetype, owner, utilitytype, plannedstartdate, "
        "plannedenddate) and LineString layer `networklink` (EPSG:27700; linkid, programmeid -> plannedprogramme, "
        "utilitytype, plannedinstallationmethod, plannedstartdate, plannedenddate, confidencelevel, usrn, streetname, "
        f"schemestatus). {faults['forward_plan']['programmes']} programmes, {faults['forward_plan']['networklinks']} links.",
        f"- `{rel('forward_plan_csv')}`: the same links in the CSV template `{', '.join(FORWARD_PLAN_CSV_COLUMNS)}` "
        "(wkt = LINESTRING in EPSG:27700, dates ISO).",
        f"- `ofcom/202601_fixed_postcode_coverage_r01_{{AREA}}.csv` for areas {', '.join(of['areas'])}: Ofcom "
        f"Connected Nations postcode files, {of['postcodes']} postcodes. Faults: {of['na_rows']} rows all `N/A`, "
        f"{of['blank_cells']} blank speed-band cells, {of['lt4_cells']} `<4` cells (in `% of premises unable to "
        f"receive 2Mbit/s`). {of['notspot_postcodes']} not-spot postcodes clustered around "
        + "; ".join(f"E {cx:.0f} N {cy:.0f} r {r:.0f} m" for cx, cy, r in NOTSPOT_CENTRES)
        + ".",
        f"- `{rel('ofcom_laua')}`: local-authority file (laua, laua_name, All Premises, percentages, premises counts).",
        f"- `{rel('postcode_centroids')}`: ONS Postcode Directory extract (pcd, pcd2, pcds, ..., oseast1m, osnrth1m, "
        f"lat, long). {of['postcodes_missing_centroid']} Ofcom postcodes have no centroid "
        f"({', '.join(of['missing_centroid_postcodes'])}); {of['terminated_postcodes']} extra terminated "
        "postcodes (doterm set) that Ofcom does not list.",
        "- `cultural/*.csv`: GLA Cultural Infrastructure Map layouts (column order differs per file, as published).",
        "",
        "| file | rows | rounded_uprn | na_rows | no_borough | mojibake | en_latlon_mismatch | uppercase_borough |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for fname, f in faults["cultural"].items():
        lines.append(
            f"| {fname} | {f['rows']} | {f['rounded_uprn']} | {f['na_rows']} | {f['no_borough']} | {f['mojibake']} "
            f"| {f['en_latlon_mismatch']} | {f['uppercase_borough']} |"
        )
    pl = faults["planning"]
    lines += [
        "",
        f"- `{rel('planning_pld')}`: Planning London Datahub Elasticsearch response "
        f"(`rawResponse.hits.hits[]._source`), {pl['hits']} hits (hits.total = {pl['hits_total']}: a page). "
        f"{pl['grid_origin_centroids']} hits have the grid-origin centroid (49.766807, -7.55716) with "
        "centroid_easting/northing null or 0; centroid_easting/northing are strings or integers; "
        f"{pl['with_wgs84_polygon']} have a `wgs84_polygon`; {pl['with_residential_units']} have "
        "`application_details.residential_details.total_no_proposed_residential_units`.",
        f"- `{rel('conservation_areas')}`: planning.data.gov.uk conservation-area GeoJSON (WGS84 MultiPolygons), "
        f"{faults['conservation_areas']['features']} areas, {faults['conservation_areas']['ended']} with an end-date.",
        f"- `{rel('spine')}`: full-fibre spine, WGS84 LineStrings (name, owner, status), "
        f"{faults['spine']['routes']} routes along streets.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--works", type=int, default=3000, help="number of works (default 3000)")
    ap.add_argument(
        "--months", nargs="+", default=list(DEFAULT_MONTHS), help="YYYY-MM (default 2026-03 2026-04)"
    )
    ap.add_argument(
        "--england",
        type=int,
        default=None,
        metavar="WORKS",
        help="England density instead: 12 monthly Street Manager archives of about WORKS permits a "
        f"year in all (e.g. {ENGLAND_WORKS_PER_YEAR}), written to OUT/permit/YEAR/MM.zip",
    )
    ap.add_argument("--year", type=int, default=2026, help="England mode: the year (default 2026)")
    ap.add_argument("--jobs", type=int, default=1, help="England mode: processes (default 1)")
    ap.add_argument("--level", type=int, default=1, help="England mode: deflate level (default 1)")
    ap.add_argument("--england-months", type=int, nargs="+", default=None, help="England mode: months (1-12)")
    ap.add_argument("--england-part", type=Path, default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.england_part is not None:
        part = _england_part(
            args.england_part, args.seed, args.england, args.year, args.england_months, args.level
        )
        print(json.dumps(part))
        return 0
    if args.england is not None:
        stats = write_england_archives(
            args.out, args.england, args.seed, args.year, args.england_months, args.jobs, args.level
        )
        for month, st in stats.items():
            print(f"{month}: {st['events']} events, {st['permits']} permits, {st['section_58']} Section 58s, "
                  f"{st['bytes'] / 1e6:.0f} MB: {st['path']}")  # fmt: skip
        return 0
    res = generate(args.out, seed=args.seed, n_works=args.works, months=args.months)
    for name, p in sorted(res["paths"].items()):
        print(f"{name}: {p}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
