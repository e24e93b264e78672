-- Studio shows comments to admins: every table, view, column, function and type of the API
-- (public) and of the internals (private) says what it is. A new object without `comment on`
-- fails here, naming it.
begin;
select plan(4);

select is_empty(
  $$ select n.nspname || '.' || c.relname
     from pg_catalog.pg_class as c join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
     where n.nspname in ('public', 'private') and c.relkind in ('r', 'p', 'v', 'm')
       and pg_catalog.obj_description(c.oid, 'pg_class') is null $$,
  'every table and view is commented');

select is_empty(
  $$ select n.nspname || '.' || c.relname || '.' || a.attname
     from pg_catalog.pg_attribute as a
     join pg_catalog.pg_class as c on c.oid = a.attrelid
     join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
     where n.nspname in ('public', 'private') and c.relkind in ('r', 'p', 'v', 'm')
       and a.attnum > 0 and not a.attisdropped
       and pg_catalog.col_description(c.oid, a.attnum) is null $$,
  'every column of every table and view is commented');

select is_empty(
  $$ select p.oid::pg_catalog.regprocedure::text
     from pg_catalog.pg_proc as p join pg_catalog.pg_namespace as n on n.oid = p.pronamespace
     where n.nspname in ('public', 'private')
       and pg_catalog.obj_description(p.oid, 'pg_proc') is null
       and not exists (select 1 from pg_catalog.pg_depend as d where d.objid = p.oid and d.deptype = 'e') $$,
  'every function is commented (extension members aside)');

select is_empty(
  $$ select n.nspname || '.' || t.typname
     from pg_catalog.pg_type as t join pg_catalog.pg_namespace as n on n.oid = t.typnamespace
     where n.nspname in ('public', 'private') and t.typtype in ('e', 'd', 'c')
       and (t.typrelid = 0 or (select c.relkind from pg_catalog.pg_class as c where c.oid = t.typrelid) = 'c')
       and pg_catalog.obj_description(t.oid, 'pg_type') is null $$,
  'every enum, domain and composite type is commented');

select * from finish();
rollback;
