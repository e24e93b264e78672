-- Types of the notifications outbox (issue 5, "Money and messages"): what a message is about
-- (public.notification_kind) and where it is in its life (public.notification_status).
-- In `public` so that `supabase gen types` shows them to client code. See docs/notifications.md.

create type public.notification_kind as enum (
  'booking_confirmed', 'booking_rescheduled', 'booking_cancelled',
  'payment_link', 'payment_receipt', 'waitlist_offer', 'reminder'
);
comment on type public.notification_kind is
  'What a notification is about: booking_confirmed (a booking is made or its payment completed), booking_rescheduled (a booked appointment moved), booking_cancelled (a booked appointment was called off), payment_link (pay to keep a held slot), payment_receipt (a payment succeeded), waitlist_offer (a freed slot is held for a waitlisted patient), reminder (before an appointment, at the tenant''s reminder_offsets).';

create type public.notification_status as enum (
  'queued', 'sending', 'sent', 'delivered', 'undelivered', 'parked', 'voided', 'suppressed', 'captured'
);
comment on type public.notification_status is
  'Life of a notification: queued (waiting for send_after / next_attempt_at), sending (claimed by the dispatcher; reclaimed when its lease runs out), sent (the provider accepted it), delivered / undelivered (the provider''s delivery report; never back from delivered), parked (gave up: permanent error or too many attempts; last_error says why), voided (no longer wanted, e.g. the appointment was cancelled or moved), suppressed (never sent: no address, opted out or no consent; last_error says why), captured (LOCAL DEV OUTBOX ONLY: written to the functions log instead of being sent - the patient got NOTHING).';
