-- Southern hemisphere: a weekly series at 09:00 in Australia/Sydney stays at 09:00 local when
-- daylight saving ends (first Sunday of April, AEDT UTC+11 -> AEST UTC+10) or starts (first
-- Sunday of October, +10 -> +11). 09:00 local is 22:00Z or 23:00Z on the previous UTC day. The
-- dates are the two Mondays before and the two after the next change; the expected instants are
-- written from the New South Wales rules, not computed with the code under test.
begin;
select plan(4);

-- SETUP
select tests.create_appointment_fixtures();
select tests.create_series_site('centre_sydney', 'clinician_sydney', 'Australia/Sydney');
update public.services set max_booking_horizon = '730 days' where id = tests.tenancy_id('appt_checkup');
create temporary table dst on commit drop as
  select change_date, offset_before, offset_after,
         case when extract(month from change_date) = 4 then interval '11 hours' else interval '10 hours' end as expected_before,
         case when extract(month from change_date) = 4 then interval '10 hours' else interval '11 hours' end as expected_after
  from tests.series_next_clock_change('Australia/Sydney', current_date + 14);
grant select on dst to authenticated;
select tests.authenticate_as('a_front_desk');
create temporary table booked on commit drop as
  select public.book_appointment_series(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_sydney'), tests.tenancy_id('centre_sydney'),
           ((select change_date from dst) - 13 + time '09:00') at time zone 'Australia/Sydney', 'FREQ=WEEKLY;COUNT=4',
           patient_id => tests.tenancy_id('patient_a')) as result;
reset role;

-- TEST
select ok((select extract(isodow from change_date) = 7 and extract(month from change_date) in (4, 10)
                  and (offset_before, offset_after) = (expected_before, expected_after) from dst),
  'the next Sydney change is on a Sunday in April or October, between AEDT (+11) and AEST (+10)');
select results_eq(
  $$ select tests.series_utc(a.starts_at) from public.appointments as a
     where a.series_id = (select (result ->> 'series_id')::uuid from booked) order by a.starts_at $$,
  $$ select tests.series_utc((((change_date + d) + time '09:00') - case when d < 0 then expected_before else expected_after end) at time zone 'UTC')
     from dst, unnest(array[-13, -6, 1, 8]) as d order by d $$,
  'the four Mondays are booked at the exact instants of 09:00 Sydney time, before and after the change');
select is(
  (select array_agg(distinct (a.starts_at at time zone 'Australia/Sydney')::time) from public.appointments as a
    where a.series_id = (select (result ->> 'series_id')::uuid from booked)),
  array[time '09:00'], 'every occurrence starts at 09:00 on the clinic''s clock');
select results_eq(
  $$ select timezone::text, local_start, jsonb_array_length(result -> 'booked') from public.appointment_series, booked
     where id = (result ->> 'series_id')::uuid $$,
  $$ values ('Australia/Sydney', time '09:00', 4) $$,
  'the series is in the centre''s zone (not the tenant''s London) and all four dates are booked');

select * from finish();
rollback;
