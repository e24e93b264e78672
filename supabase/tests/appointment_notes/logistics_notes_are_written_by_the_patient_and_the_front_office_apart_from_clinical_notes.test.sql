-- Appointment notes (logistics, not clinical): the patient writes the patient note of their own
-- appointment; the front office writes the front-desk note of appointments they see; staff who see
-- the appointment read both, the patient only theirs. One note per appointment and kind (upsert).
begin;
select plan(15);

-- SETUP: the centre-scope cast; scope_a1 (patient_a, clinician_a, centre_a1) has both notes;
-- scope_a2 (patient_a_walk_in, clinician_a_2, centre_a2) none
select tests.create_centre_scope_fixtures();
select tests.create_clinical_record_fixtures('scope_a1');

-- TEST: the patient
select is(tests.outcome_as('patient', $$ select kind::text from public.appointment_notes $$), '1 row',
          'the patient reads their own note of the appointment, not the front desk''s');
select is(tests.outcome_as('patient', $$ insert into public.appointment_notes (tenant_id, appointment_id, kind, body)
  values (tests.tenancy_id('tenant_a'), tests.tenancy_id('scope_a1'), 'patient', 'Running 10 minutes late')
  on conflict (tenant_id, appointment_id, kind) do update set body = excluded.body returning 1 $$), '1 row',
  'the patient rewrites their note with an upsert');
select is(tests.outcome_as('patient', $$ insert into public.appointment_notes (tenant_id, appointment_id, kind, body)
  values (tests.tenancy_id('tenant_a'), tests.tenancy_id('scope_visit'), 'front_desk', 'VIP') returning 1 $$), '42501',
  'the patient does not write a front-desk note');
select is(tests.outcome_as('patient', $$ insert into public.appointment_notes (tenant_id, appointment_id, kind, body)
  values (tests.tenancy_id('tenant_a'), tests.tenancy_id('scope_a2'), 'patient', 'Not my visit') returning 1 $$), '42501',
  'nor a note on someone else''s appointment');
select is(tests.outcome_as('patient', $$ update public.appointment_notes set body = 'x' where kind = 'front_desk' returning 1 $$), '0 rows',
  'nor changes the front desk''s');

-- TEST: the front office
select is(tests.outcome_as('a_front_desk_a1', $$ insert into public.appointment_notes (tenant_id, appointment_id, kind, body)
  values (tests.tenancy_id('tenant_a'), tests.tenancy_id('scope_visit'), 'front_desk', 'Interpreter booked') returning 1 $$), '1 row',
  'front desk at centre_a1 writes the front-desk note of an appointment there');
select is(tests.outcome_as('a_front_desk_a1', $$ insert into public.appointment_notes (tenant_id, appointment_id, kind, body)
  values (tests.tenancy_id('tenant_a'), tests.tenancy_id('scope_a2'), 'front_desk', 'Other centre') returning 1 $$), '42501',
  'but not at centre_a2, whose appointments they do not see');
select is(tests.outcome_as('a_front_desk_a1', $$ insert into public.appointment_notes (tenant_id, appointment_id, kind, body)
  values (tests.tenancy_id('tenant_a'), tests.tenancy_id('scope_visit'), 'patient', 'Pretending') returning 1 $$), '42501',
  'nor the patient''s note');
select is(tests.outcome_as('a_front_desk_a1', $$ update public.appointment_notes set body = body where kind = 'patient' returning 1 $$), '0 rows',
  'nor edits the patient''s note');
select is(tests.outcome_as('a_front_desk_a1', $$ select 1 from public.appointment_notes $$), '2 rows', 'front desk reads both notes of scope_a1');
select is(tests.outcome_as('a_front_desk', $$ insert into public.appointment_notes (tenant_id, appointment_id, kind, body)
  values (tests.tenancy_id('tenant_a'), tests.tenancy_id('scope_a1'), 'front_desk', 'Duplicate') returning 1 $$), '23505',
  'one note per appointment and kind (23505; upsert to change it)');

-- TEST: clinicians and others
select is(tests.outcome_as('a_clinician', $$ select 1 from public.appointment_notes $$), '2 rows', 'the clinician of the appointment reads both notes');
select is(tests.outcome_as('a_clinician', $$ insert into public.appointment_notes (tenant_id, appointment_id, kind, body)
  values (tests.tenancy_id('tenant_a'), tests.tenancy_id('scope_visit'), 'front_desk', 'Clinician remark') returning 1 $$), '42501',
  'a clinician is not front office: no front-desk note');
select is(tests.outcome_as('b_owner', $$ select 1 from public.appointment_notes $$), '0 rows', 'another tenant reads none');
select is(tests.outcome_as('a_front_desk', $$ insert into public.appointment_notes (tenant_id, appointment_id, kind, body)
  values (tests.tenancy_id('tenant_a'), tests.tenancy_id('scope_visit'), 'front_desk', pg_catalog.repeat('x', 1001)) returning 1 $$), '23514',
  'a note is at most 1000 characters (23514)');

select * from finish();
rollback;
