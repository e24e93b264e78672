-- The reschedule fee (services.reschedule_fee) is never charged by the database: patients cannot
-- move an appointment inside the reschedule window at all (PT409), and a move by staff inside
-- the window is the clinic's decision, like a staff cancellation, which records fee 0. So a late
-- reschedule by staff records no fee anywhere: the appointment keeps no cancellation_outcome and
-- the history row is an ordinary reschedule (times before/after, actor, reason rescheduled),
-- from which the payments issue can tell that it was late.
begin;
select plan(3);

-- SETUP: the scan has a 48-hour reschedule window and a 20.00 cancellation fee; give it a
-- reschedule fee too
select tests.create_appointment_fixtures();
update public.services set reschedule_fee = 15 where id = tests.tenancy_id('appt_scan');
select tests.insert_appointment('scan', 'appt_scan', 'clinician_a', 'patient_a', date_trunc('minute', now()) + interval '30 hours');

-- TEST
select tests.authenticate_as('a_front_desk');
select results_eq(
  $$ select starts_at, reschedule_count, cancellation_outcome from public.reschedule_appointment(tests.tenancy_id('scan'), tests.appointment_slot(5, '10:00')) $$,
  $$ values (tests.appointment_slot(5, '10:00'), 1, null::jsonb) $$,
  'staff move the scan inside its 48-hour window; no fee or outcome is recorded on the appointment');
reset role;
select results_eq(
  $$ select from_status::text, to_status::text, actor_role, reason,
            now() > starts_at_before - (select reschedule_window from public.services where id = tests.tenancy_id('appt_scan'))
       from public.appointment_status_history where appointment_id = tests.tenancy_id('scan') and from_status is not null $$,
  $$ values ('booked', 'booked', 'staff', 'rescheduled', true) $$,
  'the history row is an ordinary reschedule by staff, and shows it was inside the window');
select is((select count(*)::integer from public.appointments where tenant_id = tests.tenancy_id('tenant_a') and cancellation_outcome is not null), 0,
  'nothing anywhere records a fee');

select * from finish();
rollback;
