-- no_show_and_cancellation_rates: per centre and a total row (centre null);
-- cancellation_rate = cancelled / appointments, no_show_rate = no-shows / (appointments -
-- cancelled); pending and entered_in_error do not count; an empty window still has its total.
begin;
select plan(3);

-- SETUP
select tests.create_analytics_fixtures();
select tests.authenticate_as('a_admin');

-- TEST: per centre and in total
select set_eq(
  $$ select centre, appointments, fulfilled, cancelled, late_cancellations, no_shows, cancellation_rate, no_show_rate
     from public.no_show_and_cancellation_rates(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28') $$,
  $$ values (tests.tenancy_id('centre_a1'), 5::bigint, 3::bigint, 1::bigint, 1::bigint, 1::bigint, 0.2000, 0.2500),
            (tests.tenancy_id('centre_a2'), 1::bigint, 1::bigint, 0::bigint, 0::bigint, 0::bigint, 0.0000, 0.0000),
            (null::uuid, 6::bigint, 4::bigint, 1::bigint, 1::bigint, 1::bigint, 0.1667, 0.2000) $$,
  'centre_a1 5 appointments (1 cancelled late, 1 no-show), centre_a2 1, total 6: 1/6 cancelled, 1/5 no-shows');

-- TEST: the total row comes last
select is(
  (select centre from public.no_show_and_cancellation_rates(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28') offset 2 limit 1),
  null::uuid,
  'the total row is the last one');

-- TEST: an empty window
select results_eq(
  $$ select centre, appointments, cancellation_rate, no_show_rate
     from public.no_show_and_cancellation_rates(tests.tenancy_id('tenant_a'), '2025-01-01', '2025-01-31') $$,
  $$ values (null::uuid, 0::bigint, null::numeric, null::numeric) $$,
  'a window without appointments gives one total row with no rates');

select * from finish();
rollback;
