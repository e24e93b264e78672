-- A malformed or foreign topic never errors during the join check: it is simply not joinable
-- (the tenant owner included). Clients cannot send (the write probe - an INSERT into
-- realtime.messages as the user - is refused: there is no INSERT policy), and presence rows are
-- not readable.
begin;
select plan(6);

-- SETUP (tests.can_join / tests.realtime_joiners check a join as Realtime does: _setup/realtime_helpers.sql)
select tests.create_appointment_fixtures();

-- TEST: malformed topics
select is(array(
  select t from unnest(array[
    'schedule:' || tests.tenancy_id('tenant_a'),
    'schedule:not-a-uuid:' || tests.tenancy_id('centre_a1'),
    upper('schedule:' || tests.tenancy_id('tenant_a') || ':' || tests.tenancy_id('centre_a1')),
    'schedule:' || tests.tenancy_id('tenant_a') || ':' || tests.tenancy_id('centre_a1') || ':extra',
    'appointments:' || tests.tenancy_id('tenant_a') || ':' || tests.tenancy_id('centre_a1'),
    '']) as t
  where tests.can_join('a_owner', t)), array[]::text[],
  'the tenant owner may join none of the malformed topics (missing part, bad uuid, upper case, extra part, unknown kind, empty)');
select ok(tests.can_join('a_owner', 'schedule:' || tests.tenancy_id('tenant_a') || ':' || tests.tenancy_id('centre_a1')),
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
