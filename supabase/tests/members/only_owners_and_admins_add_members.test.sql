-- members x insert, every role: owners and admins add members to their tenant; every other role,
-- patients and another tenant's owner get 42501 (RLS); anon has no grant.
begin;
select plan(12);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.create_supabase_user(u) from unnest(array['new_1', 'new_2', 'new_3', 'new_x']) as u;

-- TEST: each caller adds one user to tenant A; permitted additions are kept
select is(tests.attempt_as(m.who, format($$ insert into public.members (tenant_id, user_id, display_name) values (tests.tenancy_id('tenant_a'), tests.get_supabase_uid(%L), 'New person') $$, m.person)), m.expected, m.description)
from (values
  ('anon', 'new_x', '42501: permission denied for table members', 'anon cannot add members'),
  ('patient', 'new_x', '42501: new row violates row-level security policy for table "members"', 'a patient cannot add members'),
  ('a_owner', 'new_1', '1 row', 'an owner adds a member'),
  ('a_admin', 'new_2', '1 row', 'an admin adds a member'),
  ('a_manager', 'new_x', '42501: new row violates row-level security policy for table "members"', 'a manager cannot add members to tenant_a'),
  ('a_centre_manager', 'new_x', '42501: new row violates row-level security policy for table "members"', 'a centre manager cannot add members to tenant_a'),
  ('a_clinician', 'new_x', '42501: new row violates row-level security policy for table "members"', 'a clinician cannot add members to tenant_a'),
  ('a_care_coordinator', 'new_x', '42501: new row violates row-level security policy for table "members"', 'a care coordinator cannot add members to tenant_a'),
  ('a_front_desk', 'new_x', '42501: new row violates row-level security policy for table "members"', 'front desk cannot add members to tenant_a'),
  ('b_owner', 'new_x', '42501: new row violates row-level security policy for table "members"', 'the owner of another tenant cannot add members to tenant_a'),
  ('service_role', 'new_3', '1 row', 'service_role adds a member')
) as m(who, person, expected, description);

-- TEST: deactivated_at is not the caller's to set
select tests.authenticate_as('a_owner');
select throws_ok($$ insert into public.members (tenant_id, user_id, display_name, deactivated_at) values (tests.tenancy_id('tenant_a'), tests.get_supabase_uid('new_x'), 'X', now()) $$, '42501', 'permission denied for table members', 'deactivated_at is not client-writable');
reset role;

select * from finish();
rollback;
