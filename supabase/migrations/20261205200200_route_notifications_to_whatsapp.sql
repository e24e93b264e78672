-- Messages by WhatsApp, with SMS as the fallback (docs/notifications.md, "WhatsApp"):
--   a patient whose preferred_channel is whatsapp and who has a phone number gets WhatsApp when it
--   is possible when the message is claimed:
--     the dispatcher can send WhatsApp (claim_notifications(..., whatsapp => true)),
--     the number has not opted out of WhatsApp, a reminder has not been declined on WhatsApp,
--     the tenant maps an approved Content template to the kind in a language of the patient's
--     chain (public.whatsapp_templates), and every variable of that template has a value;
--   otherwise the message goes by SMS, with the reason in notifications.fallback_reason.
--   When Twilio refuses the WhatsApp message for the recipient (the number is not on WhatsApp,
--   outside the 24-hour window), at send time (record_notification_result 'fallback') or in a
--   later status callback (public.fall_back_to_sms), the WhatsApp row is kept and an SMS copy is
--   queued once (its own row, fallback_of naming the WhatsApp one).
-- Opt-outs are per channel: STOP on WhatsApp opts the number out of WhatsApp only.
--
-- Objects: notifications.content_sid / content_variables / fallback_of / fallback_reason;
-- whatsapp in the opt-out tables (source whatsapp_stop); private.normalise_contact_address,
-- private.notification_channel, private.record_opt_event (replaced); private.notification_variables,
-- private.render_notification (variables in one place); private.whatsapp_content;
-- private.notification_suppression; private/public.claim_notifications (a whatsapp argument and
-- two columns more: dropped and created again); private.queue_sms_fallback;
-- private/public.record_notification_result (outcome fallback); public.fall_back_to_sms.

-- Columns ---------------------------------------------------------------------------------------

alter table public.notifications
  add column content_sid text null,
  add column content_variables jsonb null,
  add column fallback_of uuid null,
  add column fallback_reason text null,
  add constraint notifications_content_sid_format check (content_sid ~ '^HX[0-9a-f]{32}$'),
  add constraint notifications_content_variables_is_object check (pg_catalog.jsonb_typeof(content_variables) = 'object'),
  add constraint notifications_fallback_reason_length check (pg_catalog.char_length(fallback_reason) <= 1000),
  add constraint notifications_tenant_id_fallback_of_fkey foreign key (tenant_id, fallback_of)
    references public.notifications (tenant_id, id) on delete set null (fallback_of);
comment on column public.notifications.content_sid is 'WhatsApp only: the approved Twilio Content template (ContentSid) the message is sent with (public.whatsapp_templates, resolved at claim).';
comment on column public.notifications.content_variables is 'WhatsApp only: the template''s variables as sent (ContentVariables), e.g. {"1": "Ana", "2": "Tue 3 Mar 2026, 09:30 (Europe/London)"}.';
comment on column public.notifications.fallback_of is 'For an SMS sent because WhatsApp failed for the recipient: the WhatsApp notification it replaces.';
comment on column public.notifications.fallback_reason is 'Why the message went by SMS although the patient prefers WhatsApp (whatsapp_not_configured, whatsapp_opted_out, whatsapp_no_consent, no_whatsapp_template, whatsapp_variable_empty, or the provider''s refusal); null otherwise.';
comment on column public.notifications.channel is 'sms, email or whatsapp: resolved when queued (the patient''s preferred_channel when it has an address, else sms when there is a phone, else email) and again at claim from the patient''s current details (whatsapp falls back to sms when it is not possible: fallback_reason); null when the patient has no address (then suppressed).';
comment on column public.notifications.body is 'Rendered plain-text message (at claim). For whatsapp the text of the SMS template in the same language, as a preview: the patient reads the approved Content template (content_sid) filled with content_variables.';
comment on constraint notifications_content_sid_format on public.notifications is 'A Twilio Content SID: HX and 32 lower-case hex digits.';
comment on constraint notifications_content_variables_is_object on public.notifications is 'Template variables are a JSON object.';
comment on constraint notifications_fallback_reason_length on public.notifications is 'Fallback reasons are at most 1000 characters.';
comment on constraint notifications_tenant_id_fallback_of_fkey on public.notifications is 'The replaced WhatsApp notification is of the same tenant; removing it keeps the SMS.';
create index notifications_tenant_id_fallback_of_idx on public.notifications (tenant_id, fallback_of) where fallback_of is not null;
comment on index public.notifications_tenant_id_fallback_of_idx is 'Serves the fallback_of foreign key.';

alter table public.notification_templates
  add constraint notification_templates_channel_not_whatsapp check (channel <> 'whatsapp');
comment on constraint notification_templates_channel_not_whatsapp on public.notification_templates is
  'WhatsApp messages use approved Twilio Content templates (public.whatsapp_templates), not free text.';

-- Opt-outs per channel, WhatsApp included -------------------------------------------------------

alter table private.notification_opt_outs
  drop constraint notification_opt_outs_source_valid,
  drop constraint notification_opt_outs_address_format,
  add constraint notification_opt_outs_source_valid check (source in ('sms_stop', 'whatsapp_stop', 'email_unsubscribe', 'email_complaint', 'staff')),
  add constraint notification_opt_outs_address_format check (
    (channel in ('sms', 'whatsapp') and address ~ '^\+[1-9][0-9]{6,14}$')
    or (channel = 'email' and address = pg_catalog.lower(address) and address ~ '^[^@\s]+@[^@\s]+$'));
comment on constraint notification_opt_outs_source_valid on private.notification_opt_outs is 'Known opt-out sources only.';
comment on constraint notification_opt_outs_address_format on private.notification_opt_outs is 'Phone numbers (sms, whatsapp) in E.164, e-mail addresses in lower case.';
comment on column private.notification_opt_outs.channel is 'sms, email or whatsapp: an opt-out stops that channel only.';
comment on column private.notification_opt_outs.source is 'Why: sms_stop (the recipient texted STOP), whatsapp_stop (STOP on WhatsApp), email_unsubscribe, email_complaint (marked as spam), staff (on the patient''s request).';

alter table private.notification_opt_events
  drop constraint notification_opt_events_source_valid,
  drop constraint notification_opt_events_address_format,
  add constraint notification_opt_events_source_valid check (
    (action = 'opt_out' and source in ('sms_stop', 'whatsapp_stop', 'email_unsubscribe', 'email_complaint', 'staff'))
    or (action = 'opt_in' and source is null)),
  add constraint notification_opt_events_address_format check (
    (channel in ('sms', 'whatsapp') and address ~ '^\+[1-9][0-9]{6,14}$')
    or (channel = 'email' and address = pg_catalog.lower(address) and address ~ '^[^@\s]+@[^@\s]+$'));
comment on constraint notification_opt_events_source_valid on private.notification_opt_events is 'Opt-outs name a known source; opt-ins none.';
comment on constraint notification_opt_events_address_format on private.notification_opt_events is 'Phone numbers (sms, whatsapp) in E.164, e-mail addresses in lower case.';

create or replace function private.normalise_contact_address(p_channel public.contact_channel, p_address text)
returns text
language plpgsql
immutable
set search_path = ''
as $$
/**
 * The stored form of an address: sms and whatsapp -> E.164 with + (a whatsapp: prefix, spaces,
 * dashes and brackets removed; a leading + added to bare digits); email -> trimmed and lower-cased.
 *
 * Parameters: channel; address.
 * Returns:    the normalised address.
 * Errors:     22023 when it is not a phone number / e-mail address.
 */
declare
  v_address text := pg_catalog.btrim(p_address);
begin
  if p_channel is null or v_address is null or v_address = '' then
    raise exception using errcode = '22023', message = 'channel and address are required',
      hint = 'Pass sms or whatsapp with a phone number (E.164, e.g. +447700900123) or email with an e-mail address.';
  end if;
  if p_channel in ('sms', 'whatsapp') then
    v_address := pg_catalog.regexp_replace(v_address, '^whatsapp:', '', 'i');
    v_address := pg_catalog.regexp_replace(v_address, '[\s().-]', '', 'g');
    if v_address ~ '^[1-9][0-9]{6,14}$' then
      v_address := '+' || v_address;
    end if;
    if v_address !~ '^\+[1-9][0-9]{6,14}$' then
      raise exception using errcode = '22023', message = 'not a phone number',
        hint = 'Pass the number in E.164, e.g. +447700900123.';
    end if;
  else
    v_address := pg_catalog.lower(v_address);
    if v_address !~ '^[^@\s]+@[^@\s]+$' then
      raise exception using errcode = '22023', message = 'not an e-mail address',
        hint = 'Pass an address like name@example.com.';
    end if;
  end if;
  return v_address;
end
$$;
comment on function private.normalise_contact_address(public.contact_channel, text) is
  'Notifications: an address in its stored form (E.164 with + for sms and whatsapp, a whatsapp: prefix removed; lower case for email); 22023 when it is not one.';

create or replace function private.record_opt_event(
  p_channel public.contact_channel, p_address text, p_action text, p_source text, p_event_id text, p_occurred_at timestamptz)
returns boolean
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Records one opt-out or opt-in of an address on a channel and applies it when it is the latest:
 *   - an event id recorded before: a replay, nothing changes;
 *   - an event that happened before the latest recorded event of the address: recorded, but the
 *     state stays as the later event left it;
 *   - otherwise opt_out adds the address to private.notification_opt_outs (keeping an existing
 *     entry and its first source), opt_in removes it.
 * Channels are independent: STOP on WhatsApp opts the number out of WhatsApp, not of SMS.
 * Events of one address are serialised (transaction advisory lock on channel and address).
 *
 * Parameters: channel; address (normalised here); action opt_out | opt_in; source (opt_out:
 *             sms_stop | whatsapp_stop | email_unsubscribe | email_complaint | staff; opt_in:
 *             null); the provider's event id (or null); when it happened (null: now).
 * Returns:    true when the opt-out list changed (an address added or removed), else false.
 * Errors:     22023 bad channel, address, source, event id, or a time in the future.
 */
declare
  v_address text := private.normalise_contact_address(p_channel, p_address);
  v_occurred_at timestamptz := coalesce(p_occurred_at, pg_catalog.now());
  v_event_id text := nullif(pg_catalog.btrim(p_event_id), '');
  v_count integer;
begin
  if p_action = 'opt_out' and (p_source is null or p_source not in ('sms_stop', 'whatsapp_stop', 'email_unsubscribe', 'email_complaint', 'staff')) then
    raise exception using errcode = '22023', message = 'source must be sms_stop, whatsapp_stop, email_unsubscribe, email_complaint or staff',
      hint = 'Say why the address opted out.';
  end if;
  if v_event_id is not null and pg_catalog.char_length(v_event_id) > 200 then
    raise exception using errcode = '22023', message = 'event_id must be at most 200 characters',
      hint = 'Pass the provider''s id of the event, e.g. the Twilio MessageSid.';
  end if;
  if v_occurred_at > pg_catalog.now() + interval '5 minutes' then
    raise exception using errcode = '22023', message = 'occurred_at is in the future',
      hint = 'Pass the provider''s time of the event, or null for now.';
  end if;

  perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtextextended('notification_opt:' || p_channel::text || ':' || v_address, 0));
  if v_event_id is not null and exists (select 1 from private.notification_opt_events as e where e.event_id = v_event_id) then
    return false;
  end if;
  insert into private.notification_opt_events (channel, address, action, source, event_id, occurred_at)
  values (p_channel, v_address, p_action, case when p_action = 'opt_out' then p_source end, v_event_id, v_occurred_at);
  if exists (select 1 from private.notification_opt_events as e
             where e.channel = p_channel and e.address = v_address and e.occurred_at > v_occurred_at) then
    return false;
  end if;

  if p_action = 'opt_out' then
    insert into private.notification_opt_outs (channel, address, source)
    values (p_channel, v_address, p_source)
    on conflict (channel, address) do nothing;
  else
    delete from private.notification_opt_outs as o where o.channel = p_channel and o.address = v_address;
  end if;
  get diagnostics v_count = row_count;
  return v_count > 0;
end
$$;

-- Channel and wording ---------------------------------------------------------------------------

create or replace function private.notification_channel(p_patient public.patients)
returns public.contact_channel
language sql
immutable
set search_path = ''
as $$
  /**
   * The channel a patient is messaged on: their preferred_channel when they have an address for
   * it (a phone number for sms and whatsapp), else sms when they have a phone number, else email
   * when they have an e-mail address, else null (nobody to send to: the message is suppressed).
   * Whether WhatsApp is possible is decided when the message is claimed.
   * Example: select private.notification_channel(p) from public.patients as p where p.id = '...';
   */
  select case
    when p_patient.preferred_channel = 'whatsapp' and p_patient.phone is not null then 'whatsapp'
    when p_patient.preferred_channel = 'sms' and p_patient.phone is not null then 'sms'
    when p_patient.preferred_channel = 'email' and p_patient.email is not null then 'email'
    when p_patient.phone is not null then 'sms'
    when p_patient.email is not null then 'email'
  end::public.contact_channel
$$;
comment on function private.notification_channel(public.patients) is
  'Notifications: the patient''s channel - preferred_channel when it has an address (a phone for sms and whatsapp), else sms with a phone, else email with an e-mail address, else null (suppressed).';

create function private.notification_variables(p_notification public.notifications, p_language text)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
/**
 * The values of a notification's placeholders, for a language: patient_name (patient),
 * clinic_name (tenant), service_name and centre_name (the appointment's, else payload),
 * starts_at_local (payload.starts_at, else the appointment's start), previous_starts_at_local,
 * offer_expires_at_local, payment_url (payload), amount (payload.amount and payload.currency);
 * times in the centre's time zone (else the tenant's), written in that language.
 * The one place both the text templates and the WhatsApp Content templates take their values from.
 *
 * Parameters: the notification row; the language (e.g. es).
 * Returns:    a JSON object of placeholder -> text (null when unknown).
 */
declare
  v_patient public.patients;
  v_tenant public.tenants;
  v_appointment public.appointments;
  v_service_name text;
  v_centre_name text;
  v_timezone text;
  v_payload jsonb := coalesce(p_notification.payload, '{}'::jsonb);
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
  return pg_catalog.jsonb_build_object(
    'patient_name', v_patient.full_name,
    'clinic_name', v_tenant.name,
    'service_name', coalesce(v_service_name, v_payload ->> 'service_name'),
    'centre_name', coalesce(v_centre_name, v_payload ->> 'centre_name'),
    'starts_at_local', private.format_local_time(
      coalesce((v_payload ->> 'starts_at')::timestamptz, v_appointment.starts_at), v_timezone, p_language),
    'previous_starts_at_local', private.format_local_time((v_payload ->> 'previous_starts_at')::timestamptz, v_timezone, p_language),
    'offer_expires_at_local', private.format_local_time((v_payload ->> 'offer_expires_at')::timestamptz, v_timezone, p_language),
    'payment_url', v_payload ->> 'payment_url',
    'amount', nullif(pg_catalog.concat_ws(' ', v_payload ->> 'amount', v_payload ->> 'currency'), ''));
end
$$;
comment on function private.notification_variables(public.notifications, text) is
  'Notifications: the placeholder values of a notification in a language (names, local times in the centre''s zone, payment link and amount) - used by render_notification and whatsapp_content.';
revoke execute on function private.notification_variables(public.notifications, text) from public, anon, authenticated, service_role;

create or replace function private.render_notification(p_notification public.notifications, p_channel public.contact_channel)
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
 * whatsapp renders the sms text (its preview: WhatsApp sends the approved Content template).
 * Variables: private.notification_variables in the template's language.
 *
 * Parameters: the notification row; the channel.
 * Returns:    one row: the template's language, the rendered subject (email) and body.
 */
#variable_conflict use_column
declare
  v_patient_language text;
  v_tenant_locale text;
  v_text_channel public.contact_channel := case when p_channel = 'whatsapp' then 'sms' else p_channel end;
  v_language text;
  v_subject text;
  v_body text;
  v_variables jsonb;
begin
  select p.preferred_language into v_patient_language from public.patients as p
  where p.tenant_id = p_notification.tenant_id and p.id = p_notification.patient_id;
  select t.locale into v_tenant_locale from public.tenants as t where t.id = p_notification.tenant_id;

  select t.language, t.subject, t.body into v_language, v_subject, v_body
  from pg_catalog.unnest(private.notification_language_chain(v_patient_language, v_tenant_locale))
         with ordinality as l(language, position)
  cross join lateral (
    select nt.language::text as language, nt.subject, nt.body, 0 as priority
    from public.notification_templates as nt
    where nt.tenant_id = p_notification.tenant_id and nt.kind = p_notification.kind
      and nt.channel = v_text_channel and nt.language = l.language
    union all
    select d.language::text, d.subject, d.body, 1
    from private.default_notification_templates as d
    where d.kind = p_notification.kind and d.channel = v_text_channel and d.language = l.language
  ) as t
  order by l.position, t.priority
  limit 1;

  v_variables := private.notification_variables(p_notification, v_language);
  language := v_language;
  subject := case when p_channel = 'email' then private.render_template(v_subject, v_variables) end;
  body := private.render_template(v_body, v_variables);
  return next;
end
$$;

create function private.whatsapp_content(p_notification public.notifications)
returns table (content_sid text, content_variables jsonb, language text, problem text)
language plpgsql
stable
security definer
set search_path = ''
as $$
/**
 * The WhatsApp Content template of a notification: the tenant's public.whatsapp_templates row for
 * its kind in the first language of the patient/tenant chain that has one, with each numbered
 * variable filled from private.notification_variables in that language. problem says why WhatsApp
 * is not possible (no template; a variable without a value - WhatsApp refuses empty variables).
 *
 * Parameters: the notification row.
 * Returns:    one row: content_sid, content_variables ({"1": ..., "2": ...}), language, problem
 *             (null when the message can go by WhatsApp).
 */
#variable_conflict use_column
declare
  v_patient_language text;
  v_tenant_locale text;
  v_template public.whatsapp_templates;
  v_values jsonb;
  v_empty text;
begin
  select p.preferred_language into v_patient_language from public.patients as p
  where p.tenant_id = p_notification.tenant_id and p.id = p_notification.patient_id;
  select t.locale into v_tenant_locale from public.tenants as t where t.id = p_notification.tenant_id;

  select w.* into v_template
  from pg_catalog.unnest(private.notification_language_chain(v_patient_language, v_tenant_locale))
         with ordinality as l(language, position)
  join public.whatsapp_templates as w
    on w.tenant_id = p_notification.tenant_id and w.kind = p_notification.kind and w.language = l.language
  order by l.position
  limit 1;
  if v_template.content_sid is null then
    problem := pg_catalog.format('no_whatsapp_template: no WhatsApp template for %s messages in %s', p_notification.kind,
                 pg_catalog.array_to_string(private.notification_language_chain(v_patient_language, v_tenant_locale), ', '));
    return next;
    return;
  end if;

  v_values := private.notification_variables(p_notification, v_template.language);
  select v.name into v_empty
  from pg_catalog.unnest(v_template.variables) as v(name)
  where pg_catalog.btrim(coalesce(v_values ->> v.name, '')) = ''
  limit 1;
  content_sid := v_template.content_sid;
  language := v_template.language;
  if v_empty is not null then
    problem := pg_catalog.format('whatsapp_variable_empty: %s has no value for this %s message', v_empty, p_notification.kind);
  else
    select pg_catalog.jsonb_object_agg(v.position::text, v_values ->> v.name) into content_variables
    from pg_catalog.unnest(v_template.variables) with ordinality as v(name, position);
  end if;
  return next;
end
$$;
comment on function private.whatsapp_content(public.notifications) is
  'Notifications: the tenant''s WhatsApp Content template for a notification (kind, first language of the chain with one) and its numbered variables filled, or the problem (no template, an empty variable).';
revoke execute on function private.whatsapp_content(public.notifications) from public, anon, authenticated, service_role;

create function private.notification_suppression(
  p_kind public.notification_kind, p_patient public.patients, p_channel public.contact_channel, p_recipient text)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  /**
   * Why a message must not go to this recipient on this channel, or null: no address
   * (no_contact), the address opted out of the channel (opted_out), a reminder the patient
   * declined on the channel (consents.<channel>_reminders.granted = false: no_consent).
   * Example: select private.notification_suppression('reminder', p, 'sms', p.phone) from public.patients as p;
   */
  select case
    when p_channel is null or p_recipient is null then 'no_contact: the patient has no phone number or e-mail address'
    when exists (select 1 from private.notification_opt_outs as o where o.channel = p_channel and o.address = p_recipient)
      then pg_catalog.format('opted_out: %s has opted out of %s messages', p_recipient, p_channel)
    when p_kind = 'reminder'
         and (p_patient.consents -> (p_channel::text || '_reminders') ->> 'granted') = 'false'
      then pg_catalog.format('no_consent: the patient declined %s reminders', p_channel)
  end
$$;
comment on function private.notification_suppression(public.notification_kind, public.patients, public.contact_channel, text) is
  'Notifications: why a message is suppressed on a channel (no_contact, opted_out, no_consent), or null. The one rule claim_notifications applies to every channel.';
revoke execute on function private.notification_suppression(public.notification_kind, public.patients, public.contact_channel, text) from public, anon, authenticated, service_role;

-- Claim ------------------------------------------------------------------------------------------

drop function public.claim_notifications(integer, interval);
drop function private.claim_notifications(integer, interval);

create function private.claim_notifications(max_count integer, lease interval, whatsapp boolean)
returns table (id uuid, tenant_id uuid, kind public.notification_kind, channel public.contact_channel,
               recipient text, subject text, body text, attempts integer, dedupe_key text, parked_reason text,
               content_sid text, content_variables jsonb)
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Claims up to max_count due notifications, oldest send_after first:
 *   due      queued with send_after <= now() and (next_attempt_at null or <= now()), or sending
 *            with claimed_until < now() (its dispatcher died: crash recovery);
 *   locking  `for update skip locked` - rows another dispatcher holds are skipped, never waited for;
 *   channel  from the patient's current details (private.notification_channel); whatsapp stays
 *            whatsapp only when the dispatcher sends WhatsApp (the whatsapp argument), the
 *            number has not opted out of whatsapp, a reminder is not declined on whatsapp, the
 *            row is not itself an SMS fallback, and the tenant has a Content template with every
 *            variable filled (private.whatsapp_content); otherwise sms, reason in fallback_reason;
 *   each     a reclaimed row that already used all its attempts is parked; a row whose final
 *            channel has no address, an opted-out address or a declined reminder is suppressed
 *            (private.notification_suppression); the rest are rendered and become sending with
 *            attempts + 1 and claimed_until = now() + lease.
 *   bad rows a payload that does not fit its kind, a rendering that raises a data exception, or no
 *            template text: parked with last_error invalid_payload: / render_failed: /
 *            no_template: and returned with that parked_reason (nothing to send).
 *
 * Parameters: max_count 1..1000; lease 1 second..1 hour; whatsapp: the caller can send WhatsApp.
 * Returns:    the claimed rows (id, tenant_id, kind, channel, recipient, subject, body,
 *             attempts, dedupe_key, parked_reason null, content_sid and content_variables for
 *             whatsapp), and the bad rows parked by this claim (parked_reason set).
 * Errors:     22023 max_count or lease out of range.
 */
#variable_conflict use_column
declare
  v_row public.notifications;
  v_patient public.patients;
  v_channel public.contact_channel;
  v_recipient text;
  v_reason text;
  v_fallback text;
  v_rendered record;
  v_content_sid text;
  v_content_variables jsonb;
  v_content_problem text;
  v_problem text;
  v_returned integer := 0;
  v_batch integer;
begin
  if max_count is null or max_count < 1 or max_count > 1000 then
    raise exception using errcode = '22023', message = 'max_count must be between 1 and 1000',
      hint = 'Claim a batch of e.g. 20 and call again until nothing is returned.';
  end if;
  if lease is null or lease < interval '1 second' or lease > interval '1 hour' then
    raise exception using errcode = '22023', message = 'lease must be between 1 second and 1 hour',
      hint = 'Use a lease longer than sending a batch takes, e.g. 2 minutes.';
  end if;

  loop
    v_batch := 0;
    for v_row in
      select n.*
      from public.notifications as n
      where (n.status = 'queued' and n.send_after <= pg_catalog.now()
             and (n.next_attempt_at is null or n.next_attempt_at <= pg_catalog.now()))
         or (n.status = 'sending' and n.claimed_until < pg_catalog.now())
      order by n.send_after, n.id
      limit max_count - v_returned
      for update of n skip locked
    loop
      v_batch := v_batch + 1;
      if v_row.status = 'sending' and v_row.attempts >= v_row.max_attempts then
        update public.notifications as n
           set status = 'parked', claimed_until = null,
               last_error = pg_catalog.format('gave up after %s attempts (the last claim expired without a result)', v_row.attempts)
         where n.id = v_row.id;
        continue;
      end if;

      select p.* into v_patient from public.patients as p where p.tenant_id = v_row.tenant_id and p.id = v_row.patient_id;
      v_channel := private.notification_channel(v_patient);
      v_fallback := case when v_row.fallback_of is not null then v_row.fallback_reason end;
      v_content_sid := null;
      v_content_variables := null;
      if v_channel = 'whatsapp' then
        v_fallback := case
          when v_row.fallback_of is not null then v_row.fallback_reason
          when not coalesce(whatsapp, false) then 'whatsapp_not_configured: the dispatcher does not send WhatsApp'
          else private.notification_suppression(v_row.kind, v_patient, 'whatsapp', v_patient.phone::text)
        end;
        if v_fallback is not null then
          v_fallback := pg_catalog.regexp_replace(v_fallback, '^(opted_out|no_consent):', 'whatsapp_\1:');
          v_channel := 'sms';
        end if;
      end if;
      v_recipient := case when v_channel in ('sms', 'whatsapp') then v_patient.phone::text when v_channel = 'email' then v_patient.email::text end;

      v_reason := private.notification_suppression(v_row.kind, v_patient, v_channel, v_recipient);
      v_problem := null;
      if v_reason is null then
        v_problem := private.notification_payload_problem(v_row.kind, v_row.payload);
        if v_problem is not null then
          v_problem := 'invalid_payload: ' || v_problem;
        else
          begin
            if v_channel = 'whatsapp' then
              select c.content_sid, c.content_variables, c.problem into v_content_sid, v_content_variables, v_content_problem
              from private.whatsapp_content(v_row) as c;
              if v_content_problem is not null then
                v_fallback := v_content_problem;
                v_channel := 'sms';
                v_content_sid := null;
                v_content_variables := null;
                v_reason := private.notification_suppression(v_row.kind, v_patient, v_channel, v_recipient);
              end if;
            end if;
            if v_reason is null then
              select r.language, r.subject, r.body into v_rendered from private.render_notification(v_row, v_channel) as r;
              if v_rendered.body is null or pg_catalog.btrim(v_rendered.body) = '' or (v_channel = 'email' and v_rendered.subject is null) then
                v_problem := pg_catalog.format('no_template: no %s template for %s messages in %s', v_channel, v_row.kind,
                               coalesce(v_rendered.language, 'any language of the patient or tenant'));
              end if;
            end if;
          exception when data_exception then
            v_problem := pg_catalog.format('render_failed: %s (SQLSTATE %s)', sqlerrm, sqlstate);
          end;
        end if;
      end if;

      if v_reason is not null then
        update public.notifications as n
           set status = 'suppressed', claimed_until = null, channel = v_channel, recipient = v_recipient,
               fallback_reason = pg_catalog.left(v_fallback, 1000), last_error = v_reason
         where n.id = v_row.id;
        continue;
      end if;
      if v_problem is not null then
        update public.notifications as n
           set status = 'parked', claimed_until = null, channel = v_channel, recipient = v_recipient,
               fallback_reason = pg_catalog.left(v_fallback, 1000), last_error = pg_catalog.left(v_problem, 1000)
         where n.id = v_row.id
        returning n.id, n.tenant_id, n.kind, n.channel, n.recipient, null::text, null::text, n.attempts, n.dedupe_key, n.last_error, null::text, null::jsonb
          into id, tenant_id, kind, channel, recipient, subject, body, attempts, dedupe_key, parked_reason, content_sid, content_variables;
        v_returned := v_returned + 1;
        return next;
        continue;
      end if;

      update public.notifications as n
         set status = 'sending',
             channel = v_channel,
             recipient = v_recipient,
             language = v_rendered.language,
             subject = v_rendered.subject,
             body = v_rendered.body,
             content_sid = v_content_sid,
             content_variables = v_content_variables,
             fallback_reason = pg_catalog.left(v_fallback, 1000),
             attempts = n.attempts + 1,
             claimed_until = pg_catalog.now() + lease
       where n.id = v_row.id
      returning n.id, n.tenant_id, n.kind, n.channel, n.recipient, n.subject, n.body, n.attempts, n.dedupe_key, null::text,
                n.content_sid, n.content_variables
        into id, tenant_id, kind, channel, recipient, subject, body, attempts, dedupe_key, parked_reason, content_sid, content_variables;
      v_returned := v_returned + 1;
      return next;
    end loop;
    exit when v_batch = 0 or v_returned >= max_count;
  end loop;
end
$$;
comment on function private.claim_notifications(integer, interval, boolean) is
  'Notifications: claims due messages (and sending ones whose lease expired) for update skip locked, routes WhatsApp to SMS when it is not possible (fallback_reason), suppresses those without address, opted out or without reminder consent, parks (and returns with parked_reason) bad rows, renders the rest (whatsapp: Content template and variables) and marks them sending with a lease. Implementation of public.claim_notifications.';
revoke execute on function private.claim_notifications(integer, interval, boolean) from public, anon, authenticated, service_role;
grant execute on function private.claim_notifications(integer, interval, boolean) to service_role;

create function public.claim_notifications(max_count integer default 20, lease interval default '2 minutes', whatsapp boolean default false)
returns table (id uuid, tenant_id uuid, kind public.notification_kind, channel public.contact_channel,
               recipient text, subject text, body text, attempts integer, dedupe_key text, parked_reason text,
               content_sid text, content_variables jsonb)
language sql
volatile
set search_path = ''
as $$
  /**
   * Claims up to max_count due notifications for sending (service_role: the
   * dispatch-notifications function). Each returned row is 'sending' until
   * record_notification_result is called, or until the lease runs out - then it is claimed
   * again (crash recovery). Rows another dispatcher holds are skipped (skip locked). A row that
   * cannot be sent as it is (invalid payload, rendering failed, no template) is parked and
   * returned with its reason in parked_reason: count it, do not send it. With whatsapp true the
   * caller sends WhatsApp: patients who prefer it get whatsapp rows (content_sid +
   * content_variables) when possible; without it, or when not possible, they get sms.
   *
   * Parameters: max_count (1..1000, default 20); lease (1 second..1 hour, default 2 minutes);
   *             whatsapp (default false).
   * Returns:    (id, tenant_id, kind, channel, recipient, subject, body, attempts, dedupe_key,
   *             parked_reason, content_sid, content_variables); subject is null for sms and
   *             whatsapp; body is plain text (for whatsapp a preview); parked_reason is null for
   *             every row to send.
   * Errors:     22023 out of range arguments.
   * Example:    select * from public.claim_notifications(20, '2 minutes', true);
   */
  select * from private.claim_notifications($1, $2, $3)
$$;
comment on function public.claim_notifications(integer, interval, boolean) is
  'Dispatcher API (service_role): claims due notifications (queued and due, or sending with an expired lease) with for update skip locked; routes WhatsApp to SMS when it is not possible; suppresses unreachable, opted-out and unconsented ones; parks bad rows and returns them with parked_reason; returns the rendered rest (whatsapp with its Content template), now sending with a lease.';
revoke execute on function public.claim_notifications(integer, interval, boolean) from public, anon, authenticated, service_role;
grant execute on function public.claim_notifications(integer, interval, boolean) to service_role;

-- SMS fallback after a WhatsApp refusal ----------------------------------------------------------

create function private.queue_sms_fallback(p_notification public.notifications, p_reason text)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Queues the SMS copy of a WhatsApp notification Twilio refused for its recipient (not on
 * WhatsApp, outside the 24-hour window): a new row with the same tenant, patient, appointment,
 * kind and payload, due now, fallback_of the WhatsApp row and fallback_reason p_reason. Once per
 * WhatsApp row (dedupe key <its key>:sms_fallback): a second call returns the same id.
 *
 * Parameters: the WhatsApp notification; why.
 * Returns:    the SMS notification id (new or existing).
 */
declare
  v_key text := pg_catalog.left(p_notification.dedupe_key, 186) || ':sms_fallback';
  v_id uuid;
begin
  insert into public.notifications (tenant_id, patient_id, appointment_id, kind, channel, payload, dedupe_key,
                                    send_after, status, fallback_of, fallback_reason)
  values (p_notification.tenant_id, p_notification.patient_id, p_notification.appointment_id, p_notification.kind, 'sms',
          p_notification.payload, v_key, pg_catalog.now(), 'queued', p_notification.id,
          pg_catalog.left(coalesce(p_reason, 'whatsapp_refused'), 1000))
  on conflict (tenant_id, dedupe_key) where status <> 'voided' do nothing
  returning id into v_id;
  if v_id is null then
    select n.id into v_id from public.notifications as n
    where n.tenant_id = p_notification.tenant_id and n.dedupe_key = v_key and n.status <> 'voided';
  end if;
  return v_id;
end
$$;
comment on function private.queue_sms_fallback(public.notifications, text) is
  'Notifications: queues the SMS copy of a WhatsApp message the provider refused for its recipient, once per WhatsApp message (dedupe key <key>:sms_fallback); returns its id.';
revoke execute on function private.queue_sms_fallback(public.notifications, text) from public, anon, authenticated, service_role;

create or replace function private.record_notification_result(
  p_id uuid, p_outcome text, p_provider text, p_provider_message_id text, p_error text)
returns public.notification_status
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Records what happened to a claimed notification (status 'sending'):
 *   sent      the provider accepted it: sent, sent_at, provider, provider_message_id;
 *   captured  the local dev outbox took it (NOT sent): captured, provider;
 *   retry     a retryable failure: queued again with next_attempt_at = now() + 2^(attempts-1)
 *             minutes (at most 1 hour), or parked once attempts >= max_attempts;
 *   failed    a permanent failure (e.g. Twilio 21610): parked;
 *   fallback  (whatsapp only) the provider refused WhatsApp for this recipient (not on WhatsApp,
 *             outside the 24-hour window): parked with last_error fell_back_to_sms: <error>, and
 *             an SMS copy queued (private.queue_sms_fallback).
 * The error text is kept in last_error (retry, failed, fallback).
 *
 * Parameters: id; outcome; provider (required for sent/captured, e.g. twilio, resend,
 *             dev_outbox); provider_message_id; error.
 * Returns:    the notification's new status.
 * Errors:     22023 bad outcome, missing provider, fallback for a row that is not whatsapp;
 *             PT404 unknown id; PT409 status_conflict (not 'sending': already recorded, or never
 *             claimed) or provider_object_conflict (the provider message id is already recorded
 *             for another notification).
 */
declare
  v_row public.notifications;
  v_status public.notification_status;
begin
  if p_id is null or p_outcome is null or p_outcome not in ('sent', 'captured', 'retry', 'failed', 'fallback') then
    raise exception using errcode = '22023', message = 'outcome must be sent, captured, retry, failed or fallback',
      hint = 'sent: the provider accepted it; captured: the dev outbox took it; retry: a temporary failure; failed: a permanent one; fallback: WhatsApp refused the recipient, send by SMS.';
  end if;
  if p_outcome in ('sent', 'captured') and (p_provider is null or pg_catalog.btrim(p_provider) = '') then
    raise exception using errcode = '22023', message = 'provider is required for sent and captured',
      hint = 'Pass the provider name, e.g. twilio, resend or dev_outbox.';
  end if;
  select n.* into v_row from public.notifications as n where n.id = p_id for update;
  if not found then
    raise exception using errcode = 'PT404', message = 'notification not found',
      hint = 'Pass the id claim_notifications returned.';
  end if;
  if v_row.status <> 'sending' then
    raise exception using errcode = 'PT409', detail = 'status_conflict',
      message = pg_catalog.format('the notification is %s, not sending', v_row.status),
      hint = 'Only a claimed notification (sending) takes a result; it was already recorded or never claimed.';
  end if;
  if p_outcome = 'fallback' and v_row.channel is distinct from 'whatsapp' then
    raise exception using errcode = '22023', message = 'only a whatsapp notification falls back to sms',
      hint = 'Record failed or retry for this channel.';
  end if;

  v_status := case
    when p_outcome = 'sent' then 'sent'
    when p_outcome = 'captured' then 'captured'
    when p_outcome in ('failed', 'fallback') or v_row.attempts >= v_row.max_attempts then 'parked'
    else 'queued'
  end::public.notification_status;

  begin
    update public.notifications as n
       set status = v_status,
           claimed_until = null,
           provider = case when p_outcome in ('sent', 'captured') then pg_catalog.btrim(p_provider) else n.provider end,
           provider_message_id = case when p_outcome in ('sent', 'captured') then p_provider_message_id else n.provider_message_id end,
           sent_at = case when p_outcome = 'sent' then pg_catalog.now() else n.sent_at end,
           next_attempt_at = case when v_status = 'queued'
             then pg_catalog.now() + least(pg_catalog.make_interval(mins => (2 ^ least(n.attempts - 1, 10))::integer), interval '1 hour')
             else n.next_attempt_at end,
           last_error = case
             when p_outcome in ('sent', 'captured') then null
             when p_outcome = 'fallback' then pg_catalog.left('fell_back_to_sms: ' || coalesce(p_error, 'whatsapp refused the recipient'), 1000)
             when v_status = 'parked' and p_outcome = 'retry'
               then pg_catalog.format('gave up after %s attempts: %s', n.attempts, coalesce(p_error, 'unknown error'))
             else coalesce(p_error, 'unknown error')
           end
     where n.id = p_id;
  exception when unique_violation then
    raise exception using errcode = 'PT409', detail = 'provider_object_conflict',
      message = 'this provider message id is already recorded for another notification',
      hint = 'Record each provider message once, for the notification that was sent.';
  end;
  if p_outcome = 'fallback' then
    perform private.queue_sms_fallback(v_row, coalesce(p_error, 'whatsapp refused the recipient'));
  end if;
  return v_status;
end
$$;

comment on function public.record_notification_result(uuid, text, text, text, text) is
  'Dispatcher API (service_role): records sent / captured / retry / failed / fallback (WhatsApp refused the recipient: an SMS copy is queued) for a claimed notification; returns its new status.';

create function private.fall_back_to_sms(p_provider text, p_provider_message_id text, p_reason text)
returns uuid
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * A delivery report says WhatsApp could not reach the recipient of a sent message (Twilio's
 * status callback: failed or undelivered with a code meaning not on WhatsApp / outside the
 * window): queues its SMS copy once (private.queue_sms_fallback). Nothing for an unknown id, a
 * message that is not whatsapp or one already delivered.
 *
 * Parameters: provider (twilio), provider_message_id, reason (e.g. twilio failed (error 63003)).
 * Returns:    the SMS notification id, or null when nothing was queued.
 * Errors:     22023 missing provider or id.
 */
declare
  v_row public.notifications;
begin
  if p_provider is null or p_provider_message_id is null then
    raise exception using errcode = '22023', message = 'provider and provider_message_id are required',
      hint = 'Pass the provider and its message id from the status callback.';
  end if;
  select n.* into v_row from public.notifications as n
  where n.provider = p_provider and n.provider_message_id = p_provider_message_id
  for update;
  if not found or v_row.channel is distinct from 'whatsapp' or v_row.status = 'delivered' then
    return null;
  end if;
  return private.queue_sms_fallback(v_row, p_reason);
end
$$;
comment on function private.fall_back_to_sms(text, text, text) is
  'Notifications: queues the SMS copy of a sent WhatsApp message whose delivery report says the recipient cannot get it; implementation of public.fall_back_to_sms.';
revoke execute on function private.fall_back_to_sms(text, text, text) from public, anon, authenticated, service_role;
grant execute on function private.fall_back_to_sms(text, text, text) to service_role;

create function public.fall_back_to_sms(provider text, provider_message_id text, reason text default null)
returns uuid
language sql
volatile
set search_path = ''
as $$
  /**
   * Sends a WhatsApp message again by SMS because its delivery report says the recipient cannot
   * get it on WhatsApp (service_role: twilio-webhook, for Twilio's "not on WhatsApp" and
   * "outside the 24-hour window" codes). Idempotent: a repeated report queues nothing more.
   *
   * Returns: the id of the SMS notification, or null (unknown id, not whatsapp, already delivered).
   * Errors:  22023 missing provider or id.
   * Example: select public.fall_back_to_sms('twilio', 'SM0123...', 'twilio failed (error 63003)');
   */
  select private.fall_back_to_sms($1, $2, $3)
$$;
comment on function public.fall_back_to_sms(text, text, text) is
  'Dispatcher API (service_role): queues the SMS copy of a WhatsApp message whose delivery report says the recipient cannot get it (once); returns its id or null.';
revoke execute on function public.fall_back_to_sms(text, text, text) from public, anon, authenticated, service_role;
grant execute on function public.fall_back_to_sms(text, text, text) to service_role;
