-- The documented broadcast-from-database pattern: a SECURITY DEFINER trigger function (owned by
-- postgres, which bypasses RLS) calling realtime.broadcast_changes() writes the change into
-- realtime.messages — even when the row change itself was made by an `authenticated` request.
-- Source: supabase docs guides/realtime/subscribing-to-database-changes.mdx; supabase/realtime
-- priv/repo/tenant_db_dump_15.sql (broadcast_changes, send); research supabase-platform.md §4.2, §8.
begin;
select plan(7);

-- SETUP: a table written through the API, and the documented trigger
create table public.rt_definer_probe (id bigint generated always as identity primary key, note text);
alter table public.rt_definer_probe enable row level security;
grant insert on public.rt_definer_probe to authenticated;
create policy "anyone signed in may insert" on public.rt_definer_probe for insert to authenticated with check (true);

create function public.rt_definer_probe_changes() returns trigger
language plpgsql security definer set search_path = ''
as $$
begin
  perform realtime.broadcast_changes(
    'platform-probe:definer:' || coalesce(new.id, old.id)::text, tg_op, tg_op, tg_table_name, tg_table_schema, new, old);
  return null;
end;
$$;
create trigger rt_definer_probe_broadcast after insert or update or delete on public.rt_definer_probe
  for each row execute function public.rt_definer_probe_changes();

-- TEST: an authenticated request inserts a row
select pg_catalog.set_config('role', 'authenticated', true),
       pg_catalog.set_config('request.jwt.claims', '{"sub": "eeeeeeee-0000-4000-8000-000000000001", "role": "authenticated"}', true);
select lives_ok($$ insert into public.rt_definer_probe (note) values ('booked') $$, 'the authenticated insert succeeds');
reset role;

select is(
  (select count(*) from realtime.messages m join public.rt_definer_probe p on m.topic = 'platform-probe:definer:' || p.id::text),
  1::bigint,
  'exactly one broadcast message was written for the row'
);
select results_eq(
  $$ select m.extension, m.event, m.private, m.payload ->> 'operation', m.payload ->> 'table', m.payload ->> 'schema',
            m.payload -> 'record' ->> 'note', m.payload -> 'old_record'
       from realtime.messages m join public.rt_definer_probe p on m.topic = 'platform-probe:definer:' || p.id::text $$,
  $$ values ('broadcast'::text, 'INSERT'::text, true, 'INSERT'::text, 'rt_definer_probe'::text, 'public'::text, 'booked'::text, 'null'::jsonb) $$,
  'the message is a private broadcast carrying {record, old_record, operation, table, schema}'
);
select ok(
  (select m.payload ? 'id' from realtime.messages m join public.rt_definer_probe p on m.topic = 'platform-probe:definer:' || p.id::text),
  'realtime.send added an "id" to the payload'
);
select is(
  (select pg_catalog.pg_partition_root(m.tableoid::regclass)::text || ' / ' || m.tableoid::regclass::text
     from realtime.messages m join public.rt_definer_probe p on m.topic = 'platform-probe:definer:' || p.id::text),
  'realtime.messages / realtime.messages_default',
  'the message landed in the default partition'
);

-- TEST: UPDATE and DELETE are broadcast too, with old_record
update public.rt_definer_probe set note = 'moved';
delete from public.rt_definer_probe;
select results_eq(
  $$ select m.event, m.payload -> 'old_record' ->> 'note' from realtime.messages m
      where m.topic like 'platform-probe:definer:%' and m.event in ('UPDATE', 'DELETE') order by m.event desc $$,
  $$ values ('UPDATE'::text, 'booked'::text), ('DELETE'::text, 'moved'::text) $$,
  'updates and deletes are broadcast with the previous row in old_record'
);

-- TEST: broadcast_changes refuses statement-level use
select throws_ok(
  $$ select realtime.broadcast_changes('t', 'e', 'INSERT', 'x', 'public', null::record, null::record, 'STATEMENT') $$,
  'P0001', null,
  'broadcast_changes raises when used for a statement-level trigger'
);

select * from finish();
rollback;
