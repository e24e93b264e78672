-- tenants x update, every role: owners and admins change their own tenant's settings; everyone
-- else changes zero rows (RLS hides the row), anon has no UPDATE grant (42501), staff of another
-- tenant change nothing, and is_active is for service_role only (column grant, 42501).
begin;
select plan(14);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: anon, the owners and admins
select tests.clear_authentication();
select throws_ok($$ update public.tenants set name = 'Hacked' where id = tests.tenancy_id('tenant_a') $$,
  '42501', 'permission denied for table tenants', 'anon cannot update tenants');
reset role;
select tests.authenticate_as('a_owner');
select results_eq($$ update public.tenants set name = 'Alpha Clinics Ltd', min_booking_notice = '4 hours' where id = tests.tenancy_id('tenant_a') returning name::text $$,
  $$ values ('Alpha Clinics Ltd') $$, 'an owner updates their tenant''s settings');
reset role;
select tests.authenticate_as('a_admin');
select results_eq($$ update public.tenants set cancellation_window = '12 hours' where id = tests.tenancy_id('tenant_a') returning cancellation_window $$,
  $$ values ('12 hours'::interval) $$, 'an admin updates their tenant''s settings');
reset role;

-- TEST: everyone else changes zero rows
select is(
  tests.attempt_as(m.who, format($$ update public.tenants set name = %L where id = tests.tenancy_id(%L) returning 1 $$, m.name, m.tenant)),
  '0 rows',
  m.description)
from (values
  ('patient', 'Hacked', 'tenant_a', 'a patient updates no tenant'),
  ('a_manager', 'X', 'tenant_a', 'a manager updates no tenant'),
  ('a_centre_manager', 'X', 'tenant_a', 'a centre manager updates no tenant'),
  ('a_clinician', 'X', 'tenant_a', 'a clinician updates no tenant'),
  ('a_care_coordinator', 'X', 'tenant_a', 'a care coordinator updates no tenant'),
  ('a_front_desk', 'X', 'tenant_a', 'front desk updates no tenant'),
  ('b_owner', 'X', 'tenant_a', 'the owner of another tenant updates nothing in tenant_a'),
  ('c_owner', 'X', 'tenant_c', 'the owner of an inactive tenant cannot change it (read-only)')
) as m(who, name, tenant, description);

-- TEST: is_active is for service_role only
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
