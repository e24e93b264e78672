-- Who may book a series, as for book_appointment: a patient for their own record (not for
-- another patient), booking staff for any patient of the tenant, the server for a named patient;
-- not anon (no grant), not a clinician (not booking staff), not another tenant's staff, not for
-- another tenant's patient. Patients only book public services at published centres.
begin;
select plan(11);

-- SETUP
select tests.create_appointment_fixtures();
create function pg_temp.book(days integer, patient text default null, service text default 'appt_checkup', centre text default 'centre_a1')
returns jsonb language sql as $$
  select public.book_appointment_series(tests.tenancy_id(service), tests.tenancy_id('clinician_a'), tests.tenancy_id(centre),
           tests.appointment_slot(days, '10:00'), 'FREQ=WEEKLY;COUNT=2', case when patient is not null then tests.tenancy_id(patient) end)
$$;
grant execute on function pg_temp.book(integer, text, text, text) to anon, authenticated, service_role;
update public.services set is_public = false where id = tests.tenancy_id('appt_video');
create temporary table results (who text, result jsonb) on commit drop;
grant select, insert on results to authenticated;

-- TEST: the patient
select tests.authenticate_as('patient');
insert into results select 'patient', pg_temp.book(2);
select results_eq(
  $$ select s.patient_id, s.created_by, (select array_agg(distinct a.booked_via) from public.appointments as a where a.series_id = s.id)
     from public.appointment_series as s where s.id = (select (result ->> 'series_id')::uuid from results where who = 'patient') $$,
  $$ values (tests.tenancy_id('patient_a'), tests.get_supabase_uid('patient'), array['patient']) $$,
  'a patient books a series for their own record');
select throws_ok($$ select pg_temp.book(3, 'patient_a_2') $$, 'PT403', 'you can only book for your own patient record',
  'a patient cannot book a series for another patient');
select throws_ok($$ select pg_temp.book(3, service => 'appt_video') $$, 'PT404', 'this service is not bookable online',
  'a patient cannot book a series of an unlisted service');

-- TEST: staff
select tests.authenticate_as('a_front_desk');
insert into results select 'front desk', pg_temp.book(4, 'patient_a_walk_in');
select results_eq(
  $$ select s.patient_id, s.created_by, (select array_agg(distinct a.booked_via) from public.appointments as a where a.series_id = s.id)
     from public.appointment_series as s where s.id = (select (result ->> 'series_id')::uuid from results where who = 'front desk') $$,
  $$ values (tests.tenancy_id('patient_a_walk_in'), tests.get_supabase_uid('a_front_desk'), array['staff']) $$,
  'the front desk books a series for a patient without an account');
select throws_ok($$ select pg_temp.book(5, 'patient_b') $$, 'PT404', 'patient not found',
  'staff cannot book a series for another tenant''s patient');
select tests.authenticate_as('a_centre_manager');
select is(jsonb_array_length(pg_temp.book(5, 'patient_a_2') -> 'booked'), 2, 'the centre''s manager books for a patient at their centre');
select tests.authenticate_as('a_clinician');
select throws_ok($$ select pg_temp.book(6, 'patient_a_2') $$, 'PT404', 'you have no patient record with this clinic',
  'a clinician is not booking staff (treated as a patient without a record)');

-- TEST: other tenant, anon, server
select tests.authenticate_as('b_owner');
select throws_ok($$ select pg_temp.book(6, 'patient_a_2') $$, 'PT404', 'you have no patient record with this clinic',
  'another tenant''s owner cannot book in this tenant');
select tests.clear_authentication();
select throws_ok($$ select pg_temp.book(6) $$, '42501', null, 'anon cannot call book_appointment_series');
select tests.authenticate_as_service_role();
select is(jsonb_array_length(pg_temp.book(6, 'patient_a_2') -> 'booked'), 2, 'the server books a series for a named patient');
select throws_ok($$ select pg_temp.book(7) $$, '22023', 'patient_id is required for server-side bookings',
  'the server must name the patient');

select * from finish();
rollback;
