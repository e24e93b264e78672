-- Staff of a tenant (any role or scope, also of a suspended tenant) see which clinicians offer which
-- services in their tenant, all of it; of other tenants only the public pairings.
begin;
select plan(10);

-- SETUP
select tests.create_catalogue_fixtures();

-- TEST: every role of tenant A, and the owners of tenant B and of the inactive tenant C (sees: what staff of that tenant see; sets, compared in order)
with expected(sees, statement) as (values
  ('tenant A staff', $$ select * from (values (tests.tenancy_id('clinician_a'), tests.tenancy_id('service_a_consult')), (tests.tenancy_id('clinician_a'), tests.tenancy_id('service_a_internal')), (tests.tenancy_id('clinician_a_2'), tests.tenancy_id('service_a_consult')), (tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('service_a_scan')), (tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('service_a_retired')), (tests.tenancy_id('clinician_a_retired'), tests.tenancy_id('service_a_consult')), (tests.tenancy_id('clinician_b'), tests.tenancy_id('service_b_consult'))) as v order by 1, 2 $$),
  ('tenant B staff', $$ select * from (values (tests.tenancy_id('clinician_a'), tests.tenancy_id('service_a_consult')), (tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('service_a_scan')), (tests.tenancy_id('clinician_b'), tests.tenancy_id('service_b_consult'))) as v order by 1, 2 $$),
  ('tenant C staff', $$ select * from (values (tests.tenancy_id('clinician_a'), tests.tenancy_id('service_a_consult')), (tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('service_a_scan')), (tests.tenancy_id('clinician_b'), tests.tenancy_id('service_b_consult')), (tests.tenancy_id('clinician_c'), tests.tenancy_id('service_c_consult'))) as v order by 1, 2 $$))
select is(
  tests.rows_as(m.who, $$ select clinician_id, service_id from public.clinician_services where tenant_id = any (tests.tenancy_tenant_ids()) order by 1, 2 $$),
  tests.rows_of(e.statement),
  m.description)
from (values
  (1, 'a_owner', 'tenant A staff', 'the owner of tenant A sees every pairing of A (unlisted, inactive and retired too) and B''s public ones'),
  (2, 'a_admin', 'tenant A staff', 'an admin of tenant A sees every pairing of A (unlisted, inactive and retired too) and B''s public ones'),
  (3, 'a_manager', 'tenant A staff', 'a manager of tenant A sees every pairing of A (unlisted, inactive and retired too) and B''s public ones'),
  (4, 'a_centre_manager', 'tenant A staff', 'a centre manager of tenant A (centre A1) sees every pairing of A (unlisted, inactive and retired too) and B''s public ones'),
  (5, 'a_clinician', 'tenant A staff', 'a clinician of tenant A sees every pairing of A (unlisted, inactive and retired too) and B''s public ones'),
  (6, 'a_clinician_2', 'tenant A staff', 'a centre-scoped clinician of tenant A sees every pairing of A (unlisted, inactive and retired too) and B''s public ones'),
  (7, 'a_care_coordinator', 'tenant A staff', 'a care coordinator of tenant A sees every pairing of A (unlisted, inactive and retired too) and B''s public ones'),
  (8, 'a_front_desk', 'tenant A staff', 'the front desk of tenant A sees every pairing of A (unlisted, inactive and retired too) and B''s public ones'),
  (9, 'b_owner', 'tenant B staff', 'the owner of tenant B sees B''s pairings and only the public ones of tenant A'),
  (10, 'c_owner', 'tenant C staff', 'the owner of the inactive tenant C still reads C''s pairings')
) as m(n, who, sees, description)
join expected as e using (sees)
order by m.n;

select * from finish();
rollback;
