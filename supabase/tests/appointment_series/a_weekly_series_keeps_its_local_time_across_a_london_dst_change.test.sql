-- A weekly series at 09:00 in Europe/London books every occurrence at 09:00 LOCAL, also after
-- the clocks change: the UTC instants move by the hour (09:00Z in winter, 08:00Z in summer).
-- The dates are the two Mondays before and the two after the next change (last Sunday of March
-- or October), so the test holds whenever it runs; the expected instants are written from the
-- UK's rules (GMT in winter, BST = UTC+1 in summer), not computed with the code under test.
begin;
select plan(5);

-- SETUP
select tests.create_appointment_fixtures();
update public.services set max_booking_horizon = '730 days' where id = tests.tenancy_id('appt_checkup');
create temporary table dst on commit drop as
  select change_date, offset_before, offset_after,
         case when extract(month from change_date) = 3 then interval '0' else interval '1 hour' end as expected_before,
         case when extract(month from change_date) = 3 then interval '1 hour' else interval '0' end as expected_after
  from tests.series_next_clock_change('Europe/London', current_date + 14);
grant select on dst to authenticated;
select tests.authenticate_as('patient');
create temporary table booked on commit drop as
  select public.book_appointment_series(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
           ((select change_date from dst) - 13 + time '09:00') at time zone 'Europe/London', 'FREQ=WEEKLY;COUNT=4') as result;
reset role;

-- TEST
select ok((select extract(isodow from change_date) = 7 and extract(month from change_date) in (3, 10)
                  and (offset_before, offset_after) = (expected_before, expected_after) from dst),
  'the next London change is on a Sunday in March or October, GMT <-> BST');
select results_eq(
  $$ select tests.series_utc(a.starts_at) from public.appointments as a
     where a.series_id = (select (result ->> 'series_id')::uuid from booked) order by a.starts_at $$,
  $$ select tests.series_utc((((change_date + d) + time '09:00') - case when d < 0 then expected_before else expected_after end) at time zone 'UTC')
     from dst, unnest(array[-13, -6, 1, 8]) as d order by d $$,
  'the four Mondays are booked at the exact instants of 09:00 local, before and after the change');
select is(
  (select array_agg(distinct (a.starts_at at time zone 'Europe/London')::time) from public.appointments as a
    where a.series_id = (select (result ->> 'series_id')::uuid from booked)),
  array[time '09:00'], 'every occurrence starts at 09:00 on the clinic''s clock');
select is(
  (select array_agg(e ->> 'starts_at' order by e ->> 'starts_at') from booked, jsonb_array_elements(result -> 'booked') as e),
  (select array_agg(tests.series_utc(a.starts_at) order by a.starts_at) from public.appointments as a
    where a.series_id = (select (result ->> 'series_id')::uuid from booked)),
  'the result lists the same instants, as UTC text');
select results_eq(
  $$ select timezone::text, local_start from public.appointment_series where id = (select (result ->> 'series_id')::uuid from booked) $$,
  $$ values ('Europe/London', time '09:00') $$,
  'the series records the centre''s zone and the local start');

select * from finish();
rollback;
