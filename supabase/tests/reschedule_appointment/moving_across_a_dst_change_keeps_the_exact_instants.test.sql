-- Moving an appointment across a DST change (the next one in Europe/London, America/New_York
-- and Australia/Sydney, whatever day the tests run) keeps exact instants: the new start is the
-- instant the client sent (10:00 local on the other side of the change, which is a different
-- UTC time than 10:00 local before it), the length stays exactly 30 minutes, the buffers exactly
-- 5 and 10 minutes, and the history records both instants. Expected UTC times are written out
-- from the zones' rules (London GMT/BST, New York EST/EDT, Sydney AEST/AEDT), not computed.
begin;
select plan(12);

-- SETUP: a check-up service bookable 400 days ahead in each zone; one appointment at 10:00
-- local two days before the change, moved to 10:00 local the day after it.
select tests.create_appointment_fixtures();
update public.services set max_booking_horizon = '400 days', buffer_before_minutes = 5, buffer_after_minutes = 10
where id in (tests.tenancy_id('appt_checkup'), tests.tenancy_id('appt_b_checkup'));
select tests.create_availability_site('tenant_a', 'centre_a_sydney', 'clinician_a_sydney', 'Australia/Sydney');
insert into public.clinician_services (tenant_id, clinician_id, service_id)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_sydney'), tests.tenancy_id('appt_checkup'));
insert into public.availability_rules (tenant_id, clinician_id, centre_id, timezone, local_start, local_end, rrule, valid_from)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_sydney'), tests.tenancy_id('centre_a_sydney'), 'Australia/Sydney', '09:00', '17:00', 'FREQ=DAILY', current_date - 1);

create temporary table dst (zone text primary key, appt text, change_date date, expected_before text, expected_after text) on commit drop;
insert into dst (zone, appt, change_date)
values ('Europe/London', 'london', tests.next_utc_offset_change('Europe/London', 3)),
       ('America/New_York', 'new_york', tests.next_utc_offset_change('America/New_York', 3)),
       ('Australia/Sydney', 'sydney', tests.next_utc_offset_change('Australia/Sydney', 3));
-- the UTC instants of 10:00 local on (change - 2) and (change + 1), from the zones' rules
update dst set
  expected_before = case
    when zone = 'Europe/London' and extract(month from change_date) = 3 then to_char(change_date - 2, 'YYYY-MM-DD') || ' 10:00'   -- GMT
    when zone = 'Europe/London' then to_char(change_date - 2, 'YYYY-MM-DD') || ' 09:00'                                           -- BST
    when zone = 'America/New_York' and extract(month from change_date) = 3 then to_char(change_date - 2, 'YYYY-MM-DD') || ' 15:00' -- EST
    when zone = 'America/New_York' then to_char(change_date - 2, 'YYYY-MM-DD') || ' 14:00'                                        -- EDT
    when extract(month from change_date) = 4 then to_char(change_date - 3, 'YYYY-MM-DD') || ' 23:00'                              -- AEDT
    else to_char(change_date - 2, 'YYYY-MM-DD') || ' 00:00'                                                                       -- AEST
  end,
  expected_after = case
    when zone = 'Europe/London' and extract(month from change_date) = 3 then to_char(change_date + 1, 'YYYY-MM-DD') || ' 09:00'   -- BST
    when zone = 'Europe/London' then to_char(change_date + 1, 'YYYY-MM-DD') || ' 10:00'                                           -- GMT
    when zone = 'America/New_York' and extract(month from change_date) = 3 then to_char(change_date + 1, 'YYYY-MM-DD') || ' 14:00' -- EDT
    when zone = 'America/New_York' then to_char(change_date + 1, 'YYYY-MM-DD') || ' 15:00'                                        -- EST
    when extract(month from change_date) = 4 then to_char(change_date + 1, 'YYYY-MM-DD') || ' 00:00'                              -- AEST
    else to_char(change_date, 'YYYY-MM-DD') || ' 23:00'                                                                           -- AEDT
  end;
grant select on dst to authenticated;

select tests.insert_appointment('london', 'appt_checkup', 'clinician_a', 'patient_a',
                                (select (change_date - 2 + time '10:00') at time zone zone from dst where appt = 'london'));
select tests.insert_appointment('new_york', 'appt_b_checkup', 'clinician_b', 'patient_b',
                                (select (change_date - 2 + time '10:00') at time zone zone from dst where appt = 'new_york'), 'booked', 'tenant_b', 'centre_b1');
select tests.insert_appointment('sydney', 'appt_checkup', 'clinician_a_sydney', 'patient_a_2',
                                (select (change_date - 2 + time '10:00') at time zone zone from dst where appt = 'sydney'), 'booked', 'tenant_a', 'centre_a_sydney');

create or replace function pg_temp.utc(instant timestamptz) returns text language sql as
  $$ select to_char(instant at time zone 'UTC', 'YYYY-MM-DD HH24:MI') $$;

-- TEST: London
select tests.authenticate_as('patient');
select results_eq(
  $$ select pg_temp.utc(r.starts_at), (r.starts_at at time zone 'Europe/London')::time
       from dst, public.reschedule_appointment(tests.tenancy_id('london'), (dst.change_date + 1 + time '10:00') at time zone dst.zone) as r
      where dst.appt = 'london' $$,
  $$ select expected_after, time '10:00' from dst where appt = 'london' $$,
  'London: 10:00 local after the change is the exact UTC instant of the zone''s new offset');

-- TEST: New York
select results_eq(
  $$ select pg_temp.utc(r.starts_at), (r.starts_at at time zone 'America/New_York')::time
       from dst, public.reschedule_appointment(tests.tenancy_id('new_york'), (dst.change_date + 1 + time '10:00') at time zone dst.zone) as r
      where dst.appt = 'new_york' $$,
  $$ select expected_after, time '10:00' from dst where appt = 'new_york' $$,
  'New York: 10:00 local after the change is the exact UTC instant of the zone''s new offset');

-- TEST: Sydney
select tests.authenticate_as('a_patient_2');
select results_eq(
  $$ select pg_temp.utc(r.starts_at), (r.starts_at at time zone 'Australia/Sydney')::time
       from dst, public.reschedule_appointment(tests.tenancy_id('sydney'), (dst.change_date + 1 + time '10:00') at time zone dst.zone) as r
      where dst.appt = 'sydney' $$,
  $$ select expected_after, time '10:00' from dst where appt = 'sydney' $$,
  'Sydney: 10:00 local after the change is the exact UTC instant of the zone''s new offset');

-- TEST: lengths and buffers are exact durations, not wall-clock arithmetic
reset role;
select results_eq(
  pg_catalog.format($$ select ends_at - starts_at, starts_at - lower(occupied), upper(occupied) - ends_at
                         from public.appointments where id = tests.tenancy_id(%L) $$, appt),
  $$ values (interval '30 minutes', interval '5 minutes', interval '10 minutes') $$,
  pg_catalog.format('%s: exactly 30 minutes long, buffers exactly 5 and 10 minutes', appt))
from (select * from dst order by zone) as d;

-- TEST: the history keeps both instants
select results_eq(
  pg_catalog.format($$ select pg_temp.utc(starts_at_before), pg_temp.utc(starts_at_after), pg_temp.utc(ends_at_after)
                         from public.appointment_status_history where appointment_id = tests.tenancy_id(%L) and from_status is not null $$, appt),
  pg_catalog.format($$ values (%L, %L, pg_temp.utc(%L::timestamptz + interval '30 minutes')) $$, expected_before, expected_after, expected_after || 'Z'),
  pg_catalog.format('%s: the history records %s UTC before and %s UTC after', appt, expected_before, expected_after))
from (select * from dst order by zone) as d;

-- TEST: so the move is 71 or 73 hours, not 72
select is(
  (select extract(epoch from h.starts_at_after - h.starts_at_before) / 3600
     from public.appointment_status_history as h where h.appointment_id = tests.tenancy_id(appt) and h.from_status is not null),
  case when (zone = 'Australia/Sydney') = (extract(month from change_date) in (3, 4)) then 73 else 71 end::numeric,
  pg_catalog.format('%s: three local days across the change are %s hours', appt,
                    case when (zone = 'Australia/Sydney') = (extract(month from change_date) in (3, 4)) then 73 else 71 end))
from (select * from dst order by zone) as d;

select * from finish();
rollback;
