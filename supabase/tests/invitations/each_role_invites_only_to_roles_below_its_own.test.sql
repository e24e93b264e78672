-- invitations x insert, every role: owners invite to any role, admins to roles other than owner and
-- admin, managers to roles below manager; everyone else 42501 (RLS); anon has no grant.
begin;
select plan(14);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: each caller invites one person to one role; permitted invitations are kept
select is(tests.attempt_as(m.who, format($$ insert into public.invitations (tenant_id, email, role) values (tests.tenancy_id('tenant_a'), %L, %L) $$, m.email, m.role)), m.expected, m.description)
from (values
  ('anon', 'x@alpha.test', 'front_desk', '42501: permission denied for table invitations', 'anon cannot invite'),
  ('patient', 'x@alpha.test', 'front_desk', '42501: new row violates row-level security policy for table "invitations"', 'a patient cannot invite'),
  ('a_owner', 'o1@alpha.test', 'owner', '1 row', 'an owner invites a co-owner'),
  ('a_admin', 'a1@alpha.test', 'clinician', '1 row', 'an admin invites a clinician'),
  ('a_admin', 'a2@alpha.test', 'admin', '42501: new row violates row-level security policy for table "invitations"', 'an admin cannot invite an admin'),
  ('a_manager', 'm1@alpha.test', 'front_desk', '1 row', 'a manager invites front desk'),
  ('a_manager', 'm2@alpha.test', 'manager', '42501: new row violates row-level security policy for table "invitations"', 'a manager cannot invite a manager'),
  ('a_centre_manager', 'x@alpha.test', 'front_desk', '42501: new row violates row-level security policy for table "invitations"', 'a centre manager cannot invite to tenant_a'),
  ('a_clinician', 'x@alpha.test', 'front_desk', '42501: new row violates row-level security policy for table "invitations"', 'a clinician cannot invite to tenant_a'),
  ('a_care_coordinator', 'x@alpha.test', 'front_desk', '42501: new row violates row-level security policy for table "invitations"', 'a care coordinator cannot invite to tenant_a'),
  ('a_front_desk', 'x@alpha.test', 'front_desk', '42501: new row violates row-level security policy for table "invitations"', 'front desk cannot invite to tenant_a'),
  ('b_owner', 'x@alpha.test', 'front_desk', '42501: new row violates row-level security policy for table "invitations"', 'the owner of another tenant cannot invite to tenant_a'),
  ('service_role', 's1@alpha.test', 'care_coordinator', '1 row', 'service_role sends an invitation')
) as m(who, email, role, expected, description);

select is((select invited_by from public.invitations where email = 'a1@alpha.test'), tests.get_supabase_uid('a_admin'), 'invited_by is the inviting user');

select * from finish();
rollback;
