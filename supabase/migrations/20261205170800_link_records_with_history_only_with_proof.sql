-- Linking a patient record to an account (docs/auth.md#linking-a-patient-record-to-an-account).
-- A phone number changes hands: its new owner verifying it must not inherit the previous owner's
-- record, appointments and receipts. So a verified phone or e-mail alone links only a record
-- without history; a record with history needs more proof:
--
--   private.patient_has_history(tenant, patient)
--       anything recorded for the patient - a row of any table that references the record
--       (appointments, series, waitlist entries, payments, refunds, messages, clinical notes,
--       break-glass accesses, and whatever references patients later) - or a record created
--       more than 30 days ago (imported or long unused: its contact may be out of date);
--   private.link_verified_identities (the sign-in trigger)
--       links, as before, the single unlinked record of a tenant matching the verified phone or
--       e-mail, now only when it has no history;
--   public.claim_patient_record(tenant_id, date_of_birth)
--       the patient proves it: the one unlinked record of the clinic with their verified phone or
--       e-mail AND that date of birth is linked; rate limited (record_claim: 5 a day per account,
--       20 per IP), and every attempt counts, so dates of birth cannot be guessed;
--   public.link_patient_account(patient_id)
--       the front desk confirms it (having checked the patient's identity): links the record to
--       the one account that verified the record's phone or e-mail.
-- Each link is an update of patients.user_id, in the audit log with who did it.

create function private.patient_has_history(p_tenant_id uuid, p_patient_id uuid)
returns boolean
language plpgsql
stable
set search_path = ''
as $$
/**
 * Whether a patient record has history, so that a verified phone or e-mail alone must not link
 * it to an account: a row of any table with a foreign key to public.patients points at it, or it
 * was created more than 30 days ago. The referencing tables are read from the catalogue, so a
 * new table about patients counts without changing this function.
 *
 * Parameters: the record's key.
 * Returns:    true / false (false for a record that does not exist).
 * Example:    select private.patient_has_history(tenant_id, id) from public.patients;
 */
declare
  v_reference record;
  v_found boolean;
begin
  if exists (select 1 from public.patients as p
             where p.tenant_id = p_tenant_id and p.id = p_patient_id
               and p.created_at < pg_catalog.now() - interval '30 days') then
    return true;
  end if;
  for v_reference in
    select c.conrelid::regclass::text as table_name,
           pg_catalog.max(case when fa.attname = 'tenant_id' then la.attname end) as tenant_column,
           pg_catalog.max(case when fa.attname = 'id' then la.attname end) as patient_column
    from pg_catalog.pg_constraint as c
    cross join lateral rows from (pg_catalog.unnest(c.conkey), pg_catalog.unnest(c.confkey)) as k (local_number, foreign_number)
    join pg_catalog.pg_attribute as la on la.attrelid = c.conrelid and la.attnum = k.local_number
    join pg_catalog.pg_attribute as fa on fa.attrelid = c.confrelid and fa.attnum = k.foreign_number
    where c.contype = 'f' and c.confrelid = 'public.patients'::regclass
    group by c.oid, c.conrelid
    order by 1
  loop
    continue when v_reference.tenant_column is null or v_reference.patient_column is null;
    execute pg_catalog.format('select exists (select 1 from %s where %I = $1 and %I = $2)',
                              v_reference.table_name, v_reference.tenant_column, v_reference.patient_column)
      into v_found using p_tenant_id, p_patient_id;
    if v_found then
      return true;
    end if;
  end loop;
  return false;
end
$$;
comment on function private.patient_has_history(uuid, uuid) is
  'Whether a patient record has history (a row of any table referencing it, or created more than 30 days ago): then a verified phone or e-mail alone does not link it to an account.';
revoke execute on function private.patient_has_history(uuid, uuid) from public, anon, authenticated, service_role;

create or replace function private.link_verified_identities()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
/**
 * AFTER INSERT OR UPDATE OF email, phone, email_confirmed_at, phone_confirmed_at row trigger on
 * auth.users: links the user's VERIFIED phone/e-mail to matching unlinked patient records and
 * accepts matching pending invitations.
 *   1. Patients, per tenant: exactly one unlinked record matches the verified phone or e-mail,
 *      it has no history (private.patient_has_history) and the user has no record there yet.
 *      Records with history are linked only by private.claim_patient_record (the patient's date
 *      of birth) or private.link_patient_account (the front desk).
 *   2. Invitations: pending ones sent to a verified identity, oldest first: the membership is
 *      created or reactivated, the role added, the invitation marked accepted.
 * Idempotent: running it again for the same user changes nothing.
 *
 * Returns: null (AFTER trigger).
 * Example: (GoTrue, on OTP verification)
 *   update auth.users set phone_confirmed_at = now() where id = '...';  -- links and accepts
 */
declare
  v_phone text := case
    when new.phone_confirmed_at is not null and coalesce(new.phone, '') <> ''
      then '+' || pg_catalog.ltrim(pg_catalog.replace(new.phone, ' ', ''), '+')
  end;
  v_email text := case
    when new.email_confirmed_at is not null and coalesce(new.email, '') <> ''
      then pg_catalog.lower(pg_catalog.btrim(new.email))
  end;
  v_candidate record;
  v_invitation record;
  v_member_id uuid;
begin
  if v_phone is null and v_email is null then
    return null;  -- nothing verified yet
  end if;

  -- 1. Patients: per tenant, exactly one unlinked match without history, and no record of this
  --    user there yet.
  for v_candidate in
    select p.tenant_id, (pg_catalog.array_agg(p.id))[1] as patient_id
    from public.patients as p
    where p.user_id is null
      and ((v_phone is not null and p.phone::text = v_phone)
        or (v_email is not null and p.email::text = v_email))
    group by p.tenant_id
    having pg_catalog.count(*) = 1
  loop
    continue when exists (
      select 1 from public.patients as own
      where own.tenant_id = v_candidate.tenant_id and own.user_id = new.id);
    continue when private.patient_has_history(v_candidate.tenant_id, v_candidate.patient_id);
    begin
      update public.patients as p
         set user_id = new.id
       where p.tenant_id = v_candidate.tenant_id
         and p.id = v_candidate.patient_id
         and p.user_id is null;
    exception when unique_violation then
      -- a concurrent sign-in of the same user linked another record of this tenant first
      raise warning 'slotbase: patient % of tenant % not linked to user %: %',
        v_candidate.patient_id, v_candidate.tenant_id, new.id, sqlerrm;
    end;
  end loop;

  -- 2. Invitations: pending ones sent to a verified identity, oldest first.
  for v_invitation in
    select i.tenant_id, i.id, i.role, i.centre_id, i.invited_by
    from public.invitations as i
    where i.accepted_at is null
      and i.revoked_at is null
      and i.expires_at > pg_catalog.now()
      -- an invitation to one's own new phone/e-mail would be a self-grant (owners may not grant
      -- themselves roles), so it is never accepted by the user who sent it
      and i.invited_by is distinct from new.id
      and ((v_phone is not null and i.phone::text = v_phone)
        or (v_email is not null and i.email::text = v_email))
    order by i.created_at, i.id
    for update
  loop
    v_member_id := null;
    insert into public.members (tenant_id, user_id, display_name)
    values (v_invitation.tenant_id, new.id, coalesce(v_email, v_phone))
    on conflict (tenant_id, user_id) do nothing
    returning id into v_member_id;
    if v_member_id is null then
      -- already a member: an invitation brings a deactivated member back
      update public.members as m
         set is_active = true,
             deactivated_at = null
       where m.tenant_id = v_invitation.tenant_id
         and m.user_id = new.id
         and not m.is_active;
      select m.id into v_member_id
      from public.members as m
      where m.tenant_id = v_invitation.tenant_id and m.user_id = new.id;
    end if;

    insert into public.member_roles (tenant_id, member_id, role, centre_id, granted_by)
    values (v_invitation.tenant_id, v_member_id, v_invitation.role, v_invitation.centre_id, v_invitation.invited_by)
    on conflict do nothing;

    update public.invitations as i
       set accepted_at = pg_catalog.now(),
           accepted_user_id = new.id
     where i.tenant_id = v_invitation.tenant_id
       and i.id = v_invitation.id;
  end loop;

  return null;
end
$$;
comment on function private.link_verified_identities() is
  'Trigger function on auth.users (security definer: runs in GoTrue''s transaction as supabase_auth_admin, which has no rights on Slotbase tables): for a VERIFIED phone/e-mail, links the single unlinked matching patient record per tenant when it has no history (never overwrites a link, leaves ambiguous matches and records with history to claim_patient_record / link_patient_account) and accepts pending invitations (creates/reactivates the member, adds the role, marks accepted).';

create function private.claim_patient_record(p_tenant_id uuid, p_date_of_birth date)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Implementation of public.claim_patient_record: links to the caller the one unlinked patient
 * record of the tenant whose phone or e-mail the caller has verified and whose date of birth is
 * p_date_of_birth. Every attempt is counted against the 'record_claim' rate limits before the
 * lookup and a miss is an ordinary answer (null), so the count is kept: nobody can try dates of
 * birth until one fits. Several matching records (twins on one phone) are left to the front desk.
 * security definer: reads auth.users and updates patients.user_id, for the caller only.
 *
 * Returns: the linked record's id, or null when no single record matches.
 * Errors:  22023 (missing argument), PT403 (not signed in; verification_required), PT409
 *          already_registered (the caller has a record with this clinic), 429 rate_limited.
 */
declare
  v_uid uuid := (select auth.uid());
  v_verified record;
  v_ids uuid[];
begin
  if v_uid is null then
    raise exception using errcode = 'PT403', message = 'only a signed-in patient can claim a patient record',
      hint = 'Sign in with a one-time code first.';
  end if;
  if p_tenant_id is null or p_date_of_birth is null then
    raise exception using errcode = '22023', message = 'tenant_id and date_of_birth are required',
      hint = 'Pass the clinic and your date of birth (YYYY-MM-DD).';
  end if;
  select c.phone, c.email into v_verified from private.verified_contacts_of_caller() as c;
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(
    'slotbase.patients.user:' || p_tenant_id::text || ':' || v_uid::text, 0));
  if exists (select 1 from public.patients as p where p.tenant_id = p_tenant_id and p.user_id = v_uid) then
    raise exception using errcode = 'PT409', message = 'you are already registered with this clinic',
      detail = 'already_registered',
      hint = 'Use the patient record you have with this clinic; the front desk can merge two records.';
  end if;
  perform private.take_request_rate_limit('record_claim', p_tenant_id);
  select pg_catalog.array_agg(p.id) into v_ids
  from public.patients as p
  where p.tenant_id = p_tenant_id
    and p.user_id is null
    and p.date_of_birth = p_date_of_birth
    and ((v_verified.phone is not null and p.phone::text = v_verified.phone)
      or (v_verified.email is not null and p.email::text = v_verified.email));
  if pg_catalog.cardinality(v_ids) is distinct from 1 then
    return null;
  end if;
  update public.patients as p
     set user_id = v_uid
   where p.tenant_id = p_tenant_id and p.id = v_ids[1] and p.user_id is null;
  return case when found then v_ids[1] end;
end
$$;
comment on function private.claim_patient_record(uuid, date) is
  'Implementation of public.claim_patient_record (security definer): links the caller''s one unlinked record of the tenant matching a verified phone or e-mail and the date of birth; every attempt rate limited (record_claim); null when none or several match.';
revoke execute on function private.claim_patient_record(uuid, date) from public, anon, authenticated, service_role;
grant execute on function private.claim_patient_record(uuid, date) to authenticated;

create function public.claim_patient_record(tenant_id uuid, date_of_birth date)
returns setof public.patients
language plpgsql
volatile
security invoker
set search_path = ''
as $$
/**
 * "I have been to this clinic before": links the caller's existing patient record of the clinic
 * (one the front desk registered, with history) when the caller has verified its phone number or
 * e-mail address and gives its date of birth.
 *
 * Parameters: tenant_id (the clinic); date_of_birth as the clinic recorded it.
 * Who:        a signed-in user with a verified phone or e-mail.
 * Returns:    the record, now the caller's (one row); no row when no single unlinked record
 *             matches (wrong date, no such record, or several: ask the front desk to link it).
 * Errors:     22023, PT403 (verification_required), PT409 already_registered, 429 rate_limited
 *             (5 attempts a day per account, 20 per client IP, across clinics).
 * Example:    supabase.rpc('claim_patient_record', { tenant_id, date_of_birth: '1984-03-02' })
 */
declare
  v_id uuid;
begin
  v_id := private.claim_patient_record(claim_patient_record.tenant_id, claim_patient_record.date_of_birth);
  return query select p.* from public.patients as p where p.tenant_id = claim_patient_record.tenant_id and p.id = v_id;
end
$$;
comment on function public.claim_patient_record(uuid, date) is
  'Links the caller''s existing patient record of the clinic by verified phone or e-mail plus date of birth; one row (the record) or none. Errors: 22023, PT403 verification_required, PT409 already_registered, 429 rate_limited. See docs/auth.md.';
revoke execute on function public.claim_patient_record(uuid, date) from public, anon, authenticated, service_role;
grant execute on function public.claim_patient_record(uuid, date) to authenticated;

create function private.link_patient_account(p_patient_id uuid)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Implementation of public.link_patient_account: the front desk confirms that a patient record
 * belongs to the account that verified its phone or e-mail, and links it.
 *   PT404 patient not found    the caller cannot see the record (as the patients policy);
 *   PT403 tenant_suspended     in a suspended tenant (all but the server);
 *   PT403                      the caller may not edit it (front office tenant-wide or at a
 *                              centre the patient belongs to, as the patients update policy);
 *   PT409 already_linked       the record has an account;
 *   PT404 no_matching_account  no account has verified the record's phone or e-mail;
 *   PT409 ambiguous_match      its phone and its e-mail were verified by two different accounts;
 *   PT409 already_registered   that account has another record with the clinic.
 * security definer: reads auth.users and writes patients.user_id.
 *
 * Returns: the account (user id) the record is now linked to.
 */
declare
  v_server boolean := private.is_server_caller();
  v_patient public.patients;
  v_accounts uuid[];
begin
  if p_patient_id is null then
    raise exception using errcode = '22023', message = 'patient_id is required', hint = 'Pass the patient record to link.';
  end if;
  select p.* into v_patient from public.patients as p where p.id = p_patient_id;
  if not found or not (v_server
                       or v_patient.tenant_id in (select private.tenant_wide_staff_tenant_ids())
                       or (v_patient.tenant_id, v_patient.id) in (
                            select k.tenant_id, k.patient_id from private.patient_keys_at_scoped_centres(private.staff_roles()) as k)
                       or (v_patient.tenant_id, v_patient.id) in (
                            select k.tenant_id, k.patient_id from private.patient_keys_in_care_of_current_user() as k)) then
    raise exception using errcode = 'PT404', message = 'patient not found',
      hint = 'Check the id; you only see the patients of your clinic or centres.';
  end if;
  if not v_server then
    perform private.assert_tenant_takes_changes(v_patient.tenant_id);
    if not (v_patient.tenant_id in (select private.tenant_ids_with_role(private.front_office_roles()))
            or (v_patient.tenant_id in (select private.tenant_ids_with_role_at_any_scope(private.front_office_roles()))
                and (v_patient.tenant_id, v_patient.id) in (
                      select k.tenant_id, k.patient_id from private.patient_keys_at_scoped_centres(private.front_office_roles()) as k))) then
      raise exception using errcode = 'PT403', message = 'only the front office may link a patient record to an account',
        hint = 'Ask the front desk of the patient''s centre.';
    end if;
  end if;
  if v_patient.user_id is not null then
    raise exception using errcode = 'PT409', message = 'this patient record is already linked to an account',
      detail = 'already_linked',
      hint = 'Nothing to do: the patient sees it in the app.';
  end if;
  select pg_catalog.array_agg(distinct u.id) into v_accounts
  from auth.users as u
  where not u.is_anonymous
    and ((v_patient.phone is not null and u.phone_confirmed_at is not null
          and u.phone = pg_catalog.ltrim(v_patient.phone::text, '+'))
      or (v_patient.email is not null and u.email_confirmed_at is not null
          and u.email = v_patient.email::text));
  if v_accounts is null then
    raise exception using errcode = 'PT404', message = 'no account has verified this record''s phone number or e-mail address',
      detail = 'no_matching_account',
      hint = 'Ask the patient to sign in to the app with the phone number or e-mail on this record, then link again.';
  end if;
  if pg_catalog.cardinality(v_accounts) > 1 then
    raise exception using errcode = 'PT409', message = 'the record''s phone number and e-mail address belong to different accounts',
      detail = 'ambiguous_match',
      hint = 'Remove the contact that is not the patient''s from the record, then link again.';
  end if;
  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended(
    'slotbase.patients.user:' || v_patient.tenant_id::text || ':' || v_accounts[1]::text, 0));
  if exists (select 1 from public.patients as p where p.tenant_id = v_patient.tenant_id and p.user_id = v_accounts[1]) then
    raise exception using errcode = 'PT409', message = 'that account already has a patient record with this clinic',
      detail = 'already_registered',
      hint = 'Link that record instead, or merge the two records first.';
  end if;
  update public.patients as p
     set user_id = v_accounts[1]
   where p.tenant_id = v_patient.tenant_id and p.id = v_patient.id and p.user_id is null;
  if not found then
    raise exception using errcode = 'PT409', message = 'this patient record is already linked to an account',
      detail = 'already_linked',
      hint = 'Nothing to do: the patient sees it in the app.';
  end if;
  return v_accounts[1];
end
$$;
comment on function private.link_patient_account(uuid) is
  'Implementation of public.link_patient_account (security definer): the front office links a record to the one account that verified its phone or e-mail (PT404, PT403 tenant_suspended, PT403, PT409 already_linked, PT404 no_matching_account, PT409 ambiguous_match, PT409 already_registered).';
revoke execute on function private.link_patient_account(uuid) from public, anon, authenticated, service_role;
grant execute on function private.link_patient_account(uuid) to authenticated, service_role;

create function public.link_patient_account(patient_id uuid)
returns public.patients
language plpgsql
volatile
security invoker
set search_path = ''
as $$
/**
 * The front desk confirms, after checking the patient's identity, that a patient record is theirs:
 * links it to the account that verified the record's phone number or e-mail address (the patient
 * signs in to the app with it first). The way to link a record with history when the patient
 * cannot claim it with their date of birth.
 *
 * Parameters: patient_id.
 * Who:        the front office (owners, admins, managers, care coordinators, front desk
 *             tenant-wide; centre managers, care coordinators, front desk of a centre the patient
 *             belongs to); service_role.
 * Returns:    the record, now linked.
 * Errors:     22023, PT403 (tenant_suspended; other staff), PT404 (not visible; no_matching_account),
 *             PT409 (already_linked, ambiguous_match, already_registered).
 * Example:    supabase.rpc('link_patient_account', { patient_id })
 */
declare
  v_patient public.patients;
begin
  perform private.link_patient_account(link_patient_account.patient_id);
  select p.* into v_patient from public.patients as p where p.id = link_patient_account.patient_id;
  return v_patient;
end
$$;
comment on function public.link_patient_account(uuid) is
  'The front office links a patient record to the account that verified its phone or e-mail (after checking the patient''s identity); returns the record. Errors: 22023, PT403 tenant_suspended, PT403, PT404 (no_matching_account), PT409 (already_linked, ambiguous_match, already_registered). See docs/auth.md.';
revoke execute on function public.link_patient_account(uuid) from public, anon, authenticated, service_role;
grant execute on function public.link_patient_account(uuid) to authenticated, service_role;
