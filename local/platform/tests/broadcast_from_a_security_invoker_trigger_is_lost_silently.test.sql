-- The pitfall: the same trigger WITHOUT `security definer`, fired by an `authenticated` request,
-- runs realtime.send() as authenticated; its INSERT into realtime.messages violates RLS (no INSERT
-- policy), and realtime.send() swallows the error into
--   WARNING:  WarnSendingBroadcastMessage: new row violates row-level security policy for table "messages"
-- The row change succeeds, no broadcast is stored, no error reaches the client.
-- Source: supabase/realtime priv/repo/tenant_db_dump_15.sql (realtime.send); research
-- supabase-platform.md §4.2 and §8 (verified on PG 15.18).
begin;
select plan(4);

-- SETUP
create table public.rt_invoker_probe (id bigint generated always as identity primary key, note text);
alter table public.rt_invoker_probe enable row level security;
grant insert on public.rt_invoker_probe to authenticated;
create policy "anyone signed in may insert" on public.rt_invoker_probe for insert to authenticated with check (true);

create function public.rt_invoker_probe_changes() returns trigger
language plpgsql set search_path = ''   -- NOT security definer
as $$
begin
  perform realtime.broadcast_changes(
    'platform-probe:invoker:' || coalesce(new.id, old.id)::text, tg_op, tg_op, tg_table_name, tg_table_schema, new, old);
  return null;
end;
$$;
create trigger rt_invoker_probe_broadcast after insert on public.rt_invoker_probe
  for each row execute function public.rt_invoker_probe_changes();

-- TEST: the cause — as authenticated, a direct insert into realtime.messages is refused by RLS
select pg_catalog.set_config('role', 'authenticated', true),
       pg_catalog.set_config('request.jwt.claims', '{"sub": "eeeeeeee-0000-4000-8000-000000000002", "role": "authenticated"}', true);
select throws_ok(
  $$ insert into realtime.messages (topic, extension) values ('platform-probe:invoker:direct', 'broadcast') $$,
  '42501', 'new row violates row-level security policy for table "messages"',
  'authenticated cannot insert into realtime.messages without an INSERT policy'
);

-- TEST: the effect — the API insert succeeds, the broadcast is dropped (the WARNING is hidden here)
set local client_min_messages = error;
select lives_ok($$ insert into public.rt_invoker_probe (note) values ('booked') $$,
  'the authenticated insert still succeeds (no error reaches the client)');
reset client_min_messages;
reset role;

select is((select count(*) from public.rt_invoker_probe), 1::bigint, 'the row itself was written');
select is_empty($$ select 1 from realtime.messages where topic like 'platform-probe:invoker:%' $$,
  'no broadcast message was stored: it was lost silently');

select * from finish();
rollback;
