-- The series RPCs are security invoker wrappers in public, EXECUTE for authenticated and
-- service_role only (not anon, not PUBLIC); their implementations are security definer in
-- private, callable by the same roles; the internal helpers are executable by no API role. Every
-- function pins search_path and is commented, and so are the new table, column and policy.
begin;
select plan(7);

-- SETUP
create temporary table series_functions (oid regprocedure, api boolean) on commit drop;
insert into series_functions values
  ('public.book_appointment_series(uuid, uuid, uuid, timestamptz, text, uuid, text, boolean)', true),
  ('public.cancel_appointment_series(uuid, text, text)', true),
  ('public.reschedule_appointment_series(uuid, text, timestamptz)', true),
  ('private.book_appointment_series(uuid, uuid, uuid, timestamptz, text, uuid, text, boolean)', false),
  ('private.cancel_appointment_series(uuid, text, text)', false),
  ('private.reschedule_appointment_series(uuid, text, timestamptz)', false),
  ('private.series_booking_result(public.appointment_series)', null),
  ('private.series_instant_text(timestamptz)', null),
  ('private.shift_series_rule(text, timestamp, text, interval, timestamp)', null),
  ('private.series_move_blocked_by_siblings(uuid, timestamptz, uuid[], uuid[])', null),
  ('private.prepare_appointment_series()', null);

-- TEST
select is_empty(
  $$ select f.oid::text from series_functions as f join pg_catalog.pg_proc as p on p.oid = f.oid
     where (f.api is not null and p.prosecdef = f.api) or not ('search_path=""' = any (p.proconfig))
        or pg_catalog.obj_description(p.oid, 'pg_proc') is null $$,
  'the public RPCs are security invoker, the implementations security definer; all pin search_path and are commented');
select is_empty(
  $$ select f.oid::text || ' ' || r from series_functions as f cross join unnest(array['anon', 'authenticated', 'service_role']) as r
     where f.api is not null and pg_catalog.has_function_privilege(r, f.oid, 'EXECUTE') <> (r <> 'anon') $$,
  'the RPCs and their implementations are executable by authenticated and service_role, not anon');
select is_empty(
  $$ select f.oid::text || ' ' || r from series_functions as f cross join unnest(array['anon', 'authenticated', 'service_role']) as r
     where f.api is null and pg_catalog.has_function_privilege(r, f.oid, 'EXECUTE') $$,
  'the internal helpers are executable by no API role');
select is_empty(
  $$ select f.oid::text from series_functions as f join pg_catalog.pg_proc as p on p.oid = f.oid
     where exists (select 1 from pg_catalog.aclexplode(p.proacl) as a where a.grantee = 0) $$,
  'none is executable through PUBLIC');
select is_empty(
  $$ select a.attname::text from pg_catalog.pg_attribute as a
     where a.attrelid = 'public.appointment_series'::regclass and a.attnum > 0 and not a.attisdropped
       and pg_catalog.col_description(a.attrelid, a.attnum) is null
     union all
     select 'appointments.series_id' where pg_catalog.col_description('public.appointments'::regclass,
       (select attnum from pg_catalog.pg_attribute where attrelid = 'public.appointments'::regclass and attname = 'series_id')) is null
     union all
     select 'table' where pg_catalog.obj_description('public.appointment_series'::regclass, 'pg_class') is null
     union all
     select p.polname::text from pg_catalog.pg_policy as p
     where p.polrelid = 'public.appointment_series'::regclass and pg_catalog.obj_description(p.oid, 'pg_policy') is null $$,
  'the table, each of its columns, appointments.series_id and the policy are commented');
select is(
  (select array_agg(p.polname::text || ':' || p.polcmd::text || ':' || pg_catalog.array_to_string(p.polroles::regrole[], ',')) from pg_catalog.pg_policy as p
    where p.polrelid = 'public.appointment_series'::regclass),
  array['appointment_series_select_authenticated:r:authenticated'], 'one policy: select for authenticated');
select ok((select relrowsecurity from pg_catalog.pg_class where oid = 'public.appointment_series'::regclass), 'row level security is on');

select * from finish();
rollback;
