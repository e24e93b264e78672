-- Clinical attachments live in the patient's clinical folder of patient-documents
-- (<tenant_id>/<patient_id>/clinical/<file>) and follow the clinical rules: clinicians with the
-- patient in their care (or break-glass) upload them and, through the row that lists a file,
-- download them; the patient downloads those shared with them; the front office and managers,
-- who read the patient's documents, do not read the clinical folder.
begin;
select plan(27);

-- SETUP: storage cast (centre-scope) + clinical records on scope_a1; the two listed files exist
select tests.create_storage_fixtures();
select tests.create_clinical_record_fixtures('scope_a1');
insert into storage.objects (bucket_id, name, owner, owner_id, metadata, version) values
  ('patient-documents', tests.storage_name('{tenant_a}/{patient_a}/clinical/throat-swab.pdf'), tests.get_supabase_uid('a_clinician'),
   tests.get_supabase_uid('a_clinician')::text, '{"mimetype": "application/pdf", "size": 52000}', '1'),
  ('patient-documents', tests.storage_name('{tenant_a}/{patient_a_walk_in}/clinical/peak-flow.png'), tests.get_supabase_uid('a_clinician_2'),
   tests.get_supabase_uid('a_clinician_2')::text, '{"mimetype": "image/png", "size": 52000}', '1');

-- TEST: the layout
select is((select row(o.owner_kind, o.owner_id) from private.storage_object_owner('patient-documents',
             tests.storage_name('{tenant_a}/{patient_a}/clinical/x.pdf')) as o),
          row('patients_clinical'::text, tests.tenancy_id('patient_a')), 'the clinical folder is owned by the patient''s clinical record');
select is((select count(*)::integer from private.storage_object_owner('patient-documents', tests.storage_name('{tenant_a}/{patient_a}/clinical/../x.pdf'))),
          0, 'a traversal out of the clinical folder has no owner');

-- TEST: downloading throat-swab.pdf (patient_a; shared; attached to note_visit)
select is(tests.storage_outcome(m.who, 'select', 'patient-documents', '{tenant_a}/{patient_a}/clinical/throat-swab.pdf'), m.expected,
          m.who || ' downloads the shared lab report of patient_a -> ' || m.expected)
from (values ('patient', '1 row'), ('a_clinician', '1 row'), ('a_clinician_2', '1 row'), ('a_owner', '0 rows'),
             ('a_front_desk', '0 rows'), ('a_front_desk_a1', '0 rows'), ('b_owner', '0 rows'), ('service_role', '1 row'))
  as m(who, expected);
-- peak-flow.png (patient_a_walk_in, not shared)
select is(tests.storage_outcome(m.who, 'select', 'patient-documents', '{tenant_a}/{patient_a_walk_in}/clinical/peak-flow.png'), m.expected,
          m.who || ' downloads the walk-in patient''s chart -> ' || m.expected)
from (values ('a_clinician_2', '1 row'), ('a_clinician', '0 rows'), ('a_front_desk', '0 rows')) as m(who, expected);
select is(tests.storage_outcome('a_front_desk', 'select', 'patient-documents', '{tenant_a}/{patient_a_unplaced}/insurance.pdf'), '1 row',
          'while the front desk still reads the patient''s ordinary documents');

-- TEST: uploading and removing
select is(tests.storage_outcome(m.who, 'insert', 'patient-documents', '{tenant_a}/{patient_a}/clinical/ecg.pdf'), m.expected,
          m.who || ' uploads into patient_a''s clinical folder -> ' || m.expected)
from (values ('a_clinician', '1 row'), ('patient', '42501'), ('a_front_desk', '42501'), ('a_owner', '42501')) as m(who, expected);
select is(tests.storage_outcome('a_owner', 'delete', 'patient-documents', '{tenant_a}/{patient_a}/clinical/throat-swab.pdf'), '0 rows',
          'a tenant admin does not remove a clinical file');

-- TEST: the rows
select is(tests.outcome_as('a_clinician', $$ insert into public.clinical_attachments (tenant_id, patient_id, object_path, title)
  values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), tests.storage_name('{tenant_a}/{patient_a}/ecg.pdf'), 'ECG') returning 1 $$),
  '23514', 'an attachment lies in the clinical folder, not beside the patient''s documents (23514)');
select is(tests.outcome_as('a_clinician', $$ insert into public.clinical_attachments (tenant_id, patient_id, note_id, object_path, title)
  values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), tests.tenancy_id('note_walk_in'),
          tests.storage_name('{tenant_a}/{patient_a}/clinical/ecg.pdf'), 'ECG') returning 1 $$),
  '22023', 'it belongs to a note of the same patient (22023)');
select tests.authenticate_as('a_clinician');
insert into public.clinical_attachments (tenant_id, id, patient_id, note_id, object_path, title, kind, content_type)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('att_ecg'), tests.tenancy_id('patient_a'), tests.tenancy_id('note_visit'),
        tests.storage_name('{tenant_a}/{patient_a}/clinical/ecg.pdf'), 'ECG', 'lab_report', 'application/pdf');
reset role;
select is((select row(uploaded_by, uploaded_by_member_id, is_shared_with_patient) from public.clinical_attachments where id = tests.tenancy_id('att_ecg')),
          row(tests.get_supabase_uid('a_clinician'), tests.tenancy_id('a_clinician.member'), false),
          'the uploader is the calling clinician; a new attachment is not shared');
select is(tests.outcome_as('patient', $$ select 1 from public.clinical_attachments where id = tests.tenancy_id('att_ecg') $$), '0 rows',
          'the patient does not see it yet');
select is(tests.outcome_as('a_clinician_2', $$ update public.clinical_attachments set is_shared_with_patient = true where id = tests.tenancy_id('att_ecg') returning 1 $$),
          '0 rows', 'only the uploader shares it');
update public.clinical_attachments set is_shared_with_patient = true where id = tests.tenancy_id('att_ecg');
select is(tests.outcome_as('patient', $$ select 1 from public.clinical_attachments where id = tests.tenancy_id('att_ecg') $$), '1 row',
          'once shared, the patient sees it');
insert into public.medical_notes (tenant_id, id, patient_id, author_member_id, body, is_restricted)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('note_private'), tests.tenancy_id('patient_a'), tests.tenancy_id('a_clinician.member'),
        'Kept to myself', true);
insert into public.clinical_attachments (tenant_id, patient_id, note_id, object_path, title, uploaded_by_member_id)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), tests.tenancy_id('note_private'),
        tests.storage_name('{tenant_a}/{patient_a}/clinical/private.pdf'), 'Private', tests.tenancy_id('a_clinician.member'));
select is(tests.outcome_as('a_clinician_2', $$ select 1 from public.clinical_attachments where note_id = tests.tenancy_id('note_private') $$), '0 rows',
          'the attachments of a note are hidden from a clinician who does not read the note (restricted)');
select is(tests.outcome_as('a_clinician', $$ select 1 from public.clinical_attachments where note_id = tests.tenancy_id('note_private') $$), '1 row',
          'its author still reads them');

select * from finish();
rollback;
