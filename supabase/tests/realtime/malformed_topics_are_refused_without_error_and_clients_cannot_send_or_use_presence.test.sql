-- A malformed or foreign topic never errors during the join check: it is simply not joinable
-- (the tenant owner included). Clients cannot send (the write probe - an INSERT into
-- realtime.messages as the user - is refused: there is no INSERT policy), and presence rows are
-- not readable.
begin;
select plan(6);

-- SETUP: the join check exactly as Realtime does it (lib/realtime/tenants/authorization.ex):
-- insert a probe row for the topic as the service connection (here postgres), become the user
-- (role + request.jwt.claims), set realtime.topic, select the probe back. Visible = may join.
select tests.create_appointment_fixtures();
create function pg_temp.can_join(who text, topic text)
returns boolean
language plpgsql
as $$
declare
  v_probe uuid;
  v_seen boolean;
begin
  insert into realtime.messages (topic, extension, private) values (can_join.topic, 'broadcast', true) returning id into v_probe;
  if who = 'anon' then
    perform tests.clear_authentication();
  elsif who = 'service_role' then
    perform tests.authenticate_as_service_role();
  else
    perform tests.authenticate_as(who);
  end if;
  perform pg_catalog.set_config('realtime.topic', can_join.topic, true);
  select exists (select 1 from realtime.messages as m where m.id = v_probe limit 1) into v_seen;
  reset role;
  perform pg_catalog.set_config('request.jwt.claims', '', true);
  return v_seen;
end
$$;
create function pg_temp.joiners(topic text)
returns text[]
language sql
as $$
  select array(
    select w from unnest(array['anon', 'service_role', 'outsider', 'patient', 'a_patient_2',
                               'a_owner', 'a_admin', 'a_manager', 'a_centre_manager', 'a_clinician', 'a_clinician_2',
                               'a_care_coordinator', 'a_front_desk', 'b_owner', 'b_clinician', 'c_owner']) as w
    where pg_temp.can_join(w, joiners.topic)
    order by w)
$$;

-- TEST: malformed topics
select is(array(
  select t from unnest(array[
    'schedule:' || tests.tenancy_id('tenant_a'),
    'schedule:not-a-uuid:' || tests.tenancy_id('centre_a1'),
    upper('schedule:' || tests.tenancy_id('tenant_a') || ':' || tests.tenancy_id('centre_a1')),
    'schedule:' || tests.tenancy_id('tenant_a') || ':' || tests.tenancy_id('centre_a1') || ':extra',
    'appointments:' || tests.tenancy_id('tenant_a') || ':' || tests.tenancy_id('centre_a1'),
    '']) as t
  where pg_temp.can_join('a_owner', t)), array[]::text[],
  'the tenant owner may join none of the malformed topics (missing part, bad uuid, upper case, extra part, unknown kind, empty)');
select ok(pg_temp.can_join('a_owner', 'schedule:' || tests.tenancy_id('tenant_a') || ':' || tests.tenancy_id('centre_a1')),
  'while the well-formed topic is joinable');
select is((select count(*)::integer from private.realtime_topic_parts('schedule:not-a-uuid:x')), 0,
  'realtime_topic_parts yields no row (and no error) for a malformed topic');
select is((select count(*)::integer from private.realtime_topic_parts(null)), 0, 'nor for null');

-- TEST: presence is not readable, sending is refused
insert into realtime.messages (id, topic, extension) values
  ('f0000000-0000-4000-8000-0000000000a1', 'schedule:' || tests.tenancy_id('tenant_a') || ':' || tests.tenancy_id('centre_a1'), 'presence');
select tests.authenticate_as('a_owner');
select pg_catalog.set_config('realtime.topic', 'schedule:' || tests.tenancy_id('tenant_a') || ':' || tests.tenancy_id('centre_a1'), true);
select is_empty($$ select 1 from realtime.messages where id = 'f0000000-0000-4000-8000-0000000000a1' $$,
  'a presence row of a topic the user may receive is not visible (presence is not used)');
select throws_ok(
  $$ insert into realtime.messages (topic, extension) values (realtime.topic(), 'broadcast') $$,
  '42501', 'new row violates row-level security policy for table "messages"',
  'the write probe fails: clients cannot send on a topic they receive');
reset role;

select * from finish();
rollback;
