-- Which roles a rule means is written once, as a named role set (private.practice_manager_roles()
-- and friends): no policy spells out a role, nor does any function a policy calls (the access
-- helpers) or the clinician self-edit guard (a role array or a role literal cast to staff_role). The sets themselves are pinned here, so
-- changing who belongs to one is a deliberate, visible change.
begin;
select plan(5);

-- TEST: no literal roles in policies
select is_empty(
  $$ select pol.polrelid::regclass::text, pol.polname
     from pg_catalog.pg_policy as pol
     where coalesce(pg_catalog.pg_get_expr(pol.polqual, pol.polrelid), '') || coalesce(pg_catalog.pg_get_expr(pol.polwithcheck, pol.polrelid), '')
           ~ '''(owner|admin|manager|centre_manager|clinician|care_coordinator|front_desk)''' $$,
  'no policy spells out a role: each names a role set');

-- TEST: nor in the functions the policies call, or the access guards
select is_empty(
  $$ select p.oid::regprocedure::text
     from pg_catalog.pg_proc as p
     join pg_catalog.pg_namespace as n on n.oid = p.pronamespace
     where n.nspname = 'private'
       and p.prosrc ~ '(array\[\s*''(owner|admin|manager|centre_manager|clinician|care_coordinator|front_desk)''|''(owner|admin|manager|centre_manager|clinician|care_coordinator|front_desk)''::(public\.)?staff_role)'
       and p.oid <> all (array['private.owner_roles()', 'private.tenant_admin_roles()', 'private.practice_manager_roles()',
                               'private.centre_manager_roles()', 'private.front_office_roles()', 'private.messaging_roles()',
                               'private.clinical_roles()', 'private.roles_below_manager()', 'private.staff_roles()',
                               'private.staff_override_roles()']::regprocedure[])
       and (p.oid = 'private.guard_clinician_self_edit()'::regprocedure
            or exists (select 1 from pg_catalog.pg_policy as pol
                        where coalesce(pg_catalog.pg_get_expr(pol.polqual, pol.polrelid), '') || coalesce(pg_catalog.pg_get_expr(pol.polwithcheck, pol.polrelid), '')
                              ~ ('private\.' || p.proname || '\('))) $$,
  'no access helper used by a policy, nor the clinician self-edit guard, spells out a role');

-- TEST: the sets
select results_eq(
  $$ select s.name, s.roles::text[]
     from (values
       ('owner_roles', private.owner_roles()), ('tenant_admin_roles', private.tenant_admin_roles()),
       ('practice_manager_roles', private.practice_manager_roles()), ('centre_manager_roles', private.centre_manager_roles()),
       ('front_office_roles', private.front_office_roles()), ('messaging_roles', private.messaging_roles()),
       ('clinical_roles', private.clinical_roles()), ('roles_below_manager', private.roles_below_manager()),
       ('staff_override_roles', private.staff_override_roles())) as s(name, roles) $$,
  $$ values ('owner_roles', array['owner']), ('tenant_admin_roles', array['owner', 'admin']),
            ('practice_manager_roles', array['owner', 'admin', 'manager']),
            ('centre_manager_roles', array['owner', 'admin', 'manager', 'centre_manager']),
            ('front_office_roles', array['owner', 'admin', 'manager', 'centre_manager', 'care_coordinator', 'front_desk']),
            ('messaging_roles', array['owner', 'admin', 'manager', 'care_coordinator', 'front_desk']),
            ('clinical_roles', array['clinician']),
            ('roles_below_manager', array['centre_manager', 'clinician', 'care_coordinator', 'front_desk']),
            ('staff_override_roles', array['owner', 'admin', 'manager', 'front_desk']) $$,
  'the role sets and their members');
select is(private.staff_roles(), pg_catalog.enum_range(null::public.staff_role),
  'staff_roles() is every staff role (a new role must be added there too)');
select is(private.appointment_staff_roles(), private.front_office_roles(),
  'the booking RPCs'' appointment staff are the front office set');

select * from finish();
rollback;
