-- Medical notes are never public: anon holds no privilege on public.medical_notes (42501 for
-- every command).
begin;
select plan(4);

-- SETUP
select tests.create_tenancy_fixtures();
select tests.clear_authentication();

-- TEST
select throws_ok(
  $$ select id from public.medical_notes $$,
  '42501', 'permission denied for table medical_notes',
  'anon cannot read medical notes');
select throws_ok(
  $$ insert into public.medical_notes (tenant_id, patient_id, author_member_id, body)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), tests.tenancy_id('a_clinician.member'), 'Forged') $$,
  '42501', 'permission denied for table medical_notes',
  'anon cannot write a medical note');
select throws_ok(
  $$ update public.medical_notes set body = 'Forged' where id = tests.tenancy_id('note_a') $$,
  '42501', 'permission denied for table medical_notes',
  'anon cannot edit a medical note');
select throws_ok(
  $$ delete from public.medical_notes where id = tests.tenancy_id('note_a') $$,
  '42501', 'permission denied for table medical_notes',
  'anon cannot delete a medical note');

select * from finish();
rollback;
