-- Auditing of every sensitive table: tenants, centres, members, member_roles, invitations,
-- clinicians, clinician_centres, patients, medical_notes. An AFTER row trigger on each writes one
-- public.audit_log entry per inserted, updated or deleted row (no entry for an update that
-- changes nothing), with the actor (auth.uid()), the request role, the tenant, the primary key
-- and the row before/after.
--
-- The trigger function is `security definer` because the roles making the changes (anon,
-- authenticated, service_role, supabase_auth_admin) have, on purpose, no INSERT on audit_log.
-- Trigger functions are not called through the Data API, so nobody gets EXECUTE.

create function private.record_audit_event()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
/**
 * AFTER INSERT OR UPDATE OR DELETE row trigger: appends one entry to public.audit_log.
 *
 * Trigger arguments:
 *   TG_ARGV[0]     the column holding the tenant id ('id' on public.tenants, else 'tenant_id');
 *   TG_ARGV[1..]   columns whose values are replaced by "[redacted]" in old_row/new_row (e.g. the
 *                  body of a medical note, which owners and admins must not read through the log).
 * The primary key is read from the catalog, so the entry follows the table's real key.
 * Actor: auth.uid() of the request (null outside the Data API). Role: the request's PostgreSQL
 * role (the `role` setting PostgREST sets; unchanged inside security definer functions), or the
 * session user when no role was set (postgres for migrations, supabase_auth_admin for Auth).
 *
 * Returns: null (AFTER trigger).
 * Example: create trigger audit_changes after insert or update or delete on public.patients
 *            for each row execute function private.record_audit_event('tenant_id');
 */
declare
  v_old jsonb := case when tg_op in ('UPDATE', 'DELETE') then pg_catalog.to_jsonb(old) end;
  v_new jsonb := case when tg_op in ('INSERT', 'UPDATE') then pg_catalog.to_jsonb(new) end;
  v_row jsonb := coalesce(v_new, v_old);
  v_tenant_column text := tg_argv[0];
  v_role text := pg_catalog.current_setting('role', true);
  v_pk jsonb;
  v_index integer;
begin
  if tg_op = 'UPDATE' and v_old = v_new then
    return null;  -- nothing changed: nothing to audit
  end if;

  for v_index in 1 .. tg_nargs - 1 loop
    if v_old ? tg_argv[v_index] then
      v_old := v_old || pg_catalog.jsonb_build_object(tg_argv[v_index], '[redacted]');
    end if;
    if v_new ? tg_argv[v_index] then
      v_new := v_new || pg_catalog.jsonb_build_object(tg_argv[v_index], '[redacted]');
    end if;
  end loop;

  select coalesce(pg_catalog.jsonb_object_agg(a.attname, v_row -> a.attname::text), '{}'::jsonb)
    into v_pk
  from pg_catalog.pg_index as i
  join pg_catalog.pg_attribute as a on a.attrelid = i.indrelid and a.attnum = any (i.indkey)
  where i.indrelid = tg_relid
    and i.indisprimary;

  insert into public.audit_log (tenant_id, actor_user_id, actor_role, table_name, row_pk, action, old_row, new_row)
  values (
    (v_row ->> v_tenant_column)::uuid,
    auth.uid(),
    case when v_role is null or v_role in ('', 'none') then session_user::text else v_role end,
    pg_catalog.format('%I.%I', tg_table_schema, tg_table_name),
    v_pk,
    pg_catalog.lower(tg_op),
    v_old,
    v_new
  );
  return null;
end
$$;
comment on function private.record_audit_event() is
  'Trigger function (security definer: the changing roles cannot insert into audit_log): appends an audit_log entry for the changed row with actor, request role, tenant (column named by the first trigger argument), primary key, action and row before/after; further arguments name columns to redact. Skips updates that change nothing.';
revoke execute on function private.record_audit_event() from public, anon, authenticated, service_role;

-- One trigger per audited table. Named audit_changes everywhere; AFTER, so constraint failures
-- and BEFORE-trigger rejections never leave an entry.
create trigger audit_changes after insert or update or delete on public.tenants
  for each row execute function private.record_audit_event('id');
comment on trigger audit_changes on public.tenants is 'Records every change to a tenant in public.audit_log.';

create trigger audit_changes after insert or update or delete on public.centres
  for each row execute function private.record_audit_event('tenant_id');
comment on trigger audit_changes on public.centres is 'Records every change to a centre in public.audit_log.';

create trigger audit_changes after insert or update or delete on public.members
  for each row execute function private.record_audit_event('tenant_id');
comment on trigger audit_changes on public.members is 'Records every change to a staff membership (incl. activation/deactivation) in public.audit_log.';

create trigger audit_changes after insert or update or delete on public.member_roles
  for each row execute function private.record_audit_event('tenant_id');
comment on trigger audit_changes on public.member_roles is 'Records every role granted or removed in public.audit_log.';

create trigger audit_changes after insert or update or delete on public.invitations
  for each row execute function private.record_audit_event('tenant_id');
comment on trigger audit_changes on public.invitations is 'Records invitations sent, revoked and accepted in public.audit_log.';

create trigger audit_changes after insert or update or delete on public.clinicians
  for each row execute function private.record_audit_event('tenant_id');
comment on trigger audit_changes on public.clinicians is 'Records every change to a clinician profile in public.audit_log.';

create trigger audit_changes after insert or update or delete on public.clinician_centres
  for each row execute function private.record_audit_event('tenant_id');
comment on trigger audit_changes on public.clinician_centres is 'Records clinicians being assigned to or removed from centres in public.audit_log.';

create trigger audit_changes after insert or update or delete on public.patients
  for each row execute function private.record_audit_event('tenant_id');
comment on trigger audit_changes on public.patients is 'Records every change to a patient record (incl. linking to an Auth user) in public.audit_log.';

create trigger audit_changes after insert or update or delete on public.medical_notes
  for each row execute function private.record_audit_event('tenant_id', 'body');
comment on trigger audit_changes on public.medical_notes is 'Records every change to a medical note in public.audit_log, with the note body redacted (owners and admins read the log but not clinical notes).';
