-- supabase/tests/_setup/clinical_record_fixtures.sql — the clinical record around a visit
-- (docs/clinical.md), in schema `tests`. Applied like the other _setup files (as postgres,
-- committed; creates no data). A test first creates a cast in which a_clinician (profile
-- clinician_a) has patient_a in their care through an appointment - tests.create_clinical_fixtures()
-- (appointment care_a) or tests.create_centre_scope_fixtures() (appointment scope_a1) - then calls
-- `select tests.create_clinical_record_fixtures('<that appointment>');`.
--
--   visit notes    note_visit     patient_a, of the visit, SOAP, by a_clinician, SIGNED and shared
--                                 with the patient; amendment amend_visit by a_clinician
--                  (besides the casts' notes: note_a is a draft by a_clinician)
--   history        hist_allergy   patient_a  allergy Penicillin (hives, moderate), confirmed by a_clinician
--                  hist_condition patient_a  condition Type 2 diabetes (ICD-10 E11.9), confirmed
--                  hist_reported  patient_a  medication Ibuprofen, reported by the patient (unconfirmed)
--                  hist_walk_in   patient_a_walk_in condition Asthma, recorded by a_clinician_2
--   prescriptions  rx_a           patient_a at the visit, by a_clinician, active, 2 items
--                  rx_walk_in     patient_a_walk_in, by a_clinician_2, active, 1 item
--   attachments    att_a          patient_a, of note_visit, lab report, shared with the patient
--                  att_walk_in    patient_a_walk_in, by a_clinician_2, not shared
--   appointment notes on the visit: the patient's ("Step-free access, please") and the front
--                  desk's ("Bring the insurance card")

create schema if not exists tests;

create or replace function tests.create_clinical_record_fixtures(p_visit text)
returns void
language plpgsql
set search_path = ''
as $$
declare
  v_tenant uuid := tests.tenancy_id('tenant_a');
begin
  insert into public.medical_notes (tenant_id, id, patient_id, author_member_id, appointment_id, subjective, objective,
                                    assessment, plan, status, is_shared_with_patient)
  values (v_tenant, tests.tenancy_id('note_visit'), tests.tenancy_id('patient_a'), tests.tenancy_id('a_clinician.member'),
          tests.tenancy_id(p_visit), 'Sore throat for 3 days', 'Temperature 38.2, tonsils inflamed', 'Tonsillitis',
          'Amoxicillin for 5 days; review if not better', 'signed', true);
  insert into public.medical_note_amendments (tenant_id, id, note_id, author_member_id, body)
  values (v_tenant, tests.tenancy_id('amend_visit'), tests.tenancy_id('note_visit'), tests.tenancy_id('a_clinician.member'),
          'Penicillin allergy noted after signing: switched to clarithromycin');

  insert into public.medical_history_entries (tenant_id, id, patient_id, kind, name, code, code_system, reaction, severity,
                                              dosage, onset_date, clinical_status, verification_status, recorded_by,
                                              recorded_by_member_id, verified_by_member_id, verified_at) values
    (v_tenant, tests.tenancy_id('hist_allergy'), tests.tenancy_id('patient_a'), 'allergy', 'Penicillin', null, null, 'Hives', 'moderate',
     null, '2015-06-01', 'active', 'confirmed', tests.get_supabase_uid('a_clinician'), tests.tenancy_id('a_clinician.member'),
     tests.tenancy_id('a_clinician.member'), now()),
    (v_tenant, tests.tenancy_id('hist_condition'), tests.tenancy_id('patient_a'), 'condition', 'Type 2 diabetes', 'E11.9', 'icd_10', null, null,
     null, '2020-01-15', 'active', 'confirmed', tests.get_supabase_uid('a_clinician'), tests.tenancy_id('a_clinician.member'),
     tests.tenancy_id('a_clinician.member'), now()),
    (v_tenant, tests.tenancy_id('hist_reported'), tests.tenancy_id('patient_a'), 'medication', 'Ibuprofen', null, null, null, null,
     '200 mg when needed', null, 'active', 'unconfirmed', tests.get_supabase_uid('patient'), null, null, null),
    (v_tenant, tests.tenancy_id('hist_walk_in'), tests.tenancy_id('patient_a_walk_in'), 'condition', 'Asthma', null, null, null, null,
     null, null, 'active', 'unconfirmed', tests.get_supabase_uid('a_clinician_2'), tests.tenancy_id('a_clinician_2.member'), null, null);

  insert into public.prescriptions (tenant_id, id, patient_id, appointment_id, prescriber_member_id, note) values
    (v_tenant, tests.tenancy_id('rx_a'), tests.tenancy_id('patient_a'), tests.tenancy_id(p_visit), tests.tenancy_id('a_clinician.member'),
     'Complete the course'),
    (v_tenant, tests.tenancy_id('rx_walk_in'), tests.tenancy_id('patient_a_walk_in'), null, tests.tenancy_id('a_clinician_2.member'), null);
  insert into public.prescription_items (tenant_id, prescription_id, position, medicine, strength, dose, route, frequency, duration,
                                         quantity, instructions) values
    (v_tenant, tests.tenancy_id('rx_a'), 1, 'Clarithromycin', '250 mg tablet', '1 tablet', 'oral', 'twice a day', '5 days',
     '10 tablets', 'Take with food'),
    (v_tenant, tests.tenancy_id('rx_a'), 2, 'Paracetamol', '500 mg tablet', '2 tablets', 'oral', 'up to four times a day', null,
     '32 tablets', null),
    (v_tenant, tests.tenancy_id('rx_walk_in'), 1, 'Salbutamol', '100 micrograms inhaler', '2 puffs', 'inhaled', 'when needed', null,
     '1 inhaler', null);

  insert into public.clinical_attachments (tenant_id, id, patient_id, note_id, object_path, title, kind, content_type,
                                           is_shared_with_patient, uploaded_by, uploaded_by_member_id) values
    (v_tenant, tests.tenancy_id('att_a'), tests.tenancy_id('patient_a'), tests.tenancy_id('note_visit'),
     v_tenant::text || '/' || tests.tenancy_id('patient_a')::text || '/clinical/throat-swab.pdf', 'Throat swab result', 'lab_report',
     'application/pdf', true, tests.get_supabase_uid('a_clinician'), tests.tenancy_id('a_clinician.member')),
    (v_tenant, tests.tenancy_id('att_walk_in'), tests.tenancy_id('patient_a_walk_in'), null,
     v_tenant::text || '/' || tests.tenancy_id('patient_a_walk_in')::text || '/clinical/peak-flow.png', 'Peak flow chart', 'other',
     'image/png', false, tests.get_supabase_uid('a_clinician_2'), tests.tenancy_id('a_clinician_2.member'));

  insert into public.appointment_notes (tenant_id, appointment_id, kind, body) values
    (v_tenant, tests.tenancy_id(p_visit), 'patient', 'Step-free access, please'),
    (v_tenant, tests.tenancy_id(p_visit), 'front_desk', 'Bring the insurance card');
end
$$;
comment on function tests.create_clinical_record_fixtures(text) is
  'pgTAP fixtures: a signed, shared visit note with an amendment, medical history, prescriptions, clinical attachments and appointment notes for patient_a (visit p_visit, in a_clinician''s care) and patient_a_walk_in (see supabase/tests/_setup/clinical_record_fixtures.sql). Call as postgres after the cast.';
revoke execute on function tests.create_clinical_record_fixtures(text) from public;
