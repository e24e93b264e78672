-- invitations x select, every role: owners and admins see all invitations of their tenant, managers
-- those for roles below manager; everyone else none; anon has no grant (42501).
begin;
select plan(11);

-- SETUP
select tests.create_tenancy_fixtures();
insert into public.invitations (tenant_id, id, email, phone, role, centre_id) values
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('inv_front'), 'new.front@alpha.test', null, 'front_desk', null),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('inv_admin'), 'new.admin@alpha.test', null, 'admin', null),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('inv_cm'), null, '+447700900555', 'centre_manager', tests.tenancy_id('centre_a1')),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('inv_spare'), 'spare@alpha.test', null, 'clinician', null);

-- TEST
select tests.clear_authentication();
select throws_ok($$ select * from public.invitations $$, '42501', 'permission denied for table invitations', 'anon cannot read invitations');
reset role;
select tests.authenticate_as('patient');
select results_eq($$ select count(*) from public.invitations where tenant_id = tests.tenancy_id('tenant_a') $$, $$ values (0::bigint) $$, 'a patient sees no invitations');
reset role;
select tests.authenticate_as('a_owner');
select results_eq($$ select count(*) from public.invitations where tenant_id = tests.tenancy_id('tenant_a') $$, $$ values (4::bigint) $$, 'an owner sees all invitations of their tenant');
reset role;
select tests.authenticate_as('a_admin');
select results_eq($$ select count(*) from public.invitations where tenant_id = tests.tenancy_id('tenant_a') $$, $$ values (4::bigint) $$, 'an admin sees all invitations of their tenant');
reset role;
select tests.authenticate_as('a_manager');
select results_eq($$ select role::text from public.invitations where tenant_id = tests.tenancy_id('tenant_a') order by role $$, $$ values ('centre_manager'), ('clinician'), ('front_desk') $$, 'a manager sees invitations for roles below manager only');
reset role;
select tests.authenticate_as('a_centre_manager');
select results_eq($$ select count(*) from public.invitations where tenant_id = tests.tenancy_id('tenant_a') $$, $$ values (0::bigint) $$, 'a centre manager sees no invitation of tenant_a');
reset role;
select tests.authenticate_as('a_clinician');
select results_eq($$ select count(*) from public.invitations where tenant_id = tests.tenancy_id('tenant_a') $$, $$ values (0::bigint) $$, 'a clinician sees no invitation of tenant_a');
reset role;
select tests.authenticate_as('a_care_coordinator');
select results_eq($$ select count(*) from public.invitations where tenant_id = tests.tenancy_id('tenant_a') $$, $$ values (0::bigint) $$, 'a care coordinator sees no invitation of tenant_a');
reset role;
select tests.authenticate_as('a_front_desk');
select results_eq($$ select count(*) from public.invitations where tenant_id = tests.tenancy_id('tenant_a') $$, $$ values (0::bigint) $$, 'front desk sees no invitation of tenant_a');
reset role;
select tests.authenticate_as('b_owner');
select results_eq($$ select count(*) from public.invitations where tenant_id = tests.tenancy_id('tenant_a') $$, $$ values (0::bigint) $$, 'the owner of another tenant sees no invitation of tenant_a');
reset role;
select tests.authenticate_as_service_role();
select results_eq($$ select count(*) from public.invitations where tenant_id = tests.tenancy_id('tenant_a') $$, $$ values (4::bigint) $$, 'service_role sees every invitation');
reset role;

select * from finish();
rollback;
