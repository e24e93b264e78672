-- supabase/tests/_setup/lifecycle_fixtures.sql — helpers for the appointment lifecycle tests
-- (supabase/tests/{reschedule_appointment,confirm_appointment,
-- cancel_appointment,visit_progress,video_meetings}/ and the lifecycle files in appointment_status/),
-- in schema `tests`. Applied like the other _setup files (as postgres, committed); creates NO
-- data. The tests build on tests.create_appointment_fixtures() (appointments_fixtures.sql) and
-- tests.insert_appointment(...); these helpers only add what they need on top:
--
--   tests.next_utc_offset_change(zone, after_days)   the first local date, more than
--       `after_days` days from today in `zone`, on which the zone's UTC offset (at local noon)
--       differs from the day before: the next DST change, whatever day the tests run on.
--   tests.history_of(name)                            the history rows of fixture appointment
--       `name` in order, as (from_status, to_status, actor_user_id, actor_role, reason).

create schema if not exists tests;
grant usage on schema tests to anon, authenticated, service_role;

create or replace function tests.next_utc_offset_change(zone text, after_days integer)
returns date
language sql
stable
set search_path = ''
as $$
  select d::date
  from pg_catalog.generate_series((pg_catalog.now() at time zone zone)::date + after_days + 1,
                                  (pg_catalog.now() at time zone zone)::date + after_days + 400,
                                  interval '1 day') as d
  where ((d::date + time '12:00') at time zone zone) - ((d::date - 1 + time '12:00') at time zone zone) <> interval '1 day'
  order by d
  limit 1
$$;
comment on function tests.next_utc_offset_change(text, integer) is
  'pgTAP fixtures (lifecycle): the first local date more than `after_days` days from today in `zone` whose noon is not exactly 24 hours after the previous noon, i.e. the date of the next DST change.';

create or replace function tests.history_of(name text)
returns table (from_status text, to_status text, actor_user_id uuid, actor_role text, reason text)
language plpgsql
stable
set search_path = ''
as $$
-- plpgsql (body resolved at call time): this file is applied before tenancy_fixtures.sql.
begin
  return query
  select h.from_status::text, h.to_status::text, h.actor_user_id, h.actor_role, h.reason
  from public.appointment_status_history as h
  where h.appointment_id = tests.tenancy_id(history_of.name)
  order by h.at, h.id;
end
$$;
comment on function tests.history_of(text) is
  'pgTAP fixtures (lifecycle): history rows of fixture appointment `name` (tests.tenancy_id(name)) in the order they were written. Call as postgres.';

revoke execute on function tests.next_utc_offset_change(text, integer) from public;
revoke execute on function tests.history_of(text) from public;
grant execute on function tests.next_utc_offset_change(text, integer) to anon, authenticated, service_role;
