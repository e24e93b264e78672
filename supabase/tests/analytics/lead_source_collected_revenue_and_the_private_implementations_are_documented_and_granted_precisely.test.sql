-- The RPCs added for lead source and collected revenue are documented, stable, security invoker
-- and executable by exactly authenticated and service_role; the private implementations behind
-- utilisation, new_vs_returning_patients and patients_by_lead_source are security definer (they
-- read without row-level security after checking the caller), documented, and not executable
-- by anon; they decide arguments and caller once, with private.analytics_window.
begin;
select plan(4);

-- TEST: the public RPCs
select is(
  array(select p.oid::regprocedure::text from pg_proc as p join pg_namespace as n on n.oid = p.pronamespace
         where n.nspname = 'public' and p.proname in ('patients_by_lead_source', 'collected_revenue')
           and not p.prosecdef and p.provolatile = 's'
           and pg_catalog.obj_description(p.oid, 'pg_proc') is not null
           and has_function_privilege('authenticated', p.oid, 'EXECUTE')
           and has_function_privilege('service_role', p.oid, 'EXECUTE')
           and not has_function_privilege('anon', p.oid, 'EXECUTE')
         order by 1),
  array['collected_revenue(uuid,date,date,text,uuid)', 'patients_by_lead_source(uuid,date,date,uuid)'],
  'both are commented, stable, security invoker, for authenticated and service_role only');

-- TEST: the private implementations
select is(
  array(select p.oid::regprocedure::text from pg_proc as p join pg_namespace as n on n.oid = p.pronamespace
         where n.nspname = 'private' and p.proname in ('utilisation', 'new_vs_returning_patients', 'patients_by_lead_source')
           and p.prosecdef and p.provolatile = 's'
           and pg_catalog.obj_description(p.oid, 'pg_proc') is not null
           and has_function_privilege('authenticated', p.oid, 'EXECUTE')
           and has_function_privilege('service_role', p.oid, 'EXECUTE')
           and not has_function_privilege('anon', p.oid, 'EXECUTE')
           and p.proconfig @> array['search_path=""']
         order by 1),
  array['private.new_vs_returning_patients(uuid,date,date,uuid,text)', 'private.patients_by_lead_source(uuid,date,date,uuid)',
        'private.utilisation(uuid,date,date,uuid)'],
  'the three implementations are security definer with an empty search_path, commented, and not for anon');

-- TEST: the caller is decided once
select ok(
  not exists (select 1 from pg_proc as p join pg_namespace as n on n.oid = p.pronamespace
               where n.nspname = 'private' and p.proname = 'analytics_caller_may_read')
  and (select pg_catalog.bool_and(p.prosrc like '%private.analytics_window(%')
         from pg_proc as p join pg_namespace as n on n.oid = p.pronamespace
        where n.nspname = 'private' and p.proname in ('utilisation', 'new_vs_returning_patients', 'patients_by_lead_source'))
  and (select pg_catalog.bool_and(p.prosrc not like '%analytics_window(%')
         from pg_proc as p join pg_namespace as n on n.oid = p.pronamespace
        where n.nspname = 'public' and p.proname in ('utilisation', 'new_vs_returning_patients', 'patients_by_lead_source')),
  'the implementations decide arguments and caller once (private.analytics_window), their public functions do not ask again, and no second caller check exists');

-- TEST: calling an implementation directly does not skip the caller check
select tests.create_analytics_fixtures();
select tests.authenticate_as('a_clinician');
select throws_ok($$ select * from private.utilisation(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-01-31', null) $$,
  'PT403', 'you may not see the analytics of this tenant or centre', 'a clinician calling private.utilisation directly is refused');

select * from finish();
rollback;
