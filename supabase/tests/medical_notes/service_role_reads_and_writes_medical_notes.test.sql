-- service_role (the secret key, e.g. an import job) bypasses RLS: it reads, writes and edits
-- medical notes of any tenant (deleting is covered by nobody_deletes_a_medical_note_through_the_api).
begin;
select plan(3);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.authenticate_as_service_role();

-- TEST
select results_eq(
  $$ select id from public.medical_notes where tenant_id = any (tests.tenancy_tenant_ids()) order by 1 $$,
  $$ select id from (values (tests.tenancy_id('note_a')), (tests.tenancy_id('note_a_2')), (tests.tenancy_id('note_b'))) as v (id) order by 1 $$,
  'service_role reads every note of every tenant');
select lives_ok(
  $$ insert into public.medical_notes (tenant_id, id, patient_id, author_member_id, body)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('note_by_service'), tests.tenancy_id('patient_a'),
             tests.tenancy_id('a_clinician.member'), 'Imported from the previous system') $$,
  'service_role writes a note (e.g. a data import) naming its author');
select results_eq(
  $$ update public.medical_notes set body = 'Corrected import' where id = tests.tenancy_id('note_by_service') returning body $$,
  $$ values ('Corrected import'::text) $$,
  'service_role edits a note');

select * from finish();
rollback;
