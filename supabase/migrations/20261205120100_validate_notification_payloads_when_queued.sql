-- Notification payloads are checked when queued: private.enqueue_notification (behind
-- public.enqueue_notification and every notification trigger) refuses a payload that does not fit
-- the schema of its kind (private.notification_payload_problem, 20261205120000) with 22023 and a
-- message naming the field, so a bad value is refused by whoever wrote it instead of reaching the
-- dispatcher. The rest of the function is unchanged.

create or replace function private.enqueue_notification(
  p_tenant_id uuid, p_patient_id uuid, p_appointment_id uuid, p_kind public.notification_kind,
  p_payload jsonb, p_dedupe_key text, p_send_after timestamptz)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Queues a notification unless a live one (not voided) with the same tenant and dedupe key
 * exists, in which case that one's id is returned and nothing changes. The payload must fit
 * the schema of its kind (private.notification_payload_problem). The channel is resolved now
 * (private.notification_channel); a patient without any address gets the row as 'suppressed'
 * (last_error no_contact): having no address is expected, not an error.
 *
 * Parameters: tenant, patient (of that tenant), appointment (optional; of that tenant and
 *             patient), kind, payload (a JSON object of variables; null = {}), dedupe key,
 *             send_after (null = now).
 * Returns:    the notification id (new or existing).
 * Errors:     22023 missing argument, or a payload that does not fit its kind (the message
 *             names the field); PT404 unknown patient or appointment (in that tenant); PT422
 *             the appointment is another patient's.
 */
declare
  v_problem text;
  v_patient public.patients;
  v_appointment_patient uuid;
  v_channel public.contact_channel;
  v_id uuid;
begin
  if p_tenant_id is null or p_patient_id is null or p_kind is null
     or p_dedupe_key is null or pg_catalog.btrim(p_dedupe_key) = '' then
    raise exception using errcode = '22023', message = 'tenant_id, patient_id, kind and dedupe_key are required',
      hint = 'Pass a dedupe key that identifies this message, e.g. payment_link:<payment id>.';
  end if;
  if p_payload is not null and pg_catalog.jsonb_typeof(p_payload) <> 'object' then
    raise exception using errcode = '22023', message = 'payload must be a JSON object',
      hint = 'Pass the template variables as an object, e.g. {"payment_url": "https://...", "amount": 100.00, "currency": "GBP"}.';
  end if;
  select p.* into v_patient from public.patients as p where p.tenant_id = p_tenant_id and p.id = p_patient_id;
  if not found then
    raise exception using errcode = 'PT404', message = 'patient not found',
      hint = 'Pass a patient of this tenant.';
  end if;
  if p_appointment_id is not null then
    select a.patient_id into v_appointment_patient from public.appointments as a
    where a.tenant_id = p_tenant_id and a.id = p_appointment_id;
    if not found then
      raise exception using errcode = 'PT404', message = 'appointment not found',
        hint = 'Pass an appointment of this tenant, or null.';
    end if;
    if v_appointment_patient <> p_patient_id then
      raise exception using errcode = 'PT422', message = 'the appointment belongs to another patient',
        hint = 'Notify the appointment''s own patient.';
    end if;
  end if;

  v_problem := private.notification_payload_problem(p_kind, coalesce(p_payload, '{}'::jsonb));
  if v_problem is not null then
    raise exception using errcode = '22023', message = pg_catalog.format('invalid %s payload: %s', p_kind, v_problem),
      hint = 'See private.notification_payload_fields() for the fields of each kind (docs/notifications.md, Payloads).';
  end if;

  v_channel := private.notification_channel(v_patient);
  insert into public.notifications (tenant_id, patient_id, appointment_id, kind, channel, payload, dedupe_key,
                                    send_after, status, last_error)
  values (p_tenant_id, p_patient_id, p_appointment_id, p_kind, v_channel, coalesce(p_payload, '{}'::jsonb),
          pg_catalog.btrim(p_dedupe_key), coalesce(p_send_after, pg_catalog.now()),
          case when v_channel is null then 'suppressed' else 'queued' end::public.notification_status,
          case when v_channel is null then 'no_contact: the patient has no phone number or e-mail address' end)
  on conflict (tenant_id, dedupe_key) where status <> 'voided' do nothing
  returning id into v_id;
  if v_id is null then
    select n.id into v_id from public.notifications as n
    where n.tenant_id = p_tenant_id and n.dedupe_key = pg_catalog.btrim(p_dedupe_key) and n.status <> 'voided';
  end if;
  return v_id;
end
$$;
comment on function private.enqueue_notification(uuid, uuid, uuid, public.notification_kind, jsonb, text, timestamptz) is
  'Notifications: queues a message idempotently on (tenant, dedupe_key) - suppressed (no_contact) when the patient has no address; returns the new or existing id. Used by the triggers and public.enqueue_notification.';
revoke execute on function private.enqueue_notification(uuid, uuid, uuid, public.notification_kind, jsonb, text, timestamptz) from public, anon, authenticated, service_role;
grant execute on function private.enqueue_notification(uuid, uuid, uuid, public.notification_kind, jsonb, text, timestamptz) to service_role;
