-- Visit notes: a note of an appointment of the same patient, with SOAP sections; the author signs
-- it (signed_at stamped by the database); a signed note is final - no edit, no way back to draft
-- (PT409 status_conflict) - except sharing it with the patient, who then reads it. Drafts and
-- restricted notes are never shared.
begin;
select plan(20);

-- SETUP: care_a (patient_a with clinician_a), note_visit (signed, shared), note_a (draft)
select tests.create_clinical_fixtures();
select tests.create_clinical_record_fixtures('care_a');
select tests.insert_appointment('other_patient_visit', 'appt_checkup', 'clinician_a', 'patient_a_2', tests.appointment_slot(3, '10:00'));

-- TEST: writing a visit note
select tests.authenticate_as('a_clinician');
select is(tests.error_details_of($$
  insert into public.medical_notes (tenant_id, patient_id, appointment_id, subjective)
  values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), tests.tenancy_id('other_patient_visit'), 'Headache') $$) ->> 'code',
  '22023', 'a note cannot name another patient''s appointment (22023)');
select is(tests.error_details_of($$
  insert into public.medical_notes (tenant_id, patient_id, subjective, plan)
  values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), '  ', null) $$) ->> 'code',
  '23514', 'a note with nothing in its body or sections is refused (23514)');
insert into public.medical_notes (tenant_id, id, patient_id, appointment_id, subjective, assessment)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('note_new'), tests.tenancy_id('patient_a'), tests.tenancy_id('care_a'),
        'Knee pain after running', 'Patellofemoral pain');
select is((select row(status, signed_at, body) from public.medical_notes where id = tests.tenancy_id('note_new')),
          row('draft'::public.note_status, null::timestamptz, ''::text), 'a new note is a draft without a signing time and may have an empty body');
select is(tests.outcome_as('a_clinician', $$ update public.medical_notes set plan = 'Physiotherapy' where id = tests.tenancy_id('note_new') returning 1 $$),
          '1 row', 'the author edits the draft');
select is(tests.error_details_of($$ update public.medical_notes set is_shared_with_patient = true where id = tests.tenancy_id('note_new') $$) ->> 'code',
          '23514', 'a draft is not shared with the patient (23514)');

-- TEST: signing
update public.medical_notes set status = 'signed' where id = tests.tenancy_id('note_new');
select ok((select signed_at is not null from public.medical_notes where id = tests.tenancy_id('note_new')), 'signing stamps signed_at');
select is(tests.error_details_of($$ update public.medical_notes set plan = 'Rest' where id = tests.tenancy_id('note_new') $$),
          '{"code": "PT409", "detail": "status_conflict", "message": "a signed note is not edited", "hint": "Add an amendment to the note (medical_note_amendments); only sharing with the patient can still change."}'::jsonb,
          'a signed note is not edited: PT409 status_conflict with a hint to amend');
select is(tests.error_details_of($$ update public.medical_notes set status = 'draft' where id = tests.tenancy_id('note_new') $$) ->> 'detail',
          'status_conflict', 'a signed note does not return to draft');
select is(tests.error_details_of($$ update public.medical_notes set is_restricted = true where id = tests.tenancy_id('note_new') $$) ->> 'detail',
          'status_conflict', 'nor is it restricted afterwards');
select is(tests.outcome_as('a_clinician', $$ update public.medical_notes set is_shared_with_patient = true where id = tests.tenancy_id('note_new') returning 1 $$),
          '1 row', 'the author shares the signed note with the patient');
select is(tests.outcome_as('a_clinician_2', $$ update public.medical_notes set is_shared_with_patient = true where id = tests.tenancy_id('note_new') returning 1 $$),
          '0 rows', 'another clinician does not share it');
select is(tests.outcome_as('a_clinician', $$ update public.medical_notes set appointment_id = tests.tenancy_id('other_patient_visit') where id = tests.tenancy_id('note_a') returning 1 $$),
          'PT422', 'the visit of a note never changes (PT422)');
reset role;

-- TEST: the patient reads the signed notes shared with them, nothing else
select is(tests.outcome_as('patient', $$ select 1 from public.medical_notes where id = tests.tenancy_id('note_visit') $$), '1 row',
          'the patient reads the signed note shared with them');
select is(tests.outcome_as('patient', $$ select 1 from public.medical_notes where patient_id = tests.tenancy_id('patient_a') $$), '1 row',
          'and no other note about them (drafts, unshared, restricted)');
update public.medical_notes set is_shared_with_patient = false where id = tests.tenancy_id('note_visit');
select is(tests.outcome_as('patient', $$ select 1 from public.medical_notes where id = tests.tenancy_id('note_visit') $$), '0 rows',
          'once unshared, the patient no longer reads it');
select is(tests.outcome_as('a_patient_2', $$ select 1 from public.medical_notes $$), '0 rows',
          'another patient reads none');
select is(tests.error_details_of($$ update public.medical_notes set status = 'signed', is_shared_with_patient = true where id = tests.tenancy_id('note_a_restricted') $$) ->> 'code',
          '23514', 'a restricted note is never shared with the patient (23514)');
select is(tests.outcome_as('patient', $$ update public.medical_notes set is_shared_with_patient = true where patient_id = tests.tenancy_id('patient_a') returning 1 $$),
          '0 rows', 'the patient shares nothing themself');
select is(tests.outcome_as('a_owner', $$ select 1 from public.medical_notes where id = tests.tenancy_id('note_visit') $$), '0 rows',
          'an owner still reads no note');

-- TEST: the audit log redacts the sections
select is((select new_row ->> 'subjective' from public.audit_log where table_name = 'public.medical_notes'
           and row_pk ->> 'id' = tests.tenancy_id('note_new')::text and action = 'insert'),
          '[redacted]', 'the audit log shows the sections as [redacted]');

select * from finish();
rollback;
