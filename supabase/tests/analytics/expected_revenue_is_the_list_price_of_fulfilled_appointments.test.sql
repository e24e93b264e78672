-- revenue_by_period: EXPECTED revenue (payments come later) = services.price, or the
-- clinician's price_override, of the fulfilled appointments, per period, centre and clinician.
begin;
select plan(2);

-- SETUP
select tests.create_analytics_fixtures();
select tests.authenticate_as('a_manager');

-- TEST: per month
select results_eq(
  $$ select period_start, centre, clinician_id, currency, fulfilled_appointments, expected_revenue
     from public.revenue_by_period(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28') $$,
  $$ select * from (values
       (date '2026-01-01', tests.tenancy_id('centre_a1'), tests.tenancy_id('clinician_a'), 'GBP', 2::bigint, 150.00),
       (date '2026-02-01', tests.tenancy_id('centre_a1'), tests.tenancy_id('clinician_a_visiting'), 'GBP', 1::bigint, 35.00),
       (date '2026-02-01', tests.tenancy_id('centre_a2'), tests.tenancy_id('clinician_a_2'), 'GBP', 1::bigint, 50.00)) as v
     order by 1, 2, 3 $$,
  'January 50 + 100 for clinician_a; February the video at the 35 override and a 50 check-up (no-shows and cancellations earn nothing)');

-- TEST: per day at one centre
select results_eq(
  $$ select period_start, expected_revenue from public.revenue_by_period(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28',
                                                                         tests.tenancy_id('centre_a2'), 'day') $$,
  $$ values (date '2026-02-10', 50.00) $$,
  'per day for centre_a2');

select * from finish();
rollback;
