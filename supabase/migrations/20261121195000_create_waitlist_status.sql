-- The waitlist's two enums (issue 4, part 2: waitlist): public.waitlist_status, the life of a
-- waitlist entry, and public.waitlist_offer_outcome, how one offer of a freed slot ended.
--
-- An entry's life (docs/waitlist.md):
--   waiting  --(a matching slot is freed)-->  offered  --accept-->  booked
--   offered  --decline / hold expired / offer withdrawn by staff-->  waiting (window still open)
--                                                                    or expired (window over)
--   waiting | offered  --leave_waitlist-->  cancelled
--   waiting  --(window over, job expire-waitlist-entries)-->  expired

create type public.waitlist_status as enum ('waiting', 'offered', 'booked', 'expired', 'cancelled');
comment on type public.waitlist_status is
  'Status of a waitlist entry: waiting (on the list, no live offer: the next matching freed slot is offered to it), offered (a freed slot is held for the patient as a pending appointment until offer_expires_at), booked (the patient accepted an offer: final), expired (the window ended before anything was accepted: final), cancelled (the patient or staff left the list: final).';

create type public.waitlist_offer_outcome as enum ('accepted', 'declined', 'expired', 'withdrawn');
comment on type public.waitlist_offer_outcome is
  'How an offer of a freed slot ended: accepted (accept_waitlist_offer, or the held appointment was confirmed), declined (decline_waitlist_offer, or the patient cancelled the held appointment), expired (the hold ran out: hold_expired), withdrawn (the entry left the list, or staff cancelled the held appointment). Null on an offer that is still open.';
