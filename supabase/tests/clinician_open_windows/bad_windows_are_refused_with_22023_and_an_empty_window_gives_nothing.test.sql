-- private.clinician_open_windows refuses a null argument, an unbounded window and a window longer
-- than 366 days with 22023, a message and a hint; an empty window has no open time.
begin;
select plan(5);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.create_availability_fixtures();

-- TEST
select is(
  tests.error_of($$ select * from private.clinician_open_windows(tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), null) $$),
  array['22023', 'clinician_open_windows needs a tenant, a clinician, a centre and a window',
        'Pass all four arguments; the window as a bounded tstzrange, e.g. tstzrange(''2026-03-23 00:00Z'', ''2026-03-30 00:00Z'').'],
  'a null window: 22023 with message and hint');
select is(
  tests.error_of($$ select * from private.clinician_open_windows(tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), tstzrange('2026-06-01 00:00Z', null)) $$),
  array['22023', 'the window ["2026-06-01 00:00:00+00",) is unbounded', 'Give both a start and an end instant (at most 366 days apart).'],
  'an unbounded window: 22023 with message and hint');
select is(
  (tests.error_of($$ select * from private.clinician_open_windows(tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), tstzrange('2026-01-01 00:00Z', '2027-01-03 00:00Z')) $$))[1:1]
    || (tests.error_of($$ select * from private.clinician_open_windows(tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), tstzrange('2026-01-01 00:00Z', '2027-01-03 00:00Z')) $$))[3:3],
  array['22023', 'Ask for availability in windows of at most 366 days (slot search asks for days or weeks).'],
  'a window longer than 366 days: 22023 with a hint');
select lives_ok(
  $$ select * from private.clinician_open_windows(tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), tstzrange('2026-01-01 00:00Z', '2027-01-02 00:00Z')) $$,
  'a window of exactly 366 days is accepted');
select is_empty(
  $$ select * from private.clinician_open_windows(tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), 'empty'::tstzrange) $$,
  'an empty window has no open time');

select * from finish();
rollback;
