-- Access helpers for least privilege inside a tenant. A role is held tenant-wide (centre_id null)
-- or at one centre; staff holding a role only at some centres see the patients, appointments and
-- payments of those centres, and a clinician sees their own appointments and the patients in
-- their care. The rules, each written once:
--
--   tenant_wide_staff_tenant_ids()          tenants where the caller holds any role tenant-wide
--                                           (they see every row of the tenant, as before)
--   scoped_centre_keys(roles)               centres where the caller holds one of `roles` at that centre
--   patient_keys_at_scoped_centres(roles)   patients who BELONG to those centres: registered there
--                                           (patients.registered_centre_id), with an appointment
--                                           there (any status) or on the waitlist there
--   patient_keys_in_care_of_current_user()  patients IN THE CARE of the caller as a clinician: an
--                                           appointment with the caller's clinician profile that is
--                                           not cancelled and not entered in error
--   appointment_keys_of_scoped_staff()      appointments at the caller's scoped centres (any role)
--                                           and appointments with the caller's clinician profile
--
-- Like the helpers of 20261121170800 they are security definer (they read membership and
-- booking tables without recursing through those tables' own policies), read only what the caller
-- is entitled to by definition, return keys, take no row arguments and are wrapped in
-- `(select ...)` by the policies, so each is evaluated once per statement. Reads do not require
-- an active tenant (staff of a suspended tenant keep read access); the write policies add that.

create function private.staff_roles()
returns public.staff_role[]
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * Every staff role: "any staff member" (reads of tenant or centre data).
   * Example: select private.staff_roles();
   */
  select array['owner', 'admin', 'manager', 'centre_manager', 'clinician', 'care_coordinator', 'front_desk']::public.staff_role[]
$$;
comment on function private.staff_roles() is
  'Role set: every staff role (owner, admin, manager, centre_manager, clinician, care_coordinator, front_desk). "Any staff member" of a tenant or centre.';

create function private.tenant_wide_staff_tenant_ids()
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  /**
   * Tenants where the caller is an ACTIVE member holding at least one role TENANT-WIDE (any
   * role). They read every patient, appointment and payment of the tenant. The tenant may be
   * inactive (read-only access).
   *
   * Returns: tenant ids (empty for anon / service_role and for members with centre roles only).
   * Example: ... using (tenant_id in (select private.tenant_wide_staff_tenant_ids()))
   */
  select m.tenant_id
  from public.members as m
  where m.user_id = (select auth.uid())
    and m.is_active
    and exists (
      select 1 from public.member_roles as r
      where r.tenant_id = m.tenant_id and r.member_id = m.id and r.centre_id is null
    )
$$;
comment on function private.tenant_wide_staff_tenant_ids() is
  'RLS helper (security definer, only the caller''s rows): tenants where the caller is an active member holding any role tenant-wide (the tenant may be inactive: read access).';

create function private.scoped_centre_keys(roles public.staff_role[])
returns table (tenant_id uuid, centre_id uuid)
language sql
stable
security definer
set search_path = ''
as $$
  /**
   * Centres where the caller is an ACTIVE member holding one of `roles` SCOPED TO THAT CENTRE
   * (member_roles.centre_id). Tenant-wide roles are not listed (see tenant_wide_staff_tenant_ids
   * and centre_keys_with_role). The tenant may be inactive.
   *
   * Parameters: roles  e.g. private.staff_roles(), private.front_office_roles()
   * Returns:    (tenant_id, centre_id) pairs.
   * Example:    ... using ((tenant_id, centre_id) in (select k.tenant_id, k.centre_id from private.scoped_centre_keys(private.staff_roles()) as k))
   */
  select distinct r.tenant_id, r.centre_id
  from public.member_roles as r
  join public.members as m on m.tenant_id = r.tenant_id and m.id = r.member_id
  where m.user_id = (select auth.uid())
    and m.is_active
    and r.centre_id is not null
    and r.role = any (scoped_centre_keys.roles)
$$;
comment on function private.scoped_centre_keys(public.staff_role[]) is
  'RLS helper (security definer, only the caller''s rows): centres where the caller, an active member, holds one of the roles scoped to that centre (tenant may be inactive).';

create function private.patient_keys_at_scoped_centres(roles public.staff_role[])
returns table (tenant_id uuid, patient_id uuid)
language sql
stable
security definer
set search_path = ''
as $$
  /**
   * Patients who BELONG to a centre where the caller holds one of `roles` scoped to that centre:
   * registered there, with an appointment there (any status, past or future) or on its waitlist
   * (any status). The one definition of "the patients of a centre".
   *
   * Parameters: roles  e.g. private.staff_roles() (who sees), private.front_office_roles() (who edits)
   * Returns:    (tenant_id, patient_id) pairs, each once.
   * Example:    ... using ((tenant_id, id) in (select k.tenant_id, k.patient_id from private.patient_keys_at_scoped_centres(private.staff_roles()) as k))
   */
  with centres as (
    select k.tenant_id, k.centre_id from private.scoped_centre_keys(patient_keys_at_scoped_centres.roles) as k
  )
  select p.tenant_id, p.id
  from centres as c
  join public.patients as p on p.tenant_id = c.tenant_id and p.registered_centre_id = c.centre_id
  union
  select a.tenant_id, a.patient_id
  from centres as c
  join public.appointments as a on a.tenant_id = c.tenant_id and a.centre_id = c.centre_id
  union
  select e.tenant_id, e.patient_id
  from centres as c
  join public.waitlist_entries as e on e.tenant_id = c.tenant_id and e.centre_id = c.centre_id
$$;
comment on function private.patient_keys_at_scoped_centres(public.staff_role[]) is
  'RLS helper (security definer, returns keys): patients belonging to the centres where the caller holds one of the roles at that centre - registered there, with an appointment there or on its waitlist.';

create function private.patient_keys_in_care_of_current_user()
returns table (tenant_id uuid, patient_id uuid)
language sql
stable
security definer
set search_path = ''
as $$
  /**
   * Patients IN THE CARE of the caller as a clinician: they have an appointment with the
   * caller's clinician profile (private.clinician_keys_of_current_user(): active membership,
   * active tenant) that was not cancelled and not entered in error - booked, held, arrived,
   * checked in, fulfilled or missed (no-show), past or future. The one definition of the care
   * relationship (patient records and clinical notes follow it).
   *
   * Returns: (tenant_id, patient_id) pairs, each once.
   * Example: ... using ((tenant_id, patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_in_care_of_current_user() as k))
   */
  select distinct a.tenant_id, a.patient_id
  from private.clinician_keys_of_current_user() as k
  join public.appointments as a on a.tenant_id = k.tenant_id and a.clinician_id = k.clinician_id
  where a.status not in ('cancelled', 'entered_in_error')
$$;
comment on function private.patient_keys_in_care_of_current_user() is
  'RLS helper (security definer, returns keys): patients with a non-cancelled, non-erroneous appointment with the caller''s clinician profile - the care relationship.';

create function private.appointment_keys_of_scoped_staff()
returns table (tenant_id uuid, appointment_id uuid)
language sql
stable
security definer
set search_path = ''
as $$
  /**
   * Appointments the caller sees without a tenant-wide role: those at a centre where they hold
   * any role scoped to that centre, and those with their own clinician profile (at any centre).
   * Tenant-wide staff see every appointment through tenant_wide_staff_tenant_ids().
   *
   * Returns: (tenant_id, appointment_id) pairs.
   * Example: ... using ((tenant_id, appointment_id) in (select k.tenant_id, k.appointment_id from private.appointment_keys_of_scoped_staff() as k))
   */
  select a.tenant_id, a.id
  from private.scoped_centre_keys(private.staff_roles()) as k
  join public.appointments as a on a.tenant_id = k.tenant_id and a.centre_id = k.centre_id
  union
  select a.tenant_id, a.id
  from private.clinician_keys_of_current_user() as k
  join public.appointments as a on a.tenant_id = k.tenant_id and a.clinician_id = k.clinician_id
$$;
comment on function private.appointment_keys_of_scoped_staff() is
  'RLS helper (security definer, returns keys): appointments at the centres where the caller holds a centre-scoped role, and appointments with the caller''s clinician profile.';

revoke execute on function private.staff_roles() from public, anon, authenticated, service_role;
revoke execute on function private.tenant_wide_staff_tenant_ids() from public, anon, authenticated, service_role;
revoke execute on function private.scoped_centre_keys(public.staff_role[]) from public, anon, authenticated, service_role;
revoke execute on function private.patient_keys_at_scoped_centres(public.staff_role[]) from public, anon, authenticated, service_role;
revoke execute on function private.patient_keys_in_care_of_current_user() from public, anon, authenticated, service_role;
revoke execute on function private.appointment_keys_of_scoped_staff() from public, anon, authenticated, service_role;
grant execute on function private.staff_roles() to authenticated, service_role;
grant execute on function private.tenant_wide_staff_tenant_ids() to authenticated, service_role;
grant execute on function private.scoped_centre_keys(public.staff_role[]) to authenticated, service_role;
grant execute on function private.patient_keys_at_scoped_centres(public.staff_role[]) to authenticated, service_role;
grant execute on function private.patient_keys_in_care_of_current_user() to authenticated, service_role;
grant execute on function private.appointment_keys_of_scoped_staff() to authenticated, service_role;
