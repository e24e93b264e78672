-- The dispatcher's SQL API (issue 5, notifications), for the dispatch-notifications,
-- twilio-webhook and resend-webhook Edge Functions. service_role only (public security invoker
-- wrappers over private security definer functions):
--   public.claim_notifications(max_count, lease)            due messages -> sending (a lease)
--   public.record_notification_result(id, outcome, provider, provider_message_id, error)
--   public.record_delivery_status(provider, provider_message_id, status, error) -> found
--   public.record_opt_out(channel, address, source) / public.record_opt_in(channel, address)
--
-- Claiming is `for update skip locked`: concurrent dispatchers never get the same row. A claim
-- is a lease: a row left 'sending' by a dispatcher that died is claimed again once claimed_until
-- has passed (at-least-once delivery; providers get the notification id as idempotency key).
-- Retry backoff after attempt n: 2^(n-1) minutes (1, 2, 4, 8, 16), at most 1 hour; a message is
-- parked once attempts >= max_attempts. Delivery statuses only move forward:
-- sent -> undelivered -> delivered, never back from delivered.

create function private.claim_notifications(max_count integer, lease interval)
returns table (id uuid, tenant_id uuid, kind public.notification_kind, channel public.contact_channel,
               recipient text, subject text, body text, attempts integer, dedupe_key text)
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
 *   each     a reclaimed row that already used all its attempts is parked; the channel and
 *            recipient are resolved from the patient's current details (no address ->
 *            suppressed), an opted-out address (private.notification_opt_outs) -> suppressed, a
 *            reminder without consent (consents.<channel>_reminders.granted = false) ->
 *            suppressed; the rest are rendered (language, subject, body) and become sending with
 *            attempts + 1 and claimed_until = now() + lease.
 * Suppressed and parked rows are not returned; the function keeps claiming until it has
 * max_count rows to return or nothing is due.
 *
 * Parameters: max_count 1..1000; lease 1 second..1 hour.
 * Returns:    the claimed rows (id, tenant_id, kind, channel, recipient, subject, body,
 *             attempts (including this one), dedupe_key).
 * Errors:     22023 max_count or lease out of range.
 */
#variable_conflict use_column
declare
  v_row public.notifications;
  v_patient public.patients;
  v_channel public.contact_channel;
  v_recipient text;
  v_reason text;
  v_rendered record;
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
      v_recipient := case v_channel when 'sms' then v_patient.phone::text when 'email' then v_patient.email::text end;
      v_reason := case
        when v_channel is null then 'no_contact: the patient has no phone number or e-mail address'
        when exists (select 1 from private.notification_opt_outs as o where o.channel = v_channel and o.address = v_recipient)
          then pg_catalog.format('opted_out: %s has opted out of %s messages', v_recipient, v_channel)
        when v_row.kind = 'reminder'
             and (v_patient.consents -> (v_channel::text || '_reminders') ->> 'granted') = 'false'
          then pg_catalog.format('no_consent: the patient declined %s reminders', v_channel)
      end;
      if v_reason is not null then
        update public.notifications as n
           set status = 'suppressed', claimed_until = null, channel = v_channel, recipient = v_recipient,
               last_error = v_reason
         where n.id = v_row.id;
        continue;
      end if;

      select r.language, r.subject, r.body into v_rendered from private.render_notification(v_row, v_channel) as r;
      update public.notifications as n
         set status = 'sending',
             channel = v_channel,
             recipient = v_recipient,
             language = v_rendered.language,
             subject = v_rendered.subject,
             body = v_rendered.body,
             attempts = n.attempts + 1,
             claimed_until = pg_catalog.now() + lease
       where n.id = v_row.id
      returning n.id, n.tenant_id, n.kind, n.channel, n.recipient, n.subject, n.body, n.attempts, n.dedupe_key
        into id, tenant_id, kind, channel, recipient, subject, body, attempts, dedupe_key;
      v_returned := v_returned + 1;
      return next;
    end loop;
    exit when v_batch = 0 or v_returned >= max_count;
  end loop;
end
$$;
comment on function private.claim_notifications(integer, interval) is
  'Notifications: claims due messages (and sending ones whose lease expired) for update skip locked, suppresses those without address, opted out or without reminder consent, renders the rest and marks them sending with a lease. Implementation of public.claim_notifications.';
revoke execute on function private.claim_notifications(integer, interval) from public, anon, authenticated, service_role;
grant execute on function private.claim_notifications(integer, interval) to service_role;

create function public.claim_notifications(max_count integer default 20, lease interval default '2 minutes')
returns table (id uuid, tenant_id uuid, kind public.notification_kind, channel public.contact_channel,
               recipient text, subject text, body text, attempts integer, dedupe_key text)
language sql
volatile
set search_path = ''
as $$
  /**
   * Claims up to max_count due notifications for sending (service_role: the
   * dispatch-notifications function). Each returned row is 'sending' until
   * record_notification_result is called, or until the lease runs out - then it is claimed
   * again (crash recovery). Rows another dispatcher holds are skipped (skip locked).
   *
   * Parameters: max_count (1..1000, default 20); lease (1 second..1 hour, default 2 minutes).
   * Returns:    (id, tenant_id, kind, channel, recipient, subject, body, attempts, dedupe_key);
   *             subject is null for sms; body is plain text.
   * Errors:     22023 out of range arguments.
   * Example:    select * from public.claim_notifications(20, '2 minutes');
   */
  select * from private.claim_notifications($1, $2)
$$;
comment on function public.claim_notifications(integer, interval) is
  'Dispatcher API (service_role): claims due notifications (queued and due, or sending with an expired lease) with for update skip locked; suppresses unreachable, opted-out and unconsented ones; returns the rendered rest, now sending with a lease.';
revoke execute on function public.claim_notifications(integer, interval) from public, anon, authenticated, service_role;
grant execute on function public.claim_notifications(integer, interval) to service_role;

create function private.record_notification_result(
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
 *   failed    a permanent failure (e.g. Twilio 21610): parked.
 * The error text is kept in last_error (retry, failed).
 *
 * Parameters: id; outcome; provider (required for sent/captured, e.g. twilio, resend,
 *             dev_outbox); provider_message_id; error.
 * Returns:    the notification's new status.
 * Errors:     22023 bad outcome or missing provider; PT404 unknown id; PT409 not 'sending'
 *             (already recorded, or never claimed) or the provider message id is already
 *             recorded for another notification.
 */
declare
  v_row public.notifications;
  v_status public.notification_status;
begin
  if p_id is null or p_outcome is null or p_outcome not in ('sent', 'captured', 'retry', 'failed') then
    raise exception using errcode = '22023', message = 'outcome must be sent, captured, retry or failed',
      hint = 'sent: the provider accepted it; captured: the dev outbox took it; retry: a temporary failure; failed: a permanent one.';
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
    raise exception using errcode = 'PT409',
      message = pg_catalog.format('the notification is %s, not sending', v_row.status),
      hint = 'Only a claimed notification (sending) takes a result; it was already recorded or never claimed.';
  end if;

  v_status := case
    when p_outcome = 'sent' then 'sent'
    when p_outcome = 'captured' then 'captured'
    when p_outcome = 'failed' or v_row.attempts >= v_row.max_attempts then 'parked'
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
             when v_status = 'parked' and p_outcome = 'retry'
               then pg_catalog.format('gave up after %s attempts: %s', n.attempts, coalesce(p_error, 'unknown error'))
             else coalesce(p_error, 'unknown error')
           end
     where n.id = p_id;
  exception when unique_violation then
    raise exception using errcode = 'PT409', message = 'this provider message id is already recorded for another notification',
      hint = 'Record each provider message once, for the notification that was sent.';
  end;
  return v_status;
end
$$;
comment on function private.record_notification_result(uuid, text, text, text, text) is
  'Notifications: records sent/captured/retry/failed for a sending notification (retry backoff 1,2,4,8,16 minutes capped at 1 hour; parked after max_attempts or on failed). Implementation of public.record_notification_result.';
revoke execute on function private.record_notification_result(uuid, text, text, text, text) from public, anon, authenticated, service_role;
grant execute on function private.record_notification_result(uuid, text, text, text, text) to service_role;

create function public.record_notification_result(
  id uuid, outcome text, provider text default null, provider_message_id text default null, error text default null)
returns public.notification_status
language sql
volatile
set search_path = ''
as $$
  /**
   * Records the result of sending a claimed notification (service_role: the dispatcher).
   * outcome: 'sent' (provider accepted; pass provider and provider_message_id), 'captured'
   * (dev outbox, not sent), 'retry' (temporary failure: queued again with backoff, parked after
   * max_attempts), 'failed' (permanent: parked). error goes to last_error.
   *
   * Returns: the new status (sent, captured, queued or parked).
   * Errors:  22023, PT404, PT409 (not sending: a result can be recorded once per claim).
   * Example: select public.record_notification_result(:id, 'sent', 'twilio', 'SM0123...', null);
   */
  select private.record_notification_result($1, $2, $3, $4, $5)
$$;
comment on function public.record_notification_result(uuid, text, text, text, text) is
  'Dispatcher API (service_role): records sent / captured / retry / failed for a claimed notification; returns its new status.';
revoke execute on function public.record_notification_result(uuid, text, text, text, text) from public, anon, authenticated, service_role;
grant execute on function public.record_notification_result(uuid, text, text, text, text) to service_role;

create function private.record_delivery_status(
  p_provider text, p_provider_message_id text, p_status text, p_error text)
returns boolean
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Applies a provider's delivery report to the notification with that provider message id.
 * Statuses: delivered -> delivered (delivered_at); undelivered or failed -> undelivered
 * (last_error = error); sent -> no change. Monotonic: sent < undelivered < delivered; a report
 * never moves a notification back (a late "undelivered" after "delivered" changes nothing), and
 * only sent / undelivered / delivered notifications take reports.
 *
 * Parameters: provider (twilio, resend), provider_message_id, status, error (optional).
 * Returns:    true when a notification with that provider message id exists (changed or not),
 *             false otherwise.
 * Errors:     22023 missing ids or an unknown status.
 */
declare
  v_row public.notifications;
  v_new public.notification_status;
  v_rank_old integer;
  v_rank_new integer;
begin
  if p_provider is null or p_provider_message_id is null or p_status is null
     or p_status not in ('sent', 'delivered', 'undelivered', 'failed') then
    raise exception using errcode = '22023', message = 'provider, provider_message_id and a status (sent, delivered, undelivered, failed) are required',
      hint = 'Map the provider''s status: delivered; undelivered/failed/bounced -> undelivered; sent.';
  end if;
  select n.* into v_row from public.notifications as n
  where n.provider = p_provider and n.provider_message_id = p_provider_message_id
  for update;
  if not found then
    return false;
  end if;
  v_new := case p_status when 'delivered' then 'delivered' when 'sent' then 'sent' else 'undelivered' end::public.notification_status;
  v_rank_old := case v_row.status when 'sent' then 1 when 'undelivered' then 2 when 'delivered' then 3 end;
  v_rank_new := case v_new when 'sent' then 1 when 'undelivered' then 2 when 'delivered' then 3 end;
  if v_rank_old is not null and v_rank_new > v_rank_old then
    update public.notifications as n
       set status = v_new,
           delivered_at = case when v_new = 'delivered' then pg_catalog.now() else n.delivered_at end,
           last_error = case when v_new = 'undelivered' then coalesce(p_error, 'undelivered') when v_new = 'delivered' then null else n.last_error end
     where n.id = v_row.id;
  end if;
  return true;
end
$$;
comment on function private.record_delivery_status(text, text, text, text) is
  'Notifications: applies a delivery report (delivered / undelivered / failed / sent) monotonically, never back from delivered; returns whether the provider message id is known. Implementation of public.record_delivery_status.';
revoke execute on function private.record_delivery_status(text, text, text, text) from public, anon, authenticated, service_role;
grant execute on function private.record_delivery_status(text, text, text, text) to service_role;

create function public.record_delivery_status(
  provider text, provider_message_id text, status text, error text default null)
returns boolean
language sql
volatile
set search_path = ''
as $$
  /**
   * Applies a delivery report from a provider webhook (service_role: twilio-webhook,
   * resend-webhook). status: 'delivered', 'undelivered', 'failed' (= undelivered) or 'sent'
   * (no change). Never moves back from delivered.
   *
   * Returns: true when the provider message id belongs to a notification, else false.
   * Errors:  22023 missing ids or unknown status.
   * Example: select public.record_delivery_status('twilio', 'SM0123...', 'delivered', null);
   */
  select private.record_delivery_status($1, $2, $3, $4)
$$;
comment on function public.record_delivery_status(text, text, text, text) is
  'Dispatcher API (service_role): applies a provider delivery report to its notification (monotonic: sent < undelivered < delivered); returns whether the message id is known.';
revoke execute on function public.record_delivery_status(text, text, text, text) from public, anon, authenticated, service_role;
grant execute on function public.record_delivery_status(text, text, text, text) to service_role;

create function private.normalise_contact_address(p_channel public.contact_channel, p_address text)
returns text
language plpgsql
immutable
set search_path = ''
as $$
/**
 * The stored form of an address: sms -> E.164 with + (spaces, dashes, brackets removed; a
 * leading + added to bare digits); email -> trimmed and lower-cased.
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
      hint = 'Pass sms with a phone number (E.164, e.g. +447700900123) or email with an e-mail address.';
  end if;
  if p_channel = 'sms' then
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
  'Notifications: an address in its stored form (E.164 with + for sms, lower case for email); 22023 when it is not one.';
revoke execute on function private.normalise_contact_address(public.contact_channel, text) from public, anon, authenticated, service_role;

create function private.record_opt_out(p_channel public.contact_channel, p_address text, p_source text)
returns boolean
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Adds an address to the platform-wide opt-out list of a channel (idempotent: an existing
 * opt-out keeps its first source and time).
 *
 * Parameters: channel; address (normalised); source sms_stop | email_unsubscribe |
 *             email_complaint | staff.
 * Returns:    true when the opt-out is new, false when it already existed.
 * Errors:     22023 bad channel, address or source.
 */
declare
  v_address text := private.normalise_contact_address(p_channel, p_address);
  v_count integer;
begin
  if p_source is null or p_source not in ('sms_stop', 'email_unsubscribe', 'email_complaint', 'staff') then
    raise exception using errcode = '22023', message = 'source must be sms_stop, email_unsubscribe, email_complaint or staff',
      hint = 'Say why the address opted out.';
  end if;
  insert into private.notification_opt_outs (channel, address, source)
  values (p_channel, v_address, p_source)
  on conflict (channel, address) do nothing;
  get diagnostics v_count = row_count;
  return v_count > 0;
end
$$;
comment on function private.record_opt_out(public.contact_channel, text, text) is
  'Notifications: adds an address to the platform-wide opt-out list (idempotent); true when new. Implementation of public.record_opt_out.';
revoke execute on function private.record_opt_out(public.contact_channel, text, text) from public, anon, authenticated, service_role;
grant execute on function private.record_opt_out(public.contact_channel, text, text) to service_role;

create function public.record_opt_out(channel public.contact_channel, address text, source text)
returns boolean
language sql
volatile
set search_path = ''
as $$
  /**
   * Stops all messages on a channel to an address, for every tenant (service_role: the provider
   * webhooks - Twilio STOP, Resend complaints). Queued messages to it are suppressed when claimed.
   *
   * Parameters: channel sms|email; address (E.164 / e-mail; normalised); source sms_stop |
   *             email_unsubscribe | email_complaint | staff.
   * Returns:    true when newly opted out, false when it already was.
   * Errors:     22023.
   * Example:    select public.record_opt_out('sms', '+447700900123', 'sms_stop');
   */
  select private.record_opt_out($1, $2, $3)
$$;
comment on function public.record_opt_out(public.contact_channel, text, text) is
  'Dispatcher API (service_role): platform-wide opt-out of an address on a channel (STOP, unsubscribe, complaint, staff); true when new.';
revoke execute on function public.record_opt_out(public.contact_channel, text, text) from public, anon, authenticated, service_role;
grant execute on function public.record_opt_out(public.contact_channel, text, text) to service_role;

create function private.record_opt_in(p_channel public.contact_channel, p_address text)
returns boolean
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Removes an address from the opt-out list of a channel (e.g. the recipient texted START).
 *
 * Parameters: channel; address (normalised).
 * Returns:    true when an opt-out was removed, false when there was none.
 * Errors:     22023 bad channel or address.
 */
declare
  v_address text := private.normalise_contact_address(p_channel, p_address);
  v_count integer;
begin
  delete from private.notification_opt_outs as o where o.channel = p_channel and o.address = v_address;
  get diagnostics v_count = row_count;
  return v_count > 0;
end
$$;
comment on function private.record_opt_in(public.contact_channel, text) is
  'Notifications: removes an address from the opt-out list; true when one was removed. Implementation of public.record_opt_in.';
revoke execute on function private.record_opt_in(public.contact_channel, text) from public, anon, authenticated, service_role;
grant execute on function private.record_opt_in(public.contact_channel, text) to service_role;

create function public.record_opt_in(channel public.contact_channel, address text)
returns boolean
language sql
volatile
set search_path = ''
as $$
  /**
   * Lets messages reach an address on a channel again (service_role: Twilio START/UNSTOP/YES).
   * Messages suppressed meanwhile are not resent.
   *
   * Returns: true when an opt-out was removed, false when there was none.
   * Errors:  22023.
   * Example: select public.record_opt_in('sms', '+447700900123');
   */
  select private.record_opt_in($1, $2)
$$;
comment on function public.record_opt_in(public.contact_channel, text) is
  'Dispatcher API (service_role): removes a platform-wide opt-out (e.g. START); true when one was removed.';
revoke execute on function public.record_opt_in(public.contact_channel, text) from public, anon, authenticated, service_role;
grant execute on function public.record_opt_in(public.contact_channel, text) to service_role;
