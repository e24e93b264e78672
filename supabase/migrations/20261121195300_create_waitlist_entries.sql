-- public.waitlist_entries: a patient waiting for a time for a service at a centre, with one
-- clinician or any, inside a window (issue 4, part 2: waitlist).
--
-- When an appointment frees a future slot (cancelled, entered in error, or moved away), the
-- trigger of 20261121195600 holds that slot for the oldest matching 'waiting' entry as a pending
-- appointment (booked_via 'waitlist') until offer_expires_at; the entry becomes 'offered'. The
-- patient (or staff) then accepts or declines through the RPCs of 20261121195700; every offer
-- is a row of public.waitlist_offers (20261121195400).
--
-- Writes: service_role only; everyone else goes through join_waitlist / leave_waitlist /
-- accept_waitlist_offer / decline_waitlist_offer. Policies: 20261121195500.
--
-- Keys: offered_appointment_id references the appointment ON DELETE RESTRICT (appointments are
-- never deleted through the API; a SET NULL would leave an 'offered' entry without its hold).
-- patient, service, centre and clinician references CASCADE: a wish for something that no longer
-- exists is void (and anything with appointments cannot be deleted anyway).

create table public.waitlist_entries (
  tenant_id uuid not null,
  id uuid not null default pg_catalog.gen_random_uuid(),
  patient_id uuid not null,
  service_id uuid not null,
  centre_id uuid not null,
  clinician_id uuid null,
  earliest timestamptz not null,
  latest timestamptz not null,
  status public.waitlist_status not null default 'waiting',
  offered_appointment_id uuid null,
  offer_expires_at timestamptz null,
  joined_via text not null,
  created_by uuid null,
  created_at timestamptz not null default pg_catalog.clock_timestamp(),
  updated_at timestamptz not null default pg_catalog.now(),
  constraint waitlist_entries_pkey primary key (tenant_id, id),
  constraint waitlist_entries_tenant_id_patient_id_fkey foreign key (tenant_id, patient_id) references public.patients (tenant_id, id) on delete cascade,
  constraint waitlist_entries_tenant_id_service_id_fkey foreign key (tenant_id, service_id) references public.services (tenant_id, id) on delete cascade,
  constraint waitlist_entries_tenant_id_centre_id_fkey foreign key (tenant_id, centre_id) references public.centres (tenant_id, id) on delete cascade,
  constraint waitlist_entries_tenant_id_clinician_id_fkey foreign key (tenant_id, clinician_id) references public.clinicians (tenant_id, id) on delete cascade,
  constraint waitlist_entries_tenant_id_offered_appointment_id_fkey foreign key (tenant_id, offered_appointment_id) references public.appointments (tenant_id, id) on delete restrict,
  constraint waitlist_entries_created_by_fkey foreign key (created_by) references auth.users (id) on delete set null,
  constraint waitlist_entries_latest_after_earliest check (latest > earliest),
  constraint waitlist_entries_window_at_most_90_days check (latest - earliest <= interval '90 days'),
  constraint waitlist_entries_offer_expires_at_iff_offered check ((status = 'offered') = (offer_expires_at is not null)),
  constraint waitlist_entries_appointment_iff_offered_or_booked check ((status in ('offered', 'booked')) = (offered_appointment_id is not null)),
  constraint waitlist_entries_joined_via_valid check (joined_via in ('patient', 'staff'))
);
alter table public.waitlist_entries enable row level security;

comment on table public.waitlist_entries is
  'Waitlist: a patient waiting for a time for a service at a centre (one clinician, or any who offers it there) inside [earliest, latest). A freed slot that matches is held for the oldest waiting entry as a pending appointment (see public.waitlist_offers). Written through join_waitlist, leave_waitlist, accept_waitlist_offer, decline_waitlist_offer and the freed-slot trigger; direct writes are for service_role. See docs/waitlist.md.';
comment on column public.waitlist_entries.tenant_id is 'Tenant of the entry (of its patient, service, centre and clinician).';
comment on column public.waitlist_entries.id is 'Entry id.';
comment on column public.waitlist_entries.patient_id is 'Who is waiting (public.patients).';
comment on column public.waitlist_entries.service_id is 'For what (public.services); only slots of this service are offered.';
comment on column public.waitlist_entries.centre_id is 'Where (public.centres); only slots at this centre are offered.';
comment on column public.waitlist_entries.clinician_id is 'With whom; null = any clinician who offers the service at the centre (public clinicians only for entries a patient made).';
comment on column public.waitlist_entries.earliest is 'Start of the window: an offered slot starts at or after this instant.';
comment on column public.waitlist_entries.latest is 'End of the window (exclusive): an offered slot starts before this instant. At most 90 days after earliest; in the future when joining.';
comment on column public.waitlist_entries.status is 'waiting, offered, booked, expired or cancelled (see public.waitlist_status).';
comment on column public.waitlist_entries.offered_appointment_id is 'The pending appointment holding the offered slot while offered; the booked appointment once booked; null otherwise (past offers: public.waitlist_offers).';
comment on column public.waitlist_entries.offer_expires_at is 'Set exactly while offered: after this instant the offer can no longer be accepted and the hold is released (expire-appointment-holds), passing the slot to the next entry.';
comment on column public.waitlist_entries.joined_via is 'patient (the patient joined for themself: only public services, clinicians and published centres are offered) or staff (staff or the server added the patient).';
comment on column public.waitlist_entries.created_by is 'Auth user who added the entry; null for the server (or once that user is deleted).';
comment on column public.waitlist_entries.created_at is 'When the patient joined (clock time): the queue order, oldest first.';
comment on column public.waitlist_entries.updated_at is 'When the entry last changed (maintained by trigger).';
comment on constraint waitlist_entries_tenant_id_patient_id_fkey on public.waitlist_entries is 'The patient belongs to the same tenant; the entry goes with the patient record.';
comment on constraint waitlist_entries_tenant_id_service_id_fkey on public.waitlist_entries is 'The service belongs to the same tenant; the entry goes with the service.';
comment on constraint waitlist_entries_tenant_id_centre_id_fkey on public.waitlist_entries is 'The centre belongs to the same tenant; the entry goes with the centre.';
comment on constraint waitlist_entries_tenant_id_clinician_id_fkey on public.waitlist_entries is 'The clinician (when named) belongs to the same tenant; the entry goes with the clinician.';
comment on constraint waitlist_entries_tenant_id_offered_appointment_id_fkey on public.waitlist_entries is 'The held or booked appointment belongs to the same tenant; it cannot be deleted while an entry points at it (restrict: a composite key cannot SET NULL only the appointment column without emptying an offered entry).';
comment on constraint waitlist_entries_created_by_fkey on public.waitlist_entries is 'The user who added the entry, kept as null when that user is deleted.';
comment on constraint waitlist_entries_latest_after_earliest on public.waitlist_entries is 'The window has a positive length.';
comment on constraint waitlist_entries_window_at_most_90_days on public.waitlist_entries is 'A window is at most 90 days long.';
comment on constraint waitlist_entries_offer_expires_at_iff_offered on public.waitlist_entries is 'An offered entry always has an offer expiry, and only an offered one.';
comment on constraint waitlist_entries_appointment_iff_offered_or_booked on public.waitlist_entries is 'Offered and booked entries point at their appointment; waiting, expired and cancelled ones do not.';
comment on constraint waitlist_entries_joined_via_valid on public.waitlist_entries is 'Joined by the patient or added by staff.';

create unique index waitlist_entries_one_live_entry_key on public.waitlist_entries (tenant_id, patient_id, service_id, centre_id, clinician_id)
  nulls not distinct
  where status in ('waiting', 'offered');
comment on index public.waitlist_entries_one_live_entry_key is
  'A patient has at most one waiting or offered entry per service, centre and clinician (null clinician = any, counted once); joining again with the same window returns it.';
create index waitlist_entries_tenant_id_service_id_centre_id_created_at_idx on public.waitlist_entries (tenant_id, service_id, centre_id, created_at, id)
  where status = 'waiting';
comment on index public.waitlist_entries_tenant_id_service_id_centre_id_created_at_idx is
  'The queue of a service at a centre, oldest first: where a freed slot looks for the next entry.';
create index waitlist_entries_tenant_id_service_id_idx on public.waitlist_entries (tenant_id, service_id);
comment on index public.waitlist_entries_tenant_id_service_id_idx is 'Serves the service foreign key.';
create index waitlist_entries_tenant_id_patient_id_idx on public.waitlist_entries (tenant_id, patient_id);
comment on index public.waitlist_entries_tenant_id_patient_id_idx is 'A patient''s entries (patient app, the patient foreign key).';
create index waitlist_entries_tenant_id_centre_id_idx on public.waitlist_entries (tenant_id, centre_id);
comment on index public.waitlist_entries_tenant_id_centre_id_idx is 'A centre''s waitlist (front desk, the centre foreign key).';
create index waitlist_entries_tenant_id_clinician_id_idx on public.waitlist_entries (tenant_id, clinician_id) where clinician_id is not null;
comment on index public.waitlist_entries_tenant_id_clinician_id_idx is 'Serves the clinician foreign key.';
create index waitlist_entries_tenant_id_offered_appointment_id_idx on public.waitlist_entries (tenant_id, offered_appointment_id) where offered_appointment_id is not null;
comment on index public.waitlist_entries_tenant_id_offered_appointment_id_idx is 'Finds the entry of a held appointment (freed-slot trigger) and serves the appointment foreign key.';
create index waitlist_entries_latest_idx on public.waitlist_entries (latest) where status = 'waiting';
comment on index public.waitlist_entries_latest_idx is 'Finds waiting entries whose window is over (expire-waitlist-entries job).';
create index waitlist_entries_created_by_idx on public.waitlist_entries (created_by) where created_by is not null;
comment on index public.waitlist_entries_created_by_idx is 'Serves the created_by foreign key.';

create trigger set_updated_at before update on public.waitlist_entries
  for each row execute function private.set_updated_at();
comment on trigger set_updated_at on public.waitlist_entries is 'Keeps updated_at current.';

create trigger audit_changes after insert or update or delete on public.waitlist_entries
  for each row execute function private.record_audit_event('tenant_id');
comment on trigger audit_changes on public.waitlist_entries is 'Records joining, leaving, offers and bookings of waitlist entries in public.audit_log.';

-- public.waitlist_entries: grants. Reads through RLS; writes through the RPCs (service_role direct).
revoke all on table public.waitlist_entries from anon, authenticated, service_role;
grant select on table public.waitlist_entries to authenticated;
grant select, insert, update, delete on table public.waitlist_entries to service_role;
