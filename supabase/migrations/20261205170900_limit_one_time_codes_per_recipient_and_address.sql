-- One-time codes cost money (an SMS each) and are the classic abuse of a sign-in form: codes
-- pumped to premium numbers, or one person's phone flooded. Supabase Auth limits the codes of a
-- whole project ([auth.rate_limit] sms_sent, email_sent) and one address's frequency
-- ([auth.sms] max_frequency); the Send SMS / Send Email hooks add Slotbase's own limit before they
-- send (docs/rate-limits.md#one-time-codes): per recipient (phone number or e-mail address) and per
-- client IP of the sign-in (Auth passes it as metadata.ip_address), the 'otp' row of
-- private.rate_limit_defaults (5 codes an hour per recipient, 30 per address, across tenants).
--
--   public.record_otp_request(channel, recipient, ip_address)
--       service_role (the hooks): counts the code and returns null, or returns how many seconds
--       to wait (nothing counted; the hook then answers Auth with 429 and sends nothing).

create function private.record_otp_request(p_channel text, p_recipient text, p_ip_address text)
returns integer
language plpgsql
volatile
security definer
set search_path = ''
as $$
/**
 * Implementation of public.record_otp_request: counts a one-time code for a recipient and the
 * sign-in's client IP against the 'otp' rate limits.
 *
 * Parameters: sms or email; the phone number (E.164, with or without +) or e-mail address; the
 *             client IP Auth reported (null or not an address: counted per recipient only).
 * Returns:    null when the code may go out (it is counted), else the seconds to wait (at least 1).
 * Errors:     22023 unknown channel or a recipient that is not a phone number / e-mail address.
 */
declare
  v_recipient text;
  v_wait interval;
begin
  if p_channel = 'sms' and p_recipient ~ '^\+?[1-9][0-9]{6,14}$' then
    v_recipient := 'sms:+' || pg_catalog.ltrim(p_recipient, '+');
  elsif p_channel = 'email' and p_recipient ~ '^[^@\s]{1,64}@[^@\s]{1,255}$' then
    v_recipient := 'email:' || pg_catalog.lower(p_recipient);
  else
    raise exception using errcode = '22023', message = 'channel must be sms or email, with a phone number or e-mail address',
      hint = 'Pass the address the code goes to.';
  end if;
  v_wait := private.count_rate_limited_action('otp', null, v_recipient, private.client_ip_subject(p_ip_address));
  return case when v_wait is null then null
              else greatest(1, pg_catalog.ceil(extract(epoch from v_wait)))::integer end;
end
$$;
comment on function private.record_otp_request(text, text, text) is
  'Implementation of public.record_otp_request (security definer): counts a one-time code per recipient and client IP (otp rate limits); null, or the seconds to wait.';
revoke execute on function private.record_otp_request(text, text, text) from public, anon, authenticated, service_role;
grant execute on function private.record_otp_request(text, text, text) to service_role;

create function public.record_otp_request(channel text, recipient text, ip_address text)
returns integer
language sql
volatile
set search_path = ''
as $$
  /**
   * The Send SMS / Send Email hooks (service_role), before they send a one-time code: counts it
   * against the 'otp' rate limits of its recipient and of the sign-in's client IP.
   *
   * Returns: null (send it; counted) or the seconds to wait (do not send; answer 429).
   * Errors:  22023.
   * Example: select public.record_otp_request('sms', '+447700900001', '203.0.113.7');
   */
  select private.record_otp_request($1, $2, $3)
$$;
comment on function public.record_otp_request(text, text, text) is
  'Auth hooks (service_role): counts a one-time code against the otp rate limits of its recipient and client IP; null to send, or the seconds to wait.';
revoke execute on function public.record_otp_request(text, text, text) from public, anon, authenticated, service_role;
grant execute on function public.record_otp_request(text, text, text) to service_role;
