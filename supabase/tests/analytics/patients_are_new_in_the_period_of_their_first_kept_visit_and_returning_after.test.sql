-- new_vs_returning_patients: a patient is new in the period of their first kept appointment
-- (booked, arrived, checked_in, fulfilled) at the tenant, at any centre and even before the
-- window, and returning afterwards; cancelled, no-show and entered_in_error visits do not count.
begin;
select plan(2);

-- SETUP
select tests.create_analytics_fixtures();
select tests.authenticate_as('a_owner');

-- TEST: per month
select results_eq(
  $$ select period_start, new_patients, returning_patients
     from public.new_vs_returning_patients(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28') $$,
  $$ values (date '2026-01-01', 1::bigint, 1::bigint), (date '2026-02-01', 1::bigint, 1::bigint) $$,
  'January: patient_a returns (seen in December), patient_a_2 is new; February: patient_a_2 returns, the walk-in is new (their cancelled scan does not count)');

-- TEST: one window period
select results_eq(
  $$ select new_patients, returning_patients
     from public.new_vs_returning_patients(tests.tenancy_id('tenant_a'), '2026-02-01', '2026-02-28', tests.tenancy_id('centre_a2')) $$,
  $$ values (1::bigint, 0::bigint) $$,
  'February at centre_a2: only the walk-in, new');

select * from finish();
rollback;
