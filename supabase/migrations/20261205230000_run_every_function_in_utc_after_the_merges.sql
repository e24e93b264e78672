-- Every function of public and private runs with TimeZone = UTC (the rule and its reasons:
-- 20261205159000_run_every_function_in_utc.sql). Functions created or replaced by later migrations
-- without `set timezone to 'UTC'` get it here, the same way; new functions declare it themselves
-- (supabase/tests/api_surface/every_function_runs_in_utc_whatever_the_session_time_zone.test.sql).

do $$
declare
  v_function regprocedure;
begin
  for v_function in
    select p.oid::regprocedure
    from pg_catalog.pg_proc as p
    join pg_catalog.pg_namespace as n on n.oid = p.pronamespace
    where n.nspname in ('public', 'private')
      and p.prokind in ('f', 'p')
      and p.provolatile <> 'i'
      and not exists (select 1 from pg_catalog.unnest(p.proconfig) as c (setting) where c.setting = 'TimeZone=UTC')
    order by 1
  loop
    execute pg_catalog.format('alter function %s set timezone to %L', v_function, 'UTC');
  end loop;
end
$$;
