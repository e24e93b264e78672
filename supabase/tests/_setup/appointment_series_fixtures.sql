-- supabase/tests/_setup/appointment_series_fixtures.sql — helpers for the appointment series
-- tests, in schema `tests`, on top of appointments_fixtures.sql (whose
-- tests.create_appointment_fixtures() creates the services, hours and people the series book).
-- Applied like the other _setup files (as postgres, committed, creates no data).
--
--   tests.create_series_site(centre, clinician, zone)
--       a published centre of tenant_a in `zone` with one public clinician who offers
--       appt_checkup and appt_paid there, every day 09:00-17:00 local from yesterday on
--       (for DST tests outside Europe/London)
--   tests.series_next_clock_change(zone, after)
--       the first local date after `after` on which `zone`'s UTC offset differs from the day
--       before (the day the clocks change), with the offsets before and after
--   tests.series_utc(instant)  an instant as 'YYYY-MM-DDTHH:MI:SSZ' (what the RPCs return)
--   (errors with their detail, the JSON list of conflicts: tests.error_details_of in
--   00_test_helpers.sql)
--   tests.series_appointment(series_id, n)
--       the id of the n-th appointment (by start) of a series
--   tests.book_series(patient, first_starts_at, rule, service, clinician, centre)
--       books a series for a fixture patient through book_appointment_series as the current
--       role (the server when called as postgres) and returns the series id

create schema if not exists tests;
grant usage on schema tests to anon, authenticated, service_role;

create or replace function tests.create_series_site(centre text, clinician text, zone text)
returns void
language plpgsql
set search_path = ''
as $$
begin
  perform tests.create_availability_site('tenant_a', centre, clinician, zone);
  insert into public.clinician_services (tenant_id, clinician_id, service_id) values
    (tests.tenancy_id('tenant_a'), tests.tenancy_id(clinician), tests.tenancy_id('appt_checkup')),
    (tests.tenancy_id('tenant_a'), tests.tenancy_id(clinician), tests.tenancy_id('appt_paid'));
  insert into public.availability_rules (tenant_id, clinician_id, centre_id, timezone, local_start, local_end, rrule, valid_from)
  values (tests.tenancy_id('tenant_a'), tests.tenancy_id(clinician), tests.tenancy_id(centre), zone, '09:00', '17:00', 'FREQ=DAILY',
          current_date - 1);
end
$$;
comment on function tests.create_series_site(text, text, text) is
  'pgTAP fixtures: a published tenant_a centre in time zone `zone` with a public clinician offering appt_checkup and appt_paid there every day 09:00-17:00 local (call after tests.create_appointment_fixtures()).';

create or replace function tests.series_next_clock_change(zone text, after date)
returns table (change_date date, offset_before interval, offset_after interval)
language sql
stable
set search_path = ''
as $$
  select d::date,
         ((d::date - 1) + time '12:00') - (((d::date - 1) + time '12:00') at time zone zone at time zone 'UTC'),
         (d::date + time '12:00') - ((d::date + time '12:00') at time zone zone at time zone 'UTC')
  from pg_catalog.generate_series(after + 1, after + 400, interval '1 day') as d
  where ((d::date + time '12:00') at time zone zone at time zone 'UTC') - (d::date + time '12:00')
     <> (((d::date - 1) + time '12:00') at time zone zone at time zone 'UTC') - ((d::date - 1) + time '12:00')
  order by d
  limit 1
$$;
comment on function tests.series_next_clock_change(text, date) is
  'pgTAP fixtures: the first local date after `after` on which zone''s UTC offset (at local noon) differs from the day before, with the offsets (local - UTC) before and after.';

create or replace function tests.series_utc(instant timestamptz)
returns text
language sql
stable
set search_path = ''
as $$
  select pg_catalog.to_char(instant at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
$$;
comment on function tests.series_utc(timestamptz) is
  'pgTAP fixtures: an instant as YYYY-MM-DDTHH:MI:SSZ (UTC), the form the series RPCs use in JSON.';

create or replace function tests.series_appointment(series_id uuid, n integer)
returns uuid
language sql
stable
set search_path = ''
as $$
  select a.id from public.appointments as a
  where a.series_id = series_appointment.series_id
  order by a.starts_at, a.id
  offset n - 1 limit 1
$$;
comment on function tests.series_appointment(uuid, integer) is
  'pgTAP fixtures: the id of the n-th appointment (by start) of a series (reads as the current role, so RLS applies).';

create or replace function tests.book_series(
  patient text, first_starts_at timestamptz, rule text,
  service text default 'appt_checkup', clinician text default 'clinician_a', centre text default 'centre_a1')
returns uuid
language plpgsql
volatile
set search_path = ''
as $$
-- plpgsql (body resolved at call time): this file is applied before tenancy_fixtures.sql.
begin
  return (public.book_appointment_series(tests.tenancy_id(service), tests.tenancy_id(clinician), tests.tenancy_id(centre),
                                         first_starts_at, rule, tests.tenancy_id(patient)) ->> 'series_id')::uuid;
end
$$;
comment on function tests.book_series(text, timestamptz, text, text, text, text) is
  'pgTAP fixtures: books a series for fixture patient `patient` with public.book_appointment_series as the current role (postgres = the server) and returns the series id.';

revoke execute on function tests.create_series_site(text, text, text) from public;
revoke execute on function tests.book_series(text, timestamptz, text, text, text, text) from public;
revoke execute on function tests.series_next_clock_change(text, date) from public;
revoke execute on function tests.series_utc(timestamptz) from public;
revoke execute on function tests.series_appointment(uuid, integer) from public;
grant execute on function tests.series_next_clock_change(text, date) to anon, authenticated, service_role;
grant execute on function tests.series_utc(timestamptz) to anon, authenticated, service_role;
grant execute on function tests.series_appointment(uuid, integer) to anon, authenticated, service_role;
