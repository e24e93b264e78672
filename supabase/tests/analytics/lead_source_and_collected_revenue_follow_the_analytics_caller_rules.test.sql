-- patients_by_lead_source and collected_revenue follow the rules of every analytics RPC:
-- owners, admins, managers; centre managers for their centre with centre_id; service_role;
-- PT403 for other staff, another tenant's owner and patients; 42501 for anon; 22023 for bad
-- input. Their private implementation refuses a direct call by someone the guard refuses.
begin;
select plan(14);

-- SETUP
select tests.create_analytics_fixtures();

-- TEST: allowed
select tests.authenticate_as('a_admin');
select lives_ok($$ select * from public.patients_by_lead_source(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28') $$,
  'an admin may read the lead source report');
select tests.authenticate_as('a_manager');
select lives_ok($$ select * from public.collected_revenue(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28') $$,
  'a manager may read the collected revenue');
select tests.authenticate_as('a_centre_manager');
select lives_ok($$ select * from public.patients_by_lead_source(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28', tests.tenancy_id('centre_a1')) $$,
  'a centre manager may read their centre''s lead sources');
select lives_ok($$ select * from public.collected_revenue(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28', 'month', tests.tenancy_id('centre_a1')) $$,
  'and their centre''s collected revenue');
select tests.authenticate_as_service_role();
select is((select sum(new_patients)::integer from public.patients_by_lead_source(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28')),
  2, 'service_role may call them for any tenant');

-- TEST: refused
select tests.authenticate_as('a_centre_manager');
select throws_ok($$ select * from public.collected_revenue(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28') $$,
  'PT403', 'you may not see the analytics of this tenant or centre', 'a centre manager cannot see the whole tenant''s money');
select throws_ok($$ select * from public.patients_by_lead_source(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28', tests.tenancy_id('centre_a2')) $$,
  'PT403', 'you may not see the analytics of this tenant or centre', 'nor another centre''s lead sources');
select tests.authenticate_as('a_front_desk');
select throws_ok($$ select * from public.collected_revenue(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28') $$,
  'PT403', 'you may not see the analytics of this tenant or centre', 'front desk is refused');
select tests.authenticate_as('b_owner');
select throws_ok($$ select * from public.patients_by_lead_source(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28') $$,
  'PT403', 'you may not see the analytics of this tenant or centre', 'another tenant''s owner is refused');
select tests.authenticate_as('patient');
select throws_ok($$ select * from public.collected_revenue(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28') $$,
  'PT403', 'you may not see the analytics of this tenant or centre', 'a patient is refused');
select tests.clear_authentication();
select throws_ok($$ select * from public.patients_by_lead_source(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28') $$,
  '42501', null, 'anon cannot execute them');

-- TEST: bad input
select tests.authenticate_as('a_owner');
select throws_ok($$ select * from public.collected_revenue(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-01-31', 'quarter') $$,
  '22023', 'unknown period ''quarter''', 'an unknown period');
select throws_ok($$ select * from public.patients_by_lead_source(tests.tenancy_id('tenant_a'), '2025-01-01', '2026-01-02') $$,
  '22023', 'the window 2025-01-01 to 2026-01-02 is longer than 366 days', 'a window over 366 days');

-- TEST: the private implementation checks the caller itself
select tests.authenticate_as('b_owner');
select throws_ok($$ select * from private.patients_by_lead_source(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28', null) $$,
  'PT403', 'you may not see the analytics of this tenant or centre', 'calling private.patients_by_lead_source directly does not skip the check');

select * from finish();
rollback;
