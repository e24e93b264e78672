-- pg_cron is available as on Supabase (extension in pg_catalog, objects in schema cron): postgres
-- schedules jobs with cron.schedule() (named schedules are upserts) and can read cron.job, but
-- cannot write cron.job directly.
-- Source: supabase docs guides/database/extensions/pg_cron.mdx; supabase/postgres
-- migrations 20231020085357_revoke_writes_on_cron_job_from_postgres.sql; research supabase-platform.md §5.2.
begin;
select plan(7);

select is((select extnamespace::regnamespace::text from pg_catalog.pg_extension where extname = 'pg_cron'), 'pg_catalog',
  'pg_cron is installed with schema pg_catalog');

select ok(cron.schedule('platform-probe', '*/5 * * * *', 'select 1') > 0, 'cron.schedule(name, schedule, command) works as postgres');
select results_eq(
  $$ select jobname::text collate "default", schedule, command, username, database, active from cron.job where jobname = 'platform-probe' $$,
  $$ values ('platform-probe'::text, '*/5 * * * *'::text, 'select 1'::text, 'postgres'::text, 'postgres'::text, true) $$,
  'the job is recorded for user postgres in database postgres'
);

select cron.schedule('platform-probe', '0 3 * * *', 'select 2');
select results_eq(
  $$ select count(*), min(schedule), min(command) from cron.job where jobname = 'platform-probe' $$,
  $$ values (1::bigint, '0 3 * * *'::text, 'select 2'::text) $$,
  'scheduling the same name again updates the job instead of adding one'
);

select throws_ok(
  $$ insert into cron.job (schedule, command) values ('* * * * *', 'select 1') $$,
  '42501', 'permission denied for table job',
  'postgres cannot write cron.job directly'
);
select ok(pg_catalog.has_table_privilege('postgres', 'cron.job_run_details', 'select'), 'postgres can read cron.job_run_details');

select ok(cron.unschedule('platform-probe'), 'cron.unschedule(name) removes the job');

select * from finish();
rollback;
