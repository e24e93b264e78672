-- The analytics RPCs reject bad input with 22023 and a hint: a missing tenant or date, to_date
-- before from_date, a window over 366 days, an unknown period, a limit_count out of range.
begin;
select plan(7);

-- SETUP
select tests.create_analytics_fixtures();
select tests.authenticate_as('a_owner');

-- TEST
select throws_ok($$ select * from public.lead_time(null, '2026-01-01', '2026-01-31') $$,
  '22023', 'analytics need a tenant, a from date and a to date', 'a missing tenant');
select throws_ok($$ select * from public.lead_time(tests.tenancy_id('tenant_a'), '2026-01-01', null) $$,
  '22023', 'analytics need a tenant, a from date and a to date', 'a missing date');
select throws_ok($$ select * from public.utilisation(tests.tenancy_id('tenant_a'), '2026-02-01', '2026-01-31') $$,
  '22023', 'to_date 2026-01-31 is before from_date 2026-02-01', 'to_date before from_date');
select throws_ok($$ select * from public.revenue_by_period(tests.tenancy_id('tenant_a'), '2025-01-01', '2026-01-02') $$,
  '22023', 'the window 2025-01-01 to 2026-01-02 is longer than 366 days', '367 days');
select lives_ok($$ select * from public.revenue_by_period(tests.tenancy_id('tenant_a'), '2025-01-01', '2026-01-01') $$,
  '366 days are allowed');
select throws_ok($$ select * from public.appointments_by_status_and_period(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-01-31', period => 'year') $$,
  '22023', 'unknown period ''year''', 'an unknown period');
select throws_ok($$ select * from public.top_clinicians(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-01-31', limit_count => 0) $$,
  '22023', 'limit_count 0 is out of range', 'limit_count out of range');

select * from finish();
rollback;
