-- invitations x insert, every role: owners invite to any role, admins to roles other than owner and
-- admin, managers to roles below manager; everyone else 42501 (RLS); anon has no grant.
begin;
select plan(14);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select tests.clear_authentication();
select throws_ok($$ insert into public.invitations (tenant_id, email, role) values (tests.tenancy_id('tenant_a'), 'x@alpha.test', 'front_desk') $$, '42501', 'permission denied for table invitations', 'anon cannot invite');
reset role;
select tests.authenticate_as('patient');
select throws_ok($$ insert into public.invitations (tenant_id, email, role) values (tests.tenancy_id('tenant_a'), 'x@alpha.test', 'front_desk') $$, '42501', 'new row violates row-level security policy for table "invitations"', 'a patient cannot invite');
reset role;
select tests.authenticate_as('a_owner');
select lives_ok($$ insert into public.invitations (tenant_id, email, role) values (tests.tenancy_id('tenant_a'), 'o1@alpha.test', 'owner') $$, 'an owner invites a co-owner');
reset role;
select tests.authenticate_as('a_admin');
select lives_ok($$ insert into public.invitations (tenant_id, email, role) values (tests.tenancy_id('tenant_a'), 'a1@alpha.test', 'clinician') $$, 'an admin invites a clinician');
reset role;
select tests.authenticate_as('a_admin');
select throws_ok($$ insert into public.invitations (tenant_id, email, role) values (tests.tenancy_id('tenant_a'), 'a2@alpha.test', 'admin') $$, '42501', 'new row violates row-level security policy for table "invitations"', 'an admin cannot invite an admin');
reset role;
select tests.authenticate_as('a_manager');
select lives_ok($$ insert into public.invitations (tenant_id, email, role) values (tests.tenancy_id('tenant_a'), 'm1@alpha.test', 'front_desk') $$, 'a manager invites front desk');
reset role;
select tests.authenticate_as('a_manager');
select throws_ok($$ insert into public.invitations (tenant_id, email, role) values (tests.tenancy_id('tenant_a'), 'm2@alpha.test', 'manager') $$, '42501', 'new row violates row-level security policy for table "invitations"', 'a manager cannot invite a manager');
reset role;
select tests.authenticate_as('a_centre_manager');
select throws_ok($$ insert into public.invitations (tenant_id, email, role) values (tests.tenancy_id('tenant_a'), 'x@alpha.test', 'front_desk') $$, '42501', 'new row violates row-level security policy for table "invitations"', 'a centre manager cannot invite to tenant_a');
reset role;
select tests.authenticate_as('a_clinician');
select throws_ok($$ insert into public.invitations (tenant_id, email, role) values (tests.tenancy_id('tenant_a'), 'x@alpha.test', 'front_desk') $$, '42501', 'new row violates row-level security policy for table "invitations"', 'a clinician cannot invite to tenant_a');
reset role;
select tests.authenticate_as('a_care_coordinator');
select throws_ok($$ insert into public.invitations (tenant_id, email, role) values (tests.tenancy_id('tenant_a'), 'x@alpha.test', 'front_desk') $$, '42501', 'new row violates row-level security policy for table "invitations"', 'a care coordinator cannot invite to tenant_a');
reset role;
select tests.authenticate_as('a_front_desk');
select throws_ok($$ insert into public.invitations (tenant_id, email, role) values (tests.tenancy_id('tenant_a'), 'x@alpha.test', 'front_desk') $$, '42501', 'new row violates row-level security policy for table "invitations"', 'front desk cannot invite to tenant_a');
reset role;
select tests.authenticate_as('b_owner');
select throws_ok($$ insert into public.invitations (tenant_id, email, role) values (tests.tenancy_id('tenant_a'), 'x@alpha.test', 'front_desk') $$, '42501', 'new row violates row-level security policy for table "invitations"', 'the owner of another tenant cannot invite to tenant_a');
reset role;
select tests.authenticate_as_service_role();
select lives_ok($$ insert into public.invitations (tenant_id, email, role) values (tests.tenancy_id('tenant_a'), 's1@alpha.test', 'care_coordinator') $$, 'service_role sends an invitation');
reset role;
select is((select invited_by from public.invitations where email = 'a1@alpha.test'), tests.get_supabase_uid('a_admin'), 'invited_by is the inviting user');

select * from finish();
rollback;
