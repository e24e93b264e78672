-- Linking verified identities: when Supabase Auth records a VERIFIED phone or e-mail for a user
-- (sign-up confirmation, OTP sign-in, phone/e-mail change), a trigger on auth.users
--   1. links the user to the patient record the front desk created with that phone/e-mail:
--      per tenant, only if exactly one unlinked patient matches and the user has no patient
--      record in that tenant yet (an existing link is never overwritten; ambiguous matches are
--      left for the front desk);
--   2. accepts pending staff invitations sent to that phone/e-mail (not expired, not revoked, not
--      accepted, not sent by this same user): creates or reactivates the membership, adds the
--      invited role, marks the invitation accepted. Each invitation is accepted once.
-- Unverified identities (phone_confirmed_at / email_confirmed_at null) never count. GoTrue stores
-- phones as E.164 digits without '+'; Slotbase stores them with it.
--
-- Triggers on auth.users are allowed on hosted Supabase; the function lives in `private` (never
-- in `auth`). It is `security definer` because it runs inside GoTrue's transaction as
-- supabase_auth_admin, which has (on purpose) no rights on patients, members, member_roles or
-- invitations; as their owner it writes them past RLS. Nobody gets EXECUTE: a trigger function
-- is not called directly.
-- Writes go through the audited tables, so every link and acceptance appears in public.audit_log
-- with actor_role supabase_auth_admin.

-- Lookups by verified phone/e-mail across tenants (the trigger runs at every sign-in).
create index patients_unlinked_phone_idx on public.patients (phone) where user_id is null and phone is not null;
comment on index public.patients_unlinked_phone_idx is 'Finds unlinked patient records by phone when a user verifies that phone (private.link_verified_identities).';
create index patients_unlinked_email_idx on public.patients (email) where user_id is null and email is not null;
comment on index public.patients_unlinked_email_idx is 'Finds unlinked patient records by e-mail when a user verifies that e-mail (private.link_verified_identities).';
-- (Pending invitations are found through invitations_pending_email_idx / _phone_idx, created
-- with the table.)

create function private.link_verified_identities()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
/**
 * AFTER INSERT OR UPDATE OF email, phone, email_confirmed_at, phone_confirmed_at row trigger on
 * auth.users: links the user's VERIFIED phone/e-mail to matching unlinked patient records and
 * accepts matching pending invitations (see the migration header for the rules).
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

  -- 1. Patients: per tenant, exactly one unlinked match, and no record of this user there yet.
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
  'Trigger function on auth.users (security definer: runs in GoTrue''s transaction as supabase_auth_admin, which has no rights on Slotbase tables): for a VERIFIED phone/e-mail, links the single unlinked matching patient record per tenant (never overwrites a link, leaves ambiguous matches) and accepts pending invitations (creates/reactivates the member, adds the role, marks accepted).';
revoke execute on function private.link_verified_identities() from public, anon, authenticated, service_role;

-- Fires when GoTrue creates a user or changes/verifies its phone or e-mail. (Comments on triggers
-- of auth.users need ownership of that table, which only Auth has; the function comment says it.)
create trigger slotbase_link_verified_identities
  after insert or update of email, phone, email_confirmed_at, phone_confirmed_at on auth.users
  for each row execute function private.link_verified_identities();
