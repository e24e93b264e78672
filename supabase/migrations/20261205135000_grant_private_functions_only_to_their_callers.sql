-- EXECUTE on private functions, only where a caller path needs it. A role needs EXECUTE on a
-- private function only when the function runs AS that role: a policy it is checked against, a
-- security-invoker function it calls (a public RPC wrapper, a view, a guard trigger, a check
-- constraint, an index predicate of a table it writes). A function called only from security-
-- definer functions runs as their owner and needs no API grant. The full list, with the caller
-- path that justifies each grant, is asserted by
-- supabase/tests/api_surface/every_private_function_is_executable_only_by_the_roles_that_call_it.test.sql
-- and shown in docs/access-matrix.md.
--
-- Taken away here:
--   clinician_open_windows   anon, authenticated, service_role  (only slot search and booking,
--                            definers, call it; directly it showed hidden clinicians' hours)
--   status_occupies          anon, authenticated  (evaluated as the writer of appointments:
--                            only service_role writes them directly)
--   appointment_next_statuses authenticated  (the status guard runs for direct writers: service_role)
--   appointment_staff_roles, is_server_caller   authenticated, service_role  (definers only)
--   the RLS helpers and role sets that only policies use   service_role  (it bypasses RLS)

revoke execute on function private.clinician_open_windows(uuid, uuid, uuid, tstzrange) from anon, authenticated, service_role;
revoke execute on function private.status_occupies(public.appointment_status) from anon, authenticated;
revoke execute on function private.appointment_next_statuses(public.appointment_status) from authenticated;
revoke execute on function private.appointment_staff_roles() from authenticated, service_role;
revoke execute on function private.is_server_caller() from authenticated, service_role;

revoke execute on function private.tenant_ids_with_role_at_any_scope(public.staff_role[]) from service_role;
revoke execute on function private.member_tenant_ids() from service_role;
revoke execute on function private.member_keys_of_current_user() from service_role;
revoke execute on function private.member_keys_with_role(public.staff_role[]) from service_role;
revoke execute on function private.patient_keys_of_current_user() from service_role;
revoke execute on function private.clinician_keys_of_current_user() from service_role;
revoke execute on function private.tenant_wide_staff_tenant_ids() from service_role;
revoke execute on function private.scoped_centre_keys(public.staff_role[]) from service_role;
revoke execute on function private.patient_keys_at_scoped_centres(public.staff_role[]) from service_role;
revoke execute on function private.patient_keys_in_care_of_current_user() from service_role;
revoke execute on function private.appointment_keys_of_scoped_staff() from service_role;
revoke execute on function private.note_keys_authored_by_current_user() from service_role;
revoke execute on function private.note_keys_shared_with_current_user() from service_role;
revoke execute on function private.patient_keys_with_open_break_glass() from service_role;
revoke execute on function private.caller_can_read_row(text, jsonb) from service_role;
revoke execute on function private.owner_roles() from service_role;
revoke execute on function private.tenant_admin_roles() from service_role;
revoke execute on function private.practice_manager_roles() from service_role;
revoke execute on function private.centre_manager_roles() from service_role;
revoke execute on function private.front_office_roles() from service_role;
revoke execute on function private.messaging_roles() from service_role;
revoke execute on function private.clinical_roles() from service_role;
revoke execute on function private.roles_below_manager() from service_role;
revoke execute on function private.staff_roles() from service_role;
