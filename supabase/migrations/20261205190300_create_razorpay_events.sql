-- private.razorpay_events: every Razorpay webhook event handled, by its event id (the
-- x-razorpay-event-id header, "unique per event"), which makes public.handle_razorpay_event
-- exactly-once as private.stripe_events does for Stripe: the id is inserted FIRST (`on conflict do
-- nothing`) in the transaction that applies the event, so a redelivery changes nothing and a
-- delivery whose transaction failed is processed when Razorpay retries it.
-- Not exposed: no API role has any privilege on it (RLS on without policies as a second lock).

create table private.razorpay_events (
  id text not null,
  type text not null,
  account_id text null,
  received_at timestamptz not null default pg_catalog.now(),
  outcome text not null default 'processing',
  payment_id uuid null,
  detail jsonb null,
  constraint razorpay_events_pkey primary key (id),
  constraint razorpay_events_id_length check (pg_catalog.char_length(id) between 1 and 255),
  constraint razorpay_events_type_length check (pg_catalog.char_length(type) between 1 and 255),
  constraint razorpay_events_account_id_length check (pg_catalog.char_length(account_id) <= 255),
  constraint razorpay_events_outcome_valid check (outcome in ('processing', 'processed', 'ignored', 'unmatched'))
);
alter table private.razorpay_events enable row level security;

comment on table private.razorpay_events is
  'Processed Razorpay webhook events (exactly-once): handle_razorpay_event inserts the event id first, so a redelivery is a no-op. Not exposed to any API role.';
comment on column private.razorpay_events.id is 'Razorpay event id (the x-razorpay-event-id header of the delivery).';
comment on column private.razorpay_events.type is 'Razorpay event, e.g. payment.captured.';
comment on column private.razorpay_events.account_id is 'Razorpay account the event belongs to (account_id of the payload).';
comment on column private.razorpay_events.received_at is 'When it was first handled.';
comment on column private.razorpay_events.outcome is 'processed (state changed or was checked), ignored (event not handled), unmatched (no payment/refund of ours); processing only inside the handling transaction.';
comment on column private.razorpay_events.payment_id is 'The payment the event was matched to, if any.';
comment on column private.razorpay_events.detail is 'What happened, e.g. {"amount_mismatch": ...}, {"no_change": ...}, {"refund_ids": [...]}.';
comment on constraint razorpay_events_id_length on private.razorpay_events is 'Event ids are non-empty and short.';
comment on constraint razorpay_events_type_length on private.razorpay_events is 'Event names are non-empty and short.';
comment on constraint razorpay_events_account_id_length on private.razorpay_events is 'Account ids are short.';
comment on constraint razorpay_events_outcome_valid on private.razorpay_events is 'Known outcomes.';

create index razorpay_events_payment_id_idx on private.razorpay_events (payment_id) where payment_id is not null;
comment on index private.razorpay_events_payment_id_idx is 'The events of a payment (support, debugging).';

revoke all on table private.razorpay_events from public, anon, authenticated, service_role;
