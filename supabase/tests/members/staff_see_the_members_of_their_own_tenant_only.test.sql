-- members x select, every role: staff (any role) see the members of their own tenant; patients and
-- staff of another tenant see none; anon has no grant (42501); service_role sees all.
begin;
select plan(12);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select tests.clear_authentication();
select throws_ok($$ select * from public.members $$, '42501', 'permission denied for table members', 'anon cannot read members');
reset role;
select tests.authenticate_as('patient');
select results_eq($$ select count(*) from public.members where tenant_id = tests.tenancy_id('tenant_a') $$, $$ values (0::bigint) $$, 'a patient sees no staff memberships');
reset role;
select tests.authenticate_as('a_owner');
select results_eq($$ select count(*) from public.members where tenant_id = tests.tenancy_id('tenant_a') $$, $$ values (8::bigint) $$, 'an owner sees all 8 members of their tenant');
reset role;
select tests.authenticate_as('a_admin');
select results_eq($$ select count(*) from public.members where tenant_id = tests.tenancy_id('tenant_a') $$, $$ values (8::bigint) $$, 'an admin sees all 8 members of their tenant');
reset role;
select tests.authenticate_as('a_manager');
select results_eq($$ select count(*) from public.members where tenant_id = tests.tenancy_id('tenant_a') $$, $$ values (8::bigint) $$, 'a manager sees all 8 members of their tenant');
reset role;
select tests.authenticate_as('a_centre_manager');
select results_eq($$ select count(*) from public.members where tenant_id = tests.tenancy_id('tenant_a') $$, $$ values (8::bigint) $$, 'a centre manager sees all 8 members of their tenant');
reset role;
select tests.authenticate_as('a_clinician');
select results_eq($$ select count(*) from public.members where tenant_id = tests.tenancy_id('tenant_a') $$, $$ values (8::bigint) $$, 'a clinician sees all 8 members of their tenant');
reset role;
select tests.authenticate_as('a_care_coordinator');
select results_eq($$ select count(*) from public.members where tenant_id = tests.tenancy_id('tenant_a') $$, $$ values (8::bigint) $$, 'a care coordinator sees all 8 members of their tenant');
reset role;
select tests.authenticate_as('a_front_desk');
select results_eq($$ select count(*) from public.members where tenant_id = tests.tenancy_id('tenant_a') $$, $$ values (8::bigint) $$, 'front desk sees all 8 members of their tenant');
reset role;
select tests.authenticate_as('a_front_desk');
select results_eq($$ select count(*) from public.members where tenant_id = tests.tenancy_id('tenant_b') $$, $$ values (0::bigint) $$, 'front desk sees no member of another tenant');
reset role;
select tests.authenticate_as('b_owner');
select results_eq($$ select count(*) from public.members where tenant_id = tests.tenancy_id('tenant_a') $$, $$ values (0::bigint) $$, 'the owner of another tenant sees no member of tenant_a');
reset role;
select tests.authenticate_as_service_role();
select results_eq($$ select count(*) from public.members where tenant_id = tests.tenancy_id('tenant_a') $$, $$ values (8::bigint) $$, 'service_role sees every member');
reset role;

select * from finish();
rollback;
