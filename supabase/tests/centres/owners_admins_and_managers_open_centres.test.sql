-- centres x insert, every role: owners, admins and managers open centres in their tenant; other
-- roles, patients and staff of another tenant get 42501 (RLS), anon has no grant (42501).
begin;
select plan(12);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select tests.clear_authentication();
select throws_ok($$ insert into public.centres (tenant_id, name, slug) values (tests.tenancy_id('tenant_a'), 'New anon', 'anon') $$, '42501', 'permission denied for table centres', 'anon cannot open a centre');
reset role;
select tests.authenticate_as('patient');
select throws_ok($$ insert into public.centres (tenant_id, name, slug) values (tests.tenancy_id('tenant_a'), 'New patient', 'patient') $$, '42501', 'new row violates row-level security policy for table "centres"', 'a patient cannot open a centre in tenant_a');
reset role;
select tests.authenticate_as('a_owner');
select lives_ok($$ insert into public.centres (tenant_id, name, slug) values (tests.tenancy_id('tenant_a'), 'New a-owner', 'a-owner') $$, 'an owner opens a centre in their tenant');
reset role;
select tests.authenticate_as('a_admin');
select lives_ok($$ insert into public.centres (tenant_id, name, slug) values (tests.tenancy_id('tenant_a'), 'New a-admin', 'a-admin') $$, 'an admin opens a centre in their tenant');
reset role;
select tests.authenticate_as('a_manager');
select lives_ok($$ insert into public.centres (tenant_id, name, slug) values (tests.tenancy_id('tenant_a'), 'New a-manager', 'a-manager') $$, 'a manager opens a centre in their tenant');
reset role;
select tests.authenticate_as('a_centre_manager');
select throws_ok($$ insert into public.centres (tenant_id, name, slug) values (tests.tenancy_id('tenant_a'), 'New a-centre-manager', 'a-centre-manager') $$, '42501', 'new row violates row-level security policy for table "centres"', 'a centre manager cannot open a centre in tenant_a');
reset role;
select tests.authenticate_as('a_clinician');
select throws_ok($$ insert into public.centres (tenant_id, name, slug) values (tests.tenancy_id('tenant_a'), 'New a-clinician', 'a-clinician') $$, '42501', 'new row violates row-level security policy for table "centres"', 'a clinician cannot open a centre in tenant_a');
reset role;
select tests.authenticate_as('a_care_coordinator');
select throws_ok($$ insert into public.centres (tenant_id, name, slug) values (tests.tenancy_id('tenant_a'), 'New a-care-coordinator', 'a-care-coordinator') $$, '42501', 'new row violates row-level security policy for table "centres"', 'a care coordinator cannot open a centre in tenant_a');
reset role;
select tests.authenticate_as('a_front_desk');
select throws_ok($$ insert into public.centres (tenant_id, name, slug) values (tests.tenancy_id('tenant_a'), 'New a-front-desk', 'a-front-desk') $$, '42501', 'new row violates row-level security policy for table "centres"', 'front desk cannot open a centre in tenant_a');
reset role;
select tests.authenticate_as('b_owner');
select throws_ok($$ insert into public.centres (tenant_id, name, slug) values (tests.tenancy_id('tenant_a'), 'New b-owner', 'b-owner') $$, '42501', 'new row violates row-level security policy for table "centres"', 'the owner of another tenant cannot open a centre in tenant_a');
reset role;
select tests.authenticate_as_service_role();
select lives_ok($$ insert into public.centres (tenant_id, name, slug) values (tests.tenancy_id('tenant_a'), 'New service', 'service') $$, 'service_role opens a centre');
reset role;
select is((select timezone::text from public.centres where tenant_id = tests.tenancy_id('tenant_a') and slug = 'a-owner'), 'Europe/London', 'a centre without a time zone takes the tenant''s');

select * from finish();
rollback;
