-- private.clinician_open_windows: stable, security definer, search_path pinned, commented. Only
-- slot search and booking (security definer functions themselves) call it, so no API role holds
-- EXECUTE: called directly, it would give anyone the open hours of any clinician, hidden ones
-- included. Slot search keeps working for everyone through public.search_slots.
begin;
select plan(6);

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
  null,
  'no API role holds EXECUTE');
select is(
  pg_catalog.pg_get_function_result('private.clinician_open_windows(uuid, uuid, uuid, tstzrange)'::regprocedure),
  'SETOF tstzrange', 'it returns time ranges only');

select tests.authenticate_as('patient');
select throws_ok(
  $$ select * from private.clinician_open_windows(tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a2'),
                                                  tstzrange('2026-06-08 00:00Z', '2026-06-09 00:00Z')) $$,
  '42501', 'permission denied for function clinician_open_windows',
  'a signed-in patient cannot ask for the hours of a clinician who is not listed');
select tests.clear_authentication();
select throws_ok(
  $$ select * from private.clinician_open_windows(tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
                                                  tstzrange('2026-06-08 00:00Z', '2026-06-09 00:00Z')) $$,
  '42501', 'permission denied for function clinician_open_windows',
  'nor can a visitor');
reset role;
select results_eq(
  $$ select * from tests.open_windows_utc('tenant_a', 'clinician_a', 'centre_a1', '2026-06-08 00:00Z', '2026-06-09 00:00Z') $$,
  $$ values ('[2026-06-08T08:00Z,2026-06-08T16:00Z)') $$,
  'the definer callers (here the test owner) still get clinician_a''s open time on Monday 8 June');

select * from finish();
rollback;
