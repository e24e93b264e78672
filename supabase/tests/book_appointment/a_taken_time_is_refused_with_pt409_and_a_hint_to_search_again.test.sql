-- The second booking of an overlapping time is refused with PT409 "That time is no longer
-- available" and a hint to search again (the exclusion constraint decides; 23P01 is mapped),
-- and nothing else changes. Same for the patient's own overlap and for a missing resource.
begin;
select plan(6);

-- SETUP
select tests.create_appointment_fixtures();
select tests.authenticate_as('patient');
select public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), tests.appointment_slot(2, '10:00'));

-- TEST
select tests.authenticate_as('a_patient_2');
select throws_ok(
  $$ select public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
                                    tests.appointment_slot(2, '10:30')) $$,
  'PT409', 'That time is no longer available', 'an overlap with the buffer of the booked appointment is refused with PT409');
select is(tests.error_details_of(
  $$ select public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
                                    tests.appointment_slot(2, '10:00')) $$) ->> 'hint',
  'Someone else just booked it: search for available times again and pick another slot.',
  'the hint tells the client to search again');
reset role;
select is((select count(*)::integer from public.appointments where tenant_id = tests.tenancy_id('tenant_a')), 1, 'no other appointment was written');

select tests.authenticate_as('patient');
select throws_ok(
  $$ select public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('centre_a1'),
                                    tests.appointment_slot(2, '10:15')) $$,
  'PT409', 'The patient already has an appointment at that time', 'a patient cannot be booked twice at once, even with another clinician');

-- TEST: resources: two ultrasounds, the third scan at that time has none
select tests.authenticate_as('a_front_desk');
select is((select count(*)::integer from (
  select public.book_appointment(tests.tenancy_id('appt_scan'), tests.tenancy_id(c), tests.tenancy_id('centre_a1'), tests.appointment_slot(3, '10:00'), tests.tenancy_id(p))
  from (values ('clinician_a', 'patient_a'), ('clinician_a_visiting', 'patient_a_2')) as v(c, p)) as x), 2,
  'two scans at the same time each get one of the two ultrasounds');
reset role;
insert into public.clinician_services (tenant_id, clinician_id, service_id)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('appt_scan'));
insert into public.clinician_centres (tenant_id, clinician_id, centre_id)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a1'));
insert into public.availability_rules (tenant_id, clinician_id, centre_id, timezone, local_start, local_end, rrule, valid_from)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a1'), 'Europe/London', '09:00', '17:00', 'FREQ=DAILY', current_date - 1);
select tests.authenticate_as('a_front_desk');
select throws_ok(
  $$ select public.book_appointment(tests.tenancy_id('appt_scan'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a1'),
                                    tests.appointment_slot(3, '10:00'), tests.tenancy_id('patient_a_walk_in')) $$,
  'PT409', 'That time is no longer available', 'a third scan at that time finds no free ultrasound: PT409');

select * from finish();
rollback;
