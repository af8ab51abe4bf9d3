"""The catalogue of official sources: where each publisher puts the files the imports read.

The catalogue is data (``resources/catalogue/catalogue.json``), not code, so that a moved
address can be fixed without a new plugin version: a user catalogue (a file, or the text
of one fetched from an address by the caller) is merged over the shipped one, entry by
entry and field by field, and the result is checked before anything is used. A malformed
entry stops with a message naming the catalogue, the source and the field.

Resolving an entry with its parameters (``MONTH=2026-03``, ``RELEASE=2025-07`` ...) gives
the concrete address(es), the import algorithm and its parameters, and the licence and
attribution to show before the download. Nothing here imports QGIS or touches the network.

>>> cat = load_catalogue()
>>> got = cat.resolve("street_manager_permits", {"MONTH": "2026-03"}, today=dt.date(2026, 12, 3))
>>> got.url
'https://opendata.manage-roadworks.service.gov.uk/permit/2026/03.zip'
>>> got.label
'Street Manager permits (monthly archive), 2026-03'
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from ..core.errors import InputError
from ..store.store import file_sha256

#: The catalogue shipped with the plugin.
SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "catalogue" / "catalogue.json"
SCHEMA = SHIPPED.with_name("catalogue.schema.json")
#: A user catalogue used when none is given (e.g. for qgis_process runs, and tests).
ENV_VAR = "DIGONCE_CATALOGUE"

#: The parameters an entry may ask for (each is a parameter of digonce:fetchfromcatalogue).
PARAMETERS = ("MONTH", "RELEASE", "LAYER", "DATASET", "ORGANISATION", "QUERY")
#: Placeholders an address template may hold.
PLACEHOLDERS = {"YYYY", "MM", *PARAMETERS}
#: each kind of choice and the parameter that makes it (``month`` -> ``MONTH``...)
CHOICE_KINDS = {kind: kind.upper() for kind in ("month", "release", "layer", "dataset", "query")}
PUBLISHED = ("next_month", "same_month")
PAGING_STYLES = ("elasticsearch", "offset")
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_KEY = re.compile(r"^[a-z0-9][a-z0-9_]*$")


class CatalogueError(InputError):
    """The catalogue, or a choice made from it, cannot be used (names the source and field)."""


# --- loading and merging ------------------------------------------------------------------------


def _read_json(path: Path, label: str) -> Any:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise CatalogueError("the catalogue file does not exist", path=label) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogueError(f"the catalogue cannot be read: {exc}", path=label) from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise CatalogueError(
            f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}", path=label
        ) from exc


def merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """``override`` laid over ``base``: objects merge key by key, anything else replaces, and
    ``null`` removes the key (so a user catalogue can drop a source or a field).

    >>> merge({"a": {"x": 1, "y": 2}, "b": [1]}, {"a": {"y": 3}, "b": [2], "c": None})
    {'a': {'x': 1, 'y': 3}, 'b': [2]}
    """
    out = copy.deepcopy(dict(base))
    for key, value in override.items():
        if value is None:
            out.pop(key, None)
        elif isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def load_catalogue(
    user: str | os.PathLike[str] | None = None,
    *,
    user_label: str | None = None,
    shipped: str | os.PathLike[str] = SHIPPED,
    environ: Mapping[str, str] | None = None,
) -> Catalogue:
    """The shipped catalogue with ``user`` (a local JSON file; else the file named by the
    ``DIGONCE_CATALOGUE`` environment variable) merged over it, checked whole.

    ``user_label`` names the user catalogue in messages (e.g. the address it was fetched
    from). Raises :class:`CatalogueError` naming the source and the field of every fault."""
    env = os.environ if environ is None else environ
    doc = _read_json(Path(shipped), str(shipped))
    labels = [str(shipped)]
    if user is None and env.get(ENV_VAR):
        user = env[ENV_VAR]
    if user:
        label = user_label or str(user)
        extra = _read_json(Path(user), label)
        if not isinstance(extra, dict):
            raise CatalogueError(
                "a catalogue is a JSON object with 'sources' (and optionally 'hosts')", path=label
            )
        problems = _check_top(extra, label, user=True)
        if problems:
            raise CatalogueError(_join(problems), path=label)
        doc = merge(doc, extra)
        labels.append(label)
    label = " + ".join(labels)
    problems = validate(doc)
    if problems:
        raise CatalogueError(_join(problems), path=label)
    return Catalogue(doc, label)


def _join(problems: list[str]) -> str:
    head = problems[:12]
    more = len(problems) - len(head)
    text = "; ".join(head)
    return text + (f"; and {more} more" if more > 0 else "")


# --- validation ----------------------------------------------------------------------------------


def _is_url(value: Any) -> bool:
    return (
        isinstance(value, str)
        and urlsplit(value).scheme in ("http", "https")
        and bool(urlsplit(value).netloc)
    )


def _placeholders(template: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError:
        return {"<unbalanced braces>"}


def _check_top(doc: dict[str, Any], label: str, *, user: bool) -> list[str]:
    problems = []
    if not user and not isinstance(doc.get("sources"), dict):
        problems.append("field 'sources': missing or not an object")
    if "sources" in doc and not isinstance(doc["sources"], dict):
        problems.append("field 'sources': not an object")
    hosts = doc.get("hosts")
    if hosts is not None:
        if not isinstance(hosts, dict):
            problems.append("field 'hosts': not an object of address -> address")
        else:
            for old, new in hosts.items():
                if not _is_url(old) or not _is_url(new):
                    problems.append(f"field 'hosts', {old!r}: both sides must be http(s) addresses")
    return problems


class _Checker:
    """Collects 'source X, field Y: what is wrong' sentences for one entry."""

    def __init__(self, key: str, entry: Any) -> None:
        self.key = key
        self.entry = entry
        self.problems: list[str] = []

    def fault(self, where: str, what: str) -> None:
        self.problems.append(f"source {self.key!r}, field {where!r}: {what}")

    def text(self, obj: Mapping[str, Any], name: str, where: str, *, required: bool = True) -> None:
        value = obj.get(name)
        if value is None:
            if required:
                self.fault(where, "missing")
        elif not isinstance(value, str) or not value.strip():
            self.fault(where, f"must be a non-empty text, not {value!r}")

    def template(self, value: Any, where: str) -> None:
        if not isinstance(value, str):
            self.fault(where, f"must be a text, not {value!r}")
            return
        unknown = _placeholders(value) - PLACEHOLDERS
        if unknown:
            self.fault(
                where,
                f"unknown placeholder(s) {', '.join(sorted(unknown))} (allowed: {', '.join(sorted(PLACEHOLDERS))})",
            )

    def path(self, value: Any, where: str) -> None:
        self.template(value, where)
        if isinstance(value, str) and not value.startswith("/"):
            self.fault(where, f"must start with '/', not {value!r}")

    def documented(self, obj: Mapping[str, Any], where: str, *, required: bool) -> None:
        value = obj.get("documented_at")
        if value is None:
            if required:
                self.fault(where, "missing: say where the address was documented")
            return
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.fault(where, "must be a list of texts")

    def boolean(self, obj: Mapping[str, Any], name: str, where: str, *, required: bool) -> None:
        value = obj.get(name)
        if value is None:
            if required:
                self.fault(where, "missing (true or false)")
        elif not isinstance(value, bool):
            self.fault(where, f"must be true or false, not {value!r}")

    def format(self, value: Any, where: str) -> None:
        if not isinstance(value, dict):
            self.fault(where, "must be an object with 'name' and 'extension'")
            return
        self.text(value, "name", f"{where}.name")
        ext = value.get("extension")
        if not isinstance(ext, str) or not re.fullmatch(r"\.[A-Za-z0-9]+", ext):
            self.fault(f"{where}.extension", f"must be a file extension such as '.zip', not {ext!r}")


def validate(doc: Any) -> list[str]:
    """Every fault of a (merged) catalogue, each naming the source and the field."""
    if not isinstance(doc, dict):
        return ["a catalogue is a JSON object with 'sources'"]
    problems = _check_top(doc, "", user=False)
    sources = doc.get("sources")
    if not isinstance(sources, dict):
        return problems
    for key, entry in sources.items():
        problems.extend(_validate_entry(key, entry))
    return problems


def _validate_entry(key: str, entry: Any) -> list[str]:
    c = _Checker(key, entry)
    if not _KEY.match(str(key)):
        c.fault("(name)", "source names are lower case letters, digits and '_'")
    if not isinstance(entry, dict):
        c.fault("(entry)", "must be an object")
        return c.problems
    for name in ("title", "publisher", "dataset", "attribution"):
        c.text(entry, name, name)
    licence = entry.get("licence")
    if not isinstance(licence, dict):
        c.fault("licence", "missing or not an object with 'name' (and 'url')")
    else:
        c.text(licence, "name", "licence.name")
        if licence.get("url") is not None and not _is_url(licence["url"]):
            c.fault("licence.url", f"not an http(s) address: {licence['url']!r}")
    if not _is_url(entry.get("base_url")):
        c.fault("base_url", f"missing or not an http(s) address: {entry.get('base_url')!r}")
    rows = entry.get("rows", [])
    if not isinstance(rows, list) or not all(isinstance(r, str) for r in rows):
        c.fault("rows", "must be a list of Data row names")
    c.boolean(entry, "confirmed", "confirmed", required=True)
    c.documented(entry, "documented_at", required=True)
    c.format(entry.get("format"), "format")
    query = entry.get("query", {})
    if not isinstance(query, dict):
        c.fault("query", "must be an object of query parameter -> value template")
    else:
        for name, value in query.items():
            c.template(value, f"query.{name}")
    _validate_import(c, entry.get("import", "missing"))
    options = _validate_choice(c, entry.get("choice"))
    if "path" in entry:
        c.path(entry["path"], "path")
    elif not options or not all(isinstance(o, dict) and "path" in o for o in options.values()):
        c.fault("path", "missing (the entry, or every option of its choice, needs an address path)")
    org = entry.get("organisation")
    if org is not None and (not isinstance(org, dict) or org.get("parameter") != "ORGANISATION"):
        c.fault("organisation", "must be an object with parameter 'ORGANISATION'")
    paging = entry.get("paging")
    if paging is not None:
        if not isinstance(paging, dict) or paging.get("style") not in PAGING_STYLES:
            c.fault("paging.style", f"must be one of {', '.join(PAGING_STYLES)}")
        elif (
            not isinstance(paging.get("size"), int)
            or isinstance(paging.get("size"), bool)
            or paging["size"] < 1
        ):
            c.fault("paging.size", f"must be a whole number above 0, not {paging.get('size')!r}")
        elif paging.get("by", "fetch") not in ("fetch", "import"):
            c.fault("paging.by", "must be 'fetch' or 'import'")
    return c.problems


def _validate_import(c: _Checker, spec: Any) -> None:
    if spec is None:  # download only
        return
    if spec == "missing":
        c.fault("import", "missing (an import algorithm, or null for a download only)")
        return
    if not isinstance(spec, dict):
        c.fault("import", "must be an object with 'algorithm', 'input' and 'parameters', or null")
        return
    algorithm = spec.get("algorithm")
    if not isinstance(algorithm, str) or not re.fullmatch(r"digonce:[a-z]+", algorithm):
        c.fault("import.algorithm", f"must name a Dig Once algorithm (digonce:...), not {algorithm!r}")
    c.text(spec, "input", "import.input")
    if not isinstance(spec.get("parameters", {}), dict):
        c.fault("import.parameters", "must be an object of parameter -> value")


def _validate_choice(c: _Checker, choice: Any) -> dict[str, Any] | None:
    if choice is None:
        return None
    if not isinstance(choice, dict):
        c.fault("choice", "must be an object")
        return None
    kind = choice.get("kind")
    if kind not in CHOICE_KINDS:
        c.fault("choice.kind", f"must be one of {', '.join(CHOICE_KINDS)}, not {kind!r}")
        return None
    if choice.get("parameter") != CHOICE_KINDS[kind]:
        c.fault(
            "choice.parameter",
            f"a {kind} choice is made with {CHOICE_KINDS[kind]}, not {choice.get('parameter')!r}",
        )
    if kind == "month":
        if not isinstance(choice.get("first"), str) or not _MONTH.match(choice["first"]):
            c.fault(
                "choice.first", f"must be the first month published, YYYY-MM, not {choice.get('first')!r}"
            )
        if choice.get("published", "next_month") not in PUBLISHED:
            c.fault("choice.published", f"must be one of {', '.join(PUBLISHED)}")
        return None
    if kind == "query":
        return None
    options = choice.get("options")
    if not isinstance(options, dict) or not options:
        c.fault("choice.options", "must be a non-empty object of choice -> details")
        return None
    for name, option in options.items():
        where = f"choice.options.{name}"
        if not isinstance(option, dict):
            c.fault(where, "must be an object")
            continue
        c.text(option, "title", f"{where}.title")
        if "path" in option:
            c.path(option["path"], f"{where}.path")
        c.boolean(option, "confirmed", f"{where}.confirmed", required=False)
        c.documented(option, f"{where}.documented_at", required=False)
        if "format" in option:
            c.format(option["format"], f"{where}.format")
        if not isinstance(option.get("import_parameters", {}), dict):
            c.fault(f"{where}.import_parameters", "must be an object of parameter -> value")
    default = choice.get("default")
    if default is not None and default not in options:
        c.fault("choice.default", f"{default!r} is not one of the options ({', '.join(options)})")
    return options


# --- months ------------------------------------------------------------------------------------


def _month_index(text: str) -> int:
    m = _MONTH.match(text)
    assert m is not None
    return int(m.group(1)) * 12 + int(m.group(2)) - 1


def _month_text(index: int) -> str:
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def latest_month(published: str, today: dt.date) -> str:
    """The newest month a publisher has published by ``today``: the month before, when each
    month's file appears at the start of the next one."""
    index = today.year * 12 + today.month - 1
    return _month_text(index - 1 if published == "next_month" else index)


def months_available(first: str, published: str, today: dt.date) -> list[str]:
    """Every month from ``first`` to the latest published by ``today``, newest first.

    >>> months_available("2025-11", "next_month", dt.date(2026, 3, 1))
    ['2026-02', '2026-01', '2025-12', '2025-11']
    """
    last = _month_index(latest_month(published, today))
    return [_month_text(i) for i in range(last, _month_index(first) - 1, -1)]


# --- the catalogue and its entries -------------------------------------------------------------


@dataclass
class Resolved:
    """An entry with its choices made: what to download, and what to import it with."""

    source: str
    title: str
    label: str
    url: str
    publisher: str
    licence: str
    licence_url: str
    attribution: str
    confirmed: bool
    notes: list[str]
    documented_at: list[str]
    extension: str
    import_algorithm: str | None
    import_input: str
    import_parameters: dict[str, Any]
    paging: dict[str, Any] | None
    choices: dict[str, str] = field(default_factory=dict)

    def page_url(self, offset: int, size: int) -> str:
        """The address of one page (offset paging: ``limit``/``offset`` query parameters)."""
        assert self.paging is not None
        limit = self.paging.get("limit_parameter", "limit")
        off = self.paging.get("offset_parameter", "offset")
        sep = "&" if urlsplit(self.url).query else "?"
        return f"{self.url}{sep}{limit}={size}&{off}={offset}"

    def origin(self, sha256: str, addresses: list[str] | None = None) -> dict[str, Any]:
        """What the store's catalogue keeps about where an import came from."""
        return {
            "catalogue_source": self.source,
            "label": self.label,
            "choices": self.choices,
            "address": self.url,
            "addresses": addresses or [self.url],
            "publisher": self.publisher,
            "licence": self.licence,
            "licence_url": self.licence_url,
            "attribution": self.attribution,
            "confirmed": self.confirmed,
            "sha256": sha256,
        }


class Catalogue:
    """The merged, checked catalogue."""

    def __init__(self, doc: dict[str, Any], label: str) -> None:
        self.doc = doc
        self.label = label
        self.hosts: dict[str, str] = {
            k.rstrip("/"): v.rstrip("/") for k, v in (doc.get("hosts") or {}).items()
        }

    @property
    def sources(self) -> dict[str, dict[str, Any]]:
        return self.doc["sources"]

    def keys(self) -> list[str]:
        return list(self.sources)

    def entry(self, key: str) -> dict[str, Any]:
        key = (key or "").strip()
        if key not in self.sources:
            raise CatalogueError(
                f"there is no source {key!r} in the catalogue; the sources are: {', '.join(self.sources)}",
                path=self.label,
            )
        return self.sources[key]

    def for_row(self, row: str) -> list[str]:
        """The sources offered for one Data row of the dock (``streetworks``, ``venues`` ...)."""
        return [k for k, e in self.sources.items() if row in e.get("rows", [])]

    def base_url(self, entry: dict[str, Any]) -> str:
        base = entry["base_url"].rstrip("/")
        return self.hosts.get(base, base)

    # -- choices --

    def choices(self, key: str, today: dt.date | None = None) -> list[tuple[str, str]]:
        """The values a planner can pick for the entry's choice, as (value, label), the
        default first; [] for a choice made by typing (a search) or no choice at all."""
        entry = self.entry(key)
        choice = entry.get("choice")
        if not choice or choice["kind"] == "query":
            return []
        if choice["kind"] == "month":
            months = months_available(
                choice["first"], choice.get("published", "next_month"), today or dt.date.today()
            )
            return [(m, m) for m in months]
        options = choice["options"]
        default = choice.get("default") or next(iter(options))
        order = [default] + [k for k in options if k != default]
        out = []
        for name in order:
            option = options[name]
            title = option.get("title", name)
            if option.get("confirmed") is False or (
                entry.get("confirmed") is False and "confirmed" not in option
            ):
                title += " (address not confirmed)"
            out.append((name, title))
        return out

    # -- resolving --

    def resolve(
        self, key: str, values: Mapping[str, Any] | None = None, today: dt.date | None = None
    ) -> Resolved:
        """The entry ``key`` with the planner's choices (``MONTH`` ...) as concrete addresses
        and import parameters. A choice missing takes the default (the latest month, the
        default release); an impossible one raises :class:`CatalogueError` saying why."""
        entry = self.entry(key)
        values = {k: ("" if v is None else str(v).strip()) for k, v in (values or {}).items()}
        today = today or dt.date.today()
        fill: dict[str, str] = {}
        chosen: dict[str, str] = {}
        option: dict[str, Any] = {}
        choice = entry.get("choice")
        label_bits: list[str] = []
        if choice:
            param = choice["parameter"]
            given = values.get(param, "")
            if choice["kind"] == "month":
                month = self._month(key, entry, choice, given, today)
                fill.update(MONTH=month, YYYY=month[:4], MM=month[5:])
                chosen["MONTH"] = month
                label_bits.append(month)
            elif choice["kind"] == "query":
                fill["QUERY"] = given
                chosen["QUERY"] = given
                if given:
                    label_bits.append(given)
            else:
                options = choice["options"]
                name = given or choice.get("default") or next(iter(options))
                if name not in options:
                    raise CatalogueError(
                        f"source {key!r}: {param} {name!r} is not in the catalogue; choose one of "
                        f"{', '.join(options)}",
                        path=self.label,
                    )
                option = options[name]
                fill[param] = name
                chosen[param] = name
                label_bits.append(option.get("title", name))
        org = entry.get("organisation")
        if org:
            value = values.get("ORGANISATION", "")
            if value and not value.isdigit():
                raise CatalogueError(
                    f"source {key!r}: ORGANISATION is the organisation's entity number (digits), not {value!r}",
                    path=self.label,
                )
            fill["ORGANISATION"] = value
            if value:
                chosen["ORGANISATION"] = value
                label_bits.append(f"organisation {value}")
        for name in PARAMETERS:
            fill.setdefault(name, "")
        path = option.get("path", entry.get("path"))
        url = self.base_url(entry) + _render(path, fill, encode=True)
        query = _query(entry.get("query") or {}, fill)
        if query:
            url += ("&" if "?" in url else "?") + query
        spec = entry.get("import")
        params = dict((spec or {}).get("parameters") or {})
        params.update(option.get("import_parameters") or {})
        confirmed = bool(option.get("confirmed", entry["confirmed"]))
        notes = [n for n in (option.get("notes"), entry.get("notes")) if n]
        fmt = option.get("format") or entry["format"]
        title = entry["title"]
        return Resolved(
            source=key,
            title=title,
            label=", ".join([title, *label_bits]),
            url=url,
            publisher=entry["publisher"],
            licence=entry["licence"]["name"],
            licence_url=entry["licence"].get("url", ""),
            attribution=entry["attribution"],
            confirmed=confirmed,
            notes=notes,
            documented_at=list(option.get("documented_at") or []) + list(entry.get("documented_at") or []),
            extension=fmt["extension"],
            import_algorithm=spec["algorithm"] if spec else None,
            import_input=spec["input"] if spec else "",
            import_parameters=params,
            paging=entry.get("paging"),
            choices=chosen,
        )

    def _month(
        self, key: str, entry: dict[str, Any], choice: dict[str, Any], given: str, today: dt.date
    ) -> str:
        published = choice.get("published", "next_month")
        latest = latest_month(published, today)
        if not given:
            return latest
        if not _MONTH.match(given):
            raise CatalogueError(
                f"source {key!r}: MONTH must be a month written YYYY-MM (e.g. {latest}), not {given!r}",
                path=self.label,
            )
        if _month_index(given) > _month_index(latest):
            when = "at the start of the next month" if published == "next_month" else "during the month"
            raise CatalogueError(
                f"source {key!r}: {given} is not published yet. {entry['publisher']} publishes each month's "
                f"file {when}; the latest month published is {latest}",
                path=self.label,
            )
        if _month_index(given) < _month_index(choice["first"]):
            raise CatalogueError(
                f"source {key!r}: the catalogue's months start at {choice['first']}; {given} is earlier",
                path=self.label,
            )
        return given


def _render(template: str, fill: Mapping[str, str], *, encode: bool) -> str:
    values = {k: quote(v, safe="") if encode else v for k, v in fill.items()}
    return template.format_map(values)


def _query(spec: Mapping[str, str], fill: Mapping[str, str]) -> str:
    """Query parameters: a templated value that comes out empty is left out (no search, no
    organisation); a literal empty value is a bare flag (``redirect``)."""
    parts = []
    for name, template in spec.items():
        if template == "":
            parts.append(quote(name, safe=""))
            continue
        value = _render(template, fill, encode=False)
        if value == "":
            continue
        parts.append(f"{quote(name, safe='')}={quote(value, safe=':')}")
    return "&".join(parts)


# --- a fetched entry's files and its import (used by digonce:fetchfromcatalogue) ----------------


def import_options(text: str) -> dict[str, str]:
    """``KEY=VALUE;KEY=VALUE`` as a dict (keys upper-cased: they are parameter names)."""
    out = {}
    for part in text.split(";"):
        if "=" in part:
            key, value = part.split("=", 1)
            if key.strip():
                out[key.strip().upper()] = value.strip()
    return out


def pages_sha256(pages: list[Path]) -> str:
    """One SHA-256 for the pages of an offset-paged download: each page's own, in order."""
    digest = hashlib.sha256()
    for page in pages:
        digest.update(f"{file_sha256(page)}\n".encode())
    return digest.hexdigest()


def import_id_of(rows: list[dict[str, Any]], given: Any, before: int, sha: str) -> int | None:
    """The store catalogue's row (``rows``) an import wrote: its IMPORT_ID output (``given``);
    else the newest row after ``before``; else, for an import that changed nothing, the latest
    row with the file's checksum ``sha``."""
    if isinstance(given, (int, float)) and given:
        return int(given)
    new = [r["id"] for r in rows if r["id"] > before]
    if new:
        return max(new)
    same = [r["id"] for r in rows if sha and r.get("sha256") == sha]
    return max(same) if same else None


def is_web_page(path: Path) -> bool:
    """Whether a download is an HTML page (what a browser check or a moved page sends)."""
    try:
        with open(path, "rb") as f:
            head = f.read(512).lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    except OSError:
        return False
    return head.startswith((b"<!doctype html", b"<html", b"<head"))


def with_extension(path: Path, got: Resolved) -> Path:
    """The download under a name with the format's extension: the imports tell formats by it,
    and an API address (``.../downloads?...&redirect``) gives the cache a name without one."""
    ext = got.extension.lower()
    if path.suffix.lower() == ext:
        return path
    target = path.with_name(f"{got.source}{ext}")
    if target.exists():
        if target.stat().st_size == path.stat().st_size and file_sha256(target) == file_sha256(path):
            return target
        target.unlink()
    try:
        os.link(path, target)
    except OSError:
        shutil.copyfile(path, target)
    return target
