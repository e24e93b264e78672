-- members x update, every role: owners update any member of their tenant; admins update members
-- who are not owners/admins (and their own display name); others change zero rows; anon 42501.
begin;
select plan(17);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: each caller changes one member of tenant A; permitted changes are kept
select is(
  tests.attempt_as(m.who, format(
    $$ update public.members set %s where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id(%L) returning 1 $$,
    m.change, m.member)),
  m.expected,
  m.description)
from (values
  ('anon', $$display_name = 'Renamed'$$, 'a_front_desk.member', '42501: permission denied for table members', 'anon cannot update members'),
  ('patient', $$display_name = 'Renamed'$$, 'a_front_desk.member', '0 rows', 'a patient updates no member'),
  ('a_owner', $$display_name = 'Renamed'$$, 'a_front_desk.member', '1 row', 'an owner renames a member'),
  ('a_owner', $$display_name = 'Admin A'$$, 'a_admin.member', '1 row', 'an owner updates an admin'),
  ('a_admin', 'is_active = false', 'a_care_coordinator.member', '1 row', 'an admin deactivates a care coordinator'),
  ('a_admin', $$display_name = 'Renamed'$$, 'a_admin.member', '1 row', 'an admin renames themselves'),
  ('a_admin', 'is_active = false', 'a_owner.member', '0 rows', 'an admin cannot deactivate an owner (zero rows)'),
  ('a_admin', $$display_name = 'Renamed'$$, 'a_owner.member', '0 rows', 'an admin cannot rename an owner (zero rows)'),
  ('a_manager', 'is_active = false', 'a_front_desk.member', '0 rows', 'a manager updates no member of tenant_a'),
  ('a_centre_manager', 'is_active = false', 'a_front_desk.member', '0 rows', 'a centre manager updates no member of tenant_a'),
  ('a_clinician', 'is_active = false', 'a_front_desk.member', '0 rows', 'a clinician updates no member of tenant_a'),
  ('a_care_coordinator', 'is_active = false', 'a_front_desk.member', '0 rows', 'a care coordinator updates no member of tenant_a'),
  ('a_front_desk', 'is_active = false', 'a_front_desk.member', '0 rows', 'front desk updates no member of tenant_a'),
  ('b_owner', 'is_active = false', 'a_front_desk.member', '0 rows', 'the owner of another tenant updates no member of tenant_a'),
  ('service_role', $$display_name = 'Renamed'$$, 'a_front_desk.member', '1 row', 'service_role updates a member')
) as m(who, change, member, expected, description);

select tests.authenticate_as('a_owner');
select throws_ok($$ update public.members set user_id = tests.get_supabase_uid('outsider') where id = tests.tenancy_id('a_front_desk.member') $$, 'PT422', 'a membership cannot be moved to another user', 'user_id never changes');
reset role;
select results_eq($$ select is_active, deactivated_at is not null from public.members where id = tests.tenancy_id('a_care_coordinator.member') $$, $$ values (false, true) $$, 'deactivation stamps deactivated_at');

select * from finish();
rollback;
