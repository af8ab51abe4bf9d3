"""Shared by the register tests (unit and QGIS): the throwaway PostgreSQL server, a fresh
register database with three organisations, and their logins. No tests here.

The server comes from ``DIGONCE_PG_DSN`` (``make test`` starts one with
``scripts/pg_test_cluster.sh``). Without it the register tests skip with the reason, except
under ``CI=true``, where they fail: CI must never pass without having run them.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import pytest

PG_ENV = "DIGONCE_PG_DSN"
ORGS = {"a": "Alpha Water", "b": "Beta Gas", "c": "Camden Council"}
LOGINS = {"a": "digonce_t_alice", "b": "digonce_t_bob", "c": "digonce_t_carol"}
OUTSIDER = "digonce_t_mallory"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI=true and the register tests cannot run: {reason}", pytrace=False)
    pytest.skip(reason)


def server_dsn() -> str:
    """The admin DSN of the test server; skips (fails under CI=true) when there is none."""
    dsn = os.environ.get(PG_ENV, "").strip()
    if not dsn:
        _unavailable(
            f"no PostgreSQL server for the shared-register tests: {PG_ENV} is not set "
            "(make test starts one with scripts/pg_test_cluster.sh)"
        )
    try:
        import psycopg2
    except ImportError:
        _unavailable("python3-psycopg2 is not installed (sudo bash scripts/setup.sh installs it)")
    try:
        psycopg2.connect(dsn, connect_timeout=5).close()
    except Exception as exc:  # noqa: BLE001
        _unavailable(f"the PostgreSQL server in {PG_ENV} does not answer: {exc}")
    return dsn


def with_params(dsn: str, **params: str) -> str:
    """``dsn`` (key=value form) with some parameters replaced."""
    parts = dict(item.split("=", 1) for item in dsn.split())
    parts.update(params)
    return " ".join(f"{k}={v}" for k, v in parts.items())


class Session:
    """One autocommit psycopg2 connection: ``execute(sql) -> rows`` as QGIS's executeSql does."""

    def __init__(self, dsn: str):
        import psycopg2

        self.conn = psycopg2.connect(dsn, connect_timeout=10)
        self.conn.autocommit = True

    def __call__(self, sql: str) -> list[tuple[Any, ...]]:
        with self.conn.cursor() as cur:
            cur.execute(sql)
            return cur.fetchall() if cur.description else []

    def pid(self) -> int:
        return int(self("SELECT pg_backend_pid()")[0][0])

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.conn.close()


@contextlib.contextmanager
def session(dsn: str) -> Iterator[Session]:
    s = Session(dsn)
    try:
        yield s
    finally:
        s.close()


def fresh_database(dsn: str, dbname: str) -> str:
    """A new, empty database ``dbname`` with PostGIS and the test logins; its admin DSN."""
    with session(with_params(dsn, dbname="postgres")) as admin:
        admin(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')
        admin(f'CREATE DATABASE "{dbname}"')
        for login in [*LOGINS.values(), OUTSIDER]:
            if not admin(f"SELECT 1 FROM pg_roles WHERE rolname = '{login}'"):
                admin(f'CREATE ROLE "{login}" LOGIN')
    db = with_params(dsn, dbname=dbname)
    with session(db) as admin:
        admin("CREATE EXTENSION IF NOT EXISTS postgis")
    return db


def make_register(db: str) -> None:
    """The register in ``db`` (created by :func:`fresh_database`) with organisations a, b, c,
    each login a member of its own organisation only."""
    from dig_once.plugin.register import Register

    with session(db) as admin:
        reg = Register(admin, "admin")
        reg.migrate()
        for org, name in ORGS.items():
            reg.add_organisation(org, name, f"streetworks@{org}.example.org")
            reg.add_member(org, LOGINS[org])
        # Memberships left by another run (roles are per cluster) never leak into this one.
        for org in ORGS:
            for other, login in LOGINS.items():
                if other != org:
                    admin(f'REVOKE "digonce_org_{org}" FROM "{login}"')
            admin(f'REVOKE "digonce_org_{org}" FROM "{OUTSIDER}"')


def register_as(db: str, org: str | None, name: str | None = None):
    """A :class:`Register` on a new session logged in as ``org``'s login (None: the outsider),
    and the session (to close)."""
    from dig_once.plugin.register import Register

    login = LOGINS[org] if org else OUTSIDER
    s = Session(with_params(db, user=login))
    return Register(s, name or f"test-{login}"), s


def rows_of(execute: Callable[[str], Sequence[Sequence[Any]]], sql: str) -> list[tuple[Any, ...]]:
    return [tuple(r) for r in execute(sql)]
