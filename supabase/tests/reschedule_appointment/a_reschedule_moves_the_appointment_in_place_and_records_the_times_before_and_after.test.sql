-- reschedule_appointment moves the appointment in place: the same row (id, patient, clinician,
-- centre, service) gets the new starts_at/ends_at and occupied range (with the service's
-- buffers), reschedule_count goes up by one, and the history gets one row with the times before
-- and after, the actor and the actor's role.
begin;
select plan(8);

-- SETUP
select tests.create_appointment_fixtures();
select tests.insert_appointment('appt', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'));

-- TEST: the patient moves it
select tests.authenticate_as('patient');
select results_eq(
  $$ select id, patient_id, clinician_id, centre_id, service_id, status::text, starts_at, ends_at, occupied, reschedule_count
       from public.reschedule_appointment(tests.tenancy_id('appt'), tests.appointment_slot(4, '11:15')) $$,
  $$ values (tests.tenancy_id('appt'), tests.tenancy_id('patient_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
             tests.tenancy_id('appt_checkup'), 'booked', tests.appointment_slot(4, '11:15'), tests.appointment_slot(4, '11:45'),
             tstzrange(tests.appointment_slot(4, '11:10'), tests.appointment_slot(4, '11:55'), '[)'), 1) $$,
  'the RPC returns the same appointment at the new time, with occupied from the buffers and reschedule_count 1');
reset role;
select is((select count(*)::integer from public.appointments where tenant_id = tests.tenancy_id('tenant_a')), 1,
  'no new appointment is created: it moved in place');
select is((select (starts_at, ends_at, reschedule_count)::text from public.appointments where id = tests.tenancy_id('appt')),
  (select (tests.appointment_slot(4, '11:15'), tests.appointment_slot(4, '11:45'), 1)::text),
  'the stored row has the new times');
select results_eq(
  $$ select from_status::text, to_status::text, starts_at_before, ends_at_before, starts_at_after, ends_at_after, actor_user_id, actor_role, reason
       from public.appointment_status_history where appointment_id = tests.tenancy_id('appt') and from_status is not null $$,
  $$ values ('booked', 'booked', tests.appointment_slot(3, '10:00'), tests.appointment_slot(3, '10:30'),
             tests.appointment_slot(4, '11:15'), tests.appointment_slot(4, '11:45'), tests.get_supabase_uid('patient'), 'patient', 'rescheduled') $$,
  'one history row with the times before and after, the patient as actor and the reason rescheduled');

-- TEST: staff move it again, onto a time overlapping its own current time
select tests.authenticate_as('a_front_desk');
select results_eq(
  $$ select starts_at, reschedule_count from public.reschedule_appointment(tests.tenancy_id('appt'), tests.appointment_slot(4, '11:30')) $$,
  $$ values (tests.appointment_slot(4, '11:30'), 2) $$,
  'moving 15 minutes later (overlapping its own old time) works; reschedule_count 2');
reset role;
select results_eq(
  $$ select starts_at_before, starts_at_after, actor_user_id, actor_role
       from public.appointment_status_history where appointment_id = tests.tenancy_id('appt') and from_status is not null order by at $$,
  $$ values (tests.appointment_slot(3, '10:00'), tests.appointment_slot(4, '11:15'), tests.get_supabase_uid('patient'), 'patient'),
            (tests.appointment_slot(4, '11:15'), tests.appointment_slot(4, '11:30'), tests.get_supabase_uid('a_front_desk'), 'staff') $$,
  'each reschedule is its own history row; staff are recorded as staff');

-- TEST: the old time is free again
select tests.authenticate_as('a_patient_2');
select results_eq(
  $$ select status::text, starts_at from public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'),
                                                                 tests.tenancy_id('centre_a1'), tests.appointment_slot(3, '10:00')) $$,
  $$ values ('booked', tests.appointment_slot(3, '10:00')) $$,
  'another patient can book the time the appointment left');
select throws_ok(
  $$ select public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
                                    tests.appointment_slot(4, '11:30')) $$,
  'PT409', 'That time is no longer available', 'and the new time is taken');

select * from finish();
rollback;
