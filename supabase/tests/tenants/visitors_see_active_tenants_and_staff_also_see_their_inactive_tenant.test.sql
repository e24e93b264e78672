-- tenants x select, every role: anon and signed-in users see active tenants; staff also see
-- their own tenant when it is inactive; service_role sees everything.
begin;
select plan(13);

-- SETUP: tenant_a, tenant_b active; tenant_c inactive (owner c_owner)
select tests.create_tenancy_fixtures();

-- TEST: one assertion per role
select tests.clear_authentication();
select results_eq($$ select slug::text from public.tenants where slug like 'fixture-%' order by slug $$,
  $$ values ('fixture-alpha-clinics'), ('fixture-beta-health') $$, 'anon sees the active tenants only');
reset role;
select tests.authenticate_as('patient');
select results_eq($$ select slug::text from public.tenants where slug like 'fixture-%' order by slug $$,
  $$ values ('fixture-alpha-clinics'), ('fixture-beta-health') $$, 'a patient sees the active tenants only');
reset role;
select tests.authenticate_as('outsider');
select results_eq($$ select slug::text from public.tenants where slug like 'fixture-%' order by slug $$,
  $$ values ('fixture-alpha-clinics'), ('fixture-beta-health') $$, 'a signed-in user with no ties sees the active tenants only');
reset role;
select tests.authenticate_as('a_owner');
select results_eq($$ select slug::text from public.tenants where slug like 'fixture-%' order by slug $$,
  $$ values ('fixture-alpha-clinics'), ('fixture-beta-health') $$, 'an owner sees the active tenants');
reset role;
select tests.authenticate_as('a_admin');
select results_eq($$ select count(*) from public.tenants where slug like 'fixture-%' $$, $$ values (2::bigint) $$, 'an admin sees the active tenants');
reset role;
select tests.authenticate_as('a_manager');
select results_eq($$ select count(*) from public.tenants where slug like 'fixture-%' $$, $$ values (2::bigint) $$, 'a manager sees the active tenants');
reset role;
select tests.authenticate_as('a_centre_manager');
select results_eq($$ select count(*) from public.tenants where slug like 'fixture-%' $$, $$ values (2::bigint) $$, 'a centre manager sees the active tenants');
reset role;
select tests.authenticate_as('a_clinician');
select results_eq($$ select count(*) from public.tenants where slug like 'fixture-%' $$, $$ values (2::bigint) $$, 'a clinician sees the active tenants');
reset role;
select tests.authenticate_as('a_care_coordinator');
select results_eq($$ select count(*) from public.tenants where slug like 'fixture-%' $$, $$ values (2::bigint) $$, 'a care coordinator sees the active tenants');
reset role;
select tests.authenticate_as('a_front_desk');
select results_eq($$ select count(*) from public.tenants where slug like 'fixture-%' $$, $$ values (2::bigint) $$, 'front desk sees the active tenants');
reset role;
select tests.authenticate_as('c_owner');
select results_eq($$ select slug::text from public.tenants where slug like 'fixture-%' order by slug $$,
  $$ values ('fixture-alpha-clinics'), ('fixture-beta-health'), ('fixture-gamma-care') $$,
  'staff of an inactive tenant still see it (and other tenants'' staff do not)');
reset role;
select tests.authenticate_as('b_owner');
select results_eq($$ select count(*) from public.tenants where slug = 'fixture-gamma-care' $$, $$ values (0::bigint) $$,
  'staff of another tenant do not see an inactive tenant');
reset role;
select tests.authenticate_as_service_role();
select results_eq($$ select count(*) from public.tenants where slug like 'fixture-%' $$, $$ values (3::bigint) $$, 'service_role sees every tenant');
reset role;

select * from finish();
rollback;
