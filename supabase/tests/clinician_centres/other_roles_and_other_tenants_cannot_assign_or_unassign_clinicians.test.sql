-- Only owners, admins and managers change where clinicians work: centre managers (even at their
-- own centre), clinicians, care coordinators, the front desk, patients and staff of another tenant
-- get 42501 on insert and change zero rows on delete.
begin;
select plan(13);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: staff of tenant A below manager, a patient and another tenant's owner assign nobody
select is(
  tests.attempt_as(m.who, format(
    $$ insert into public.clinician_centres (tenant_id, clinician_id, centre_id)
       values (tests.tenancy_id('tenant_a'), tests.tenancy_id(%L), tests.tenancy_id('centre_a1')) $$,
    m.clinician)),
  '42501: new row violates row-level security policy for table "clinician_centres"',
  m.description)
from (values
  ('a_centre_manager', 'clinician_a_visiting', 'a centre manager, even at their own centre of tenant A cannot assign a clinician'),
  ('a_clinician', 'clinician_a', 'a clinician, even for their own profile of tenant A cannot assign a clinician'),
  ('a_care_coordinator', 'clinician_a_visiting', 'a care coordinator of tenant A cannot assign a clinician'),
  ('a_front_desk', 'clinician_a_visiting', 'the front desk of tenant A cannot assign a clinician'),
  ('patient', 'clinician_a_visiting', 'a patient cannot assign a clinician'),
  ('b_owner', 'clinician_a_visiting', 'the owner of tenant B cannot assign tenant A''s clinicians')
) as m(who, clinician, description);

-- TEST: ... and remove no assignment (staff of A try their centre, the others all of tenant A)
select is(
  tests.attempt_as(m.who, format($$ delete from public.clinician_centres where %s returning 1 $$, m.assignments)),
  '0 rows',
  m.description)
from (values
  ('a_centre_manager', $$centre_id = tests.tenancy_id('centre_a1')$$, 'a centre manager, even at their own centre of tenant A cannot remove assignments: zero rows'),
  ('a_clinician', $$centre_id = tests.tenancy_id('centre_a1')$$, 'a clinician, even for their own profile of tenant A cannot remove assignments: zero rows'),
  ('a_care_coordinator', $$centre_id = tests.tenancy_id('centre_a1')$$, 'a care coordinator of tenant A cannot remove assignments: zero rows'),
  ('a_front_desk', $$centre_id = tests.tenancy_id('centre_a1')$$, 'the front desk of tenant A cannot remove assignments: zero rows'),
  ('patient', $$tenant_id = tests.tenancy_id('tenant_a')$$, 'a patient cannot remove assignments: zero rows'),
  ('b_owner', $$tenant_id = tests.tenancy_id('tenant_a')$$, 'the owner of tenant B cannot remove tenant A''s assignments, not even the public ones it sees: zero rows')
) as m(who, assignments, description);

select is((select count(*)::integer from public.clinician_centres where tenant_id = tests.tenancy_id('tenant_a')), 5,
  'tenant A still has its five assignments');

select * from finish();
rollback;
