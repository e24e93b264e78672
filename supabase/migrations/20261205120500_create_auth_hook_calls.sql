-- The Send SMS and Send Email Auth hooks handle each call once (docs/auth.md, "Replays"):
--   private.auth_hook_calls                         the webhook-id of every call, for an hour
--   public.record_auth_hook_call(hook, webhook_id)  true the first time, false for a repeat
-- Supabase Auth signs every call with Standard Webhooks and gives each one its own webhook-id (its
-- own retries get new ids), and the functions refuse signatures older than 5 minutes. A genuine
-- call replayed within those 5 minutes carries a webhook-id seen before: the function answers it
-- without sending the code again. Ids are kept for an hour, well beyond the tolerance, and removed
-- by later calls.

create table private.auth_hook_calls (
  hook text not null,
  webhook_id text not null,
  received_at timestamptz not null default pg_catalog.now(),
  constraint auth_hook_calls_pkey primary key (hook, webhook_id),
  constraint auth_hook_calls_hook_valid check (hook in ('send_sms', 'send_email')),
  constraint auth_hook_calls_webhook_id_format check (webhook_id ~ '^[\x21-\x7e]{1,200}$')
);
alter table private.auth_hook_calls enable row level security;
comment on table private.auth_hook_calls is
  'The webhook-id of every Send SMS / Send Email hook call handled in the last hour: a replayed call (same id) is answered without sending again. Written by public.record_auth_hook_call (service_role) only. Not exposed.';
comment on column private.auth_hook_calls.hook is 'send_sms or send_email.';
comment on column private.auth_hook_calls.webhook_id is 'The Standard Webhooks webhook-id header of the call (Auth makes one per call and attempt).';
comment on column private.auth_hook_calls.received_at is 'When the call was first handled; rows older than an hour are removed.';
comment on constraint auth_hook_calls_hook_valid on private.auth_hook_calls is 'The two Auth hooks that send messages.';
comment on constraint auth_hook_calls_webhook_id_format on private.auth_hook_calls is 'Ids are 1 to 200 printable ASCII characters.';
revoke all on table private.auth_hook_calls from anon, authenticated, service_role;

create index auth_hook_calls_received_at_idx on private.auth_hook_calls (received_at);
comment on index private.auth_hook_calls_received_at_idx is 'Finds the calls older than an hour to remove.';

create function private.record_auth_hook_call(p_hook text, p_webhook_id text)
returns boolean
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Records that a hook call with this webhook-id is being handled. Removes ids older than an hour
 * on the way (they are far beyond the 5-minute signature tolerance).
 *
 * Parameters: p_hook send_sms | send_email; p_webhook_id the call's webhook-id.
 * Returns:    true the first time the id is seen (send the message), false for a repeat (do not).
 * Errors:     22023 unknown hook, or an id that is empty, longer than 200 characters or not
 *             printable ASCII.
 */
declare
  v_count integer;
begin
  if p_hook is null or p_hook not in ('send_sms', 'send_email') then
    raise exception using errcode = '22023', message = 'hook must be send_sms or send_email',
      hint = 'Name the Auth hook the call came to.';
  end if;
  if p_webhook_id is null or p_webhook_id !~ '^[\x21-\x7e]{1,200}$' then
    raise exception using errcode = '22023', message = 'webhook_id must be 1 to 200 printable characters',
      hint = 'Pass the webhook-id header of the verified call.';
  end if;
  delete from private.auth_hook_calls as c
   where c.received_at < pg_catalog.now() - interval '1 hour';
  insert into private.auth_hook_calls (hook, webhook_id) values (p_hook, p_webhook_id)
  on conflict (hook, webhook_id) do nothing;
  get diagnostics v_count = row_count;
  return v_count > 0;
end
$$;
comment on function private.record_auth_hook_call(text, text) is
  'Auth hooks: records a call''s webhook-id; true the first time, false for a replay. Implementation of public.record_auth_hook_call.';
revoke execute on function private.record_auth_hook_call(text, text) from public, anon, authenticated, service_role;
grant execute on function private.record_auth_hook_call(text, text) to service_role;

create function public.record_auth_hook_call(hook text, webhook_id text)
returns boolean
language sql
volatile
set search_path = ''
as $$
  /**
   * Records that the Send SMS / Send Email hook is handling the call with this webhook-id
   * (service_role: the send-sms-hook and send-email-hook functions, after the signature check).
   *
   * Returns: true the first time (send), false when the same call was handled before (a replay:
   *          answer it without sending again).
   * Errors:  22023.
   * Example: select public.record_auth_hook_call('send_sms', 'msg_2u8...');
   */
  select private.record_auth_hook_call($1, $2)
$$;
comment on function public.record_auth_hook_call(text, text) is
  'Auth hooks (service_role): records a Send SMS / Send Email call by its webhook-id; true the first time, false for a replayed call, which must not send again.';
revoke execute on function public.record_auth_hook_call(text, text) from public, anon, authenticated, service_role;
grant execute on function public.record_auth_hook_call(text, text) to service_role;
