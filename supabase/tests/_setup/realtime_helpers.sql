-- supabase/tests/_setup/realtime_helpers.sql — who may join a private Realtime channel, checked
-- the way Realtime checks it, in schema `tests`. Applied like the other _setup files (as
-- postgres, committed; creates no data).
--
-- Realtime authorizes a private channel join (lib/realtime/tenants/authorization.ex) by inserting
-- a probe row for the topic into realtime.messages as its service connection, becoming the user
-- (role + request.jwt.claims), setting realtime.topic and selecting the probe back: visible means
-- the user may join. tests.can_join does exactly that; tests.realtime_joiners lists which of the
-- standard cast (tenancy_fixtures.sql) may join a topic.

create schema if not exists tests;
grant usage on schema tests to anon, authenticated, service_role;

create or replace function tests.can_join(who text, topic text)
returns boolean
language plpgsql
set search_path = ''
as $$
declare
  v_probe uuid;
  v_seen boolean;
begin
  insert into realtime.messages (topic, extension, private) values (can_join.topic, 'broadcast', true) returning id into v_probe;
  perform tests.act_as(who);
  perform pg_catalog.set_config('realtime.topic', can_join.topic, true);
  select exists (select 1 from realtime.messages as m where m.id = v_probe limit 1) into v_seen;
  reset role;
  perform pg_catalog.set_config('request.jwt.claims', '', true);
  return v_seen;
end
$$;
comment on function tests.can_join(text, text) is
  'pgTAP helper: may `who` (a test user, ''anon'' or ''service_role'') join the private Realtime channel `topic`? Checked as Realtime does (probe row, role + claims, realtime.topic). Call as postgres.';

create or replace function tests.realtime_joiners(topic text)
returns text[]
language sql
set search_path = ''
as $$
  select array(
    select w from pg_catalog.unnest(array['anon', 'service_role', 'outsider', 'patient', 'a_patient_2',
                                          'a_owner', 'a_admin', 'a_manager', 'a_centre_manager', 'a_clinician', 'a_clinician_2',
                                          'a_care_coordinator', 'a_front_desk', 'b_owner', 'b_clinician', 'c_owner']) as w
    where tests.can_join(w, realtime_joiners.topic)
    order by w)
$$;
comment on function tests.realtime_joiners(text) is
  'pgTAP helper: which of the standard cast (anon, service_role and the users of tenancy_fixtures.sql) may join `topic`, sorted. Call as postgres.';

revoke execute on function tests.can_join(text, text) from public;
revoke execute on function tests.realtime_joiners(text) from public;
