-- Realtime topics (issue 6): the private Broadcast channels Slotbase publishes on, and who may
-- receive each one. Topic names (all ids lowercase uuids, as uuid::text prints them):
--
--   schedule:<tenant_id>:<centre_id>        a centre's appointments    staff of the tenant
--   clinician:<tenant_id>:<clinician_id>    a clinician's appointments staff of the tenant, the clinician
--   patient:<tenant_id>:<patient_id>        a patient's appointments   the patient's user, staff of the tenant
--   availability:<tenant_id>:<centre_id>    "availability changed"     staff and patients of the tenant
--
-- "Staff of the tenant" is private.member_tenant_ids() - the same rule as the appointments SELECT
-- policy (every active member with a role sees every appointment of the tenant), so a topic never
-- shows more than the table would. See docs/realtime.md.

create function private.realtime_topic_parts(topic text)
returns table (kind text, tenant_id uuid, object_id uuid)
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * Splits a Slotbase topic `<kind>:<tenant_id>:<object_id>` into its parts. A topic of another
   * shape (unknown kind, not a lowercase uuid, extra parts, null) yields NO row - never an error,
   * so a malformed channel name simply fails authorization.
   *
   * Parameters: topic  e.g. 'schedule:1b4e28ba-2fa1-11d2-883f-0016d3cca427:6fa459ea-ee8a-3ca4-894e-db77e160355e'
   * Returns:    at most one (kind, tenant_id, object_id) row.
   * Example:    select * from private.realtime_topic_parts((select realtime.topic()))
   */
  select r.m[1], r.m[2]::uuid, r.m[3]::uuid
  from pg_catalog.regexp_match(
         topic,
         '^(schedule|clinician|patient|availability):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$'
       ) as r(m)
  where r.m is not null
$$;
comment on function private.realtime_topic_parts(text) is
  'Realtime: parses a Slotbase topic <kind>:<tenant_id>:<object_id> (kind schedule, clinician, patient or availability; lowercase uuids); no row for anything else (never an error).';

create function private.may_receive_realtime_topic(topic text)
returns boolean
language sql
stable
set search_path = ''
as $$
  /**
   * Whether the CALLER (auth.uid()) may receive broadcasts on `topic` (see the table at the top of
   * this migration). Security invoker: it only combines the security-definer membership helpers,
   * which read the caller's own memberships and patient records. False for malformed topics and
   * for callers without an account (anon, service_role claims).
   *
   * Parameters: topic  a Slotbase topic, normally (select realtime.topic())
   * Returns:    true / false (never null).
   * Example:    ... using ((select private.may_receive_realtime_topic((select realtime.topic()))))
   */
  select coalesce((
    select
      t.tenant_id in (select private.member_tenant_ids())
      or (t.kind = 'clinician'
          and (t.tenant_id, t.object_id) in (select k.tenant_id, k.clinician_id from private.clinician_keys_of_current_user() as k))
      or (t.kind = 'patient'
          and (t.tenant_id, t.object_id) in (select k.tenant_id, k.patient_id from private.patient_keys_of_current_user() as k))
      or (t.kind = 'availability'
          and t.tenant_id in (select k.tenant_id from private.patient_keys_of_current_user() as k))
    from private.realtime_topic_parts(may_receive_realtime_topic.topic) as t
  ), false)
$$;
comment on function private.may_receive_realtime_topic(text) is
  'Realtime authorization (used by the SELECT policy on realtime.messages): may the caller receive topic? schedule: staff of the tenant; clinician: staff, the clinician; patient: staff, the patient''s user; availability: staff and patients of the tenant. False for malformed topics.';

revoke execute on function private.realtime_topic_parts(text) from public, anon, authenticated, service_role;
revoke execute on function private.may_receive_realtime_topic(text) from public, anon, authenticated, service_role;
grant execute on function private.realtime_topic_parts(text) to authenticated;
grant execute on function private.may_receive_realtime_topic(text) to authenticated;
