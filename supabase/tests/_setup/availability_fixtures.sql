-- supabase/tests/_setup/availability_fixtures.sql — availability rows on top of the
-- tenancy cast (tenancy_fixtures.sql), in schema `tests`.
--
-- Applied by the test runner AS postgres, committed; creates NO data when applied. A test calls
-- `select tests.create_tenancy_fixtures(); select tests.create_availability_fixtures();` after
-- `begin`; the final `rollback` removes everything. Ids come from tests.tenancy_id(name):
--
--   rule_a      clinician_a   (a_clinician, tenant-wide) at centre_a1   Mon-Fri 09:00-17:00 London
--   rule_a_2    clinician_a_2 (a_clinician_2, centre_a2)  at centre_a2  Mon, Wed 10:00-16:00 London
--   rule_b      clinician_b   (b_clinician)               at centre_b1  Mon-Fri 08:00-12:00 New York
--   override_a, override_a_2, override_b   extra hours on Saturday 2026-06-06
--   time_off_a, time_off_a_2, time_off_b   one afternoon each
--   holiday_a (tenant A, all centres), holiday_a1 (centre_a1), holiday_a2 (centre_a2), holiday_b
--
-- "Own" and "colleague" in the access tests: a_clinician owns the *_a rows, the *_a_2 rows are a
-- colleague's (and vice versa). a_centre_manager manages centre_a1, where clinician_a works.

create schema if not exists tests;
grant usage on schema tests to anon, authenticated, service_role;

create or replace function tests.create_availability_fixtures()
returns void
language plpgsql
set search_path = ''
as $$
begin
  insert into public.availability_rules (tenant_id, id, clinician_id, centre_id, timezone, local_start, local_end, rrule, valid_from) values
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('rule_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
     'Europe/London', '09:00', '17:00', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', date '2026-01-05'),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('rule_a_2'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a2'),
     'Europe/London', '10:00', '16:00', 'FREQ=WEEKLY;BYDAY=MO,WE', date '2026-01-05'),
    (tests.tenancy_id('tenant_b'), tests.tenancy_id('rule_b'), tests.tenancy_id('clinician_b'), tests.tenancy_id('centre_b1'),
     'America/New_York', '08:00', '12:00', 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', date '2026-01-05');

  insert into public.availability_overrides (tenant_id, id, clinician_id, centre_id, local_date, local_start, local_end) values
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('override_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
     date '2026-06-06', '10:00', '13:00'),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('override_a_2'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a2'),
     date '2026-06-06', '10:00', '13:00'),
    (tests.tenancy_id('tenant_b'), tests.tenancy_id('override_b'), tests.tenancy_id('clinician_b'), tests.tenancy_id('centre_b1'),
     date '2026-06-06', '10:00', '13:00');

  insert into public.time_off (tenant_id, id, clinician_id, during, reason) values
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('time_off_a'), tests.tenancy_id('clinician_a'),
     tstzrange('2026-06-09 12:00Z', '2026-06-09 16:00Z'), 'Dentist'),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('time_off_a_2'), tests.tenancy_id('clinician_a_2'),
     tstzrange('2026-06-10 12:00Z', '2026-06-10 15:00Z'), 'Training'),
    (tests.tenancy_id('tenant_b'), tests.tenancy_id('time_off_b'), tests.tenancy_id('clinician_b'),
     tstzrange('2026-06-09 13:00Z', '2026-06-09 16:00Z'), 'Conference');

  insert into public.holidays (tenant_id, id, centre_id, local_date, name) values
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('holiday_a'), null, date '2026-12-25', 'Christmas Day'),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('holiday_a1'), tests.tenancy_id('centre_a1'), date '2026-07-01', 'Central refurbishment'),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('holiday_a2'), tests.tenancy_id('centre_a2'), date '2026-07-02', 'North staff training'),
    (tests.tenancy_id('tenant_b'), tests.tenancy_id('holiday_b'), null, date '2026-07-03', 'Independence Day (observed)');
end
$$;
comment on function tests.create_availability_fixtures() is
  'pgTAP fixtures: availability rules, overrides, time off and holidays for the tenancy cast (see supabase/tests/_setup/availability_fixtures.sql). Call as postgres after tests.create_tenancy_fixtures().';

-- A centre in a given zone with one clinician assigned, for DST tests: returns nothing; ids are
-- tests.tenancy_id(centre) and tests.tenancy_id(clinician).
create or replace function tests.create_availability_site(tenant text, centre text, clinician text, zone text)
returns void
language plpgsql
set search_path = ''
as $$
begin
  insert into public.centres (tenant_id, id, name, slug, timezone, is_active, is_published)
  values (tests.tenancy_id(tenant), tests.tenancy_id(centre), centre, pg_catalog.replace(centre, '_', '-'), zone, true, true);
  insert into public.clinicians (tenant_id, id, display_name, is_public, is_active)
  values (tests.tenancy_id(tenant), tests.tenancy_id(clinician), clinician, true, true);
  insert into public.clinician_centres (tenant_id, clinician_id, centre_id)
  values (tests.tenancy_id(tenant), tests.tenancy_id(clinician), tests.tenancy_id(centre));
end
$$;
comment on function tests.create_availability_site(text, text, text, text) is
  'pgTAP fixtures: a published centre in time zone `zone` with one public clinician assigned to it, in fixture tenant `tenant` (ids tests.tenancy_id(centre), tests.tenancy_id(clinician)).';

-- The open windows of a fixture clinician at a fixture centre, as text '[start,end)' in UTC
-- (ISO, 'Z'), for readable exact assertions independent of the session time zone.
create or replace function tests.open_windows_utc(tenant text, clinician text, centre text, from_instant timestamptz, to_instant timestamptz)
returns setof text
language plpgsql
stable
set search_path = ''
as $$
-- plpgsql (body resolved at call time): this file is applied before tenancy_fixtures.sql.
begin
  return query
  select '[' || pg_catalog.to_char(pg_catalog.lower(w) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"')
      || ',' || pg_catalog.to_char(pg_catalog.upper(w) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"') || ')'
  from private.clinician_open_windows(tests.tenancy_id(tenant), tests.tenancy_id(clinician), tests.tenancy_id(centre),
                                      pg_catalog.tstzrange(from_instant, to_instant)) as w;
end
$$;
comment on function tests.open_windows_utc(text, text, text, timestamptz, timestamptz) is
  'pgTAP fixtures: private.clinician_open_windows for fixture names, each window as text [yyyy-mm-ddThh:miZ,yyyy-mm-ddThh:miZ) in UTC, ascending.';

-- Who reads the availability tables (rules, extra hours, time off, holidays): one rule for all
-- four, so one matrix. Every staff role of the tenant reads all of its rows, patients and signed-in
-- strangers none of any tenant, another tenant's owner only their own, service_role every row.
-- `rows` is the WHERE clause of the probe; `noun` names the table in the descriptions; the counts
-- are what tests.create_availability_fixtures() puts in the table for tenant A and tenant B.
create or replace function tests.availability_reader_matrix(noun text, tenant_a_rows integer, tenant_b_rows integer)
returns table (who text, rows text, expected text, description text)
language sql
immutable
set search_path = ''
as $$
  select m.who, m.rows,
         m.n_rows::text || case when m.n_rows = 1 then ' row' else ' rows' end,
         pg_catalog.replace(m.description, '%s', noun)
  from (values
    (1, 'a_owner', $w$tenant_id = tests.tenancy_id('tenant_a')$w$, tenant_a_rows, 'the owner reads every row of tenant A''s %s'),
    (2, 'a_admin', $w$tenant_id = tests.tenancy_id('tenant_a')$w$, tenant_a_rows, 'an admin reads every row of tenant A''s %s'),
    (3, 'a_manager', $w$tenant_id = tests.tenancy_id('tenant_a')$w$, tenant_a_rows, 'a manager reads every row of tenant A''s %s'),
    (4, 'a_centre_manager', $w$tenant_id = tests.tenancy_id('tenant_a')$w$, tenant_a_rows, 'the centre manager of centre_a1 reads every row of tenant A''s %s'),
    (5, 'a_clinician', $w$tenant_id = tests.tenancy_id('tenant_a')$w$, tenant_a_rows, 'clinician_a (a_clinician) reads every row of tenant A''s %s'),
    (6, 'a_clinician_2', $w$tenant_id = tests.tenancy_id('tenant_a')$w$, tenant_a_rows, 'clinician_a_2 (a_clinician_2) reads every row of tenant A''s %s'),
    (7, 'a_care_coordinator', $w$tenant_id = tests.tenancy_id('tenant_a')$w$, tenant_a_rows, 'a care coordinator reads every row of tenant A''s %s'),
    (8, 'a_front_desk', $w$tenant_id = tests.tenancy_id('tenant_a')$w$, tenant_a_rows, 'the front desk reads every row of tenant A''s %s'),
    (9, 'patient', 'true', 0, 'a patient of tenant A reads no %s of any tenant'),
    (10, 'outsider', 'true', 0, 'a signed-in user with no role reads no %s of any tenant'),
    (11, 'b_owner', $w$tenant_id = tests.tenancy_id('tenant_a')$w$, 0, 'the owner of tenant B reads none of tenant A''s %s'),
    (12, 'b_owner', $w$tenant_id = tests.tenancy_id('tenant_b')$w$, tenant_b_rows, 'the owner of tenant B reads their own tenant''s %s'),
    (13, 'service_role', $w$tenant_id = any (tests.tenancy_tenant_ids())$w$, tenant_a_rows + tenant_b_rows, 'service_role reads every row')
  ) as m(n, who, rows, n_rows, description)
  order by m.n
$$;
comment on function tests.availability_reader_matrix(text, integer, integer) is
  'pgTAP matrix: who reads an availability table (rules, extra hours, time off, holidays) and how many rows, as (who, rows = WHERE clause, expected, description) for tests.outcome_as.';

revoke execute on function tests.create_availability_fixtures() from public;
revoke execute on function tests.create_availability_site(text, text, text, text) from public;
revoke execute on function tests.open_windows_utc(text, text, text, timestamptz, timestamptz) from public;
revoke execute on function tests.availability_reader_matrix(text, integer, integer) from public;
grant execute on function tests.create_availability_fixtures() to anon, authenticated, service_role;
grant execute on function tests.create_availability_site(text, text, text, text) to anon, authenticated, service_role;
grant execute on function tests.open_windows_utc(text, text, text, timestamptz, timestamptz) to anon, authenticated, service_role;
grant execute on function tests.availability_reader_matrix(text, integer, integer) to anon, authenticated, service_role;
