-- member_roles x update, every role: nobody updates a role grant (no UPDATE grant: 42501), so a
-- front-desk grant can never be turned into an owner grant; change a role by deleting and granting.
begin;
select plan(11);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: every caller, service_role too
select is(
  tests.attempt_as(m.who, $$ update public.member_roles set role = 'owner' where member_id = tests.tenancy_id('a_front_desk.member') $$),
  m.expected,
  m.description)
from (values
  ('anon', '42501: permission denied for table member_roles', 'anon cannot update roles'),
  ('patient', '42501: permission denied for table member_roles', 'a patient cannot update a role (no grant)'),
  ('a_owner', '42501: permission denied for table member_roles', 'an owner cannot update a role (no grant)'),
  ('a_admin', '42501: permission denied for table member_roles', 'an admin cannot update a role (no grant)'),
  ('a_manager', '42501: permission denied for table member_roles', 'a manager cannot update a role (no grant)'),
  ('a_centre_manager', '42501: permission denied for table member_roles', 'a centre manager cannot update a role (no grant)'),
  ('a_clinician', '42501: permission denied for table member_roles', 'a clinician cannot update a role (no grant)'),
  ('a_care_coordinator', '42501: permission denied for table member_roles', 'a care coordinator cannot update a role (no grant)'),
  ('a_front_desk', '42501: permission denied for table member_roles', 'front desk cannot update a role (no grant)'),
  ('b_owner', '42501: permission denied for table member_roles', 'the owner of another tenant cannot update a role (no grant)'),
  ('service_role', '42501: permission denied for table member_roles', 'not even service_role updates a role: delete and grant instead')
) as m(who, expected, description);

select * from finish();
rollback;
