-- Only pending and booked appointments can be moved: every later or closed status is PT409 with
-- a message naming the status and a hint to book a new one. A live hold moves and stays a hold
-- (same expiry); an expired hold is PT409 and is left as it was.
begin;
select plan(10);

-- SETUP: one appointment per status, each with its own patient time
select tests.create_appointment_fixtures();
create temporary table statuses (n integer, status public.appointment_status) on commit drop;
insert into statuses values (1, 'arrived'), (2, 'checked_in'), (3, 'fulfilled'), (4, 'cancelled'), (5, 'noshow'), (6, 'entered_in_error');
grant select on statuses to authenticated;
select tests.insert_appointment('s_' || status::text, 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(3, '09:00') + n * interval '1 hour', status)
from statuses;
select tests.insert_appointment('hold', 'appt_paid', 'clinician_a_visiting', 'patient_a_2', tests.appointment_slot(4, '10:00'), 'pending');
select tests.insert_appointment('expired', 'appt_paid', 'clinician_a_visiting', 'patient_a_walk_in', tests.appointment_slot(4, '14:00'), 'pending');
update public.appointments set hold_expires_at = now() - interval '1 minute' where id = tests.tenancy_id('expired');

-- TEST: closed and in-progress statuses
select tests.authenticate_as('a_front_desk');
select throws_ok(
  pg_catalog.format($$ select public.reschedule_appointment(tests.tenancy_id(%L), tests.appointment_slot(6, '10:00')) $$, 's_' || status::text),
  'PT409', pg_catalog.format('%s %s appointment cannot be rescheduled', case when status in ('arrived', 'entered_in_error') then 'an' else 'a' end, status),
  pg_catalog.format('an appointment that is %s cannot be moved (PT409)', status))
from statuses order by n;
select is((tests.error_of($$ select public.reschedule_appointment(tests.tenancy_id('s_fulfilled'), tests.appointment_slot(6, '10:00')) $$))[3],
  'Only pending and booked appointments can be moved; book a new one instead.', 'the hint says to book a new one');

-- TEST: a live hold moves and stays a hold
select results_eq(
  $$ select status::text, starts_at, hold_expires_at = now() + interval '15 minutes'
       from public.reschedule_appointment(tests.tenancy_id('hold'), tests.appointment_slot(4, '11:00')) $$,
  $$ values ('pending', tests.appointment_slot(4, '11:00'), true) $$,
  'a pending appointment moves, still pending with the same hold expiry');

-- TEST: an expired hold
select is(tests.error_of($$ select public.reschedule_appointment(tests.tenancy_id('expired'), tests.appointment_slot(4, '14:15')) $$),
  array['PT409', 'the hold on this appointment has expired',
        'Its time is no longer kept: search for available times again and book a new appointment.'],
  'an expired hold cannot be moved, even onto a time overlapping its own: PT409 with a hint to book again');
reset role;
select is((select (status, starts_at, reschedule_count)::text from public.appointments where id = tests.tenancy_id('expired')),
  (select ('pending'::public.appointment_status, tests.appointment_slot(4, '14:00'), 0)::text),
  'the expired hold is left as it was (not moved, not cancelled by the attempt)');

select * from finish();
rollback;
