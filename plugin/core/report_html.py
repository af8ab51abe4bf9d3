"""The Dig Once report as one self-contained HTML file. No QGIS here.

Everything the page needs is inside it: the map as a base64 PNG, the charts as inline SVG
drawn here (no plotting library), the styles in one ``<style>`` block with print rules
(A4, no broken table rows or charts, repeated table headers), no scripts and no external
requests, so it opens offline and prints cleanly to PDF from a browser.

The caller (``digonce:report``) reads the layers and renders the map; this module turns
plain rows into tables and charts. Texts come from ``labels`` (English defaults in
:data:`DEFAULT_LABELS`; the algorithm passes translated ones).

Example
-------
>>> html = build_report(ReportInputs(groups=[{"group_id": 1, "n_works": 2, "owners": "A; B",
...     "first_start": "2026-01-01", "last_end": "2026-01-20", "n_clashes": 1,
...     "n_opportunities": 0, "days_saved": 11}]))
>>> html.startswith("<!DOCTYPE html>") and "days saved" in html.lower()
True
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import html
import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .dates import from_day_number
from .palette import colour

DEFAULT_LABELS: dict[str, str] = {
    "title": "Dig Once report",
    "generated": "Generated {when}",
    "summary": "Summary",
    "map": "Map",
    "map_alt": "Map of the works, clashes, coordination groups, fibre spine and not-spots",
    "no_map": "No map: no layer with a geometry was given.",
    "groups": "Coordination groups, most disruption avoided first",
    "n_groups": "Coordination groups",
    "sites_in_notspots": "Sites in not-spots",
    "groups_note": "One group is one meeting: works linked by clashes or dig-once opportunities. Days avoided = the days of the separate works added up minus those of one shared opening as long as the longest (an upper bound: it assumes the works fit in one opening).",
    "rank": "Rank",
    "where": "Where",
    "street_days": "Street-days planned",
    "households": "Households within reach",
    "premises": "Premises within reach",
    "wellbeing": "Wellbeing value (£)",
    "lane_rental": "Lane-rental charges avoided (£)",
    "charged_days": "Days on charged streets avoided",
    "bus_stops": "Bus stops within reach",
    "group_title": "{rank}. Group {group}: {borough}",
    "no_borough": "outside the London boroughs",
    "group_map_alt": "Map of group {group}: its works, the links between them and the borough outline",
    "locator_alt": "Where group {group} lies in {borough}",
    "works_of_group": "Works of the group",
    "reference": "Reference",
    "n_on_map": "No. on the map",
    "category": "Category",
    "immediate": "Immediate or planned",
    "immediate_yes": "IMMEDIATE ({category})",
    "planned": "planned",
    "n_immediate": "Immediate works (emergency or urgent) in the group",
    "immediate_note": "Immediate works start without advance notice; several in one group may be worth asking about.",
    "traffic_management": "Traffic management",
    "start": "Start",
    "end": "End",
    "status": "Status",
    "street": "Street (USRN)",
    "no_works": "The works layer was not given: the works of the group are not listed.",
    "benefits": "Benefits of sharing the trench",
    "measure": "Measure",
    "value": "Value",
    "how": "How it is counted",
    "benefit_inputs": "Optional inputs",
    "input": "Input",
    "given": "Given",
    "benefit_parameters": "Benefit parameters",
    "parameter": "Parameter",
    "how_days": "Sum over the groups of: the days of the separate works added up minus those of the longest.",
    "how_street_days": "Days each works occupies its street, added up over the works of the groups.",
    "how_households": "Households of the premises (or postcode counts) within reach of a group's works, added up over the groups.",
    "how_premises": "Premises points within reach of a group's works, added up over the groups.",
    "how_wellbeing": "Days avoided x households x the value per household-day, per group, added up.",
    "how_lane_rental": "Days on lane-rental streets avoided (sum minus longest over the charged works) x the charge per day.",
    "how_charged_days": "Sum minus longest over each group's works on a lane-rental street.",
    "how_bus_stops": "Bus stops in use within reach of a group's works, added up over the groups.",
    "not_computed": "not computed (input not given)",
    "sum_works": "Works in the works layer",
    "sum_works_in_groups": "Works in coordination groups",
    "sum_days": "Days of disruption avoided (all groups)",
    "sum_clashes": "Clashes (pairs of works whose dates overlap)",
    "sum_opportunities": "Opportunities (pairs of works close in time, not overlapping)",
    "sum_gap_sites": "Sites in not-spots, of {n} sites checked",
    "sum_notspots": "Not-spot places, of {n} places",
    "immediate_in_groups": "Immediate works in coordination groups",
    "group": "Group",
    "works": "Works",
    "owners": "Owners",
    "first_start": "First start",
    "last_end": "Last end",
    "clashes": "Clashes",
    "opportunities": "Opportunities",
    "days_saved": "Days of disruption avoided",
    "clashes_per_week": "Clashes per week",
    "clashes_per_promoter": "Clashes per promoter",
    "week_of": "Week of",
    "promoter": "Promoter",
    "count": "Places counted",
    "coverage_gaps": "Coverage gaps: sites by class and borough",
    "borough": "Borough",
    "total": "Total",
    "notspot_share": "Not-spot share by borough",
    "share": "Share of places in a not-spot (%)",
    "parameters": "Parameters",
    "layer": "Layer",
    "algorithm": "Algorithm",
    "run_at": "Run at",
    "sources": "Data sources",
    "licence": "Licence",
    "attribution": "Attribution, as the publishers' licences ask:",
    "kind": "Kind",
    "source": "Source",
    "imported": "Imported",
    "rejected": "Rejected",
    "when": "When",
    "none": "Nothing to show.",
    "other": "Other",
    "unknown": "(unknown)",
    "footer": "Dig Once. Contains Street Manager data © Department for Transport, Ofcom and GLA data (Open Government Licence v3.0).",
}

# One colour, one meaning: the colours of resources/styles/palette.json, as in the QML styles.
CLASH = colour("clash")
OPPORTUNITY = colour("opportunity")
NOTSPOT = colour("notspot")
GROUP = colour("group")
BOROUGH = colour("borough")
IMMEDIATE = colour("works_immediate_emergency")
NEUTRAL = "#5b6b7b"  # an ink grey: a bar that means nothing but its length


@dataclass
class ReportInputs:
    """What the report shows. Every part is optional; an empty part says so."""

    title: str | None = None
    generated: dt.datetime | None = None
    map_png: bytes | None = None
    legend: Sequence[tuple[str, str]] = ()  # (label, css colour)
    summary: Sequence[tuple[str, Any]] = ()  # (label, value)
    pairs: Sequence[Mapping[str, Any]] | None = None  # kind, owner_a, owner_b, day (int or None)
    groups: Sequence[Mapping[str, Any]] | None = None
    gaps: Sequence[Mapping[str, Any]] | None = None  # gap_class, borough
    notspots: Sequence[Mapping[str, Any]] | None = None  # borough, is_notspot
    parameters: Sequence[Mapping[str, Any]] = ()  # layer, algorithm, parameters (JSON text), created
    sources: Sequence[Mapping[str, Any]] = ()  # catalogue rows: kind, source, imported, rejected, finished
    top_groups: int = 10
    #: one page per group, in rank order: group_id, borough, where, map_png, legend, outline
    #: (shapely, the borough), centre (x, y), figures [(label, value)], works [dict], note
    group_pages: Sequence[Mapping[str, Any]] = ()
    benefit_totals: Sequence[tuple[str, Any, str]] = ()  # (measure, value, how it is counted)
    benefit_inputs: Sequence[tuple[str, str]] = ()  # (input, what was given)
    benefit_parameters: Sequence[tuple[str, Any]] = ()  # (parameter, value)
    extra: dict[str, Any] = field(default_factory=dict)


# -- aggregation ------------------------------------------------------------------------


def week_start(day: int) -> dt.date:
    """The Monday of the week holding integer ``day`` (days since 1970-01-01).

    >>> week_start(20454)  # 2026-01-01 is a Thursday
    datetime.date(2025, 12, 29)
    """
    date = from_day_number(day)
    return date - dt.timedelta(days=date.weekday())


def pair_day(
    pair: Mapping[str, Any], work_start: Mapping[str, int], group_start: Mapping[Any, int]
) -> int | None:
    """The day a pair's shared opening starts: the later start of its two works, else the
    start of its coordination group, else None."""
    starts = [work_start.get(str(pair.get(k))) for k in ("id_a", "id_b")]
    starts = [s for s in starts if s is not None]
    if starts:
        return max(starts)
    return group_start.get(pair.get("group_id"))


def weekly_counts(days: Iterable[int | None]) -> list[tuple[dt.date, int]]:
    """Counts per week (Monday), empty weeks in between included, in date order.

    >>> [(d.isoformat(), n) for d, n in weekly_counts([20454, 20455, 20470])]
    [('2025-12-29', 2), ('2026-01-05', 0), ('2026-01-12', 1)]
    """
    counts = Counter(week_start(d) for d in days if d is not None)
    if not counts:
        return []
    first, last = min(counts), max(counts)
    out = []
    week = first
    while week <= last:
        out.append((week, counts.get(week, 0)))
        week += dt.timedelta(days=7)
    return out


def top_counts(
    values: Iterable[Any], n: int = 10, other: str = "Other", unknown: str = "(unknown)"
) -> list[tuple[str, int]]:
    """The ``n`` most frequent values (ties by name), the rest summed as ``other``.

    >>> top_counts(["a", "b", "a", "c", None], n=2, other="rest")
    [('a', 2), ('(unknown)', 1), ('rest', 2)]
    """
    counts = Counter(unknown if v in (None, "") else str(v) for v in values)
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    head, tail = ranked[:n], ranked[n:]
    if tail:
        head.append((other, sum(c for _, c in tail)))
    return head


def promoter_clashes(pairs: Iterable[Mapping[str, Any]]) -> list[Any]:
    """One entry per promoter per clash it is part of (a clash counts for both sides)."""
    out = []
    for pair in pairs:
        if str(pair.get("kind")) != "clash":
            continue
        owners = {pair.get("owner_a"), pair.get("owner_b")}
        out.extend(sorted(owners, key=lambda o: str(o)))
    return out


def crosstab(rows: Iterable[Mapping[str, Any]], row_key: str, col_key: str, unknown: str = "(unknown)"):
    """(row labels, column labels, counts[row][col]) sorted by name."""
    counts: dict[str, Counter] = {}
    cols: set[str] = set()
    for row in rows:
        r = row.get(row_key)
        c = row.get(col_key)
        r = unknown if r in (None, "") else str(r)
        c = unknown if c in (None, "") else str(c)
        counts.setdefault(r, Counter())[c] += 1
        cols.add(c)
    return sorted(counts), sorted(cols), counts


def share_by(
    rows: Iterable[Mapping[str, Any]], key: str, flag: str, unknown: str = "(unknown)"
) -> list[tuple[str, float, int]]:
    """(group, % of rows with a true ``flag``, rows) per value of ``key``, highest share first.

    >>> share_by([{"b": "X", "f": True}, {"b": "X", "f": False}, {"b": "Y", "f": 0}], "b", "f")
    [('X', 50.0, 2), ('Y', 0.0, 1)]
    """
    totals: Counter = Counter()
    hits: Counter = Counter()
    for row in rows:
        group = row.get(key)
        group = unknown if group in (None, "") else str(group)
        totals[group] += 1
        hits[group] += 1 if _truthy(row.get(flag)) else 0
    out = [(g, 100.0 * hits[g] / totals[g], totals[g]) for g in totals]
    return sorted(out, key=lambda t: (-t[1], t[0]))


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "t", "y")
    return bool(value)


# -- SVG charts -------------------------------------------------------------------------


def _fmt(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def svg_bar_chart(
    items: Sequence[tuple[str, float]],
    title: str,
    *,
    colour: str = NEUTRAL,
    horizontal: bool = True,
    width: int = 640,
    suffix: str = "",
) -> str:
    """A bar chart as an inline ``<svg>`` (horizontal bars for names, vertical for weeks).

    >>> svg = svg_bar_chart([("A", 3), ("B", 1)], "Clashes")
    >>> svg.startswith("<svg") and svg.count("<rect") == 2 and "<title>Clashes</title>" in svg
    True
    """
    esc = html.escape
    peak = max((v for _, v in items), default=0) or 1
    parts: list[str] = []
    if horizontal:
        bar, gap, label_w, value_w = 18, 6, 200, 60
        height = max(1, len(items)) * (bar + gap) + gap
        plot_w = width - label_w - value_w
        for n, (label, value) in enumerate(items):
            y = gap + n * (bar + gap)
            w = 0 if value <= 0 else max(1.0, plot_w * value / peak)
            short = label if len(label) <= 30 else label[:29] + "…"
            parts.append(
                f'<text x="{label_w - 6}" y="{y + bar - 5}" text-anchor="end">{esc(short)}</text>'
                f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar}" fill="{colour}">'
                f"<title>{esc(label)}: {_fmt(value)}{esc(suffix)}</title></rect>"
                f'<text x="{label_w + w + 4:.1f}" y="{y + bar - 5}">{_fmt(value)}{esc(suffix)}</text>'
            )
    else:
        height, top, bottom, left = 220, 16, 46, 36
        plot_h = height - top - bottom
        slot = (width - left - 8) / max(1, len(items))
        bar = max(2.0, slot * 0.75)
        parts.append(
            f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 4}" y2="{top + plot_h}" stroke="#888"/>'
        )
        parts.append(f'<text x="{left - 4}" y="{top + 10}" text-anchor="end">{_fmt(peak)}</text>')
        parts.append(f'<text x="{left - 4}" y="{top + plot_h}" text-anchor="end">0</text>')
        every = max(1, len(items) // 8)
        for n, (label, value) in enumerate(items):
            h = 0 if value <= 0 else max(1.0, plot_h * value / peak)
            x = left + n * slot + (slot - bar) / 2
            parts.append(
                f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{bar:.1f}" height="{h:.1f}" fill="{colour}">'
                f"<title>{esc(label)}: {_fmt(value)}{esc(suffix)}</title></rect>"
            )
            if n % every == 0:
                tx, ty = x + bar / 2, top + plot_h + 12
                parts.append(
                    f'<text x="{tx:.1f}" y="{ty}" text-anchor="end" transform="rotate(-35 {tx:.1f} {ty})">{esc(label)}</text>'
                )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="{esc(title)}" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" font-size="11" '
        f'font-family="sans-serif"><title>{esc(title)}</title>{"".join(parts)}</svg>'
    )


# -- HTML -------------------------------------------------------------------------------


def html_table(
    headers: Sequence[str], rows: Iterable[Sequence[Any]], numeric: Sequence[int] = (), css: str = ""
) -> str:
    """A ``<table>`` with escaped cells; columns in ``numeric`` are right-aligned.

    >>> html_table(["a", "n"], [["<x>", 3]], numeric=[1])
    '<table><thead><tr><th>a</th><th class="num">n</th></tr></thead><tbody><tr><td>&lt;x&gt;</td><td class="num">3</td></tr></tbody></table>'
    """
    esc = html.escape
    cls = f' class="{css}"' if css else ""

    def cell(tag: str, col: int, value: Any) -> str:
        attr = ' class="num"' if col in numeric else ""
        return f"<{tag}{attr}>{esc('' if value is None else str(value))}</{tag}>"

    head = "".join(cell("th", c, h) for c, h in enumerate(headers))
    body = "".join("<tr>" + "".join(cell("td", c, v) for c, v in enumerate(row)) + "</tr>" for row in rows)
    return f"<table{cls}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _date_text(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, int):
        return from_day_number(value).isoformat()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return str(value)[:10]


CSS = """
:root { --ink: #1d2733; --muted: #5b6b7b; --rule: #d5dbe1; --band: #f3f5f8; --immediate: IMMEDIATE_COLOUR; }
* { box-sizing: border-box; }
body { font: 14px/1.45 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: var(--ink); margin: 0 auto; max-width: 1100px; padding: 24px 32px; }
header { border-bottom: 4px solid var(--ink); margin-bottom: 16px; }
h1 { font-size: 26px; margin: 0 0 4px; } h2 { font-size: 19px; margin: 28px 0 8px; }
.muted { color: var(--muted); } .note { color: var(--muted); font-size: 12px; }
.summary { display: flex; flex-wrap: wrap; gap: 12px; margin: 0; padding: 0; list-style: none; }
.summary li { background: var(--band); border-radius: 6px; padding: 8px 14px; min-width: 120px; }
.summary b { display: block; font-size: 22px; }
figure { margin: 0; } figure img { max-width: 100%; height: auto; border: 1px solid var(--rule); }
.legend { display: flex; flex-wrap: wrap; gap: 14px; font-size: 12px; margin-top: 6px; }
.legend span::before { content: ""; display: inline-block; width: 12px; height: 12px;
                       margin-right: 5px; vertical-align: -2px; background: var(--c); }
table { border-collapse: collapse; width: 100%; font-size: 12.5px; margin: 6px 0 4px; }
th, td { border-bottom: 1px solid var(--rule); padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: var(--band); } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.charts { display: grid; grid-template-columns: 1fr; gap: 8px; }
svg.chart { max-width: 100%; height: auto; } svg.chart text { fill: var(--ink); }
code { font-size: 11.5px; white-space: pre-wrap; word-break: break-word; }
footer { margin-top: 32px; border-top: 1px solid var(--rule); padding-top: 8px; font-size: 11px; color: var(--muted); }
.group-page { border-top: 2px solid var(--rule); margin-top: 24px; }
.group-page h2 { margin-top: 14px; }
.where { font-size: 13px; margin: 2px 0 8px; }
.group-top { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 1fr); gap: 12px; align-items: start; }
.group-top svg.locator { width: 100%; height: auto; border: 1px solid var(--rule); }
.figures { display: flex; flex-wrap: wrap; gap: 6px 10px; margin: 8px 0; padding: 0; list-style: none; font-size: 12px; }
.figures li { background: var(--band); border-radius: 4px; padding: 3px 8px; }
.figures b { font-size: 14px; margin-right: 4px; }
tr.immediate td { background: #fbe9f2; }
tr.immediate td:first-child { border-left: 4px solid var(--immediate); }
td.tag { font-weight: 600; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  section, figure, svg, tr { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
  .summary li { border: 1px solid var(--rule); }
  .group-page { break-before: page; page-break-before: always; border-top: none; margin-top: 0; }
  .group-top { grid-template-columns: 3fr 1fr; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


#: the groups table's optional benefit columns: (key in a group row, label key, decimals)
BENEFIT_COLUMNS = (
    ("street_days_planned", "street_days", 0),
    ("households", "households", 0),
    ("wellbeing_gbp", "wellbeing", 2),
    ("lane_rental_gbp", "lane_rental", 2),
    ("bus_stops", "bus_stops", 0),
)


def _number(value: Any, decimals: int = 0) -> str:
    if value is None or value == "":
        return ""
    if decimals:
        return f"{float(value):,.{decimals}f}"
    return (
        f"{float(value):,.0f}"
        if isinstance(value, float)
        else f"{value:,}"
        if isinstance(value, int)
        else str(value)
    )


def rank_groups(groups: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Most days avoided first, then most street-days planned, most works, group number."""
    return sorted(
        groups,
        key=lambda g: (-(g.get("days_saved") or 0), -(g.get("street_days_planned") or 0),
                       -(g.get("n_works") or 0), g.get("group_id") or 0),
    )  # fmt: skip


def _groups_table(inputs: ReportInputs, L: Mapping[str, str]) -> str:  # noqa: N803
    esc = html.escape
    ranked = rank_groups(inputs.groups or [])[: inputs.top_groups]
    extra = [c for c in BENEFIT_COLUMNS if any(g.get(c[0]) is not None for g in ranked)]
    has_place = any(g.get("borough") or g.get("where") for g in ranked)
    headers = [L["group"]] + ([L["borough"], L["where"]] if has_place else []) + [
        L["works"], L["owners"], L["first_start"], L["last_end"], L["clashes"], L["opportunities"], L["days_saved"],
    ] + [L[label] for _key, label, _d in extra]  # fmt: skip
    rows = []
    for g in ranked:
        row = [g.get("group_id")] + ([g.get("borough") or "", g.get("where") or ""] if has_place else []) + [
            g.get("n_works"), g.get("owners"), _date_text(g.get("first_start")), _date_text(g.get("last_end")),
            g.get("n_clashes"), g.get("n_opportunities"), g.get("days_saved"),
        ] + [_number(g.get(key), d) for key, _label, d in extra]  # fmt: skip
        rows.append(row)
    first_num = 3 if has_place else 1
    numeric = [0, first_num, *range(first_num + 4, len(headers))]
    none = f'<p class="muted">{esc(L["none"])}</p>'
    table = html_table(headers, rows, numeric=numeric, css="groups") if rows else none
    return f'<p class="note">{esc(L["groups_note"])}</p>{table}'


def _benefits(inputs: ReportInputs, L: Mapping[str, str]) -> str:  # noqa: N803
    esc = html.escape
    body = html_table(
        [L["measure"], L["value"], L["how"]],
        [(m, L["not_computed"] if v is None else v, how) for m, v, how in inputs.benefit_totals],
        numeric=[1], css="benefits",
    )  # fmt: skip
    if inputs.benefit_inputs:
        body += f"<h3>{esc(L['benefit_inputs'])}</h3>" + html_table(
            [L["input"], L["given"]], inputs.benefit_inputs, css="benefit-inputs"
        )
    if inputs.benefit_parameters:
        body += f"<h3>{esc(L['benefit_parameters'])}</h3>" + html_table(
            [L["parameter"], L["value"]], inputs.benefit_parameters, numeric=[1], css="benefit-parameters"
        )
    return body


def svg_locator(outline: Any, centre: tuple[float, float] | None, title: str, size: int = 220) -> str:
    """The borough's outline with a dot where the group is, as a small inline ``<svg>``
    (coordinates in EPSG:27700, north up).

    >>> import shapely
    >>> svg = svg_locator(shapely.box(0, 0, 100, 50), (50, 25), "Here")
    >>> svg.startswith("<svg") and "<circle" in svg and "<path" in svg
    True
    """
    import shapely  # the report needs shapely only for the locator

    esc = html.escape
    if outline is None or shapely.is_empty(outline):
        return ""
    minx, miny, maxx, maxy = outline.bounds
    span = max(maxx - minx, maxy - miny, 1.0)
    pad = 6
    scale = (size - 2 * pad) / span
    width = (maxx - minx) * scale + 2 * pad
    height = (maxy - miny) * scale + 2 * pad

    def xy(x: float, y: float) -> str:
        return f"{pad + (x - minx) * scale:.1f},{pad + (maxy - y) * scale:.1f}"

    paths = []
    polygons = getattr(outline, "geoms", [outline])
    for polygon in polygons:
        for ring in [polygon.exterior, *polygon.interiors]:
            coords = list(ring.coords)
            paths.append("M" + " L".join(xy(x, y) for x, y in coords) + " Z")
    dot = ""
    if centre is not None:
        cx, cy = xy(*centre).split(",")
        dot = f'<circle cx="{cx}" cy="{cy}" r="6" fill="{GROUP}" stroke="#ffffff" stroke-width="2"/>'
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="locator" role="img" aria-label="{esc(title)}" '
        f'width="{width:.0f}" height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}"><title>{esc(title)}</title>'
        f'<path d="{" ".join(paths)}" fill="#f3f5f8" stroke="{BOROUGH}" stroke-width="1.5" fill-rule="evenodd"/>'
        f"{dot}</svg>"
    )


TAG_CLASS = ' class="tag"'


def group_page(page: Mapping[str, Any], L: Mapping[str, str], rank: int) -> str:  # noqa: N803
    """One coordination group: where, its map, its figures and its works."""
    esc = html.escape
    gid = page.get("group_id")
    borough = page.get("borough") or L["no_borough"]
    title = L["group_title"].format(rank=rank, group=gid, borough=borough)
    out = [f'<section class="group-page" id="group-{esc(str(gid))}"><h2>{esc(title)}</h2>']
    if page.get("where"):
        out.append(f'<p class="where"><b>{esc(L["where"])}:</b> {esc(page["where"])}</p>')
    figure = ""
    if page.get("map_png"):
        data = base64.b64encode(page["map_png"]).decode("ascii")
        legend = "".join(
            f'<span style="--c:{esc(c)}">{esc(lbl)}</span>' for lbl, c in page.get("legend") or ()
        )
        figure = (
            f'<figure><img class="group-map" src="data:image/png;base64,{data}" '
            f'alt="{esc(L["group_map_alt"].format(group=gid))}"/><figcaption class="legend">{legend}</figcaption></figure>'
        )
    locator = svg_locator(
        page.get("outline"), page.get("centre"), L["locator_alt"].format(group=gid, borough=borough)
    )
    if figure or locator:
        out.append(f'<div class="group-top">{figure}<div>{locator}</div></div>')
    figures = page.get("figures") or ()
    if figures:
        items = "".join(f"<li><b>{esc(str(v))}</b>{esc(str(k))}</li>" for k, v in figures)
        out.append(f'<ul class="figures">{items}</ul>')
    works = page.get("works")
    out.append(f"<h3>{esc(L['works_of_group'])}</h3>")
    if not works:
        out.append(f'<p class="muted">{esc(L["no_works"])}</p>')
    else:
        if any(w.get("immediate") for w in works):
            out.append(f'<p class="note">{esc(L["immediate_note"])}</p>')
        headers = [L["n_on_map"], L["reference"], L["promoter"], L["category"], L["immediate"], L["traffic_management"],
                   L["start"], L["end"], L["status"], L["street"]]  # fmt: skip
        rows = []
        for n_row, w in enumerate(works, start=1):
            tag = (
                L["immediate_yes"].format(category=w.get("category") or "")
                if w.get("immediate")
                else L["planned"]
            )
            cells = [n_row, w.get("permit_ref"), w.get("promoter"), w.get("category"), tag, w.get("tm_type"),
                     _date_text(w.get("start_date")), _date_text(w.get("end_date")), w.get("status"), w.get("street")]  # fmt: skip
            tds = "".join(
                f"<td{TAG_CLASS if n == 4 else ''}>{esc('' if v is None else str(v))}</td>"
                for n, v in enumerate(cells)
            )
            cls = ' class="immediate"' if w.get("immediate") else ""
            rows.append(f"<tr{cls}>{tds}</tr>")
        out.append(
            '<table class="works"><thead><tr>' + "".join(f"<th>{esc(h)}</th>" for h in headers)
            + "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
        )  # fmt: skip
    out.append("</section>")
    return "".join(out)


def _section(section_id: str, title: str, body: str) -> str:
    return f'<section id="{section_id}"><h2>{html.escape(title)}</h2>{body}</section>'


def build_report(inputs: ReportInputs, labels: Mapping[str, str] | None = None) -> str:
    """The whole page as a string."""
    L = {**DEFAULT_LABELS, **(labels or {})}  # noqa: N806 (reads like a table of labels)
    esc = html.escape
    none = f'<p class="muted">{esc(L["none"])}</p>'
    generated = inputs.generated or dt.datetime.now()
    parts: list[str] = []

    title = inputs.title or L["title"]
    parts.append(
        f"<header><h1>{esc(title)}</h1><p class=\"muted\">"
        f"{esc(L['generated'].format(when=generated.strftime('%Y-%m-%d %H:%M')))}</p></header>"
    )
    if inputs.summary:
        items = "".join(f"<li><b>{esc(str(v))}</b>{esc(str(k))}</li>" for k, v in inputs.summary)
        parts.append(_section("summary", L["summary"], f'<ul class="summary">{items}</ul>'))

    if inputs.map_png:
        data = base64.b64encode(inputs.map_png).decode("ascii")
        legend = "".join(f'<span style="--c:{esc(c)}">{esc(lbl)}</span>' for lbl, c in inputs.legend)
        body = (
            f'<figure><img id="map" src="data:image/png;base64,{data}" alt="{esc(L["map_alt"])}"/>'
            f'<figcaption class="legend">{legend}</figcaption></figure>'
        )
    else:
        body = f'<p class="muted">{esc(L["no_map"])}</p>'
    parts.append(_section("map-section", L["map"], body))

    if inputs.groups is not None:
        parts.append(_section("groups", L["groups"], _groups_table(inputs, L)))
    if inputs.benefit_totals:
        parts.append(_section("benefits", L["benefits"], _benefits(inputs, L)))

    if inputs.pairs is not None:
        clashes = [p for p in inputs.pairs if str(p.get("kind")) == "clash"]
        weeks = weekly_counts(p.get("day") for p in clashes)
        promoters = top_counts(promoter_clashes(clashes), 12, L["other"], L["unknown"])
        charts = []
        if weeks:
            charts.append(
                f"<h3>{esc(L['clashes_per_week'])}</h3>"
                + svg_bar_chart(
                    [(w.isoformat(), n) for w, n in weeks],
                    L["clashes_per_week"],
                    colour=CLASH,
                    horizontal=False,
                )
            )
        if promoters:
            charts.append(
                f"<h3>{esc(L['clashes_per_promoter'])}</h3>"
                + svg_bar_chart(promoters, L["clashes_per_promoter"], colour=CLASH)
                + html_table([L["promoter"], L["clashes"]], promoters, numeric=[1], css="promoters")
            )
        parts.append(
            _section(
                "clashes", L["clashes"], f'<div class="charts">{"".join(charts)}</div>' if charts else none
            )
        )

    if inputs.gaps is not None:
        rows_, cols, counts = crosstab(inputs.gaps, "borough", "gap_class", L["unknown"])
        if rows_:
            table_rows = [[r, *[counts[r].get(c, 0) for c in cols], sum(counts[r].values())] for r in rows_]
            totals = [L["total"], *[sum(counts[r].get(c, 0) for r in rows_) for c in cols], len(inputs.gaps)]
            table = html_table([L["borough"], *cols, L["total"]], [*table_rows, totals],
                               numeric=list(range(1, len(cols) + 2)), css="gaps")  # fmt: skip
        else:
            table = none
        parts.append(_section("coverage-gaps", L["coverage_gaps"], table))

    if inputs.notspots is not None:
        shares = share_by(inputs.notspots, "borough", "is_notspot", L["unknown"])
        if shares:
            body = svg_bar_chart(
                [(b, s) for b, s, _ in shares[:33]], L["notspot_share"], colour=NOTSPOT, suffix=" %"
            )
            body += html_table(
                [L["borough"], L["share"], L["count"]], [[b, f"{s:.1f}", n] for b, s, n in shares], numeric=[1, 2],
                css="notspots",
            )  # fmt: skip
        else:
            body = none
        parts.append(_section("notspots", L["notspot_share"], body))

    if inputs.parameters:
        rows = []
        for p in inputs.parameters:
            text = p.get("parameters") or ""
            with contextlib.suppress(TypeError, ValueError):  # not JSON: shown as given
                text = json.dumps(json.loads(text), indent=1, sort_keys=True)
            rows.append((p.get("layer"), p.get("algorithm"), p.get("created"), text))
        body = "<table class=\"params\"><thead><tr>" + "".join(
            f"<th>{esc(h)}</th>" for h in (L["layer"], L["algorithm"], L["run_at"], L["parameters"])
        ) + "</tr></thead><tbody>" + "".join(
            f"<tr><td>{esc(str(a or ''))}</td><td>{esc(str(b or ''))}</td><td>{esc(str(c or ''))}</td>"
            f"<td><code>{esc(str(d))}</code></td></tr>"
            for a, b, c, d in rows
        ) + "</tbody></table>"  # fmt: skip
        parts.append(_section("parameters", L["parameters"], body))

    if inputs.sources:
        origins = [_origin(s) for s in inputs.sources]
        rows = [
            [
                s.get("kind"),
                f"{o['label']}: {o['address']}" if o.get("label") and o.get("address") else s.get("source"),
                s.get("imported"),
                s.get("rejected"),
                _when(s.get("finished") or s.get("started")),
                o.get("licence") or "",
            ]
            for s, o in zip(inputs.sources, origins, strict=True)
        ]
        # each publisher's attribution once, as its licence asks
        attributions = list(dict.fromkeys(o["attribution"] for o in origins if o.get("attribution")))
        notes = "".join(f"<li>{esc(a)}</li>" for a in attributions)
        parts.append(
            _section(
                "sources", L["sources"],
                html_table([L["kind"], L["source"], L["imported"], L["rejected"], L["when"], L["licence"]], rows,
                           numeric=[2, 3], css="sources")
                + (f'<p>{esc(L["attribution"])}</p><ul class="attribution">{notes}</ul>' if notes else ""),
            )
        )  # fmt: skip

    for rank, page in enumerate(inputs.group_pages, start=1):
        parts.append(group_page(page, L, rank))

    parts.append(f"<footer>{esc(L['footer'])}</footer>")
    return (
        '<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"/>'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>'
        "<title>{title}</title><style>{css}</style></head><body>{body}</body></html>\n"
    ).format(
        lang=esc(L.get("lang", "en")),
        title=esc(title),
        css=CSS.replace("IMMEDIATE_COLOUR", IMMEDIATE),
        body="".join(parts),
    )


def _origin(row: Mapping[str, Any]) -> dict[str, Any]:
    """Where a catalogue row's file came from (the store's ``origin`` JSON), or {}."""
    try:
        value = json.loads(row.get("origin") or "{}")
    except (TypeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _when(value: Any) -> str:
    if not value:
        return ""
    text = str(value)
    return text.replace("T", " ")[:16]
