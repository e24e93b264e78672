-- The Custom Access Token hook (Supabase Auth, `[auth.hook.custom_access_token]` in config.toml,
-- uri pg-functions://postgres/public/custom_access_token_hook).
--
-- GoTrue calls it for every access token it issues, on its own connection as supabase_auth_admin,
-- inside the token transaction with `set local statement_timeout to '2000'`:
--   select public.custom_access_token_hook('{"user_id": ..., "claims": {...}, ...}'::jsonb);
-- It adds one top-level claim, `slotbase`, that tells client apps where the user belongs:
--   {"memberships": [{"tenant_id", "tenant_slug", "roles": [...], "centre_roles": [{"centre_id", "role"}]}],
--    "patient_tenant_ids": [...]}
-- for active memberships of active tenants, and keeps every other claim as GoTrue sent it.
-- The claim is for client routing only: RLS policies never read it; they consult the membership
-- tables on every request, so a revoked role or a deactivated member loses access at once, not
-- when the token expires.
--
-- As Supabase documents for hooks: a plain (security invoker) function executable only by
-- supabase_auth_admin, which gets USAGE on public, SELECT on exactly the columns the hook reads and
-- a `using (true)` SELECT policy per table (lint 0024 ignores SELECT policies). The hook never
-- reads user_metadata (user-editable) or anything else from the incoming claims except to copy
-- them through.

-- supabase_auth_admin: what the hook reads, column by column.
grant usage on schema public to supabase_auth_admin;
grant select (id, slug, is_active) on table public.tenants to supabase_auth_admin;
grant select (tenant_id, id, user_id, is_active) on table public.members to supabase_auth_admin;
grant select (tenant_id, member_id, role, centre_id) on table public.member_roles to supabase_auth_admin;
grant select (tenant_id, user_id) on table public.patients to supabase_auth_admin;

-- public.tenants
create policy tenants_select_supabase_auth_admin on public.tenants
  for select
  to supabase_auth_admin
  using (true);
comment on policy tenants_select_supabase_auth_admin on public.tenants is
  'Supabase Auth (the Custom Access Token hook) reads tenant id, slug and is_active of every tenant; its column grants allow nothing else.';

-- public.members
create policy members_select_supabase_auth_admin on public.members
  for select
  to supabase_auth_admin
  using (true);
comment on policy members_select_supabase_auth_admin on public.members is
  'Supabase Auth (the Custom Access Token hook) reads memberships (tenant, id, user, is_active) to build the slotbase claim; its column grants allow nothing else.';

-- public.member_roles
create policy member_roles_select_supabase_auth_admin on public.member_roles
  for select
  to supabase_auth_admin
  using (true);
comment on policy member_roles_select_supabase_auth_admin on public.member_roles is
  'Supabase Auth (the Custom Access Token hook) reads roles and their centre scope to build the slotbase claim; its column grants allow nothing else.';

-- public.patients
create policy patients_select_supabase_auth_admin on public.patients
  for select
  to supabase_auth_admin
  using (true);
comment on policy patients_select_supabase_auth_admin on public.patients is
  'Supabase Auth (the Custom Access Token hook) reads which tenants a user is a patient of (tenant_id, user_id only: no personal data through its column grants).';

create function public.custom_access_token_hook(event jsonb)
returns jsonb
language plpgsql
stable
set search_path = ''
as $$
/**
 * Supabase Auth Custom Access Token hook: adds the `slotbase` claim (memberships and patient
 * tenants of the user) to the access token; every claim GoTrue sent is kept unchanged.
 *
 * Parameters:
 *   event  GoTrue's input: {"user_id": "<uuid>", "claims": {...}, "authentication_method": "...",
 *          "metadata": {...}}. Only user_id is read; claims are copied through.
 * Returns: {"claims": <input claims> + {"slotbase": {"memberships": [...], "patient_tenant_ids": [...]}}}.
 *   memberships: one per ACTIVE membership (is_active and at least one role, as the access
 *     helpers define it) of an ACTIVE tenant, ordered by tenant slug:
 *     {"tenant_id", "tenant_slug", "roles": [tenant-wide roles], "centre_roles": [{"centre_id", "role"}]}
 *   patient_tenant_ids: active tenants where the user has a patient record, ordered.
 *   A user with neither gets {"memberships": [], "patient_tenant_ids": []}.
 * Example:
 *   select public.custom_access_token_hook('{"user_id": "a0000000-0000-4000-8000-000000000001", "claims": {"sub": "a0000000-0000-4000-8000-000000000001", "role": "authenticated"}}');
 */
declare
  v_user_id uuid := (custom_access_token_hook.event ->> 'user_id')::uuid;
  v_claims jsonb := coalesce(custom_access_token_hook.event -> 'claims', '{}'::jsonb);
  v_memberships jsonb;
  v_patient_tenant_ids jsonb;
begin
  select coalesce(pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
             'tenant_id', m.tenant_id,
             'tenant_slug', t.slug,
             'roles', coalesce((
               select pg_catalog.jsonb_agg(distinct r.role order by r.role)
               from public.member_roles as r
               where r.tenant_id = m.tenant_id and r.member_id = m.id and r.centre_id is null), '[]'::jsonb),
             'centre_roles', coalesce((
               select pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object('centre_id', r.centre_id, 'role', r.role)
                                           order by r.centre_id, r.role)
               from public.member_roles as r
               where r.tenant_id = m.tenant_id and r.member_id = m.id and r.centre_id is not null), '[]'::jsonb)
           ) order by t.slug), '[]'::jsonb)
    into v_memberships
  from public.members as m
  join public.tenants as t on t.id = m.tenant_id
  where m.user_id = v_user_id
    and m.is_active
    and t.is_active
    and exists (select 1 from public.member_roles as r where r.tenant_id = m.tenant_id and r.member_id = m.id);

  select coalesce(pg_catalog.jsonb_agg(distinct p.tenant_id order by p.tenant_id), '[]'::jsonb)
    into v_patient_tenant_ids
  from public.patients as p
  join public.tenants as t on t.id = p.tenant_id
  where p.user_id = v_user_id
    and t.is_active;

  return pg_catalog.jsonb_build_object(
    'claims', v_claims || pg_catalog.jsonb_build_object(
      'slotbase', pg_catalog.jsonb_build_object(
        'memberships', v_memberships,
        'patient_tenant_ids', v_patient_tenant_ids)));
end
$$;
comment on function public.custom_access_token_hook(jsonb) is
  'Supabase Auth Custom Access Token hook (called by GoTrue as supabase_auth_admin): keeps every claim and adds "slotbase": {memberships: [{tenant_id, tenant_slug, roles, centre_roles: [{centre_id, role}]}], patient_tenant_ids} for active memberships of active tenants. For client routing only; RLS never trusts these claims.';
revoke execute on function public.custom_access_token_hook(jsonb) from public, anon, authenticated, service_role;
grant execute on function public.custom_access_token_hook(jsonb) to supabase_auth_admin;
