-- appointments_by_status_and_period counts the appointments starting in the window per period
-- (month, ISO week from Monday, day; in the tenant's time zone) and status, leaves out
-- entered_in_error and what lies outside the window, and narrows to one centre on request.
begin;
select plan(4);

-- SETUP
select tests.create_analytics_fixtures();
select tests.authenticate_as('a_owner');

-- TEST: per month
select results_eq(
  $$ select period_start, status::text, appointments
     from public.appointments_by_status_and_period(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28', period => 'month') $$,
  $$ values (date '2026-01-01', 'fulfilled', 2::bigint), (date '2026-01-01', 'cancelled', 1::bigint),
            (date '2026-01-01', 'noshow', 1::bigint), (date '2026-02-01', 'fulfilled', 2::bigint) $$,
  'per month: January 2 fulfilled, 1 cancelled, 1 no-show; February 2 fulfilled (entered_in_error and December left out)');

-- TEST: per ISO week (the default)
select results_eq(
  $$ select period_start, status::text, appointments
     from public.appointments_by_status_and_period(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28') $$,
  $$ values (date '2026-01-05', 'fulfilled', 2::bigint), (date '2026-01-05', 'noshow', 1::bigint),
            (date '2026-01-12', 'cancelled', 1::bigint), (date '2026-02-02', 'fulfilled', 1::bigint),
            (date '2026-02-09', 'fulfilled', 1::bigint) $$,
  'per week, weeks starting on Monday');

-- TEST: per day, one centre
select results_eq(
  $$ select period_start, status::text, appointments
     from public.appointments_by_status_and_period(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28',
                                                   tests.tenancy_id('centre_a2'), 'day') $$,
  $$ values (date '2026-02-10', 'fulfilled', 1::bigint) $$,
  'per day for centre_a2: only its one appointment');

-- TEST: periods follow the tenant's time zone (tenant_b: New York)
reset role;
select tests.insert_appointment('an_b2', 'appt_b_checkup', 'clinician_b', 'patient_b', timestamptz '2026-02-01 03:00Z', 'fulfilled',
                                'tenant_b', 'centre_b1');
select tests.authenticate_as('b_owner');
select results_eq(
  $$ select period_start, status::text, appointments
     from public.appointments_by_status_and_period(tests.tenancy_id('tenant_b'), '2026-01-01', '2026-02-28', period => 'month') $$,
  $$ values (date '2026-01-01', 'fulfilled', 2::bigint) $$,
  '2026-02-01 03:00 UTC is still January 31st in New York');

select * from finish();
rollback;
