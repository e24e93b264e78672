-- member_roles x update, every role: nobody updates a role grant (no UPDATE grant: 42501), so a
-- front-desk grant can never be turned into an owner grant; change a role by deleting and granting.
begin;
select plan(11);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select tests.clear_authentication();
select throws_ok($$ update public.member_roles set role = 'owner' where member_id = tests.tenancy_id('a_front_desk.member') $$, '42501', 'permission denied for table member_roles', 'anon cannot update roles');
reset role;
select tests.authenticate_as('patient');
select throws_ok($$ update public.member_roles set role = 'owner' where member_id = tests.tenancy_id('a_front_desk.member') $$, '42501', 'permission denied for table member_roles', 'a patient cannot update a role (no grant)');
reset role;
select tests.authenticate_as('a_owner');
select throws_ok($$ update public.member_roles set role = 'owner' where member_id = tests.tenancy_id('a_front_desk.member') $$, '42501', 'permission denied for table member_roles', 'an owner cannot update a role (no grant)');
reset role;
select tests.authenticate_as('a_admin');
select throws_ok($$ update public.member_roles set role = 'owner' where member_id = tests.tenancy_id('a_front_desk.member') $$, '42501', 'permission denied for table member_roles', 'an admin cannot update a role (no grant)');
reset role;
select tests.authenticate_as('a_manager');
select throws_ok($$ update public.member_roles set role = 'owner' where member_id = tests.tenancy_id('a_front_desk.member') $$, '42501', 'permission denied for table member_roles', 'a manager cannot update a role (no grant)');
reset role;
select tests.authenticate_as('a_centre_manager');
select throws_ok($$ update public.member_roles set role = 'owner' where member_id = tests.tenancy_id('a_front_desk.member') $$, '42501', 'permission denied for table member_roles', 'a centre manager cannot update a role (no grant)');
reset role;
select tests.authenticate_as('a_clinician');
select throws_ok($$ update public.member_roles set role = 'owner' where member_id = tests.tenancy_id('a_front_desk.member') $$, '42501', 'permission denied for table member_roles', 'a clinician cannot update a role (no grant)');
reset role;
select tests.authenticate_as('a_care_coordinator');
select throws_ok($$ update public.member_roles set role = 'owner' where member_id = tests.tenancy_id('a_front_desk.member') $$, '42501', 'permission denied for table member_roles', 'a care coordinator cannot update a role (no grant)');
reset role;
select tests.authenticate_as('a_front_desk');
select throws_ok($$ update public.member_roles set role = 'owner' where member_id = tests.tenancy_id('a_front_desk.member') $$, '42501', 'permission denied for table member_roles', 'front desk cannot update a role (no grant)');
reset role;
select tests.authenticate_as('b_owner');
select throws_ok($$ update public.member_roles set role = 'owner' where member_id = tests.tenancy_id('a_front_desk.member') $$, '42501', 'permission denied for table member_roles', 'the owner of another tenant cannot update a role (no grant)');
reset role;
select tests.authenticate_as_service_role();
select throws_ok($$ update public.member_roles set role = 'owner' where member_id = tests.tenancy_id('a_front_desk.member') $$, '42501', 'permission denied for table member_roles', 'not even service_role updates a role: delete and grant instead');
reset role;

select * from finish();
rollback;
