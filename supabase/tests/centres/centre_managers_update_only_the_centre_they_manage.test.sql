-- centres x update, every role: owners, admins and managers update any centre of their tenant; a
-- centre manager only theirs; everyone else changes zero rows; anon has no grant (42501).
begin;
select plan(13);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select tests.clear_authentication();
select throws_ok($$ update public.centres set phone = '+442079460999' where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('centre_a2') returning slug::text $$, '42501', 'permission denied for table centres', 'anon cannot update centres');
reset role;
select tests.authenticate_as('patient');
select is_empty($$ update public.centres set phone = '+442079460999' where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('centre_a2') returning slug::text $$, 'a patient updates no centre');
reset role;
select tests.authenticate_as('a_owner');
select results_eq($$ update public.centres set phone = '+442079460999' where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('centre_a2') returning slug::text $$, $$ values ('north') $$, 'an owner updates any centre of their tenant');
reset role;
select tests.authenticate_as('a_admin');
select results_eq($$ update public.centres set phone = '+442079460999' where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('centre_a2') returning slug::text $$, $$ values ('north') $$, 'an admin updates any centre of their tenant');
reset role;
select tests.authenticate_as('a_manager');
select results_eq($$ update public.centres set phone = '+442079460999' where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('centre_a2') returning slug::text $$, $$ values ('north') $$, 'a manager updates any centre of their tenant');
reset role;
select tests.authenticate_as('a_centre_manager');
select results_eq($$ update public.centres set phone = '+442079460999' where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('centre_a1') returning slug::text $$, $$ values ('central') $$, 'a centre manager updates the centre they manage');
reset role;
select tests.authenticate_as('a_centre_manager');
select is_empty($$ update public.centres set phone = '+442079460999' where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('centre_a2') returning slug::text $$, 'a centre manager updates no other centre');
reset role;
select tests.authenticate_as('a_clinician');
select is_empty($$ update public.centres set phone = '+442079460999' where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('centre_a2') returning slug::text $$, 'a clinician updates no centre of tenant_a');
reset role;
select tests.authenticate_as('a_care_coordinator');
select is_empty($$ update public.centres set phone = '+442079460999' where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('centre_a2') returning slug::text $$, 'a care coordinator updates no centre of tenant_a');
reset role;
select tests.authenticate_as('a_front_desk');
select is_empty($$ update public.centres set phone = '+442079460999' where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('centre_a2') returning slug::text $$, 'front desk updates no centre of tenant_a');
reset role;
select tests.authenticate_as('b_owner');
select is_empty($$ update public.centres set phone = '+442079460999' where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('centre_a2') returning slug::text $$, 'the owner of another tenant updates no centre of tenant_a');
reset role;
select tests.authenticate_as_service_role();
select results_eq($$ update public.centres set phone = '+442079460999' where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('centre_a2') returning slug::text $$, $$ values ('north') $$, 'service_role updates any centre');
reset role;
select tests.authenticate_as('a_owner');
select throws_ok($$ update public.centres set tenant_id = tests.tenancy_id('tenant_b') where id = tests.tenancy_id('centre_a2') $$, 'PT422', 'centres.tenant_id cannot be changed', 'nobody moves a centre to another tenant (keys never change)');
reset role;

select * from finish();
rollback;
