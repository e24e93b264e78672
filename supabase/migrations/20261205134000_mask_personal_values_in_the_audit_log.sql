-- The audit log shows owners and admins who did what, to which row and when - but the personal and
-- clinical values in its before/after images only to a reader who could read the row itself.
--
--   public.audit_log          as before; in old_row/new_row the personal and clinical columns of
--                             the audited row read "[redacted]" (the keys stay, so a reader sees
--                             WHICH fields changed). Owners and admins of the tenant read it.
--   public.audit_log_values   the real values of those columns, one row per entry that has any.
--                             Readable by owners and admins of the tenant only for rows they can
--                             read themselves right now (private.caller_can_read_row runs their
--                             own SELECT on the audited table, so that table's policies decide:
--                             an owner reads a patient's old phone number, not a note's body
--                             unless the patient is in their care as a clinician; nobody reads the
--                             values of a row that no longer exists). service_role reads all.
--   Client:  supabase.from('audit_log').select('*, audit_log_values(old_values, new_values)')
--
-- The masked columns are the trigger arguments of each table's audit_changes trigger, after the
-- tenant column: one list per table, in the catalogue.
--   patients               full_name, phone, email, date_of_birth, gender, blood_group,
--                          emergency_contact, consents
--   medical_notes          body
--   break_glass_accesses   reason
--   members                display_name
--   invitations            email, phone
--   appointments           cancellation_reason, override_reason, meeting_url
--   payments               checkout_url, receipt_url
--   refunds                note
-- Entries written before this migration are masked the same way, their values moved to
-- public.audit_log_values (medical note bodies were never stored: they stay "[redacted]").

create table public.audit_log_values (
  audit_id bigint not null,
  tenant_id uuid null,
  table_name text not null,
  row_pk jsonb not null,
  old_values jsonb null,
  new_values jsonb null,
  constraint audit_log_values_pkey primary key (audit_id),
  constraint audit_log_values_audit_id_fkey foreign key (audit_id) references public.audit_log (id) on delete restrict,
  constraint audit_log_values_some_values check (old_values is not null or new_values is not null)
);
alter table public.audit_log_values enable row level security;

comment on table public.audit_log_values is
  'The personal and clinical values an audit_log entry shows as "[redacted]": readable by owners and admins of the tenant only while they can read the audited row itself (service_role: always). Append-only, written by private.record_audit_event(). Embed it: audit_log?select=*,audit_log_values(old_values,new_values).';
comment on column public.audit_log_values.audit_id is 'The audit_log entry.';
comment on column public.audit_log_values.tenant_id is 'Tenant of the audited row (as in audit_log).';
comment on column public.audit_log_values.table_name is 'Audited table, schema-qualified (as in audit_log).';
comment on column public.audit_log_values.row_pk is 'Primary key of the audited row (as in audit_log): the row whose readability decides.';
comment on column public.audit_log_values.old_values is 'The redacted columns of old_row with their values (update, delete).';
comment on column public.audit_log_values.new_values is 'The redacted columns of new_row with their values (insert, update).';
comment on constraint audit_log_values_audit_id_fkey on public.audit_log_values is 'The values belong to one audit_log entry.';
comment on constraint audit_log_values_some_values on public.audit_log_values is 'An entry without redacted values has no row here.';

create index audit_log_values_tenant_id_idx on public.audit_log_values (tenant_id, audit_id);
comment on index public.audit_log_values_tenant_id_idx is 'Serves the owner/admin select policy (tenant_id).';

create trigger audit_log_values_reject_update_or_delete
  before update or delete on public.audit_log_values
  for each row execute function private.reject_audit_log_change();
comment on trigger audit_log_values_reject_update_or_delete on public.audit_log_values is
  'Keeps the audit trail append-only: no row is ever updated or deleted.';
create trigger audit_log_values_reject_truncate
  before truncate on public.audit_log_values
  for each statement execute function private.reject_audit_log_change();
comment on trigger audit_log_values_reject_truncate on public.audit_log_values is
  'Keeps the audit trail append-only: the table is never truncated.';

revoke all on table public.audit_log_values from public, anon, authenticated, service_role;
grant select on table public.audit_log_values to authenticated, service_role;

create function private.caller_can_read_row(p_table_name text, p_row_pk jsonb)
returns boolean
language plpgsql
stable
set search_path = ''
as $$
/**
 * Whether the CALLER can read the row `p_row_pk` of `p_table_name` right now: runs the caller's
 * own SELECT on that table (security invoker), so the table's grants and policies decide - the
 * same answer the caller would get from the Data API. False for a row that no longer exists, a
 * table the caller may not select, a table outside public, the audit tables themselves and
 * malformed input; never an error.
 *
 * Parameters: p_table_name  schema-qualified, as audit_log.table_name, e.g. 'public.patients'
 *             p_row_pk      as audit_log.row_pk, e.g. {"tenant_id": "...", "id": "..."}
 * Returns:    true / false.
 * Example:    select private.caller_can_read_row('public.patients', '{"tenant_id": "...", "id": "..."}');
 */
declare
  v_table regclass;
  v_predicate text;
  v_found boolean;
begin
  if p_table_name is null or p_row_pk is null or pg_catalog.jsonb_typeof(p_row_pk) <> 'object'
     or p_table_name !~ '^public\.[a-z_][a-z0-9_]*$'
     or p_table_name in ('public.audit_log', 'public.audit_log_values') then
    return false;
  end if;
  v_table := pg_catalog.to_regclass(p_table_name);
  if v_table is null or not pg_catalog.has_table_privilege(v_table, 'SELECT') then
    return false;
  end if;
  select pg_catalog.string_agg(pg_catalog.format('t.%1$I is not distinct from k.%1$I', a.attname), ' and ')
    into v_predicate
  from pg_catalog.jsonb_object_keys(p_row_pk) as key
  join pg_catalog.pg_attribute as a on a.attrelid = v_table and a.attname = key and a.attnum > 0 and not a.attisdropped;
  if v_predicate is null then
    return false;
  end if;
  execute pg_catalog.format(
    'select exists (select 1 from %1$s as t, pg_catalog.jsonb_populate_record(null::%1$s, $1) as k where %2$s)',
    v_table, v_predicate)
    into v_found
    using p_row_pk;
  return v_found;
exception
  when invalid_text_representation or datetime_field_overflow or invalid_datetime_format or numeric_value_out_of_range then
    return false;
end
$$;
comment on function private.caller_can_read_row(text, jsonb) is
  'Security invoker: may the caller read this row of this public table right now (its grants and policies decide, as through the Data API)? False for missing rows, unreadable tables and the audit tables. Used by the audit_log_values policy.';
revoke execute on function private.caller_can_read_row(text, jsonb) from public, anon, authenticated, service_role;
grant execute on function private.caller_can_read_row(text, jsonb) to authenticated, service_role;

create policy audit_log_values_select_authenticated on public.audit_log_values
  for select
  to authenticated
  using (
    tenant_id in (select private.tenant_ids_with_role(private.tenant_admin_roles()))
    and private.caller_can_read_row(table_name, row_pk)
  );
comment on policy audit_log_values_select_authenticated on public.audit_log_values is
  'Owners and admins read the personal and clinical values of their tenant''s audit entries only for rows they can read themselves right now (the audited table''s own policies decide).';

-- ---------------------------------------------------------------------------------------------
-- The trigger function: redacted images in audit_log, the values in audit_log_values
-- ---------------------------------------------------------------------------------------------
create or replace function private.record_audit_event()
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
 *   TG_ARGV[1..]   the personal and clinical columns: they read "[redacted]" in
 *                  old_row/new_row, and their values go to public.audit_log_values, which a
 *                  reader sees only while they can read the row itself.
 * The primary key is read from the catalog, so the entry follows the table's real key.
 * Actor: auth.uid() of the request (null outside the Data API). Role: the request's PostgreSQL
 * role (the `role` setting PostgREST sets; unchanged inside security definer functions), or the
 * session user when no role was set (postgres for migrations, supabase_auth_admin for Auth).
 *
 * Returns: null (AFTER trigger).
 * Example: create trigger audit_changes after insert or update or delete on public.patients
 *            for each row execute function private.record_audit_event('tenant_id', 'full_name', 'phone');
 */
declare
  v_old jsonb := case when tg_op in ('UPDATE', 'DELETE') then pg_catalog.to_jsonb(old) end;
  v_new jsonb := case when tg_op in ('INSERT', 'UPDATE') then pg_catalog.to_jsonb(new) end;
  v_row jsonb := coalesce(v_new, v_old);
  v_tenant_column text := tg_argv[0];
  v_role text := pg_catalog.current_setting('role', true);
  v_old_values jsonb := '{}';
  v_new_values jsonb := '{}';
  v_pk jsonb;
  v_index integer;
  v_audit_id bigint;
begin
  if tg_op = 'UPDATE' and v_old = v_new then
    return null;  -- nothing changed: nothing to audit
  end if;

  for v_index in 1 .. tg_nargs - 1 loop
    if v_old ? tg_argv[v_index] then
      v_old_values := v_old_values || pg_catalog.jsonb_build_object(tg_argv[v_index], v_old -> tg_argv[v_index]);
      v_old := v_old || pg_catalog.jsonb_build_object(tg_argv[v_index], '[redacted]');
    end if;
    if v_new ? tg_argv[v_index] then
      v_new_values := v_new_values || pg_catalog.jsonb_build_object(tg_argv[v_index], v_new -> tg_argv[v_index]);
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
  )
  returning id into v_audit_id;

  if v_old_values <> '{}' or v_new_values <> '{}' then
    insert into public.audit_log_values (audit_id, tenant_id, table_name, row_pk, old_values, new_values)
    values (
      v_audit_id,
      (v_row ->> v_tenant_column)::uuid,
      pg_catalog.format('%I.%I', tg_table_schema, tg_table_name),
      v_pk,
      nullif(v_old_values, '{}'),
      nullif(v_new_values, '{}')
    );
  end if;
  return null;
end
$$;
comment on function private.record_audit_event() is
  'Trigger function (security definer: the changing roles cannot insert into the audit tables): appends an audit_log entry for the changed row with actor, request role, tenant (column named by the first trigger argument), primary key, action and row before/after; further arguments name personal and clinical columns, shown as "[redacted]" with their values in audit_log_values. Skips updates that change nothing.';

-- ---------------------------------------------------------------------------------------------
-- Each table's personal and clinical columns
-- ---------------------------------------------------------------------------------------------
drop trigger audit_changes on public.patients;
create trigger audit_changes after insert or update or delete on public.patients
  for each row execute function private.record_audit_event('tenant_id', 'full_name', 'phone', 'email', 'date_of_birth', 'gender',
                                                           'blood_group', 'emergency_contact', 'consents');
comment on trigger audit_changes on public.patients is
  'Records every change to a patient record (incl. linking to an Auth user) in public.audit_log; personal details are redacted there (values in audit_log_values).';

drop trigger audit_changes on public.medical_notes;
create trigger audit_changes after insert or update or delete on public.medical_notes
  for each row execute function private.record_audit_event('tenant_id', 'body');
comment on trigger audit_changes on public.medical_notes is
  'Records every change to a medical note in public.audit_log; the body is redacted there (value in audit_log_values, for readers who may read the note).';

drop trigger audit_changes on public.break_glass_accesses;
create trigger audit_changes after insert or update or delete on public.break_glass_accesses
  for each row execute function private.record_audit_event('tenant_id', 'reason');
comment on trigger audit_changes on public.break_glass_accesses is
  'Records every break-glass access (who, which patient, until when) in public.audit_log; the reason is redacted there (value in audit_log_values).';

drop trigger audit_changes on public.members;
create trigger audit_changes after insert or update or delete on public.members
  for each row execute function private.record_audit_event('tenant_id', 'display_name');
comment on trigger audit_changes on public.members is
  'Records every change to a staff membership (incl. activation/deactivation) in public.audit_log; the name is redacted there (value in audit_log_values).';

drop trigger audit_changes on public.invitations;
create trigger audit_changes after insert or update or delete on public.invitations
  for each row execute function private.record_audit_event('tenant_id', 'email', 'phone');
comment on trigger audit_changes on public.invitations is
  'Records invitations sent, revoked and accepted in public.audit_log; the invitee''s contact is redacted there (values in audit_log_values).';

drop trigger audit_changes on public.appointments;
create trigger audit_changes after insert or update or delete on public.appointments
  for each row execute function private.record_audit_event('tenant_id', 'cancellation_reason', 'override_reason', 'meeting_url');
comment on trigger audit_changes on public.appointments is
  'Records every booking, status change, reschedule and staff override in public.audit_log; free-text reasons and the meeting link are redacted there (values in audit_log_values).';

drop trigger audit_changes on public.payments;
create trigger audit_changes after insert or update or delete on public.payments
  for each row execute function private.record_audit_event('tenant_id', 'checkout_url', 'receipt_url');
comment on trigger audit_changes on public.payments is
  'Records every change of a payment (opened, attached to Stripe, succeeded, failed, refunded) in public.audit_log; the patient''s checkout and receipt links are redacted there (values in audit_log_values).';

drop trigger audit_changes on public.refunds;
create trigger audit_changes after insert or update or delete on public.refunds
  for each row execute function private.record_audit_event('tenant_id', 'note');
comment on trigger audit_changes on public.refunds is
  'Records every refund request and its progress in public.audit_log; the free-text note is redacted there (value in audit_log_values).';

-- ---------------------------------------------------------------------------------------------
-- Entries written before: move the values, redact the images. This is the one deliberate rewrite
-- of audit history (it removes personal data from it, changing nothing else), so the append-only
-- guard is lifted for this statement only.
-- ---------------------------------------------------------------------------------------------
create temporary table masked_columns (table_name text primary key, columns text[]);
insert into masked_columns values
  ('public.patients', array['full_name', 'phone', 'email', 'date_of_birth', 'gender', 'blood_group', 'emergency_contact', 'consents']),
  ('public.break_glass_accesses', array['reason']),
  ('public.members', array['display_name']),
  ('public.invitations', array['email', 'phone']),
  ('public.appointments', array['cancellation_reason', 'override_reason', 'meeting_url']),
  ('public.payments', array['checkout_url', 'receipt_url']),
  ('public.refunds', array['note']);

insert into public.audit_log_values (audit_id, tenant_id, table_name, row_pk, old_values, new_values)
select e.id, e.tenant_id, e.table_name, e.row_pk, v.old_values, v.new_values
from public.audit_log as e
join masked_columns as m on m.table_name = e.table_name
cross join lateral (
  select
    (select pg_catalog.jsonb_object_agg(c, e.old_row -> c) from pg_catalog.unnest(m.columns) as c where e.old_row ? c) as old_values,
    (select pg_catalog.jsonb_object_agg(c, e.new_row -> c) from pg_catalog.unnest(m.columns) as c where e.new_row ? c) as new_values
) as v
where v.old_values is not null or v.new_values is not null;

alter table public.audit_log disable trigger audit_log_reject_update_or_delete;
update public.audit_log as e
set old_row = case when e.old_row is not null then e.old_row || coalesce((
                select pg_catalog.jsonb_object_agg(c, '[redacted]') from pg_catalog.unnest(m.columns) as c where e.old_row ? c), '{}') end,
    new_row = case when e.new_row is not null then e.new_row || coalesce((
                select pg_catalog.jsonb_object_agg(c, '[redacted]') from pg_catalog.unnest(m.columns) as c where e.new_row ? c), '{}') end
from masked_columns as m
where m.table_name = e.table_name
  and exists (select 1 from pg_catalog.unnest(m.columns) as c where e.old_row ? c or e.new_row ? c);
alter table public.audit_log enable trigger audit_log_reject_update_or_delete;
drop table masked_columns;

comment on column public.audit_log.old_row is 'The row before the change (update, delete); null for insert. Personal and clinical columns read "[redacted]"; their values are in audit_log_values for readers who may read the row.';
comment on column public.audit_log.new_row is 'The row after the change (insert, update); null for delete. Personal and clinical columns read "[redacted]"; their values are in audit_log_values for readers who may read the row.';
