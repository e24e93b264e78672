-- Named role sets: which staff roles a rule means, by intent. Policies, access helpers and
-- guard triggers name a set (`private.practice_manager_roles()`) instead of spelling the roles
-- out, so a rule reads as what it means and widening or narrowing a set is one change here.
--
--   owner_roles              owner                                          owner and admin roles, admins
--   tenant_admin_roles       owner, admin                                   tenant settings, members, audit log
--   practice_manager_roles   owner, admin, manager                          the practice: catalogue, clinicians, hours
--   centre_manager_roles     owner, admin, manager, centre_manager          a centre (tenant-wide roles: every centre)
--   front_office_roles       owner, admin, manager, centre_manager,         patients and their bookings
--                            care_coordinator, front_desk
--   messaging_roles          owner, admin, manager, care_coordinator,       patients' messages (tenant-wide)
--                            front_desk
--   clinical_roles           clinician                                      clinical records
--   roles_below_manager      centre_manager, clinician, care_coordinator,   what a manager may invite
--                            front_desk
--
-- Immutable SQL functions without arguments: the planner folds a call into a constant, so a
-- policy costs what it cost with a literal array. authenticated needs EXECUTE (policies and
-- guard triggers run as the caller); anon's policies use none of them.

create function private.owner_roles()
returns public.staff_role[]
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * Owners: transfer ownership, grant and remove owner and admin roles, manage admins.
   * Example: select private.owner_roles();  -- {owner}
   */
  select array['owner']::public.staff_role[]
$$;
comment on function private.owner_roles() is
  'Role set: owner. Grants and removes owner and admin roles; updates and deletes admins.';

create function private.tenant_admin_roles()
returns public.staff_role[]
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * Tenant administrators: tenant settings, members and roles below admin, payment settings,
   * message templates, the audit log, deleting centres and patients.
   * Example: select private.tenant_admin_roles();  -- {owner,admin}
   */
  select array['owner', 'admin']::public.staff_role[]
$$;
comment on function private.tenant_admin_roles() is
  'Role set: owner, admin. Tenant settings, members, payment settings, message templates, the audit log; also the roles only owners grant.';

create function private.practice_manager_roles()
returns public.staff_role[]
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * Practice managers: run the practice tenant-wide (centres, clinicians and where they work,
   * services, every clinician's hours, refunds, invitations below manager).
   * Example: select private.practice_manager_roles();  -- {owner,admin,manager}
   */
  select array['owner', 'admin', 'manager']::public.staff_role[]
$$;
comment on function private.practice_manager_roles() is
  'Role set: owner, admin, manager. Run the practice tenant-wide: centres, clinicians, catalogue, availability, invitations below manager.';

create function private.centre_manager_roles()
returns public.staff_role[]
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * Who manages a centre: the practice managers (every centre of the tenant) and a
   * centre_manager (the centre named in their role).
   * Example: select private.centre_manager_roles();  -- {owner,admin,manager,centre_manager}
   */
  select array['owner', 'admin', 'manager', 'centre_manager']::public.staff_role[]
$$;
comment on function private.centre_manager_roles() is
  'Role set: owner, admin, manager, centre_manager. Manage a centre: its details, resources, holidays and hours (centre_manager only at their centre).';

create function private.front_office_roles()
returns public.staff_role[]
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * The front office: register and edit patients, book and manage their appointments, tenant-wide
   * or at the centres named in their roles. Clinicians are not front office.
   * Example: select private.front_office_roles();
   */
  select array['owner', 'admin', 'manager', 'centre_manager', 'care_coordinator', 'front_desk']::public.staff_role[]
$$;
comment on function private.front_office_roles() is
  'Role set: owner, admin, manager, centre_manager, care_coordinator, front_desk. Register and edit patients, book and manage appointments (centre-scoped roles at their centres).';

create function private.messaging_roles()
returns public.staff_role[]
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * Who reads the messages sent to patients (tenant-wide roles only).
   * Example: select private.messaging_roles();
   */
  select array['owner', 'admin', 'manager', 'care_coordinator', 'front_desk']::public.staff_role[]
$$;
comment on function private.messaging_roles() is
  'Role set: owner, admin, manager, care_coordinator, front_desk. Read the tenant''s patient messages (tenant-wide roles).';

create function private.clinical_roles()
returns public.staff_role[]
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * Who writes and reads clinical records (medical notes), within the care relationship.
   * Example: select private.clinical_roles();  -- {clinician}
   */
  select array['clinician']::public.staff_role[]
$$;
comment on function private.clinical_roles() is
  'Role set: clinician. Write clinical notes and read those of patients in their care.';

create function private.roles_below_manager()
returns public.staff_role[]
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * The roles a manager may invite people to (and see invitations for).
   * Example: select private.roles_below_manager();
   */
  select array['centre_manager', 'clinician', 'care_coordinator', 'front_desk']::public.staff_role[]
$$;
comment on function private.roles_below_manager() is
  'Role set: centre_manager, clinician, care_coordinator, front_desk. The roles a manager may invite to.';

-- The booking RPCs name the front office as appointment_staff_roles(): one set, two names.
create or replace function private.appointment_staff_roles()
returns public.staff_role[]
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * Roles that book and manage appointments for patients at a centre: the front office
   * (private.front_office_roles()).
   * Example: select private.appointment_staff_roles();
   */
  select private.front_office_roles()
$$;
comment on function private.appointment_staff_roles() is
  'Roles that book and manage appointments for patients: the front office set, private.front_office_roles() (centre-scoped roles at their centre).';

revoke execute on function private.owner_roles() from public, anon, authenticated, service_role;
revoke execute on function private.tenant_admin_roles() from public, anon, authenticated, service_role;
revoke execute on function private.practice_manager_roles() from public, anon, authenticated, service_role;
revoke execute on function private.centre_manager_roles() from public, anon, authenticated, service_role;
revoke execute on function private.front_office_roles() from public, anon, authenticated, service_role;
revoke execute on function private.messaging_roles() from public, anon, authenticated, service_role;
revoke execute on function private.clinical_roles() from public, anon, authenticated, service_role;
revoke execute on function private.roles_below_manager() from public, anon, authenticated, service_role;
grant execute on function private.owner_roles() to authenticated, service_role;
grant execute on function private.tenant_admin_roles() to authenticated, service_role;
grant execute on function private.practice_manager_roles() to authenticated, service_role;
grant execute on function private.centre_manager_roles() to authenticated, service_role;
grant execute on function private.front_office_roles() to authenticated, service_role;
grant execute on function private.messaging_roles() to authenticated, service_role;
grant execute on function private.clinical_roles() to authenticated, service_role;
grant execute on function private.roles_below_manager() to authenticated, service_role;
