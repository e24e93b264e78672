-- Matching by clinician: an entry naming a clinician is offered only that clinician's freed
-- slots, even when it is older; an entry without one (any clinician) is offered every
-- clinician's - but an entry a patient made is never offered a clinician who is not public,
-- while an entry staff made is.
begin;
select plan(7);

-- SETUP
select tests.create_waitlist_fixtures();
update public.clinicians set is_public = false where id = tests.tenancy_id('clinician_a_visiting');
select tests.free_slot('visiting_10', tests.appointment_slot(2, '10:00'), 'appt_checkup', 'clinician_a_visiting');
select tests.free_slot('a_11', tests.appointment_slot(2, '11:00'));
select tests.free_slot('a_12', tests.appointment_slot(2, '12:00'));
-- oldest first
select tests.insert_waitlist_entry('patient_any', 'patient_a_3', 'appt_checkup', tests.appointment_slot(1, '09:00'), tests.appointment_slot(5, '17:00'), null, 'patient');
select tests.insert_waitlist_entry('wants_visiting', 'patient_a_2', 'appt_checkup', tests.appointment_slot(1, '09:00'), tests.appointment_slot(5, '17:00'), 'clinician_a_visiting');
select tests.insert_waitlist_entry('wants_a', 'patient_a', 'appt_checkup', tests.appointment_slot(1, '09:00'), tests.appointment_slot(5, '17:00'), 'clinician_a');

-- TEST: a slot of the unlisted clinician
select public.cancel_appointment(tests.tenancy_id('visiting_10'), 'clinician_unavailable');
select results_eq(
  $$ select id, status::text from public.waitlist_entries order by created_at $$,
  $$ values (tests.tenancy_id('patient_any'), 'waiting'), (tests.tenancy_id('wants_visiting'), 'offered'), (tests.tenancy_id('wants_a'), 'waiting') $$,
  'an unlisted clinician''s slot skips the older patient-made "any" entry and the entry naming another clinician');
select results_eq(
  $$ select clinician_id, starts_at from tests.waitlist_hold('wants_visiting') $$,
  $$ values (tests.tenancy_id('clinician_a_visiting'), tests.appointment_slot(2, '10:00')) $$,
  'the entry naming that clinician holds the slot');

-- TEST: a slot of a listed clinician goes to the oldest waiting entry, the "any" one
select public.cancel_appointment(tests.tenancy_id('a_11'), 'clinician_unavailable');
select results_eq(
  $$ select status::text from public.waitlist_entries where id in (tests.tenancy_id('patient_any'), tests.tenancy_id('wants_a')) order by created_at $$,
  $$ values ('offered'), ('waiting') $$, 'a listed clinician''s slot goes to the older "any" entry before the entry naming that clinician');
select results_eq(
  $$ select clinician_id, starts_at from tests.waitlist_hold('patient_any') $$,
  $$ values (tests.tenancy_id('clinician_a'), tests.appointment_slot(2, '11:00')) $$,
  'the "any" entry holds clinician_a''s slot');

-- TEST: the next one goes to the entry naming the clinician
select public.cancel_appointment(tests.tenancy_id('a_12'), 'clinician_unavailable');
select results_eq(
  $$ select clinician_id, starts_at from tests.waitlist_hold('wants_a') $$,
  $$ values (tests.tenancy_id('clinician_a'), tests.appointment_slot(2, '12:00')) $$,
  'the entry naming clinician_a gets the next of that clinician''s slots');

-- TEST: staff-made "any" entries include unlisted clinicians
select tests.insert_waitlist_entry('staff_any', 'patient_a_walk_in', 'appt_checkup', tests.appointment_slot(1, '09:00'), tests.appointment_slot(5, '17:00'));
select tests.insert_appointment('visiting_14', 'appt_checkup', 'clinician_a_visiting', 'patient_a', tests.appointment_slot(3, '14:00'));
select public.cancel_appointment(tests.tenancy_id('visiting_14'), 'clinician_unavailable');
select results_eq(
  $$ select clinician_id, starts_at from tests.waitlist_hold('staff_any') $$,
  $$ values (tests.tenancy_id('clinician_a_visiting'), tests.appointment_slot(3, '14:00')) $$,
  'an "any" entry made by staff is offered an unlisted clinician''s slot');
select is((select status::text from public.waitlist_entries where id = tests.tenancy_id('patient_any')), 'offered',
  'the patient-made entry still holds only its own offer');

select * from finish();
rollback;
