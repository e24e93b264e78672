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
-- 'service_role' (the secret key). The statement runs as that caller in a subtransaction that is
-- always rolled back, so rows are counted (SELECT, or INSERT/UPDATE/DELETE ... RETURNING) and
-- nothing it changes survives; the next row of the matrix starts from the same data.

create schema if not exists tests;
grant usage on schema tests to anon, authenticated, service_role;

create or replace function tests.outcome_as(who text, statement text)
returns text
language plpgsql
set search_path = ''
as $$
declare
  v_count bigint;
  v_state text;
  v_message text;
begin
  begin
    if who = 'anon' then
      perform tests.clear_authentication();
    elsif who = 'service_role' then
      perform tests.authenticate_as_service_role();
    else
      perform tests.authenticate_as(who);
    end if;
    execute 'with probe as (' || statement || ') select pg_catalog.count(*) from probe' into v_count;
    -- undo whatever the statement changed (and the role switch) by leaving the subtransaction
    raise exception using errcode = 'TR000', message = v_count::text;
  exception
    when others then
      get stacked diagnostics v_state = returned_sqlstate, v_message = message_text;
      if v_state = 'TR000' then
        return v_message || case when v_message = '1' then ' row' else ' rows' end;
      end if;
      return v_state;
  end;
end
$$;
comment on function tests.outcome_as(text, text) is
  'pgTAP helper: runs `statement` (a SELECT, or INSERT/UPDATE/DELETE ... RETURNING) as `who` (a test user, ''anon'' or ''service_role'') and returns ''<n> rows'' (''1 row'') or the SQLSTATE it raised. Always rolled back: nothing the statement changes remains.';

revoke execute on function tests.outcome_as(text, text) from public;
grant execute on function tests.outcome_as(text, text) to anon, authenticated, service_role;

-- The same matrix for a sequence of writes that build on each other (e.g. a count at the end of
-- the permitted inserts): tests.attempt_as runs `statement` as written (no RETURNING needed) as
-- `who` and KEEPS what it changed when it succeeds, like pgTAP's lives_ok. It returns '<n> rows'
-- (the rows the statement processed, '1 row' for one) or '<SQLSTATE>: <message>', so a matrix row
-- pins the refusal as throws_ok does:
--
--   select is(tests.attempt_as(m.who, $$ insert into public.holidays ... $$), m.expected, m.who || ' ...')
--   from (values ('a_owner', '1 row'),
--                ('a_front_desk', '42501: new row violates row-level security policy for table "holidays"')) as m(who, expected);
--
-- A failed statement changes nothing (subtransaction). The caller's role and claims are restored
-- after every row.
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
    if who = 'anon' then
      perform tests.clear_authentication();
    elsif who = 'service_role' then
      perform tests.authenticate_as_service_role();
    else
      perform tests.authenticate_as(who);
    end if;
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
  'pgTAP helper: runs `statement` as `who` (a test user, ''anon'' or ''service_role''), keeps its changes when it succeeds, and returns ''<n> rows'' (''1 row'') or ''<SQLSTATE>: <message>''. A failed statement changes nothing; the caller''s role and claims are restored.';

revoke execute on function tests.attempt_as(text, text) from public;
grant execute on function tests.attempt_as(text, text) to anon, authenticated, service_role;

-- Which rows a caller sees, for read matrices where the rows themselves matter (pgTAP's
-- results_eq as a table): tests.rows_of runs a query as the current role and returns its rows as
-- text in the query's order; tests.rows_as does the same as `who`, always rolled back. Compare
-- them with is():
--
--   select is(tests.rows_as(m.who, $$ select display_name::text from public.clinicians order by 1 $$),
--             tests.rows_of(m.sees), m.who || ' sees ...')
--   from (values ('a_owner', $$ values ('Dr Ada Alpha'), ('Dr Bea Beta') $$)) as m(who, sees);
create or replace function tests.rows_of(statement text)
returns text[]
language plpgsql
set search_path = ''
as $$
declare
  v_rows text[];
begin
  execute 'select coalesce(pg_catalog.array_agg(r::text), ''{}'') from (' || statement || ') as r' into v_rows;
  return v_rows;
end
$$;
comment on function tests.rows_of(text) is
  'pgTAP helper: the rows of `statement` (a query) as text, in its order; run as the current role.';

create or replace function tests.rows_as(who text, statement text)
returns text[]
language plpgsql
set search_path = ''
as $$
declare
  v_rows text[];
begin
  begin
    if who = 'anon' then
      perform tests.clear_authentication();
    elsif who = 'service_role' then
      perform tests.authenticate_as_service_role();
    else
      perform tests.authenticate_as(who);
    end if;
    v_rows := tests.rows_of(statement);
    -- leave the subtransaction: undoes the role switch and anything the query changed
    raise exception using errcode = 'TR000';
  exception
    when sqlstate 'TR000' then
      return v_rows;
  end;
end
$$;
comment on function tests.rows_as(text, text) is
  'pgTAP helper: tests.rows_of(statement) run as `who` (a test user, ''anon'' or ''service_role''); always rolled back. An error of the query fails the test.';

revoke execute on function tests.rows_of(text) from public;
revoke execute on function tests.rows_as(text, text) from public;
grant execute on function tests.rows_of(text) to anon, authenticated, service_role;
grant execute on function tests.rows_as(text, text) to anon, authenticated, service_role;
