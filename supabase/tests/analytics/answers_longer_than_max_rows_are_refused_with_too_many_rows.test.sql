-- PostgREST returns at most max_rows (1000) rows and answers 200 with the first 1,000 of a longer
-- result. Every analytics RPC whose answer can grow past it (periods x statuses, centres,
-- clinicians, currencies) refuses such an answer with 22023, reason too_many_rows (detail) and a
-- hint to narrow the request; nothing is cut. The limit is one function, private.api_max_rows():
-- here it is lowered inside the test transaction so the small fixture history crosses it.
-- Bounded by design, and so never refused: top_clinicians (limit_count <= 100),
-- new_vs_returning_patients (one row per period, at most 366).
begin;
select plan(12);

-- SETUP: the fixture history (tenant_a: 7 counted appointments on 6 days of January-February 2026)
select tests.create_analytics_fixtures();
create temporary table sizes as
select 'appointments_by_status_and_period' as rpc,
       (select count(*)::integer from public.appointments_by_status_and_period(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28', period => 'day')) as day_rows,
       (select count(*)::integer from public.appointments_by_status_and_period(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28', period => 'month')) as month_rows;
create function pg_temp.error_of(statement text) returns jsonb language sql as $$
  select tests.error_details_of(statement) - 'message' $$;
grant execute on function pg_temp.error_of(text) to authenticated;
grant select on sizes to authenticated;

-- the limit, lowered for this transaction to the rows of the answer by month
do $do$ begin
  execute format('create or replace function private.api_max_rows() returns integer language sql immutable set search_path = %L as %L',
                 '', 'select ' || (select month_rows from sizes));
end $do$;
select tests.authenticate_as('a_owner');

-- TEST: a day per row is refused, a month per row is answered
select cmp_ok((select day_rows from sizes), '>', (select month_rows from sizes), 'by day the history has more rows than by month (the lowered limit)');
select is(pg_temp.error_of($$ select * from public.appointments_by_status_and_period(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28', period => 'day') $$),
  jsonb_build_object('code', '22023', 'detail', 'too_many_rows',
    'hint', 'Ask for longer periods (week or month), a shorter window or one centre (centre_id): a day per row over a year is more than one request returns.'),
  'appointments by day: 22023 too_many_rows with a hint, not a cut answer');
select throws_ok($$ select * from public.appointments_by_status_and_period(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28', period => 'day') $$,
  '22023', format('the answer has %s rows, more than the %s one request can return', (select day_rows from sizes), (select month_rows from sizes)),
  'the message says how many rows the answer has and what one request returns');
select is((select count(*)::integer from public.appointments_by_status_and_period(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28', period => 'month')),
  (select month_rows from sizes), 'by month the answer fits (exactly the limit) and is returned whole');

-- TEST: every report that can grow refuses past the limit
reset role;
create or replace function private.api_max_rows() returns integer language sql immutable set search_path = '' as $$ select 0 $$;
select tests.authenticate_as('a_owner');
select is(pg_temp.error_of($$ select * from public.utilisation(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28') $$) ->> 'detail', 'too_many_rows', 'utilisation');
select is(pg_temp.error_of($$ select * from public.no_show_and_cancellation_rates(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28') $$) ->> 'detail', 'too_many_rows', 'no-show and cancellation rates');
select is(pg_temp.error_of($$ select * from public.lead_time(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28') $$) ->> 'detail', 'too_many_rows', 'lead time');
select is(pg_temp.error_of($$ select * from public.revenue_by_period(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28') $$) ->> 'detail', 'too_many_rows', 'expected revenue');
select is(pg_temp.error_of($$ select * from public.patients_by_lead_source(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28') $$) ->> 'detail', 'too_many_rows', 'patients by lead source');
select is(pg_temp.error_of($$ select * from public.collected_revenue(tests.tenancy_id('tenant_a'), '2025-01-01', '2025-12-31') $$), null,
  'collected revenue with no money moved: no rows, nothing to refuse');

-- TEST: bounded by design
select lives_ok($$ select * from public.top_clinicians(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28') $$,
  'top_clinicians is bounded by limit_count (at most 100)');
select lives_ok($$ select * from public.new_vs_returning_patients(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28', period => 'day') $$,
  'new_vs_returning_patients is bounded by the periods of 366 days');

select * from finish();
rollback;
