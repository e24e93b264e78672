-- cancel_appointment_series(id, 'following', reason) cancels the given occurrence and every
-- later one of the series (not the earlier ones); occurrences that are not pending/booked are
-- reported as skipped with their status. Each cancellation is decided like cancel_appointment:
-- a patient's cancellation inside the service's window is late and costs the fee, later ones
-- do not; resources are released.
begin;
select plan(6);

-- SETUP: scans every third day from day 1 (days 1, 4, 7, 10, 13, 16) for the patient; the
-- cancellation window is 5 days, so days 1 and 4 are inside it. The clinic already cancelled
-- day 7, and day 10 was entered in error.
select tests.create_appointment_fixtures();
update public.services set cancellation_window = '5 days' where id = tests.tenancy_id('appt_scan');
create temporary table series on commit drop as
  select tests.book_series('patient_a', tests.appointment_slot(1, '10:00'), 'FREQ=DAILY;INTERVAL=3;COUNT=6', 'appt_scan', 'clinician_a_visiting') as id;
grant select on series to authenticated;
update public.appointments set status = 'cancelled', cancellation_reason = 'clinic_closed'
 where id = tests.series_appointment((select id from series), 3);
update public.appointments set status = 'entered_in_error' where id = tests.series_appointment((select id from series), 4);
create temporary table occurrence on commit drop as
  select n, tests.series_appointment((select id from series), n) as id from generate_series(1, 6) as n;
grant select on occurrence to authenticated;
select tests.authenticate_as('patient');

-- TEST
select is(
  public.cancel_appointment_series((select id from occurrence where n = 2), 'following', 'moving_away'),
  jsonb_build_object('series_id', (select id from series),
    'cancelled', (select jsonb_agg(id order by n) from occurrence where n in (2, 5, 6)),
    'skipped', jsonb_build_array(jsonb_build_object('appointment_id', (select id from occurrence where n = 3), 'status', 'cancelled'),
                                 jsonb_build_object('appointment_id', (select id from occurrence where n = 4), 'status', 'entered_in_error'))),
  'the given occurrence and the later pending/booked ones are cancelled; the others are reported as skipped');
reset role;
select results_eq(
  $$ select o.n, a.status::text, a.cancellation_reason from occurrence as o join public.appointments as a on a.id = o.id order by o.n $$,
  $$ values (1, 'booked', null), (2, 'cancelled', 'moving_away'), (3, 'cancelled', 'clinic_closed'), (4, 'entered_in_error', null),
            (5, 'cancelled', 'moving_away'), (6, 'cancelled', 'moving_away') $$,
  'the earlier occurrence stays booked; skipped ones keep their status and reason');
select results_eq(
  $$ select o.n, (a.cancellation_outcome ->> 'late')::boolean, (a.cancellation_outcome ->> 'fee')::numeric, a.cancellation_outcome ->> 'by'
     from occurrence as o join public.appointments as a on a.id = o.id where o.n in (2, 5, 6) order by o.n $$,
  $$ values (2, true, 20.00::numeric, 'patient'), (5, false, 0::numeric, 'patient'), (6, false, 0::numeric, 'patient') $$,
  'the outcome is decided per occurrence: late with the fee inside the window, free outside it');
select is(
  (select array_agg(ar.active order by o.n) from occurrence as o join public.appointment_resources as ar on ar.appointment_id = o.id where o.n in (1, 2, 5, 6)),
  array[true, false, false, false], 'the cancelled occurrences release their ultrasound; the earlier one keeps it');
select is(
  (select count(*)::integer from public.appointment_status_history as h join occurrence as o on o.id = h.appointment_id
    where h.to_status = 'cancelled' and h.reason = 'moving_away' and h.actor_role = 'patient'),
  3, 'each cancellation has its history entry');
select tests.authenticate_as('patient');
select is(
  public.cancel_appointment_series((select id from occurrence where n = 1), 'following', 'moving_away') -> 'cancelled',
  (select jsonb_agg(id) from occurrence where n = 1), 'from the first occurrence, only what is still booked is left to cancel');

select * from finish();
rollback;
