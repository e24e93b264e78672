-- Called directly (as postgres; GoTrue's own call is in the vitest suite): the hook returns
-- {"claims": <every input claim> + slotbase}, slotbase listing active memberships of active
-- tenants (tenant-wide roles and centre-scoped roles) and the tenants where the user is a patient.
begin;
select plan(7);

-- SETUP: two active tenants and an inactive one, a centre, a staff user with three roles (one
-- centre-scoped) plus a membership of the inactive tenant, a deactivated member, a patient of two
-- tenants, a user with nothing
insert into public.tenants (id, name, slug, timezone, currency, locale, is_active) values
  ('c1000000-0000-4000-8000-000000000001', 'Hook One', 'hook-one', 'Europe/London', 'GBP', 'en-GB', true),
  ('c1000000-0000-4000-8000-000000000002', 'Hook Two', 'hook-two', 'Europe/London', 'GBP', 'en-GB', true),
  ('c1000000-0000-4000-8000-000000000003', 'Hook Off', 'hook-off', 'Europe/London', 'GBP', 'en-GB', false);
insert into public.centres (tenant_id, id, name, slug, timezone)
values ('c1000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-0000000000c1', 'Hook Centre', 'hook-centre', 'Europe/London');
select tests.create_supabase_user('hook_staff', 'staff@hook.test');
select tests.create_supabase_user('hook_former', 'former@hook.test');
select tests.create_supabase_user('hook_patient', phone => '+15550100501');
select tests.create_supabase_user('hook_nobody', 'nobody@hook.test');
insert into public.members (tenant_id, id, user_id, display_name, is_active) values
  ('c1000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-0000000000e1', tests.get_supabase_uid('hook_staff'), 'Staff', true),
  ('c1000000-0000-4000-8000-000000000003', 'c1000000-0000-4000-8000-0000000000e2', tests.get_supabase_uid('hook_staff'), 'Staff', true),
  ('c1000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-0000000000e3', tests.get_supabase_uid('hook_former'), 'Former', false);
insert into public.member_roles (tenant_id, member_id, role, centre_id) values
  ('c1000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-0000000000e1', 'manager', null),
  ('c1000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-0000000000e1', 'clinician', null),
  ('c1000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-0000000000e1', 'centre_manager', 'c1000000-0000-4000-8000-0000000000c1'),
  ('c1000000-0000-4000-8000-000000000003', 'c1000000-0000-4000-8000-0000000000e2', 'owner', null),
  ('c1000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-0000000000e3', 'admin', null);
insert into public.patients (tenant_id, user_id, full_name) values
  ('c1000000-0000-4000-8000-000000000001', tests.get_supabase_uid('hook_patient'), 'Hook Patient'),
  ('c1000000-0000-4000-8000-000000000002', tests.get_supabase_uid('hook_patient'), 'Hook Patient'),
  ('c1000000-0000-4000-8000-000000000003', tests.get_supabase_uid('hook_patient'), 'Hook Patient');

-- GoTrue's input claims for each user (one session each), then the hook's output
create temporary table hook_input on commit drop as
select u.identifier, tests._access_token_claims(u.identifier) as claims
from (values ('hook_staff'), ('hook_former'), ('hook_patient'), ('hook_nobody')) as u (identifier);
create temporary table hook_output on commit drop as
select i.identifier, i.claims as input_claims,
       public.custom_access_token_hook(jsonb_build_object(
         'user_id', tests.get_supabase_uid(i.identifier),
         'claims', i.claims,
         'authentication_method', 'otp')) as output
from hook_input as i;

-- TEST
select is(
  (select output -> 'claims' -> 'slotbase' from hook_output where identifier = 'hook_staff'),
  '{"memberships": [{"tenant_id": "c1000000-0000-4000-8000-000000000001", "tenant_slug": "hook-one",
                     "roles": ["manager", "clinician"],
                     "centre_roles": [{"centre_id": "c1000000-0000-4000-8000-0000000000c1", "role": "centre_manager"}]}],
    "patient_tenant_ids": []}'::jsonb,
  'a staff member gets tenant-wide roles and centre-scoped roles of the active tenant only'
);
select is(
  (select output -> 'claims' -> 'slotbase' from hook_output where identifier = 'hook_patient'),
  '{"memberships": [], "patient_tenant_ids": ["c1000000-0000-4000-8000-000000000001", "c1000000-0000-4000-8000-000000000002"]}'::jsonb,
  'a patient of two active tenants (and one inactive) gets the two active tenants'
);
select is(
  (select output -> 'claims' -> 'slotbase' from hook_output where identifier = 'hook_former'),
  '{"memberships": [], "patient_tenant_ids": []}'::jsonb,
  'a deactivated member gets no membership'
);
select is(
  (select output -> 'claims' -> 'slotbase' from hook_output where identifier = 'hook_nobody'),
  '{"memberships": [], "patient_tenant_ids": []}'::jsonb,
  'a user with nothing gets the empty structure'
);
select is(
  (select count(*)::int from hook_output where (output -> 'claims') - 'slotbase' <> input_claims),
  0,
  'every input claim is returned unchanged'
);
select is(
  (select array_agg(distinct k order by k) from hook_output, jsonb_object_keys(output) as k),
  array['claims'],
  'the output has only the claims object GoTrue reads'
);
select ok(
  (select bool_and(output -> 'claims' ?& array['aud', 'exp', 'iat', 'sub', 'email', 'phone', 'role', 'aal', 'session_id', 'is_anonymous'])
   from hook_output),
  'every output keeps GoTrue''s required claims (MinimumViableTokenSchema)'
);

select * from finish();
rollback;
