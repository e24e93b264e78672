-- Which roles are a user's (anon, authenticated: the two a user's JWT can name) is one function,
-- private.is_user_role(role). The patients guard asks it about the role the statement runs as
-- (current_user): a signed-in user's direct write through the Data API runs as authenticated,
-- while the security definer linking functions run as their owner and may link. The request
-- role (private.request_role()) would say authenticated inside those functions too, so it is not
-- the question this guard asks.

create function private.is_user_role(p_role text)
returns boolean
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * True for the roles a user's JWT can name: anon and authenticated. Every other role acts as
   * the server (service_role) or is a database session (postgres, platform roles).
   *
   * Parameters: p_role  a role name, e.g. private.request_role() or current_user
   * Example:    select private.is_user_role(current_user);
   */
  select p_role in ('anon', 'authenticated')
$$;
comment on function private.is_user_role(text) is
  'True for the roles a user''s JWT can name (anon, authenticated); false for service_role and database sessions.';
revoke execute on function private.is_user_role(text) from public, anon, authenticated, service_role;
-- the patients guard trigger runs as the role that writes patients
grant execute on function private.is_user_role(text) to authenticated, service_role;

create or replace function private.guard_patient_row()
 returns trigger
 language plpgsql
 set search_path = ''
 set timezone to 'UTC'
as $function$
/**
 * BEFORE INSERT OR UPDATE row trigger on public.patients:
 *   * date_of_birth must not be in the future (PT422; a CHECK cannot use the current date);
 *   * on insert by a signed-in user, created_by is that user;
 *   * a user registers themself once per tenant: a second self-registration is PT409
 *     already_registered (checked under a lock on the tenant and user, so two registrations
 *     at once get it too, not the unique violation 23505). Inserts for other users are left to
 *     row-level security;
 *   * a self-registration needs a verified phone or e-mail and carries only verified contacts
 *     (missing ones are filled in); a patient changing the phone or e-mail of their own record
 *     may only set verified ones (private.check_own_contacts: PT403 verification_required,
 *     PT422 unverified_contact); self-registrations are rate limited (429);
 *   * through the Data API a signed-in user never changes user_id (PT403): records are linked to
 *     accounts only by self-registration, the sign-in linking trigger and the linking functions.
 *     An upsert may send it unchanged.
 *
 * Returns: the new row.
 */
declare
  v_uid uuid := (select auth.uid());
  v_contacts record;
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
    select c.phone, c.email into v_contacts from private.check_own_contacts(new.tenant_id, new.phone, new.email, true) as c;
    new.phone := v_contacts.phone;
    new.email := v_contacts.email;
  end if;
  -- current_user, not private.request_role(): the security definer linking functions run as their
  -- owner while the request role stays authenticated, and they may link
  if tg_op = 'UPDATE' and v_uid is not null and private.is_user_role(current_user) then
    if new.user_id is distinct from old.user_id then
      raise exception using
        errcode = 'PT403',
        message = 'the account of a patient record cannot be changed',
        hint = 'Send the current user_id (or leave it out). A record is linked to an account when its owner signs in with a verified matching phone or e-mail, claims it, or the front desk links it.';
    end if;
    if old.user_id = v_uid and (new.phone is distinct from old.phone or new.email is distinct from old.email) then
      perform private.check_own_contacts(new.tenant_id,
        case when new.phone is distinct from old.phone then new.phone end,
        case when new.email is distinct from old.email then new.email end,
        false);
    end if;
  end if;
  return new;
end
$function$;
