-- tenants x update, every role: owners and admins change their own tenant's settings; everyone
-- else changes zero rows (RLS hides the row), anon has no UPDATE grant (42501), staff of another
-- tenant change nothing, and is_active is for service_role only (column grant, 42501).
begin;
select plan(14);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select tests.clear_authentication();
select throws_ok($$ update public.tenants set name = 'Hacked' where id = tests.tenancy_id('tenant_a') $$,
  '42501', 'permission denied for table tenants', 'anon cannot update tenants');
reset role;
select tests.authenticate_as('patient');
select is_empty($$ update public.tenants set name = 'Hacked' where id = tests.tenancy_id('tenant_a') returning 1 $$, 'a patient updates no tenant');
reset role;
select tests.authenticate_as('a_owner');
select results_eq($$ update public.tenants set name = 'Alpha Clinics Ltd', min_booking_notice = '4 hours' where id = tests.tenancy_id('tenant_a') returning name::text $$,
  $$ values ('Alpha Clinics Ltd') $$, 'an owner updates their tenant''s settings');
reset role;
select tests.authenticate_as('a_admin');
select results_eq($$ update public.tenants set cancellation_window = '12 hours' where id = tests.tenancy_id('tenant_a') returning cancellation_window $$,
  $$ values ('12 hours'::interval) $$, 'an admin updates their tenant''s settings');
reset role;
select tests.authenticate_as('a_manager');
select is_empty($$ update public.tenants set name = 'X' where id = tests.tenancy_id('tenant_a') returning 1 $$, 'a manager updates no tenant');
reset role;
select tests.authenticate_as('a_centre_manager');
select is_empty($$ update public.tenants set name = 'X' where id = tests.tenancy_id('tenant_a') returning 1 $$, 'a centre manager updates no tenant');
reset role;
select tests.authenticate_as('a_clinician');
select is_empty($$ update public.tenants set name = 'X' where id = tests.tenancy_id('tenant_a') returning 1 $$, 'a clinician updates no tenant');
reset role;
select tests.authenticate_as('a_care_coordinator');
select is_empty($$ update public.tenants set name = 'X' where id = tests.tenancy_id('tenant_a') returning 1 $$, 'a care coordinator updates no tenant');
reset role;
select tests.authenticate_as('a_front_desk');
select is_empty($$ update public.tenants set name = 'X' where id = tests.tenancy_id('tenant_a') returning 1 $$, 'front desk updates no tenant');
reset role;
select tests.authenticate_as('b_owner');
select is_empty($$ update public.tenants set name = 'X' where id = tests.tenancy_id('tenant_a') returning 1 $$, 'the owner of another tenant updates nothing in tenant_a');
reset role;
select tests.authenticate_as('c_owner');
select is_empty($$ update public.tenants set name = 'X' where id = tests.tenancy_id('tenant_c') returning 1 $$, 'the owner of an inactive tenant cannot change it (read-only)');
reset role;
select tests.authenticate_as('a_owner');
select throws_ok($$ update public.tenants set is_active = false where id = tests.tenancy_id('tenant_a') $$,
  '42501', 'permission denied for table tenants', 'an owner cannot change is_active (service_role only)');
reset role;
select tests.authenticate_as_service_role();
select results_eq($$ update public.tenants set is_active = false where id = tests.tenancy_id('tenant_b') returning is_active $$,
  $$ values (false) $$, 'service_role deactivates a tenant');
reset role;
select is((select name::text from public.tenants where id = tests.tenancy_id('tenant_a')), 'Alpha Clinics Ltd', 'only the permitted updates took effect');

select * from finish();
rollback;
