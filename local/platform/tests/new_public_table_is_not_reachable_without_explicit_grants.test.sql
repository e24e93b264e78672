-- Since 2026 a new table in `public` is not exposed to the Data API by default: anon,
-- authenticated and service_role get 42501 until a migration grants them access explicitly.
-- Source: supabase/cli apps/cli-go/internal/db/start/start.go RevokeDefaultDataApiPrivilegesSql;
-- changelog 45329 (tables not exposed to Data API automatically); research supabase-platform.md §1.6.
begin;
select plan(10);

-- SETUP: a table created by postgres, as a migration would
create table public.grant_probe (id bigint generated always as identity primary key, note text);
insert into public.grant_probe (note) values ('hello');

-- TEST: no table privileges for the API roles
select ok(not pg_catalog.has_table_privilege('anon', 'public.grant_probe', 'select'), 'anon has no SELECT on a new table');
select ok(not pg_catalog.has_table_privilege('authenticated', 'public.grant_probe', 'select,insert,update,delete'), 'authenticated has no SELECT/INSERT/UPDATE/DELETE on a new table');
select ok(not pg_catalog.has_table_privilege('service_role', 'public.grant_probe', 'select'), 'service_role has no SELECT on a new table');

set local role anon;
select throws_ok($$ select * from public.grant_probe $$, '42501', 'permission denied for table grant_probe',
  'anon reading a new table gets 42501');
reset role;
set local role authenticated;
select throws_ok($$ select * from public.grant_probe $$, '42501', 'permission denied for table grant_probe',
  'authenticated reading a new table gets 42501');
select throws_ok($$ insert into public.grant_probe (note) values ('x') $$, '42501', 'permission denied for table grant_probe',
  'authenticated writing a new table gets 42501');
reset role;
set local role service_role;
select throws_ok($$ select * from public.grant_probe $$, '42501', 'permission denied for table grant_probe',
  'even service_role (BYPASSRLS) gets 42501 without a grant');
reset role;

-- TEST: explicit grants make it reachable (RLS is a separate layer; off on this scratch table)
grant select on public.grant_probe to anon;
grant select, insert on public.grant_probe to authenticated;
set local role anon;
select results_eq($$ select note from public.grant_probe $$, $$ values ('hello') $$, 'after GRANT SELECT, anon can read');
reset role;
set local role authenticated;
select lives_ok($$ insert into public.grant_probe (note) values ('from api') $$,
  'after GRANT INSERT, authenticated can insert (identity columns need no sequence grant)');
reset role;

-- TEST: what the default privileges still hand out (TRUNCATE/REFERENCES/TRIGGER are not revoked)
select ok(pg_catalog.has_table_privilege('anon', 'public.grant_probe', 'truncate'),
  'the CLI revoke leaves TRUNCATE/REFERENCES/TRIGGER in the defaults, as on the platform');

select * from finish();
rollback;
