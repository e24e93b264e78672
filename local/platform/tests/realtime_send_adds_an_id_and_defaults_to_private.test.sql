-- realtime.send(payload, event, topic, private default true) stores a broadcast message, adds an
-- "id" to the payload unless one is there, defaults to private = true, and sets realtime.topic
-- for the rest of the transaction.
-- Source: supabase/realtime priv/repo/tenant_db_dump_15.sql (realtime.send); research supabase-platform.md §4.2.
begin;
select plan(7);

select has_function('realtime', 'send', array['jsonb', 'text', 'text', 'boolean'], 'realtime.send(jsonb, text, text, boolean) exists');

select realtime.send('{"status": "booked"}'::jsonb, 'appointment_changed', 'platform-probe:send');
select results_eq(
  $$ select extension, event, private, payload ->> 'status' from realtime.messages where topic = 'platform-probe:send' $$,
  $$ values ('broadcast'::text, 'appointment_changed'::text, true, 'booked'::text) $$,
  'the message is a broadcast, private by default'
);
select is(
  (select (payload ->> 'id')::uuid = id from realtime.messages where topic = 'platform-probe:send'),
  true,
  'the payload got an "id" equal to the message id'
);
select is(realtime.topic(), 'platform-probe:send', 'realtime.send set realtime.topic (SET LOCAL)');

select realtime.send('{"id": "mine"}'::jsonb, 'evt', 'platform-probe:send-2', false);
select results_eq(
  $$ select private, payload ->> 'id' from realtime.messages where topic = 'platform-probe:send-2' $$,
  $$ values (false, 'mine'::text) $$,
  'an existing "id" is kept, and private can be set to false'
);

-- TEST: errors never escape realtime.send (here a NULL topic violates NOT NULL) — it only warns
set local client_min_messages = error;
select lives_ok($$ select realtime.send('{}'::jsonb, 'evt', null) $$, 'realtime.send swallows insert errors');
reset client_min_messages;
select is_empty($$ select 1 from realtime.messages where topic is null $$, 'and nothing was stored');

select * from finish();
rollback;
