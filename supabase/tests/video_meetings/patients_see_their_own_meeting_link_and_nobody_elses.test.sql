-- The meeting link is as private as the appointment: the patient reads their own link (directly
-- and from the RPCs), staff of the tenant read every link of the tenant, while another patient,
-- staff of another tenant and anon cannot read it at all.
begin;
select plan(7);

-- SETUP
select tests.create_appointment_fixtures();
select tests.insert_appointment('video', 'appt_video', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'));
select tests.insert_appointment('video_2', 'appt_video', 'clinician_a_visiting', 'patient_a_2', tests.appointment_slot(3, '10:00'));
create temporary table links (name text, meeting_url text) on commit drop;
insert into links select 'video', meeting_url from public.appointments where id = tests.tenancy_id('video');
insert into links select 'video_2', meeting_url from public.appointments where id = tests.tenancy_id('video_2');
grant select on links to authenticated, anon;

-- TEST
select tests.authenticate_as('patient');
select results_eq($$ select meeting_url from public.appointments where meeting_url is not null $$,
  $$ select meeting_url from links where name = 'video' $$, 'the patient reads their own link and no other');
select results_eq($$ select meeting_url from public.reschedule_appointment(tests.tenancy_id('video'), tests.appointment_slot(4, '10:00')) $$,
  $$ select meeting_url from links where name = 'video' $$, 'the RPCs return it to the patient');
select tests.authenticate_as('a_patient_2');
select results_eq($$ select meeting_url from public.appointments where meeting_url is not null $$,
  $$ select meeting_url from links where name = 'video_2' $$, 'another patient reads only their own link');
select tests.authenticate_as('a_front_desk');
select results_eq($$ select meeting_url from public.appointments where meeting_url is not null order by meeting_url $$,
  $$ select meeting_url from links order by meeting_url $$, 'staff of the tenant read every link');
select tests.authenticate_as('b_owner');
select is_empty($$ select meeting_url from public.appointments where meeting_url is not null $$, 'staff of another tenant read none');
select throws_ok($$ select public.confirm_appointment(tests.tenancy_id('video')) $$, 'PT404', 'appointment not found',
  'nor get it from an RPC');
select tests.clear_authentication();
select throws_ok($$ select meeting_url from public.appointments $$, '42501', null, 'anon cannot read appointments at all');

select * from finish();
rollback;
