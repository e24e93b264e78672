-- One bad outbox row never stops the claim for everyone: claim_notifications parks a row whose
-- payload does not fit its kind (private.notification_payload_problem, 20261205120000), whose
-- rendering raises a data exception (e.g. a starts_at that is not a time), or for which no
-- template text exists, with the reason in last_error (invalid_payload: / render_failed: /
-- no_template:), and goes on with the next row. Parked rows are returned with a new column,
-- parked_reason, so the dispatcher counts them and sends nothing; for every row to send it is null.
-- The return type changes, so both functions are dropped and created again (same grants).

drop function public.claim_notifications(integer, interval);
drop function private.claim_notifications(integer, interval);

create function private.claim_notifications(max_count integer, lease interval)
returns table (id uuid, tenant_id uuid, kind public.notification_kind, channel public.contact_channel,
               recipient text, subject text, body text, attempts integer, dedupe_key text, parked_reason text)
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
 *   bad rows one row never fails the claim: a payload that does not fit its kind
 *            (private.notification_payload_problem: rows inserted around enqueue_notification,
 *            which checks payloads), a rendering that raises a data exception, or no template
 *            text is parked with last_error invalid_payload: / render_failed: / no_template:
 *            and returned with that parked_reason, so the dispatcher counts it and sends nothing.
 * Suppressed rows and rows parked for their attempts are not returned; the function keeps
 * claiming until it has max_count rows to return or nothing is due.
 *
 * Parameters: max_count 1..1000; lease 1 second..1 hour.
 * Returns:    the claimed rows (id, tenant_id, kind, channel, recipient, subject, body,
 *             attempts (including this one), dedupe_key, parked_reason null), and the bad rows
 *             parked by this claim (parked_reason = their last_error; no text, attempts unchanged).
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

      v_problem := private.notification_payload_problem(v_row.kind, v_row.payload);
      if v_problem is not null then
        v_problem := 'invalid_payload: ' || v_problem;
      else
        begin
          select r.language, r.subject, r.body into v_rendered from private.render_notification(v_row, v_channel) as r;
          if v_rendered.body is null or pg_catalog.btrim(v_rendered.body) = '' or (v_channel = 'email' and v_rendered.subject is null) then
            v_problem := pg_catalog.format('no_template: no %s template for %s messages in %s', v_channel, v_row.kind,
                           coalesce(v_rendered.language, 'any language of the patient or tenant'));
          end if;
        exception when data_exception then
          v_problem := pg_catalog.format('render_failed: %s (SQLSTATE %s)', sqlerrm, sqlstate);
        end;
      end if;
      if v_problem is not null then
        update public.notifications as n
           set status = 'parked', claimed_until = null, channel = v_channel, recipient = v_recipient,
               last_error = pg_catalog.left(v_problem, 1000)
         where n.id = v_row.id
        returning n.id, n.tenant_id, n.kind, n.channel, n.recipient, null::text, null::text, n.attempts, n.dedupe_key, n.last_error
          into id, tenant_id, kind, channel, recipient, subject, body, attempts, dedupe_key, parked_reason;
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
             attempts = n.attempts + 1,
             claimed_until = pg_catalog.now() + lease
       where n.id = v_row.id
      returning n.id, n.tenant_id, n.kind, n.channel, n.recipient, n.subject, n.body, n.attempts, n.dedupe_key, null::text
        into id, tenant_id, kind, channel, recipient, subject, body, attempts, dedupe_key, parked_reason;
      v_returned := v_returned + 1;
      return next;
    end loop;
    exit when v_batch = 0 or v_returned >= max_count;
  end loop;
end
$$;
comment on function private.claim_notifications(integer, interval) is
  'Notifications: claims due messages (and sending ones whose lease expired) for update skip locked, suppresses those without address, opted out or without reminder consent, parks (and returns with parked_reason) those with an invalid payload or that cannot be rendered, renders the rest and marks them sending with a lease. Implementation of public.claim_notifications.';
revoke execute on function private.claim_notifications(integer, interval) from public, anon, authenticated, service_role;
grant execute on function private.claim_notifications(integer, interval) to service_role;

create function public.claim_notifications(max_count integer default 20, lease interval default '2 minutes')
returns table (id uuid, tenant_id uuid, kind public.notification_kind, channel public.contact_channel,
               recipient text, subject text, body text, attempts integer, dedupe_key text, parked_reason text)
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
   * returned with its reason in parked_reason: count it, do not send it.
   *
   * Parameters: max_count (1..1000, default 20); lease (1 second..1 hour, default 2 minutes).
   * Returns:    (id, tenant_id, kind, channel, recipient, subject, body, attempts, dedupe_key,
   *             parked_reason); subject is null for sms; body is plain text; parked_reason is
   *             null for every row to send.
   * Errors:     22023 out of range arguments.
   * Example:    select * from public.claim_notifications(20, '2 minutes');
   */
  select * from private.claim_notifications($1, $2)
$$;
comment on function public.claim_notifications(integer, interval) is
  'Dispatcher API (service_role): claims due notifications (queued and due, or sending with an expired lease) with for update skip locked; suppresses unreachable, opted-out and unconsented ones; parks bad rows (invalid payload, rendering failed, no template) and returns them with parked_reason; returns the rendered rest, now sending with a lease.';
revoke execute on function public.claim_notifications(integer, interval) from public, anon, authenticated, service_role;
grant execute on function public.claim_notifications(integer, interval) to service_role;
