-- centres x select, every role: the public (anon, patients, other tenants) sees published, active
-- centres of active tenants; staff of a tenant see all its centres.
begin;
select plan(12);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select tests.clear_authentication();
select results_eq($$ select slug::text from public.centres where tenant_id in (tests.tenancy_id('tenant_a'), tests.tenancy_id('tenant_b'), tests.tenancy_id('tenant_c')) order by slug $$,
  $$ values ('central'), ('harbor'), ('north') $$, 'anon sees published, active centres of active tenants');
reset role;
select tests.authenticate_as('patient');
select results_eq($$ select slug::text from public.centres where tenant_id in (tests.tenancy_id('tenant_a'), tests.tenancy_id('tenant_b'), tests.tenancy_id('tenant_c')) order by slug $$,
  $$ values ('central'), ('harbor'), ('north') $$, 'a patient sees only published centres');
reset role;
select tests.authenticate_as('a_owner');
select results_eq($$ select slug::text from public.centres where tenant_id in (tests.tenancy_id('tenant_a'), tests.tenancy_id('tenant_b'), tests.tenancy_id('tenant_c')) order by slug $$,
  $$ values ('back-office'), ('central'), ('harbor'), ('north') $$, 'an owner sees every centre of their tenant, unpublished too');
reset role;
select tests.authenticate_as('a_admin');
select results_eq($$ select slug::text from public.centres where tenant_id in (tests.tenancy_id('tenant_a'), tests.tenancy_id('tenant_b'), tests.tenancy_id('tenant_c')) order by slug $$,
  $$ values ('back-office'), ('central'), ('harbor'), ('north') $$, 'an admin sees every centre of their tenant, unpublished too');
reset role;
select tests.authenticate_as('a_manager');
select results_eq($$ select slug::text from public.centres where tenant_id in (tests.tenancy_id('tenant_a'), tests.tenancy_id('tenant_b'), tests.tenancy_id('tenant_c')) order by slug $$,
  $$ values ('back-office'), ('central'), ('harbor'), ('north') $$, 'a manager sees every centre of their tenant, unpublished too');
reset role;
select tests.authenticate_as('a_centre_manager');
select results_eq($$ select slug::text from public.centres where tenant_id in (tests.tenancy_id('tenant_a'), tests.tenancy_id('tenant_b'), tests.tenancy_id('tenant_c')) order by slug $$,
  $$ values ('back-office'), ('central'), ('harbor'), ('north') $$, 'a centre manager sees every centre of their tenant, unpublished too');
reset role;
select tests.authenticate_as('a_clinician');
select results_eq($$ select slug::text from public.centres where tenant_id in (tests.tenancy_id('tenant_a'), tests.tenancy_id('tenant_b'), tests.tenancy_id('tenant_c')) order by slug $$,
  $$ values ('back-office'), ('central'), ('harbor'), ('north') $$, 'a clinician sees every centre of their tenant, unpublished too');
reset role;
select tests.authenticate_as('a_care_coordinator');
select results_eq($$ select slug::text from public.centres where tenant_id in (tests.tenancy_id('tenant_a'), tests.tenancy_id('tenant_b'), tests.tenancy_id('tenant_c')) order by slug $$,
  $$ values ('back-office'), ('central'), ('harbor'), ('north') $$, 'a care coordinator sees every centre of their tenant, unpublished too');
reset role;
select tests.authenticate_as('a_front_desk');
select results_eq($$ select slug::text from public.centres where tenant_id in (tests.tenancy_id('tenant_a'), tests.tenancy_id('tenant_b'), tests.tenancy_id('tenant_c')) order by slug $$,
  $$ values ('back-office'), ('central'), ('harbor'), ('north') $$, 'front desk sees every centre of their tenant, unpublished too');
reset role;
select tests.authenticate_as('b_owner');
select results_eq($$ select slug::text from public.centres where tenant_id in (tests.tenancy_id('tenant_a'), tests.tenancy_id('tenant_b'), tests.tenancy_id('tenant_c')) order by slug $$,
  $$ values ('central'), ('harbor'), ('north') $$, 'the owner of another tenant does not see tenant_a''s unpublished centre');
reset role;
select tests.authenticate_as('c_owner');
select results_eq($$ select slug::text from public.centres where tenant_id in (tests.tenancy_id('tenant_a'), tests.tenancy_id('tenant_b'), tests.tenancy_id('tenant_c')) order by slug $$,
  $$ values ('central'), ('centro'), ('harbor'), ('north') $$, 'staff of an inactive tenant still see its centres; the public does not');
reset role;
select tests.authenticate_as_service_role();
select results_eq($$ select count(*) from public.centres where tenant_id in (tests.tenancy_id('tenant_a'), tests.tenancy_id('tenant_b'), tests.tenancy_id('tenant_c')) $$, $$ values (5::bigint) $$, 'service_role sees every centre');
reset role;

select * from finish();
rollback;
