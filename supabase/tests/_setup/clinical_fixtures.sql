-- supabase/tests/_setup/clinical_fixtures.sql — clinical notes around the care relationship, on
-- top of the appointment, catalogue and tenancy casts, in schema `tests`. Applied like the other
-- _setup files (as postgres, committed; creates no data); a test calls
-- `select tests.create_clinical_fixtures();` after `begin`.
--
--   appointments (tenant_a, centre_a1 unless noted)
--     care_a          clinician_a    patient_a          booked     -> patient_a is in a_clinician's care
--     care_cancelled  clinician_a_2  patient_a_walk_in  cancelled  -> no care relationship
--     care_error      clinician_a_2  patient_a_2        entered_in_error (at centre_a2) -> none either
--   notes (besides note_a: patient_a by a_clinician, note_a_2: patient_a by a_clinician_2, note_b)
--     note_a_restricted  patient_a          by a_clinician_2, restricted (psychotherapy)
--     note_walk_in       patient_a_walk_in  by a_clinician
--
-- So a_clinician reads note_a and note_walk_in (theirs) and note_a_2 (patient_a is in their care),
-- not note_a_restricted; a_clinician_2 reads note_a_2 and note_a_restricted (theirs) only.

create schema if not exists tests;

create or replace function tests.create_clinical_fixtures()
returns void
language plpgsql
set search_path = ''
as $$
begin
  perform tests.create_appointment_fixtures();
  perform tests.insert_appointment('care_a', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(2, '10:00'));
  perform tests.insert_appointment('care_cancelled', 'appt_checkup', 'clinician_a_2', 'patient_a_walk_in', tests.appointment_slot(2, '12:00'), 'cancelled');
  perform tests.insert_appointment('care_error', 'appt_checkup', 'clinician_a_2', 'patient_a_2', tests.appointment_slot(2, '14:00'),
                                   'entered_in_error', 'tenant_a', 'centre_a2');
  insert into public.medical_notes (tenant_id, id, patient_id, author_member_id, body, is_restricted) values
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('note_a_restricted'), tests.tenancy_id('patient_a'),
     tests.tenancy_id('a_clinician_2.member'), 'Psychotherapy session notes', true),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id('note_walk_in'), tests.tenancy_id('patient_a_walk_in'),
     tests.tenancy_id('a_clinician.member'), 'Walk-in triage note', false);
end
$$;
comment on function tests.create_clinical_fixtures() is
  'pgTAP fixtures: appointments that do and do not make a care relationship, and a restricted note (see supabase/tests/_setup/clinical_fixtures.sql). Call as postgres after begin.';

revoke execute on function tests.create_clinical_fixtures() from public;
