-- public.clinician_members (which staff account a clinician profile belongs to) is internal to
-- the tenant: every staff member of the tenant reads it; patients, signed-in users of other
-- tenants and anon do not. Owners, admins and managers link and unlink; nobody updates a link
-- (unlink and link again). service_role does everything but update.
begin;
select plan(47);

-- SETUP: tenant A links clinician_a, clinician_a_2 (3 links across tenants A and B)
select tests.create_tenancy_fixtures();

-- TEST: select (tenant A's links: clinician_a, clinician_a_2)
select is(
  tests.outcome_as(m.who, $$ select 1 from public.clinician_members where tenant_id = tests.tenancy_id('tenant_a') $$),
  m.expected, m.who || ' reads tenant A''s account links: ' || m.expected)
from (values
  ('anon', '42501'), ('patient', '0 rows'), ('outsider', '0 rows'), ('b_owner', '0 rows'), ('b_clinician', '0 rows'),
  ('a_owner', '2 rows'), ('a_admin', '2 rows'), ('a_manager', '2 rows'), ('a_centre_manager', '2 rows'),
  ('a_clinician', '2 rows'), ('a_clinician_2', '2 rows'), ('a_care_coordinator', '2 rows'), ('a_front_desk', '2 rows'),
  ('service_role', '2 rows')
) as m(who, expected);

-- TEST: insert (link the visiting clinician to the front desk's account)
select is(
  tests.outcome_as(m.who, $$ insert into public.clinician_members (tenant_id, clinician_id, member_id)
                             values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('a_front_desk.member'))
                             returning 1 $$),
  m.expected, m.who || ' links a profile to an account: ' || m.expected)
from (values
  ('anon', '42501'), ('patient', '42501'), ('b_owner', '42501'),
  ('a_owner', '1 row'), ('a_admin', '1 row'), ('a_manager', '1 row'), ('a_centre_manager', '42501'),
  ('a_clinician', '42501'), ('a_clinician_2', '42501'), ('a_care_coordinator', '42501'), ('a_front_desk', '42501'),
  ('service_role', '1 row')
) as m(who, expected);

-- TEST: update (nobody: unlink and link again)
select is(
  tests.outcome_as(m.who, $$ update public.clinician_members set member_id = member_id
                             where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$),
  '42501', m.who || ' cannot update an account link (no grant)')
from unnest(array['anon', 'patient', 'a_owner', 'a_manager', 'a_clinician', 'b_owner', 'service_role']) as m(who);

-- TEST: delete (tenant A's two links)
select is(
  tests.outcome_as(m.who, $$ delete from public.clinician_members where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$),
  m.expected, m.who || ' unlinks tenant A''s profiles: ' || m.expected)
from (values
  ('anon', '42501'), ('patient', '0 rows'), ('b_owner', '0 rows'),
  ('a_owner', '2 rows'), ('a_admin', '2 rows'), ('a_manager', '2 rows'), ('a_centre_manager', '0 rows'),
  ('a_clinician', '0 rows'), ('a_clinician_2', '0 rows'), ('a_care_coordinator', '0 rows'), ('a_front_desk', '0 rows'),
  ('service_role', '2 rows')
) as m(who, expected);

-- TEST: the link is the one place "my profile" comes from
select tests.authenticate_as('a_clinician');
select results_eq(
  $$ select k.clinician_id from private.clinician_keys_of_current_user() as k $$,
  $$ values (tests.tenancy_id('clinician_a')) $$,
  'a clinician''s own profile is the one linked to their account');
reset role;
delete from public.clinician_members where clinician_id = tests.tenancy_id('clinician_a');
select tests.authenticate_as('a_clinician');
select is_empty(
  $$ update public.clinicians set bio = 'still mine?' where id = tests.tenancy_id('clinician_a') returning 1 $$,
  'once unlinked, the clinician no longer edits the profile (next statement)');

select * from finish();
rollback;
