-- tenants x insert/delete, every role: no API role except service_role may insert or delete a
-- tenant (no grant: 42501); tenants are created with public.create_tenant() and retired with
-- is_active = false.
begin;
select plan(22);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: insert
select is(
  tests.attempt_as(m.who, format($$ insert into public.tenants (name, slug, timezone, currency, locale) values (%L, %L, 'UTC', 'GBP', 'en') $$, m.name, m.slug)),
  m.expected,
  m.description)
from (values
  ('anon', 'X', 'x-anon', '42501: permission denied for table tenants', 'anon cannot insert a tenant'),
  ('patient', 'X', 'x-patient', '42501: permission denied for table tenants', 'a patient cannot insert a tenant'),
  ('a_owner', 'X', 'x-owner', '42501: permission denied for table tenants', 'an owner cannot insert a tenant directly'),
  ('a_admin', 'X', 'x-admin', '42501: permission denied for table tenants', 'an admin cannot insert a tenant'),
  ('a_manager', 'X', 'x-m', '42501: permission denied for table tenants', 'a manager cannot insert a tenant'),
  ('a_centre_manager', 'X', 'x-cm', '42501: permission denied for table tenants', 'a centre manager cannot insert a tenant'),
  ('a_clinician', 'X', 'x-c', '42501: permission denied for table tenants', 'a clinician cannot insert a tenant'),
  ('a_care_coordinator', 'X', 'x-cc', '42501: permission denied for table tenants', 'a care coordinator cannot insert a tenant'),
  ('a_front_desk', 'X', 'x-fd', '42501: permission denied for table tenants', 'front desk cannot insert a tenant'),
  ('b_owner', 'X', 'x-b', '42501: permission denied for table tenants', 'staff of another tenant cannot insert a tenant'),
  ('service_role', 'Ops Clinic', 'x-service', '1 row', 'service_role inserts a tenant (platform operations)')
) as m(who, name, slug, expected, description);

-- TEST: delete
select is(
  tests.attempt_as(m.who, $$ delete from public.tenants where id = tests.tenancy_id('tenant_a') $$),
  m.expected,
  m.description)
from (values
  ('anon', '42501: permission denied for table tenants', 'anon cannot delete a tenant'),
  ('patient', '42501: permission denied for table tenants', 'a patient cannot delete a tenant'),
  ('a_owner', '42501: permission denied for table tenants', 'an owner cannot delete their tenant'),
  ('a_admin', '42501: permission denied for table tenants', 'an admin cannot delete their tenant'),
  ('a_manager', '42501: permission denied for table tenants', 'a manager cannot delete a tenant'),
  ('a_centre_manager', '42501: permission denied for table tenants', 'a centre manager cannot delete a tenant'),
  ('a_clinician', '42501: permission denied for table tenants', 'a clinician cannot delete a tenant'),
  ('a_care_coordinator', '42501: permission denied for table tenants', 'a care coordinator cannot delete a tenant'),
  ('a_front_desk', '42501: permission denied for table tenants', 'front desk cannot delete a tenant'),
  ('b_owner', '42501: permission denied for table tenants', 'staff of another tenant cannot delete a tenant')
) as m(who, expected, description);

select tests.authenticate_as_service_role();
select results_eq($$ delete from public.tenants where slug = 'x-service' returning slug::text $$, $$ values ('x-service') $$,
  'service_role deletes a tenant that has no data');
reset role;

select * from finish();
rollback;
