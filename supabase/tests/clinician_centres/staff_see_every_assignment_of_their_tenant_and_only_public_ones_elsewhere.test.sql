-- Staff of a tenant (any active member, any role or scope) see every clinician-to-centre
-- assignment of their tenant; of other tenants only the public ones.
begin;
select plan(9);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: every role of tenant A, and staff of tenant B
with staff_of(tenant, sees) as (values
  ('A', $$ select clinician_id, centre_id from (values (tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1')), (tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a_unpublished')), (tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a2')), (tests.tenancy_id('clinician_a_retired'), tests.tenancy_id('centre_a1')), (tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('centre_a2')), (tests.tenancy_id('clinician_b'), tests.tenancy_id('centre_b1'))) as v (clinician_id, centre_id) order by 1, 2 $$),
  ('B', $$ select clinician_id, centre_id from (values (tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1')), (tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('centre_a2')), (tests.tenancy_id('clinician_b'), tests.tenancy_id('centre_b1'))) as v (clinician_id, centre_id) order by 1, 2 $$))
select is(
  tests.rows_as(m.who, $$ select clinician_id, centre_id from public.clinician_centres where tenant_id = any (tests.tenancy_tenant_ids()) order by 1, 2 $$),
  tests.rows_of(s.sees),
  m.description)
from (values
  (1, 'a_owner', 'A', 'the owner of tenant A sees every assignment of A (unpublished centre, unlisted and inactive clinicians too) and B''s public ones'),
  (2, 'a_admin', 'A', 'an admin of tenant A sees every assignment of A (unpublished centre, unlisted and inactive clinicians too) and B''s public ones'),
  (3, 'a_manager', 'A', 'a manager of tenant A sees every assignment of A (unpublished centre, unlisted and inactive clinicians too) and B''s public ones'),
  (4, 'a_centre_manager', 'A', 'a centre manager (scoped to one centre) of tenant A sees every assignment of A (unpublished centre, unlisted and inactive clinicians too) and B''s public ones'),
  (5, 'a_clinician', 'A', 'a clinician of tenant A sees every assignment of A (unpublished centre, unlisted and inactive clinicians too) and B''s public ones'),
  (6, 'a_clinician_2', 'A', 'a centre-scoped clinician of tenant A sees every assignment of A (unpublished centre, unlisted and inactive clinicians too) and B''s public ones'),
  (7, 'a_care_coordinator', 'A', 'a care coordinator of tenant A sees every assignment of A (unpublished centre, unlisted and inactive clinicians too) and B''s public ones'),
  (8, 'a_front_desk', 'A', 'the front desk of tenant A sees every assignment of A (unpublished centre, unlisted and inactive clinicians too) and B''s public ones'),
  (9, 'b_owner', 'B', 'the owner of tenant B sees B''s assignments and only the public ones of tenant A')
) as m(n, who, tenant, description)
join staff_of as s using (tenant)
order by m.n;

select * from finish();
rollback;
