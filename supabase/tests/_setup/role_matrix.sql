-- supabase/tests/_setup/role_matrix.sql — table-driven role matrices for pgTAP, in schema `tests`.
--
-- Applied like the other _setup files (as postgres, committed; creates no data). A test states a
-- matrix as rows of (who, expected) and asserts every row with one statement, instead of one
-- near-copy block per role:
--
--   select is(tests.outcome_as(m.who, $$ select 1 from public.patients where tenant_id = tests.tenancy_id('tenant_a') $$),
--             m.expected, m.who || ' reads ...')
--   from (values ('a_owner', '4 rows'), ('anon', '42501')) as m(who, expected);
--
-- `who` is a test user identifier (tests.authenticate_as), 'anon' (the anon key) or
-- 'service_role' (the secret key) (tests.act_as). Three ways to run a row:
-- - tests.outcome_as: '<n> rows' or the SQLSTATE; always rolled back, so every row of the matrix
--   starts from the same data (SELECT, or INSERT/UPDATE/DELETE ... RETURNING).
-- - tests.rows_as: the rows themselves (pgTAP's results_eq as a table), compared with
--   tests.rows_of(<expected query>); always rolled back.
-- - tests.attempt_as: for writes that build on each other (e.g. a count of the permitted inserts
--   at the end): keeps what a permitted statement changed, like lives_ok, and returns '<n> rows'
--   or '<SQLSTATE>: <message>', so a refused row pins the message as throws_ok does.

create schema if not exists tests;
grant usage on schema tests to anon, authenticated, service_role;

create or replace function tests.rows_of(statement text)
returns text[]
language plpgsql
set search_path = ''
as $$
declare
  v_rows text[];
begin
  execute 'with probe as (' || statement || ') select coalesce(pg_catalog.array_agg(probe::text), ''{}'') from probe' into v_rows;
  return v_rows;
end
$$;
comment on function tests.rows_of(text) is
  'pgTAP helper: the rows of `statement` (a query, or INSERT/UPDATE/DELETE ... RETURNING) as text, in its order; run as the current role.';

create or replace function tests.rows_as(who text, statement text)
returns text[]
language plpgsql
set search_path = ''
as $$
declare
  v_rows text[];
begin
  begin
    perform tests.act_as(who);
    v_rows := tests.rows_of(statement);
    -- leave the subtransaction: undoes the role switch and whatever the statement changed
    raise exception using errcode = 'TR000';
  exception
    when sqlstate 'TR000' then
      return v_rows;
  end;
end
$$;
comment on function tests.rows_as(text, text) is
  'pgTAP helper: tests.rows_of(statement) run as `who` (a test user, ''anon'' or ''service_role''); always rolled back. An error of the statement is raised.';

create or replace function tests.outcome_as(who text, statement text)
returns text
language plpgsql
set search_path = ''
as $$
declare
  v_count integer;
begin
  v_count := coalesce(pg_catalog.array_length(tests.rows_as(who, statement), 1), 0);
  return v_count::text || case when v_count = 1 then ' row' else ' rows' end;
exception
  when others then
    return sqlstate;
end
$$;
comment on function tests.outcome_as(text, text) is
  'pgTAP helper: runs `statement` (a SELECT, or INSERT/UPDATE/DELETE ... RETURNING) as `who` (a test user, ''anon'' or ''service_role'') and returns ''<n> rows'' (''1 row'') or the SQLSTATE it raised. Always rolled back: nothing the statement changes remains.';

create or replace function tests.attempt_as(who text, statement text)
returns text
language plpgsql
set search_path = ''
as $$
declare
  v_role text := pg_catalog.current_setting('role');
  v_claims text := pg_catalog.current_setting('request.jwt.claims', true);
  v_count bigint;
  v_outcome text;
  v_state text;
  v_message text;
begin
  begin
    perform tests.act_as(who);
    execute statement;
    get diagnostics v_count = row_count;
    v_outcome := v_count::text || case when v_count = 1 then ' row' else ' rows' end;
  exception
    when others then
      get stacked diagnostics v_state = returned_sqlstate, v_message = message_text;
      v_outcome := v_state || ': ' || v_message;
  end;
  perform pg_catalog.set_config('role', v_role, true);
  perform pg_catalog.set_config('request.jwt.claims', coalesce(v_claims, ''), true);
  return v_outcome;
end
$$;
comment on function tests.attempt_as(text, text) is
  'pgTAP helper: runs `statement` as written as `who` (a test user, ''anon'' or ''service_role''), keeps its changes when it succeeds, and returns ''<n> rows'' (the rows it processed; ''1 row'') or ''<SQLSTATE>: <message>''. A failed statement changes nothing; the caller''s role and claims are restored.';

revoke execute on function tests.rows_of(text) from public;
revoke execute on function tests.rows_as(text, text) from public;
revoke execute on function tests.outcome_as(text, text) from public;
revoke execute on function tests.attempt_as(text, text) from public;
grant execute on function tests.rows_of(text) to anon, authenticated, service_role;
grant execute on function tests.rows_as(text, text) to anon, authenticated, service_role;
grant execute on function tests.outcome_as(text, text) to anon, authenticated, service_role;
grant execute on function tests.attempt_as(text, text) to anon, authenticated, service_role;
