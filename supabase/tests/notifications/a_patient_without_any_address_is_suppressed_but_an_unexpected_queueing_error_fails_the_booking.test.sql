-- A patient with neither phone nor e-mail is expected, not an error: the booking goes through and
-- the messages are queued as suppressed (last_error no_contact). Anything unexpected while
-- queueing is not swallowed: the booking (or cancellation) fails with the error and changes
-- nothing, instead of silently going on without the patient's confirmation.
begin;
select plan(8);

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
select tests.authenticate_as('patient');
select lives_ok($$ select public.book_appointment(
  service_id => tests.tenancy_id('appt_checkup'), clinician_id => tests.tenancy_id('clinician_a'),
  centre_id => tests.tenancy_id('centre_a1'), starts_at => tests.appointment_slot(3, '12:00'),
  client_key => 'booked-before') $$,
  'a booking made while queueing works');
reset role;
create trigger zz_fail before insert on public.notifications for each row execute function tests.fail_notification_insert();
select tests.authenticate_as('patient');
select throws_ok($$ select public.book_appointment(
  service_id => tests.tenancy_id('appt_checkup'), clinician_id => tests.tenancy_id('clinician_a'),
  centre_id => tests.tenancy_id('centre_a1'), starts_at => tests.appointment_slot(3, '14:00'),
  client_key => 'broken-1') $$,
  'XX000', 'boom', 'a booking whose messages cannot be queued fails with the error');
select tests.authenticate_as('a_front_desk');
select throws_ok($$ select public.cancel_appointment(
  (select id from public.appointments where client_key = 'booked-before'), 'patient_request') $$,
  'XX000', 'boom', 'and so does a cancellation whose message cannot be queued');
reset role;
drop trigger zz_fail on public.notifications;
select is_empty($$ select 1 from public.appointments where client_key = 'broken-1' $$, 'the failed booking left no appointment');
select is((select status::text from public.appointments where client_key = 'booked-before'), 'booked',
  'the failed cancellation left the appointment booked');
select is((select count(*)::integer from public.notifications as n join public.appointments as a on a.id = n.appointment_id
            where a.client_key = 'booked-before' and n.status = 'queued'), 3,
  'with its confirmation and reminders still queued');

select * from finish();
rollback;
