-- public.refunds: money going back to the patient for a succeeded payment (issue 5) — an outbox
-- the process-refunds Edge Function works off.
--
-- Rows are created by the database only: the cancellation trigger (reason cancellation,
-- 20261121210750), handle_stripe_event (slot_released: the money arrived after the hold was
-- gone; stripe_dashboard: a refund made in the Stripe Dashboard) and request_refund (staff).
-- Life cycle: requested -> processing (claimed by claim_refunds, with a lease) -> submitted
-- (Stripe answered pending) -> succeeded | failed; a transport error puts it back to requested
-- with a backoff (record_refund_result); webhooks move it on too (handle_stripe_event).
-- Stripe is called with the idempotency key refund:<id>, so a refund claimed twice (lease
-- expired) is still made once.
-- Reads: the patient (own) and the tenant's staff (policies in 20261121210500); writes:
-- service_role only (and the definer functions).

create table public.refunds (
  tenant_id uuid not null,
  id uuid not null default pg_catalog.gen_random_uuid(),
  payment_id uuid not null,
  appointment_id uuid not null,
  patient_id uuid not null,
  amount numeric(12, 3) not null,
  currency public.currency_code not null,
  amount_minor bigint not null,
  reason text not null,
  note text null,
  status text not null default 'requested',
  stripe_refund_id text null,
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default pg_catalog.now(),
  claimed_until timestamptz null,
  last_error text null,
  requested_by uuid null,
  created_at timestamptz not null default pg_catalog.now(),
  updated_at timestamptz not null default pg_catalog.now(),
  constraint refunds_pkey primary key (tenant_id, id),
  constraint refunds_id_key unique (id),
  constraint refunds_stripe_refund_id_key unique (stripe_refund_id),
  constraint refunds_tenant_id_payment_id_fkey foreign key (tenant_id, payment_id) references public.payments (tenant_id, id) on delete restrict,
  constraint refunds_tenant_id_appointment_id_fkey foreign key (tenant_id, appointment_id) references public.appointments (tenant_id, id) on delete restrict,
  constraint refunds_tenant_id_patient_id_fkey foreign key (tenant_id, patient_id) references public.patients (tenant_id, id) on delete restrict,
  constraint refunds_requested_by_fkey foreign key (requested_by) references auth.users (id) on delete set null,
  constraint refunds_amount_positive check (amount > 0),
  constraint refunds_amount_minor_positive check (amount_minor > 0),
  constraint refunds_reason_valid check (reason in ('cancellation', 'slot_released', 'staff', 'stripe_dashboard')),
  constraint refunds_status_valid check (status in ('requested', 'processing', 'submitted', 'succeeded', 'failed')),
  constraint refunds_stripe_refund_id_format check (stripe_refund_id ~ '^(re|pyr)_[A-Za-z0-9_]{1,250}$'),
  constraint refunds_attempts_non_negative check (attempts >= 0),
  constraint refunds_claimed_until_when_processing check (status <> 'processing' or claimed_until is not null),
  constraint refunds_note_length check (pg_catalog.char_length(note) <= 500)
);
alter table public.refunds enable row level security;

comment on table public.refunds is
  'Refunds of succeeded payments: created by the database (cancellation trigger, late payments for released slots, staff requests, Stripe Dashboard refunds seen by webhook), sent to Stripe by the process-refunds Edge Function (claim_refunds / record_refund_result, idempotency key refund:<id>). Readable by the patient and the tenant''s staff; written by service_role and the payment functions. See docs/payments.md.';
comment on column public.refunds.tenant_id is 'Tenant of the payment.';
comment on column public.refunds.id is 'Refund id; sent to Stripe as metadata.refund_id and in the idempotency key refund:<id>.';
comment on column public.refunds.payment_id is 'The payment refunded (public.payments).';
comment on column public.refunds.appointment_id is 'The payment''s appointment.';
comment on column public.refunds.patient_id is 'The payment''s patient, copied for the patient''s read access.';
comment on column public.refunds.amount is 'Amount refunded in major units of currency (3 decimals so any Stripe minor amount fits).';
comment on column public.refunds.currency is 'ISO 4217 currency (the payment''s).';
comment on column public.refunds.amount_minor is 'amount in the currency''s minor unit, as sent to Stripe.';
comment on column public.refunds.reason is 'cancellation (the appointment was cancelled), slot_released (the payment succeeded after the hold was gone), staff (request_refund), stripe_dashboard (made outside Slotbase, seen by webhook).';
comment on column public.refunds.note is 'Free-text reason given by staff (request_refund).';
comment on column public.refunds.status is 'requested -> processing (claimed) -> submitted (Stripe: pending) -> succeeded | failed.';
comment on column public.refunds.stripe_refund_id is 'Stripe Refund id (re_...), once Stripe created it.';
comment on column public.refunds.attempts is 'How many times the refund was claimed for sending.';
comment on column public.refunds.next_attempt_at is 'A requested refund is claimed at or after this time (backoff after transport errors).';
comment on column public.refunds.claimed_until is 'Lease of the worker that claimed it; a processing refund whose lease ended is claimed again (crash recovery).';
comment on column public.refunds.last_error is 'Last error reported by Stripe or the worker.';
comment on column public.refunds.requested_by is 'Staff user who requested it (request_refund), or the user whose cancellation caused it; null for system refunds.';
comment on column public.refunds.created_at is 'When the refund was requested.';
comment on column public.refunds.updated_at is 'When it last changed (maintained by trigger).';
comment on constraint refunds_id_key on public.refunds is 'A refund id names one refund across all tenants (Stripe metadata and the RPCs use the id alone).';
comment on constraint refunds_stripe_refund_id_key on public.refunds is 'A Stripe refund is recorded once.';
comment on constraint refunds_tenant_id_payment_id_fkey on public.refunds is 'The payment belongs to the same tenant.';
comment on constraint refunds_tenant_id_appointment_id_fkey on public.refunds is 'The appointment belongs to the same tenant.';
comment on constraint refunds_tenant_id_patient_id_fkey on public.refunds is 'The patient belongs to the same tenant.';
comment on constraint refunds_requested_by_fkey on public.refunds is 'The requesting user, kept as null when that user is deleted.';
comment on constraint refunds_amount_positive on public.refunds is 'A refund gives something back.';
comment on constraint refunds_amount_minor_positive on public.refunds is 'The Stripe amount is positive.';
comment on constraint refunds_reason_valid on public.refunds is 'Known refund reasons.';
comment on constraint refunds_status_valid on public.refunds is 'Known refund statuses.';
comment on constraint refunds_stripe_refund_id_format on public.refunds is 'Stripe refund ids look like re_... (or pyr_...).';
comment on constraint refunds_attempts_non_negative on public.refunds is 'The attempt counter never goes below zero.';
comment on constraint refunds_claimed_until_when_processing on public.refunds is 'A claimed refund always has a lease.';
comment on constraint refunds_note_length on public.refunds is 'Notes are at most 500 characters.';

create index refunds_tenant_id_payment_id_idx on public.refunds (tenant_id, payment_id);
comment on index public.refunds_tenant_id_payment_id_idx is 'A payment''s refunds (the payment foreign key, refundable amounts).';
create index refunds_tenant_id_appointment_id_idx on public.refunds (tenant_id, appointment_id);
comment on index public.refunds_tenant_id_appointment_id_idx is 'Serves the appointment foreign key.';
create index refunds_tenant_id_patient_id_idx on public.refunds (tenant_id, patient_id);
comment on index public.refunds_tenant_id_patient_id_idx is 'A patient''s refunds (the patient foreign key).';
create index refunds_requested_by_idx on public.refunds (requested_by) where requested_by is not null;
comment on index public.refunds_requested_by_idx is 'Serves the requested_by foreign key.';
create index refunds_requested_due_idx on public.refunds (next_attempt_at) where status = 'requested';
comment on index public.refunds_requested_due_idx is 'Finds requested refunds that are due (claim_refunds, the process-refunds job).';
create index refunds_processing_lease_idx on public.refunds (claimed_until) where status = 'processing';
comment on index public.refunds_processing_lease_idx is 'Finds claimed refunds whose lease ended (crash recovery in claim_refunds).';

create trigger set_updated_at before update on public.refunds
  for each row execute function private.set_updated_at();
comment on trigger set_updated_at on public.refunds is 'Keeps updated_at current.';

revoke all on table public.refunds from anon, authenticated, service_role;
grant select on table public.refunds to authenticated;
grant select, insert, update, delete on table public.refunds to service_role;
