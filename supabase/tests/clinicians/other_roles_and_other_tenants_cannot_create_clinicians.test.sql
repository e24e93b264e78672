-- Only owners, admins and managers create clinician profiles: centre managers, clinicians, care
-- coordinators, front desk, patients and staff of another tenant get 42501 (the insert policy's
-- WITH CHECK fails).
begin;
select plan(8);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: roles of tenant A below manager and people who are not staff of tenant A create no profile
select is(tests.attempt_as(m.who, $$ insert into public.clinicians (tenant_id, display_name) values (tests.tenancy_id('tenant_a'), 'Dr Sneaky') $$), m.expected, m.description)
from (values
  ('a_centre_manager', '42501: new row violates row-level security policy for table "clinicians"', 'a centre manager of tenant A cannot create a clinician profile'),
  ('a_clinician', '42501: new row violates row-level security policy for table "clinicians"', 'a clinician of tenant A cannot create a clinician profile'),
  ('a_care_coordinator', '42501: new row violates row-level security policy for table "clinicians"', 'a care coordinator of tenant A cannot create a clinician profile'),
  ('a_front_desk', '42501: new row violates row-level security policy for table "clinicians"', 'the front desk of tenant A cannot create a clinician profile'),
  ('patient', '42501: new row violates row-level security policy for table "clinicians"', 'a patient of tenant A cannot create a clinician profile'),
  ('b_owner', '42501: new row violates row-level security policy for table "clinicians"', 'the owner of tenant B cannot create a clinician profile in tenant A')
) as m(who, expected, description);

-- TEST: another tenant's owner cannot borrow a member of tenant A
select tests.authenticate_as('b_owner');
select throws_ok(
  $$ with profile as (
       insert into public.clinicians (tenant_id, id, display_name)
       values (tests.tenancy_id('tenant_b'), tests.tenancy_id('clinician_borrowed'), 'Dr Borrowed') returning tenant_id, id)
     insert into public.clinician_members (tenant_id, clinician_id, member_id)
     select p.tenant_id, p.id, tests.tenancy_id('a_front_desk.member') from profile as p $$,
  '23503', null,
  'the owner of tenant B cannot link a profile in B to a member of tenant A (same-tenant foreign key)');
reset role;
select is((select count(*)::integer from public.clinicians where display_name in ('Dr Sneaky', 'Dr Borrowed')), 0,
  'no profile was created');

select * from finish();
rollback;
