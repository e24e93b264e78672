-- public.audit_log: the append-only record of who changed which sensitive row, how, from which
-- request role, with the row before and after.
--
-- Rows are written only by the trigger function private.record_audit_event() (next migration),
-- which runs as its owner. No API role may insert, update or delete rows: anon, authenticated and
-- service_role get no such grant, and a trigger refuses UPDATE, DELETE and TRUNCATE even for the
-- owner, so history cannot be rewritten through the database either (a later migration must
-- drop that trigger deliberately, e.g. for a retention job).
-- Owners and admins of a tenant read that tenant's rows (RLS); service_role reads everything
-- (server-side tooling, it bypasses RLS). Rows without a tenant are visible to service_role only.
--
-- The spec's table 10 keeps a plain identity primary key (not tenant-led): an audit row is never
-- referenced by a foreign key and must be writable even when its tenant row is being deleted.

create table public.audit_log (
  id bigint generated always as identity,
  tenant_id uuid null,
  occurred_at timestamptz not null default pg_catalog.now(),
  actor_user_id uuid null,
  actor_role text not null,
  table_name text not null,
  row_pk jsonb not null,
  action text not null,
  old_row jsonb null,
  new_row jsonb null,
  constraint audit_log_pkey primary key (id),
  constraint audit_log_action_valid check (action in ('insert', 'update', 'delete')),
  constraint audit_log_actor_role_not_empty check (actor_role <> ''),
  constraint audit_log_table_name_not_empty check (table_name <> ''),
  constraint audit_log_row_pk_is_object check (pg_catalog.jsonb_typeof(row_pk) = 'object'),
  constraint audit_log_rows_match_action check (
    case action
      when 'insert' then old_row is null and new_row is not null
      when 'update' then old_row is not null and new_row is not null
      when 'delete' then old_row is not null and new_row is null
    end
  )
);
alter table public.audit_log enable row level security;

comment on table public.audit_log is
  'Append-only audit trail of changes to sensitive tables: who (user and request role) did what (insert/update/delete) to which row, with the row before and after. Written only by the trigger private.record_audit_event(); nobody can change or delete entries. Owners and admins read their tenant''s entries.';
comment on column public.audit_log.id is 'Sequence number of the entry (ascending in write order).';
comment on column public.audit_log.tenant_id is 'Tenant the changed row belongs to (for public.tenants: the tenant itself). Not a foreign key: the entry outlives the tenant.';
comment on column public.audit_log.occurred_at is 'Start of the transaction that made the change (now()).';
comment on column public.audit_log.actor_user_id is 'Auth user of the request that made the change (auth.uid()); null for service_role, the auth system and database maintenance.';
comment on column public.audit_log.actor_role is 'PostgreSQL role of the request: anon, authenticated, service_role (Data API), supabase_auth_admin (Auth, e.g. linking at sign-in) or postgres (migrations, seed, SQL editor).';
comment on column public.audit_log.table_name is 'Changed table, schema-qualified (e.g. public.patients).';
comment on column public.audit_log.row_pk is 'Primary key of the changed row as a JSON object of column -> value, e.g. {"tenant_id": "...", "id": "..."}.';
comment on column public.audit_log.action is 'insert, update or delete.';
comment on column public.audit_log.old_row is 'The row before the change (update, delete); null for insert. Columns the trigger redacts (medical note bodies) appear as "[redacted]".';
comment on column public.audit_log.new_row is 'The row after the change (insert, update); null for delete. Columns the trigger redacts (medical note bodies) appear as "[redacted]".';
comment on constraint audit_log_action_valid on public.audit_log is 'Only row-level insert, update and delete are recorded.';
comment on constraint audit_log_actor_role_not_empty on public.audit_log is 'Every entry names the role that made the change.';
comment on constraint audit_log_table_name_not_empty on public.audit_log is 'Every entry names the changed table.';
comment on constraint audit_log_row_pk_is_object on public.audit_log is 'The primary key is recorded as a JSON object of column -> value.';
comment on constraint audit_log_rows_match_action on public.audit_log is 'insert has only new_row, delete only old_row, update both.';

-- The owner/admin policy filters on tenant_id; readers page by time.
create index audit_log_tenant_id_occurred_at_idx on public.audit_log (tenant_id, occurred_at desc, id desc);
comment on index public.audit_log_tenant_id_occurred_at_idx is 'Serves the owner/admin select policy (tenant_id) and newest-first paging per tenant.';

-- public.audit_log: grants. Read-only for the API; no insert/update/delete/truncate for anyone.
revoke all on table public.audit_log from public, anon, authenticated, service_role;
grant select on table public.audit_log to authenticated, service_role;

-- public.audit_log: policies (authenticated only; anon has no grant; service_role bypasses RLS)
create policy audit_log_select_authenticated on public.audit_log
  for select
  to authenticated
  using (tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin']::public.staff_role[])));
comment on policy audit_log_select_authenticated on public.audit_log is
  'Owners and admins (tenant-wide, active, of an active tenant) read their tenant''s audit entries. Nobody else, not even other staff, reads them.';

-- Append-only even for the table owner: UPDATE, DELETE and TRUNCATE are refused.
create function private.reject_audit_log_change()
returns trigger
language plpgsql
set search_path = ''
as $$
/**
 * Trigger function on public.audit_log: refuses every UPDATE, DELETE and TRUNCATE, so the audit
 * trail stays append-only even for roles that hold table privileges (the owner, postgres).
 *
 * Returns: never returns; always raises PT403.
 * Example: delete from public.audit_log where id = 1;  -- ERROR: the audit log is append-only
 */
begin
  raise exception using
    errcode = 'PT403',
    message = 'the audit log is append-only',
    detail = pg_catalog.format('%s on public.audit_log was refused.', tg_op),
    hint = 'Audit entries cannot be changed or deleted; a retention job needs its own migration that drops this trigger deliberately.';
end
$$;
comment on function private.reject_audit_log_change() is
  'Trigger function: refuses UPDATE, DELETE and TRUNCATE on public.audit_log (PT403), keeping the audit trail append-only even for its owner.';
revoke execute on function private.reject_audit_log_change() from public, anon, authenticated, service_role;

create trigger audit_log_reject_update_or_delete
  before update or delete on public.audit_log
  for each row execute function private.reject_audit_log_change();
comment on trigger audit_log_reject_update_or_delete on public.audit_log is
  'Keeps the audit trail append-only: no row is ever updated or deleted.';

create trigger audit_log_reject_truncate
  before truncate on public.audit_log
  for each statement execute function private.reject_audit_log_change();
comment on trigger audit_log_reject_truncate on public.audit_log is
  'Keeps the audit trail append-only: the table is never truncated.';
