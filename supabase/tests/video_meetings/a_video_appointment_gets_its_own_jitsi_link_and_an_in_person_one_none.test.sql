-- Booking a video service gives the appointment its own meeting link,
-- https://meet.jit.si/slotbase-<uuid> (unique per appointment, enforced by a unique
-- constraint); an in-person appointment has none.
begin;
select plan(5);

-- SETUP
select tests.create_appointment_fixtures();
create temporary table booked (name text, meeting_url text) on commit drop;
grant select, insert on booked to authenticated;

-- TEST
select tests.authenticate_as('patient');
insert into booked select 'video_1', meeting_url from public.book_appointment(tests.tenancy_id('appt_video'), tests.tenancy_id('clinician_a'),
                                                                            tests.tenancy_id('centre_a1'), tests.appointment_slot(3, '10:00'));
insert into booked select 'in_person', meeting_url from public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'),
                                                                              tests.tenancy_id('centre_a1'), tests.appointment_slot(3, '14:00'));
select tests.authenticate_as('a_patient_2');
insert into booked select 'video_2', meeting_url from public.book_appointment(tests.tenancy_id('appt_video'), tests.tenancy_id('clinician_a_visiting'),
                                                                            tests.tenancy_id('centre_a1'), tests.appointment_slot(3, '10:00'));
reset role;
select ok((select meeting_url ~ '^https://meet\.jit\.si/slotbase-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' from booked where name = 'video_1'),
  'a video appointment gets https://meet.jit.si/slotbase-<uuid>');
select ok((select meeting_url ~ '^https://meet\.jit\.si/slotbase-[0-9a-f-]{36}$' from booked where name = 'video_2'),
  'so does the next one');
select isnt((select meeting_url from booked where name = 'video_1'), (select meeting_url from booked where name = 'video_2'),
  'each video appointment has its own room, even at the same time');
select is((select meeting_url from booked where name = 'in_person'), null, 'an in-person appointment has no meeting link');
select throws_ok($$ update public.appointments set meeting_url = (select meeting_url from booked where name = 'video_1')
                     where id = (select id from public.appointments where patient_id = tests.tenancy_id('patient_a_2')) $$,
  '23505', null, 'two appointments can never share a meeting link (appointments_meeting_url_key)');

select * from finish();
rollback;
