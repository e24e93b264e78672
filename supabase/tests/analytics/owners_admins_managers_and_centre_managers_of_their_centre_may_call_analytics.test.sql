-- Who may call the analytics RPCs: owners, admins and managers of the tenant (any centre),
-- centre managers for their own centre only (with centre_id), and service_role. Other staff
-- roles of the tenant get PT403 with a hint.
begin;
select plan(9);

-- SETUP
select tests.create_analytics_fixtures();

-- TEST: tenant-wide roles
select tests.authenticate_as('a_owner');
select is((select sum(appointments)::integer from public.appointments_by_status_and_period(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28')),
  6, 'an owner sees the tenant''s figures');
select tests.authenticate_as('a_admin');
select is((select sum(appointments)::integer from public.appointments_by_status_and_period(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28')),
  6, 'an admin sees them');
select tests.authenticate_as('a_manager');
select is((select sum(appointments)::integer from public.appointments_by_status_and_period(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28')),
  6, 'a manager sees them');

-- TEST: centre managers
select tests.authenticate_as('a_centre_manager');
select is((select appointments from public.no_show_and_cancellation_rates(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28',
                                                                         tests.tenancy_id('centre_a1')) where centre is null),
  5::bigint, 'a centre manager sees their own centre');
select throws_ok($$ select * from public.lead_time(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28') $$,
  'PT403', 'you may not see the analytics of this tenant or centre', 'a centre manager cannot see the whole tenant');
select throws_ok($$ select * from public.lead_time(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28', tests.tenancy_id('centre_a2')) $$,
  'PT403', 'you may not see the analytics of this tenant or centre', 'nor another centre');

-- TEST: other staff roles
select tests.authenticate_as('a_clinician');
select throws_ok($$ select * from public.top_clinicians(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28') $$,
  'PT403', 'you may not see the analytics of this tenant or centre', 'a clinician is refused');
select tests.authenticate_as('a_front_desk');
select throws_ok($$ select * from public.revenue_by_period(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28') $$,
  'PT403', 'you may not see the analytics of this tenant or centre', 'front desk is refused');

-- TEST: service_role
select tests.authenticate_as_service_role();
select is((select count(*)::integer from public.new_vs_returning_patients(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28')),
  2, 'service_role (server-side) may call them for any tenant');

select * from finish();
rollback;
