-- Every PT409 of book_appointment carries a reason code in its detail (PostgREST `details`,
-- docs/errors.md) besides the message and hint a client shows: slot_taken when the clinician's
-- time (buffers included) or every room/device of the needed type is gone (search again),
-- patient_busy when the patient already has an appointment then, client_key_reused when the key
-- booked something else. A refused booking changes nothing.
begin;
select plan(6);

-- SETUP: patient_a is booked 10:00-10:30 with clinician_a; two scans at 12:00 hold both ultrasounds
select tests.create_appointment_fixtures();
select tests.authenticate_as('patient');
select public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
                               tests.appointment_slot(2, '10:00'), client_key => 'first');
select tests.authenticate_as('a_front_desk');
select public.book_appointment(tests.tenancy_id('appt_scan'), tests.tenancy_id(c), tests.tenancy_id('centre_a1'), tests.appointment_slot(2, '12:00'), tests.tenancy_id(p))
from (values ('clinician_a', 'patient_a_2'), ('clinician_a_visiting', 'patient_a_walk_in')) as v (c, p);
reset role;
insert into public.clinician_services (tenant_id, clinician_id, service_id)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('appt_scan'));
insert into public.clinician_centres (tenant_id, clinician_id, centre_id)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a1'));
insert into public.availability_rules (tenant_id, clinician_id, centre_id, timezone, local_start, local_end, rrule, valid_from)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a1'), 'Europe/London', '09:00', '17:00', 'FREQ=DAILY', current_date - 1);
create temporary table before on commit drop as select count(*)::integer as n from public.appointments;

-- TEST
select tests.authenticate_as('a_patient_2');
select is(tests.error_details_of(
  $$ select public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
                                    tests.appointment_slot(2, '10:30')) $$),
  '{"code": "PT409", "message": "That time is no longer available", "detail": "slot_taken", "hint": "Someone else just booked it: search for available times again and pick another slot."}'::jsonb,
  'the clinician''s time (with the buffer) is taken: slot_taken');
select tests.authenticate_as('patient');
select is(tests.error_details_of(
  $$ select public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('centre_a1'),
                                    tests.appointment_slot(2, '10:15')) $$),
  '{"code": "PT409", "message": "The patient already has an appointment at that time", "detail": "patient_busy", "hint": "Pick a time that does not overlap the patient''s other appointments."}'::jsonb,
  'the patient is busy then, with another clinician: patient_busy');
select is(tests.error_details_of(
  $$ select public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
                                    tests.appointment_slot(3, '10:00'), client_key => 'first') $$),
  '{"code": "PT409", "message": "this client_key was already used for a different booking", "detail": "client_key_reused", "hint": "Use a new client_key for a new booking; reuse a key only to retry the same request."}'::jsonb,
  'a used client_key for another slot: client_key_reused');
select tests.authenticate_as('a_front_desk');
select is(tests.error_details_of(
  $$ select public.book_appointment(tests.tenancy_id('appt_scan'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a1'),
                                    tests.appointment_slot(2, '12:00'), tests.tenancy_id('patient_a')) $$),
  '{"code": "PT409", "message": "That time is no longer available", "detail": "slot_taken", "hint": "No ultrasound is free at that time: search for available times again and pick another slot."}'::jsonb,
  'no ultrasound is free then: slot_taken, the hint names the missing resource');
reset role;
select is((select count(*)::integer from public.appointments), (select n from before), 'the refused bookings wrote nothing');
select is((select count(*)::integer from public.appointment_resources), 2, 'and allocated nothing');

select * from finish();
rollback;
