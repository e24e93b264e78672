-- A phone number changes hands. Verifying it links only a record WITHOUT history - one the front
-- desk just created for the person who gave them that number. A record with history (anything
-- recorded for the patient: an appointment, a waitlist entry, a payment, a message, a note, a row
-- of any table that references it) or created more than 30 days ago is left unlinked: its owner
-- claims it with their date of birth, or the front desk links it.
begin;
select plan(9);

-- SETUP: five unlinked records of tenant_a, one per phone
select tests.create_waitlist_fixtures();
insert into public.patients (tenant_id, id, full_name, phone, date_of_birth, created_at) values
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('fresh'), 'Fresh Record', '+15550104001', null, now()),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('visited'), 'Old Patient', '+15550104002', date '1950-01-01', now()),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('waiting'), 'Wait Ing', '+15550104003', null, now()),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('imported'), 'Imp Orted', '+15550104004', null, now() - interval '31 days'),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('referenced'), 'Ref Erenced', '+15550104005', null, now());
select tests.insert_appointment('old_visit', 'appt_checkup', 'clinician_a', 'visited', tests.appointment_slot(2, '09:00'));
select tests.insert_waitlist_entry('entry', 'waiting', 'appt_checkup', tests.appointment_slot(1, '09:00'), tests.appointment_slot(5, '17:00'));

-- TEST: history as the catalogue knows it
select is(
  array(select private.patient_has_history(tests.tenancy_id('tenant_a'), tests.tenancy_id(n))
        from unnest(array['fresh', 'visited', 'waiting', 'imported', 'referenced']) as n),
  array[false, true, true, true, false],
  'an appointment, a waitlist entry or an age over 30 days is history; a fresh record has none');
create table public.history_probe (
  tenant_id uuid not null, patient_ref uuid not null,
  foreign key (tenant_id, patient_ref) references public.patients (tenant_id, id));
insert into public.history_probe values (tests.tenancy_id('tenant_a'), tests.tenancy_id('referenced'));
select is(private.patient_has_history(tests.tenancy_id('tenant_a'), tests.tenancy_id('referenced')), true,
  'a row of any table that references the record counts, also one added later');

-- TEST: verified phones link only the fresh record
select tests.create_supabase_user('new_owner_1', phone => '+15550104001');
select tests.create_supabase_user('new_owner_2', phone => '+15550104002');
select tests.create_supabase_user('new_owner_3', phone => '+15550104003');
select tests.create_supabase_user('new_owner_4', phone => '+15550104004');
select tests.create_supabase_user('new_owner_5', phone => '+15550104005');
select is((select user_id from public.patients where id = tests.tenancy_id('fresh')), tests.get_supabase_uid('new_owner_1'),
  'the fresh record is linked to the account that verified its phone');
select is((select user_id from public.patients where id = tests.tenancy_id('visited')), null, 'a record with an appointment is not');
select is((select user_id from public.patients where id = tests.tenancy_id('waiting')), null, 'a record on the waitlist is not');
select is((select user_id from public.patients where id = tests.tenancy_id('imported')), null, 'a record older than 30 days is not');
select is((select user_id from public.patients where id = tests.tenancy_id('referenced')), null, 'a record another table refers to is not');

-- TEST: what the new owner of the number sees
select tests.authenticate_as('new_owner_2');
select is_empty($$ select 1 from public.patients $$, 'the new owner of the old patient''s number sees no record ...');
select is_empty($$ select 1 from public.appointments $$, '... and no appointment');

select * from finish();
rollback;
