-- Opt-outs and opt-ins are events with an identity and a time, and the latest one decides:
--   private.notification_opt_events       every STOP / START / complaint / staff change, with the
--                                          provider's message id (event_id) and when it happened
--   private.record_opt_event(...)          the one rule, used by both API functions:
--       an event whose id was recorded before is a replay: nothing changes (false);
--       an event older than the latest recorded one for the address changes nothing (false);
--       otherwise opt_out adds the address to private.notification_opt_outs, opt_in removes it.
--   public.record_opt_out(channel, address, source, event_id, occurred_at)
--   public.record_opt_in(channel, address, event_id, occurred_at)
-- So a replayed genuine START (same MessageSid) after a later STOP does not subscribe the number
-- again. Twilio's inbound webhooks carry no time, so for them occurred_at is when the first
-- delivery arrived; Resend's complaints carry created_at. Calls with neither id nor time (staff)
-- happen now. Events of one address are serialised by a transaction-level advisory lock on it.
-- Existing opt-outs become events at their created_at. The two API functions gain parameters,
-- so they are dropped and created again (same grants; the old calls still work).

create table private.notification_opt_events (
  id bigint generated always as identity,
  channel public.contact_channel not null,
  address text not null,
  action text not null,
  source text null,
  event_id text null,
  occurred_at timestamptz not null,
  recorded_at timestamptz not null default pg_catalog.now(),
  constraint notification_opt_events_pkey primary key (id),
  constraint notification_opt_events_action_valid check (action in ('opt_out', 'opt_in')),
  constraint notification_opt_events_source_valid check (
    (action = 'opt_out' and source in ('sms_stop', 'email_unsubscribe', 'email_complaint', 'staff')) or (action = 'opt_in' and source is null)),
  constraint notification_opt_events_event_id_length check (event_id is null or pg_catalog.char_length(event_id) between 1 and 200),
  constraint notification_opt_events_address_format check (
    (channel = 'sms' and address ~ '^\+[1-9][0-9]{6,14}$')
    or (channel = 'email' and address = pg_catalog.lower(address) and address ~ '^[^@\s]+@[^@\s]+$'))
);
alter table private.notification_opt_events enable row level security;
comment on table private.notification_opt_events is
  'Every opt-out and opt-in of an address (Twilio STOP/START, e-mail complaints, staff), with the provider''s event id and time: replays are recognised by the id and the latest event decides private.notification_opt_outs. Written by private.record_opt_event only. Not exposed.';
comment on column private.notification_opt_events.id is 'Surrogate key, in recording order.';
comment on column private.notification_opt_events.channel is 'sms or email.';
comment on column private.notification_opt_events.address is 'The normalised address (E.164 with +, lower-case e-mail).';
comment on column private.notification_opt_events.action is 'opt_out or opt_in.';
comment on column private.notification_opt_events.source is 'Why an opt-out happened (sms_stop, email_unsubscribe, email_complaint, staff); null for opt-ins.';
comment on column private.notification_opt_events.event_id is 'The provider''s id of the event (Twilio MessageSid, Svix message id); a second event with the same id is a replay and changes nothing. Null for staff changes.';
comment on column private.notification_opt_events.occurred_at is 'When the event happened (the provider''s time when it sends one, else when it first arrived); the latest event of an address decides.';
comment on column private.notification_opt_events.recorded_at is 'When it was recorded.';
comment on constraint notification_opt_events_action_valid on private.notification_opt_events is 'opt_out or opt_in.';
comment on constraint notification_opt_events_source_valid on private.notification_opt_events is 'Opt-outs name a known source; opt-ins none.';
comment on constraint notification_opt_events_event_id_length on private.notification_opt_events is 'Event ids are 1 to 200 characters.';
comment on constraint notification_opt_events_address_format on private.notification_opt_events is 'Phone numbers in E.164, e-mail addresses in lower case.';
revoke all on table private.notification_opt_events from anon, authenticated, service_role;

create unique index notification_opt_events_event_id_key on private.notification_opt_events (event_id) where event_id is not null;
comment on index private.notification_opt_events_event_id_key is 'One event per provider event id: a replay is found and changes nothing.';
create index notification_opt_events_channel_address_occurred_at_idx on private.notification_opt_events (channel, address, occurred_at);
comment on index private.notification_opt_events_channel_address_occurred_at_idx is 'The latest event of an address.';

insert into private.notification_opt_events (channel, address, action, source, occurred_at, recorded_at)
select o.channel, o.address, 'opt_out', o.source, o.created_at, o.created_at
from private.notification_opt_outs as o;

create function private.record_opt_event(
  p_channel public.contact_channel, p_address text, p_action text, p_source text, p_event_id text, p_occurred_at timestamptz)
returns boolean
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Records one opt-out or opt-in of an address and applies it when it is the latest:
 *   - an event id recorded before: a replay, nothing changes;
 *   - an event that happened before the latest recorded event of the address: recorded, but the
 *     state stays as the later event left it;
 *   - otherwise opt_out adds the address to private.notification_opt_outs (keeping an existing
 *     entry and its first source), opt_in removes it.
 * Events of one address are serialised (transaction advisory lock on the address).
 *
 * Parameters: channel; address (normalised here); action opt_out | opt_in; source (opt_out:
 *             sms_stop | email_unsubscribe | email_complaint | staff; opt_in: null); the
 *             provider's event id (or null); when it happened (null: now).
 * Returns:    true when the opt-out list changed (an address added or removed), else false.
 * Errors:     22023 bad channel, address, source, event id, or a time in the future.
 */
declare
  v_address text := private.normalise_contact_address(p_channel, p_address);
  v_occurred_at timestamptz := coalesce(p_occurred_at, pg_catalog.now());
  v_event_id text := nullif(pg_catalog.btrim(p_event_id), '');
  v_count integer;
begin
  if p_action = 'opt_out' and (p_source is null or p_source not in ('sms_stop', 'email_unsubscribe', 'email_complaint', 'staff')) then
    raise exception using errcode = '22023', message = 'source must be sms_stop, email_unsubscribe, email_complaint or staff',
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
comment on function private.record_opt_event(public.contact_channel, text, text, text, text, timestamptz) is
  'Notifications: records an opt-out/opt-in event; replays (same event id) and events older than the latest of the address change nothing; otherwise updates private.notification_opt_outs. The one rule behind record_opt_out and record_opt_in.';
revoke execute on function private.record_opt_event(public.contact_channel, text, text, text, text, timestamptz) from public, anon, authenticated, service_role;
grant execute on function private.record_opt_event(public.contact_channel, text, text, text, text, timestamptz) to service_role;

drop function public.record_opt_out(public.contact_channel, text, text);
drop function public.record_opt_in(public.contact_channel, text);
drop function private.record_opt_out(public.contact_channel, text, text);
drop function private.record_opt_in(public.contact_channel, text);

create function public.record_opt_out(
  channel public.contact_channel, address text, source text, event_id text default null, occurred_at timestamptz default null)
returns boolean
language sql
volatile
set search_path = ''
as $$
  /**
   * Stops all messages on a channel to an address, for every tenant (service_role: the provider
   * webhooks - Twilio STOP, Resend complaints - and staff). Queued messages to it are suppressed
   * when claimed. A replay of an event (same event_id) or an event older than the address's
   * latest opt-in changes nothing.
   *
   * Parameters: channel sms|email; address (E.164 / e-mail; normalised); source sms_stop |
   *             email_unsubscribe | email_complaint | staff; event_id the provider's id (Twilio
   *             MessageSid, Svix id) or null; occurred_at the provider's time or null (now).
   * Returns:    true when newly opted out, false otherwise.
   * Errors:     22023.
   * Example:    select public.record_opt_out('sms', '+447700900123', 'sms_stop', 'SM0123...', null);
   */
  select private.record_opt_event($1, $2, 'opt_out', $3, $4, $5)
$$;
comment on function public.record_opt_out(public.contact_channel, text, text, text, timestamptz) is
  'Dispatcher API (service_role): platform-wide opt-out of an address on a channel (STOP, unsubscribe, complaint, staff); replays and events older than the latest opt-in change nothing; true when new.';
revoke execute on function public.record_opt_out(public.contact_channel, text, text, text, timestamptz) from public, anon, authenticated, service_role;
grant execute on function public.record_opt_out(public.contact_channel, text, text, text, timestamptz) to service_role;

create function public.record_opt_in(
  channel public.contact_channel, address text, event_id text default null, occurred_at timestamptz default null)
returns boolean
language sql
volatile
set search_path = ''
as $$
  /**
   * Lets messages reach an address on a channel again (service_role: Twilio START/UNSTOP/YES,
   * staff). Messages suppressed meanwhile are not resent. A replay of an event (same event_id,
   * e.g. a START delivered again after a later STOP) or an event older than the address's latest
   * opt-out changes nothing.
   *
   * Parameters: channel; address; event_id the provider's id or null; occurred_at or null (now).
   * Returns: true when an opt-out was removed, false otherwise.
   * Errors:  22023.
   * Example: select public.record_opt_in('sms', '+447700900123', 'SM4567...', null);
   */
  select private.record_opt_event($1, $2, 'opt_in', null, $3, $4)
$$;
comment on function public.record_opt_in(public.contact_channel, text, text, timestamptz) is
  'Dispatcher API (service_role): removes a platform-wide opt-out (e.g. START); replays and events older than the latest opt-out change nothing; true when one was removed.';
revoke execute on function public.record_opt_in(public.contact_channel, text, text, timestamptz) from public, anon, authenticated, service_role;
grant execute on function public.record_opt_in(public.contact_channel, text, text, timestamptz) to service_role;
