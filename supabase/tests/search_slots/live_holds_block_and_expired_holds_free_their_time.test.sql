-- Holds: a pending appointment occupies its time until hold_expires_at; once that has passed it
-- is free (booking releases such holds before it inserts), even before the expiry job ran.
begin;
select plan(5);

-- SETUP: two held paid consultations (30 min, no buffers) of clinician_a
select tests.create_appointment_fixtures();
select tests.insert_appointment('hold_live', 'appt_paid', 'clinician_a', 'patient_a', tests.appointment_slot(2, '10:00'), 'pending');
select tests.insert_appointment('hold_expired', 'appt_paid', 'clinician_a', 'patient_a_2', tests.appointment_slot(2, '14:00'), 'pending');
update public.appointments set hold_expires_at = now() - interval '1 minute' where id = tests.tenancy_id('hold_expired');

-- TEST
select is(
  array(select tests.slot_starts('appt_paid', 'centre_a1', tests.appointment_slot(2, '09:30'), tests.appointment_slot(2, '10:31'), 'clinician_a')),
  array['09:30', '10:30'],
  'a live hold (expires in 15 minutes) blocks 09:45 ... 10:15');
select is(
  array(select tests.slot_starts('appt_paid', 'centre_a1', tests.appointment_slot(2, '13:30'), tests.appointment_slot(2, '14:31'), 'clinician_a')),
  array['13:30', '13:45', '14:00', '14:15', '14:30'],
  'an expired hold (still pending, expiry job not yet run) blocks nothing');
select is(
  (select status::text from public.appointments where id = tests.tenancy_id('hold_expired')), 'pending',
  'searching changes nothing: the expired hold is still pending');

-- TEST: booking agrees: the expired hold's time can be booked, the live hold's cannot
select lives_ok(
  $$ select public.book_appointment(tests.tenancy_id('appt_paid'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
                                    tests.appointment_slot(2, '14:00'), tests.tenancy_id('patient_a_walk_in')) $$,
  'booking the offered 14:00 succeeds (and releases the expired hold)');
select throws_ok(
  $$ select public.book_appointment(tests.tenancy_id('appt_paid'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
                                    tests.appointment_slot(2, '10:00'), tests.tenancy_id('patient_a_walk_in')) $$,
  'PT409', 'That time is no longer available', 'booking the held 10:00, which search does not offer, is refused');

select * from finish();
rollback;
