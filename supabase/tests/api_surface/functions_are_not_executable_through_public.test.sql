-- PostgreSQL lets PUBLIC execute every new function, and the platform's default privileges do not
-- take that away. Every function Slotbase creates in `public` or `private` must revoke it and
-- grant EXECUTE only to the roles that may call it (see the private schema migration).
begin;
select plan(2);

-- TEST: no function in public/private is executable through PUBLIC.
select is_empty(
  $$
    select p.oid::regprocedure::text
    from pg_catalog.pg_proc p
    join pg_catalog.pg_namespace n on n.oid = p.pronamespace
    left join pg_catalog.pg_depend d on d.objid = p.oid and d.deptype = 'e'
    where n.nspname in ('public', 'private')
      and d.objid is null
      and (p.proacl is null or exists (
        select 1 from pg_catalog.aclexplode(p.proacl) a
        where a.grantee = 0 and a.privilege_type = 'EXECUTE'))
  $$,
  'functions in public and private revoke EXECUTE from PUBLIC'
);

-- TEST: the check above catches a function that forgets to revoke.
create function public.api_surface_probe() returns int language sql set search_path = '' as 'select 1';
select isnt_empty(
  $$
    select 1 from pg_catalog.pg_proc p
    where p.oid = 'public.api_surface_probe()'::regprocedure
      and (p.proacl is null or exists (
        select 1 from pg_catalog.aclexplode(p.proacl) a where a.grantee = 0 and a.privilege_type = 'EXECUTE'))
  $$,
  'a function created without a revoke is executable through PUBLIC (so the check has teeth)'
);

select * from finish();
rollback;
