-- private.notification_opt_outs: addresses that must not get messages on a channel, platform-wide
-- (issue 5, notifications). Platform-wide because a Twilio STOP applies to the sending number,
-- which all tenants share, and an e-mail complaint to the sending domain. Written by
-- public.record_opt_out / record_opt_in (20261121220700, service_role: the provider webhooks);
-- checked when the dispatcher claims a message (suppressed, never sent). Not exposed.

create table private.notification_opt_outs (
  channel public.contact_channel not null,
  address text not null,
  source text not null,
  created_at timestamptz not null default pg_catalog.now(),
  constraint notification_opt_outs_pkey primary key (channel, address),
  constraint notification_opt_outs_source_valid check (source in ('sms_stop', 'email_unsubscribe', 'email_complaint', 'staff')),
  constraint notification_opt_outs_address_format check (
    (channel = 'sms' and address ~ '^\+[1-9][0-9]{6,14}$')
    or (channel = 'email' and address = pg_catalog.lower(address) and address ~ '^[^@\s]+@[^@\s]+$'))
);
alter table private.notification_opt_outs enable row level security;
comment on table private.notification_opt_outs is
  'Platform-wide opt-outs: no message of any kind goes to this address on this channel (suppressed at claim). Written by public.record_opt_out / record_opt_in (provider webhooks, service_role). Not exposed through the API.';
comment on column private.notification_opt_outs.channel is 'sms or email.';
comment on column private.notification_opt_outs.address is 'The phone number (E.164 with +) or the lower-case e-mail address.';
comment on column private.notification_opt_outs.source is 'Why: sms_stop (the recipient texted STOP), email_unsubscribe, email_complaint (marked as spam), staff (on the patient''s request).';
comment on column private.notification_opt_outs.created_at is 'When the opt-out was recorded.';
comment on constraint notification_opt_outs_source_valid on private.notification_opt_outs is 'Known opt-out sources only.';
comment on constraint notification_opt_outs_address_format on private.notification_opt_outs is 'Phone numbers in E.164, e-mail addresses in lower case.';
revoke all on table private.notification_opt_outs from anon, authenticated, service_role;
