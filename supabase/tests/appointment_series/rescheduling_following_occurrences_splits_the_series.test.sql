-- reschedule_appointment_series(id, 'following', starts_at) moves the given occurrence and every
-- later pending/booked one by the same local shift (here Monday-ish 10:00 -> the next day
-- 11:30), each through reschedule_appointment, and splits the series: the moved occurrences
-- belong to a new series (same patient, service, clinician, centre; new local start, rule with
-- the new DTSTART and UNTIL moved along; split_from_id = the old one), the old series ends
-- before the split. Earlier occurrences are untouched; a cancelled later one keeps its time.
begin;
select plan(8);

-- SETUP: weekly at 10:00 from day 2, five dates; the fourth was cancelled.
select tests.create_appointment_fixtures();
create temporary table series on commit drop as
  select tests.book_series('patient_a', tests.appointment_slot(2, '10:00'), 'FREQ=WEEKLY;COUNT=5') as id;
create temporary table occurrence on commit drop as
  select n, tests.series_appointment((select id from series), n) as id from generate_series(1, 5) as n;
grant select on series, occurrence to authenticated;
update public.appointments set status = 'cancelled', cancellation_reason = 'patient_request' where id = (select id from occurrence where n = 4);
create temporary table moved (result jsonb) on commit drop;
grant select, insert on moved to authenticated;
select tests.authenticate_as('a_front_desk');
insert into moved select public.reschedule_appointment_series((select id from occurrence where n = 3), 'following', tests.appointment_slot(17, '11:30'));
reset role;

-- TEST
select is((select result - 'series_id' from moved),
  jsonb_build_object('split_from_series_id', (select id from series),
    'rescheduled', jsonb_build_array(
      jsonb_build_object('appointment_id', (select id from occurrence where n = 3), 'starts_at_before', tests.series_utc(tests.appointment_slot(16, '10:00')),
                         'starts_at', tests.series_utc(tests.appointment_slot(17, '11:30'))),
      jsonb_build_object('appointment_id', (select id from occurrence where n = 5), 'starts_at_before', tests.series_utc(tests.appointment_slot(30, '10:00')),
                         'starts_at', tests.series_utc(tests.appointment_slot(31, '11:30')))),
    'skipped', jsonb_build_array(jsonb_build_object('appointment_id', (select id from occurrence where n = 4), 'status', 'cancelled'))),
  'the result lists the moved occurrences and the skipped one, and names the old series');
select results_eq(
  $$ select o.n, a.starts_at, a.status::text, a.reschedule_count from occurrence as o join public.appointments as a on a.id = o.id order by o.n $$,
  $$ values (1, tests.appointment_slot(2, '10:00'), 'booked', 0), (2, tests.appointment_slot(9, '10:00'), 'booked', 0),
            (3, tests.appointment_slot(17, '11:30'), 'booked', 1), (4, tests.appointment_slot(23, '10:00'), 'cancelled', 0),
            (5, tests.appointment_slot(31, '11:30'), 'booked', 1) $$,
  'the third and fifth occurrences moved one day later to 11:30; the earlier ones and the cancelled one did not');
select results_eq(
  $$ select o.n, a.series_id = (select (result ->> 'series_id')::uuid from moved) from occurrence as o join public.appointments as a on a.id = o.id order by o.n $$,
  $$ values (1, false), (2, false), (3, true), (4, true), (5, true) $$,
  'the occurrences from the split on (the cancelled one too) belong to the new series');
select results_eq(
  $$ select patient_id, service_id, clinician_id, centre_id, timezone::text, local_start, first_starts_at, rrule, split_from_id, created_by
     from public.appointment_series where id = (select (result ->> 'series_id')::uuid from moved) $$,
  $$ values (tests.tenancy_id('patient_a'), tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
             'Europe/London', time '11:30', tests.appointment_slot(17, '11:30'),
             'FREQ=WEEKLY;UNTIL=' || to_char(tests.appointment_slot(31, '11:30') at time zone 'UTC', 'YYYYMMDD"T"HH24MISS"Z"'),
             (select id from series), tests.get_supabase_uid('a_front_desk')) $$,
  'the new series: same patient, service, clinician and centre, 11:30 local from the new first date, UNTIL moved along with the dates');
select results_eq(
  $$ select local_start, first_starts_at, rrule from public.appointment_series where id = (select id from series) $$,
  $$ values (time '10:00', tests.appointment_slot(2, '10:00'),
             'FREQ=WEEKLY;UNTIL=' || to_char((tests.appointment_slot(16, '10:00') - interval '1 second') at time zone 'UTC', 'YYYYMMDD"T"HH24MISS"Z"')) $$,
  'the old series now ends one second before the split');
select is(
  (select count(*)::integer from public.appointment_status_history as h join occurrence as o on o.id = h.appointment_id
    where h.reason = 'rescheduled' and h.actor_role = 'staff' and h.starts_at_after = h.starts_at_before + interval '1 day 1 hour 30 minutes'),
  2, 'each move is in the history (by staff, 1 day 1:30 later)');
select tests.authenticate_as('patient');
select is(
  (select array_agg(id order by first_starts_at) from public.appointment_series),
  array[(select id from series), (select (result ->> 'series_id')::uuid from moved)],
  'the patient sees both parts of their series');
select is(
  public.cancel_appointment_series((select id from occurrence where n = 1), 'following', 'patient_request') -> 'cancelled',
  (select jsonb_agg(id order by n) from occurrence where n in (1, 2)),
  '"following" in the old series now stops at the split');

select * from finish();
rollback;
