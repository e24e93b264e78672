-- Every cell of docs/access-matrix.md holds. The cells are data (_setup/access_matrix.sql): one
-- per public table and view x command x role column. Each is checked from the catalogue or by
-- running it:
--   * a role without the privilege (no grant) must show ⛔, and service_role with the privilege
--     ✅ (it bypasses RLS, asserted below);
--   * every other cell by its probe, run as that column's user on the matrix fixture and rolled
--     back: the rows of tenant_a it reads or changes (all ✅, some ◐, none ∅) or the error it
--     raises (⛔, with the SQLSTATE when it is not 42501). Notes after the symbol are not checked
--     here; they are documentation.
-- docs/access-matrix.md is rendered from the same data (scripts/access-matrix.ts; `npm test`
-- fails when the committed page differs).
begin;

-- SETUP
select tests.create_access_matrix_fixtures();
create temporary table cells on commit drop as
  select e.table_name, e.command, c.ordinal, c.column_key,
         (pg_catalog.regexp_match(e.cells[c.ordinal], '^(✅|◐|∅|⛔(?: [0-9A-Z]{5}(?![^ ]))?)'))[1] as expected,
         case c.column_key when 'anon' then 'anon' when 'service_role' then 'service_role' else 'authenticated' end as api_role,
         null::boolean as privileged,
         null::text as observed
  from tests.access_matrix_expected() as e
  cross join tests.access_matrix_columns() as c;
update cells set privileged = case command
  when 'select' then pg_catalog.has_table_privilege(api_role, ('public.' || table_name)::regclass, 'SELECT')
  when 'insert' then pg_catalog.has_any_column_privilege(api_role, ('public.' || table_name)::regclass, 'INSERT')
  when 'update' then pg_catalog.has_any_column_privilege(api_role, ('public.' || table_name)::regclass, 'UPDATE')
  when 'delete' then pg_catalog.has_table_privilege(api_role, ('public.' || table_name)::regclass, 'DELETE') end;
update cells set observed = case
  when not privileged then '⛔'
  when column_key = 'service_role' then '✅'
  else tests.access_matrix_observed(table_name, command, column_key) end;

select plan(6 + (select pg_catalog.count(distinct (table_name, command))::integer from cells));

-- TEST: the matrix covers the catalogue
select is(
  array(select distinct table_name from cells order by 1),
  array(select c.relname::text from pg_catalog.pg_class as c join pg_catalog.pg_namespace as n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm') order by 1),
  'the matrix has every table and view of public');
select is(
  (select array_agg(distinct command order by command) from cells), array['delete', 'insert', 'select', 'update'],
  'and every command for each');
select is_empty(
  $$ select table_name, command from cells group by table_name, command having count(*) <> (select count(*) from tests.access_matrix_columns())
     union all select table_name, command from cells where expected is null $$,
  'every row has one well-formed cell per column');
create function pg_temp.rows_in_scope(p_table text, p_command text) returns bigint language plpgsql as $f$
declare v_count bigint;
begin
  execute 'select pg_catalog.count(*) from (' || (select x.total_statement from tests.access_matrix_probe_sql(p_table, p_command, 'owner') as x) || ') as s'
    into v_count;
  return v_count;
end
$f$;
select is_empty(
  $$ select p.table_name, p.command from tests.access_matrix_probes() as p
     where p.command <> 'insert' and pg_temp.rows_in_scope(p.table_name, p.command) = 0 $$,
  'every select, update and delete probe has rows of tenant_a to touch (so ∅ means hidden, not empty)');
select ok((select r.rolbypassrls from pg_catalog.pg_roles as r where r.rolname = 'service_role'),
  'service_role bypasses RLS (its cells follow the grants)');
select is_empty(
  $$ select table_name, command, column_key from cells
     where privileged and column_key <> 'service_role' and observed is null $$,
  'every cell a role may reach (it holds the privilege) has a probe');

-- TEST: every row of the matrix
select is(
  array_agg(observed order by ordinal),
  array_agg(expected order by ordinal),
  pg_catalog.format('%s %s: %s', table_name, command, pg_catalog.string_agg(column_key || ' ' || expected, ', ' order by ordinal)))
from cells
group by table_name, command
order by table_name, command;

select * from finish();
rollback;
