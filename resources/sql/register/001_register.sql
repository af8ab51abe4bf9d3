-- Dig Once shared register, migration 001: schema, roles, tables, row-level security, views and
-- the blind-matching function.
--
-- Run by an administrator: a superuser, or a role with CREATEROLE that may create schemas in the
-- database (digonce:createregister runs it, or: psql -v ON_ERROR_STOP=1 -1 -f 001_register.sql).
-- Idempotent: every statement can run again on a register already at this version.
--
-- Roles (all NOLOGIN; people log in with their own role, made a member of their organisation's):
--   digonce_owner   owns every object; nobody is a member of it. Its only policy lets it read
--                   (never write) all works: that is what the SECURITY DEFINER matcher runs as.
--   digonce_member  every organisation role is a member: table privileges, policies decide rows.
--   digonce_org_<code>  one per organisation (digonce.add_organisation makes it).
--   digonce_public  read-only: rows published with visibility 'public' only.
--   digonce_admin   manages organisations (not their works).
-- No role has BYPASSRLS; every table has FORCE ROW LEVEL SECURITY.

CREATE EXTENSION IF NOT EXISTS postgis;

DO $roles$
DECLARE
  r text;
BEGIN
  FOREACH r IN ARRAY ARRAY['digonce_owner', 'digonce_member', 'digonce_public', 'digonce_admin'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r) THEN
      EXECUTE format('CREATE ROLE %I NOLOGIN', r);
    END IF;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = r AND (rolcanlogin OR rolbypassrls OR rolsuper)) THEN
      EXECUTE format('ALTER ROLE %I NOLOGIN NOBYPASSRLS NOSUPERUSER', r);
    END IF;
  END LOOP;
  -- The administrator running this needs to act as the owner while creating objects.
  IF NOT (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user) THEN
    EXECUTE format('GRANT digonce_owner TO %I', current_user);
    EXECUTE format('GRANT digonce_admin TO %I', current_user);
  END IF;
END
$roles$;

CREATE SCHEMA IF NOT EXISTS digonce AUTHORIZATION digonce_owner;
ALTER SCHEMA digonce OWNER TO digonce_owner;
REVOKE ALL ON SCHEMA digonce FROM PUBLIC;
GRANT USAGE ON SCHEMA digonce TO digonce_member, digonce_public, digonce_admin;

-- PostGIS may live in any schema: resolve its types now, and give the functions below the
-- schema explicitly (their own search_path is pg_catalog, digonce, and pg_temp last so that a
-- caller's temporary objects can never stand in for the register's).
DO $path$
DECLARE
  s text;
BEGIN
  SELECT n.nspname INTO s FROM pg_catalog.pg_extension e
    JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'postgis';
  PERFORM pg_catalog.set_config('search_path', pg_catalog.format('digonce, %I, pg_catalog', s), true);
END
$path$;

SET LOCAL ROLE digonce_owner;

CREATE TABLE IF NOT EXISTS digonce.schema_version (
  version integer PRIMARY KEY,
  name text NOT NULL,
  sha256 text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  applied_by name NOT NULL DEFAULT session_user
);

CREATE TABLE IF NOT EXISTS digonce.organisations (
  org text PRIMARY KEY CHECK (org ~ '^[a-z][a-z0-9_]{0,39}$'),
  name text NOT NULL,
  role_name name NOT NULL UNIQUE,
  contact text,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- The canonical works fields (plugin/core/schema.py WORKS_FIELDS + the store's plan fields).
CREATE TABLE IF NOT EXISTS digonce.works (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org text NOT NULL REFERENCES digonce.organisations (org) ON UPDATE CASCADE,
  visibility text NOT NULL CHECK (visibility IN ('private', 'shared', 'public')),
  permit_ref text NOT NULL,
  work_ref text,
  promoter text,
  promoter_swa text,
  highway_authority text,
  highway_authority_swa text,
  street_name text,
  area_name text,
  town text,
  usrn text,
  road_category text,
  category text,
  work_status text,
  permit_status text,
  tm_type text,
  activity_type text,
  location_types text,
  start_date date,
  end_date date,
  start_time text,
  end_time text,
  actual_start timestamptz,
  actual_end timestamptz,
  traffic_sensitive boolean,
  ttro_required boolean,
  deemed boolean,
  collaborative boolean,
  collaboration_type text,
  permit_conditions text,
  source text,
  source_event text,
  event_time timestamptz,
  source_file text,
  programme text,
  utility_type text,
  method text,
  confidence text,
  unusable_reason text,
  publication_id bigint,
  updated_at timestamptz NOT NULL DEFAULT now(),
  geom geometry(Geometry, 27700),
  -- Comparison keys as the in-process engine makes them (whitespace collapsed, lower case).
  owner_key text GENERATED ALWAYS AS (nullif(lower(btrim(regexp_replace(promoter, '\s+', ' ', 'g'))), '')) STORED,
  usrn_key text GENERATED ALWAYS AS (nullif(lower(btrim(regexp_replace(usrn, '\s+', ' ', 'g'))), '')) STORED,
  status_key text GENERATED ALWAYS AS (nullif(lower(btrim(regexp_replace(permit_status, '\s+', ' ', 'g'))), '')) STORED,
  UNIQUE (org, permit_ref)
);
CREATE INDEX IF NOT EXISTS works_geom_gist ON digonce.works USING gist (geom);
CREATE INDEX IF NOT EXISTS works_usrn_key ON digonce.works (usrn_key) WHERE usrn_key IS NOT NULL;
CREATE INDEX IF NOT EXISTS works_org ON digonce.works (org);

-- A publication is staged here batch by batch, then moved into works in one transaction
-- (digonce.commit_publication): the works of an organisation are always all old or all new.
CREATE TABLE IF NOT EXISTS digonce.works_staging (
  token uuid NOT NULL,
  staged_at timestamptz NOT NULL DEFAULT now(),
  org text NOT NULL REFERENCES digonce.organisations (org) ON UPDATE CASCADE ON DELETE CASCADE,
  visibility text NOT NULL CHECK (visibility IN ('private', 'shared', 'public')),
  permit_ref text NOT NULL,
  work_ref text,
  promoter text,
  promoter_swa text,
  highway_authority text,
  highway_authority_swa text,
  street_name text,
  area_name text,
  town text,
  usrn text,
  road_category text,
  category text,
  work_status text,
  permit_status text,
  tm_type text,
  activity_type text,
  location_types text,
  start_date date,
  end_date date,
  start_time text,
  end_time text,
  actual_start timestamptz,
  actual_end timestamptz,
  traffic_sensitive boolean,
  ttro_required boolean,
  deemed boolean,
  collaborative boolean,
  collaboration_type text,
  permit_conditions text,
  source text,
  source_event text,
  event_time timestamptz,
  source_file text,
  programme text,
  utility_type text,
  method text,
  confidence text,
  unusable_reason text,
  geom geometry(Geometry, 27700)
);
CREATE INDEX IF NOT EXISTS works_staging_token ON digonce.works_staging (token);

CREATE TABLE IF NOT EXISTS digonce.publications (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org text NOT NULL REFERENCES digonce.organisations (org) ON UPDATE CASCADE,
  token uuid NOT NULL UNIQUE,
  published_by name NOT NULL DEFAULT session_user,
  published_at timestamptz NOT NULL DEFAULT now(),
  n_rows integer NOT NULL,
  n_private integer NOT NULL,
  n_shared integer NOT NULL,
  n_public integer NOT NULL,
  n_unusable integer NOT NULL,
  plugin_version text
);

RESET ROLE;

-- Which organisations the current role acts for: those whose role it is a member of.
CREATE OR REPLACE FUNCTION digonce.my_orgs() RETURNS text[]
LANGUAGE sql STABLE SECURITY INVOKER
SET search_path = pg_catalog, digonce, pg_temp
AS $fn$
  SELECT coalesce(array_agg(o.org ORDER BY o.org), '{}')
  FROM digonce.organisations o
  JOIN pg_catalog.pg_roles r ON r.rolname = o.role_name
  WHERE pg_catalog.pg_has_role(current_user, r.oid, 'MEMBER')
$fn$;
ALTER FUNCTION digonce.my_orgs() OWNER TO digonce_owner;

-- Row-level security on every table, for the owner too.
ALTER TABLE digonce.schema_version ENABLE ROW LEVEL SECURITY;
ALTER TABLE digonce.schema_version FORCE ROW LEVEL SECURITY;
ALTER TABLE digonce.organisations ENABLE ROW LEVEL SECURITY;
ALTER TABLE digonce.organisations FORCE ROW LEVEL SECURITY;
ALTER TABLE digonce.works ENABLE ROW LEVEL SECURITY;
ALTER TABLE digonce.works FORCE ROW LEVEL SECURITY;
ALTER TABLE digonce.works_staging ENABLE ROW LEVEL SECURITY;
ALTER TABLE digonce.works_staging FORCE ROW LEVEL SECURITY;
ALTER TABLE digonce.publications ENABLE ROW LEVEL SECURITY;
ALTER TABLE digonce.publications FORCE ROW LEVEL SECURITY;

REVOKE ALL ON ALL TABLES IN SCHEMA digonce FROM PUBLIC;

GRANT SELECT ON digonce.schema_version TO digonce_member, digonce_public, digonce_admin;
DROP POLICY IF EXISTS everyone_reads ON digonce.schema_version;
CREATE POLICY everyone_reads ON digonce.schema_version FOR SELECT
  TO digonce_member, digonce_public, digonce_admin USING (true);

GRANT SELECT ON digonce.organisations TO digonce_member;
GRANT UPDATE (name, contact) ON digonce.organisations TO digonce_member;
GRANT SELECT, INSERT, UPDATE, DELETE ON digonce.organisations TO digonce_admin;
DROP POLICY IF EXISTS members_read ON digonce.organisations;
CREATE POLICY members_read ON digonce.organisations FOR SELECT TO digonce_member USING (true);
DROP POLICY IF EXISTS member_updates_own ON digonce.organisations;
CREATE POLICY member_updates_own ON digonce.organisations FOR UPDATE TO digonce_member
  USING (org = ANY ((SELECT digonce.my_orgs())::text[])) WITH CHECK (org = ANY ((SELECT digonce.my_orgs())::text[]));
DROP POLICY IF EXISTS admin_manages ON digonce.organisations;
CREATE POLICY admin_manages ON digonce.organisations FOR ALL TO digonce_admin USING (true) WITH CHECK (true);
-- The public reader sees organisations' codes and names (for register_works), not contacts.
GRANT SELECT (org, name) ON digonce.organisations TO digonce_public;
DROP POLICY IF EXISTS public_reads_names ON digonce.organisations;
CREATE POLICY public_reads_names ON digonce.organisations FOR SELECT TO digonce_public USING (true);
DROP POLICY IF EXISTS matcher_reads ON digonce.organisations;
CREATE POLICY matcher_reads ON digonce.organisations FOR SELECT TO digonce_owner USING (true);

GRANT SELECT, INSERT, UPDATE, DELETE ON digonce.works TO digonce_member;
GRANT SELECT ON digonce.works TO digonce_public;
DROP POLICY IF EXISTS member_reads ON digonce.works;
CREATE POLICY member_reads ON digonce.works FOR SELECT TO digonce_member
  USING (org = ANY ((SELECT digonce.my_orgs())::text[]) OR visibility IN ('shared', 'public'));
DROP POLICY IF EXISTS public_reads ON digonce.works;
CREATE POLICY public_reads ON digonce.works FOR SELECT TO digonce_public USING (visibility = 'public');
DROP POLICY IF EXISTS member_inserts_own ON digonce.works;
CREATE POLICY member_inserts_own ON digonce.works FOR INSERT TO digonce_member
  WITH CHECK (org = ANY ((SELECT digonce.my_orgs())::text[]));
DROP POLICY IF EXISTS member_updates_own ON digonce.works;
CREATE POLICY member_updates_own ON digonce.works FOR UPDATE TO digonce_member
  USING (org = ANY ((SELECT digonce.my_orgs())::text[])) WITH CHECK (org = ANY ((SELECT digonce.my_orgs())::text[]));
DROP POLICY IF EXISTS member_deletes_own ON digonce.works;
CREATE POLICY member_deletes_own ON digonce.works FOR DELETE TO digonce_member
  USING (org = ANY ((SELECT digonce.my_orgs())::text[]));
-- The blind matcher (SECURITY DEFINER, owned by digonce_owner) reads every row; it returns only
-- coarse facts about rows the caller may not read. digonce_owner has no login and no members.
DROP POLICY IF EXISTS matcher_reads ON digonce.works;
CREATE POLICY matcher_reads ON digonce.works FOR SELECT TO digonce_owner USING (true);

GRANT SELECT, INSERT, DELETE ON digonce.works_staging TO digonce_member;
DROP POLICY IF EXISTS member_stages_own ON digonce.works_staging;
CREATE POLICY member_stages_own ON digonce.works_staging FOR ALL TO digonce_member
  USING (org = ANY ((SELECT digonce.my_orgs())::text[])) WITH CHECK (org = ANY ((SELECT digonce.my_orgs())::text[]));

GRANT SELECT, INSERT ON digonce.publications TO digonce_member;
DROP POLICY IF EXISTS member_reads_own ON digonce.publications;
CREATE POLICY member_reads_own ON digonce.publications FOR SELECT TO digonce_member
  USING (org = ANY ((SELECT digonce.my_orgs())::text[]));
DROP POLICY IF EXISTS member_logs_own ON digonce.publications;
CREATE POLICY member_logs_own ON digonce.publications FOR INSERT TO digonce_member
  WITH CHECK (org = ANY ((SELECT digonce.my_orgs())::text[]));

-- Views for QGIS layers: they run with the caller's rights (security_invoker), so the policies
-- above decide every row; security_barrier keeps a user's filter from running before them.
SET LOCAL ROLE digonce_owner;
CREATE OR REPLACE VIEW digonce.register_works WITH (security_invoker = true, security_barrier = true) AS
  SELECT w.id, w.org, o.name AS org_name, w.visibility, w.permit_ref, w.work_ref, w.promoter,
         w.highway_authority, w.street_name, w.usrn, w.category, w.work_status, w.permit_status,
         w.start_date, w.end_date, w.source, w.programme, w.utility_type, w.method, w.confidence,
         w.unusable_reason, w.updated_at, w.geom
  FROM digonce.works w JOIN digonce.organisations o ON o.org = w.org;
CREATE OR REPLACE VIEW digonce.my_works WITH (security_invoker = true, security_barrier = true) AS
  SELECT w.* FROM digonce.works w WHERE w.org = ANY ((SELECT digonce.my_orgs())::text[]);
CREATE OR REPLACE VIEW digonce.my_publications WITH (security_invoker = true, security_barrier = true) AS
  SELECT p.* FROM digonce.publications p;
RESET ROLE;
GRANT SELECT ON digonce.register_works, digonce.my_works, digonce.my_publications TO digonce_member;
GRANT SELECT ON digonce.register_works TO digonce_public;

-- Administration (run by an administrator with CREATEROLE): an organisation and its group role.
CREATE OR REPLACE FUNCTION digonce.add_organisation(p_org text, p_name text, p_contact text DEFAULT NULL)
RETURNS name
LANGUAGE plpgsql SECURITY INVOKER
SET search_path = pg_catalog, digonce, pg_temp
AS $fn$
DECLARE
  v_role name;
BEGIN
  IF p_org IS NULL OR p_org !~ '^[a-z][a-z0-9_]{0,39}$' THEN
    RAISE EXCEPTION 'organisation code % is not valid: use 1 to 40 lower-case letters, digits or _, starting with a letter', pg_catalog.quote_literal(coalesce(p_org, ''));
  END IF;
  v_role := 'digonce_org_' || p_org;
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = v_role) THEN
    EXECUTE pg_catalog.format('CREATE ROLE %I NOLOGIN', v_role);
  END IF;
  EXECUTE pg_catalog.format('GRANT digonce_member TO %I', v_role);
  INSERT INTO digonce.organisations (org, name, role_name, contact)
  VALUES (p_org, coalesce(p_name, p_org), v_role, p_contact)
  ON CONFLICT (org) DO UPDATE SET name = excluded.name, contact = excluded.contact;
  RETURN v_role;
END
$fn$;

CREATE OR REPLACE FUNCTION digonce.add_member(p_org text, p_login name)
RETURNS void
LANGUAGE plpgsql SECURITY INVOKER
SET search_path = pg_catalog, digonce, pg_temp
AS $fn$
DECLARE
  v_role name;
BEGIN
  SELECT role_name INTO v_role FROM digonce.organisations WHERE org = p_org;
  IF v_role IS NULL THEN
    RAISE EXCEPTION 'no organisation % in the register', pg_catalog.quote_literal(coalesce(p_org, ''));
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = p_login) THEN
    RAISE EXCEPTION 'no role % in this database cluster: create the login first', pg_catalog.quote_ident(coalesce(p_login, ''));
  END IF;
  EXECUTE pg_catalog.format('GRANT %I TO %I', v_role, p_login);
END
$fn$;
ALTER FUNCTION digonce.add_organisation(text, text, text) OWNER TO digonce_owner;
ALTER FUNCTION digonce.add_member(text, name) OWNER TO digonce_owner;
GRANT EXECUTE ON FUNCTION digonce.add_organisation(text, text, text), digonce.add_member(text, name) TO digonce_admin;
GRANT EXECUTE ON FUNCTION digonce.my_orgs() TO digonce_member, digonce_public, digonce_admin;

-- The organisation a caller acts for, decided by the login (session) role's memberships, so
-- that neither SET ROLE nor a crafted argument can borrow another organisation's identity.
CREATE OR REPLACE FUNCTION digonce.session_org(p_org text DEFAULT NULL) RETURNS text
LANGUAGE plpgsql STABLE SECURITY INVOKER
SET search_path = pg_catalog, digonce, pg_temp
AS $fn$
DECLARE
  v_orgs text[];
BEGIN
  SELECT coalesce(array_agg(o.org ORDER BY o.org), '{}') INTO v_orgs
  FROM digonce.organisations o JOIN pg_catalog.pg_roles r ON r.rolname = o.role_name
  WHERE pg_catalog.pg_has_role(session_user, r.oid, 'MEMBER');
  IF p_org IS NULL OR p_org = '' THEN
    IF cardinality(v_orgs) = 1 THEN
      RETURN v_orgs[1];
    ELSIF cardinality(v_orgs) = 0 THEN
      RAISE EXCEPTION 'role % is not a member of any organisation of the register: ask the register''s administrator to add it (digonce.add_member)', pg_catalog.quote_ident(session_user::text)
        USING ERRCODE = 'insufficient_privilege';
    ELSE
      RAISE EXCEPTION 'role % acts for several organisations (%): say which one', pg_catalog.quote_ident(session_user::text), pg_catalog.array_to_string(v_orgs, ', ');
    END IF;
  END IF;
  IF NOT p_org = ANY (v_orgs) THEN
    RAISE EXCEPTION 'role % is not a member of organisation %', pg_catalog.quote_ident(session_user::text), pg_catalog.quote_literal(p_org)
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN p_org;
END
$fn$;
ALTER FUNCTION digonce.session_org(text) OWNER TO digonce_owner;
GRANT EXECUTE ON FUNCTION digonce.session_org(text) TO digonce_member;

-- Publishing: the staged rows of one token replace all of the organisation's works, in the
-- transaction of this one call. p_expected guards against a batch lost on the way.
CREATE OR REPLACE FUNCTION digonce.commit_publication(
  p_token uuid, p_org text, p_expected integer, p_plugin_version text DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql SECURITY INVOKER
SET search_path = pg_catalog, digonce, pg_temp
AS $fn$
DECLARE
  v_org text := digonce.session_org(p_org);
  v_staged integer;
  v_pub bigint;
BEGIN
  -- One publication of an organisation at a time; other organisations are not held up.
  PERFORM pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('digonce.publish.' || v_org));
  SELECT count(*) INTO v_staged FROM digonce.works_staging WHERE token = p_token AND org = v_org;
  IF v_staged <> p_expected THEN
    RAISE EXCEPTION 'publication % of % holds % rows, % were sent: nothing was changed, publish again', p_token, v_org, v_staged, p_expected;
  END IF;
  INSERT INTO digonce.publications (org, token, n_rows, n_private, n_shared, n_public, n_unusable, plugin_version)
  SELECT v_org, p_token, count(*), count(*) FILTER (WHERE visibility = 'private'),
         count(*) FILTER (WHERE visibility = 'shared'), count(*) FILTER (WHERE visibility = 'public'),
         count(*) FILTER (WHERE unusable_reason IS NOT NULL), p_plugin_version
  FROM digonce.works_staging WHERE token = p_token AND org = v_org
  RETURNING id INTO v_pub;
  DELETE FROM digonce.works WHERE org = v_org;
  INSERT INTO digonce.works (
    org, visibility, permit_ref, work_ref, promoter, promoter_swa, highway_authority,
    highway_authority_swa, street_name, area_name, town, usrn, road_category, category, work_status,
    permit_status, tm_type, activity_type, location_types, start_date, end_date, start_time, end_time,
    actual_start, actual_end, traffic_sensitive, ttro_required, deemed, collaborative,
    collaboration_type, permit_conditions, source, source_event, event_time, source_file, programme,
    utility_type, method, confidence, unusable_reason, publication_id, geom)
  SELECT
    org, visibility, permit_ref, work_ref, promoter, promoter_swa, highway_authority,
    highway_authority_swa, street_name, area_name, town, usrn, road_category, category, work_status,
    permit_status, tm_type, activity_type, location_types, start_date, end_date, start_time, end_time,
    actual_start, actual_end, traffic_sensitive, ttro_required, deemed, collaborative,
    collaboration_type, permit_conditions, source, source_event, event_time, source_file, programme,
    utility_type, method, confidence, unusable_reason, v_pub, geom
  FROM digonce.works_staging WHERE token = p_token AND org = v_org;
  -- This token's rows, and those of publications that died more than a day ago.
  DELETE FROM digonce.works_staging
  WHERE org = v_org AND (token = p_token OR staged_at < now() - interval '1 day');
  RETURN v_pub;
END
$fn$;
ALTER FUNCTION digonce.commit_publication(uuid, text, integer, text) OWNER TO digonce_owner;
GRANT EXECUTE ON FUNCTION digonce.commit_publication(uuid, text, integer, text) TO digonce_member;

-- Blind matching. For the calling organisation's own works, every clash and dig-once
-- opportunity against ALL works of the register (private ones included), by the rules of
-- digonce:findworksoverlaps:
--   near: ST_DWithin(a, b, p_distance) (distance <= p_distance, inclusive), or with
--         p_same_street the same non-empty USRN;
--   clash: start_a <= end_b and start_b <= end_a (closed day windows);
--   opportunity: no overlap and later start - earlier end <= p_max_gap_days;
--   pairs of the same owner (promoter, case and spaces ignored; empty never equal) left out
--   unless p_include_same_owner; works whose permit status is in p_excluded_statuses, or that
--   were published as unusable, never take part. Pairs of two of the caller's works once.
-- For a partner work the caller may not read (another organisation's private work), only:
-- partner organisation and contact, USRN, street name, highway authority, the months of its
-- window, the kind and a distance class. Every other partner column is NULL.
DO $matcher$
DECLARE
  s text;
  body text := $body$
CREATE OR REPLACE FUNCTION digonce.find_matches(
  p_distance double precision DEFAULT 25,
  p_max_gap_days integer DEFAULT 90,
  p_same_street boolean DEFAULT false,
  p_include_same_owner boolean DEFAULT false,
  p_excluded_statuses text[] DEFAULT ARRAY['cancelled', 'refused', 'revoked'],
  p_org text DEFAULT NULL)
RETURNS TABLE (
  my_id bigint, my_ref text, my_promoter text, my_start date, my_end date, my_geom_wkb text,
  partner_org text, partner_org_name text, partner_contact text, partner_visible boolean,
  partner_usrn text, partner_street text, partner_borough text,
  partner_start_month text, partner_end_month text,
  kind text, distance_class text,
  partner_id bigint, partner_ref text, partner_promoter text, partner_visibility text,
  partner_start date, partner_end date, distance_m double precision, gap_days integer,
  overlap_days integer, line_wkb text)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, digonce, pg_temp
-- The planner's cost of this query passes jit_above_cost and JIT compiling took 4 s where the
-- query itself takes 80 ms (50k works, 2k plans): no JIT here.
SET jit = off
AS $fn$
#variable_conflict use_column
DECLARE
  v_org text := digonce.session_org(p_org);
  v_excluded text[];
BEGIN
  IF p_distance IS NULL OR NOT (p_distance >= 0 AND p_distance <= 500) THEN
    RAISE EXCEPTION 'distance must be a number of metres from 0 to 500, not %', p_distance;
  END IF;
  IF p_max_gap_days IS NULL OR p_max_gap_days < 0 OR p_max_gap_days > 3650 THEN
    RAISE EXCEPTION 'the largest gap must be 0 to 3650 days, not %', p_max_gap_days;
  END IF;
  SELECT coalesce(array_agg(k), '{}') INTO v_excluded
  FROM (SELECT nullif(lower(btrim(regexp_replace(x, '\s+', ' ', 'g'))), '') AS k
        FROM unnest(coalesce(p_excluded_statuses, '{}')) AS x) AS keys WHERE k IS NOT NULL;
  RETURN QUERY
  WITH mine AS MATERIALIZED (
    SELECT w.id, w.permit_ref, w.promoter, w.owner_key, w.usrn_key, w.start_date, w.end_date, w.geom
    FROM digonce.works w
    WHERE w.org = v_org AND w.unusable_reason IS NULL AND w.geom IS NOT NULL
      AND w.start_date IS NOT NULL AND w.end_date IS NOT NULL AND w.end_date >= w.start_date
      AND (w.status_key IS NULL OR NOT w.status_key = ANY (v_excluded))
  ),
  -- Candidate partners: within the distance (the GiST index), and with p_same_street those on
  -- the same street that are not within it (so no pair comes twice and nothing is re-read).
  near AS (
    SELECT a.id AS a_id, a.permit_ref AS a_ref, a.promoter AS a_promoter, a.owner_key AS a_owner,
           a.start_date AS a_start, a.end_date AS a_end, a.geom AS a_geom, b.*
    FROM mine a JOIN digonce.works b
      ON @postgis@.st_dwithin(a.geom, b.geom, p_distance)
    WHERE b.id <> a.id AND (b.org <> v_org OR a.id < b.id)
      AND b.start_date <= a.end_date + p_max_gap_days AND a.start_date <= b.end_date + p_max_gap_days
    UNION ALL
    SELECT a.id, a.permit_ref, a.promoter, a.owner_key, a.start_date, a.end_date, a.geom, b.*
    FROM mine a JOIN digonce.works b ON b.usrn_key = a.usrn_key
    WHERE p_same_street AND a.usrn_key IS NOT NULL
      AND b.id <> a.id AND (b.org <> v_org OR a.id < b.id)
      AND b.start_date <= a.end_date + p_max_gap_days AND a.start_date <= b.end_date + p_max_gap_days
      AND NOT @postgis@.st_dwithin(a.geom, b.geom, p_distance)
  ),
  pairs AS (
    SELECT n.*,
           (n.org = v_org OR n.visibility IN ('shared', 'public')) AS visible,
           @postgis@.st_distance(n.a_geom, n.geom) AS dist,
           greatest(n.a_start, n.start_date) AS later_start,
           least(n.a_end, n.end_date) AS earlier_end
    FROM near n
    WHERE n.unusable_reason IS NULL AND n.geom IS NOT NULL
      AND n.start_date IS NOT NULL AND n.end_date IS NOT NULL AND n.end_date >= n.start_date
      AND (n.status_key IS NULL OR NOT n.status_key = ANY (v_excluded))
      AND (p_include_same_owner OR n.a_owner IS NULL OR n.owner_key IS NULL OR n.a_owner <> n.owner_key)
  )
  SELECT p.a_id, p.a_ref, p.a_promoter, p.a_start, p.a_end,
         encode(@postgis@.st_asbinary(p.a_geom), 'hex'),
         p.org, o.name, o.contact, p.visible,
         p.usrn, p.street_name, p.highway_authority,
         to_char(p.start_date, 'YYYY-MM'), to_char(p.end_date, 'YYYY-MM'),
         CASE WHEN p.later_start <= p.earlier_end THEN 'clash' ELSE 'opportunity' END,
         CASE
           WHEN p.dist <= 5 THEN '<= 5 m' WHEN p.dist <= 10 THEN '<= 10 m'
           WHEN p.dist <= 25 THEN '<= 25 m' WHEN p.dist <= 50 THEN '<= 50 m'
           WHEN p.dist <= 100 THEN '<= 100 m' WHEN p.dist <= 250 THEN '<= 250 m'
           WHEN p.dist <= 500 THEN '<= 500 m' ELSE 'same street, > 500 m'
         END,
         CASE WHEN p.visible THEN p.id END,
         CASE WHEN p.visible THEN p.permit_ref END,
         CASE WHEN p.visible THEN p.promoter END,
         CASE WHEN p.visible THEN p.visibility END,
         CASE WHEN p.visible THEN p.start_date END,
         CASE WHEN p.visible THEN p.end_date END,
         CASE WHEN p.visible THEN p.dist END,
         CASE WHEN p.visible THEN greatest(p.later_start - p.earlier_end, 0) END,
         CASE WHEN p.visible THEN greatest(p.earlier_end - p.later_start + 1, 0) END,
         CASE WHEN p.visible THEN encode(@postgis@.st_asbinary(@postgis@.st_shortestline(p.a_geom, p.geom)), 'hex') END
  FROM pairs p JOIN digonce.organisations o ON o.org = p.org
  WHERE p.later_start <= p.earlier_end OR p.later_start - p.earlier_end <= p_max_gap_days
  ORDER BY p.a_ref, p.org, p.id;
END
$fn$;
$body$;
BEGIN
  SELECT pg_catalog.quote_ident(n.nspname) INTO s FROM pg_catalog.pg_extension e
    JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'postgis';
  EXECUTE pg_catalog.replace(body, '@postgis@', s);
END
$matcher$;
ALTER FUNCTION digonce.find_matches(double precision, integer, boolean, boolean, text[], text) OWNER TO digonce_owner;
REVOKE ALL ON FUNCTION digonce.find_matches(double precision, integer, boolean, boolean, text[], text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION digonce.find_matches(double precision, integer, boolean, boolean, text[], text) TO digonce_member;

-- No function of the register is anyone's to run but the roles granted above (a function is
-- executable by PUBLIC when made).
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA digonce FROM PUBLIC;

-- The administrator acted as the owner only for this migration.
DO $revoke$
BEGIN
  IF NOT (SELECT rolsuper FROM pg_catalog.pg_roles WHERE rolname = current_user) THEN
    EXECUTE pg_catalog.format('REVOKE digonce_owner FROM %I', current_user);
  END IF;
END
$revoke$;
