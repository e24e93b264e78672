-- Who may move occurrences of a series: as reschedule_appointment, the patient and booking
-- staff (and the server); not the clinician or other staff (PT403), not other tenants or other
-- patients (PT404), not anon (no grant). For 'following'/'all' the given occurrence must be
-- pending or booked and not started (PT409); its current time is a no-op; a bad scope is 22023
-- and a single appointment PT422.
begin;
select plan(13);

-- SETUP: weekly at 10:00 from day 2 for the patient; the first occurrence has started, the
-- third is cancelled.
select tests.create_appointment_fixtures();
create temporary table series on commit drop as
  select tests.book_series('patient_a', tests.appointment_slot(2, '10:00'), 'FREQ=WEEKLY;COUNT=4') as id;
create temporary table occurrence on commit drop as
  select n, tests.series_appointment((select id from series), n) as id from generate_series(1, 4) as n;
grant select on series, occurrence to anon, authenticated, service_role;
update public.appointments set starts_at = now() - interval '5 minutes', ends_at = now() + interval '25 minutes'
 where id = (select id from occurrence where n = 1);
update public.appointments set status = 'cancelled', cancellation_reason = 'patient_request' where id = (select id from occurrence where n = 3);
select tests.insert_appointment('single', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(3, '12:00'));
create function pg_temp.move(n integer, scope text, days integer, local_time text)
returns jsonb language sql as $$
  select public.reschedule_appointment_series((select o.id from occurrence as o where o.n = move.n), scope, tests.appointment_slot(days, local_time))
$$;
grant execute on function pg_temp.move(integer, text, integer, text) to anon, authenticated, service_role;

-- TEST: not allowed
select tests.authenticate_as('b_owner');
select throws_ok($$ select pg_temp.move(2, 'all', 9, '11:00') $$, 'PT404', 'appointment not found', 'another tenant''s owner does not see it');
select tests.authenticate_as('a_patient_2');
select throws_ok($$ select pg_temp.move(2, 'all', 9, '11:00') $$, 'PT404', 'appointment not found', 'another patient does not see it');
select tests.authenticate_as('a_clinician');
select throws_ok($$ select pg_temp.move(2, 'all', 9, '11:00') $$, 'PT403', 'you may not reschedule this appointment',
  'the appointment''s clinician may not move it (as with reschedule_appointment)');
select tests.authenticate_as('a_care_coordinator');
select lives_ok($$ select pg_temp.move(4, 'this', 23, '10:15') $$, 'a care coordinator (booking staff) may');
select tests.clear_authentication();
select throws_ok($$ select pg_temp.move(2, 'all', 9, '11:00') $$, '42501', null, 'anon cannot call reschedule_appointment_series');

-- TEST: bad arguments and occurrences that cannot lead a move
select tests.authenticate_as('patient');
select throws_ok($$ select pg_temp.move(2, 'some', 9, '11:00') $$, '22023', 'scope must be this, following or all', 'an unknown scope is refused');
select throws_ok($$ select public.reschedule_appointment_series((select id from occurrence where n = 2), 'all', null) $$,
  '22023', 'appointment_id and starts_at are required', 'starts_at is required');
select throws_ok($$ select public.reschedule_appointment_series(tests.tenancy_id('single'), 'all', tests.appointment_slot(3, '13:00')) $$,
  'PT422', 'this appointment is not part of a series', 'a single appointment is not a series');
select is(pg_temp.move(2, 'following', 9, '10:00'),
  jsonb_build_object('series_id', (select id from series), 'split_from_series_id', null, 'rescheduled', '[]'::jsonb, 'skipped', '[]'::jsonb),
  'a move to the current time changes nothing (a safe retry)');
select throws_ok($$ select pg_temp.move(3, 'following', 16, '11:00') $$, 'PT409', 'a cancelled appointment cannot be rescheduled',
  'a cancelled occurrence cannot lead a move');
select throws_ok($$ select pg_temp.move(1, 'all', 9, '11:00') $$, 'PT409', 'this appointment has already started',
  'an occurrence that has started cannot lead a move');

-- TEST: the patient may
select is(jsonb_array_length(pg_temp.move(2, 'following', 9, '11:00') -> 'rescheduled'), 2,
  'the patient moves their following occurrences (the second and the fourth; the third is cancelled)');
reset role;
select results_eq(
  $$ select o.n, a.starts_at from occurrence as o join public.appointments as a on a.id = o.id where o.n > 1 order by o.n $$,
  $$ values (2, tests.appointment_slot(9, '11:00')), (3, tests.appointment_slot(16, '10:00')), (4, tests.appointment_slot(23, '11:15')) $$,
  'only the allowed calls moved anything (the fourth by the care coordinator, then by the patient)');

select * from finish();
rollback;
