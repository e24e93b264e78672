-- The recurrence helpers live in `private`, are not executable by any API role, and every
-- function and type carries a comment.
begin;
select plan(4);

select is_empty(
  $$
    select p.oid::regprocedure::text || ' ' || r.rolname
    from pg_catalog.pg_proc as p
    cross join (values ('anon'), ('authenticated'), ('service_role')) as r (rolname)
    where p.pronamespace = 'private'::regnamespace
      and p.proname in ('parse_rrule', 'format_rrule', 'rfc5545_local_time', 'local_to_utc',
                        'rrule_expansion_span', 'rrule_occurrences', 'normalise_rrule')
      and pg_catalog.has_function_privilege(r.rolname, p.oid, 'EXECUTE')
  $$,
  'no API role may execute a recurrence helper'
);

select is(
  (select count(*)::integer from pg_catalog.pg_proc as p
    where p.pronamespace = 'private'::regnamespace
      and p.proname in ('parse_rrule', 'format_rrule', 'rfc5545_local_time', 'local_to_utc',
                        'rrule_expansion_span', 'rrule_occurrences', 'normalise_rrule')
      and 'search_path=""' = any (p.proconfig)
      and p.provolatile in ('i', 's')
      and pg_catalog.obj_description(p.oid, 'pg_proc') is not null),
  8,
  'all eight recurrence functions pin search_path, are immutable or stable, and are commented'
);

select is(
  (select count(*)::integer from pg_catalog.pg_type as t
    where t.typnamespace = 'private'::regnamespace
      and t.typname in ('recurrence_rule', 'recurrence_weekday')
      and pg_catalog.obj_description(t.oid, 'pg_type') is not null),
  2,
  'both composite types are commented'
);

select throws_ok(
  $$ select * from private.rrule_occurrences('FREQ=DAILY', '2026-01-01 09:00', 'Mars/Olympus', '2026-01-01Z', '2026-01-02Z') $$,
  '22023',
  null,
  'an unknown time zone is refused with 22023'
);

select * from finish();
rollback;
