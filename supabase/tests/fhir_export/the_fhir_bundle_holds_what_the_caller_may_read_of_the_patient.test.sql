-- public.fhir_patient_bundle: a FHIR R4 Bundle (collection) of the patient's record, built through
-- the caller's own policies. The shape of each resource is validated against the FHIR R4
-- definitions in tests/api/clinical.test.ts; here: who may call it, what each caller receives,
-- and that the bundle is self-contained.
begin;
select plan(20);

-- SETUP: scope_a1 (patient_a, clinician_a) fulfilled; the clinical records of patient_a
select tests.create_centre_scope_fixtures();
select tests.create_clinical_record_fixtures('scope_a1');
update public.appointments set status = 'fulfilled' where id = tests.tenancy_id('scope_a1');
update public.medical_history_entries set verification_status = 'entered_in_error' where id = tests.tenancy_id('hist_reported');
create temporary table bundles (who text primary key, bundle jsonb);
grant select, insert on bundles to authenticated, service_role;
create function pg_temp.export_as(p_who text) returns void language plpgsql as $$
begin
  perform tests.authenticate_as(p_who);
  insert into bundles values (p_who, public.fhir_patient_bundle(tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a')));
  reset role;
end $$;
select pg_temp.export_as('a_clinician');
select pg_temp.export_as('patient');
create function pg_temp.types(p_who text) returns text language sql as $$
  select pg_catalog.string_agg(t || ' ' || n, ', ' order by t) from (
    select e -> 'resource' ->> 'resourceType' as t, count(*) as n
    from bundles as b cross join lateral pg_catalog.jsonb_array_elements(b.bundle -> 'entry') as e
    where b.who = p_who group by 1) as x
$$;

-- TEST: the clinician in charge
select is((select bundle ->> 'resourceType' || '/' || (bundle ->> 'type') from bundles where who = 'a_clinician'), 'Bundle/collection',
          'the export is a Bundle of type collection');
select is(pg_temp.types('a_clinician'),
  'AllergyIntolerance 1, Appointment 2, Condition 1, DocumentReference 4, Encounter 1, MedicationRequest 2, MedicationStatement 1, Patient 1',
  'a_clinician receives the patient, both appointments, the visit as an Encounter, the history, one request per item and four documents (note_a, note_a_2, note_visit, the lab report)');
select is_empty($$ select e ->> 'fullUrl' from bundles, pg_catalog.jsonb_array_elements(bundle -> 'entry') as e where who = 'a_clinician'
                   group by 1 having count(*) > 1 $$, 'every entry has its own fullUrl');
select is_empty($$ select r #>> '{}' from bundles, pg_catalog.jsonb_path_query(bundle, 'strict $.**.reference') as r where who = 'a_clinician'
                   except select e ->> 'fullUrl' from bundles, pg_catalog.jsonb_array_elements(bundle -> 'entry') as e where who = 'a_clinician' $$,
                'every reference points at an entry of the bundle');
select is((select e -> 'resource' from bundles, pg_catalog.jsonb_array_elements(bundle -> 'entry') as e
           where who = 'a_clinician' and e -> 'resource' ->> 'resourceType' = 'Condition') - 'recordedDate' - 'id',
  pg_catalog.jsonb_build_object('resourceType', 'Condition',
    'clinicalStatus', '{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active"}]}'::jsonb,
    'verificationStatus', '{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-ver-status", "code": "confirmed"}]}'::jsonb,
    'code', '{"text": "Type 2 diabetes", "coding": [{"system": "http://hl7.org/fhir/sid/icd-10", "code": "E11.9"}]}'::jsonb,
    'subject', pg_catalog.jsonb_build_object('reference', 'urn:uuid:' || tests.tenancy_id('patient_a')),
    'onsetDateTime', '2020-01-15'),
  'a condition carries its FHIR statuses, its ICD-10 coding, the patient and its onset');
select is((select e -> 'resource' ->> 'status' from bundles, pg_catalog.jsonb_array_elements(bundle -> 'entry') as e
           where who = 'a_clinician' and e -> 'resource' ->> 'resourceType' = 'MedicationStatement'), 'entered-in-error',
  'an entry marked entered_in_error is exported as such');
select is((select e -> 'resource' -> 'reaction' from bundles, pg_catalog.jsonb_array_elements(bundle -> 'entry') as e
           where who = 'a_clinician' and e -> 'resource' ->> 'resourceType' = 'AllergyIntolerance'),
  '[{"manifestation": [{"text": "Hives"}], "severity": "moderate"}]'::jsonb, 'an allergy carries its reaction and severity');
select is((select pg_catalog.convert_from(pg_catalog.decode(e -> 'resource' -> 'content' -> 0 -> 'attachment' ->> 'data', 'base64'), 'UTF8')
           from bundles, pg_catalog.jsonb_array_elements(bundle -> 'entry') as e
           where who = 'a_clinician' and e -> 'resource' ->> 'id' = tests.tenancy_id('note_visit')::text),
  E'Subjective: Sore throat for 3 days\n\nObjective: Temperature 38.2, tonsils inflamed\n\nAssessment: Tonsillitis\n\nPlan: Amoxicillin for 5 days; review if not better\n\nAmendment '
    || pg_catalog.to_char((select created_at at time zone 'UTC' from public.medical_note_amendments where id = tests.tenancy_id('amend_visit')), 'YYYY-MM-DD"T"HH24:MI"Z"')
    || ': Penicillin allergy noted after signing: switched to clarithromycin',
  'a visit note is its sections and amendments as text');
select is((select e -> 'resource' ->> 'docStatus' from bundles, pg_catalog.jsonb_array_elements(bundle -> 'entry') as e
           where who = 'a_clinician' and e -> 'resource' ->> 'id' = tests.tenancy_id('note_visit')::text), 'amended',
  'a signed note with amendments is amended');
select is((select e -> 'resource' -> 'context' -> 'encounter' -> 0 ->> 'reference' from bundles, pg_catalog.jsonb_array_elements(bundle -> 'entry') as e
           where who = 'a_clinician' and e -> 'resource' ->> 'id' = tests.tenancy_id('note_visit')::text),
  (select e ->> 'fullUrl' from bundles, pg_catalog.jsonb_array_elements(bundle -> 'entry') as e
   where who = 'a_clinician' and e -> 'resource' ->> 'resourceType' = 'Encounter'),
  'the note points at the Encounter of its visit');
select is((select pg_catalog.jsonb_agg(e -> 'resource' -> 'dosageInstruction' -> 0 ->> 'text' order by e -> 'resource' -> 'groupIdentifier' ->> 'value', e -> 'resource' ->> 'id')
           from bundles, pg_catalog.jsonb_array_elements(bundle -> 'entry') as e
           where who = 'a_clinician' and e -> 'resource' ->> 'resourceType' = 'MedicationRequest'
             and e -> 'resource' -> 'medicationCodeableConcept' ->> 'text' like 'Clarithromycin%'),
  '["1 tablet oral, twice a day, for 5 days"]'::jsonb, 'a prescription item becomes a MedicationRequest with its dosage text');

-- TEST: the patient
select is(pg_temp.types('patient'),
  'AllergyIntolerance 1, Appointment 2, Condition 1, DocumentReference 2, Encounter 1, MedicationRequest 2, MedicationStatement 1, Patient 1',
  'the patient receives their record with only the note and the attachment shared with them');
select is((select pg_catalog.jsonb_agg(e -> 'resource' ->> 'id' order by e -> 'resource' ->> 'id') from bundles, pg_catalog.jsonb_array_elements(bundle -> 'entry') as e
           where who = 'patient' and e -> 'resource' ->> 'resourceType' = 'DocumentReference'),
  (select pg_catalog.jsonb_agg(x order by x) from (values (tests.tenancy_id('note_visit')::text), (tests.tenancy_id('att_a')::text)) as v(x)),
  'those two are the shared note and the shared lab report');
select is((select e -> 'resource' -> 'author' -> 0 ->> 'display' from bundles, pg_catalog.jsonb_array_elements(bundle -> 'entry') as e
           where who = 'patient' and e -> 'resource' ->> 'id' = tests.tenancy_id('note_visit')::text),
  (select display_name::text from public.clinicians where id = tests.tenancy_id('clinician_a')), 'and name the clinician who wrote the note');

-- TEST: who may not
select is(tests.error_details_of($$ select tests.authenticate_as('a_front_desk'); select public.fhir_patient_bundle(tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a')) $$),
  '{"code": "PT403", "message": "only the patient and their clinicians export the record", "hint": "Ask a clinician who cares for the patient, or the patient themself, to export it."}'::jsonb,
  'the front desk reads the patient but does not export the record (PT403)');
reset role;
select is(tests.error_details_of($$ select tests.authenticate_as('a_owner'); select public.fhir_patient_bundle(tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a')) $$) ->> 'code',
  'PT403', 'nor does an owner');
reset role;
select is(tests.error_details_of($$ select tests.authenticate_as('b_owner'); select public.fhir_patient_bundle(tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a')) $$) ->> 'code',
  'PT404', 'another tenant''s staff are told the patient does not exist (PT404)');
reset role;
select is(tests.error_details_of($$ select tests.authenticate_as('a_patient_2'); select public.fhir_patient_bundle(tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a')) $$) ->> 'code',
  'PT404', 'so is another patient');
reset role;
select is(tests.outcome_as('anon', $$ select 1 where public.fhir_patient_bundle(tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a')) is not null $$), '42501',
  'anon may not call it');
select tests.authenticate_as_service_role();
insert into bundles values ('service_role', public.fhir_patient_bundle(tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a')));
reset role;
select is(pg_temp.types('service_role'),
  'AllergyIntolerance 1, Appointment 2, Condition 1, DocumentReference 4, Encounter 1, MedicationRequest 2, MedicationStatement 1, Patient 1',
  'server-side code exports the whole record');

select * from finish();
rollback;
