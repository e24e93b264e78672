-- Postgres Changes delivers an INSERT/UPDATE of a catalogue row to a subscriber only when the
-- subscriber's role and claims can SELECT that row (Realtime runs
-- `select exists (select 1 from <table> where <primary key> = ...)` as each subscriber), and only
-- the columns their role may SELECT. Checked here the same way: become the subscriber (role +
-- request.jwt.claims, as Realtime sets them), probe the row by its key, and read the column
-- privileges Realtime reads (has_column_privilege).
begin;
select plan(7);

-- SETUP
select tests.create_catalogue_fixtures(); -- includes the tenancy fixtures

create function pg_temp.sees_service(who text, service text)
returns boolean
language plpgsql
as $$
declare
  v_seen boolean;
begin
  if who = 'anon' then
    perform tests.clear_authentication();
  else
    perform tests.authenticate_as(who);
  end if;
  select exists (select 1 from public.services as s
                 where s.tenant_id = tests.tenancy_id('tenant_a') and s.id = tests.tenancy_id(service)) into v_seen;
  reset role;
  perform pg_catalog.set_config('request.jwt.claims', '', true);
  return v_seen;
end
$$;

create function pg_temp.receivers(service text)
returns text[]
language sql
as $$
  select array(select w from unnest(array['anon', 'outsider', 'patient', 'a_owner', 'a_front_desk', 'b_owner']) as w
               where pg_temp.sees_service(w, receivers.service) order by w)
$$;

-- TEST: rows
select is(pg_temp.receivers('service_a_consult'),
  array['a_front_desk', 'a_owner', 'anon', 'b_owner', 'outsider', 'patient'],
  'a change to a listed, active service reaches every subscriber (it is public catalogue data)');
select is(pg_temp.receivers('service_a_internal'),
  array['a_front_desk', 'a_owner'],
  'a change to an unlisted service reaches only staff of its tenant');
select is(pg_temp.receivers('service_a_retired'),
  array['a_front_desk', 'a_owner'],
  'a change to a retired service reaches only staff of its tenant');

update public.services set is_public = false where tenant_id = tests.tenancy_id('tenant_a') and id = tests.tenancy_id('service_a_consult');
select is(pg_temp.receivers('service_a_consult'),
  array['a_front_desk', 'a_owner'],
  'unlisting a service: the UPDATE reaches staff only (visitors get no event and must refetch, see docs/realtime.md)');

-- TEST: columns (a subscriber never receives a column its role cannot select)
select is(
  array(select a.attname::text from pg_catalog.pg_attribute as a
        where a.attrelid = 'public.clinicians'::regclass and a.attnum > 0 and not a.attisdropped
          and not pg_catalog.has_column_privilege('anon', 'public.clinicians', a.attname, 'SELECT')
        order by 1),
  array[]::text[],
  'a visitor''s clinician events carry every column (all of them are public)');
select is(
  array(select c.relname::text
        from pg_catalog.pg_publication_tables as p
        join pg_catalog.pg_class as c on c.oid = (p.schemaname || '.' || p.tablename)::regclass
        where p.pubname = 'supabase_realtime'
          and not pg_catalog.has_table_privilege('authenticated', c.oid, 'SELECT')
        order by 1),
  array[]::text[],
  'signed-in users may select every published table (so Realtime can check their subscriptions)');
select is(
  array(select c.relname::text
        from pg_catalog.pg_publication_tables as p
        join pg_catalog.pg_class as c on c.oid = (p.schemaname || '.' || p.tablename)::regclass
        join pg_catalog.pg_index as i on i.indrelid = c.oid and i.indisprimary
        join pg_catalog.pg_attribute as a on a.attrelid = c.oid and a.attnum = any (i.indkey)
        where p.pubname = 'supabase_realtime'
          and not pg_catalog.has_column_privilege('anon', c.oid, a.attname, 'SELECT')
        order by 1),
  array[]::text[],
  'visitors may select the key columns of every published table (Realtime refuses a subscriber who cannot: 401)');

select * from finish();
rollback;
