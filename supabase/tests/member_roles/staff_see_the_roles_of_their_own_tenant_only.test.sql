-- member_roles x select, every role: staff see who holds which role in their tenant; patients and
-- other tenants see none; anon has no grant (42501).
begin;
select plan(11);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select tests.clear_authentication();
select throws_ok($$ select * from public.member_roles $$, '42501', 'permission denied for table member_roles', 'anon cannot read roles');
reset role;
select tests.authenticate_as('patient');
select results_eq($$ select count(*) from public.member_roles where tenant_id = tests.tenancy_id('tenant_a') $$, $$ values (0::bigint) $$, 'a patient sees no roles');
reset role;
select tests.authenticate_as('a_owner');
select results_eq($$ select count(*) from public.member_roles where tenant_id = tests.tenancy_id('tenant_a') $$, $$ values (8::bigint) $$, 'an owner sees the 8 role grants of their tenant');
reset role;
select tests.authenticate_as('a_admin');
select results_eq($$ select count(*) from public.member_roles where tenant_id = tests.tenancy_id('tenant_a') $$, $$ values (8::bigint) $$, 'an admin sees the 8 role grants of their tenant');
reset role;
select tests.authenticate_as('a_manager');
select results_eq($$ select count(*) from public.member_roles where tenant_id = tests.tenancy_id('tenant_a') $$, $$ values (8::bigint) $$, 'a manager sees the 8 role grants of their tenant');
reset role;
select tests.authenticate_as('a_centre_manager');
select results_eq($$ select count(*) from public.member_roles where tenant_id = tests.tenancy_id('tenant_a') $$, $$ values (8::bigint) $$, 'a centre manager sees the 8 role grants of their tenant');
reset role;
select tests.authenticate_as('a_clinician');
select results_eq($$ select count(*) from public.member_roles where tenant_id = tests.tenancy_id('tenant_a') $$, $$ values (8::bigint) $$, 'a clinician sees the 8 role grants of their tenant');
reset role;
select tests.authenticate_as('a_care_coordinator');
select results_eq($$ select count(*) from public.member_roles where tenant_id = tests.tenancy_id('tenant_a') $$, $$ values (8::bigint) $$, 'a care coordinator sees the 8 role grants of their tenant');
reset role;
select tests.authenticate_as('a_front_desk');
select results_eq($$ select count(*) from public.member_roles where tenant_id = tests.tenancy_id('tenant_a') $$, $$ values (8::bigint) $$, 'front desk sees the 8 role grants of their tenant');
reset role;
select tests.authenticate_as('b_owner');
select results_eq($$ select count(*) from public.member_roles where tenant_id = tests.tenancy_id('tenant_a') $$, $$ values (0::bigint) $$, 'the owner of another tenant sees no role of tenant_a');
reset role;
select tests.authenticate_as_service_role();
select results_eq($$ select count(*) from public.member_roles where tenant_id = tests.tenancy_id('tenant_a') $$, $$ values (8::bigint) $$, 'service_role sees every role');
reset role;

select * from finish();
rollback;
