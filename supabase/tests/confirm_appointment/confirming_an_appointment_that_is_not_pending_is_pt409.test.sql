-- Only a pending appointment can be confirmed: a booked one is PT409 "the appointment is already
-- booked"; a cancelled one (also a released hold) is refused by the status machine (PT409 with
-- the hint that cancelled is final). An expired hold that nobody has taken yet can still be
-- confirmed (its time was never given away).
begin;
select plan(6);

-- SETUP
select tests.create_appointment_fixtures();
select tests.insert_appointment('booked', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'));
select tests.insert_appointment('released', 'appt_paid', 'clinician_a', 'patient_a_2', tests.appointment_slot(3, '11:00'), 'pending');
select tests.insert_appointment('expired', 'appt_paid', 'clinician_a', 'patient_a_walk_in', tests.appointment_slot(3, '12:00'), 'pending');
update public.appointments set hold_expires_at = now() - interval '1 minute' where id in (tests.tenancy_id('released'), tests.tenancy_id('expired'));
select private.release_expired_holds(tests.tenancy_id('tenant_a'), tstzrange(tests.appointment_slot(3, '11:00'), tests.appointment_slot(3, '11:30')));

-- TEST
select tests.authenticate_as('a_front_desk');
select is(tests.error_of($$ select public.confirm_appointment(tests.tenancy_id('booked')) $$),
  array['PT409', 'the appointment is already booked', 'Reload the appointment to see its current status.'],
  'confirming a booked appointment is PT409 with a hint to reload');
select throws_ok($$ select public.confirm_appointment(tests.tenancy_id('released')) $$,
  'PT409', 'an appointment cannot go from cancelled to booked', 'a released (cancelled) hold cannot be confirmed');
select is((tests.error_of($$ select public.confirm_appointment(tests.tenancy_id('released')) $$))[3],
  'cancelled is final: no further status change is possible (owners and admins may still mark it entered_in_error).',
  'the hint says cancelled is final');
select results_eq($$ select status::text, hold_expires_at from public.confirm_appointment(tests.tenancy_id('expired')) $$,
  $$ values ('booked', null::timestamptz) $$, 'an expired hold that was not released yet is confirmed');

reset role;
select results_eq($$ select id, status::text from public.appointments where tenant_id = tests.tenancy_id('tenant_a') order by starts_at $$,
  $$ values (tests.tenancy_id('booked'), 'booked'), (tests.tenancy_id('released'), 'cancelled'), (tests.tenancy_id('expired'), 'booked') $$,
  'the refused calls changed nothing');
select is((select count(*)::integer from public.appointment_status_history where appointment_id = tests.tenancy_id('booked')), 1,
  'and wrote no history');

select * from finish();
rollback;
