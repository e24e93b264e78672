-- Staff of a tenant - any active member, whatever their role or centre scope - see every
-- clinician profile of their tenant (unlisted and inactive ones too), plus the public directory
-- of other tenants. Staff of another tenant see only tenant A's public profiles.
begin;
select plan(11);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: every role of tenant A, and staff of tenant B
with staff_of(tenant, sees) as (values
  ('A', $$ values ('Dr Ada Alpha'), ('Dr Bea Beta'), ('Dr Ret Ired'), ('Dr Una Listed'), ('Dr Vi Siting') $$),
  ('B', $$ values ('Dr Ada Alpha'), ('Dr Bea Beta'), ('Dr Vi Siting') $$))
select is(
  tests.rows_as(m.who, $$ select display_name::text from public.clinicians where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$),
  tests.rows_of(s.sees),
  m.description)
from (values
  (1, 'a_owner', 'A', 'the owner of tenant A sees all of A''s clinicians (unlisted and inactive too) and B''s public ones'),
  (2, 'a_admin', 'A', 'an admin of tenant A sees all of A''s clinicians (unlisted and inactive too) and B''s public ones'),
  (3, 'a_manager', 'A', 'a manager of tenant A sees all of A''s clinicians (unlisted and inactive too) and B''s public ones'),
  (4, 'a_centre_manager', 'A', 'a centre manager (scoped to one centre) of tenant A sees all of A''s clinicians (unlisted and inactive too) and B''s public ones'),
  (5, 'a_clinician', 'A', 'a clinician of tenant A sees all of A''s clinicians (unlisted and inactive too) and B''s public ones'),
  (6, 'a_clinician_2', 'A', 'a centre-scoped clinician of tenant A sees all of A''s clinicians (unlisted and inactive too) and B''s public ones'),
  (7, 'a_care_coordinator', 'A', 'a care coordinator of tenant A sees all of A''s clinicians (unlisted and inactive too) and B''s public ones'),
  (8, 'a_front_desk', 'A', 'the front desk of tenant A sees all of A''s clinicians (unlisted and inactive too) and B''s public ones'),
  (9, 'b_owner', 'B', 'the owner of tenant B sees B''s clinicians and only the public ones of tenant A'),
  (10, 'b_clinician', 'B', 'a clinician of tenant B sees B''s clinicians and only the public ones of tenant A')
) as m(n, who, tenant, description)
join staff_of as s using (tenant)
order by m.n;

select tests.authenticate_as('b_clinician');
select is_empty(
  $$ select 1 from public.clinicians where id in (tests.tenancy_id('clinician_a_2'), tests.tenancy_id('clinician_a_retired')) $$,
  'staff of tenant B do not see tenant A''s unlisted or inactive clinicians');

select * from finish();
rollback;
