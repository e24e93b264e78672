-- Escalation: a member can never raise their own role - not an admin to owner, not a manager to
-- admin, not even an owner adding the clinician role (which would open medical notes) to
-- themselves. Another owner must grant it.
begin;
select plan(5);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select tests.authenticate_as('a_admin');
select throws_ok($$ insert into public.member_roles (tenant_id, member_id, role) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('a_admin.member'), 'owner') $$,
  '42501', 'new row violates row-level security policy for table "member_roles"', 'an admin cannot make themselves owner');
select throws_ok($$ insert into public.member_roles (tenant_id, member_id, role) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('a_admin.member'), 'clinician') $$,
  '42501', 'new row violates row-level security policy for table "member_roles"', 'an admin cannot give themselves the clinician role');
reset role;
select tests.authenticate_as('a_manager');
select throws_ok($$ insert into public.member_roles (tenant_id, member_id, role) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('a_manager.member'), 'admin') $$,
  '42501', 'new row violates row-level security policy for table "member_roles"', 'a manager cannot make themselves admin');
reset role;
select tests.authenticate_as('a_owner');
select throws_ok($$ insert into public.member_roles (tenant_id, member_id, role) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('a_owner.member'), 'clinician') $$,
  '42501', 'new row violates row-level security policy for table "member_roles"', 'an owner cannot grant a role to themselves');
reset role;
select tests.authenticate_as('a_front_desk');
select throws_ok($$ update public.member_roles set role = 'owner' where member_id = tests.tenancy_id('a_front_desk.member') $$,
  '42501', 'permission denied for table member_roles', 'nobody upgrades their grant in place');
reset role;

select * from finish();
rollback;
