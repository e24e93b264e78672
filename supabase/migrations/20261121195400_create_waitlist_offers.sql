-- public.waitlist_offers: every offer of a freed slot to a waitlist entry and how it ended
-- (issue 4, part 2: waitlist). Written by the freed-slot trigger (20261121195600) when it holds a
-- slot for an entry, and closed (outcome, decided_at) by accept/decline/leave (20261121195700) or
-- by the trigger when the held appointment expires or is cancelled.
--
-- (tenant_id, entry_id, clinician_id, starts_at) is unique: the same freed slot is never offered
-- twice to the same entry - a declined or expired slot goes to the NEXT entry, never back.
-- The offer row is also the hook for notifying the patient (notifications issue).
-- Writes: service_role only. Policies: 20261121195500.

create table public.waitlist_offers (
  tenant_id uuid not null,
  id uuid not null default pg_catalog.gen_random_uuid(),
  entry_id uuid not null,
  appointment_id uuid not null,
  clinician_id uuid not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  offered_at timestamptz not null default pg_catalog.clock_timestamp(),
  expires_at timestamptz not null,
  outcome public.waitlist_offer_outcome null,
  decided_at timestamptz null,
  constraint waitlist_offers_pkey primary key (tenant_id, id),
  constraint waitlist_offers_tenant_id_entry_id_fkey foreign key (tenant_id, entry_id) references public.waitlist_entries (tenant_id, id) on delete cascade,
  constraint waitlist_offers_tenant_id_appointment_id_fkey foreign key (tenant_id, appointment_id) references public.appointments (tenant_id, id) on delete restrict,
  constraint waitlist_offers_tenant_id_entry_id_clinician_id_starts_at_key unique (tenant_id, entry_id, clinician_id, starts_at),
  constraint waitlist_offers_tenant_id_appointment_id_key unique (tenant_id, appointment_id),
  constraint waitlist_offers_ends_after_starts check (ends_at > starts_at),
  constraint waitlist_offers_decided_at_iff_outcome check ((outcome is null) = (decided_at is null))
);
alter table public.waitlist_offers enable row level security;

comment on table public.waitlist_offers is
  'History of waitlist offers: one row each time a freed slot is held for a waitlist entry, with how it ended (accepted, declined, expired, withdrawn; null while open). The same slot (clinician, start) is never offered twice to one entry. Read by the patient and the tenant''s staff; written by the waitlist trigger and RPCs (service_role directly). The hook for notifying patients of offers.';
comment on column public.waitlist_offers.tenant_id is 'Tenant of the entry and the appointment.';
comment on column public.waitlist_offers.id is 'Offer id.';
comment on column public.waitlist_offers.entry_id is 'The waitlist entry the slot was offered to.';
comment on column public.waitlist_offers.appointment_id is 'The pending appointment that held the slot for the patient (cancelled when the offer is declined, expires or is withdrawn; booked or awaiting payment when accepted).';
comment on column public.waitlist_offers.clinician_id is 'Clinician of the offered slot (copied from the freed appointment; with starts_at it identifies the slot).';
comment on column public.waitlist_offers.starts_at is 'Start of the offered slot.';
comment on column public.waitlist_offers.ends_at is 'End of the offered slot (the service''s duration for that clinician).';
comment on column public.waitlist_offers.offered_at is 'When the slot was offered (clock time).';
comment on column public.waitlist_offers.expires_at is 'Until when the offer can be accepted: now() of the offering transaction + the tenant''s waitlist_offer_duration, but never after the slot''s start; the hold''s hold_expires_at.';
comment on column public.waitlist_offers.outcome is 'How the offer ended (public.waitlist_offer_outcome); null while it is open.';
comment on column public.waitlist_offers.decided_at is 'When the offer ended (clock time); set exactly when outcome is.';
comment on constraint waitlist_offers_tenant_id_entry_id_fkey on public.waitlist_offers is 'Offers belong to an entry of the same tenant and go with it.';
comment on constraint waitlist_offers_tenant_id_appointment_id_fkey on public.waitlist_offers is 'The holding appointment belongs to the same tenant and cannot be deleted while the offer records it.';
comment on constraint waitlist_offers_tenant_id_entry_id_clinician_id_starts_at_key on public.waitlist_offers is 'The same slot is never offered twice to the same entry. Also serves the entry foreign key.';
comment on constraint waitlist_offers_tenant_id_appointment_id_key on public.waitlist_offers is 'One offer per holding appointment. Also serves the appointment foreign key.';
comment on constraint waitlist_offers_ends_after_starts on public.waitlist_offers is 'An offered slot has a positive length.';
comment on constraint waitlist_offers_decided_at_iff_outcome on public.waitlist_offers is 'A closed offer records when it ended, and only a closed one.';

create unique index waitlist_offers_one_open_offer_key on public.waitlist_offers (tenant_id, entry_id) where outcome is null;
comment on index public.waitlist_offers_one_open_offer_key is 'An entry has at most one open offer at a time.';

-- public.waitlist_offers: grants. Reads through RLS; written by the waitlist functions (service_role direct).
revoke all on table public.waitlist_offers from anon, authenticated, service_role;
grant select on table public.waitlist_offers to authenticated;
grant select, insert, update, delete on table public.waitlist_offers to service_role;

create trigger audit_changes after insert or update or delete on public.waitlist_offers
  for each row execute function private.record_audit_event('tenant_id');
comment on trigger audit_changes on public.waitlist_offers is 'Records every offer and its outcome in public.audit_log.';
