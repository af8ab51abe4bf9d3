"""The shared register on a real PostgreSQL + PostGIS: isolation (tried adversarially with
three organisations), blind matching, exactness against the in-process engine, concurrency and
bad input. Needs the throwaway server (see test_register_support); skips without it, fails
without it under CI=true."""

from __future__ import annotations

import datetime as dt
import random
import sys
import threading
import time
from pathlib import Path

import pytest
import shapely

from dig_once.plugin.core.dates import day_number
from dig_once.plugin.core.overlaps import KIND_NAMES, Works, find_overlaps
from dig_once.plugin.register import BLIND_COLUMNS, MATCH_COLUMNS, Register, RegisterError
from dig_once.plugin.register.client import prepare_geometries

sys.path.insert(0, str(Path(__file__).parent))

from test_register_support import (
    LOGINS,
    OUTSIDER,
    Session,
    fresh_database,
    make_register,
    register_as,
    server_dsn,
    session,
    with_params,
)

DB = "digonce_register_unit"


def work(ref, geom, start, end, **extra):
    return {"permit_ref": ref, "geometry": geom, "start_date": start, "end_date": end, **extra}


P = shapely.Point
SCENARIO = {
    # A publishes private plans.
    "a": (
        "private",
        [
            work("A1", P(530000, 180000), "2026-03-01", "2026-03-10", promoter="Alpha Water", usrn="1001",
                 street_name="High Street", highway_authority="LONDON BOROUGH OF CAMDEN"),
            work("A2", shapely.LineString([(530500, 180000), (530600, 180000)]), "2026-05-01", "2026-05-20",
                 promoter="Alpha Water", usrn="1002", street_name="Mill Lane",
                 highway_authority="LONDON BOROUGH OF CAMDEN"),
            work("A3", P(531500, 180000), "2026-03-01", "2026-03-10", promoter="Alpha Water"),
        ],
    ),
    # B publishes shared works.
    "b": (
        "shared",
        [
            work("B1", P(530010, 180000), "2026-03-05", "2026-03-20", promoter="Beta Gas", usrn="1001",
                 street_name="High Street", highway_authority="LONDON BOROUGH OF CAMDEN"),
            work("B2", P(530550, 180020), "2026-06-10", "2026-06-30", promoter="Beta Gas", usrn="1002",
                 street_name="Mill Lane", highway_authority="LONDON BOROUGH OF CAMDEN"),
            work("B3", P(530000, 180001), "2026-03-01", "2026-03-10", promoter="Beta Gas",
                 permit_status=" Cancelled "),
        ],
    ),
    # C publishes nothing private.
    "c": (
        "public",
        [
            work("C1", P(531000, 180000), "2026-07-01", "2026-07-05", promoter="Camden Council"),
            work("C2", P(530010, 180010), "2026-04-01", "2026-04-10", promoter="Camden Council",
                 usrn="1001", street_name="High Street", highway_authority="LONDON BOROUGH OF CAMDEN"),
        ],
    ),
}  # fmt: skip
#: (my ref, partner org, partner ref or None when hidden, kind): every match of each organisation.
EXPECTED = {
    "a": {("A1", "b", "B1", "clash"), ("A2", "b", "B2", "opportunity"), ("A1", "c", "C2", "opportunity")},
    "b": {("B1", "a", None, "clash"), ("B2", "a", None, "opportunity"), ("B1", "c", "C2", "opportunity")},
    "c": {("C2", "a", None, "opportunity"), ("C2", "b", "B1", "opportunity")},
}


@pytest.fixture(scope="module")
def db():
    dsn = server_dsn()
    db = fresh_database(dsn, DB)
    make_register(db)
    for org, (visibility, rows) in SCENARIO.items():
        reg, s = register_as(db, org)
        try:
            reg.publish(rows, visibility)
        finally:
            s.close()
    return db


@pytest.fixture
def admin(db):
    with session(db) as s:
        yield s


@pytest.fixture
def as_org(db):
    opened: list[Session] = []

    def make(org, name=None):
        reg, s = register_as(db, org, name)
        opened.append(s)
        return reg, s

    yield make
    for s in opened:
        s.close()


def matches_of(reg: Register, **kw) -> set[tuple]:
    return {(m["my_ref"], m["partner_org"], m["partner_ref"], m["kind"]) for m in reg.find_matches(**kw)}


# --- the done-when scenario --------------------------------------------------------------------


@pytest.mark.parametrize("org", ["a", "b", "c"])
def test_each_organisation_gets_exactly_its_matches(db, as_org, org):
    reg, _s = as_org(org)
    assert matches_of(reg) == EXPECTED[org]


def test_full_detail_only_where_the_partner_row_may_be_read(db, as_org):
    reg, _s = as_org("a")
    by_partner = {m["partner_ref"]: m for m in reg.find_matches()}
    b1 = by_partner["B1"]
    assert b1["partner_visible"] and b1["distance_m"] == 10.0
    assert (b1["gap_days"], b1["overlap_days"]) == (0, 6)
    assert b1["partner_start"] == dt.date(2026, 3, 5) and b1["line_wkb"]
    reg_b, _s = as_org("b")
    hidden = [m for m in reg_b.find_matches() if m["partner_org"] == "a"]
    assert {m["my_ref"] for m in hidden} == {"B1", "B2"}
    b1_side = next(m for m in hidden if m["my_ref"] == "B1")
    assert b1_side["partner_contact"] == "streetworks@a.example.org"
    assert b1_side["partner_org_name"] == "Alpha Water"
    assert (b1_side["partner_start_month"], b1_side["partner_end_month"]) == ("2026-03", "2026-03")
    assert b1_side["partner_usrn"] == "1001" and b1_side["partner_street"] == "High Street"
    assert b1_side["partner_borough"] == "LONDON BOROUGH OF CAMDEN"
    assert b1_side["distance_class"] == "<= 10 m"


def test_partner_sees_the_same_match_from_its_side(db, as_org):
    a_side = {(m["my_ref"], m["partner_org"], m["kind"]) for m in as_org("a")[0].find_matches()}
    b_side = {(m["my_ref"], m["partner_org"], m["kind"]) for m in as_org("b")[0].find_matches()}
    assert ("A1", "b", "clash") in a_side and ("B1", "a", "clash") in b_side
    assert ("A2", "b", "opportunity") in a_side and ("B2", "a", "opportunity") in b_side


def test_blind_rows_hold_exactly_the_coarse_fields_and_nothing_else(db, as_org):
    for org in ("b", "c"):
        reg, _s = as_org(org)
        hidden = [m for m in reg.find_matches() if not m["partner_visible"]]
        assert hidden
        for m in hidden:
            partner_detail = {
                k: v
                for k, v in m.items()
                if k.startswith(("partner_", "distance_m", "gap", "overlap", "line"))
            }
            leaked = {k: v for k, v in partner_detail.items() if k not in BLIND_COLUMNS and v is not None}
            assert leaked == {}
            assert m["my_ref"].startswith(org.upper())  # the geometry given is the caller's own
            assert shapely.from_wkb(bytes.fromhex(m["my_geom_wkb"])).equals(
                next(r["geometry"] for r in SCENARIO[org][1] if r["permit_ref"] == m["my_ref"])
            )


def test_the_matching_function_returns_only_the_documented_columns(admin):
    result = admin(
        "SELECT pg_get_function_result(p.oid) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
        "WHERE n.nspname = 'digonce' AND p.proname = 'find_matches'"
    )
    assert len(result) == 1
    names = [
        part.strip().split(" ")[0]
        for part in result[0][0].removeprefix("TABLE(").removesuffix(")").split(",")
    ]
    assert tuple(names) == MATCH_COLUMNS


# --- isolation, tried adversarially -------------------------------------------------------------


def test_plain_select_shows_own_rows_and_others_only_where_visibility_allows(db, as_org):
    seen = {org: {r[0] for r in as_org(org)[1]("SELECT permit_ref FROM digonce.works")} for org in "abc"}
    assert seen["a"] == {"A1", "A2", "A3", "B1", "B2", "B3", "C1", "C2"}
    assert seen["b"] == {"B1", "B2", "B3", "C1", "C2"}
    assert seen["c"] == {"B1", "B2", "B3", "C1", "C2"}


@pytest.mark.parametrize("view", ["register_works", "my_works"])
def test_views_show_no_private_row_of_another_organisation(db, as_org, view):
    for org in "bc":
        refs = {r[0] for r in as_org(org)[1](f"SELECT permit_ref FROM digonce.{view}")}
        assert not refs & {"A1", "A2", "A3"}
    assert {r[0] for r in as_org("b")[1]("SELECT permit_ref FROM digonce.my_works")} == {"B1", "B2", "B3"}


def test_a_filter_in_a_view_query_cannot_see_rows_before_the_policies(db, as_org):
    _reg, s = as_org("b")
    # A leaky function in the WHERE clause would see every row if it ran before the policies.
    s("CREATE FUNCTION pg_temp.peek(text) RETURNS boolean LANGUAGE plpgsql COST 0.0000001 AS "
      "$$BEGIN RAISE NOTICE 'saw %', $1; RETURN true; END$$")  # fmt: skip
    s.conn.notices.clear()
    s("SELECT permit_ref FROM digonce.register_works WHERE pg_temp.peek(permit_ref)")
    s("SELECT permit_ref FROM digonce.works WHERE pg_temp.peek(permit_ref)")
    seen = " ".join(s.conn.notices)
    assert "B1" in seen and "A1" not in seen and "A2" not in seen


def test_outsiders_and_the_public_role_read_no_private_row(db, admin, as_org):
    _reg, s = as_org(None)
    with pytest.raises(Exception, match="permission denied"):
        s("SELECT permit_ref FROM digonce.works")
    admin(f'GRANT digonce_public TO "{OUTSIDER}"')
    try:
        refs = {r[0] for r in s("SELECT permit_ref FROM digonce.works")}
        assert refs == {"C1", "C2"}
        assert {r[0] for r in s("SELECT permit_ref FROM digonce.register_works")} == {"C1", "C2"}
        with pytest.raises(Exception, match="permission denied"):
            s("SELECT contact FROM digonce.organisations")
        with pytest.raises(Exception, match="permission denied"):
            s("SELECT * FROM digonce.find_matches()")
    finally:
        admin(f'REVOKE digonce_public FROM "{OUTSIDER}"')


def test_no_organisation_can_change_another_organisations_rows(db, admin, as_org):
    before = admin("SELECT org, permit_ref, promoter, visibility FROM digonce.works ORDER BY 1, 2")
    _reg, s = as_org("b")
    assert s("WITH u AS (UPDATE digonce.works SET promoter = 'x' WHERE org IN ('a', 'c') RETURNING 1) "
             "SELECT count(*) FROM u") == [(0,)]  # fmt: skip
    assert s(
        "WITH x AS (DELETE FROM digonce.works WHERE org IN ('a', 'c') RETURNING 1) SELECT count(*) FROM x"
    ) == [(0,)]
    with pytest.raises(Exception, match="row-level security"):
        s("INSERT INTO digonce.works (org, visibility, permit_ref) VALUES ('a', 'public', 'FAKE')")
    with pytest.raises(Exception, match="row-level security"):
        s("UPDATE digonce.works SET org = 'a' WHERE permit_ref = 'B1'")
    with pytest.raises(Exception, match="row-level security"):
        s("INSERT INTO digonce.works_staging (token, org, visibility, permit_ref) "
          "VALUES (gen_random_uuid(), 'a', 'public', 'FAKE')")  # fmt: skip
    with pytest.raises(Exception, match="permission denied"):
        s("UPDATE digonce.organisations SET role_name = 'digonce_org_b' WHERE org = 'a'")
    assert s("WITH u AS (UPDATE digonce.organisations SET contact = 'x' WHERE org = 'a' RETURNING 1) "
             "SELECT count(*) FROM u") == [(0,)]  # fmt: skip
    assert admin("SELECT org, permit_ref, promoter, visibility FROM digonce.works ORDER BY 1, 2") == before


def test_set_role_cannot_borrow_another_organisation_or_the_owner(db, as_org):
    _reg, s = as_org("b")
    for role in ("digonce_org_a", "digonce_owner", "digonce_admin", "digonce_public", "postgres"):
        with pytest.raises(Exception, match="permission denied"):
            s(f"SET ROLE {role}")
        s("RESET ROLE")
    # A role b's login may take (the members' group) shows less, never more.
    s("SET ROLE digonce_member")
    assert not {r[0] for r in s("SELECT permit_ref FROM digonce.works")} & {"A1", "A2", "A3"}
    s("RESET ROLE")


def test_changing_search_path_or_temporary_objects_do_not_change_the_matcher(db, as_org):
    reg, s = as_org("b")
    expected = matches_of(reg)
    s("CREATE TEMP TABLE works AS SELECT * FROM digonce.works")
    s("CREATE TEMP TABLE organisations AS SELECT * FROM digonce.organisations")
    s("CREATE FUNCTION pg_temp.st_dwithin(anyelement, anyelement, float8) RETURNS boolean "
      "LANGUAGE sql AS 'SELECT true'")  # fmt: skip
    s("CREATE FUNCTION pg_temp.my_orgs() RETURNS text[] LANGUAGE sql AS $$SELECT ARRAY['a','b','c']$$")
    for path in ("pg_temp, digonce, public", "digonce, pg_temp, public", "public"):
        s(f"SET search_path = {path}")
        assert matches_of(reg) == expected
        assert not {r[0] for r in s("SELECT permit_ref FROM digonce.works")} & {"A1", "A2", "A3"}
    s("RESET search_path")


def test_crafted_arguments_to_the_matcher_reveal_nothing(db, as_org):
    reg, s = as_org("b")
    fn = "SELECT count(*) FROM digonce.find_matches"
    with pytest.raises(Exception, match="not a member of organisation"):
        s(f"{fn}(25, 90, false, false, ARRAY[]::text[], 'a')")
    for org in ("a' OR 'a'='a", "b'; SELECT 1; --", "%", "b\\"):
        escaped = org.replace("'", "''")
        with pytest.raises(Exception, match="not a member"):
            s(f"{fn}(25, 90, false, false, ARRAY[]::text[], E'{escaped.replace(chr(92), chr(92) * 2)}')")
    # The publication step and the identity check take another organisation's code no better.
    with pytest.raises(Exception, match="not a member of organisation"):
        s("SELECT digonce.commit_publication(gen_random_uuid(), 'a', 0)")
    with pytest.raises(Exception, match="not a member of organisation"):
        s("SELECT digonce.session_org('a')")
    for distance in ("1e9", "'NaN'", "'Infinity'", "-1", "NULL"):
        with pytest.raises(Exception, match="distance must be"):
            s(f"{fn}({distance}::float8, 90)")
    for gap in ("100000", "-5", "NULL"):
        with pytest.raises(Exception, match="largest gap"):
            s(f"{fn}(25, {gap}::int)")
    # Statuses are values, never SQL: an injection attempt is just a status nobody has.
    weird = ["x') OR true --", "'; DROP TABLE digonce.works; --", "\\", "%"]
    assert matches_of(reg, excluded_statuses=weird) >= matches_of(reg)
    assert s("SELECT count(*) FROM digonce.works") == [(5,)]
    # Every hidden row stays hidden whatever the switches.
    for same_street in (False, True):
        for include in (False, True):
            for m in reg.find_matches(distance=500, max_gap_days=3650, same_street=same_street,
                                      include_same_owner=include, excluded_statuses=[]):  # fmt: skip
                if m["partner_org"] == "a":
                    assert not m["partner_visible"] and m["partner_ref"] is None and m["line_wkb"] is None


def test_administration_functions_take_values_never_sql(db, admin, as_org):
    reg = Register(admin, "admin")
    for code in ("a'; DROP SCHEMA digonce CASCADE; --", "A", "x y", "", "1abc", "a" * 41):
        with pytest.raises(RegisterError, match="not valid"):
            reg.add_organisation(code, "Evil", None)
    for login in ('x"; DROP SCHEMA digonce CASCADE; --', "nobody_at_all"):
        with pytest.raises(RegisterError, match="no role"):
            reg.add_member("a", login)
    with pytest.raises(RegisterError, match="no organisation"):
        reg.add_member("a' OR 'x'='x", LOGINS["b"])
    assert admin("SELECT count(*) FROM digonce.organisations") == [(3,)]
    # Members may not run them at all.
    member, _s = as_org("b")
    with pytest.raises(RegisterError, match="permission denied for function add_organisation"):
        member.add_organisation("zz", "Mine now", None)
    with pytest.raises(RegisterError, match="permission denied for function add_member"):
        member.add_member("a", LOGINS["b"])


def test_text_values_are_stored_exactly_whatever_they_hold(db, admin, as_org):
    reg, s = as_org("c")
    nasty = [
        "x'); DROP TABLE digonce.works; --",
        "back\\slash \\' quote",
        "$$dollar$$ $tag$",
        "é – “unicode” 🚧",
        "E'escape'",
    ]
    rows = [work(f"C-{k}", P(540000 + k, 190000), "2026-01-01", "2026-01-02", promoter=t, street_name=t)
            for k, t in enumerate(nasty)]  # fmt: skip
    reg.publish(rows, "public")
    try:
        got = dict(s("SELECT permit_ref, promoter FROM digonce.works WHERE org = 'c'"))
        assert got == {f"C-{k}": t for k, t in enumerate(nasty)}
        with pytest.raises(RegisterError, match="work 'C-bad', field 'event_time'"):
            reg.publish(
                [*rows, work("C-bad", P(0, 0), "2026-01-01", "2026-01-02", event_time="yesterday")],
                "public",
                batch_rows=2,
            )
        assert admin("SELECT count(*) FROM digonce.works_staging") == [(0,)]  # nothing was sent
        with pytest.raises(RegisterError, match="NUL"):
            reg.publish([work("C-nul", P(0, 0), "2026-01-01", "2026-01-02", promoter="a\0b")], "public")
        assert admin("SELECT count(*) FROM digonce.works WHERE org = 'c'") == [(len(nasty),)]
    finally:
        reg.publish(SCENARIO["c"][1], "public")


def test_no_role_can_read_around_row_level_security(admin):
    assert (
        admin("SELECT rolname FROM pg_roles WHERE rolname LIKE 'digonce%' AND (rolbypassrls OR rolsuper)")
        == []
    )
    assert (
        admin(
            "SELECT rolname FROM pg_roles WHERE rolname IN ('digonce_owner', 'digonce_member', 'digonce_public', "
            "'digonce_admin') AND rolcanlogin"
        )
        == []
    )
    assert admin("SELECT m.rolname FROM pg_auth_members a JOIN pg_roles r ON r.oid = a.roleid "
                 "JOIN pg_roles m ON m.oid = a.member WHERE r.rolname = 'digonce_owner'") == []  # fmt: skip
    tables = admin(
        "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity, pg_get_userbyid(c.relowner) FROM pg_class c "
        "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'digonce' AND c.relkind = 'r'"
    )
    assert {t[0] for t in tables} == {
        "schema_version",
        "organisations",
        "works",
        "works_staging",
        "publications",
    }
    assert all(t[1] and t[2] and t[3] == "digonce_owner" for t in tables)
    views = admin(
        "SELECT c.relname, c.reloptions, pg_get_userbyid(c.relowner) FROM pg_class c JOIN pg_namespace n "
        "ON n.oid = c.relnamespace WHERE n.nspname = 'digonce' AND c.relkind = 'v'"
    )
    assert views and all(
        "security_invoker=true" in v[1] and "security_barrier=true" in v[1] and v[2] == "digonce_owner"
        for v in views
    )
    definers = admin(
        "SELECT p.proname, p.proconfig, pg_get_userbyid(p.proowner) FROM pg_proc p JOIN pg_namespace n "
        "ON n.oid = p.pronamespace WHERE n.nspname = 'digonce' AND p.prosecdef"
    )
    assert [(p[0], p[2]) for p in definers] == [("find_matches", "digonce_owner")]
    assert definers[0][1] == ["search_path=pg_catalog, digonce, pg_temp", "jit=off"]
    public_functions = admin(
        "SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
        "WHERE n.nspname = 'digonce' AND has_function_privilege('public', p.oid, 'EXECUTE')"
    )
    assert public_functions == []


def test_qgis_style_layer_filters_cannot_widen_what_a_role_sees(db, as_org):
    _reg, s = as_org("c")
    for subset in ("org = 'a'", "true) OR (true", "1=1 UNION SELECT permit_ref FROM digonce.works"):
        try:
            refs = {r[0] for r in s(f"SELECT permit_ref FROM digonce.register_works WHERE {subset}")}
        except Exception:  # noqa: BLE001  (a filter that is not SQL fails; it never widens)
            continue
        assert not refs & {"A1", "A2", "A3"}


# --- publishing ---------------------------------------------------------------------------------


def test_republishing_replaces_my_rows_and_removed_plans_are_removed(db, admin, as_org):
    reg, _s = as_org("a")
    rows = SCENARIO["a"][1]
    try:
        reg.publish(rows[:1] + [work("A9", P(532000, 180000), "2026-01-01", "2026-01-05")], "shared")
        assert admin("SELECT permit_ref, visibility FROM digonce.works WHERE org = 'a' ORDER BY 1") == [
            ("A1", "shared"),
            ("A9", "shared"),
        ]
        last = reg.last_publication()
        assert last["rows"] == 2 and last["shared"] == 2 and last["published_by"] == LOGINS["a"]
    finally:
        reg.publish(rows, "private")
    assert admin("SELECT count(*) FROM digonce.works WHERE org = 'a'") == [(3,)]


def test_unusable_works_are_published_with_their_reason_and_never_matched(db, admin, as_org):
    reg, _s = as_org("c")
    rows = [
        *SCENARIO["c"][1],
        work("C-nogeom", None, "2026-04-01", "2026-04-10"),
        work("C-backwards", P(530000, 180000), "2026-04-10", "2026-04-01"),
        work("C-nan", P(float("nan"), 180000), "2026-04-01", "2026-04-10"),
        work("C-nodate", P(530000, 180000), None, "2026-04-01"),
    ]
    try:
        pub = reg.publish(rows, "public")
        assert pub.unusable == 4
        reasons = dict(admin("SELECT permit_ref, unusable_reason FROM digonce.works WHERE org = 'c' "
                             "AND unusable_reason IS NOT NULL"))  # fmt: skip
        assert reasons == {
            "C-nogeom": "missing geometry",
            "C-backwards": "end date before start date",
            "C-nan": "NaN or infinite coordinates",
            "C-nodate": "missing start date",
        }
        assert {m["my_ref"] for m in reg.find_matches(distance=500, max_gap_days=3650)} <= {"C1", "C2"}
    finally:
        reg.publish(SCENARIO["c"][1], "public")


def _state(admin, org):
    return admin(f"SELECT permit_ref, publication_id FROM digonce.works WHERE org = '{org}' ORDER BY 1")


def publish_at_once(db, jobs: dict[str, tuple[str, list]], batch_rows: int) -> dict:
    """Each job, ``name: (org, rows)``, published as private plans by its own login of ``org`` in a
    thread of its own, all at the same time; none may fail. Returns the publications by name."""
    errors = []
    pubs = {}

    def go(name):
        org, rows = jobs[name]
        reg, s = register_as(db, org)
        try:
            pubs[name] = reg.publish(rows, "private", batch_rows=batch_rows)
        except Exception as exc:  # noqa: BLE001  # asserted below, in the test's thread
            errors.append(exc)
        finally:
            s.close()

    threads = [threading.Thread(target=go, args=(name,)) for name in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    return pubs


def test_two_organisations_publishing_at_once_each_end_all_new(db, admin, as_org):
    big = {
        org: [work(f"{org.upper()}-{k}", P(550000 + k, 170000 + 100 * (org == "b")), "2026-01-01", "2026-01-02")
              for k in range(2500)]
        for org in "ab"
    }  # fmt: skip
    try:
        pubs = publish_at_once(db, {org: (org, big[org]) for org in "ab"}, batch_rows=250)
        for org in "ab":
            state = _state(admin, org)
            assert len(state) == 2500 and {p for _r, p in state} == {pubs[org].id}
    finally:
        for org in "ab":
            reg, s = register_as(db, org)
            reg.publish(SCENARIO[org][1], SCENARIO[org][0])
            s.close()


def test_two_people_of_one_organisation_publishing_at_once_leave_one_whole_publication(db, admin):
    rows = {
        who: [work(f"A-{who}-{k}", P(552000 + k, 171000), "2026-01-01", "2026-01-02") for k in range(1500)]
        for who in ("first", "second")
    }
    try:
        pubs = publish_at_once(db, {who: ("a", rows[who]) for who in rows}, batch_rows=150)
        state = _state(admin, "a")
        last = max(pubs.values(), key=lambda p: p.id)
        winner = next(who for who, p in pubs.items() if p is last)
        assert {p for _r, p in state} == {last.id}
        assert sorted(r for r, _p in state) == sorted(r["permit_ref"] for r in rows[winner])
        assert admin("SELECT count(*) FROM digonce.works_staging WHERE org = 'a'") == [(0,)]
    finally:
        reg, s = register_as(db, "a")
        reg.publish(SCENARIO["a"][1], "private")
        s.close()


def test_a_publication_killed_half_way_leaves_the_old_rows(db, admin):
    before = _state(admin, "a")
    reg_s = Session(with_params(db, user=LOGINS["a"]))
    calls = {"n": 0}

    def dying(sql):
        calls["n"] += 1
        if calls["n"] == 6:  # a few batches in: the server ends this session
            admin(f"SELECT pg_terminate_backend({reg_s.pid()})")
        return reg_s(sql)

    reg = Register(dying, "killed-conn")
    rows = [work(f"A-new-{k}", P(530000 + k, 181000), "2026-01-01", "2026-01-02") for k in range(50)]
    with pytest.raises(RegisterError, match="killed-conn.*connection was lost.*Nothing was changed"):
        reg.publish(rows, "shared", batch_rows=10)
    reg_s.close()
    assert _state(admin, "a") == before
    # The next publication goes through and the staged leftovers never became works.
    reg2, s2 = register_as(db, "a")
    try:
        reg2.publish(SCENARIO["a"][1], "private")
        assert [r for r, _p in _state(admin, "a")] == ["A1", "A2", "A3"]
    finally:
        s2.close()


def test_a_publication_missing_a_batch_is_refused_whole(db, admin):
    before = _state(admin, "a")
    sent = []

    def losing(sql):
        if sql.startswith("INSERT INTO digonce.works_staging") and not sent:
            sent.append(sql)  # the first batch never arrives (a reconnecting pool, a proxy...)
            return []
        return reg_s(sql)

    reg_s = Session(with_params(db, user=LOGINS["a"]))
    try:
        rows = [work(f"A-new-{k}", P(530000 + k, 181000), "2026-01-01", "2026-01-02") for k in range(30)]
        with pytest.raises(RegisterError, match="holds 20 rows, 30 were sent: nothing was changed"):
            Register(losing, "lossy-conn").publish(rows, "shared", batch_rows=10)
        assert _state(admin, "a") == before
        # What was staged is the organisation's own scratch: no other organisation sees it.
        _reg, other = register_as(db, "b")
        assert other("SELECT count(*) FROM digonce.works_staging") == [(0,)]
        other.close()
    finally:
        reg_s.close()


def test_a_publication_killed_while_replacing_rows_changes_nothing(db, admin):
    before = _state(admin, "a")
    holder = Session(db)
    holder("SELECT pg_advisory_lock(hashtext('digonce.publish.a'))")
    reg_s = Session(with_params(db, user=LOGINS["a"]))
    reg = Register(reg_s, "commit-conn")
    errors = []
    rows = [work(f"A-new-{k}", P(530000 + k, 181000), "2026-01-01", "2026-01-02") for k in range(30)]
    worker = threading.Thread(target=lambda: _catch(errors, reg.publish, rows, "shared"))
    worker.start()
    pid = None
    for _ in range(600):  # wait until the commit waits on the organisation's lock
        waiting = admin("SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                        "AND query LIKE '%commit_publication%'")  # fmt: skip
        if waiting:
            pid = waiting[0][0]
            break
        time.sleep(0.05)
    assert pid is not None
    admin(f"SELECT pg_terminate_backend({pid})")
    worker.join()
    holder("SELECT pg_advisory_unlock_all()")
    holder.close()
    reg_s.close()
    assert len(errors) == 1 and "commit-conn" in str(errors[0])
    assert _state(admin, "a") == before


def _catch(errors, fn, *args):
    try:
        fn(*args)
    except Exception as exc:  # noqa: BLE001
        errors.append(exc)


# --- bad input ----------------------------------------------------------------------------------


def test_a_database_without_a_register_says_so_naming_the_connection(db):
    dsn = server_dsn()
    with session(with_params(dsn, dbname="postgres")) as s:
        reg = Register(s, "my-conn")
        with pytest.raises(RegisterError, match="'my-conn'.*no Dig Once register"):
            reg.check_version()
        with pytest.raises(RegisterError, match="'my-conn'.*no Dig Once register"):
            reg.publish([work("X", P(0, 0), "2026-01-01", "2026-01-02")], "private")


def test_a_login_without_membership_is_told_to_ask_the_administrator(db, as_org):
    reg, _s = as_org(None, "outsider-conn")
    with pytest.raises(RegisterError, match="'outsider-conn'.*(member|permission).*administrator"):
        reg.publish([work("X", P(0, 0), "2026-01-01", "2026-01-02")], "private")
    with pytest.raises(RegisterError, match="'outsider-conn'"):
        reg.find_matches()


def test_older_newer_and_edited_registers_are_named_and_left_untouched(db, admin, as_org):
    reg, _s = as_org("a", "versions-conn")
    admin("INSERT INTO digonce.schema_version (version, name, sha256) VALUES (99, 'future', 'x')")
    try:
        with pytest.raises(
            RegisterError, match="'versions-conn'.*newer \\(version 99\\).*update the Dig Once plugin"
        ):
            reg.find_matches()
        with pytest.raises(RegisterError, match="newer"):
            Register(admin, "admin").migrate()
    finally:
        admin("DELETE FROM digonce.schema_version WHERE version = 99")
    saved = admin("SELECT version, name, sha256, applied_at, applied_by FROM digonce.schema_version")
    admin("DELETE FROM digonce.schema_version")
    try:
        with pytest.raises(RegisterError, match="'versions-conn'.*older \\(version 0\\).*administrator"):
            reg.publish(SCENARIO["a"][1], "private")
    finally:
        for v, n, sha, at, by in saved:
            admin(f"INSERT INTO digonce.schema_version VALUES ({v}, '{n}', '{sha}', '{at}', '{by}')")
    admin("UPDATE digonce.schema_version SET sha256 = 'edited' WHERE version = 1")
    try:
        with pytest.raises(RegisterError, match="different file.*nothing was changed"):
            Register(admin, "admin").migrate()
    finally:
        admin(f"UPDATE digonce.schema_version SET sha256 = '{saved[0][2]}' WHERE version = 1")
    assert [r for r, _p in _state(admin, "a")] == ["A1", "A2", "A3"]


def test_a_server_that_cannot_be_reached_is_named_with_what_to_do():
    def refused(_sql):
        import psycopg2

        psycopg2.connect("host=127.0.0.1 port=1 dbname=x user=y password=s3cret connect_timeout=2")

    with pytest.raises(RegisterError) as info:
        Register(refused, "unreachable-conn").check_version()
    text = str(info.value)
    assert "'unreachable-conn'" in text and "could not be made" in text and "s3cret" not in text


def test_migrations_run_twice_change_nothing(db, admin):
    before = admin("SELECT version, sha256, applied_at FROM digonce.schema_version")
    assert Register(admin, "admin").migrate() == []
    assert admin("SELECT version, sha256, applied_at FROM digonce.schema_version") == before
    # Re-running the file itself (as a DBA with psql would) is harmless too.
    from dig_once.plugin.register.sql import migrations

    admin(migrations()[0].text)
    assert admin("SELECT count(*) FROM digonce.works") == [(8,)]


# --- exactness against digonce:findworksoverlaps -------------------------------------------------


def _random_works(seed: int, n: int = 240):
    rng = random.Random(seed)
    rows = []
    base_day = dt.date(2026, 1, 1)

    def day(k):
        return (base_day + dt.timedelta(days=k)).isoformat()

    usrns = ["100", " 100 ", "200", "200 ", "300", None, ""]
    owners = ["Alpha", "alpha ", "Beta", "BETA", "Gamma", None]
    statuses = [None, "granted", "Cancelled", " refused", "in progress"]
    for k in range(n):
        x, y = 530000 + rng.uniform(0, 400), 180000 + rng.uniform(0, 400)
        shape = rng.random()
        if shape < 0.5:
            geom = P(round(x), round(y))
        elif shape < 0.8:
            geom = shapely.LineString([(x, y), (x + rng.uniform(-40, 40), y + rng.uniform(-40, 40))])
        elif shape < 0.95:
            geom = shapely.box(x, y, x + rng.uniform(1, 30), y + rng.uniform(1, 30))
        else:  # a self-intersecting bow tie, repaired the same way by both sides
            geom = shapely.Polygon([(x, y), (x + 20, y + 20), (x + 20, y), (x, y + 20)])
        s = rng.randrange(0, 300)
        rows.append(work(f"R{k:03d}", geom, day(s), day(s + rng.randrange(0, 30)), promoter=rng.choice(owners),
                         usrn=rng.choice(usrns), permit_status=rng.choice(statuses)))  # fmt: skip
    # Exactly at the distance (25 m on an axis, and 15-20-25), and windows that touch.
    rows += [
        work("E1", P(531000, 181000), day(10), day(20), promoter="Edge1"),
        work("E2", P(531025, 181000), day(20), day(30), promoter="Edge2"),  # 25 m, one-day clash
        work("E3", P(531015, 181020), day(31), day(40), promoter="Edge3"),  # 25 m from E1, gap 11; E2
        work("E4", P(531000, 181025.000001), day(21), day(22), promoter="Edge4"),  # a hair beyond 25 m
        work(
            "E5", shapely.LineString([(531100, 181000), (531100, 181100)]), day(0), day(5), promoter="Edge5"
        ),
        work(
            "E6", shapely.LineString([(531125, 181050), (531200, 181050)]), day(6), day(8), promoter="Edge6"
        ),
        work("E7", P(531000, 181000), day(20), day(20), promoter="Edge7"),  # same place as E1, touching day
        work("E8", P(531300, 181000), day(0), day(0), promoter="Edge8"),
        work("E9", P(531300, 181000), day(90), day(90), promoter="Edge9"),  # gap exactly 90
        work("E10", P(531400, 181000), day(0), day(0), promoter="Edge10"),
        work("E11", P(531400, 181000), day(91), day(91), promoter="Edge11"),  # gap 91: nothing
    ]
    return rows


def _engine_pairs(rows_by_org, **opts):
    rows = [(org, r) for org, rs in rows_by_org.items() for r in rs]
    geoms, reasons = prepare_geometries([r for _o, r in rows])
    starts = [
        None if r["start_date"] is None else day_number(dt.date.fromisoformat(r["start_date"]))
        for _o, r in rows
    ]
    ends = [
        None if r["end_date"] is None else day_number(dt.date.fromisoformat(r["end_date"])) for _o, r in rows
    ]
    works = Works.from_columns(
        geoms, [f"{o}:{r['permit_ref']}" for o, r in rows], [r.get("promoter") for _o, r in rows], starts, ends,
        statuses=[r.get("permit_status") for _o, r in rows], usrns=[r.get("usrn") for _o, r in rows],
        reasons=reasons,
    )  # fmt: skip
    result = find_overlaps(works, **opts)
    out = {}
    for a, b, kind, dist, gap, over in zip(result.a, result.b, result.kind, result.distance, result.gap_days,
                                            result.overlap_days, strict=True):  # fmt: skip
        out[frozenset((works.ids[a], works.ids[b]))] = (
            KIND_NAMES[int(kind)],
            float(dist),
            int(gap),
            int(over),
        )
    return out


def _register_pairs(db, rows_by_org, **opts):
    out = {}
    for org in rows_by_org:
        reg, s = register_as(db, org)
        try:
            for m in reg.find_matches(**opts):
                assert m["partner_visible"]
                key = frozenset((f"{org}:{m['my_ref']}", f"{m['partner_org']}:{m['partner_ref']}"))
                value = (m["kind"], m["distance_m"], m["gap_days"], m["overlap_days"])
                assert out.get(key, value) == value  # both sides see the same pair the same way
                out[key] = value
        finally:
            s.close()
    return out


@pytest.fixture(scope="module")
def exact_db():
    dsn = server_dsn()
    db = fresh_database(dsn, DB + "_exact")
    make_register(db)
    rows = _random_works(7)
    by_org = {"a": rows[0::3], "b": rows[1::3], "c": rows[2::3]}
    for org, org_rows in by_org.items():
        reg, s = register_as(db, org)
        reg.publish(org_rows, "shared")
        s.close()
    return db, by_org


@pytest.mark.parametrize(
    "opts",
    [
        {"distance": 25.0, "max_gap_days": 90},
        {"distance": 25.0, "max_gap_days": 90, "same_street": True},
        {"distance": 10.0, "max_gap_days": 0, "include_same_owner": True},
        {"distance": 0.0, "max_gap_days": 30, "excluded_statuses": []},
        {"distance": 60.0, "max_gap_days": 365, "same_street": True, "include_same_owner": True,
         "excluded_statuses": ["in progress"]},
    ],
)  # fmt: skip
def test_register_pairs_equal_findworksoverlaps_pair_for_pair(exact_db, opts):
    db, by_org = exact_db
    engine = _engine_pairs(by_org, **opts)
    register = _register_pairs(db, by_org, **opts)
    assert len(engine) >= 4
    assert set(register) == set(engine)
    for key, (kind, dist, gap, over) in engine.items():
        r_kind, r_dist, r_gap, r_over = register[key]
        assert (r_kind, r_gap, r_over) == (kind, gap, over), key
        assert abs(r_dist - dist) <= 1e-9 * max(1.0, dist), key


def test_pairs_at_exactly_the_distance_and_touching_dates_are_found(exact_db):
    db, by_org = exact_db
    pairs = _register_pairs(db, by_org, distance=25.0, max_gap_days=90)
    names = {frozenset(x.split(":")[1] for x in key): v for key, v in pairs.items()}
    assert names[frozenset({"E1", "E2"})] == ("clash", 25.0, 0, 1)
    assert names[frozenset({"E1", "E3"})][:3] == ("opportunity", 25.0, 11)
    assert frozenset({"E1", "E4"}) not in names
    assert names[frozenset({"E1", "E7"})] == ("clash", 0.0, 0, 1)
    assert names[frozenset({"E5", "E6"})] == ("opportunity", 25.0, 1, 0)
    assert names[frozenset({"E8", "E9"})] == ("opportunity", 0.0, 90, 0)
    assert frozenset({"E10", "E11"}) not in names


def test_the_matcher_finds_neighbours_through_the_gist_index(exact_db):
    db, _by_org = exact_db
    with session(db) as admin:
        admin("ANALYZE digonce.works")
        # The plan of the matcher's own query, as it runs (auto_explain logs nested statements).
        admin("LOAD 'auto_explain'")
        for setting in ("log_min_duration = 0", "log_nested_statements = on", "log_level = 'notice'"):
            admin(f"SET auto_explain.{setting}")
        admin("SET enable_seqscan = off")  # a small table: show that the index CAN serve the join
        admin.conn.notices.clear()
        admin("SELECT count(*) FROM digonce.find_matches(25, 90, false, false, ARRAY[]::text[], 'a')")
        plans = "\n".join(admin.conn.notices)
    assert "st_dwithin" in plans.lower()
    assert "Index Scan using works_geom_gist" in plans and "st_expand" in plans


def test_blind_rows_are_coarse_in_the_exactness_data_too(exact_db):
    db, by_org = exact_db
    with session(db) as admin:
        admin("UPDATE digonce.works SET visibility = 'private' WHERE org = 'b'")
        try:
            reg, s = register_as(db, "a")
            rows = reg.find_matches(distance=25.0, max_gap_days=90)
            s.close()
            hidden = [m for m in rows if m["partner_org"] == "b"]
            assert hidden and all(not m["partner_visible"] for m in hidden)
            assert all(
                m[c] is None
                for m in hidden
                for c in MATCH_COLUMNS
                if c.startswith("partner_") and c not in BLIND_COLUMNS
            )
            assert all(
                m[c] is None for m in hidden for c in ("distance_m", "gap_days", "overlap_days", "line_wkb")
            )
            assert len(hidden) == sum(1 for key in _engine_pairs(by_org, distance=25.0, max_gap_days=90)
                                      if {k.split(":")[0] for k in key} == {"a", "b"})  # fmt: skip
        finally:
            admin("UPDATE digonce.works SET visibility = 'shared' WHERE org = 'b'")
