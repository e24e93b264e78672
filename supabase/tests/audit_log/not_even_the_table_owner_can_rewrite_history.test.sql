-- Beyond privileges, triggers keep audit_log append-only for its owner (postgres: migrations,
-- the SQL editor): UPDATE, DELETE and TRUNCATE raise PT403. Inserting stays possible.
begin;
select plan(6);

-- SETUP: an entry written by the audit trigger
insert into public.tenants (id, name, slug, timezone, currency, locale)
values ('a3000000-0000-4000-8000-000000000001', 'History', 'history', 'Europe/London', 'GBP', 'en-GB');

-- TEST
select is(current_user::text, 'postgres', 'the test runs as the table owner');
select throws_ok(
  $$ update public.audit_log set new_row = '{}' where tenant_id = 'a3000000-0000-4000-8000-000000000001' $$,
  'PT403', 'the audit log is append-only', 'the owner cannot update an entry');
select throws_ok(
  $$ delete from public.audit_log where tenant_id = 'a3000000-0000-4000-8000-000000000001' $$,
  'PT403', 'the audit log is append-only', 'the owner cannot delete an entry');
select throws_ok(
  $$ truncate public.audit_log $$,
  '0A000', 'cannot truncate a table referenced in a foreign key constraint', 'the owner cannot truncate the audit log (audit_log_values refers to it)');
select throws_ok(
  $$ truncate public.audit_log, public.audit_log_values $$,
  'PT403', 'the audit log is append-only', 'nor truncate it together with its values');
select is(
  (select count(*)::int from public.audit_log where tenant_id = 'a3000000-0000-4000-8000-000000000001'),
  1,
  'the entry is still there'
);

select * from finish();
rollback;
