-- Which staff member a clinician profile belongs to moves out of public.clinicians into its own
-- table, public.clinician_members, readable only by staff of the tenant.
--
-- Why: public.clinicians is the public directory. With the link in it, anon could read the
-- table only through a column grant that left member_id out (so `select *` failed with 42501),
-- and every signed-in user of every tenant could read another tenant's internal member ids.
-- Now every column of public.clinicians is public, anon and authenticated read it with
-- `select *`, and the account link is internal to the tenant.
--
-- The rule "which clinician profile is the caller's" lives in one helper,
-- private.clinician_keys_of_current_user(); the availability policies, the clinicians update
-- policy and private.appointment_caller() use it.

create table public.clinician_members (
  tenant_id uuid not null,
  clinician_id uuid not null,
  member_id uuid not null,
  created_at timestamptz not null default pg_catalog.now(),
  constraint clinician_members_pkey primary key (tenant_id, clinician_id),
  constraint clinician_members_tenant_id_member_id_key unique (tenant_id, member_id),
  constraint clinician_members_tenant_id_clinician_id_fkey foreign key (tenant_id, clinician_id) references public.clinicians (tenant_id, id) on delete cascade,
  constraint clinician_members_tenant_id_member_id_fkey foreign key (tenant_id, member_id) references public.members (tenant_id, id) on delete cascade
);
alter table public.clinician_members enable row level security;

comment on table public.clinician_members is
  'Links a clinician profile to the staff member who is that clinician (their account): that person edits the profile, writes their own hours and notes, and sees their own appointments. Internal to the tenant: staff of the tenant read it, practice managers link and unlink; profiles without a link are practitioners without an account.';
comment on column public.clinician_members.tenant_id is 'Tenant of both the profile and the member.';
comment on column public.clinician_members.clinician_id is 'The clinician profile (at most one member per profile).';
comment on column public.clinician_members.member_id is 'The staff member who is this clinician (at most one profile per member).';
comment on column public.clinician_members.created_at is 'When the profile was linked to the member.';
comment on constraint clinician_members_tenant_id_member_id_key on public.clinician_members is 'A member is at most one clinician profile of a tenant.';
comment on constraint clinician_members_tenant_id_clinician_id_fkey on public.clinician_members is 'Same-tenant profile; deleting the profile removes the link.';
comment on constraint clinician_members_tenant_id_member_id_fkey on public.clinician_members is 'Same-tenant member; deleting the member removes the link (the profile stays).';

insert into public.clinician_members (tenant_id, clinician_id, member_id, created_at)
select c.tenant_id, c.id, c.member_id, c.created_at
from public.clinicians as c
where c.member_id is not null;

create trigger audit_changes after insert or update or delete on public.clinician_members
  for each row execute function private.record_audit_event('tenant_id');
comment on trigger audit_changes on public.clinician_members is 'Records every profile linked to or unlinked from a staff account in public.audit_log.';

revoke all on table public.clinician_members from anon, authenticated, service_role;
grant select, delete on table public.clinician_members to authenticated;
grant insert (tenant_id, clinician_id, member_id) on table public.clinician_members to authenticated;
grant select, insert, delete on table public.clinician_members to service_role;

create policy clinician_members_select_authenticated on public.clinician_members
  for select
  to authenticated
  using (tenant_id in (select private.member_tenant_ids()));
comment on policy clinician_members_select_authenticated on public.clinician_members is
  'Staff of the tenant (any role) see which profiles belong to which members. Nobody outside the tenant does.';

create policy clinician_members_insert_authenticated on public.clinician_members
  for insert
  to authenticated
  with check (tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles())));
comment on policy clinician_members_insert_authenticated on public.clinician_members is
  'Owners, admins and managers link a profile to a member of their tenant.';

create policy clinician_members_delete_authenticated on public.clinician_members
  for delete
  to authenticated
  using (tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles())));
comment on policy clinician_members_delete_authenticated on public.clinician_members is
  'Owners, admins and managers unlink a profile from its member.';

-- ---------------------------------------------------------------------------------------------
-- The one definition of "the caller's clinician profiles", and its users
-- ---------------------------------------------------------------------------------------------
create or replace function private.clinician_keys_of_current_user()
returns table (tenant_id uuid, clinician_id uuid)
language sql
stable
security definer
set search_path = ''
as $$
  /**
   * The clinician profiles linked (public.clinician_members) to the caller's ACTIVE memberships
   * (holding at least one role) in ACTIVE tenants, as (tenant_id, clinician_id). Used for "a
   * clinician edits their own profile, writes their own hours and time off" and "the
   * appointment's own clinician".
   *
   * Returns: (tenant_id, clinician_id) pairs (empty for anon / service_role).
   * Example: ... with check ((tenant_id, clinician_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k))
   */
  select cm.tenant_id, cm.clinician_id
  from public.clinician_members as cm
  join private.member_keys_of_current_user() as k on k.tenant_id = cm.tenant_id and k.member_id = cm.member_id
$$;
comment on function private.clinician_keys_of_current_user() is
  'RLS helper (security definer, as tenant_ids_with_role; only the caller''s own profiles, returns keys): clinician profiles linked (clinician_members) to the caller''s active memberships in active tenants, as (tenant_id, clinician_id).';

create or replace function private.appointment_caller(p_appointment public.appointments)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  /**
   * How the caller relates to an appointment: 'server' (service_role, postgres), 'staff'
   * (appointment staff at its centre), 'clinician' (the appointment's own clinician),
   * 'patient' (its patient), 'viewer' (other staff of the tenant: may see, may not change),
   * or null (may not even see it).
   * Example: select private.appointment_caller(a) from public.appointments as a where a.id = '...';
   */
  select case
    when private.is_server_caller() then 'server'
    when exists (select 1 from private.centre_keys_with_role(private.appointment_staff_roles()) as k
                 where k.tenant_id = p_appointment.tenant_id and k.centre_id = p_appointment.centre_id) then 'staff'
    when (p_appointment.tenant_id, p_appointment.clinician_id) in (
           select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k) then 'clinician'
    when (p_appointment.tenant_id, p_appointment.patient_id) in (
           select k.tenant_id, k.patient_id from private.patient_keys_of_current_user() as k) then 'patient'
    when p_appointment.tenant_id in (select private.member_tenant_ids()) then 'viewer'
  end
$$;
comment on function private.appointment_caller(public.appointments) is
  'The caller''s relation to an appointment: server, staff (appointment staff at its centre), clinician (its own), patient (its own), viewer (other staff of the tenant) or null.';

alter policy clinicians_update_authenticated on public.clinicians
  using (
    tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles()))
    or (tenant_id, id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k)
  )
  with check (
    tenant_id in (select private.tenant_ids_with_role(private.practice_manager_roles()))
    or (tenant_id, id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k)
  );
comment on policy clinicians_update_authenticated on public.clinicians is
  'Owners, admins and managers edit any profile of their tenant; a clinician edits their own profile (clinician_members), but not its visibility, status or fee (trigger).';

create or replace function private.guard_clinician_self_edit()
returns trigger
language plpgsql
set search_path = ''
as $$
/**
 * BEFORE UPDATE row trigger on public.clinicians: a signed-in user who is not a practice
 * manager of the tenant (i.e. the clinician editing their own profile) may not change
 * is_active, is_public, consultation_fee or fee_currency (PT403). service_role and database
 * sessions are not restricted. (Which member a profile belongs to is in
 * public.clinician_members, which only practice managers write.)
 *
 * Returns: the new row.
 */
begin
  if (select auth.uid()) is null then
    return new;
  end if;
  if (new.is_active, new.is_public, new.consultation_fee, new.fee_currency)
       is distinct from (old.is_active, old.is_public, old.consultation_fee, old.fee_currency)
     and new.tenant_id not in (select private.tenant_ids_with_role(private.practice_manager_roles())) then
    raise exception using
      errcode = 'PT403',
      message = 'only the practice can change visibility, status or fee of a clinician profile',
      hint = 'Ask an owner, admin or manager of the tenant.';
  end if;
  return new;
end
$$;
comment on function private.guard_clinician_self_edit() is
  'Trigger function on clinicians: clinicians editing their own profile cannot change is_active, is_public, consultation_fee or fee_currency (PT403).';

alter table public.clinicians drop column member_id;

comment on table public.clinicians is
  'Practitioner profile shown on the booking site: name, title, specialisations, languages, fee, bio, photo. Public when is_public and is_active (and the tenant is active); every column is public. The staff account of a clinician is linked in public.clinician_members.';

-- Every column of the directory is public: anon reads the table (its rows are limited by RLS).
revoke all on table public.clinicians from anon;
grant select on table public.clinicians to anon;
