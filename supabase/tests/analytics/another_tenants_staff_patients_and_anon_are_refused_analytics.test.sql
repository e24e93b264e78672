-- Analytics are tenant-scoped: the owner of another tenant, a patient (even of this tenant) and
-- a user without membership get PT403; anon cannot execute the RPCs at all (42501).
begin;
select plan(6);

-- SETUP
select tests.create_analytics_fixtures();

-- TEST: another tenant's owner
select tests.authenticate_as('b_owner');
select throws_ok($$ select * from public.appointments_by_status_and_period(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28') $$,
  'PT403', 'you may not see the analytics of this tenant or centre', 'the owner of tenant_b cannot read tenant_a''s figures');
select throws_ok($$ select * from public.utilisation(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28', tests.tenancy_id('centre_a1')) $$,
  'PT403', 'you may not see the analytics of this tenant or centre', 'not even naming one of its centres');

-- TEST: patients and outsiders
select tests.authenticate_as('patient');
select throws_ok($$ select * from public.no_show_and_cancellation_rates(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28') $$,
  'PT403', 'you may not see the analytics of this tenant or centre', 'a patient is refused');
select tests.authenticate_as('outsider');
select throws_ok($$ select * from public.new_vs_returning_patients(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28') $$,
  'PT403', 'you may not see the analytics of this tenant or centre', 'a signed-in user without membership is refused');

-- TEST: anon
select tests.clear_authentication();
select throws_ok($$ select * from public.top_clinicians(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28') $$,
  '42501', null, 'anon cannot execute the analytics RPCs');
select throws_ok($$ select * from public.lead_time(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28') $$,
  '42501', null, 'anon cannot execute lead_time either');

select * from finish();
rollback;
