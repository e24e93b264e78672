-- What a real client writes first must work, for every table, read from the catalogue:
--   * `select('*')`: no API role has a column-restricted SELECT on any table or view (a role
--     reads whole rows or none; non-public data lives in tables of its own);
--   * `upsert()`: PostgREST updates every column it is sent, so wherever a role may INSERT and
--     UPDATE, its UPDATE grant covers every column its INSERT grant covers;
--   * keys still never change: every primary-key column of those tables is named by its
--     refuse_key_change trigger, and changing one raises PT422 - even as service_role.
-- Then a PostgREST-shaped upsert of a whole existing row succeeds for a representative caller of
-- each kind of table.
begin;

create temp view key_columns as
  select c.relname::text as table_name, a.attname::text as column_name, a.atttypid = 'uuid'::regtype as is_uuid
  from pg_catalog.pg_class as c
  join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
  join pg_catalog.pg_index as i on i.indrelid = c.oid and i.indisprimary
  join pg_catalog.pg_attribute as a on a.attrelid = c.oid and a.attnum = any (i.indkey)
  where n.nspname = 'public' and c.relkind in ('r', 'p')
    and pg_catalog.has_any_column_privilege('authenticated', c.oid, 'INSERT')
    and pg_catalog.has_any_column_privilege('authenticated', c.oid, 'UPDATE');

select plan(6 + (select count(*)::integer from key_columns where is_uuid) + 8);

-- TEST: select * for every role on every table it can read
select is_empty(
  $$ select r.rolname, c.relname
     from pg_catalog.pg_class as c
     join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
     cross join (values ('anon'), ('authenticated'), ('service_role')) as r(rolname)
     where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm')
       and pg_catalog.has_any_column_privilege(r.rolname, c.oid, 'SELECT')
       and not pg_catalog.has_table_privilege(r.rolname, c.oid, 'SELECT') $$,
  'no API role has a column-restricted SELECT on any table or view of public (select * works wherever it can read)');
select is(
  (select count(*)::integer from pg_catalog.pg_class as c join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm') and pg_catalog.has_table_privilege('anon', c.oid, 'SELECT')),
  12,
  'anon reads twelve tables of public whole: tenants, centres, clinicians, clinician_centres, services, clinician_services, departments, department_clinicians, department_services, clinician_credentials, products, product_centres');

-- TEST: upsert covers what insert covers
select is_empty(
  $$ select r.rolname, c.relname, a.attname
     from pg_catalog.pg_class as c
     join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
     join pg_catalog.pg_attribute as a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
     cross join (values ('anon'), ('authenticated'), ('service_role')) as r(rolname)
     where n.nspname = 'public' and c.relkind in ('r', 'p')
       and pg_catalog.has_any_column_privilege(r.rolname, c.oid, 'UPDATE')
       and pg_catalog.has_column_privilege(r.rolname, c.oid, a.attnum, 'INSERT')
       and not pg_catalog.has_column_privilege(r.rolname, c.oid, a.attnum, 'UPDATE') $$,
  'wherever a role may insert and update, it may update every column it may insert');
select is(
  (select array_agg(distinct table_name order by table_name) from key_columns),
  array['availability_overrides', 'availability_rules', 'centres', 'clinician_credentials', 'clinician_services', 'clinicians',
        'department_clinicians', 'department_services', 'departments', 'holidays', 'invitations', 'medical_notes', 'members',
        'notification_templates', 'patient_documents', 'patients', 'product_centres', 'products', 'resources', 'services',
        'tenant_rate_limits', 'time_off', 'whatsapp_templates'],
  'the tables signed-in users both insert and update');

-- TEST: keys never change
select is_empty(
  $$ select k.table_name, k.column_name
     from key_columns as k
     where not exists (
       select 1
       from pg_catalog.pg_trigger as t
       where t.tgrelid = ('public.' || k.table_name)::regclass
         and t.tgfoid = 'private.refuse_key_change()'::regprocedure
         and t.tgenabled = 'O'
         and k.column_name = any (pg_catalog.string_to_array(pg_catalog.encode(t.tgargs, 'escape'), '\000'))
         and (select a.attnum from pg_catalog.pg_attribute as a
               where a.attrelid = t.tgrelid and a.attname = k.column_name) = any (t.tgattr)) $$,
  'every primary-key column of those tables is guarded by refuse_key_change (BEFORE UPDATE OF that column)');
select is(
  (select pg_catalog.count(*)::integer from pg_catalog.pg_trigger as t
    where t.tgfoid = 'private.refuse_key_change()'::regprocedure
      and t.tgtype & (1 | 2 | 16) = (1 | 2 | 16)),   -- ROW, BEFORE, UPDATE
  23,
  'each of the 23 tables has one row-level BEFORE UPDATE refuse_key_change trigger');

-- SETUP: a row in every one of those tables (fixtures, plus an invitation and a template)
select tests.create_appointment_fixtures();
select tests.create_availability_fixtures();
insert into public.invitations (tenant_id, id, email, role, invited_by)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('inv_upsert'), 'new.hire@alpha.test', 'front_desk', tests.get_supabase_uid('a_owner'));
insert into public.notification_templates (tenant_id, kind, channel, language, body)
values (tests.tenancy_id('tenant_a'), 'reminder', 'sms', 'en', 'See you soon');
insert into public.whatsapp_templates (tenant_id, kind, language, content_sid, variables)
values (tests.tenancy_id('tenant_a'), 'reminder', 'en', 'HX' || repeat('ab', 16), array['patient_name', 'starts_at_local']);
insert into public.tenant_rate_limits (tenant_id, action, per_user, per_ip, period)
values (tests.tenancy_id('tenant_a'), 'booking', 20, 200, interval '1 hour');

select is(
  tests.outcome_as('service_role', pg_catalog.format(
    'update public.%1$I set %2$I = pg_catalog.gen_random_uuid() where ctid = (select ctid from public.%1$I limit 1) returning 1',
    k.table_name, k.column_name)),
  'PT422',
  pg_catalog.format('changing %s.%s is refused with PT422, even for service_role', k.table_name, k.column_name))
from key_columns as k
where k.is_uuid
order by k.table_name, k.column_name;

-- TEST: a PostgREST-shaped upsert of a whole existing row
create function pg_temp.upsert_of(p_table text, p_where text)
returns text
language sql
as $$
  select pg_catalog.format(
    'insert into public.%1$I as t (%2$s) select %2$s from public.%1$I where %3$s on conflict (%4$s) do update set %5$s returning 1',
    p_table,
    (select pg_catalog.string_agg(pg_catalog.quote_ident(a.attname), ', ' order by a.attnum)
       from pg_catalog.pg_attribute as a
      where a.attrelid = ('public.' || p_table)::regclass and a.attnum > 0 and not a.attisdropped
        and pg_catalog.has_column_privilege('authenticated', a.attrelid, a.attnum, 'INSERT')),
    p_where,
    (select pg_catalog.string_agg(pg_catalog.quote_ident(k.column_name), ', ') from key_columns as k where k.table_name = p_table),
    (select pg_catalog.string_agg(pg_catalog.format('%1$I = excluded.%1$I', a.attname), ', ' order by a.attnum)
       from pg_catalog.pg_attribute as a
      where a.attrelid = ('public.' || p_table)::regclass and a.attnum > 0 and not a.attisdropped
        and pg_catalog.has_column_privilege('authenticated', a.attrelid, a.attnum, 'INSERT')))
$$;

select is(tests.outcome_as(m.who, pg_temp.upsert_of(m.table_name, m.row_filter)), '1 row',
          pg_catalog.format('%s upserts a whole %s row (keys sent unchanged)', m.who, m.table_name))
from (values
  ('a_manager', 'clinician_services', $$ clinician_id = tests.tenancy_id('clinician_a') and service_id = tests.tenancy_id('appt_checkup') $$),
  ('a_front_desk', 'patients', $$ id = tests.tenancy_id('patient_a_walk_in') $$),
  ('a_owner', 'centres', $$ id = tests.tenancy_id('centre_a1') $$),
  ('a_clinician', 'medical_notes', $$ id = tests.tenancy_id('note_a') $$),
  ('a_owner', 'notification_templates', $$ tenant_id = tests.tenancy_id('tenant_a') $$),
  ('a_owner', 'whatsapp_templates', $$ tenant_id = tests.tenancy_id('tenant_a') $$),
  ('a_owner', 'tenant_rate_limits', $$ tenant_id = tests.tenancy_id('tenant_a') $$),
  ('a_clinician', 'availability_rules', $$ id = tests.tenancy_id('rule_a') $$)
) as m(who, table_name, row_filter);

select * from finish();
rollback;
