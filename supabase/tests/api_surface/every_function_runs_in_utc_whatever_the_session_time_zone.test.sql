-- The session's time zone is the client's choice (PostgREST: Prefer: timezone=..., psql: PGTZ)
-- and never enters a result. Catalogue-wide:
--   * every function of public and private that is not immutable runs with TimeZone = UTC
--     (`set timezone to 'UTC'`), so date arithmetic inside it never follows the session;
--   * views, column defaults, check constraints, domain checks and policies cannot pin a setting:
--     none of them adds days, weeks, months or years to an instant, or reads current_date,
--     localtime or localtimestamp (they add hours, and read local calendars with AT TIME ZONE);
--   * immutable functions name no clock and no zone-dependent cast (by contract they read no
--     setting).
-- npm test also runs the whole pgTAP suite a second time under PGTZ=America/Santiago.
begin;
select plan(7);

-- TEST: functions
select is(
  array(select p.oid::regprocedure::text
        from pg_catalog.pg_proc as p
        join pg_catalog.pg_namespace as n on n.oid = p.pronamespace
        where n.nspname in ('public', 'private')
          and p.prokind in ('f', 'p')
          and p.provolatile <> 'i'
          and not ('TimeZone=UTC' = any (coalesce(p.proconfig, '{}')))
        order by 1),
  '{}'::text[],
  'every function of public and private that is not immutable sets TimeZone = UTC');
select is(
  array(select p.oid::regprocedure::text
        from pg_catalog.pg_proc as p
        join pg_catalog.pg_namespace as n on n.oid = p.pronamespace
        where n.nspname in ('public', 'private')
          and p.provolatile = 'i'
          and pg_catalog.lower(p.prosrc) ~ '(now\(\)|current_date|current_timestamp|localtime|clock_timestamp|timestamptz|timestamp with time zone|date_trunc|::date)'
        order by 1),
  array[
    -- checks that an import cell of the form YYYY-MM-DD is a calendar date: no zone enters a date
    'private.import_assert_value(text,text)',
    -- reads a zone name with now() only to learn whether it is valid
    'private.is_iana_timezone(text)',
    -- parses consent times only to validate them; the stored text is unchanged
    'private.is_valid_consents(jsonb)',
    -- lists payload fields and their type names: data, no arithmetic
    'private.notification_payload_fields()',
    -- the epoch of an instant is the same in every zone
    'private.reminder_dedupe_key(uuid,interval,timestamp with time zone)'],
  'the immutable functions that touch instants are exactly those whose result no zone can change');

-- TEST: views, defaults, constraints, domains and policies add hours, never calendar units
create temporary table zone_free_expressions as
select 'view ' || c.oid::regclass::text as object, pg_catalog.pg_get_viewdef(c.oid) as definition
from pg_catalog.pg_class as c
where c.relnamespace in ('public'::regnamespace, 'private'::regnamespace) and c.relkind in ('v', 'm')
union all
select 'default ' || d.adrelid::regclass::text || '.' || a.attname, pg_catalog.pg_get_expr(d.adbin, d.adrelid)
from pg_catalog.pg_attrdef as d
join pg_catalog.pg_attribute as a on a.attrelid = d.adrelid and a.attnum = d.adnum
join pg_catalog.pg_class as c on c.oid = d.adrelid
where c.relnamespace in ('public'::regnamespace, 'private'::regnamespace)
union all
select 'constraint ' || coalesce(co.conrelid::regclass::text, co.contypid::regtype::text) || '.' || co.conname,
       pg_catalog.pg_get_constraintdef(co.oid)
from pg_catalog.pg_constraint as co
where co.connamespace in ('public'::regnamespace, 'private'::regnamespace) and co.contype = 'c'
union all
select 'policy ' || pol.polrelid::regclass::text || '.' || pol.polname,
       coalesce(pg_catalog.pg_get_expr(pol.polqual, pol.polrelid), '') || ' ' || coalesce(pg_catalog.pg_get_expr(pol.polwithcheck, pol.polrelid), '')
from pg_catalog.pg_policy as pol
join pg_catalog.pg_class as c on c.oid = pol.polrelid
where c.relnamespace in ('public'::regnamespace, 'private'::regnamespace);

select cmp_ok((select count(*)::integer from zone_free_expressions), '>', 100,
  'the check reads the views, defaults, constraints and policies (more than 100 of them)');
select is(
  array(select z.object from zone_free_expressions as z
        where z.definition ~* '[+-] *''[^'']*\m(day|days|week|weeks|mon|mons|month|months|year|years)\M[^'']*''::interval'
        order by 1),
  '{}'::text[],
  'no view, default, constraint or policy adds or subtracts days, weeks, months or years (calendar units follow the session''s zone when added to an instant)');
select is(
  array(select z.object from zone_free_expressions as z
        where z.definition ~* '\m(current_date|localtime|localtimestamp)\M'
        order by 1),
  '{}'::text[],
  'no view, default, constraint or policy reads current_date, localtime or localtimestamp');
select is(
  array(select z.object from zone_free_expressions as z
        where z.definition ~* 'date_trunc\(''[a-z]+''::text, [a-z_.]+\)' and z.definition !~* 'at time zone'
        order by 1),
  '{}'::text[],
  'no view, default, constraint or policy truncates an instant to a calendar unit without naming a zone');

-- TEST: a view over time answers the same in a session whose clocks skip midnight
select is(
  (select pg_catalog.pg_get_viewdef('public.upcoming_appointments'::regclass) ~ '''336:00:00''::interval'),
  true, 'upcoming_appointments looks 336 hours ahead (14 days in every session zone)');

select * from finish();
rollback;
