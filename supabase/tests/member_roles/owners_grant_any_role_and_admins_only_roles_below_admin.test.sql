-- member_roles x insert, every role: owners grant any role; admins grant roles other than owner and
-- admin; every other role, patients and other tenants get 42501 (RLS); anon has no grant.
begin;
select plan(15);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: each caller grants one role; permitted grants are kept
select is(
  tests.attempt_as(m.who, format(
    $$ insert into public.member_roles (tenant_id, member_id, role, centre_id) values (tests.tenancy_id('tenant_a'), tests.tenancy_id(%L), %L, tests.tenancy_id(%L)) $$,
    m.member, m.role, m.centre)),
  m.expected,
  m.description)
from (values
  ('anon', 'a_clinician.member', 'front_desk', null, '42501: permission denied for table member_roles', 'anon cannot grant roles'),
  ('patient', 'a_clinician.member', 'front_desk', null, '42501: new row violates row-level security policy for table "member_roles"', 'a patient cannot grant roles'),
  ('a_owner', 'a_clinician.member', 'front_desk', null, '1 row', 'an owner grants a role below admin'),
  ('a_owner', 'a_clinician_2.member', 'admin', null, '1 row', 'an owner grants admin'),
  ('a_admin', 'a_clinician.member', 'care_coordinator', null, '1 row', 'an admin grants a role below admin'),
  ('a_admin', 'a_front_desk.member', 'admin', null, '42501: new row violates row-level security policy for table "member_roles"', 'an admin cannot grant admin'),
  ('a_admin', 'a_front_desk.member', 'owner', null, '42501: new row violates row-level security policy for table "member_roles"', 'an admin cannot grant owner'),
  ('a_manager', 'a_care_coordinator.member', 'front_desk', null, '42501: new row violates row-level security policy for table "member_roles"', 'a manager cannot grant roles in tenant_a'),
  ('a_centre_manager', 'a_care_coordinator.member', 'front_desk', null, '42501: new row violates row-level security policy for table "member_roles"', 'a centre manager cannot grant roles in tenant_a'),
  ('a_clinician', 'a_care_coordinator.member', 'front_desk', null, '42501: new row violates row-level security policy for table "member_roles"', 'a clinician cannot grant roles in tenant_a'),
  ('a_care_coordinator', 'a_care_coordinator.member', 'front_desk', null, '42501: new row violates row-level security policy for table "member_roles"', 'a care coordinator cannot grant roles in tenant_a'),
  ('a_front_desk', 'a_care_coordinator.member', 'front_desk', null, '42501: new row violates row-level security policy for table "member_roles"', 'front desk cannot grant roles in tenant_a'),
  ('b_owner', 'a_care_coordinator.member', 'front_desk', null, '42501: new row violates row-level security policy for table "member_roles"', 'the owner of another tenant cannot grant roles in tenant_a'),
  ('service_role', 'a_front_desk.member', 'clinician', 'centre_a1', '1 row', 'service_role grants a role')
) as m(who, member, role, centre, expected, description);

select is((select granted_by from public.member_roles where member_id = tests.tenancy_id('a_clinician.member') and role = 'front_desk'), tests.get_supabase_uid('a_owner'), 'granted_by is the granting user');

select * from finish();
rollback;
