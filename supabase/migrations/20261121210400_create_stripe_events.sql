-- private.stripe_events: every Stripe webhook event handled, by Stripe event id (issue 5).
--
-- This is what makes public.handle_stripe_event exactly-once: it inserts the event id here FIRST
-- (`on conflict do nothing`) in the same transaction as the state change, so a redelivered event
-- (Stripe retries, replays, concurrent deliveries) finds its id and changes nothing; a delivery
-- whose transaction failed left no row and is processed when Stripe retries it.
-- Not exposed: schema private is not in the Data API; no API role has any privilege on it
-- (RLS is on without policies as a second lock). Only the definer functions write it.

create table private.stripe_events (
  id text not null,
  type text not null,
  account text null,
  livemode boolean not null default false,
  received_at timestamptz not null default pg_catalog.now(),
  outcome text not null default 'processing',
  payment_id uuid null,
  detail jsonb null,
  constraint stripe_events_pkey primary key (id),
  constraint stripe_events_id_length check (pg_catalog.char_length(id) between 1 and 255),
  constraint stripe_events_outcome_valid check (outcome in ('processing', 'processed', 'ignored', 'unmatched'))
);
alter table private.stripe_events enable row level security;

comment on table private.stripe_events is
  'Processed Stripe webhook events (exactly-once): handle_stripe_event inserts the event id first, so a redelivery is a no-op. Not exposed to any API role.';
comment on column private.stripe_events.id is 'Stripe event id (evt_...).';
comment on column private.stripe_events.type is 'Stripe event type, e.g. payment_intent.succeeded.';
comment on column private.stripe_events.account is 'Connected account the event came from (Connect), null for the platform account.';
comment on column private.stripe_events.livemode is 'Whether it was a live-mode event.';
comment on column private.stripe_events.received_at is 'When it was first handled.';
comment on column private.stripe_events.outcome is 'processed (state changed or was checked), ignored (type not handled), unmatched (no payment/refund of ours); processing only inside the handling transaction.';
comment on column private.stripe_events.payment_id is 'The payment the event was matched to, if any.';
comment on column private.stripe_events.detail is 'What happened, e.g. {"amount_mismatch": ...}, {"no_change": ...}, {"refund_ids": [...]}.';
comment on constraint stripe_events_id_length on private.stripe_events is 'Event ids are non-empty and short.';
comment on constraint stripe_events_outcome_valid on private.stripe_events is 'Known outcomes.';

create index stripe_events_payment_id_idx on private.stripe_events (payment_id) where payment_id is not null;
comment on index private.stripe_events_payment_id_idx is 'The events of a payment (support, debugging).';

revoke all on table private.stripe_events from public, anon, authenticated, service_role;
