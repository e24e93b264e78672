-- members x insert, every role: owners and admins add members to their tenant; every other role,
-- patients and another tenant's owner get 42501 (RLS); anon has no grant.
begin;
select plan(12);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.create_supabase_user(u) from unnest(array['new_1', 'new_2', 'new_3', 'new_x']) as u;

-- TEST
select tests.clear_authentication();
select throws_ok($$ insert into public.members (tenant_id, user_id, display_name) values (tests.tenancy_id('tenant_a'), tests.get_supabase_uid('new_x'), 'New person') $$, '42501', 'permission denied for table members', 'anon cannot add members');
reset role;
select tests.authenticate_as('patient');
select throws_ok($$ insert into public.members (tenant_id, user_id, display_name) values (tests.tenancy_id('tenant_a'), tests.get_supabase_uid('new_x'), 'New person') $$, '42501', 'new row violates row-level security policy for table "members"', 'a patient cannot add members');
reset role;
select tests.authenticate_as('a_owner');
select lives_ok($$ insert into public.members (tenant_id, user_id, display_name) values (tests.tenancy_id('tenant_a'), tests.get_supabase_uid('new_1'), 'New person') $$, 'an owner adds a member');
reset role;
select tests.authenticate_as('a_admin');
select lives_ok($$ insert into public.members (tenant_id, user_id, display_name) values (tests.tenancy_id('tenant_a'), tests.get_supabase_uid('new_2'), 'New person') $$, 'an admin adds a member');
reset role;
select tests.authenticate_as('a_manager');
select throws_ok($$ insert into public.members (tenant_id, user_id, display_name) values (tests.tenancy_id('tenant_a'), tests.get_supabase_uid('new_x'), 'New person') $$, '42501', 'new row violates row-level security policy for table "members"', 'a manager cannot add members to tenant_a');
reset role;
select tests.authenticate_as('a_centre_manager');
select throws_ok($$ insert into public.members (tenant_id, user_id, display_name) values (tests.tenancy_id('tenant_a'), tests.get_supabase_uid('new_x'), 'New person') $$, '42501', 'new row violates row-level security policy for table "members"', 'a centre manager cannot add members to tenant_a');
reset role;
select tests.authenticate_as('a_clinician');
select throws_ok($$ insert into public.members (tenant_id, user_id, display_name) values (tests.tenancy_id('tenant_a'), tests.get_supabase_uid('new_x'), 'New person') $$, '42501', 'new row violates row-level security policy for table "members"', 'a clinician cannot add members to tenant_a');
reset role;
select tests.authenticate_as('a_care_coordinator');
select throws_ok($$ insert into public.members (tenant_id, user_id, display_name) values (tests.tenancy_id('tenant_a'), tests.get_supabase_uid('new_x'), 'New person') $$, '42501', 'new row violates row-level security policy for table "members"', 'a care coordinator cannot add members to tenant_a');
reset role;
select tests.authenticate_as('a_front_desk');
select throws_ok($$ insert into public.members (tenant_id, user_id, display_name) values (tests.tenancy_id('tenant_a'), tests.get_supabase_uid('new_x'), 'New person') $$, '42501', 'new row violates row-level security policy for table "members"', 'front desk cannot add members to tenant_a');
reset role;
select tests.authenticate_as('b_owner');
select throws_ok($$ insert into public.members (tenant_id, user_id, display_name) values (tests.tenancy_id('tenant_a'), tests.get_supabase_uid('new_x'), 'New person') $$, '42501', 'new row violates row-level security policy for table "members"', 'the owner of another tenant cannot add members to tenant_a');
reset role;
select tests.authenticate_as_service_role();
select lives_ok($$ insert into public.members (tenant_id, user_id, display_name) values (tests.tenancy_id('tenant_a'), tests.get_supabase_uid('new_3'), 'New person') $$, 'service_role adds a member');
reset role;
select tests.authenticate_as('a_owner');
select throws_ok($$ insert into public.members (tenant_id, user_id, display_name, deactivated_at) values (tests.tenancy_id('tenant_a'), tests.get_supabase_uid('new_x'), 'X', now()) $$, '42501', 'permission denied for table members', 'deactivated_at is not client-writable');
reset role;

select * from finish();
rollback;
