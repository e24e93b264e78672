-- The waitlist offer trigger catches nothing: when the offer message cannot be queued for an
-- unexpected reason, the statement that made the offer fails with the error and changes nothing
-- (no offer without its message).
begin;
select plan(4);

-- SETUP
select tests.create_notification_fixtures();
select tests.free_slot('freed', tests.appointment_slot(2, '10:00'));
select tests.insert_waitlist_entry('es_entry', 'patient_a_es', 'appt_checkup', tests.appointment_slot(1, '09:00'), tests.appointment_slot(2, '12:00'));
-- a failing trigger on the offer's message stands in for any bug
create trigger zz_fail before insert on public.notifications for each row execute function tests.fail_notification_insert('waitlist_offer');

-- TEST
select throws_ok($$ select public.cancel_appointment(tests.tenancy_id('freed'), 'clinic_request') $$,
  'XX000', 'boom', 'freeing the slot fails when its offer message cannot be queued');
select is((select status::text from public.appointments where id = tests.tenancy_id('freed')), 'booked', 'the appointment is still booked');
select is_empty($$ select 1 from public.waitlist_offers where entry_id = tests.tenancy_id('es_entry') $$, 'no offer was made');
drop trigger zz_fail on public.notifications;
select lives_ok($$ select public.cancel_appointment(tests.tenancy_id('freed'), 'clinic_request') $$,
  'without the failure the same cancellation makes the offer');

select * from finish();
rollback;
