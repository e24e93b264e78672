-- public.invitations: an invitation for a person (by e-mail or phone) to join a tenant's staff
-- with one role. It is accepted by the auth.users linking trigger (part of issue 3, a later
-- migration) when that person signs in with a VERIFIED matching e-mail or phone; the API can only
-- send and revoke invitations, never accept them or delete them (they are the record of who was
-- let in by whom).
--
-- Who: owners invite any role; admins any role except owner and admin; managers only roles below
-- manager (centre_manager, clinician, care_coordinator, front_desk) - the same ladder as
-- granting roles directly. The scope rules of member_roles apply to invitations too.
-- Grants here; policies in 20261121170850_create_row_level_security_policies.sql.

create table public.invitations (
  tenant_id uuid not null,
  id uuid not null default pg_catalog.gen_random_uuid(),
  email public.email_address null,
  phone public.e164_phone null,
  role public.staff_role not null,
  centre_id uuid null,
  invited_by uuid null default auth.uid(),
  expires_at timestamptz not null default (pg_catalog.now() + interval '7 days'),
  accepted_at timestamptz null,
  accepted_user_id uuid null,
  revoked_at timestamptz null,
  created_at timestamptz not null default pg_catalog.now(),
  constraint invitations_pkey primary key (tenant_id, id),
  constraint invitations_tenant_id_fkey foreign key (tenant_id) references public.tenants (id) on delete restrict,
  constraint invitations_tenant_id_centre_id_fkey foreign key (tenant_id, centre_id) references public.centres (tenant_id, id) on delete cascade,
  constraint invitations_invited_by_fkey foreign key (invited_by) references auth.users (id) on delete set null,
  constraint invitations_accepted_user_id_fkey foreign key (accepted_user_id) references auth.users (id) on delete set null,
  constraint invitations_contact_exactly_one check (num_nonnulls(email, phone) = 1),
  constraint invitations_role_tenant_wide check (role not in ('owner', 'admin', 'manager') or centre_id is null),
  constraint invitations_centre_manager_has_centre check (role <> 'centre_manager' or centre_id is not null),
  constraint invitations_expires_at_range check (expires_at > created_at and expires_at <= created_at + interval '30 days'),
  constraint invitations_accepted_user_id_needs_accepted_at check (accepted_user_id is null or accepted_at is not null),
  constraint invitations_not_accepted_and_revoked check (accepted_at is null or revoked_at is null)
);
alter table public.invitations enable row level security;

comment on table public.invitations is
  'Invitation to join a tenant''s staff with one role, addressed to an e-mail or a phone. Accepted automatically when that person signs in with the verified address; owners, admins and managers send and revoke them (each only for roles below their own); never deleted.';
comment on column public.invitations.tenant_id is 'Tenant the person is invited to.';
comment on column public.invitations.id is 'Invitation id.';
comment on column public.invitations.email is 'Invitee e-mail (lower-case); exactly one of email and phone is set.';
comment on column public.invitations.phone is 'Invitee phone, E.164 with +; exactly one of email and phone is set.';
comment on column public.invitations.role is 'Role granted on acceptance.';
comment on column public.invitations.centre_id is 'Centre the role is limited to; null for tenant-wide. Same scope rules as member_roles.';
comment on column public.invitations.invited_by is 'Auth user who sent the invitation (always the requesting user).';
comment on column public.invitations.expires_at is 'After this time the invitation can no longer be accepted (default 7 days, at most 30 days after sending).';
comment on column public.invitations.accepted_at is 'When the invitee signed in and received the role; null while pending.';
comment on column public.invitations.accepted_user_id is 'Auth user who accepted it.';
comment on column public.invitations.revoked_at is 'When the invitation was withdrawn; a revoked invitation can no longer be accepted and cannot be un-revoked.';
comment on column public.invitations.created_at is 'When the invitation was sent.';
comment on constraint invitations_tenant_id_fkey on public.invitations is 'An invitation belongs to a tenant.';
comment on constraint invitations_tenant_id_centre_id_fkey on public.invitations is 'The centre belongs to the same tenant; deleting the centre deletes invitations scoped to it (rather than widening them to the whole tenant).';
comment on constraint invitations_invited_by_fkey on public.invitations is 'The inviting user, kept as null when that user is deleted.';
comment on constraint invitations_accepted_user_id_fkey on public.invitations is 'The accepting user, kept as null when that user is deleted.';
comment on constraint invitations_contact_exactly_one on public.invitations is 'An invitation is addressed to exactly one e-mail or one phone.';
comment on constraint invitations_role_tenant_wide on public.invitations is 'owner, admin and manager invitations cannot be limited to one centre.';
comment on constraint invitations_centre_manager_has_centre on public.invitations is 'A centre_manager invitation names its centre.';
comment on constraint invitations_expires_at_range on public.invitations is 'An invitation expires after it was sent and at most 30 days later.';
comment on constraint invitations_accepted_user_id_needs_accepted_at on public.invitations is 'An accepting user implies an acceptance time.';
comment on constraint invitations_not_accepted_and_revoked on public.invitations is 'An invitation is either accepted or revoked, never both.';

create index invitations_pending_email_idx on public.invitations (email) where email is not null and accepted_at is null and revoked_at is null;
comment on index public.invitations_pending_email_idx is 'Finds pending invitations for a verified e-mail at sign-in.';
create index invitations_pending_phone_idx on public.invitations (phone) where phone is not null and accepted_at is null and revoked_at is null;
comment on index public.invitations_pending_phone_idx is 'Finds pending invitations for a verified phone at sign-in.';
create index invitations_tenant_id_centre_id_idx on public.invitations (tenant_id, centre_id) where centre_id is not null;
comment on index public.invitations_tenant_id_centre_id_idx is 'Serves the centre foreign key.';
create index invitations_invited_by_idx on public.invitations (invited_by) where invited_by is not null;
comment on index public.invitations_invited_by_idx is 'Serves the invited_by foreign key.';
create index invitations_accepted_user_id_idx on public.invitations (accepted_user_id) where accepted_user_id is not null;
comment on index public.invitations_accepted_user_id_idx is 'Serves the accepted_user_id foreign key.';

create function private.guard_invitation_change()
returns trigger
language plpgsql
set search_path = ''
as $$
/**
 * BEFORE INSERT OR UPDATE row trigger on public.invitations, for requests made by a signed-in
 * user (auth.uid() not null; service_role and the sign-in trigger are not restricted):
 *   insert: invited_by is the requesting user; the invitation starts pending.
 *   update: the only change allowed is revoking a pending invitation; revoked_at is stamped
 *           with now(). Revoking an accepted or already revoked invitation raises PT409.
 *
 * Returns: the new row.
 */
declare
  v_uid uuid := (select auth.uid());
begin
  if v_uid is null then
    return new;
  end if;
  if tg_op = 'INSERT' then
    new.invited_by := v_uid;
    new.accepted_at := null;
    new.accepted_user_id := null;
    new.revoked_at := null;
    return new;
  end if;
  if old.accepted_at is not null then
    raise exception using
      errcode = 'PT409',
      message = 'this invitation was already accepted',
      hint = 'To remove the access it gave, delete the member''s role or deactivate the member.';
  end if;
  if old.revoked_at is not null then
    raise exception using
      errcode = 'PT409',
      message = 'this invitation was already revoked',
      hint = 'Send a new invitation instead.';
  end if;
  if new.revoked_at is null then
    raise exception using
      errcode = 'PT422',
      message = 'the only change allowed to an invitation is revoking it',
      hint = 'Set revoked_at (any value; it is stamped with the current time).';
  end if;
  new.revoked_at := pg_catalog.now();
  return new;
end
$$;
comment on function private.guard_invitation_change() is
  'Trigger function on invitations: for signed-in users, invited_by is the caller and the only update is revoking a pending invitation (PT409 when accepted or revoked already).';
revoke execute on function private.guard_invitation_change() from public, anon, authenticated, service_role;

create trigger guard_invitation_change before insert or update on public.invitations
  for each row execute function private.guard_invitation_change();
comment on trigger guard_invitation_change on public.invitations is 'invited_by is the caller; invitations can only be revoked, once, while pending.';

-- public.invitations: grants (no delete for anyone through the API: the record stays)
revoke all on table public.invitations from anon, authenticated, service_role;
grant select on table public.invitations to authenticated;
grant insert (tenant_id, id, email, phone, role, centre_id, expires_at) on table public.invitations to authenticated;
grant update (revoked_at) on table public.invitations to authenticated;
grant select, insert, update on table public.invitations to service_role;
