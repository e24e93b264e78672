-- The rooms and equipment of an appointment move with it: an allocation whose resource is still
-- free at the new time is kept and its occupied range follows; one that is taken there is handed
-- over to another free active resource of the same type at the centre (as booking allocates);
-- when none is free the reschedule is refused with PT409 "That time is no longer available" and
-- nothing changes.
begin;
select plan(9);

-- SETUP: centre_a1 has two ultrasounds; 'scan' uses the first one
select tests.create_appointment_fixtures();
select tests.insert_appointment('scan', 'appt_scan', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'));
select tests.insert_appointment('blocker_1', 'appt_scan', 'clinician_a_visiting', 'patient_a_2', tests.appointment_slot(3, '14:00'));
select tests.insert_appointment('blocker_2', 'appt_scan', 'clinician_a_visiting', 'patient_a_2', tests.appointment_slot(3, '16:00'));
select tests.insert_appointment('blocker_3', 'appt_scan', 'clinician_a_2', 'patient_a_walk_in', tests.appointment_slot(3, '16:00'));
insert into public.appointment_resources (tenant_id, appointment_id, resource_id, occupied, active) values
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('scan'), tests.tenancy_id('resource_a1_ultrasound'), 'empty', true),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('blocker_1'), tests.tenancy_id('resource_a1_ultrasound'), 'empty', true),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('blocker_2'), tests.tenancy_id('resource_a1_ultrasound'), 'empty', true),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('blocker_3'), tests.tenancy_id('resource_a1_ultrasound_2'), 'empty', true);

-- TEST: still free at the new time: kept, and the range follows
select tests.authenticate_as('patient');
select lives_ok($$ select public.reschedule_appointment(tests.tenancy_id('scan'), tests.appointment_slot(3, '11:00')) $$,
  'the patient moves the scan to a time where its ultrasound is free');
reset role;
select results_eq(
  $$ select resource_id, occupied, active from public.appointment_resources where appointment_id = tests.tenancy_id('scan') $$,
  $$ values (tests.tenancy_id('resource_a1_ultrasound'), tstzrange(tests.appointment_slot(3, '11:00'), tests.appointment_slot(3, '11:20'), '[)'), true) $$,
  'the same ultrasound is kept and its occupied range follows the appointment');

-- TEST: taken at the new time: handed over to the other ultrasound
select tests.authenticate_as('patient');
select results_eq(
  $$ select starts_at from public.reschedule_appointment(tests.tenancy_id('scan'), tests.appointment_slot(3, '14:00')) $$,
  $$ values (tests.appointment_slot(3, '14:00')) $$,
  'a time where its ultrasound is taken but another one is free is accepted (slot search offers it)');
reset role;
select results_eq(
  $$ select resource_id, occupied, active from public.appointment_resources where appointment_id = tests.tenancy_id('scan') $$,
  $$ values (tests.tenancy_id('resource_a1_ultrasound_2'), tstzrange(tests.appointment_slot(3, '14:00'), tests.appointment_slot(3, '14:20'), '[)'), true) $$,
  'the scan now uses the free ultrasound, and only that one');

-- TEST: none free: PT409, nothing changes
select tests.authenticate_as('a_front_desk');
select throws_ok($$ select public.reschedule_appointment(tests.tenancy_id('scan'), tests.appointment_slot(3, '16:00')) $$,
  'PT409', 'That time is no longer available', 'when every ultrasound is taken at the new time the reschedule is PT409');
select is(tests.error_details_of($$ select public.reschedule_appointment(tests.tenancy_id('scan'), tests.appointment_slot(3, '16:00')) $$),
  '{"code": "PT409", "message": "That time is no longer available", "detail": "slot_taken", "hint": "No ultrasound is free at that time: search for available times again and pick another slot."}'::jsonb,
  'reason slot_taken, with a hint naming the missing resource and to search again');
reset role;
select is((select (starts_at, reschedule_count)::text from public.appointments where id = tests.tenancy_id('scan')),
  (select (tests.appointment_slot(3, '14:00'), 2)::text), 'the refused reschedule left the appointment where it was');
select results_eq(
  $$ select resource_id, occupied from public.appointment_resources where appointment_id = tests.tenancy_id('scan') $$,
  $$ values (tests.tenancy_id('resource_a1_ultrasound_2'), tstzrange(tests.appointment_slot(3, '14:00'), tests.appointment_slot(3, '14:20'), '[)')) $$,
  'and its allocation unchanged');
select is((select count(*)::integer from public.appointment_status_history where appointment_id = tests.tenancy_id('scan')), 3,
  'and wrote no history (creation and two reschedules only)');

select * from finish();
rollback;
