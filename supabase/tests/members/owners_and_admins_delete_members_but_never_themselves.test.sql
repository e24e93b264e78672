-- members x delete, every role: owners delete other members, admins delete members who are not
-- owners/admins, nobody deletes their own membership; others zero rows; anon 42501.
begin;
select plan(13);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select tests.clear_authentication();
select throws_ok($$ delete from public.members where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('a_front_desk.member') returning 1 $$, '42501', 'permission denied for table members', 'anon cannot delete members');
reset role;
select tests.authenticate_as('patient');
select is_empty($$ delete from public.members where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('a_front_desk.member') returning 1 $$, 'a patient deletes no member');
reset role;
select tests.authenticate_as('a_owner');
select is_empty($$ delete from public.members where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('a_owner.member') returning 1 $$, 'an owner cannot delete their own membership');
reset role;
select tests.authenticate_as('a_admin');
select is_empty($$ delete from public.members where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('a_owner.member') returning 1 $$, 'an admin cannot delete an owner');
reset role;
select tests.authenticate_as('a_manager');
select is_empty($$ delete from public.members where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('a_front_desk.member') returning 1 $$, 'a manager deletes no member of tenant_a');
reset role;
select tests.authenticate_as('a_centre_manager');
select is_empty($$ delete from public.members where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('a_front_desk.member') returning 1 $$, 'a centre manager deletes no member of tenant_a');
reset role;
select tests.authenticate_as('a_clinician');
select is_empty($$ delete from public.members where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('a_front_desk.member') returning 1 $$, 'a clinician deletes no member of tenant_a');
reset role;
select tests.authenticate_as('a_care_coordinator');
select is_empty($$ delete from public.members where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('a_front_desk.member') returning 1 $$, 'a care coordinator deletes no member of tenant_a');
reset role;
select tests.authenticate_as('a_front_desk');
select is_empty($$ delete from public.members where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('a_front_desk.member') returning 1 $$, 'front desk deletes no member of tenant_a');
reset role;
select tests.authenticate_as('b_owner');
select is_empty($$ delete from public.members where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('a_front_desk.member') returning 1 $$, 'the owner of another tenant deletes no member of tenant_a');
reset role;
select tests.authenticate_as('a_owner');
select isnt_empty($$ delete from public.members where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('a_front_desk.member') returning 1 $$, 'an owner deletes a member');
reset role;
select tests.authenticate_as('a_admin');
select isnt_empty($$ delete from public.members where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('a_care_coordinator.member') returning 1 $$, 'an admin deletes a member who is not an owner or admin');
reset role;
select tests.authenticate_as_service_role();
select isnt_empty($$ delete from public.members where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('a_centre_manager.member') returning 1 $$, 'service_role deletes a member');
reset role;

select * from finish();
rollback;
