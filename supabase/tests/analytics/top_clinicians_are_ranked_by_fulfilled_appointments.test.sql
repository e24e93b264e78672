-- top_clinicians: ranked by fulfilled appointments, ties by fulfilled minutes; limit_count caps
-- the list.
begin;
select plan(2);

-- SETUP
select tests.create_analytics_fixtures();
select tests.authenticate_as('a_owner');

-- TEST: the ranking
select results_eq(
  $$ select rank, clinician_name, fulfilled_appointments, fulfilled_minutes, no_shows
     from public.top_clinicians(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28') $$,
  $$ values (1::bigint, 'Dr Ada Alpha', 2::bigint, 60.00, 0::bigint),
            (2::bigint, 'Dr Una Listed', 1::bigint, 30.00, 0::bigint),
            (3::bigint, 'Dr Vi Siting', 1::bigint, 20.00, 1::bigint) $$,
  'clinician_a first with 2; the 30-minute visit ranks above the 20-minute one');

-- TEST: limit_count
select results_eq(
  $$ select clinician_id from public.top_clinicians(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28', limit_count => 1) $$,
  $$ values (tests.tenancy_id('clinician_a')) $$,
  'limit_count => 1 gives the top clinician only');

select * from finish();
rollback;
