-- member_roles x insert, every role: owners grant any role; admins grant roles other than owner and
-- admin; every other role, patients and other tenants get 42501 (RLS); anon has no grant.
begin;
select plan(15);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select tests.clear_authentication();
select throws_ok($$ insert into public.member_roles (tenant_id, member_id, role, centre_id) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('a_clinician.member'), 'front_desk', null) $$, '42501', 'permission denied for table member_roles', 'anon cannot grant roles');
reset role;
select tests.authenticate_as('patient');
select throws_ok($$ insert into public.member_roles (tenant_id, member_id, role, centre_id) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('a_clinician.member'), 'front_desk', null) $$, '42501', 'new row violates row-level security policy for table "member_roles"', 'a patient cannot grant roles');
reset role;
select tests.authenticate_as('a_owner');
select lives_ok($$ insert into public.member_roles (tenant_id, member_id, role, centre_id) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('a_clinician.member'), 'front_desk', null) $$, 'an owner grants a role below admin');
reset role;
select tests.authenticate_as('a_owner');
select lives_ok($$ insert into public.member_roles (tenant_id, member_id, role, centre_id) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('a_clinician_2.member'), 'admin', null) $$, 'an owner grants admin');
reset role;
select tests.authenticate_as('a_admin');
select lives_ok($$ insert into public.member_roles (tenant_id, member_id, role, centre_id) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('a_clinician.member'), 'care_coordinator', null) $$, 'an admin grants a role below admin');
reset role;
select tests.authenticate_as('a_admin');
select throws_ok($$ insert into public.member_roles (tenant_id, member_id, role, centre_id) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('a_front_desk.member'), 'admin', null) $$, '42501', 'new row violates row-level security policy for table "member_roles"', 'an admin cannot grant admin');
reset role;
select tests.authenticate_as('a_admin');
select throws_ok($$ insert into public.member_roles (tenant_id, member_id, role, centre_id) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('a_front_desk.member'), 'owner', null) $$, '42501', 'new row violates row-level security policy for table "member_roles"', 'an admin cannot grant owner');
reset role;
select tests.authenticate_as('a_manager');
select throws_ok($$ insert into public.member_roles (tenant_id, member_id, role, centre_id) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('a_care_coordinator.member'), 'front_desk', null) $$, '42501', 'new row violates row-level security policy for table "member_roles"', 'a manager cannot grant roles in tenant_a');
reset role;
select tests.authenticate_as('a_centre_manager');
select throws_ok($$ insert into public.member_roles (tenant_id, member_id, role, centre_id) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('a_care_coordinator.member'), 'front_desk', null) $$, '42501', 'new row violates row-level security policy for table "member_roles"', 'a centre manager cannot grant roles in tenant_a');
reset role;
select tests.authenticate_as('a_clinician');
select throws_ok($$ insert into public.member_roles (tenant_id, member_id, role, centre_id) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('a_care_coordinator.member'), 'front_desk', null) $$, '42501', 'new row violates row-level security policy for table "member_roles"', 'a clinician cannot grant roles in tenant_a');
reset role;
select tests.authenticate_as('a_care_coordinator');
select throws_ok($$ insert into public.member_roles (tenant_id, member_id, role, centre_id) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('a_care_coordinator.member'), 'front_desk', null) $$, '42501', 'new row violates row-level security policy for table "member_roles"', 'a care coordinator cannot grant roles in tenant_a');
reset role;
select tests.authenticate_as('a_front_desk');
select throws_ok($$ insert into public.member_roles (tenant_id, member_id, role, centre_id) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('a_care_coordinator.member'), 'front_desk', null) $$, '42501', 'new row violates row-level security policy for table "member_roles"', 'front desk cannot grant roles in tenant_a');
reset role;
select tests.authenticate_as('b_owner');
select throws_ok($$ insert into public.member_roles (tenant_id, member_id, role, centre_id) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('a_care_coordinator.member'), 'front_desk', null) $$, '42501', 'new row violates row-level security policy for table "member_roles"', 'the owner of another tenant cannot grant roles in tenant_a');
reset role;
select tests.authenticate_as_service_role();
select lives_ok($$ insert into public.member_roles (tenant_id, member_id, role, centre_id) values (tests.tenancy_id('tenant_a'), tests.tenancy_id('a_front_desk.member'), 'clinician', tests.tenancy_id('centre_a1')) $$, 'service_role grants a role');
reset role;
select is((select granted_by from public.member_roles where member_id = tests.tenancy_id('a_clinician.member') and role = 'front_desk'), tests.get_supabase_uid('a_owner'), 'granted_by is the granting user');

select * from finish();
rollback;
