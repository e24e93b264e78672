-- Amendments: a clinician who reads a signed note adds an amendment as themself; a draft is edited
-- instead (PT409 status_conflict); whoever reads the note reads its amendments (the patient for a
-- shared note); amendments are never changed or removed through the API.
begin;
select plan(12);

-- SETUP: note_visit (signed, shared, amendment amend_visit), note_a (draft by a_clinician),
-- note_a_restricted (a_clinician_2's, restricted)
select tests.create_clinical_fixtures();
select tests.create_clinical_record_fixtures('care_a');
update public.medical_notes set status = 'signed' where id = tests.tenancy_id('note_a_restricted');
insert into public.medical_note_amendments (tenant_id, id, note_id, author_member_id, body)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('amend_restricted'), tests.tenancy_id('note_a_restricted'),
        tests.tenancy_id('a_clinician_2.member'), 'Session 2 rescheduled at the client''s request');

-- TEST: who amends
select tests.authenticate_as('a_clinician');
select is(tests.error_details_of($$ insert into public.medical_note_amendments (tenant_id, note_id, body)
  values (tests.tenancy_id('tenant_a'), tests.tenancy_id('note_a'), 'Typo') $$),
  '{"code": "PT409", "detail": "status_conflict", "message": "only a signed note is amended", "hint": "Edit the draft itself, or sign it first."}'::jsonb,
  'a draft is not amended: PT409 status_conflict');
insert into public.medical_note_amendments (tenant_id, id, note_id, body)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('amend_new'), tests.tenancy_id('note_visit'), 'Swab negative');
select is((select author_member_id from public.medical_note_amendments where id = tests.tenancy_id('amend_new')),
          tests.tenancy_id('a_clinician.member'), 'the author of an amendment is the calling clinician (set by the database)');
select throws_ok($$ insert into public.medical_note_amendments (tenant_id, note_id, body)
  values (tests.tenancy_id('tenant_a'), tests.tenancy_id('note_a_restricted'), 'Not mine') $$,
  '42501', null, 'a clinician does not amend a restricted note of a colleague (42501)');
select throws_ok($$ insert into public.medical_note_amendments (tenant_id, note_id, body)
  values (tests.tenancy_id('tenant_a'), tests.tenancy_id('note_visit'), '   ') $$,
  '23514', null, 'an amendment says something (23514)');
reset role;
select is(tests.outcome_as('patient', $$ insert into public.medical_note_amendments (tenant_id, note_id, body)
  values (tests.tenancy_id('tenant_a'), tests.tenancy_id('note_visit'), 'I disagree') returning 1 $$), '42501',
  'the patient does not amend a note shared with them');
select is(tests.outcome_as('a_front_desk', $$ insert into public.medical_note_amendments (tenant_id, note_id, body)
  values (tests.tenancy_id('tenant_a'), tests.tenancy_id('note_visit'), 'Front desk remark') returning 1 $$), '42501',
  'the front desk does not amend notes');

-- TEST: who reads them
select is(tests.outcome_as('patient', $$ select 1 from public.medical_note_amendments $$), '2 rows',
          'the patient reads the amendments of the note shared with them');
select is(tests.outcome_as('a_clinician', $$ select 1 from public.medical_note_amendments $$), '2 rows',
          'a_clinician reads the amendments of notes they read, not those of a colleague''s restricted note');
select is(tests.outcome_as('a_clinician_2', $$ select 1 from public.medical_note_amendments where id = tests.tenancy_id('amend_restricted') $$), '1 row',
          'the author of the restricted note reads its amendment');
select is(tests.outcome_as('a_owner', $$ select 1 from public.medical_note_amendments $$), '0 rows', 'an owner reads none');

-- TEST: amendments stay
select is(tests.outcome_as('a_clinician', $$ update public.medical_note_amendments set body = 'x' returning 1 $$), '42501',
          'nobody updates an amendment through the API');
select is(tests.outcome_as('a_clinician', $$ delete from public.medical_note_amendments returning 1 $$), '42501',
          'nobody deletes one');

select * from finish();
rollback;
