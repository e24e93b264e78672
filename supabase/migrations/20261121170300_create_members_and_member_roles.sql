-- public.members (a person's staff membership in a tenant) and public.member_roles (what that
-- member may do, tenant-wide or at one centre). Access is always decided from these two tables
-- (private.tenant_ids_with_role() and friends), never from JWT claims, so deactivating a member or
-- deleting a role takes effect on the very next request.
--
-- Guards beyond RLS (triggers, because they compare old and new rows or count other rows):
--   * nobody changes their own members.is_active (PT403) - an admin cannot lock themselves out or
--     reactivate themselves; deactivated_at follows is_active automatically;
--   * member_roles.granted_by is the requesting user, never a client-supplied value;
--   * a tenant keeps at least one owner role on an active member: the last one cannot be removed
--     (PT409), except by cascades (the auth user or the member being deleted).
-- Grants here; policies in 20261121170850_create_row_level_security_policies.sql.

create table public.members (
  tenant_id uuid not null,
  id uuid not null default pg_catalog.gen_random_uuid(),
  user_id uuid not null,
  display_name public.non_empty_text not null,
  is_active boolean not null default true,
  deactivated_at timestamptz null,
  created_at timestamptz not null default pg_catalog.now(),
  updated_at timestamptz not null default pg_catalog.now(),
  constraint members_pkey primary key (tenant_id, id),
  constraint members_tenant_id_user_id_key unique (tenant_id, user_id),
  constraint members_tenant_id_fkey foreign key (tenant_id) references public.tenants (id) on delete restrict,
  constraint members_user_id_fkey foreign key (user_id) references auth.users (id) on delete cascade,
  constraint members_deactivated_at_matches_is_active check ((is_active and deactivated_at is null) or (not is_active and deactivated_at is not null))
);
alter table public.members enable row level security;

comment on table public.members is
  'Staff membership of a person (auth user) in a tenant. What the member may do is in public.member_roles. Deactivate (is_active = false) rather than delete: access ends on the next request and history keeps its author.';
comment on column public.members.tenant_id is 'Tenant the person works for.';
comment on column public.members.id is 'Member id (unique within the tenant).';
comment on column public.members.user_id is 'The person''s Supabase Auth user. One membership per user and tenant; deleting the auth user deletes the membership.';
comment on column public.members.display_name is 'Name shown to colleagues, e.g. Dr Amira Haddad.';
comment on column public.members.is_active is 'False once the member is deactivated: they lose all staff access immediately. Nobody can change their own flag.';
comment on column public.members.deactivated_at is 'When the member was last deactivated; null while active (maintained by trigger).';
comment on column public.members.created_at is 'When the membership was created.';
comment on column public.members.updated_at is 'When the membership was last changed (maintained by trigger).';
comment on constraint members_tenant_id_user_id_key on public.members is 'A person has at most one membership per tenant.';
comment on constraint members_tenant_id_fkey on public.members is 'A membership belongs to a tenant; a tenant with members cannot be deleted (deactivate it instead).';
comment on constraint members_user_id_fkey on public.members is 'Deleting the auth user deletes the membership (and its roles).';
comment on constraint members_deactivated_at_matches_is_active on public.members is 'deactivated_at is set exactly when the member is inactive.';

create index members_user_id_idx on public.members (user_id, tenant_id) include (id, is_active);
comment on index public.members_user_id_idx is 'Serves the access helpers (the caller''s memberships by auth.uid()).';

create table public.member_roles (
  tenant_id uuid not null,
  id uuid not null default pg_catalog.gen_random_uuid(),
  member_id uuid not null,
  role public.staff_role not null,
  centre_id uuid null,
  granted_by uuid null default auth.uid(),
  created_at timestamptz not null default pg_catalog.now(),
  constraint member_roles_pkey primary key (tenant_id, id),
  constraint member_roles_tenant_id_member_id_role_centre_id_key unique nulls not distinct (tenant_id, member_id, role, centre_id),
  constraint member_roles_tenant_id_member_id_fkey foreign key (tenant_id, member_id) references public.members (tenant_id, id) on delete cascade,
  constraint member_roles_tenant_id_centre_id_fkey foreign key (tenant_id, centre_id) references public.centres (tenant_id, id) on delete cascade,
  constraint member_roles_granted_by_fkey foreign key (granted_by) references auth.users (id) on delete set null,
  constraint member_roles_role_tenant_wide check (role not in ('owner', 'admin', 'manager') or centre_id is null),
  constraint member_roles_centre_manager_has_centre check (role <> 'centre_manager' or centre_id is not null)
);
alter table public.member_roles enable row level security;

comment on table public.member_roles is
  'A role held by a member: tenant-wide (centre_id null) or at one centre. Granted and removed by owners and admins (only owners grant or remove owner and admin); never updated, never granted to oneself.';
comment on column public.member_roles.tenant_id is 'Tenant of the member (and of the centre, when scoped).';
comment on column public.member_roles.id is 'Role grant id.';
comment on column public.member_roles.member_id is 'Member holding the role.';
comment on column public.member_roles.role is 'The role. owner, admin and manager are always tenant-wide; centre_manager always names a centre.';
comment on column public.member_roles.centre_id is 'Null: the role applies to the whole tenant. Otherwise the only centre where it applies. Deleting the centre deletes the grant.';
comment on column public.member_roles.granted_by is 'Auth user who granted the role (set from the request; null when granted by the system or a deleted user).';
comment on column public.member_roles.created_at is 'When the role was granted.';
comment on constraint member_roles_tenant_id_member_id_role_centre_id_key on public.member_roles is 'A member holds a given role at a given scope once (tenant-wide counts as one scope).';
comment on constraint member_roles_tenant_id_member_id_fkey on public.member_roles is 'The member belongs to the same tenant; deleting the member deletes their roles.';
comment on constraint member_roles_tenant_id_centre_id_fkey on public.member_roles is 'The centre belongs to the same tenant; deleting the centre deletes grants scoped to it.';
comment on constraint member_roles_granted_by_fkey on public.member_roles is 'The granting user, kept as null when that user is deleted.';
comment on constraint member_roles_role_tenant_wide on public.member_roles is 'owner, admin and manager cannot be limited to one centre.';
comment on constraint member_roles_centre_manager_has_centre on public.member_roles is 'A centre_manager always manages one named centre.';

create index member_roles_tenant_id_member_id_idx on public.member_roles (tenant_id, member_id) include (role, centre_id);
comment on index public.member_roles_tenant_id_member_id_idx is 'Serves the access helpers (roles of a member) and the member foreign key.';
create index member_roles_tenant_id_centre_id_idx on public.member_roles (tenant_id, centre_id) where centre_id is not null;
comment on index public.member_roles_tenant_id_centre_id_idx is 'Serves the centre foreign key (cascading deletes of centre-scoped grants).';
create index member_roles_granted_by_idx on public.member_roles (granted_by) where granted_by is not null;
comment on index public.member_roles_granted_by_idx is 'Serves the granted_by foreign key (auth user deletion).';

-- ---------------------------------------------------------------------------------------------
-- Triggers
-- ---------------------------------------------------------------------------------------------

create function private.guard_member_update()
returns trigger
language plpgsql
set search_path = ''
as $$
/**
 * BEFORE INSERT OR UPDATE row trigger on public.members.
 *   * Refuses (PT403) a request user changing their OWN is_active: nobody deactivates or
 *     reactivates themselves (an owner cannot lock the tenant out; a deactivated person cannot
 *     come back).
 *   * Keeps deactivated_at in step with is_active (set on deactivation, cleared on reactivation).
 *   * Refuses (PT422) moving a membership to another user (user_id is fixed once created).
 *
 * Returns: the new row.
 */
begin
  if tg_op = 'UPDATE' then
    if new.user_id is distinct from old.user_id then
      raise exception using
        errcode = 'PT422',
        message = 'a membership cannot be moved to another user',
        hint = 'Create a membership (or send an invitation) for the other person instead.';
    end if;
    if new.is_active is distinct from old.is_active and old.user_id = (select auth.uid()) then
      raise exception using
        errcode = 'PT403',
        message = 'you cannot change your own active status',
        hint = 'Ask another owner or admin of the tenant.';
    end if;
  end if;
  if new.is_active then
    new.deactivated_at := null;
  elsif tg_op = 'INSERT' or old.is_active then
    new.deactivated_at := pg_catalog.now();
  end if;
  return new;
end
$$;
comment on function private.guard_member_update() is
  'Trigger function on members: nobody changes their own is_active (PT403), user_id is fixed (PT422), deactivated_at follows is_active.';
revoke execute on function private.guard_member_update() from public, anon, authenticated, service_role;

create trigger guard_member_update before insert or update on public.members
  for each row execute function private.guard_member_update();
comment on trigger guard_member_update on public.members is 'Nobody changes their own is_active; deactivated_at follows is_active; user_id is fixed.';

create trigger set_updated_at before update on public.members
  for each row execute function private.set_updated_at();
comment on trigger set_updated_at on public.members is 'Keeps updated_at current.';

create function private.stamp_member_role_grantor()
returns trigger
language plpgsql
set search_path = ''
as $$
/**
 * BEFORE INSERT row trigger on public.member_roles: granted_by is the requesting user whenever
 * there is one (a client cannot attribute a grant to someone else); service_role and database
 * sessions may set it themselves.
 *
 * Returns: the new row.
 */
declare
  v_uid uuid := (select auth.uid());
begin
  if v_uid is not null then
    new.granted_by := v_uid;
  end if;
  return new;
end
$$;
comment on function private.stamp_member_role_grantor() is
  'Trigger function on member_roles: granted_by is always the requesting user when there is one.';
revoke execute on function private.stamp_member_role_grantor() from public, anon, authenticated, service_role;

create trigger stamp_grantor before insert on public.member_roles
  for each row execute function private.stamp_member_role_grantor();
comment on trigger stamp_grantor on public.member_roles is 'granted_by is the requesting user.';

create function private.keep_one_owner()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
/**
 * AFTER DELETE row trigger on public.member_roles: refuses (PT409) removing the last owner role
 * held by an active member of a tenant, so that every tenant keeps someone who can manage it.
 * This includes deleting that owner's membership or auth user (the cascade reaches this row):
 * ownership is transferred first.
 *
 * security definer: it must count every owner of the tenant, including rows the caller's RLS
 * would hide; it reads only public.members and public.member_roles.
 *
 * Returns: null (AFTER trigger).
 */
begin
  if old.role <> 'owner' or old.centre_id is not null then
    return null;
  end if;
  if not exists (
    select 1
    from public.member_roles as r
    join public.members as m on m.tenant_id = r.tenant_id and m.id = r.member_id
    where r.tenant_id = old.tenant_id
      and r.role = 'owner'
      and r.centre_id is null
      and m.is_active
  ) then
    raise exception using
      errcode = 'PT409',
      message = 'a tenant must keep at least one owner',
      hint = 'Grant the owner role to another active member first.';
  end if;
  return null;
end
$$;
comment on function private.keep_one_owner() is
  'Trigger function on member_roles (security definer, to see every owner of the tenant regardless of the caller''s RLS): refuses removing the last owner role of a tenant (PT409).';
revoke execute on function private.keep_one_owner() from public, anon, authenticated, service_role;

create trigger keep_one_owner after delete on public.member_roles
  for each row execute function private.keep_one_owner();
comment on trigger keep_one_owner on public.member_roles is 'A tenant keeps at least one owner.';

-- public.members: grants
revoke all on table public.members from anon, authenticated, service_role;
grant select on table public.members to authenticated;
grant insert (tenant_id, id, user_id, display_name, is_active) on table public.members to authenticated;
grant update (display_name, is_active) on table public.members to authenticated;
grant delete on table public.members to authenticated;
grant select, insert, update, delete on table public.members to service_role;

-- public.member_roles: grants (no update: change a role by deleting and granting)
revoke all on table public.member_roles from anon, authenticated, service_role;
grant select on table public.member_roles to authenticated;
grant insert (tenant_id, id, member_id, role, centre_id) on table public.member_roles to authenticated;
grant delete on table public.member_roles to authenticated;
grant select, insert, delete on table public.member_roles to service_role;
