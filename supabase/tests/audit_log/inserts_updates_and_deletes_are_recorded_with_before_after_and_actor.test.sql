-- Every insert, update and delete on a sensitive table writes one audit_log entry with the
-- tenant, table, primary key, action, the row before/after, the actor (auth.uid()) and the
-- request role. Personal values read "[redacted]" in the images; their values are kept in
-- audit_log_values (who may read them: audit_log/personal_values_are_*).
begin;
select plan(14);

-- SETUP: a tenant with an owner (as postgres, like the seed)
insert into public.tenants (id, name, slug, timezone, currency, locale)
values ('a1000000-0000-4000-8000-000000000001', 'Audit Clinic', 'audit-clinic', 'Europe/London', 'GBP', 'en-GB');
select tests.create_supabase_user('audit_owner', 'audit.owner@audit.test');
insert into public.members (tenant_id, id, user_id, display_name)
values ('a1000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-0000000000e1', tests.get_supabase_uid('audit_owner'), 'Audit Owner');
insert into public.member_roles (tenant_id, member_id, role)
values ('a1000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-0000000000e1', 'owner');
select tests.create_supabase_user('audit_front_desk', 'audit.desk@audit.test');
insert into public.members (tenant_id, id, user_id, display_name)
values ('a1000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-0000000000e2', tests.get_supabase_uid('audit_front_desk'), 'Audit Desk');
insert into public.member_roles (tenant_id, member_id, role)
values ('a1000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-0000000000e2', 'front_desk');

-- TEST: insert (postgres, no request): new_row only, role postgres, no actor
insert into public.patients (tenant_id, id, full_name, phone)
values ('a1000000-0000-4000-8000-000000000001', 'a1000000-0000-4000-8000-0000000000a1', 'Ada Audit', '+15550100001');
select results_eq(
  $$ select e.action, e.actor_role, e.actor_user_id, e.tenant_id, e.old_row is null, e.new_row ->> 'full_name' || ' = ' || (v.new_values ->> 'full_name'), e.row_pk
     from public.audit_log as e join public.audit_log_values as v on v.audit_id = e.id
     where e.table_name = 'public.patients' and e.row_pk ->> 'id' = 'a1000000-0000-4000-8000-0000000000a1' $$,
  $$ values ('insert', 'postgres', null::uuid, 'a1000000-0000-4000-8000-000000000001'::uuid, true, '[redacted] = Ada Audit',
             '{"tenant_id": "a1000000-0000-4000-8000-000000000001", "id": "a1000000-0000-4000-8000-0000000000a1"}'::jsonb) $$,
  'an insert records the new row, the tenant, the primary key and the postgres role'
);

-- TEST: update through the Data API as service_role
select tests.authenticate_as_service_role();
update public.patients set full_name = 'Ada Lovelace' where id = 'a1000000-0000-4000-8000-0000000000a1';
reset role;
select results_eq(
  $$ select e.actor_role, e.actor_user_id, e.old_row ->> 'full_name', e.new_row ->> 'full_name', v.old_values ->> 'full_name', v.new_values ->> 'full_name'
     from public.audit_log as e join public.audit_log_values as v on v.audit_id = e.id
     where e.tenant_id = 'a1000000-0000-4000-8000-000000000001' and e.table_name = 'public.patients' and e.action = 'update' $$,
  $$ values ('service_role', null::uuid, '[redacted]', '[redacted]', 'Ada Audit', 'Ada Lovelace') $$,
  'an update records the row before and after, from service_role'
);

-- TEST: update and delete by a signed-in owner carry the owner's user id
select tests.authenticate_as('audit_owner');
update public.tenants set name = 'Audit Clinic Group' where id = 'a1000000-0000-4000-8000-000000000001';
delete from public.patients where id = 'a1000000-0000-4000-8000-0000000000a1';
reset role;
select results_eq(
  $$ select actor_role, actor_user_id, old_row ->> 'name', new_row ->> 'name', row_pk
     from public.audit_log where tenant_id = 'a1000000-0000-4000-8000-000000000001' and table_name = 'public.tenants' and action = 'update' $$,
  $$ values ('authenticated', tests.get_supabase_uid('audit_owner'), 'Audit Clinic', 'Audit Clinic Group',
             '{"id": "a1000000-0000-4000-8000-000000000001"}'::jsonb) $$,
  'an owner''s update of the tenant is recorded with the owner as actor and the tenant as its own tenant_id'
);
select results_eq(
  $$ select e.actor_role, e.actor_user_id, v.old_values ->> 'full_name', e.new_row is null and v.new_values is null
     from public.audit_log as e join public.audit_log_values as v on v.audit_id = e.id
     where e.tenant_id = 'a1000000-0000-4000-8000-000000000001' and e.table_name = 'public.patients' and e.action = 'delete' $$,
  $$ values ('authenticated', tests.get_supabase_uid('audit_owner'), 'Ada Lovelace', true) $$,
  'a delete records the row before and no row after, with the owner as actor'
);

-- TEST: the order of entries follows the order of changes
select results_eq(
  $$ select action from public.audit_log where tenant_id = 'a1000000-0000-4000-8000-000000000001' and table_name = 'public.patients' order by id $$,
  $$ values ('insert'), ('update'), ('delete') $$,
  'entries are numbered in the order the changes happened'
);

-- TEST: the setup's own writes were recorded for every table touched
select results_eq(
  $$ select table_name, action, count(*)::int from public.audit_log
     where tenant_id = 'a1000000-0000-4000-8000-000000000001' and table_name in ('public.tenants', 'public.members', 'public.member_roles')
     group by 1, 2 order by 1, 2 $$,
  $$ values ('public.member_roles', 'insert', 2), ('public.members', 'insert', 2), ('public.tenants', 'insert', 1), ('public.tenants', 'update', 1) $$,
  'tenants, members and member_roles are audited as well'
);

-- TEST: occurred_at is the transaction time
select is(
  (select count(*)::int from public.audit_log where tenant_id = 'a1000000-0000-4000-8000-000000000001' and occurred_at <> now()),
  0,
  'occurred_at is now() of the changing transaction'
);

-- TEST: every entry names its table schema-qualified and carries an object primary key
select is(
  (select count(*)::int from public.audit_log
    where tenant_id = 'a1000000-0000-4000-8000-000000000001'
      and (table_name !~ '^public\.' or jsonb_typeof(row_pk) <> 'object')),
  0,
  'table names are schema-qualified and primary keys are JSON objects'
);

-- TEST: cascaded deletes are recorded too (the member_roles of a deleted member)
delete from public.members where id = 'a1000000-0000-4000-8000-0000000000e2';
select results_eq(
  $$ select table_name from public.audit_log
     where tenant_id = 'a1000000-0000-4000-8000-000000000001' and action = 'delete' and table_name <> 'public.patients'
     order by table_name $$,
  $$ values ('public.member_roles'), ('public.members') $$,
  'deleting a member records the member and its cascaded roles'
);

-- TEST: actor_role falls back to the session user when no request role is set
select is(
  (select actor_role from public.audit_log where table_name = 'public.members' and action = 'delete'),
  'postgres',
  'a change outside the Data API is attributed to the session user'
);

-- TEST: constraint on entries: an insert entry has no old row
select throws_ok(
  $$ insert into public.audit_log (actor_role, table_name, row_pk, action, old_row, new_row)
     values ('postgres', 'public.x', '{}', 'insert', '{}', '{}') $$,
  '23514', null,
  'an entry whose rows do not match its action is rejected'
);
select throws_ok(
  $$ insert into public.audit_log (actor_role, table_name, row_pk, action, new_row)
     values ('postgres', 'public.x', '{}', 'merge', '{}') $$,
  '23514', null,
  'only insert, update and delete are valid actions'
);

-- TEST: the write path is the trigger function, a security definer in private that nobody may call
select is(
  (select prosecdef from pg_catalog.pg_proc where oid = 'private.record_audit_event()'::regprocedure),
  true,
  'private.record_audit_event is security definer (the changing roles cannot insert into audit_log)'
);
select ok(
  not has_function_privilege('anon', 'private.record_audit_event()', 'execute')
  and not has_function_privilege('authenticated', 'private.record_audit_event()', 'execute')
  and not has_function_privilege('service_role', 'private.record_audit_event()', 'execute'),
  'no API role may execute the audit trigger function'
);

select * from finish();
rollback;
