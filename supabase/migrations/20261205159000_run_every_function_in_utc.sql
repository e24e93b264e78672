-- Every function of public and private runs with TimeZone = UTC, whatever the session's zone.
--
-- A client chooses the session's time zone (PostgREST: `Prefer: timezone=America/Santiago`;
-- psql: PGTZ). Inside PostgreSQL that zone silently enters date arithmetic: a date turned into a
-- timestamptz, `timestamptz + interval '1 day'`, `generate_series` over days, date_trunc and
-- extract on a timestamptz, `current_date`. Slotbase reads every local calendar explicitly
-- (`at time zone <the centre's or tenant's IANA zone>`) and never means the session's zone, so a
-- function's answer must not depend on it. Pinning the setting per function makes that hold for
-- every line of code at once, including code written later: a function created or replaced
-- without `set timezone to 'UTC'` is named by
-- supabase/tests/api_surface/every_function_runs_in_utc_whatever_the_session_time_zone.test.sql.
--
-- Immutable functions are left alone: by their contract they do not read settings.
-- The setting applies inside the function only; the caller's session keeps its zone (PostgREST
-- renders the instants a function returns in it, the same instants).

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
