-- Self-registration needs a verified contact (docs/auth.md#self-registration). A signed-in user
-- creating their own patient record (user_id = auth.uid()) must have verified a phone or an
-- e-mail address with Supabase Auth (a one-time code), and the record may only carry those
-- verified contacts: the clinic's reminders and codes then go to someone who proved they receive
-- them, never to a number a stranger typed in. Contacts left out are filled in from the account.
-- A patient changing the phone or e-mail of their own record is held to the same rule; staff are
-- not (the front desk records what the patient tells them). Every self-registration is counted
-- against the 'registration' rate limits (per account and per client IP, across all clinics).
--
-- The account-link rule of guard_patient_row is narrowed to what it guards: a signed-in user never
-- changes user_id through the Data API (current_user anon or authenticated). The security-definer
-- linking functions (private.claim_patient_record, private.link_patient_account) run as their
-- owner and may link.

create function private.verified_contacts_of_caller()
returns table (phone text, email text)
language plpgsql
stable
security definer
set search_path = ''
as $$
/**
 * The signed-in caller's contacts that Supabase Auth has verified: phone in E.164 with '+' (null
 * unless phone_confirmed_at is set), e-mail lower-cased (null unless email_confirmed_at is set).
 * Raises PT403 verification_required when there is neither (also for anonymous sign-ins and
 * without a signed-in user): what may only be done with a verified contact asks this.
 * security definer: API roles cannot read auth.users; only the caller's own row is read.
 *
 * Example: select * from private.verified_contacts_of_caller();
 */
begin
  return query
  select v.phone, v.email
  from (
    select case when u.phone_confirmed_at is not null and coalesce(u.phone, '') <> ''
                then '+' || pg_catalog.ltrim(pg_catalog.replace(u.phone, ' ', ''), '+') end as phone,
           case when u.email_confirmed_at is not null and coalesce(u.email, '') <> ''
                then pg_catalog.lower(pg_catalog.btrim(u.email)) end as email
    from auth.users as u
    where u.id = (select auth.uid()) and not u.is_anonymous
  ) as v
  where v.phone is not null or v.email is not null;
  if not found then
    raise exception using errcode = 'PT403', message = 'verify your phone number or e-mail address first',
      detail = 'verification_required',
      hint = 'Sign in with a one-time code sent to your phone or e-mail first.';
  end if;
end
$$;
comment on function private.verified_contacts_of_caller() is
  'The signed-in caller''s phone (+E.164) and e-mail as far as Supabase Auth verified them (null otherwise); PT403 verification_required when neither is.';
revoke execute on function private.verified_contacts_of_caller() from public, anon, authenticated, service_role;

create function private.check_own_contacts(p_tenant_id uuid, p_phone text, p_email text, p_registering boolean)
returns table (phone text, email text)
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * The contact rule of a patient's own record (the patients guard trigger calls it as the
 * signed-in patient):
 *   * the account must have a verified phone or e-mail: PT403 verification_required;
 *   * a phone or e-mail given must be the account's verified one: PT422 unverified_contact;
 *   * registering (p_registering), contacts left out are the account's verified ones, and the
 *     registration is counted against the 'registration' rate limits (HTTP 429 rate_limited).
 * security definer: reads the caller's auth.users row and writes the rate-limit counters.
 *
 * Parameters: the tenant; the record's phone and e-mail as sent; whether this is the
 *             self-registration (else: the patient changed a contact of their record).
 * Returns:    the phone and e-mail to store.
 */
declare
  v_verified record;
begin
  select c.phone, c.email into v_verified from private.verified_contacts_of_caller() as c;
  if (p_phone is not null and p_phone is distinct from v_verified.phone)
     or (p_email is not null and pg_catalog.lower(pg_catalog.btrim(p_email)) is distinct from v_verified.email) then
    raise exception using errcode = 'PT422', message = 'use the phone number and e-mail address you verified',
      detail = 'unverified_contact',
      hint = 'Leave phone and email out to use the ones you signed in with; the clinic''s front desk can add others.';
  end if;
  if p_registering then
    perform private.take_request_rate_limit('registration', p_tenant_id);
    return query select coalesce(p_phone, v_verified.phone), coalesce(p_email, v_verified.email);
    return;
  end if;
  return query select p_phone, p_email;
end
$$;
comment on function private.check_own_contacts(uuid, text, text, boolean) is
  'A patient''s own record carries only contacts Supabase Auth verified for them (PT403 verification_required, PT422 unverified_contact); a self-registration fills them in and is counted against the registration rate limits (429).';
revoke execute on function private.check_own_contacts(uuid, text, text, boolean) from public, anon, authenticated, service_role;
grant execute on function private.check_own_contacts(uuid, text, text, boolean) to authenticated;

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
  if tg_op = 'UPDATE' and v_uid is not null and current_user in ('anon', 'authenticated') then
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
$$;
comment on function private.guard_patient_row() is
  'Trigger function on patients: refuses a date of birth in the future (PT422) and a second self-registration in a tenant (PT409 already_registered); self-registrations and a patient''s own contact changes carry only verified contacts (PT403 verification_required, PT422 unverified_contact) and registrations are rate limited (429); created_by is the requesting user; through the Data API signed-in users never change user_id (PT403).';
