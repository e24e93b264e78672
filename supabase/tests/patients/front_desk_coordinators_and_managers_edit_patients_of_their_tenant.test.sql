-- Owners, admins, managers, centre managers, care coordinators and the front desk edit the
-- patient records of their tenant (linked or not), centre-scoped ones those of their centres
-- (the centre manager of centre_a1: patient_a_walk_in, registered there, but not patient_a_2),
-- but never the account link.
begin;
select plan(8);

-- SETUP
select tests.create_tenancy_fixtures();
update public.patients set registered_centre_id = tests.tenancy_id('centre_a1') where id = tests.tenancy_id('patient_a_walk_in');

-- TEST: each front-office role edits a patient of tenant A (and sees the edit returned)
select is(
  tests.rows_as(m.who, format($$ update public.patients set lead_source = %L where id = tests.tenancy_id(%L) returning lead_source $$, 'edited_by_' || m.who, m.patient)),
  tests.rows_of(format($$ values (%L) $$, 'edited_by_' || m.who)),
  m.description)
from (values
  ('a_owner', 'patient_a_walk_in', 'the owner of tenant A edits patient_a_walk_in'),
  ('a_admin', 'patient_a', 'an admin of tenant A edits patient_a'),
  ('a_manager', 'patient_a_2', 'a manager of tenant A edits patient_a_2'),
  ('a_centre_manager', 'patient_a_walk_in', 'a centre manager (scoped to centre_a1) edits patient_a_walk_in, registered at centre_a1'),
  ('a_care_coordinator', 'patient_a', 'a care coordinator of tenant A edits patient_a'),
  ('a_front_desk', 'patient_a_2', 'the front desk of tenant A edits patient_a_2')
) as m(who, patient, description);

-- TEST: the centre manager edits only the patients of their centre
select tests.authenticate_as('a_centre_manager');
select is_empty(
  $$ update public.patients set lead_source = 'edited_elsewhere' where id = tests.tenancy_id('patient_a_2') returning 1 $$,
  'but not patient_a_2, who does not belong to centre_a1 (zero rows)');

-- TEST: nobody on the staff links a record to an account
select tests.authenticate_as('a_front_desk');
select throws_ok(
  $$ update public.patients set user_id = tests.get_supabase_uid('outsider') where id = tests.tenancy_id('patient_a_walk_in') $$,
  'PT403', 'the account of a patient record cannot be changed',
  'staff cannot link a record to an account');

select * from finish();
rollback;
