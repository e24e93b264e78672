-- lead_time: hours between created_at and starts_at of the appointments that held time
-- (cancelled and entered_in_error left out), median and average, per centre and in total.
begin;
select plan(2);

-- SETUP
select tests.create_analytics_fixtures();
select tests.authenticate_as('a_owner');

-- TEST: per centre and in total
select set_eq(
  $$ select centre, appointments, median_hours, average_hours
     from public.lead_time(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28') $$,
  $$ values (tests.tenancy_id('centre_a1'), 4::bigint, 60.00, 66.00),
            (tests.tenancy_id('centre_a2'), 1::bigint, 12.00, 12.00),
            (null::uuid, 5::bigint, 48.00, 55.20) $$,
  'centre_a1: 24, 48, 72, 120 hours (median 60, average 66); centre_a2: 12; total median 48, average 55.2');

-- TEST: one centre
select results_eq(
  $$ select centre, appointments, median_hours from public.lead_time(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-01-31',
                                                                    tests.tenancy_id('centre_a1')) $$,
  $$ values (tests.tenancy_id('centre_a1'), 3::bigint, 48.00), (null::uuid, 3::bigint, 48.00) $$,
  'January at centre_a1: 24, 48, 72 hours, median 48');

select * from finish();
rollback;
