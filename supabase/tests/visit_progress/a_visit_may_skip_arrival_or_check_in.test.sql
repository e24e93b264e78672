-- Not every clinic records every step: a booked appointment can be checked in directly (no
-- arrival), or completed directly, and an arrived one completed without a check-in.
begin;
select plan(6);

-- SETUP
select tests.create_appointment_fixtures();
select tests.insert_appointment('direct_check_in', 'appt_checkup', 'clinician_a', 'patient_a', date_trunc('minute', now()) - interval '2 hours');
select tests.insert_appointment('direct_complete', 'appt_checkup', 'clinician_a', 'patient_a_2', date_trunc('minute', now()) - interval '1 hour');
select tests.insert_appointment('arrived', 'appt_checkup', 'clinician_a', 'patient_a_walk_in', date_trunc('minute', now()), 'arrived');

-- TEST
select tests.authenticate_as('a_front_desk');
select results_eq($$ select status::text from public.check_in_appointment(tests.tenancy_id('direct_check_in')) $$,
  $$ values ('checked_in') $$, 'booked -> checked_in without arriving first');
select tests.authenticate_as('a_clinician');
select results_eq($$ select status::text from public.complete_appointment(tests.tenancy_id('direct_complete')) $$,
  $$ values ('fulfilled') $$, 'booked -> fulfilled directly');
select results_eq($$ select status::text from public.complete_appointment(tests.tenancy_id('arrived')) $$,
  $$ values ('fulfilled') $$, 'arrived -> fulfilled without a check-in');

reset role;
select results_eq($$ select from_status, to_status, actor_user_id from tests.history_of('direct_check_in') offset 1 $$,
  $$ values ('booked', 'checked_in', tests.get_supabase_uid('a_front_desk')) $$, 'the history has the single step booked -> checked_in');
select results_eq($$ select from_status, to_status, actor_user_id from tests.history_of('direct_complete') offset 1 $$,
  $$ values ('booked', 'fulfilled', tests.get_supabase_uid('a_clinician')) $$, 'and booked -> fulfilled');
select results_eq($$ select from_status, to_status from tests.history_of('arrived') offset 2 $$,
  $$ values ('arrived', 'fulfilled') $$, 'and arrived -> fulfilled');

select * from finish();
rollback;
