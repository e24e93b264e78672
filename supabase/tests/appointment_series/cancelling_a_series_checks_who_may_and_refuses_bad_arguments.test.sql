-- Who may cancel occurrences of a series: as cancel_appointment, the patient, booking staff and
-- the appointment's own clinician (and the server); staff who see it otherwise may not (PT403);
-- staff of another centre, other tenants, other patients and people without a record do not see
-- it (PT404);
-- anon has no grant. A bad scope or a missing reason is 22023, a single appointment PT422.
begin;
select plan(11);

-- SETUP
select tests.create_appointment_fixtures();
create temporary table series on commit drop as
  select tests.book_series('patient_a', tests.appointment_slot(2, '10:00'), 'FREQ=WEEKLY;COUNT=3') as id;
create temporary table occurrence on commit drop as
  select n, tests.series_appointment((select id from series), n) as id from generate_series(1, 3) as n;
grant select on series, occurrence to anon, authenticated, service_role;
select tests.insert_appointment('single', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(3, '12:00'));
create function pg_temp.cancel(n integer, scope text default 'this', reason text default 'patient_request')
returns jsonb language sql as $$
  select public.cancel_appointment_series((select o.id from occurrence as o where o.n = cancel.n), scope, reason)
$$;
grant execute on function pg_temp.cancel(integer, text, text) to anon, authenticated, service_role;

-- TEST: not allowed
select tests.authenticate_as('b_owner');
select throws_ok($$ select pg_temp.cancel(1) $$, 'PT404', 'appointment not found', 'another tenant''s owner does not see it');
select tests.authenticate_as('a_patient_2');
select throws_ok($$ select pg_temp.cancel(1) $$, 'PT404', 'appointment not found', 'another patient does not see it');
select tests.authenticate_as('outsider');
select throws_ok($$ select pg_temp.cancel(1) $$, 'PT404', 'appointment not found', 'someone without a record does not see it');
select tests.authenticate_as('a_clinician_2');
select throws_ok($$ select pg_temp.cancel(1, 'all') $$, 'PT404', 'appointment not found',
  'a clinician of another centre who is not the appointment''s does not see it');
select tests.clear_authentication();
select throws_ok($$ select pg_temp.cancel(1) $$, '42501', null, 'anon cannot call cancel_appointment_series');

-- TEST: bad arguments
select tests.authenticate_as('patient');
select throws_ok($$ select pg_temp.cancel(1, 'everything') $$, '22023', 'scope must be this, following or all', 'an unknown scope is refused');
select throws_ok($$ select pg_temp.cancel(1, 'all', ' ') $$, '22023', 'reason is required', 'a reason is required');
select throws_ok($$ select public.cancel_appointment_series(tests.tenancy_id('single'), 'this', 'patient_request') $$,
  'PT422', 'this appointment is not part of a series', 'a single appointment is not a series');

-- TEST: allowed
select tests.authenticate_as('a_clinician');
select is(pg_temp.cancel(3) -> 'cancelled', (select jsonb_agg(id) from occurrence where n = 3), 'the appointment''s clinician cancels an occurrence');
select tests.authenticate_as_service_role();
select is(pg_temp.cancel(2) -> 'cancelled', (select jsonb_agg(id) from occurrence where n = 2), 'the server cancels an occurrence');
reset role;
select is((select count(*)::integer from public.appointments where series_id = (select id from series) and status = 'booked'), 1,
  'only the allowed calls changed anything');

select * from finish();
rollback;
