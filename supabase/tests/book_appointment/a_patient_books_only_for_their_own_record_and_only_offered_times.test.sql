-- A patient books for their own record in the service's tenant (booked_via patient, history row);
-- never for someone else's record, never with an override, never outside offered times.
begin;
select plan(9);

-- SETUP
select tests.create_appointment_fixtures();
select tests.authenticate_as('patient');

-- TEST: own record
select results_eq(
  $$ select patient_id, status::text, booked_via, ends_at - starts_at
       from public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
                                    tests.appointment_slot(2, '10:00')) $$,
  $$ values (tests.tenancy_id('patient_a'), 'booked', 'patient', interval '30 minutes') $$,
  'a patient books for their own record: booked, via patient, as long as the service');
select is((select count(*)::integer from public.appointment_status_history where to_status = 'booked' and from_status is null and actor_role = 'patient'), 1,
  'the booking is recorded in the history as made by the patient');

-- TEST: not for someone else, not with an override
select throws_ok(
  $$ select public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
                                    tests.appointment_slot(2, '12:00'), tests.tenancy_id('patient_a_2')) $$,
  'PT403', 'you can only book for your own patient record', 'a patient cannot book for another patient''s record');
select throws_ok(
  $$ select public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
                                    tests.appointment_slot(2, '20:00'), staff_override => true, override_reason => 'please') $$,
  'PT403', 'only staff may override availability', 'a patient cannot override availability');

-- TEST: only offered times
select throws_ok(
  $$ select public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
                                    tests.appointment_slot(2, '18:00')) $$,
  'PT422', 'the clinician does not offer that time', 'outside working hours: PT422');
select throws_ok(
  $$ select public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
                                    tests.appointment_slot(2, '11:10')) $$,
  'PT422', 'that time is not a slot start', 'not aligned to the 15-minute grid: PT422');
select throws_ok(
  $$ select public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
                                    date_trunc('hour', now()) + interval '30 minutes') $$,
  'PT422', 'that time is too soon to book', 'inside the minimum notice: PT422');
select throws_ok(
  $$ select public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
                                    tests.appointment_slot(70, '10:00')) $$,
  'PT422', 'that time is too far ahead to book', 'beyond the booking horizon: PT422');

-- TEST: a clinic where the user has no record
select tests.authenticate_as('outsider');
select throws_ok(
  $$ select public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
                                    tests.appointment_slot(2, '10:00')) $$,
  'PT404', 'you have no patient record with this clinic', 'a user without a patient record in that tenant cannot book there');

select * from finish();
rollback;
