-- Cancelling frees the time at once: the same slot can be booked again (by another patient with
-- the same clinician, by the same patient with another clinician), and the cancelled
-- appointment's room or equipment can be allocated to a new booking.
begin;
select plan(6);

-- SETUP
select tests.create_appointment_fixtures();
select tests.authenticate_as('patient');
create temporary table booked (name text, id uuid) on commit drop;
grant select, insert on booked to authenticated;
insert into booked select 'mine', id from public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'),
                                                               tests.tenancy_id('centre_a1'), tests.appointment_slot(3, '10:00'));

-- TEST: the clinician's and the patient's time
select tests.authenticate_as('a_patient_2');
select throws_ok($$ select public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
                                                   tests.appointment_slot(3, '10:00')) $$,
  'PT409', 'That time is no longer available', 'while it is booked, another patient cannot have the slot');
select tests.authenticate_as('patient');
select public.cancel_appointment((select id from booked where name = 'mine'), 'patient_request');
select tests.authenticate_as('a_patient_2');
select results_eq($$ select status::text, starts_at from public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'),
                                                                              tests.tenancy_id('centre_a1'), tests.appointment_slot(3, '10:00')) $$,
  $$ values ('booked', tests.appointment_slot(3, '10:00')) $$, 'after the cancellation another patient books the same slot');
select tests.authenticate_as('patient');
select results_eq($$ select status::text from public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a_visiting'),
                                                                   tests.tenancy_id('centre_a1'), tests.appointment_slot(3, '10:00')) $$,
  $$ values ('booked') $$, 'and the patient can book another clinician at that time');

-- TEST: resources: both ultrasounds taken, one cancelled, a third scan gets it
select tests.authenticate_as('a_front_desk');
insert into booked select 'scan_' || v.p, b.id
  from (values ('clinician_a', 'patient_a'), ('clinician_a_visiting', 'patient_a_2')) as v(c, p)
  cross join lateral public.book_appointment(tests.tenancy_id('appt_scan'), tests.tenancy_id(v.c), tests.tenancy_id('centre_a1'),
                                             tests.appointment_slot(4, '10:00'), tests.tenancy_id(v.p)) as b;
reset role;
insert into public.clinician_services (tenant_id, clinician_id, service_id)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('appt_scan'));
insert into public.clinician_centres (tenant_id, clinician_id, centre_id)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a1'));
insert into public.availability_rules (tenant_id, clinician_id, centre_id, timezone, local_start, local_end, rrule, valid_from)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a1'), 'Europe/London', '09:00', '17:00', 'FREQ=DAILY', current_date - 1);
select tests.authenticate_as('a_front_desk');
select throws_ok($$ select public.book_appointment(tests.tenancy_id('appt_scan'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a1'),
                                                   tests.appointment_slot(4, '10:00'), tests.tenancy_id('patient_a_walk_in')) $$,
  'PT409', 'That time is no longer available', 'with both ultrasounds taken a third scan is refused');
select public.cancel_appointment((select id from booked where name = 'scan_patient_a'), 'patient_request');
select results_eq($$ select status::text from public.book_appointment(tests.tenancy_id('appt_scan'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a1'),
                                                                   tests.appointment_slot(4, '10:00'), tests.tenancy_id('patient_a_walk_in')) $$,
  $$ values ('booked') $$, 'after one scan is cancelled the third one is booked');
reset role;
select results_eq(
  $$ select r.resource_id, r.active from public.appointment_resources as r join public.appointments as a on a.id = r.appointment_id
      where a.patient_id in (tests.tenancy_id('patient_a'), tests.tenancy_id('patient_a_walk_in')) and a.service_id = tests.tenancy_id('appt_scan')
      order by a.status, r.active $$,
  $$ values (tests.tenancy_id('resource_a1_ultrasound'), true), (tests.tenancy_id('resource_a1_ultrasound'), false) $$,
  'the new scan uses the ultrasound the cancelled one released (which is no longer active for it)');

select * from finish();
rollback;
