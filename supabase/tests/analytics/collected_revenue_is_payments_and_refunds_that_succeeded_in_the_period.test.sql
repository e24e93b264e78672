-- collected_revenue: per period (tenant time zone), centre, clinician and currency, the payments
-- that succeeded in the period, the refunds that succeeded in the period, and net = collected -
-- refunded. Open, failed and earlier payments and unfinished refunds do not count; a refund counts
-- in its own period.
begin;
select plan(4);

-- SETUP: tenant_a (London, UTC in winter)
select tests.create_analytics_fixtures();
select tests.insert_analytics_payment('cr_0', 'an_0', 50, 'succeeded', timestamptz '2025-12-15 10:30Z');  -- before the window
select tests.insert_analytics_payment('cr_1', 'an_1', 50, 'succeeded', timestamptz '2026-01-05 10:30Z');
select tests.insert_analytics_payment('cr_2', 'an_2', 100, 'succeeded', timestamptz '2026-02-01 00:30Z');
select tests.insert_analytics_payment('cr_3', 'an_6', 50, 'succeeded', timestamptz '2026-02-10 10:30Z');
select tests.insert_analytics_payment('cr_4', 'an_5', 35, 'failed');
select tests.insert_analytics_refund('cr_r1', 'cr_1', 20, 'succeeded', timestamptz '2026-02-02 09:00Z');
select tests.insert_analytics_refund('cr_r2', 'cr_2', 100, 'requested', timestamptz '2026-02-03 09:00Z');
select tests.insert_analytics_refund('cr_r0', 'cr_0', 10, 'succeeded', timestamptz '2026-01-20 09:00Z');
select tests.authenticate_as('a_owner');

-- TEST: per month
select results_eq(
  $$ select period_start, centre, clinician_id, currency, payments, collected, refunds, refunded, net
     from public.collected_revenue(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28') $$,
  $$ select * from (values
       (date '2026-01-01', tests.tenancy_id('centre_a1'), tests.tenancy_id('clinician_a'), 'GBP', 1::bigint, 50.00, 1::bigint, 10.000, 40.000),
       (date '2026-02-01', tests.tenancy_id('centre_a1'), tests.tenancy_id('clinician_a'), 'GBP', 1::bigint, 100.00, 1::bigint, 20.000, 80.000),
       (date '2026-02-01', tests.tenancy_id('centre_a2'), tests.tenancy_id('clinician_a_2'), 'GBP', 1::bigint, 50.00, 0::bigint, 0, 50.00)) as v
     order by 1, 2, 3 $$,
  'January: 50 in, 10 back (of December''s payment); February: 100 in and 20 back at centre_a1, 50 in at centre_a2; the failed payment and the requested refund do not count');

-- TEST: per week, one centre
select results_eq(
  $$ select period_start, payments, collected, refunds, refunded, net
     from public.collected_revenue(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28', 'week', tests.tenancy_id('centre_a1')) $$,
  $$ values (date '2026-01-05', 1::bigint, 50.00, 0::bigint, 0::numeric, 50.00),
            (date '2026-01-19', 0::bigint, 0::numeric, 1::bigint, 10.000, -10.000),
            (date '2026-01-26', 1::bigint, 100.00, 0::bigint, 0::numeric, 100.00),
            (date '2026-02-02', 0::bigint, 0::numeric, 1::bigint, 20.000, -20.000) $$,
  'per ISO week at centre_a1: a refund counts in its own week, net can be negative');

-- TEST: periods in the tenant's time zone (tenant_b, New York)
reset role;
select tests.insert_analytics_payment('cr_b1', 'an_b1', 60, 'succeeded', timestamptz '2026-02-01 03:00Z');
select tests.authenticate_as('b_owner');
select results_eq(
  $$ select period_start, currency, collected from public.collected_revenue(tests.tenancy_id('tenant_b'), '2026-01-01', '2026-02-28') $$,
  $$ select date '2026-01-01', s.currency::text, 60.00 from public.services as s where s.id = tests.tenancy_id('appt_b_checkup') $$,
  '2026-02-01 03:00 UTC is still January in New York');

-- TEST: nothing moved
select is_empty(
  $$ select * from public.collected_revenue(tests.tenancy_id('tenant_b'), '2025-01-01', '2025-01-31') $$,
  'no rows where no money moved');

select * from finish();
rollback;
