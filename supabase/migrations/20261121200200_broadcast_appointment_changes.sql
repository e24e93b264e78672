-- Broadcast from the database: every appointment insert, relevant update and delete is published
-- to the private Realtime topics of its centre, clinician and patient (docs/realtime.md):
--
--   schedule:<tenant_id>:<centre_id>, clinician:<tenant_id>:<clinician_id>, patient:<tenant_id>:<patient_id>
--
-- Events: appointment_created (INSERT), appointment_changed (UPDATE of status, times, clinician,
-- centre, service or patient; other updates, e.g. payment bookkeeping, publish nothing),
-- appointment_deleted (DELETE), and appointment_left on a topic the appointment no longer belongs
-- to after an UPDATE (moved to another centre / clinician / patient).
--
-- Payload (the same on the three topics; every receiver of them may read the whole row through
-- the appointments SELECT policy: staff of the tenant, the clinician - who is staff - and the
-- patient):
--   {appointment_id, tenant_id, operation, status, starts_at, ends_at, clinician_id, centre_id,
--    service_id, patient_id, previous: {status, starts_at, ends_at, clinician_id, centre_id} | null}
-- plus `id` (the message id realtime.send adds). Never free text (cancellation or override
-- reasons), notes, prices or anything from other tables. appointment_left carries only
-- {appointment_id, tenant_id, operation}: the receiver just drops the appointment.
--
-- realtime.send is security invoker: the function is security definer (owner postgres, BYPASSRLS)
-- so the insert into realtime.messages is not subject to the receive-only RLS of the caller.
-- realtime.send swallows its own errors (WARNING), so a failed broadcast never fails a booking.

create function private.broadcast_appointment_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
/**
 * AFTER INSERT/UPDATE/DELETE row trigger on public.appointments: publishes the change to the
 * schedule, clinician and patient topics (see the header of this migration for events and
 * payload). Returns null (after trigger).
 */
declare
  v_row public.appointments;
  v_event text;
  v_payload jsonb;
  v_topics text[];
  v_topic text;
begin
  if tg_op = 'DELETE' then
    v_row := old;
  else
    v_row := new;
  end if;

  if tg_op = 'UPDATE'
     and (new.status, new.starts_at, new.ends_at, new.clinician_id, new.centre_id, new.service_id, new.patient_id)
         is not distinct from (old.status, old.starts_at, old.ends_at, old.clinician_id, old.centre_id, old.service_id, old.patient_id) then
    return null;
  end if;

  v_event := case tg_op when 'INSERT' then 'appointment_created' when 'UPDATE' then 'appointment_changed' else 'appointment_deleted' end;
  v_payload := pg_catalog.jsonb_build_object(
    'appointment_id', v_row.id,
    'tenant_id', v_row.tenant_id,
    'operation', tg_op,
    'status', v_row.status,
    'starts_at', v_row.starts_at,
    'ends_at', v_row.ends_at,
    'clinician_id', v_row.clinician_id,
    'centre_id', v_row.centre_id,
    'service_id', v_row.service_id,
    'patient_id', v_row.patient_id,
    'previous', case when tg_op = 'UPDATE' then pg_catalog.jsonb_build_object(
      'status', old.status, 'starts_at', old.starts_at, 'ends_at', old.ends_at,
      'clinician_id', old.clinician_id, 'centre_id', old.centre_id) end);

  v_topics := array[
    'schedule:' || v_row.tenant_id::text || ':' || v_row.centre_id::text,
    'clinician:' || v_row.tenant_id::text || ':' || v_row.clinician_id::text,
    'patient:' || v_row.tenant_id::text || ':' || v_row.patient_id::text];
  foreach v_topic in array v_topics loop
    perform realtime.send(v_payload, v_event, v_topic, true);
  end loop;

  if tg_op = 'UPDATE' then
    foreach v_topic in array array[
      'schedule:' || old.tenant_id::text || ':' || old.centre_id::text,
      'clinician:' || old.tenant_id::text || ':' || old.clinician_id::text,
      'patient:' || old.tenant_id::text || ':' || old.patient_id::text] loop
      if not (v_topic = any (v_topics)) then
        perform realtime.send(
          pg_catalog.jsonb_build_object('appointment_id', old.id, 'tenant_id', old.tenant_id, 'operation', tg_op),
          'appointment_left', v_topic, true);
      end if;
    end loop;
  end if;
  return null;
end
$$;
comment on function private.broadcast_appointment_change() is
  'Trigger function on appointments (security definer, so the database - not the caller - writes realtime.messages): publishes appointment_created / appointment_changed / appointment_deleted (and appointment_left on topics an appointment moved away from) to its schedule, clinician and patient topics. Payload without free text; see docs/realtime.md.';
revoke execute on function private.broadcast_appointment_change() from public, anon, authenticated, service_role;

create trigger broadcast_appointment_change after insert or update or delete on public.appointments
  for each row
  execute function private.broadcast_appointment_change();
comment on trigger broadcast_appointment_change on public.appointments is
  'Realtime: publishes each appointment change to the private topics schedule:<tenant>:<centre>, clinician:<tenant>:<clinician>, patient:<tenant>:<patient> (private.broadcast_appointment_change, docs/realtime.md).';
