-- private.clinician_open_windows: stable, security definer, search_path pinned, commented;
-- EXECUTE for anon, authenticated and service_role (slot search and booking), not PUBLIC. As a
-- definer it answers a patient who can read none of the availability tables - with time ranges only.
begin;
select plan(5);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.create_availability_fixtures();

-- TEST
select ok(
  (select p.prosecdef and p.provolatile = 's' and 'search_path=""' = any (p.proconfig)
          and pg_catalog.obj_description(p.oid, 'pg_proc') is not null
     from pg_catalog.pg_proc as p
    where p.oid = 'private.clinician_open_windows(uuid, uuid, uuid, tstzrange)'::regprocedure),
  'clinician_open_windows is stable, security definer, pins search_path and is commented');
select is(
  (select array_agg(r order by r) from unnest(array['anon', 'authenticated', 'service_role']) as r
    where pg_catalog.has_function_privilege(r, 'private.clinician_open_windows(uuid, uuid, uuid, tstzrange)', 'EXECUTE')),
  array['anon', 'authenticated', 'service_role'],
  'anon, authenticated and service_role hold EXECUTE');
select is(
  pg_catalog.pg_get_function_result('private.clinician_open_windows(uuid, uuid, uuid, tstzrange)'::regprocedure),
  'SETOF tstzrange', 'it returns time ranges only');

select tests.authenticate_as('patient');
select is((select count(*)::integer from public.availability_rules), 0, 'the patient reads no availability rule');
select results_eq(
  $$ select * from tests.open_windows_utc('tenant_a', 'clinician_a', 'centre_a1', '2026-06-08 00:00Z', '2026-06-09 00:00Z') $$,
  $$ values ('[2026-06-08T08:00Z,2026-06-08T16:00Z)') $$,
  'yet the function gives the patient clinician_a''s open time on Monday 8 June');

select * from finish();
rollback;
