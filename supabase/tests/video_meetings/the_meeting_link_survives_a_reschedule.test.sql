-- The meeting link belongs to the appointment, not to its time: a reschedule (by the patient or
-- staff) keeps the same link, and so does confirming a held video appointment.
begin;
select plan(4);

-- SETUP: a video appointment booked by the patient, and a held (payment-required) one
select tests.create_appointment_fixtures();
update public.services set payment_required = true where id = tests.tenancy_id('appt_video');
create temporary table booked (id uuid, meeting_url text) on commit drop;
grant select, insert on booked to authenticated;
select tests.authenticate_as('patient');
insert into booked select id, meeting_url from public.book_appointment(tests.tenancy_id('appt_video'), tests.tenancy_id('clinician_a'),
                                                                    tests.tenancy_id('centre_a1'), tests.appointment_slot(3, '10:00'));

-- TEST
select ok((select meeting_url like 'https://meet.jit.si/slotbase-%' from booked), 'the booked video appointment has a link');
select results_eq($$ select starts_at, meeting_url from public.reschedule_appointment((select id from booked), tests.appointment_slot(4, '11:00')) $$,
  $$ select tests.appointment_slot(4, '11:00'), meeting_url from booked $$, 'the patient moves it: same link');
select tests.authenticate_as('a_front_desk');
select results_eq($$ select meeting_url from public.reschedule_appointment((select id from booked), tests.appointment_slot(5, '09:30')) $$,
  $$ select meeting_url from booked $$, 'the front desk moves it again: same link');
select results_eq($$ select status::text, meeting_url from public.confirm_appointment((select id from booked)) $$,
  $$ select 'booked', meeting_url from booked $$, 'confirming the hold keeps the link');

select * from finish();
rollback;
