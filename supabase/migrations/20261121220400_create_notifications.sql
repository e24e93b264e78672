-- public.notifications: the outbox of patient messages (issue 5, notifications). Rows are queued
-- by triggers on appointments and waitlist offers (20261121220600) and by
-- public.enqueue_notification (payments); the dispatch-notifications Edge Function claims due
-- rows (public.claim_notifications: recipient, channel, language and text are resolved and
-- rendered then), sends them and records the result (20261121220700).
--
-- Delivery is at least once: a claim is a lease (claimed_until); a dispatcher that dies between
-- claim and result leaves the row 'sending' and it is claimed again once the lease has run out.
-- Reads: the tenant's owners, admins, managers, care coordinators and front desk (tenant-wide
-- roles: they handle patients and bookings), and the patient (their own messages). Clinicians
-- and centre-scoped roles do not. Writes: service_role only. Policies and grants below.

create table public.notifications (
  tenant_id uuid not null,
  id uuid not null default pg_catalog.gen_random_uuid(),
  patient_id uuid not null,
  appointment_id uuid null,
  kind public.notification_kind not null,
  channel public.contact_channel null,
  recipient text null,
  language public.language_tag null,
  payload jsonb not null default '{}',
  dedupe_key text not null,
  send_after timestamptz not null default pg_catalog.now(),
  status public.notification_status not null default 'queued',
  attempts integer not null default 0,
  max_attempts integer not null default 5,
  next_attempt_at timestamptz null,
  claimed_until timestamptz null,
  last_error text null,
  provider text null,
  provider_message_id text null,
  subject text null,
  body text null,
  sent_at timestamptz null,
  delivered_at timestamptz null,
  created_at timestamptz not null default pg_catalog.now(),
  updated_at timestamptz not null default pg_catalog.now(),
  constraint notifications_pkey primary key (tenant_id, id),
  constraint notifications_tenant_id_patient_id_fkey foreign key (tenant_id, patient_id) references public.patients (tenant_id, id) on delete cascade,
  constraint notifications_tenant_id_appointment_id_fkey foreign key (tenant_id, appointment_id) references public.appointments (tenant_id, id) on delete cascade,
  constraint notifications_id_key unique (id),
  constraint notifications_provider_provider_message_id_key unique (provider, provider_message_id),
  constraint notifications_payload_is_object check (pg_catalog.jsonb_typeof(payload) = 'object'),
  constraint notifications_dedupe_key_length check (pg_catalog.char_length(dedupe_key) between 1 and 200),
  constraint notifications_attempts_range check (attempts >= 0 and max_attempts between 1 and 20),
  constraint notifications_claimed_until_iff_sending check ((status = 'sending') = (claimed_until is not null)),
  constraint notifications_provider_message_id_with_provider check (provider_message_id is null or provider is not null)
);
alter table public.notifications enable row level security;

comment on table public.notifications is
  'Outbox of patient messages (confirmations, reschedules, cancellations, reminders, waitlist offers, payment links and receipts). Queued by triggers and public.enqueue_notification; claimed, sent and recorded by the dispatch-notifications Edge Function through claim_notifications / record_notification_result / record_delivery_status. Read by the tenant''s owners, admins, managers, care coordinators and front desk, and by the patient (own); written by service_role only. See docs/notifications.md.';
comment on column public.notifications.tenant_id is 'Tenant on whose behalf the message goes out.';
comment on column public.notifications.id is 'Notification id (unique on its own too: the dispatcher records results by id).';
comment on column public.notifications.patient_id is 'Who gets the message (public.patients).';
comment on column public.notifications.appointment_id is 'The appointment it is about, if any (null e.g. for messages not tied to one).';
comment on column public.notifications.kind is 'What it is about (public.notification_kind).';
comment on column public.notifications.channel is 'sms or email: resolved when queued (the patient''s preferred_channel when it has an address, else sms when there is a phone, else email) and again at claim from the patient''s current details; null when the patient has no address (then suppressed).';
comment on column public.notifications.recipient is 'The phone number or e-mail address it was sent to, resolved at claim from the patient''s current details.';
comment on column public.notifications.language is 'Language of the rendered text (resolved at claim: patient preferred_language, its primary subtag, tenant locale, its primary subtag, en).';
comment on column public.notifications.payload is 'Snapshot of the variables when queued, e.g. {"starts_at", "previous_starts_at", "offset", "payment_url", "amount", "currency", "offer_expires_at"}; names, service and centre are read at claim.';
comment on column public.notifications.dedupe_key is 'Idempotency key, unique per tenant among the rows that are not voided, e.g. booking_confirmed:<appointment>, reminder:<appointment>:<offset>:<start epoch>, waitlist_offer:<offer>, payment_link:<payment>.';
comment on column public.notifications.send_after is 'Not sent before this time (reminders: the start minus the offset).';
comment on column public.notifications.status is 'Where it is (public.notification_status).';
comment on column public.notifications.attempts is 'How many times it was claimed for sending.';
comment on column public.notifications.max_attempts is 'Claims allowed before it is parked (default 5).';
comment on column public.notifications.next_attempt_at is 'After a retryable failure: not claimed again before this time (backoff 1, 2, 4, 8, 16 minutes, at most 1 hour); null = as soon as send_after.';
comment on column public.notifications.claimed_until is 'Lease of the dispatcher that claimed it (set exactly while sending); after it the row can be claimed again (crash recovery).';
comment on column public.notifications.last_error is 'Why the last attempt failed, or why it was parked, suppressed or voided.';
comment on column public.notifications.provider is 'Who took it: twilio, resend, dev_outbox (captured locally, not sent).';
comment on column public.notifications.provider_message_id is 'The provider''s id (Twilio SM..., Resend id), unique per provider; delivery reports find the row by it.';
comment on column public.notifications.subject is 'Rendered e-mail subject (at claim); null for sms.';
comment on column public.notifications.body is 'Rendered plain-text message (at claim).';
comment on column public.notifications.sent_at is 'When the provider accepted it.';
comment on column public.notifications.delivered_at is 'When the provider reported it delivered.';
comment on column public.notifications.created_at is 'When it was queued.';
comment on column public.notifications.updated_at is 'When it last changed (maintained by trigger).';
comment on constraint notifications_tenant_id_patient_id_fkey on public.notifications is 'The recipient is a patient of the same tenant; their messages go with the record.';
comment on constraint notifications_tenant_id_appointment_id_fkey on public.notifications is 'The appointment belongs to the same tenant.';
comment on constraint notifications_id_key on public.notifications is 'Ids are unique across tenants: the dispatcher API addresses a notification by id alone.';
comment on constraint notifications_provider_provider_message_id_key on public.notifications is 'A provider message id belongs to one notification (provider ids are global, so not per tenant): delivery reports find it.';
comment on constraint notifications_payload_is_object on public.notifications is 'The payload is a JSON object.';
comment on constraint notifications_dedupe_key_length on public.notifications is 'Dedupe keys are 1 to 200 characters.';
comment on constraint notifications_attempts_range on public.notifications is 'Attempts never go below zero; 1 to 20 attempts allowed.';
comment on constraint notifications_claimed_until_iff_sending on public.notifications is 'A lease exists exactly while the notification is being sent.';
comment on constraint notifications_provider_message_id_with_provider on public.notifications is 'A provider message id always says which provider.';

create unique index notifications_tenant_id_dedupe_key_key on public.notifications (tenant_id, dedupe_key) where status <> 'voided';
comment on index public.notifications_tenant_id_dedupe_key_key is
  'Idempotency: one live notification per tenant and dedupe key (a voided one frees its key, e.g. a reminder for a time the appointment moves back to).';
create index notifications_due_idx on public.notifications (send_after) where status = 'queued';
comment on index public.notifications_due_idx is 'Finds queued notifications that are due (claim_notifications, the dispatch job).';
create index notifications_claimed_until_idx on public.notifications (claimed_until) where status = 'sending';
comment on index public.notifications_claimed_until_idx is 'Finds notifications whose lease ran out (crash recovery in claim_notifications).';
create index notifications_tenant_id_patient_id_created_at_idx on public.notifications (tenant_id, patient_id, created_at);
comment on index public.notifications_tenant_id_patient_id_created_at_idx is 'A patient''s message history (and the patient foreign key).';
create index notifications_tenant_id_appointment_id_idx on public.notifications (tenant_id, appointment_id);
comment on index public.notifications_tenant_id_appointment_id_idx is 'An appointment''s messages (moving and voiding reminders; the appointment foreign key).';
create index notifications_tenant_id_created_at_idx on public.notifications (tenant_id, created_at);
comment on index public.notifications_tenant_id_created_at_idx is 'Per-tenant statistics over a date window (notification_stats).';

create trigger set_updated_at before update on public.notifications
  for each row execute function private.set_updated_at();
comment on trigger set_updated_at on public.notifications is 'Keeps updated_at current.';

create policy notifications_select_authenticated on public.notifications
  for select
  to authenticated
  using (
    tenant_id in (select private.tenant_ids_with_role(array['owner', 'admin', 'manager', 'care_coordinator', 'front_desk']::public.staff_role[]))
    or (tenant_id, patient_id) in (select k.tenant_id, k.patient_id from private.patient_keys_of_current_user() as k)
  );
comment on policy notifications_select_authenticated on public.notifications is
  'Owners, admins, managers, care coordinators and front desk (tenant-wide) read their tenant''s messages; a patient reads the messages sent to their own records. Clinicians and centre-scoped roles do not.';

revoke all on table public.notifications from anon, authenticated, service_role;
grant select on table public.notifications to authenticated;
grant select, insert, update, delete on table public.notifications to service_role;
