-- Medical history: clinicians with the patient in their care (or an open break-glass access)
-- record, correct and verify allergies, conditions and medications; the patient reads their own
-- and reports new entries, which stay unconfirmed - they never verify. Nobody else reads them,
-- and nothing is deleted.
begin;
select plan(21);

-- SETUP: patient_a in a_clinician's care (care_a); hist_* entries of patient_a and patient_a_walk_in
select tests.create_clinical_fixtures();
select tests.create_clinical_record_fixtures('care_a');

-- TEST: the patient reports
select tests.authenticate_as('patient');
insert into public.medical_history_entries (tenant_id, id, patient_id, kind, name, reaction, severity)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('hist_peanuts'), tests.tenancy_id('patient_a'), 'allergy', 'Peanuts', 'Swollen lips', 'severe');
reset role;
select is((select row(verification_status, recorded_by, recorded_by_member_id, verified_at)
           from public.medical_history_entries where id = tests.tenancy_id('hist_peanuts')),
          row('unconfirmed'::public.verification_status, tests.get_supabase_uid('patient'), null::uuid, null::timestamptz),
          'a reported entry is unconfirmed, recorded by the patient, without a clinician');
select is(tests.error_details_of($$ select tests.authenticate_as('patient');
  insert into public.medical_history_entries (tenant_id, patient_id, kind, name, verification_status)
  values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), 'condition', 'Migraine', 'confirmed') $$),
  '{"code": "42501", "message": "only a clinician verifies a medical history entry", "hint": "Report it as unconfirmed; a clinician confirms it at your next visit."}'::jsonb,
  'a patient does not report an entry as confirmed (42501 with a hint)');
reset role;
select is(tests.outcome_as('patient', $$ update public.medical_history_entries set verification_status = 'confirmed' where id = tests.tenancy_id('hist_peanuts') returning 1 $$),
          '0 rows', 'the patient does not verify (or change) an entry');
select is(tests.outcome_as('patient', $$ insert into public.medical_history_entries (tenant_id, patient_id, kind, name)
  values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a_walk_in'), 'allergy', 'Dust') returning 1 $$),
          '42501', 'nor reports for someone else');
select is(tests.outcome_as('patient', $$ select 1 from public.medical_history_entries $$), '4 rows',
          'the patient reads their own entries (three of the fixture and their report), not the walk-in patient''s');

-- TEST: a clinician verifies
select tests.authenticate_as('a_clinician');
update public.medical_history_entries set verification_status = 'confirmed' where id = tests.tenancy_id('hist_peanuts');
reset role;
select is((select row(verification_status, verified_by_member_id, verified_at is not null, recorded_by_member_id)
           from public.medical_history_entries where id = tests.tenancy_id('hist_peanuts')),
          row('confirmed'::public.verification_status, tests.tenancy_id('a_clinician.member'), true, null::uuid),
          'the clinician''s verification is stamped with them and the time; the patient stays the reporter');
select tests.authenticate_as('a_clinician');
update public.medical_history_entries set note = 'Carries an adrenaline pen' where id = tests.tenancy_id('hist_peanuts');
reset role;
select is((select verified_by_member_id from public.medical_history_entries where id = tests.tenancy_id('hist_peanuts')),
          tests.tenancy_id('a_clinician.member'), 'another change keeps the verification as it was');
select tests.authenticate_as('a_clinician');
insert into public.medical_history_entries (tenant_id, id, patient_id, kind, name, code, code_system, onset_date, verification_status)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('hist_htn'), tests.tenancy_id('patient_a'), 'condition', 'Essential hypertension',
        'I10', 'icd_10', '2024-03-01', 'confirmed');
reset role;
select is((select row(recorded_by_member_id, verified_by_member_id) from public.medical_history_entries where id = tests.tenancy_id('hist_htn')),
          row(tests.tenancy_id('a_clinician.member'), tests.tenancy_id('a_clinician.member')),
          'a clinician records a confirmed entry as recorder and verifier');
select is(tests.outcome_as('a_clinician', $$ update public.medical_history_entries set verification_status = 'entered_in_error' where id = tests.tenancy_id('hist_reported') returning 1 $$),
          '1 row', 'a wrong entry is marked entered_in_error');
select is(tests.outcome_as('a_clinician', $$ delete from public.medical_history_entries returning 1 $$), '42501',
          'nobody deletes an entry through the API');

-- TEST: the shape of each kind
select is(tests.outcome_as('a_clinician', $$ insert into public.medical_history_entries (tenant_id, patient_id, kind, name, dosage)
  values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), 'allergy', 'Latex', '5 mg') returning 1 $$), '23514',
  'a dosage belongs to medications (23514)');
select is(tests.outcome_as('a_clinician', $$ insert into public.medical_history_entries (tenant_id, patient_id, kind, name, severity)
  values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), 'condition', 'Gout', 'mild') $$ || ' returning 1'), '23514',
  'a severity belongs to allergies (23514)');
select is(tests.outcome_as('a_clinician', $$ insert into public.medical_history_entries (tenant_id, patient_id, kind, name, code)
  values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), 'condition', 'Gout', 'M10') returning 1 $$), '23514',
  'a code names its system (23514)');
select is(tests.outcome_as('a_clinician', $$ insert into public.medical_history_entries (tenant_id, patient_id, kind, name, onset_date, end_date)
  values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), 'medication', 'Metformin', '2024-01-01', '2023-01-01') returning 1 $$), '23514',
  'an entry does not end before it began (23514)');
select is(tests.outcome_as('a_clinician', $$ update public.medical_history_entries set kind = 'allergy' where id = tests.tenancy_id('hist_condition') returning 1 $$),
          'PT422', 'the kind of an entry never changes (PT422)');

-- TEST: nobody else
select is(tests.outcome_as(m.who, $$ select 1 from public.medical_history_entries where patient_id = tests.tenancy_id('patient_a') $$), m.expected,
          m.who || ' reads ' || m.expected || ' of patient_a''s history')
from (values ('a_owner', '0 rows'), ('a_front_desk', '0 rows'), ('a_care_coordinator', '0 rows'), ('b_owner', '0 rows'))
  as m(who, expected);
select is(tests.outcome_as('a_clinician', $$ select 1 from public.medical_history_entries where patient_id = tests.tenancy_id('patient_a_walk_in') $$),
          '0 rows', 'a clinician does not read the history of a patient outside their care');
insert into public.break_glass_accesses (tenant_id, patient_id, member_id, reason)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a_walk_in'), tests.tenancy_id('a_clinician.member'), 'Wheezing in the waiting room');
select is(tests.outcome_as('a_clinician', $$ select 1 from public.medical_history_entries where patient_id = tests.tenancy_id('patient_a_walk_in') $$),
          '1 row', 'with an open break-glass access they do');

select * from finish();
rollback;
