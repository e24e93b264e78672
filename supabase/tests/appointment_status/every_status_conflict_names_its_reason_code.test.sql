-- The status machine's refusals and the "already in that status" and "no-show before the
-- start" refusals of the status RPCs are PT409 with the reason code status_conflict
-- (docs/errors.md): the appointment is not in a status for this change; reload it.
begin;
select plan(6);

-- SETUP
select tests.create_appointment_fixtures();
select tests.insert_appointment('booked', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'));
select tests.insert_appointment('cancelled', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(3, '12:00'), 'cancelled');
select tests.insert_appointment('fulfilled', 'appt_checkup', 'clinician_a', 'patient_a_2', tests.appointment_slot(3, '14:00'), 'fulfilled');

-- TEST: the RPCs
select tests.authenticate_as('a_front_desk');
select is(tests.error_details_of($$ select public.cancel_appointment(tests.tenancy_id('cancelled'), 'again') $$),
  '{"code": "PT409", "message": "the appointment is already cancelled", "detail": "status_conflict", "hint": "Reload the appointment to see its current status."}'::jsonb,
  'already in that status: status_conflict');
select is(tests.error_details_of($$ select public.mark_no_show(tests.tenancy_id('booked')) $$),
  '{"code": "PT409", "message": "an appointment cannot be marked no-show before it starts", "detail": "status_conflict", "hint": "Mark no-show after the start time."}'::jsonb,
  'a no-show before the start: status_conflict');
select is(tests.error_details_of($$ select public.confirm_appointment(tests.tenancy_id('cancelled')) $$),
  '{"code": "PT409", "message": "an appointment cannot go from cancelled to booked", "detail": "status_conflict", "hint": "cancelled is final: no further status change is possible (owners and admins may still mark it entered_in_error)."}'::jsonb,
  'a transition the machine refuses: status_conflict');
reset role;

-- TEST: the machine itself, whoever writes
select is(tests.error_details_of($$ update public.appointments set starts_at = starts_at + interval '1 hour', ends_at = ends_at + interval '1 hour'
                                    where id = tests.tenancy_id('fulfilled') $$),
  '{"code": "PT409", "message": "a fulfilled appointment cannot be moved", "detail": "status_conflict", "hint": "Only pending and booked appointments can be rescheduled."}'::jsonb,
  'moving a fulfilled appointment: status_conflict');
select is(tests.error_details_of($$ insert into public.appointments (tenant_id, service_id, clinician_id, centre_id, patient_id, starts_at, ends_at, occupied, status, booked_via)
                                    values (tests.tenancy_id('tenant_a'), tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
                                            tests.tenancy_id('patient_a'), tests.appointment_slot(4, '10:00'), tests.appointment_slot(4, '10:30'),
                                            tstzrange(tests.appointment_slot(4, '10:00'), tests.appointment_slot(4, '10:30')), 'fulfilled', 'staff') $$),
  '{"code": "PT409", "message": "a new appointment cannot be fulfilled", "detail": "status_conflict", "hint": "Create appointments as pending or booked; later statuses follow the status machine."}'::jsonb,
  'a new appointment in a later status: status_conflict');
select results_eq($$ select status::text from public.appointments where tenant_id = tests.tenancy_id('tenant_a') order by starts_at $$,
  $$ values ('booked'), ('cancelled'), ('fulfilled') $$, 'nothing changed');

select * from finish();
rollback;
