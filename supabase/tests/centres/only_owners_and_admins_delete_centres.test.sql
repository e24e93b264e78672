-- centres x delete, every role: owners and admins delete centres of their tenant; managers,
-- centre managers and everyone else delete zero rows; anon has no grant (42501).
begin;
select plan(11);

-- SETUP
select tests.create_tenancy_fixtures();
insert into public.centres (tenant_id, id, name, slug) values
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('spare_1'), 'Spare 1', 'spare-1'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('spare_2'), 'Spare 2', 'spare-2'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('spare_3'), 'Spare 3', 'spare-3');

-- TEST
select tests.clear_authentication();
select throws_ok($$ delete from public.centres where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('spare_1') returning slug::text $$, '42501', 'permission denied for table centres', 'anon cannot delete centres');
reset role;
select tests.authenticate_as('patient');
select is_empty($$ delete from public.centres where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('spare_1') returning slug::text $$, 'a patient deletes no centre');
reset role;
select tests.authenticate_as('a_owner');
select results_eq($$ delete from public.centres where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('spare_1') returning slug::text $$, $$ values ('spare-1') $$, 'an owner deletes a centre of their tenant');
reset role;
select tests.authenticate_as('a_admin');
select results_eq($$ delete from public.centres where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('spare_2') returning slug::text $$, $$ values ('spare-2') $$, 'an admin deletes a centre of their tenant');
reset role;
select tests.authenticate_as('a_centre_manager');
select is_empty($$ delete from public.centres where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('centre_a1') returning slug::text $$, 'a centre manager cannot delete even the centre they manage');
reset role;
select tests.authenticate_as('a_manager');
select is_empty($$ delete from public.centres where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('spare_3') returning slug::text $$, 'a manager deletes no centre');
reset role;
select tests.authenticate_as('a_clinician');
select is_empty($$ delete from public.centres where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('spare_3') returning slug::text $$, 'a clinician deletes no centre');
reset role;
select tests.authenticate_as('a_care_coordinator');
select is_empty($$ delete from public.centres where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('spare_3') returning slug::text $$, 'a care coordinator deletes no centre');
reset role;
select tests.authenticate_as('a_front_desk');
select is_empty($$ delete from public.centres where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('spare_3') returning slug::text $$, 'front desk deletes no centre');
reset role;
select tests.authenticate_as('b_owner');
select is_empty($$ delete from public.centres where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('spare_3') returning slug::text $$, 'the owner of another tenant deletes no centre');
reset role;
select tests.authenticate_as_service_role();
select results_eq($$ delete from public.centres where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('spare_3') returning slug::text $$, $$ values ('spare-3') $$, 'service_role deletes a centre');
reset role;

select * from finish();
rollback;
