-- member_roles x delete, every role: owners remove any role, admins only roles other than owner and
-- admin; everyone else removes zero rows; anon has no grant (42501).
begin;
select plan(14);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select tests.clear_authentication();
select throws_ok($$ delete from public.member_roles where tenant_id = tests.tenancy_id('tenant_a') and member_id = tests.tenancy_id('a_front_desk.member') and role = 'front_desk' returning 1 $$, '42501', 'permission denied for table member_roles', 'anon cannot remove roles');
reset role;
select tests.authenticate_as('patient');
select is_empty($$ delete from public.member_roles where tenant_id = tests.tenancy_id('tenant_a') and member_id = tests.tenancy_id('a_front_desk.member') and role = 'front_desk' returning 1 $$, 'a patient removes no role');
reset role;
select tests.authenticate_as('a_admin');
select is_empty($$ delete from public.member_roles where tenant_id = tests.tenancy_id('tenant_a') and member_id = tests.tenancy_id('a_owner.member') and role = 'owner' returning 1 $$, 'an admin cannot remove the owner role');
reset role;
select tests.authenticate_as('a_manager');
select is_empty($$ delete from public.member_roles where tenant_id = tests.tenancy_id('tenant_a') and member_id = tests.tenancy_id('a_front_desk.member') and role = 'front_desk' returning 1 $$, 'a manager removes no role of tenant_a');
reset role;
select tests.authenticate_as('a_centre_manager');
select is_empty($$ delete from public.member_roles where tenant_id = tests.tenancy_id('tenant_a') and member_id = tests.tenancy_id('a_front_desk.member') and role = 'front_desk' returning 1 $$, 'a centre manager removes no role of tenant_a');
reset role;
select tests.authenticate_as('a_clinician');
select is_empty($$ delete from public.member_roles where tenant_id = tests.tenancy_id('tenant_a') and member_id = tests.tenancy_id('a_front_desk.member') and role = 'front_desk' returning 1 $$, 'a clinician removes no role of tenant_a');
reset role;
select tests.authenticate_as('a_care_coordinator');
select is_empty($$ delete from public.member_roles where tenant_id = tests.tenancy_id('tenant_a') and member_id = tests.tenancy_id('a_front_desk.member') and role = 'front_desk' returning 1 $$, 'a care coordinator removes no role of tenant_a');
reset role;
select tests.authenticate_as('a_front_desk');
select is_empty($$ delete from public.member_roles where tenant_id = tests.tenancy_id('tenant_a') and member_id = tests.tenancy_id('a_front_desk.member') and role = 'front_desk' returning 1 $$, 'front desk removes no role of tenant_a');
reset role;
select tests.authenticate_as('b_owner');
select is_empty($$ delete from public.member_roles where tenant_id = tests.tenancy_id('tenant_a') and member_id = tests.tenancy_id('a_front_desk.member') and role = 'front_desk' returning 1 $$, 'the owner of another tenant removes no role of tenant_a');
reset role;
select tests.authenticate_as('a_owner');
select isnt_empty($$ delete from public.member_roles where tenant_id = tests.tenancy_id('tenant_a') and member_id = tests.tenancy_id('a_front_desk.member') and role = 'front_desk' returning 1 $$, 'an owner removes a role');
reset role;
select tests.authenticate_as('a_owner');
select isnt_empty($$ delete from public.member_roles where tenant_id = tests.tenancy_id('tenant_a') and member_id = tests.tenancy_id('a_admin.member') and role = 'admin' returning 1 $$, 'an owner removes the admin role');
reset role;
select tests.authenticate_as('a_owner');
select lives_ok($$ insert into public.member_roles (tenant_id, member_id, role) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('a_admin.member'), 'admin') $$, 'the owner grants admin back');
reset role;
select tests.authenticate_as('a_admin');
select isnt_empty($$ delete from public.member_roles where tenant_id = tests.tenancy_id('tenant_a') and member_id = tests.tenancy_id('a_care_coordinator.member') and role = 'care_coordinator' returning 1 $$, 'an admin removes a role below admin');
reset role;
select tests.authenticate_as_service_role();
select isnt_empty($$ delete from public.member_roles where tenant_id = tests.tenancy_id('tenant_a') and member_id = tests.tenancy_id('a_clinician.member') and role = 'clinician' returning 1 $$, 'service_role removes a role');
reset role;

select * from finish();
rollback;
