-- Upserts through the Data API. PostgREST turns `upsert()` into
-- `insert ... on conflict (<key>) do update set <every column sent> = excluded.<column>`, so the
-- UPDATE grant must cover every column the INSERT grant covers, keys included; otherwise an
-- upsert of a row the caller may insert and update fails with 42501. Wherever authenticated may
-- insert and update, the UPDATE grant now covers the inserted columns, and a trigger refuses to
-- CHANGE the ones that identify a row or are fixed once written (PT422, with a hint): sending
-- them unchanged, as an upsert does, is fine.
--
-- Columns that must not change, per table (beyond its primary key):
--   resources       centre_id (the room's bookings are at that centre)
--   invitations     email, phone, role, centre_id, expires_at (what was sent; the only change is
--                   revoking, guarded by private.guard_invitation_change)
--   medical_notes   patient_id, author_member_id (a clinical record stays with its patient and author)
--   members         user_id (private.guard_member_update, PT422)
--   patients        user_id: signed-in users never change it (private.guard_patient_row, PT403);
--                   only the sign-in linking trigger sets it.

create function private.refuse_key_change()
returns trigger
language plpgsql
set search_path = ''
as $$
/**
 * BEFORE UPDATE OF <columns> row trigger: refuses (PT422) changing any column named in the
 * trigger arguments. Setting a column to the value it already has passes, so an upsert that
 * sends the whole row works. Applies to every caller, service_role and SQL sessions included:
 * these columns identify the row (foreign keys, history and audit entries point at them).
 *
 * Trigger arguments: the column names.
 * Returns: the new row.
 * Example: create trigger refuse_key_change before update of tenant_id, id on public.centres
 *            for each row execute function private.refuse_key_change('tenant_id', 'id');
 */
declare
  v_old jsonb := pg_catalog.to_jsonb(old);
  v_new jsonb := pg_catalog.to_jsonb(new);
  v_column text;
begin
  foreach v_column in array tg_argv loop
    if (v_old -> v_column) is distinct from (v_new -> v_column) then
      raise exception using
        errcode = 'PT422',
        message = pg_catalog.format('%s.%s cannot be changed', tg_table_name, v_column),
        detail = pg_catalog.format('%s identifies the %s row or is fixed once written.', v_column, tg_table_name),
        hint = 'Send the current value (an upsert may send it unchanged), or delete the row and insert a new one.';
    end if;
  end loop;
  return new;
end
$$;
comment on function private.refuse_key_change() is
  'Trigger function: refuses (PT422) changing the columns named in the trigger arguments (keys and write-once columns); unchanged values pass, so upserts work.';
revoke execute on function private.refuse_key_change() from public, anon, authenticated, service_role;

create trigger refuse_key_change before update of tenant_id, id on public.availability_overrides
  for each row execute function private.refuse_key_change('tenant_id', 'id');
comment on trigger refuse_key_change on public.availability_overrides is 'Keys never change (PT422); upserts may send them unchanged.';
create trigger refuse_key_change before update of tenant_id, id on public.availability_rules
  for each row execute function private.refuse_key_change('tenant_id', 'id');
comment on trigger refuse_key_change on public.availability_rules is 'Keys never change (PT422); upserts may send them unchanged.';
create trigger refuse_key_change before update of tenant_id, id on public.centres
  for each row execute function private.refuse_key_change('tenant_id', 'id');
comment on trigger refuse_key_change on public.centres is 'Keys never change (PT422); upserts may send them unchanged.';
create trigger refuse_key_change before update of tenant_id, clinician_id, service_id on public.clinician_services
  for each row execute function private.refuse_key_change('tenant_id', 'clinician_id', 'service_id');
comment on trigger refuse_key_change on public.clinician_services is 'Keys never change (PT422); upserts may send them unchanged.';
create trigger refuse_key_change before update of tenant_id, id on public.clinicians
  for each row execute function private.refuse_key_change('tenant_id', 'id');
comment on trigger refuse_key_change on public.clinicians is 'Keys never change (PT422); upserts may send them unchanged.';
create trigger refuse_key_change before update of tenant_id, id on public.holidays
  for each row execute function private.refuse_key_change('tenant_id', 'id');
comment on trigger refuse_key_change on public.holidays is 'Keys never change (PT422); upserts may send them unchanged.';
create trigger refuse_key_change before update of tenant_id, id, email, phone, role, centre_id, expires_at on public.invitations
  for each row execute function private.refuse_key_change('tenant_id', 'id', 'email', 'phone', 'role', 'centre_id', 'expires_at');
comment on trigger refuse_key_change on public.invitations is 'Keys and what was sent (contact, role, centre, expiry) never change (PT422).';
create trigger refuse_key_change before update of tenant_id, id, patient_id, author_member_id on public.medical_notes
  for each row execute function private.refuse_key_change('tenant_id', 'id', 'patient_id', 'author_member_id');
comment on trigger refuse_key_change on public.medical_notes is 'Keys, patient and author of a note never change (PT422).';
create trigger refuse_key_change before update of tenant_id, id on public.members
  for each row execute function private.refuse_key_change('tenant_id', 'id');
comment on trigger refuse_key_change on public.members is 'Keys never change (PT422); upserts may send them unchanged.';
create trigger refuse_key_change before update of tenant_id, kind, channel, language on public.notification_templates
  for each row execute function private.refuse_key_change('tenant_id', 'kind', 'channel', 'language');
comment on trigger refuse_key_change on public.notification_templates is 'Keys never change (PT422); upserts may send them unchanged.';
create trigger refuse_key_change before update of tenant_id, id on public.patients
  for each row execute function private.refuse_key_change('tenant_id', 'id');
comment on trigger refuse_key_change on public.patients is 'Keys never change (PT422); upserts may send them unchanged.';
create trigger refuse_key_change before update of tenant_id, id, centre_id on public.resources
  for each row execute function private.refuse_key_change('tenant_id', 'id', 'centre_id');
comment on trigger refuse_key_change on public.resources is 'Keys and the centre of a resource never change (PT422).';
create trigger refuse_key_change before update of tenant_id, id on public.services
  for each row execute function private.refuse_key_change('tenant_id', 'id');
comment on trigger refuse_key_change on public.services is 'Keys never change (PT422); upserts may send them unchanged.';
create trigger refuse_key_change before update of tenant_id, id on public.time_off
  for each row execute function private.refuse_key_change('tenant_id', 'id');
comment on trigger refuse_key_change on public.time_off is 'Keys never change (PT422); upserts may send them unchanged.';

create or replace function private.guard_patient_row()
returns trigger
language plpgsql
set search_path = ''
as $$
/**
 * BEFORE INSERT OR UPDATE row trigger on public.patients:
 *   * date_of_birth must not be in the future (PT422; a CHECK cannot use the current date);
 *   * on insert by a signed-in user, created_by is that user;
 *   * a signed-in user never changes user_id (PT403): records are linked to accounts only by
 *     self-registration and the sign-in linking trigger. An upsert may send it unchanged.
 *
 * Returns: the new row.
 */
declare
  v_uid uuid := (select auth.uid());
begin
  if new.date_of_birth > current_date then
    raise exception using
      errcode = 'PT422',
      message = 'date of birth is in the future',
      hint = 'Check the date (format YYYY-MM-DD).';
  end if;
  if tg_op = 'INSERT' and v_uid is not null then
    new.created_by := v_uid;
  end if;
  if tg_op = 'UPDATE' and v_uid is not null and new.user_id is distinct from old.user_id then
    raise exception using
      errcode = 'PT403',
      message = 'the account of a patient record cannot be changed',
      detail = 'A record is linked to an account when its owner signs in with a verified matching phone or e-mail.',
      hint = 'Send the current user_id (or leave it out); ask the patient to sign in to link their record.';
  end if;
  return new;
end
$$;
comment on function private.guard_patient_row() is
  'Trigger function on patients: refuses a date of birth in the future (PT422); created_by is the requesting user; signed-in users never change user_id (PT403).';

-- The UPDATE grants now cover every column the INSERT grants cover.
grant update (tenant_id, id) on table public.availability_overrides to authenticated;
grant update (tenant_id, id) on table public.availability_rules to authenticated;
grant update (tenant_id, id) on table public.centres to authenticated;
grant update (tenant_id, clinician_id, service_id) on table public.clinician_services to authenticated;
grant update (tenant_id, id) on table public.clinicians to authenticated;
grant update (tenant_id, id) on table public.holidays to authenticated;
grant update (tenant_id, id, email, phone, role, centre_id, expires_at) on table public.invitations to authenticated;
grant update (tenant_id, id, patient_id, author_member_id) on table public.medical_notes to authenticated;
grant update (tenant_id, id, user_id) on table public.members to authenticated;
grant update (tenant_id, kind, channel, language) on table public.notification_templates to authenticated;
grant update (tenant_id, id, user_id) on table public.patients to authenticated;
grant update (tenant_id, id, centre_id) on table public.resources to authenticated;
grant update (tenant_id, id) on table public.services to authenticated;
grant update (tenant_id, id) on table public.time_off to authenticated;
