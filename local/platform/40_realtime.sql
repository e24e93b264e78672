-- 40_realtime.sql — what the Realtime service installs in the project database for Broadcast
-- authorization and broadcast-from-database: realtime.messages (partitioned, RLS on),
-- realtime.topic(), realtime.send(), realtime.send_binary(), realtime.broadcast_changes(), and
-- the `supabase_realtime` publication for Postgres Changes. Applied as supabase_admin; objects
-- are created as supabase_realtime_admin, their owner on the platform.
--
-- Sources:
--   [dump]   github.com/supabase/realtime priv/repo/tenant_db_dump_15.sql (final tenant schema:
--            table, constraints, index, function bodies, ACLs, owners)
--   [squash] supabase/realtime lib/realtime/tenants/repo/migrations/20260420000000_squash_migrations.ex
--   [dflt]   supabase/realtime lib/realtime/tenants/repo/migrations/20260604120000_add_messages_default_partition.ex
--   [init]   supabase/postgres migrations/db/init-scripts/00000000000000-initial-schema.sql
--            (`create publication supabase_realtime;`, empty) and a hosted pg_dump (publication
--            owner postgres, publish = 'insert, update, delete, truncate')
--   [docs]   supabase docs guides/realtime/authorization.mdx, subscribing-to-database-changes.mdx
--   research: supabase-platform.md §4
-- Not emulated: the Postgres Changes machinery the Realtime server itself calls
-- (realtime.subscription, apply_rls, list_changes, types wal_rls/wal_column/...).

set role supabase_realtime_admin;

-- Broadcast/Presence authorization table. The Realtime service creates daily partitions
-- messages_YYYY_MM_DD; without a matching partition an insert fails ("no partition of relation
-- found") — which realtime.send() would swallow. Realtime now ships a DEFAULT partition [dflt];
-- here it is the only partition. [dump]
create table realtime.messages (
  topic text not null,
  extension text not null,
  payload jsonb,
  event text,
  private boolean default false,
  updated_at timestamp without time zone default now() not null,
  inserted_at timestamp without time zone default now() not null,
  id uuid default gen_random_uuid() not null,
  binary_payload bytea
) partition by range (inserted_at);
alter table realtime.messages add constraint messages_payload_exclusive check ((payload is null) or (binary_payload is null)) not valid;
alter table only realtime.messages add constraint messages_pkey primary key (id, inserted_at);
create index messages_inserted_at_topic_index on only realtime.messages using btree (inserted_at desc, topic)
  where ((extension = 'broadcast'::text) and (private is true));
alter table realtime.messages enable row level security;
create table realtime.messages_default partition of realtime.messages default;  -- [dflt]

-- The topic of the channel being authorized; Realtime sets it with set_config('realtime.topic', ...). [dump]
create function realtime.topic() returns text
language sql stable
as $$
select nullif(current_setting('realtime.topic', true), '')::text;
$$;

-- Broadcast a message from SQL. SECURITY INVOKER: the INSERT runs with the caller's rights, so
-- RLS on realtime.messages applies to it; any error is swallowed into a WARNING. [dump]
create function realtime.send(payload jsonb, event text, topic text, private boolean default true) returns void
language plpgsql
as $$
DECLARE
  generated_id uuid;
  final_payload jsonb;
BEGIN
  BEGIN
    generated_id := gen_random_uuid();

    -- Check if payload has an 'id' key, if not, add the generated UUID
    IF payload ? 'id' THEN
      final_payload := payload;
    ELSE
      final_payload := jsonb_set(payload, '{id}', to_jsonb(generated_id));
    END IF;

    -- Set the topic configuration
    EXECUTE format('SET LOCAL realtime.topic TO %L', topic);

    INSERT INTO realtime.messages (id, payload, event, topic, private, extension)
    VALUES (generated_id, final_payload, event, topic, private, 'broadcast');
  EXCEPTION
    WHEN OTHERS THEN
      RAISE WARNING 'WarnSendingBroadcastMessage: %', SQLERRM;
  END;
END;
$$;

create function realtime.send_binary(payload bytea, event text, topic text, private boolean default true) returns void
language plpgsql
as $$
DECLARE
  generated_id uuid;
BEGIN
  BEGIN
    generated_id := gen_random_uuid();

    EXECUTE format('SET LOCAL realtime.topic TO %L', topic);

    INSERT INTO realtime.messages (id, binary_payload, event, topic, private, extension)
    VALUES (generated_id, payload, event, topic, private, 'broadcast');
  EXCEPTION
    WHEN OTHERS THEN
      RAISE WARNING 'WarnSendingBroadcastMessage: %', SQLERRM;
  END;
END;
$$;

-- Trigger helper: {old_record, record, operation, table, schema} sent with private = true. [dump] [docs]
create function realtime.broadcast_changes(topic_name text, event_name text, operation text, table_name text, table_schema text, new record, old record, level text default 'ROW'::text) returns void
language plpgsql
as $$
DECLARE
    -- Declare a variable to hold the JSONB representation of the row
    row_data jsonb := '{}'::jsonb;
BEGIN
    IF level = 'STATEMENT' THEN
        RAISE EXCEPTION 'function can only be triggered for each row, not for each statement';
    END IF;
    -- Check the operation type and handle accordingly
    IF operation = 'INSERT' OR operation = 'UPDATE' OR operation = 'DELETE' THEN
        row_data := jsonb_build_object('old_record', OLD, 'record', NEW, 'operation', operation, 'table', table_name, 'schema', table_schema);
        PERFORM realtime.send (row_data, event_name, topic_name);
    ELSE
        RAISE EXCEPTION 'Unexpected operation type: %', operation;
    END IF;
EXCEPTION
    WHEN OTHERS THEN
        RAISE EXCEPTION 'Failed to process the row: %', SQLERRM;
END;

$$;

reset role;

-- ACLs as in the tenant dump. EXECUTE on topic/send/send_binary/broadcast_changes also stays with
-- PUBLIC (PostgreSQL's default for functions; the dump lists only explicit grants). [dump]
grant all on function realtime.topic() to postgres, dashboard_user;
grant all on function realtime.send(jsonb, text, text, boolean) to postgres, dashboard_user;
grant all on function realtime.send_binary(bytea, text, text, boolean) to postgres, dashboard_user;
grant all on function realtime.broadcast_changes(text, text, text, text, text, record, record, text) to postgres, dashboard_user;
grant all on table realtime.messages to postgres, dashboard_user;
grant select, insert, update on table realtime.messages to anon, authenticated, service_role;

-- Postgres Changes: the publication exists (empty) from the start; migrations add tables with
-- `alter publication supabase_realtime add table ...`. Owner postgres, as on hosted projects. [init]
create publication supabase_realtime with (publish = 'insert, update, delete, truncate');
alter publication supabase_realtime owner to postgres;
