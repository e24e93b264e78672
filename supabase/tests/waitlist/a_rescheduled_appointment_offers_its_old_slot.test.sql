-- reschedule_appointment moves an appointment away: its old slot is freed and offered to the
-- waitlist like a cancellation. A small move that still covers the old slot (with the service's
-- buffers) frees nothing bookable, so nothing is offered.
begin;
select plan(4);

-- SETUP
select tests.create_waitlist_fixtures();
select tests.free_slot('moved_away', tests.appointment_slot(2, '10:00'));
select tests.free_slot('nudged', tests.appointment_slot(2, '12:00'));
select tests.insert_waitlist_entry('entry', 'patient_a_2', 'appt_checkup', tests.appointment_slot(2, '09:00'), tests.appointment_slot(2, '11:00'));
select tests.insert_waitlist_entry('noon', 'patient_a', 'appt_checkup', tests.appointment_slot(2, '11:30'), tests.appointment_slot(2, '12:30'));

-- TEST
select tests.authenticate_as('a_front_desk');
select results_eq(
  $$ select starts_at from public.reschedule_appointment(tests.tenancy_id('moved_away'), tests.appointment_slot(2, '14:00')) $$,
  $$ values (tests.appointment_slot(2, '14:00')) $$, 'the front desk moves the appointment to the afternoon');
reset role;
select results_eq(
  $$ select e.status::text, a.starts_at, a.clinician_id from public.waitlist_entries as e, tests.waitlist_hold('entry') as a
      where e.id = tests.tenancy_id('entry') $$,
  $$ values ('offered', tests.appointment_slot(2, '10:00'), tests.tenancy_id('clinician_a')) $$,
  'the old slot is held for the waiting entry');

select tests.authenticate_as('a_front_desk');
select public.reschedule_appointment(tests.tenancy_id('nudged'), tests.appointment_slot(2, '12:15'));
reset role;
select is((select status::text from public.waitlist_entries where id = tests.tenancy_id('noon')), 'waiting',
  'moving by 15 minutes frees no bookable slot: nothing is offered');
select is((select count(*)::integer from public.waitlist_offers), 1, 'only the first move made an offer');

select * from finish();
rollback;
