-- A clinician of a tenant (tenant-wide or at a centre) writes medical notes about its patients,
-- always as themselves: never in a colleague's or anyone else's name, never in another tenant.
begin;
select plan(8);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: as themselves
select tests.authenticate_as('a_clinician');
select lives_ok(
  $$ insert into public.medical_notes (tenant_id, id, patient_id, body)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('new_note_1'), tests.tenancy_id('patient_a_2'), 'Seen today.') $$,
  'a clinician of tenant A writes a note (the author defaults to their membership)');
select tests.authenticate_as('a_clinician_2');
select lives_ok(
  $$ insert into public.medical_notes (tenant_id, id, patient_id, author_member_id, body)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('new_note_2'), tests.tenancy_id('patient_a_walk_in'),
             tests.tenancy_id('a_clinician_2.member'), 'Follow-up in two weeks.') $$,
  'a centre-scoped clinician of tenant A writes a note naming themself as author');
reset role;
select results_eq(
  $$ select id, author_member_id from public.medical_notes where id in (tests.tenancy_id('new_note_1'), tests.tenancy_id('new_note_2')) order by body $$,
  $$ values (tests.tenancy_id('new_note_2'), tests.tenancy_id('a_clinician_2.member')),
            (tests.tenancy_id('new_note_1'), tests.tenancy_id('a_clinician.member')) $$,
  'each note is authored by the clinician who wrote it');

-- TEST: never as someone else, never in another tenant
select tests.authenticate_as('a_clinician');
select throws_ok(
  $$ insert into public.medical_notes (tenant_id, patient_id, author_member_id, body)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), tests.tenancy_id('a_clinician_2.member'), 'In a colleague''s name') $$,
  '42501', 'new row violates row-level security policy for table "medical_notes"',
  'a clinician cannot write a note in a colleague''s name');
select throws_ok(
  $$ insert into public.medical_notes (tenant_id, patient_id, author_member_id, body)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), tests.tenancy_id('a_front_desk.member'), 'In the front desk''s name') $$,
  '42501', 'new row violates row-level security policy for table "medical_notes"',
  'a clinician cannot attribute a note to a non-clinician member');
select tests.authenticate_as('b_clinician');
select throws_ok(
  $$ insert into public.medical_notes (tenant_id, patient_id, body)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), 'Cross-tenant note') $$,
  '42501', 'new row violates row-level security policy for table "medical_notes"',
  'a clinician of tenant B cannot write a note in tenant A');
select throws_ok(
  $$ insert into public.medical_notes (tenant_id, patient_id, author_member_id, body)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), tests.tenancy_id('a_clinician.member'), 'Cross-tenant note') $$,
  '42501', 'new row violates row-level security policy for table "medical_notes"',
  'a clinician of tenant B cannot write a note in tenant A in the name of A''s clinician');
select throws_ok(
  $$ insert into public.medical_notes (tenant_id, patient_id, body)
     values (tests.tenancy_id('tenant_b'), tests.tenancy_id('patient_a'), 'Note about A''s record') $$,
  '23503', null,
  'a clinician of tenant B cannot attach a note in B to a patient record of tenant A (same-tenant foreign key)');

select * from finish();
rollback;
