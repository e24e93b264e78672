-- Cancelling a booked appointment voids its queued reminders (and any other queued message about
-- it) and queues booking_cancelled; messages already sent stay as they were. entered_in_error
-- voids without telling the patient.
begin;
select plan(4);

-- SETUP
select tests.create_notification_fixtures();
select tests.insert_appointment('called_off', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'));
select tests.insert_appointment('mistake', 'appt_checkup', 'clinician_a', 'patient_a_2', tests.appointment_slot(3, '12:00'));
update public.notifications set status = 'sent', sent_at = now(), provider = 'twilio', provider_message_id = 'SMconfirm'
 where appointment_id = tests.tenancy_id('called_off') and kind = 'booking_confirmed';

-- TEST
select tests.authenticate_as('patient');
select public.cancel_appointment(tests.tenancy_id('called_off'), 'patient_request');
reset role;
select results_eq(
  $$ select kind::text, status::text from tests.notifications_of('called_off') $$,
  $$ values ('booking_confirmed', 'sent'), ('booking_cancelled', 'queued'), ('reminder', 'voided'), ('reminder', 'voided') $$,
  'the reminders are voided, the sent confirmation stays, a cancellation is queued');
select is((select array_agg(distinct last_error) from tests.notifications_of('called_off') where status = 'voided'),
  array['the appointment is cancelled'], 'voided reminders say why');

select tests.authenticate_as('a_owner');
select public.mark_entered_in_error(tests.tenancy_id('mistake'), 'wrong patient');
reset role;
select results_eq(
  $$ select kind::text, status::text from tests.notifications_of('mistake') $$,
  $$ values ('booking_confirmed', 'voided'), ('reminder', 'voided'), ('reminder', 'voided') $$,
  'entered in error voids every queued message and tells nobody');

select tests.insert_appointment('attended', 'appt_checkup', 'clinician_a', 'patient_a_3', now() + interval '3 hours');
update public.appointments set status = 'arrived' where id = tests.tenancy_id('attended');
select is((select array_agg(distinct status::text) from tests.notifications_of('attended') where kind = 'reminder'),
  array['voided'], 'arriving voids reminders still queued');

select * from finish();
rollback;
