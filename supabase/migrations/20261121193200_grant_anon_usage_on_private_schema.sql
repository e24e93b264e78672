-- Slot search is open to anonymous visitors (issue 4): public.search_slots is a security
-- invoker wrapper (the convention for public RPCs) around the security definer
-- private.search_slots, so the anon role itself must be able to reach that function, which
-- needs USAGE on schema private (20261121170800 granted it to authenticated and service_role
-- only).
--
-- USAGE exposes nothing else:
--   * private is not in the Data API's schemas (supabase/config.toml), so PostgREST never
--     serves it; anon reaches private objects only through functions of public;
--   * every function in private revokes EXECUTE from public and anon and grants it one role at a
--     time (supabase/tests/api_surface/functions_are_not_executable_through_public.test.sql);
--     anon holds EXECUTE on exactly the functions listed in
--     supabase/tests/search_slots/anon_can_execute_exactly_the_private_functions_granted_to_it.test.sql
--     (clinician_open_windows, status_occupies, search_slots), which return time ranges,
--     booleans and slots, never rows;
--   * private has no tables, views or sequences (only two composite types of the recurrence
--     engine, which carry no data).

grant usage on schema private to anon;
