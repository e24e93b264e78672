-- The analytics RPCs and their guard are documented, security invoker, stable, and executable
-- by exactly authenticated and service_role (never anon or PUBLIC); the admin views are
-- security_invoker, commented down to every column, and readable by exactly those two roles.
begin;
select plan(6);

-- TEST: functions
select is(
  array(select n.nspname || '.' || p.proname from pg_proc as p join pg_namespace as n on n.oid = p.pronamespace
         where (n.nspname, p.proname) in (('public', 'appointments_by_status_and_period'), ('public', 'utilisation'),
                                          ('public', 'no_show_and_cancellation_rates'), ('public', 'lead_time'),
                                          ('public', 'revenue_by_period'), ('public', 'top_clinicians'),
                                          ('public', 'new_vs_returning_patients'), ('private', 'analytics_window'))
           and not p.prosecdef and p.provolatile = 's'
           and pg_catalog.obj_description(p.oid, 'pg_proc') is not null
           and has_function_privilege('authenticated', p.oid, 'EXECUTE')
           and has_function_privilege('service_role', p.oid, 'EXECUTE')
           and not has_function_privilege('anon', p.oid, 'EXECUTE')
         order by 1),
  array['private.analytics_window',
        'public.appointments_by_status_and_period',
        'public.lead_time',
        'public.new_vs_returning_patients',
        'public.no_show_and_cancellation_rates',
        'public.revenue_by_period',
        'public.top_clinicians',
        'public.utilisation'],
  'all eight are commented, stable, security invoker, executable by authenticated and service_role and not by anon');

-- TEST: views
select is(
  array(select c.relname::text from pg_class as c join pg_namespace as n on n.oid = c.relnamespace
         where n.nspname = 'public' and c.relname in ('todays_schedule', 'upcoming_appointments')
           and c.reloptions @> array['security_invoker=true'] order by 1),
  array['todays_schedule', 'upcoming_appointments'], 'both views are security_invoker');
select is_empty(
  $$ select a.attrelid::regclass::text || '.' || a.attname from pg_attribute as a
      where a.attrelid in ('public.todays_schedule'::regclass, 'public.upcoming_appointments'::regclass)
        and a.attnum > 0 and not a.attisdropped
        and pg_catalog.col_description(a.attrelid, a.attnum) is null $$,
  'every view column is commented');
select ok(pg_catalog.obj_description('public.todays_schedule'::regclass, 'pg_class') is not null
          and pg_catalog.obj_description('public.upcoming_appointments'::regclass, 'pg_class') is not null,
  'both views are commented');
select ok(has_table_privilege('authenticated', 'public.todays_schedule', 'SELECT')
          and has_table_privilege('service_role', 'public.upcoming_appointments', 'SELECT')
          and not has_table_privilege('authenticated', 'public.todays_schedule', 'INSERT'),
  'authenticated and service_role may only read them');
select ok(not has_table_privilege('anon', 'public.todays_schedule', 'SELECT')
          and not has_table_privilege('anon', 'public.upcoming_appointments', 'SELECT'),
  'anon may not read them');

select * from finish();
rollback;
