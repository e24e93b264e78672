-- One patients row guard with both of its rules: a second self-registration in a tenant is
-- PT409 already_registered, and a signed-in user never changes the account a record is linked to.

create or replace function private.guard_patient_row()
returns trigger
language plpgsql
set search_path = ''
as $$
/**
 * BEFORE INSERT OR UPDATE row trigger on public.patients:
 *   * date_of_birth must not be in the future (PT422; a CHECK cannot use the current date);
 *   * on insert by a signed-in user, created_by is that user;
 *   * a user registers themself once per tenant: a second self-registration is PT409
 *     already_registered (checked under a lock on the tenant and user, so two registrations
 *     at once get it too, not the unique violation 23505). Inserts for other users are left to
 *     row-level security;
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
  if tg_op = 'INSERT' and new.user_id = v_uid then
    perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(
      'slotbase.patients.user:' || new.tenant_id::text || ':' || new.user_id::text, 0));
    if exists (select 1 from public.patients as p where p.tenant_id = new.tenant_id and p.user_id = new.user_id) then
      raise exception using
        errcode = 'PT409',
        message = 'you are already registered with this clinic',
        detail = 'already_registered',
        hint = 'Use the patient record you have with this clinic instead of registering again.';
    end if;
  end if;
  if tg_op = 'UPDATE' and v_uid is not null and new.user_id is distinct from old.user_id then
    raise exception using
      errcode = 'PT403',
      message = 'the account of a patient record cannot be changed',
      hint = 'Send the current user_id (or leave it out). A record is linked to an account when its owner signs in with a verified matching phone or e-mail.';
  end if;
  return new;
end
$$;
comment on function private.guard_patient_row() is
  'Trigger function on patients: refuses a date of birth in the future (PT422) and a second self-registration in a tenant (PT409 already_registered); created_by is the requesting user; signed-in users never change user_id (PT403).';
