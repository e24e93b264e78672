-- The hold of an open offer changed outside the waitlist RPCs still settles the offer:
-- confirm_appointment (staff, payment) counts as accepted (entry booked); the patient
-- cancelling it with cancel_appointment counts as declined and staff cancelling it as withdrawn
-- (entry back to waiting, the slot to the next entry); marking it entered in error withdraws it.
begin;
select plan(8);

-- SETUP
select tests.create_waitlist_fixtures();
select tests.free_slot('freed_10', tests.appointment_slot(2, '10:00'));
select tests.free_slot('freed_12', tests.appointment_slot(2, '12:00'));
select tests.free_slot('freed_14', tests.appointment_slot(2, '14:00'));
select tests.insert_waitlist_entry('confirmed', 'patient_a_2', 'appt_checkup', tests.appointment_slot(2, '09:00'), tests.appointment_slot(2, '11:00'));
select tests.insert_waitlist_entry('cancels', 'patient_a', 'appt_checkup', tests.appointment_slot(2, '11:00'), tests.appointment_slot(2, '13:00'));
select tests.insert_waitlist_entry('noon_next', 'patient_a_3', 'appt_checkup', tests.appointment_slot(2, '11:00'), tests.appointment_slot(2, '13:00'));
select tests.insert_waitlist_entry('in_error', 'patient_a_2', 'appt_video', tests.appointment_slot(2, '09:00'), tests.appointment_slot(2, '17:00'));
select public.cancel_appointment(tests.tenancy_id('freed_10'), 'patient_request');
select public.cancel_appointment(tests.tenancy_id('freed_12'), 'patient_request');
select tests.insert_appointment('video_16', 'appt_video', 'clinician_a_visiting', 'patient_a_walk_in', tests.appointment_slot(2, '16:00'));
select public.cancel_appointment(tests.tenancy_id('video_16'), 'patient_request');

-- TEST: confirm
select tests.authenticate_as('a_front_desk');
select public.confirm_appointment((select id from tests.waitlist_hold('confirmed')));
reset role;
select results_eq(
  $$ select e.status::text, o.outcome::text from public.waitlist_entries as e join public.waitlist_offers as o on o.entry_id = e.id
      where e.id = tests.tenancy_id('confirmed') $$,
  $$ values ('booked', 'accepted') $$, 'confirming the hold books the entry and accepts the offer');

-- TEST: the patient cancels the hold
create temporary table noon_hold on commit drop as select id from tests.waitlist_hold('cancels');
grant select on noon_hold to authenticated;
select tests.authenticate_as('patient');
select public.cancel_appointment((select id from noon_hold), 'not_needed');
reset role;
select results_eq(
  $$ select e.status::text, e.offered_appointment_id is null, o.outcome::text from public.waitlist_entries as e join public.waitlist_offers as o on o.entry_id = e.id
      where e.id = tests.tenancy_id('cancels') $$,
  $$ values ('waiting', true, 'declined') $$, 'the patient cancelling the hold declines the offer; the entry waits again');
select results_eq(
  $$ select starts_at from tests.waitlist_hold('noon_next') $$,
  $$ values (tests.appointment_slot(2, '12:00')) $$, 'the slot goes to the next entry');

-- TEST: staff cancel the hold
select tests.authenticate_as('a_front_desk');
select public.cancel_appointment((select id from tests.waitlist_hold('noon_next')), 'clinician_unavailable');
reset role;
select results_eq(
  $$ select e.status::text, o.outcome::text from public.waitlist_entries as e join public.waitlist_offers as o on o.entry_id = e.id
      where e.id = tests.tenancy_id('noon_next') $$,
  $$ values ('waiting', 'withdrawn') $$, 'staff cancelling the hold withdraw the offer');
select is((select status::text from public.waitlist_entries where id = tests.tenancy_id('cancels')), 'waiting',
  'the slot does not go back to the entry that declined it');

-- TEST: entered in error
select tests.authenticate_as('a_owner');
select public.mark_entered_in_error((select id from tests.waitlist_hold('in_error')), 'duplicate');
reset role;
select results_eq(
  $$ select e.status::text, o.outcome::text from public.waitlist_entries as e join public.waitlist_offers as o on o.entry_id = e.id
      where e.id = tests.tenancy_id('in_error') $$,
  $$ values ('waiting', 'withdrawn') $$, 'a hold marked entered in error withdraws the offer');
select is((select count(*)::integer from public.waitlist_offers where outcome is null), 0, 'no offer is left open');
select is((select count(*)::integer from public.waitlist_offers), 4, 'four offers were made in all');

select * from finish();
rollback;
