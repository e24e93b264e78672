-- centres x select, every role: the public (anon, patients, other tenants) sees published, active
-- centres of active tenants; staff of a tenant see all its centres.
begin;
select plan(12);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: the public and every role, the staff of another and of an inactive tenant
select is(
  tests.rows_as(m.who, $$ select slug::text from public.centres where tenant_id in (tests.tenancy_id('tenant_a'), tests.tenancy_id('tenant_b'), tests.tenancy_id('tenant_c')) order by slug $$),
  tests.rows_of(m.sees),
  m.description)
from (values
  ('anon', $$ values ('central'), ('harbor'), ('north') $$, 'anon sees published, active centres of active tenants'),
  ('patient', $$ values ('central'), ('harbor'), ('north') $$, 'a patient sees only published centres'),
  ('a_owner', $$ values ('back-office'), ('central'), ('harbor'), ('north') $$, 'an owner sees every centre of their tenant, unpublished too'),
  ('a_admin', $$ values ('back-office'), ('central'), ('harbor'), ('north') $$, 'an admin sees every centre of their tenant, unpublished too'),
  ('a_manager', $$ values ('back-office'), ('central'), ('harbor'), ('north') $$, 'a manager sees every centre of their tenant, unpublished too'),
  ('a_centre_manager', $$ values ('back-office'), ('central'), ('harbor'), ('north') $$, 'a centre manager sees every centre of their tenant, unpublished too'),
  ('a_clinician', $$ values ('back-office'), ('central'), ('harbor'), ('north') $$, 'a clinician sees every centre of their tenant, unpublished too'),
  ('a_care_coordinator', $$ values ('back-office'), ('central'), ('harbor'), ('north') $$, 'a care coordinator sees every centre of their tenant, unpublished too'),
  ('a_front_desk', $$ values ('back-office'), ('central'), ('harbor'), ('north') $$, 'front desk sees every centre of their tenant, unpublished too'),
  ('b_owner', $$ values ('central'), ('harbor'), ('north') $$, 'the owner of another tenant does not see tenant_a''s unpublished centre'),
  ('c_owner', $$ values ('central'), ('centro'), ('harbor'), ('north') $$, 'staff of an inactive tenant still see its centres; the public does not')
) as m(who, sees, description);

select tests.authenticate_as_service_role();
select results_eq($$ select count(*) from public.centres where tenant_id in (tests.tenancy_id('tenant_a'), tests.tenancy_id('tenant_b'), tests.tenancy_id('tenant_c')) $$, $$ values (5::bigint) $$, 'service_role sees every centre');
reset role;

select * from finish();
rollback;
