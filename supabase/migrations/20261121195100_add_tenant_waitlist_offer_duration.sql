-- public.tenants.waitlist_offer_duration: how long a freed slot is held for a waitlisted patient
-- before it passes to the next one (issue 4, part 2: waitlist). A tenant setting like
-- payment_hold_duration: owners and admins change it (column grant below, row access through the
-- existing policy tenants_update_authenticated); everyone who reads tenants reads it.

alter table public.tenants
  add column waitlist_offer_duration interval not null default '30 minutes',
  add constraint tenants_waitlist_offer_duration_range
    check (waitlist_offer_duration >= interval '5 minutes' and waitlist_offer_duration <= interval '24 hours');

comment on column public.tenants.waitlist_offer_duration is
  'Waitlist policy: how long a freed slot is held (a pending appointment) for the waitlisted patient it is offered to before it passes to the next one (5 minutes to 24 hours; default 30 minutes). Never beyond the slot''s start.';
comment on constraint tenants_waitlist_offer_duration_range on public.tenants is
  'A waitlist offer lasts between 5 minutes and 24 hours.';

-- the settings columns owners and admins may update (20261121170100), plus this one
grant update (waitlist_offer_duration) on table public.tenants to authenticated;
