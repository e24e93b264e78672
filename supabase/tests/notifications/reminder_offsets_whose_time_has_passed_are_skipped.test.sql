-- Reminders are queued only for offsets whose send time (start - offset) is still in the future:
-- an appointment in 3 hours gets the 2-hour reminder but not the 24-hour one; one in 30
-- minutes gets none (and still its confirmation); an empty reminder_offsets queues no reminder.
begin;
select plan(4);

-- SETUP
select tests.create_notification_fixtures();
select tests.insert_appointment('soon', 'appt_checkup', 'clinician_a', 'patient_a', now() + interval '3 hours');
select tests.insert_appointment('very_soon', 'appt_checkup', 'clinician_a', 'patient_a_2', now() + interval '30 minutes');

-- TEST
select results_eq($$ select kind::text, send_after from tests.notifications_of('soon') $$,
  $$ values ('booking_confirmed', now()), ('reminder', now() + interval '1 hour') $$,
  'in 3 hours: the confirmation and the 2-hour reminder, no 24-hour reminder');
select results_eq($$ select kind::text from tests.notifications_of('very_soon') $$,
  $$ values ('booking_confirmed') $$,
  'in 30 minutes: only the confirmation');
update public.tenants set reminder_offsets = '{}' where id = tests.tenancy_id('tenant_a');
select tests.insert_appointment('no_reminders', 'appt_checkup', 'clinician_a', 'patient_a_3', tests.appointment_slot(5, '10:00'));
select results_eq($$ select kind::text from tests.notifications_of('no_reminders') $$,
  $$ values ('booking_confirmed') $$,
  'a tenant without reminder offsets gets no reminders');
select tests.insert_appointment('past', 'appt_checkup', 'clinician_a', 'patient_a_walk_in', now() - interval '2 hours');
select is_empty($$ select 1 from tests.notifications_of('past') $$,
  'an appointment recorded after it started queues nothing');

select * from finish();
rollback;
