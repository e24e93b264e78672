-- public.appointments: one booked (or held) visit of a patient with a clinician at a centre for
-- a service (issue 4, appointments core).
--
-- THE guarantee against double booking is the exclusion constraint
-- appointments_clinician_no_overlap: two appointments of the same clinician whose occupied
-- ranges ([starts_at - buffer_before, ends_at + buffer_after)) overlap cannot both be in a status
-- that occupies capacity (private.status_occupies), whatever the client, under any concurrency.
-- appointments_patient_no_overlap does the same for the patient's own time ([starts_at, ends_at)).
-- Rooms and equipment: public.appointment_resources (20261121192200).
--
-- Triggers: guard_status_transition (the status machine, PT409 with the allowed next statuses;
-- entered_in_error only for owners/admins, PT403; leaving pending clears hold_expires_at;
-- cancelling stamps cancelled_at), set_occupied_range (occupied from the service's buffers; a
-- meeting link for video services), set_updated_at; history and resource mirroring in
-- 20261121192200/192300.
-- Writes: service_role only; everyone else goes through the booking RPCs (20261121192500,
-- 20261121192600), which are security definer where RLS would block a legitimate step.
-- Policies: 20261121192400.

create table public.appointments (
  tenant_id uuid not null,
  id uuid not null default pg_catalog.gen_random_uuid(),
  service_id uuid not null,
  clinician_id uuid not null,
  centre_id uuid not null,
  patient_id uuid not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  occupied tstzrange not null,
  status public.appointment_status not null,
  hold_expires_at timestamptz null,
  client_key text null,
  booked_by uuid null,
  booked_via text not null,
  staff_override boolean not null default false,
  override_reason text null,
  meeting_url text null,
  cancellation_reason text null,
  cancelled_by uuid null,
  cancelled_at timestamptz null,
  cancellation_outcome jsonb null,
  reschedule_count integer not null default 0,
  created_at timestamptz not null default pg_catalog.now(),
  updated_at timestamptz not null default pg_catalog.now(),
  constraint appointments_pkey primary key (tenant_id, id),
  constraint appointments_tenant_id_service_id_fkey foreign key (tenant_id, service_id) references public.services (tenant_id, id) on delete restrict,
  constraint appointments_tenant_id_clinician_id_fkey foreign key (tenant_id, clinician_id) references public.clinicians (tenant_id, id) on delete restrict,
  constraint appointments_tenant_id_centre_id_fkey foreign key (tenant_id, centre_id) references public.centres (tenant_id, id) on delete restrict,
  constraint appointments_tenant_id_patient_id_fkey foreign key (tenant_id, patient_id) references public.patients (tenant_id, id) on delete restrict,
  constraint appointments_booked_by_fkey foreign key (booked_by) references auth.users (id) on delete set null,
  constraint appointments_cancelled_by_fkey foreign key (cancelled_by) references auth.users (id) on delete set null,
  constraint appointments_tenant_id_patient_id_client_key_key unique (tenant_id, patient_id, client_key),
  constraint appointments_meeting_url_key unique (meeting_url),
  constraint appointments_ends_after_starts check (ends_at > starts_at),
  constraint appointments_occupied_covers_times check (occupied @> pg_catalog.tstzrange(starts_at, ends_at, '[)')),
  constraint appointments_hold_expires_at_iff_pending check ((status = 'pending') = (hold_expires_at is not null)),
  constraint appointments_booked_via_valid check (booked_via in ('patient', 'staff')),
  constraint appointments_override_reason_required check (not staff_override or pg_catalog.btrim(override_reason) <> ''),
  constraint appointments_client_key_format check (pg_catalog.char_length(client_key) between 1 and 200),
  constraint appointments_cancelled_at_when_cancelled check (status <> 'cancelled' or cancelled_at is not null),
  constraint appointments_reschedule_count_non_negative check (reschedule_count >= 0),
  constraint appointments_meeting_url_https check (meeting_url ~ '^https://'),
  constraint appointments_clinician_no_overlap exclude using gist (
    tenant_id with =, clinician_id with =, occupied with &&
  ) where (private.status_occupies(status)),
  constraint appointments_patient_no_overlap exclude using gist (
    tenant_id with =, patient_id with =, pg_catalog.tstzrange(starts_at, ends_at, '[)') with &&
  ) where (private.status_occupies(status))
);
alter table public.appointments enable row level security;

comment on table public.appointments is
  'An appointment: a patient with a clinician at a centre for a service, at [starts_at, ends_at). The exclusion constraints make double booking of a clinician (incl. buffers) or of a patient impossible. Written through the booking RPCs (book_appointment, confirm/cancel/reschedule/check_in/complete/mark_no_show); direct writes are for service_role. See docs/booking.md.';
comment on column public.appointments.tenant_id is 'Tenant of the appointment (of its service, clinician, centre and patient).';
comment on column public.appointments.id is 'Appointment id.';
comment on column public.appointments.service_id is 'What is booked (public.services).';
comment on column public.appointments.clinician_id is 'Who sees the patient (public.clinicians).';
comment on column public.appointments.centre_id is 'Where (public.centres); video appointments still belong to a centre.';
comment on column public.appointments.patient_id is 'Whose appointment (public.patients).';
comment on column public.appointments.starts_at is 'Start of the appointment (what the patient sees).';
comment on column public.appointments.ends_at is 'End of the appointment: starts_at + the service duration (or the clinician''s override).';
comment on column public.appointments.occupied is 'Time the clinician (and resources) are blocked: [starts_at - buffer_before, ends_at + buffer_after) of the service. Set by trigger; compared by the no-overlap constraints.';
comment on column public.appointments.status is 'Status (see public.appointment_status); changes follow the status machine (trigger, PT409).';
comment on column public.appointments.hold_expires_at is 'Set exactly when pending: the hold is released (cancelled, reason hold_expired) after this time by the expire-appointment-holds job or by the next booking that needs the time.';
comment on column public.appointments.client_key is 'Idempotency key chosen by the client for one booking request: retrying with the same key returns the same appointment. Unique per tenant and patient.';
comment on column public.appointments.booked_by is 'Auth user who booked (the patient or the staff member); null for server-side bookings.';
comment on column public.appointments.booked_via is 'patient (booked by the patient for themself) or staff (by staff or the server for a patient).';
comment on column public.appointments.staff_override is 'True when staff booked outside what slot search offers (hours, alignment, notice, horizon). Owners, admins, managers and front desk only; audited.';
comment on column public.appointments.override_reason is 'Why the override was needed; required when staff_override.';
comment on column public.appointments.meeting_url is 'Video link (video services get a unique https://meet.jit.si/slotbase-<uuid> by default).';
comment on column public.appointments.cancellation_reason is 'Why it was cancelled, e.g. patient_request, hold_expired, or free text.';
comment on column public.appointments.cancelled_by is 'Auth user who cancelled; null when the system did (expired hold) or the server.';
comment on column public.appointments.cancelled_at is 'When it was cancelled (set by trigger).';
comment on column public.appointments.cancellation_outcome is 'The fee/refund decision made at cancellation, for the payments issue: {"by": "patient"|"staff"|"system", "late": bool, "fee": number, "currency": text, "payment_required": bool}.';
comment on column public.appointments.reschedule_count is 'How many times the appointment was moved (reschedule_appointment).';
comment on column public.appointments.created_at is 'When the appointment was booked.';
comment on column public.appointments.updated_at is 'When it last changed (maintained by trigger).';
comment on constraint appointments_tenant_id_service_id_fkey on public.appointments is 'The service belongs to the same tenant.';
comment on constraint appointments_tenant_id_clinician_id_fkey on public.appointments is 'The clinician belongs to the same tenant.';
comment on constraint appointments_tenant_id_centre_id_fkey on public.appointments is 'The centre belongs to the same tenant.';
comment on constraint appointments_tenant_id_patient_id_fkey on public.appointments is 'The patient record belongs to the same tenant.';
comment on constraint appointments_booked_by_fkey on public.appointments is 'The booking user, kept as null when that user is deleted.';
comment on constraint appointments_cancelled_by_fkey on public.appointments is 'The cancelling user, kept as null when that user is deleted.';
comment on constraint appointments_tenant_id_patient_id_client_key_key on public.appointments is 'Idempotency: one appointment per client key and patient.';
comment on constraint appointments_meeting_url_key on public.appointments is 'Every video appointment has its own meeting room.';
comment on constraint appointments_ends_after_starts on public.appointments is 'An appointment has a positive length.';
comment on constraint appointments_occupied_covers_times on public.appointments is 'The occupied range includes the appointment itself.';
comment on constraint appointments_hold_expires_at_iff_pending on public.appointments is 'A pending appointment always has a hold expiry, and only a pending one.';
comment on constraint appointments_booked_via_valid on public.appointments is 'Booked by the patient or by staff.';
comment on constraint appointments_override_reason_required on public.appointments is 'A staff override always says why.';
comment on constraint appointments_client_key_format on public.appointments is 'Client keys are 1 to 200 characters.';
comment on constraint appointments_cancelled_at_when_cancelled on public.appointments is 'A cancelled appointment records when.';
comment on constraint appointments_reschedule_count_non_negative on public.appointments is 'The reschedule counter never goes below zero.';
comment on constraint appointments_meeting_url_https on public.appointments is 'Meeting links are https.';
comment on constraint appointments_clinician_no_overlap on public.appointments is 'NO DOUBLE BOOKING: a clinician''s occupied ranges (with buffers) never overlap among appointments that occupy capacity (private.status_occupies). Violation: 23P01, reported by the RPCs as PT409.';
comment on constraint appointments_patient_no_overlap on public.appointments is 'A patient is never in two appointments at once (without buffers) among appointments that occupy capacity.';

create index appointments_tenant_id_patient_id_starts_at_idx on public.appointments (tenant_id, patient_id, starts_at);
comment on index public.appointments_tenant_id_patient_id_starts_at_idx is 'A patient''s appointments in time order (patient app, the patient foreign key).';
create index appointments_tenant_id_clinician_id_starts_at_idx on public.appointments (tenant_id, clinician_id, starts_at);
comment on index public.appointments_tenant_id_clinician_id_starts_at_idx is 'A clinician''s diary in time order (the clinician foreign key).';
create index appointments_tenant_id_centre_id_starts_at_idx on public.appointments (tenant_id, centre_id, starts_at);
comment on index public.appointments_tenant_id_centre_id_starts_at_idx is 'A centre''s day list (front desk, the centre foreign key).';
create index appointments_tenant_id_service_id_idx on public.appointments (tenant_id, service_id);
comment on index public.appointments_tenant_id_service_id_idx is 'Serves the service foreign key.';
create index appointments_hold_expires_at_idx on public.appointments (hold_expires_at) where status = 'pending';
comment on index public.appointments_hold_expires_at_idx is 'Finds expired holds (expire-appointment-holds job).';
create index appointments_booked_by_idx on public.appointments (booked_by) where booked_by is not null;
comment on index public.appointments_booked_by_idx is 'Serves the booked_by foreign key.';
create index appointments_cancelled_by_idx on public.appointments (cancelled_by) where cancelled_by is not null;
comment on index public.appointments_cancelled_by_idx is 'Serves the cancelled_by foreign key.';

create function private.guard_appointment_status()
returns trigger
language plpgsql
set search_path = ''
as $$
/**
 * BEFORE INSERT OR UPDATE row trigger on public.appointments: the status machine.
 *   * insert: the status must be pending or booked (PT409);
 *   * update of status: the new status must be in private.appointment_next_statuses(old) (PT409,
 *     the hint names the allowed next statuses); entered_in_error is allowed from any other
 *     status, but only for owners/admins of the tenant or server-side callers (PT403);
 *   * leaving pending clears hold_expires_at; becoming cancelled stamps cancelled_at;
 *   * moving an appointment (starts_at/ends_at) is allowed only while pending or booked (PT409).
 *
 * Returns: the (possibly completed) new row.
 */
declare
  v_allowed public.appointment_status[];
begin
  if tg_op = 'INSERT' then
    if new.status not in ('pending', 'booked') then
      raise exception using errcode = 'PT409',
        message = pg_catalog.format('a new appointment cannot be %s', new.status),
        hint = 'Create appointments as pending or booked; later statuses follow the status machine.';
    end if;
    return new;
  end if;

  if new.status is distinct from old.status then
    v_allowed := private.appointment_next_statuses(old.status);
    if new.status = 'entered_in_error' then
      if (select auth.uid()) is not null
         and new.tenant_id not in (select private.tenant_ids_with_role(array['owner', 'admin']::public.staff_role[])) then
        raise exception using errcode = 'PT403',
          message = 'only owners and admins mark an appointment as entered in error',
          hint = 'Ask an owner or admin of the clinic; to call off a visit, cancel it instead.';
      end if;
    elsif not (new.status = any (v_allowed)) then
      raise exception using errcode = 'PT409',
        message = pg_catalog.format('an appointment cannot go from %s to %s', old.status, new.status),
        hint = case
          when pg_catalog.cardinality(v_allowed) = 0
            then pg_catalog.format('%s is final: no further status change is possible (owners and admins may still mark it entered_in_error).', old.status)
          else pg_catalog.format('From %s the allowed next statuses are: %s (and entered_in_error for owners and admins).',
                                 old.status, pg_catalog.array_to_string(v_allowed, ', '))
        end;
    end if;
    if old.status = 'pending' then
      new.hold_expires_at := null;
    end if;
    if new.status = 'cancelled' then
      new.cancelled_at := coalesce(new.cancelled_at, pg_catalog.now());
    end if;
  end if;

  if (new.starts_at, new.ends_at) is distinct from (old.starts_at, old.ends_at)
     and old.status not in ('pending', 'booked') then
    raise exception using errcode = 'PT409',
      message = pg_catalog.format('%s %s appointment cannot be moved',
                                  case when old.status in ('arrived', 'entered_in_error') then 'an' else 'a' end, old.status),
      hint = 'Only pending and booked appointments can be rescheduled.';
  end if;
  return new;
end
$$;
comment on function private.guard_appointment_status() is
  'Trigger function on appointments: enforces the status machine (PT409 with the allowed next statuses; entered_in_error by owners/admins only, PT403), clears hold_expires_at when leaving pending, stamps cancelled_at, allows moving only pending/booked appointments.';
revoke execute on function private.guard_appointment_status() from public, anon, authenticated, service_role;

create trigger guard_status_transition before insert or update on public.appointments
  for each row execute function private.guard_appointment_status();
comment on trigger guard_status_transition on public.appointments is 'The status machine (see private.guard_appointment_status).';

create function private.set_appointment_occupied_range()
returns trigger
language plpgsql
set search_path = ''
as $$
/**
 * BEFORE INSERT OR UPDATE row trigger on public.appointments: occupied :=
 * [starts_at - buffer_before_minutes, ends_at + buffer_after_minutes) of the service; on insert,
 * a video service's appointment without a meeting_url gets https://meet.jit.si/slotbase-<uuid>.
 * Runs as the writer (service_role, or the owner inside the booking RPCs).
 *
 * Returns: the completed new row.
 */
declare
  v_before integer;
  v_after integer;
  v_mode public.service_mode;
begin
  select s.buffer_before_minutes, s.buffer_after_minutes, s.mode
    into v_before, v_after, v_mode
  from public.services as s
  where s.tenant_id = new.tenant_id and s.id = new.service_id;
  if not found then
    raise exception using errcode = 'PT404', message = 'service not found',
      hint = 'The service must belong to the appointment''s tenant.';
  end if;
  new.occupied := pg_catalog.tstzrange(
    new.starts_at - pg_catalog.make_interval(mins => v_before),
    new.ends_at + pg_catalog.make_interval(mins => v_after),
    '[)');
  if tg_op = 'INSERT' and v_mode = 'video' and new.meeting_url is null then
    new.meeting_url := 'https://meet.jit.si/slotbase-' || pg_catalog.gen_random_uuid()::text;
  end if;
  return new;
end
$$;
comment on function private.set_appointment_occupied_range() is
  'Trigger function on appointments: occupied = [starts_at - buffer_before, ends_at + buffer_after) of the service; a default meeting link for video services.';
revoke execute on function private.set_appointment_occupied_range() from public, anon, authenticated, service_role;

create trigger set_occupied_range before insert or update of starts_at, ends_at, service_id, occupied on public.appointments
  for each row execute function private.set_appointment_occupied_range();
comment on trigger set_occupied_range on public.appointments is 'occupied follows the times and the service''s buffers; video services get a meeting link.';

create trigger set_updated_at before update on public.appointments
  for each row execute function private.set_updated_at();
comment on trigger set_updated_at on public.appointments is 'Keeps updated_at current.';

create trigger audit_changes after insert or update or delete on public.appointments
  for each row execute function private.record_audit_event('tenant_id');
comment on trigger audit_changes on public.appointments is 'Records every booking, status change, reschedule and staff override in public.audit_log.';

-- public.appointments: grants. Reads through RLS; writes through the RPCs (service_role direct).
revoke all on table public.appointments from anon, authenticated, service_role;
grant select on table public.appointments to authenticated;
grant select, insert, update, delete on table public.appointments to service_role;
