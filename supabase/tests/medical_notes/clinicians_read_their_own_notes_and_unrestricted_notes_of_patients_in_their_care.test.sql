-- Who reads which clinical note, per role. Only clinicians read notes, and among them the author
-- (restricted notes too) and, for notes that are not restricted, a clinician in whose care the
-- patient is: an appointment with them that is not cancelled or entered in error. Staff who are
-- not clinicians, the patient, other tenants and anon read none; the tenant's clinicians read no
-- note of another tenant about the same person. Cast: _setup/clinical_fixtures.sql.
begin;
select plan(21);

-- SETUP
select tests.create_clinical_fixtures();

-- TEST: which notes of either tenant each caller reads
select is(
  tests.outcome_as(m.who, $$ select 1 from public.medical_notes where tenant_id = any (tests.tenancy_tenant_ids()) $$),
  m.expected, m.who || ' reads ' || m.expected || ' (' || m.why || ')')
from (values
  ('a_clinician', '3 rows', 'own note_a and note_walk_in; note_a_2 about patient_a, in their care'),
  ('a_clinician_2', '2 rows', 'own note_a_2 and note_a_restricted only: a cancelled or erroneous appointment makes no care'),
  ('a_owner', '0 rows', 'not a clinician'), ('a_admin', '0 rows', 'not a clinician'), ('a_manager', '0 rows', 'not a clinician'),
  ('a_centre_manager', '0 rows', 'not a clinician'), ('a_care_coordinator', '0 rows', 'not a clinician'),
  ('a_front_desk', '0 rows', 'not a clinician'), ('patient', '0 rows', 'patients do not read clinical notes'),
  ('b_clinician', '1 row', 'only tenant B''s note'), ('b_owner', '0 rows', 'not a clinician'),
  ('anon', '42501', 'no grant'), ('service_role', '5 rows', 'bypasses RLS')
) as m(who, expected, why);

-- TEST: exactly which
select is(
  array(select n.name from unnest(array['note_a', 'note_a_2', 'note_a_restricted', 'note_walk_in', 'note_b']) as n(name)
        where tests.outcome_as(m.who, pg_catalog.format('select 1 from public.medical_notes where id = %L', tests.tenancy_id(n.name))) = '1 row'
        order by 1),
  m.expected, m.who || ' reads exactly ' || array_to_string(m.expected, ', '))
from (values
  ('a_clinician', array['note_a', 'note_a_2', 'note_walk_in']),
  ('a_clinician_2', array['note_a_2', 'note_a_restricted'])
) as m(who, expected);

-- TEST: the care relationship starts with a booking and ends with nothing else
select tests.insert_appointment('care_new', 'appt_checkup', 'clinician_a_2', 'patient_a_walk_in', tests.appointment_slot(3, '12:00'));
select is(
  tests.outcome_as('a_clinician_2', $$ select 1 from public.medical_notes where id = tests.tenancy_id('note_walk_in') $$),
  '1 row', 'once a_clinician_2 has a live appointment with the walk-in patient, they read that patient''s notes');
select is(
  tests.outcome_as('a_clinician_2', $$ select 1 from public.medical_notes where id = tests.tenancy_id('note_a') $$),
  '0 rows', 'but still not notes about patients not in their care');
select is(
  tests.outcome_as('a_clinician', $$ select 1 from public.medical_notes where id = tests.tenancy_id('note_a_restricted') $$),
  '0 rows', 'a restricted note is not read by the patient''s other clinicians, even in care');
select is(
  tests.outcome_as('a_clinician', $$ update public.medical_notes set body = 'edited' where id = tests.tenancy_id('note_a_2') returning 1 $$),
  '0 rows', 'reading a colleague''s note in care does not let a clinician edit it');
select is(
  tests.outcome_as('a_clinician_2', $$ update public.medical_notes set is_restricted = false where id = tests.tenancy_id('note_a_restricted') returning 1 $$),
  '1 row', 'the author may lift the restriction of their own note');
select is(
  tests.outcome_as('a_clinician', $$ update public.medical_notes set is_restricted = true where id = tests.tenancy_id('note_a_2') returning 1 $$),
  '0 rows', 'nobody else may set or lift it');

select * from finish();
rollback;
