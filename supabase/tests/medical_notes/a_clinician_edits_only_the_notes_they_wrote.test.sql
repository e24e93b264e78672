-- A clinician edits the body of notes they authored, never a colleague's note (zero rows), never
-- the author or patient of a note (PT422: fixed once written), never another tenant's.
begin;
select plan(7);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select tests.authenticate_as('a_clinician');
select results_eq(
  $$ update public.medical_notes set body = 'Amended by the author' where id = tests.tenancy_id('note_a') returning body $$,
  $$ values ('Amended by the author'::text) $$,
  'a clinician edits a note they wrote');
select is_empty(
  $$ update public.medical_notes set body = 'Amended by a colleague' where id = tests.tenancy_id('note_a_2') returning 1 $$,
  'a clinician cannot edit a colleague''s note, though they can read it: zero rows');
select throws_ok(
  $$ update public.medical_notes set author_member_id = tests.tenancy_id('a_clinician_2.member') where id = tests.tenancy_id('note_a') $$,
  'PT422', 'medical_notes.author_member_id cannot be changed',
  'a clinician cannot re-attribute their note');
select throws_ok(
  $$ update public.medical_notes set patient_id = tests.tenancy_id('patient_a_2') where id = tests.tenancy_id('note_a') $$,
  'PT422', 'medical_notes.patient_id cannot be changed',
  'a clinician cannot move a note to another patient');
select tests.authenticate_as('a_clinician_2');
select results_eq(
  $$ update public.medical_notes set body = 'Amended by the centre clinician' where id = tests.tenancy_id('note_a_2') returning body $$,
  $$ values ('Amended by the centre clinician'::text) $$,
  'a centre-scoped clinician edits their own note');
select tests.authenticate_as('b_clinician');
select is_empty(
  $$ update public.medical_notes set body = 'Cross-tenant edit' where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$,
  'a clinician of tenant B cannot edit tenant A''s notes: zero rows');
reset role;
select results_eq(
  $$ select body from public.medical_notes where id in (tests.tenancy_id('note_a'), tests.tenancy_id('note_a_2')) order by body $$,
  $$ values ('Amended by the author'::text), ('Amended by the centre clinician') $$,
  'only the authors'' edits went through');

select * from finish();
rollback;
