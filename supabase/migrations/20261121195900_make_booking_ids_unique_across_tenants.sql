-- The booking RPCs take an id without its tenant: confirm/cancel/reschedule_appointment(id),
-- the series RPCs (appointment_id), the waitlist RPCs (entry id), and book_appointment reads the
-- new row back by id as the caller. The keys are (tenant_id, id), so without an index that
-- starts with id every such lookup walked the whole primary-key index: 30–50 ms per booking at
-- a million appointments (docs/benchmarks.md, target 3).
--
-- Like services (services_id_key), these ids name one row across all tenants: they are
-- generated (gen_random_uuid) and only service_role may choose its own, so uniqueness costs
-- nothing and makes a lookup by id alone unambiguous as well as one index probe.

alter table public.appointments add constraint appointments_id_key unique (id);
comment on constraint appointments_id_key on public.appointments is
  'An appointment id names one appointment across all tenants: the RPCs find appointments by id alone (one index probe).';

alter table public.appointment_series add constraint appointment_series_id_key unique (id);
comment on constraint appointment_series_id_key on public.appointment_series is
  'A series id names one series across all tenants (lookups by id alone).';

alter table public.waitlist_entries add constraint waitlist_entries_id_key unique (id);
comment on constraint waitlist_entries_id_key on public.waitlist_entries is
  'A waitlist entry id names one entry across all tenants: the waitlist RPCs take the entry id alone.';

alter table public.waitlist_offers add constraint waitlist_offers_id_key unique (id);
comment on constraint waitlist_offers_id_key on public.waitlist_offers is
  'A waitlist offer id names one offer across all tenants: accept/decline take the offer id alone.';
