-- Notifications never make a booking fail: a patient with neither phone nor e-mail gets the
-- messages queued as suppressed (last_error no_contact) and the booking goes through; even an
-- unexpected error while queueing only raises a WARNING.
begin;
select plan(5);

-- SETUP
select tests.create_notification_fixtures();

-- TEST
select tests.authenticate_as('a_front_desk');
select lives_ok($$ select public.book_appointment(
  service_id => tests.tenancy_id('appt_checkup'), clinician_id => tests.tenancy_id('clinician_a'),
  centre_id => tests.tenancy_id('centre_a1'), starts_at => tests.appointment_slot(3, '10:00'),
  patient_id => tests.tenancy_id('patient_a_nobody'), client_key => 'nobody-1') $$,
  'booking for a patient without any address succeeds');
reset role;
select results_eq(
  $$ select n.kind::text, n.status::text, n.channel, n.last_error from public.notifications as n
      where n.patient_id = tests.tenancy_id('patient_a_nobody') order by n.kind, n.send_after $$,
  $$ values ('booking_confirmed', 'suppressed', null::public.contact_channel, 'no_contact: the patient has no phone number or e-mail address'),
            ('reminder', 'suppressed', null, 'no_contact: the patient has no phone number or e-mail address'),
            ('reminder', 'suppressed', null, 'no_contact: the patient has no phone number or e-mail address') $$,
  'its messages are queued as suppressed with the reason');

-- TEST: an unexpected failure while queueing (a failing trigger on notifications stands in for any bug)
create function pg_temp.fail() returns trigger language plpgsql as $$ begin raise exception 'boom'; end $$;
create trigger zz_fail before insert on public.notifications for each row execute function pg_temp.fail();
select tests.authenticate_as('patient');
select lives_ok($$ select public.book_appointment(
  service_id => tests.tenancy_id('appt_checkup'), clinician_id => tests.tenancy_id('clinician_a'),
  centre_id => tests.tenancy_id('centre_a1'), starts_at => tests.appointment_slot(3, '14:00'),
  client_key => 'broken-1') $$,
  'a patient''s booking succeeds even when queueing its messages fails');
select tests.authenticate_as('a_front_desk');
select lives_ok($$ select public.cancel_appointment(
  (select id from public.appointments where client_key = 'broken-1'), 'patient_request') $$,
  'and so does cancelling it');
reset role;
drop trigger zz_fail on public.notifications;
select is((select status::text from public.appointments where client_key = 'broken-1'), 'cancelled',
  'the appointment was booked and cancelled without its messages');

select * from finish();
rollback;
