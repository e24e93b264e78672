-- How a notification is addressed, worded and queued (issue 5, notifications):
--   private.notification_channel(patient)        sms | email | null (no address)
--   private.notification_language_chain(...)     the languages tried for the template
--   private.format_local_time(at, tz, language)  "Mon 3 Mar 2026, 09:30 (Europe/London)"
--   private.render_template(template, variables) one-pass {{placeholder}} substitution
--   private.render_notification(notification, channel)  language, subject, body at claim time
--   private.enqueue_notification(...) / public.enqueue_notification(...)  idempotent queueing
-- Used by the triggers (20261121220600) and the dispatcher API (20261121220700).

create function private.notification_channel(p_patient public.patients)
returns public.contact_channel
language sql
immutable
set search_path = ''
as $$
  /**
   * The channel a patient is messaged on: their preferred_channel when they have an address for
   * it, else sms when they have a phone number, else email when they have an e-mail address,
   * else null (nobody to send to: the message is suppressed).
   * Example: select private.notification_channel(p) from public.patients as p where p.id = '...';
   */
  select case
    when p_patient.preferred_channel = 'sms' and p_patient.phone is not null then 'sms'
    when p_patient.preferred_channel = 'email' and p_patient.email is not null then 'email'
    when p_patient.phone is not null then 'sms'
    when p_patient.email is not null then 'email'
  end::public.contact_channel
$$;
comment on function private.notification_channel(public.patients) is
  'Notifications: the patient''s channel - preferred_channel when it has an address, else sms with a phone, else email with an e-mail address, else null (suppressed).';
revoke execute on function private.notification_channel(public.patients) from public, anon, authenticated, service_role;

create function private.notification_language_chain(p_preferred_language text, p_tenant_locale text)
returns text[]
language sql
immutable
parallel safe
set search_path = ''
as $$
  /**
   * The languages tried, in order, for a message's template: the patient's preferred language,
   * its primary subtag, the tenant's locale, its primary subtag, then en (duplicates and nulls
   * removed).
   * Example: select private.notification_language_chain('es-MX', 'en-GB');  -- {es-MX,es,en-GB,en}
   */
  select pg_catalog.array_agg(l.language order by l.position)
  from (
    select c.language, pg_catalog.min(c.position) as position
    from pg_catalog.unnest(array[
           p_preferred_language,
           pg_catalog.split_part(p_preferred_language, '-', 1),
           p_tenant_locale,
           pg_catalog.split_part(p_tenant_locale, '-', 1),
           'en']) with ordinality as c(language, position)
    where c.language is not null and c.language <> ''
    group by c.language
  ) as l
$$;
comment on function private.notification_language_chain(text, text) is
  'Notifications: the template languages tried in order - patient preferred_language, its primary subtag, tenant locale, its primary subtag, en.';
revoke execute on function private.notification_language_chain(text, text) from public, anon, authenticated, service_role;

create function private.format_local_time(p_at timestamptz, p_timezone text, p_language text)
returns text
language plpgsql
stable
set search_path = ''
as $$
/**
 * A time as a patient reads it, in the given time zone: "Mon 3 Mar 2026, 09:30 (Europe/London)";
 * Spanish day and month names for es ("lun 3 mar 2026, 09:30 (Europe/Madrid)"), English for
 * every other language. 24-hour clock.
 *
 * Parameters: p_at the instant (null gives null); p_timezone an IANA zone; p_language a tag.
 * Returns:    the text.
 * Example:    select private.format_local_time(now(), 'Europe/London', 'en');
 */
declare
  v_local timestamp;
  v_es boolean := pg_catalog.split_part(pg_catalog.lower(coalesce(p_language, 'en')), '-', 1) = 'es';
  v_days text[];
  v_months text[];
begin
  if p_at is null then
    return null;
  end if;
  v_local := p_at at time zone p_timezone;
  if v_es then
    v_days := array['dom', 'lun', 'mar', 'mié', 'jue', 'vie', 'sáb'];
    v_months := array['ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sept', 'oct', 'nov', 'dic'];
  else
    v_days := array['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
    v_months := array['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  end if;
  return pg_catalog.format('%s %s %s %s, %s (%s)',
    v_days[extract(dow from v_local)::integer + 1],
    extract(day from v_local)::integer,
    v_months[extract(month from v_local)::integer],
    extract(year from v_local)::integer,
    pg_catalog.to_char(v_local, 'HH24:MI'),
    p_timezone);
end
$$;
comment on function private.format_local_time(timestamptz, text, text) is
  'Notifications: an instant as local text in a time zone, e.g. "Mon 3 Mar 2026, 09:30 (Europe/London)" (Spanish names for es, English otherwise).';
revoke execute on function private.format_local_time(timestamptz, text, text) from public, anon, authenticated, service_role;

create function private.render_template(p_template text, p_variables jsonb)
returns text
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
/**
 * Replaces every {{name}} (spaces inside the braces allowed) in p_template with the text value
 * of p_variables ->> name, or with nothing when the variable is unknown or null. One pass over
 * the template: a value that itself contains {{...}} is inserted literally, never expanded.
 * Values are plain text (no HTML escaping: messages are plain text).
 *
 * Parameters: p_template the template; p_variables a JSON object of values.
 * Returns:    the rendered text (null for a null template).
 * Example:    select private.render_template('Hi {{patient_name}}', '{"patient_name": "Ana"}');  -- Hi Ana
 */
declare
  v_pattern constant text := '\{\{\s*([A-Za-z0-9_]+)\s*\}\}';
  v_parts text[];
  v_names text[];
  v_out text;
begin
  if p_template is null then
    return null;
  end if;
  v_parts := pg_catalog.regexp_split_to_array(p_template, v_pattern);
  select pg_catalog.array_agg(m.match[1] order by m.position) into v_names
  from pg_catalog.regexp_matches(p_template, v_pattern, 'g') with ordinality as m(match, position);
  v_out := v_parts[1];
  for v_i in 1 .. coalesce(pg_catalog.array_length(v_names, 1), 0) loop
    v_out := v_out || coalesce(p_variables ->> v_names[v_i], '') || coalesce(v_parts[v_i + 1], '');
  end loop;
  return v_out;
end
$$;
comment on function private.render_template(text, jsonb) is
  'Notifications: one-pass {{placeholder}} substitution with plain-text values; unknown placeholders render empty, values are never expanded again.';
revoke execute on function private.render_template(text, jsonb) from public, anon, authenticated, service_role;

create function private.render_notification(p_notification public.notifications, p_channel public.contact_channel)
returns table (language text, subject text, body text)
language plpgsql
stable
security definer
set search_path = ''
as $$
/**
 * Renders a notification for a channel, as the dispatcher claims it.
 * Template: for each language of private.notification_language_chain(patient
 * preferred_language, tenant locale): the tenant's override (public.notification_templates),
 * else the built-in default (private.default_notification_templates); the first found wins.
 * Variables: patient_name (patient), clinic_name (tenant), service_name and centre_name (the
 * appointment's, else payload), starts_at_local (payload.starts_at, else the appointment's
 * start), previous_starts_at_local, offer_expires_at_local (payload), payment_url (payload),
 * amount (payload.amount and payload.currency); times in the centre's time zone (else the
 * tenant's), formatted in the template's language.
 *
 * Parameters: the notification row; the channel.
 * Returns:    one row: the template's language, the rendered subject (email) and body.
 */
#variable_conflict use_column
declare
  v_patient public.patients;
  v_tenant public.tenants;
  v_appointment public.appointments;
  v_service_name text;
  v_centre_name text;
  v_timezone text;
  v_language text;
  v_subject text;
  v_body text;
  v_payload jsonb := coalesce(p_notification.payload, '{}'::jsonb);
  v_variables jsonb;
begin
  select p.* into v_patient from public.patients as p
  where p.tenant_id = p_notification.tenant_id and p.id = p_notification.patient_id;
  select t.* into v_tenant from public.tenants as t where t.id = p_notification.tenant_id;
  if p_notification.appointment_id is not null then
    select a.* into v_appointment from public.appointments as a
    where a.tenant_id = p_notification.tenant_id and a.id = p_notification.appointment_id;
    select s.name into v_service_name from public.services as s
    where s.tenant_id = v_appointment.tenant_id and s.id = v_appointment.service_id;
    select c.name, c.timezone into v_centre_name, v_timezone from public.centres as c
    where c.tenant_id = v_appointment.tenant_id and c.id = v_appointment.centre_id;
  end if;
  v_timezone := coalesce(v_timezone, v_tenant.timezone, 'UTC');

  select t.language, t.subject, t.body into v_language, v_subject, v_body
  from pg_catalog.unnest(private.notification_language_chain(v_patient.preferred_language, v_tenant.locale))
         with ordinality as l(language, position)
  cross join lateral (
    select nt.language::text as language, nt.subject, nt.body, 0 as priority
    from public.notification_templates as nt
    where nt.tenant_id = p_notification.tenant_id and nt.kind = p_notification.kind
      and nt.channel = p_channel and nt.language = l.language
    union all
    select d.language::text, d.subject, d.body, 1
    from private.default_notification_templates as d
    where d.kind = p_notification.kind and d.channel = p_channel and d.language = l.language
  ) as t
  order by l.position, t.priority
  limit 1;

  v_variables := pg_catalog.jsonb_build_object(
    'patient_name', v_patient.full_name,
    'clinic_name', v_tenant.name,
    'service_name', coalesce(v_service_name, v_payload ->> 'service_name'),
    'centre_name', coalesce(v_centre_name, v_payload ->> 'centre_name'),
    'starts_at_local', private.format_local_time(
      coalesce((v_payload ->> 'starts_at')::timestamptz, v_appointment.starts_at), v_timezone, v_language),
    'previous_starts_at_local', private.format_local_time((v_payload ->> 'previous_starts_at')::timestamptz, v_timezone, v_language),
    'offer_expires_at_local', private.format_local_time((v_payload ->> 'offer_expires_at')::timestamptz, v_timezone, v_language),
    'payment_url', v_payload ->> 'payment_url',
    'amount', pg_catalog.concat_ws(' ', v_payload ->> 'amount', v_payload ->> 'currency'));

  language := v_language;
  subject := case when p_channel = 'email' then private.render_template(v_subject, v_variables) end;
  body := private.render_template(v_body, v_variables);
  return next;
end
$$;
comment on function private.render_notification(public.notifications, public.contact_channel) is
  'Notifications: the language, subject and body of a notification for a channel - the tenant override or built-in default template of the first language in the patient/tenant chain, with its placeholders filled (times in the centre''s zone).';
revoke execute on function private.render_notification(public.notifications, public.contact_channel) from public, anon, authenticated, service_role;

create function private.enqueue_notification(
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
 * exists, in which case that one's id is returned and nothing changes. The channel is resolved
 * now (private.notification_channel); a patient without any address gets the row as
 * 'suppressed' (last_error no_contact) instead of an error, so callers (triggers) never fail.
 *
 * Parameters: tenant, patient (of that tenant), appointment (optional; of that tenant and
 *             patient), kind, payload (a JSON object of variables; null = {}), dedupe key,
 *             send_after (null = now).
 * Returns:    the notification id (new or existing).
 * Errors:     22023 missing argument or payload not an object; PT404 unknown patient or
 *             appointment (in that tenant); PT422 the appointment is another patient's.
 */
declare
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

create function public.enqueue_notification(
  tenant_id uuid, patient_id uuid, appointment_id uuid, kind public.notification_kind,
  payload jsonb, dedupe_key text, send_after timestamptz default pg_catalog.now())
returns uuid
language sql
volatile
set search_path = ''
as $$
  /**
   * Queues a message for a patient (server-side callers only, e.g. the payments wiring:
   * payment_link with {"payment_url", "amount", "currency"}, payment_receipt with {"amount",
   * "currency"}). Idempotent on dedupe_key: calling again with the same key returns the same id
   * and changes nothing.
   *
   * Parameters: tenant_id, patient_id, appointment_id (or null), kind, payload (template
   *             variables), dedupe_key (e.g. payment_link:<payment id>), send_after (default now).
   * Returns:    the notification id.
   * Errors:     22023, PT404, PT422 (see private.enqueue_notification).
   * Example:    select public.enqueue_notification(:tenant, :patient, :appointment, 'payment_link',
   *               '{"payment_url": "https://checkout.stripe.com/c/pay/cs_...", "amount": 50.00, "currency": "GBP"}',
   *               'payment_link:' || :payment_id);
   */
  select private.enqueue_notification($1, $2, $3, $4, $5, $6, $7)
$$;
comment on function public.enqueue_notification(uuid, uuid, uuid, public.notification_kind, jsonb, text, timestamptz) is
  'Queues a notification for a patient (service_role only), idempotent on dedupe_key; returns its id. Used by the payments wiring for payment_link and payment_receipt.';
revoke execute on function public.enqueue_notification(uuid, uuid, uuid, public.notification_kind, jsonb, text, timestamptz) from public, anon, authenticated, service_role;
grant execute on function public.enqueue_notification(uuid, uuid, uuid, public.notification_kind, jsonb, text, timestamptz) to service_role;
