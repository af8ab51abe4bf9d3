"""The register's SQL without a server: the shipped migrations, the literals every value is
written as, and the rule that CI never skips the server tests."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from dig_once.plugin.core.errors import InputError
from dig_once.plugin.register import MATCH_COLUMNS, PUBLISHED_COLUMNS, literal, migrations, supported_version
from dig_once.plugin.register.client import Register, RegisterError, prepare_geometries

sys.path.insert(0, str(Path(__file__).parent))

import test_register_support as support


def test_migrations_are_numbered_from_one_without_gaps():
    found = migrations()
    assert [m.version for m in found] == list(range(1, len(found) + 1))
    assert supported_version() == len(found)


def test_the_works_tables_carry_every_canonical_field():
    text = migrations()[0].text
    for table in ("works", "works_staging"):
        body = re.search(rf"CREATE TABLE IF NOT EXISTS digonce\.{table} \((.*?)\n\);", text, re.S).group(1)
        columns = {
            line.split()[0]
            for line in body.splitlines()
            if line.strip() and not line.strip().startswith("--")
        }
        missing = {name for name, _kind in PUBLISHED_COLUMNS} - columns
        assert missing == set(), table


def test_every_table_gets_forced_row_level_security_and_nothing_grants_bypass():
    text = migrations()[0].text
    tables = set(re.findall(r"CREATE TABLE IF NOT EXISTS digonce\.(\w+)", text))
    for table in tables:
        assert f"ALTER TABLE digonce.{table} FORCE ROW LEVEL SECURITY;" in text
    code = re.sub(r"--[^\n]*", "", text)
    assert re.search(r"(?<!NO)BYPASSRLS", code) is None


def test_the_matching_function_returns_the_columns_the_client_reads():
    text = migrations()[0].text
    returns = re.search(r"RETURNS TABLE \((.*?)\)\nLANGUAGE", text, re.S).group(1)
    assert tuple(part.split()[0] for part in returns.split(",")) == MATCH_COLUMNS


@pytest.mark.parametrize(
    "value",
    ["plain", "O'Brien", "back\\slash", "\\'", "''", "$$", "x'); DROP TABLE t; --", "é🚧", "E'x'"],
)
def test_text_literals_are_one_quoted_string_whatever_the_text(value):
    out = literal(value)
    assert out.startswith("E'") and out.endswith("'")
    inner = out[2:-1]
    # Undo the escaping: doubled quotes and doubled backslashes give the text back, and no
    # quote stands alone (which would end the string).
    assert re.search(r"(?<!')'(?!')", inner.replace("''", "")) is None
    assert inner.replace("''", "'").replace("\\\\", "\\") == value


def test_literals_of_other_types():
    assert literal(None) == "NULL"
    assert literal(False) == "FALSE"
    assert literal(12) == "12"
    assert literal(2.5) == "2.5"
    with pytest.raises(InputError):
        literal(float("nan"))
    with pytest.raises(InputError, match="NUL"):
        literal("a\0b")


def test_publication_geometries_are_screened_like_the_engine():
    import shapely

    rows = [
        {"permit_ref": "ok", "geometry": shapely.Point(1, 2, 3), "start_date": "2026-01-01", "end_date": "2026-01-02"},
        {"permit_ref": "bow", "geometry": shapely.Polygon([(0, 0), (2, 2), (2, 0), (0, 2)]),
         "start_date": "2026-01-01", "end_date": "2026-01-02"},
        {"permit_ref": "bad", "geometry": shapely.Point(0, 0), "start_date": "soon", "end_date": "2026-01-02"},
    ]  # fmt: skip
    geoms, reasons = prepare_geometries(rows)
    assert not shapely.has_z(geoms[0])
    assert geoms[1].is_valid and reasons[1] is None
    assert reasons[2] == "start date 'soon' is not a date"


def test_errors_name_the_connection_and_never_show_a_password():
    def failing(_sql):
        raise RuntimeError("could not connect to server: host=db password=hunter2 user=me")

    with pytest.raises(RegisterError) as info:
        Register(failing, "County register").version()
    assert "'County register'" in str(info.value) and "hunter2" not in str(info.value)


def test_without_a_server_the_register_tests_skip_but_fail_under_ci(monkeypatch):
    monkeypatch.delenv(support.PG_ENV, raising=False)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="DIGONCE_PG_DSN is not set"):
        support.server_dsn()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        support.server_dsn()
