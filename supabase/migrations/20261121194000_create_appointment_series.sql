-- public.appointment_series: a recurring appointment, e.g. "physiotherapy with Dr Alpha every
-- Monday at 09:00 (Europe/London) for 8 weeks" (issue 4, part 2: series).
--
-- A series row describes the PATTERN: the local wall-clock time `local_start` in the centre's
-- IANA zone `timezone` on the dates of an RFC 5545 rule `rrule` (the subset of
-- private.parse_rrule, docs/recurrence.md) whose DTSTART is the local date-time of
-- `first_starts_at` in `timezone`. The appointments themselves are ordinary rows of
-- public.appointments pointing here with `series_id` (20261121194100); they are the truth: an
-- occurrence moved on its own, cancelled, or skipped because its date was taken keeps the
-- pattern as it is.
--
-- Write-time work (private.prepare_appointment_series, BEFORE INSERT OR UPDATE):
--   * timezone defaults to the centre's (fixed at creation: a later change of the centre's zone
--     does not move booked appointments);
--   * local_start is derived from first_starts_at (always; a value sent is overwritten);
--   * rrule is validated and normalised with private.normalise_rrule (22023 from the parser;
--     COUNT=n becomes UNTIL = the n-th occurrence's start instant; canonical text), as
--     availability_rules do;
--   * a series must end: a rule without COUNT or UNTIL is refused (22023), and it must end
--     within 730 days of first_starts_at (the longest booking horizon a clinic may set; 22023).
-- Booking, cancelling and moving go through the RPCs (20261121194300-194500), security definer
-- in private where RLS would block a legitimate step; only service_role writes directly.
-- Policies: 20261121194200.

create table public.appointment_series (
  tenant_id uuid not null,
  id uuid not null default pg_catalog.gen_random_uuid(),
  patient_id uuid not null,
  service_id uuid not null,
  clinician_id uuid not null,
  centre_id uuid not null,
  timezone public.iana_timezone not null,
  local_start time not null,
  rrule text not null,
  first_starts_at timestamptz not null,
  client_key text null,
  skipped_occurrences jsonb not null default '[]'::jsonb,
  split_from_id uuid null,
  created_by uuid null,
  created_at timestamptz not null default pg_catalog.now(),
  updated_at timestamptz not null default pg_catalog.now(),
  constraint appointment_series_pkey primary key (tenant_id, id),
  constraint appointment_series_tenant_id_patient_id_fkey foreign key (tenant_id, patient_id) references public.patients (tenant_id, id) on delete restrict,
  constraint appointment_series_tenant_id_service_id_fkey foreign key (tenant_id, service_id) references public.services (tenant_id, id) on delete restrict,
  constraint appointment_series_tenant_id_clinician_id_fkey foreign key (tenant_id, clinician_id) references public.clinicians (tenant_id, id) on delete restrict,
  constraint appointment_series_tenant_id_centre_id_fkey foreign key (tenant_id, centre_id) references public.centres (tenant_id, id) on delete restrict,
  constraint appointment_series_tenant_id_split_from_id_fkey foreign key (tenant_id, split_from_id) references public.appointment_series (tenant_id, id) on delete restrict,
  constraint appointment_series_created_by_fkey foreign key (created_by) references auth.users (id) on delete set null,
  constraint appointment_series_tenant_id_patient_id_client_key_key unique (tenant_id, patient_id, client_key),
  constraint appointment_series_rrule_length check (pg_catalog.char_length(rrule) <= 2000),
  constraint appointment_series_client_key_format check (pg_catalog.char_length(client_key) between 1 and 196),
  constraint appointment_series_skipped_occurrences_is_array check (pg_catalog.jsonb_typeof(skipped_occurrences) = 'array'),
  constraint appointment_series_not_split_from_itself check (split_from_id <> id)
);
alter table public.appointment_series enable row level security;

comment on table public.appointment_series is
  'A recurring appointment: a patient with a clinician at a centre for a service, at local_start (wall clock in timezone) on the dates of an RFC 5545 rule from first_starts_at. Its appointments are public.appointments rows with series_id. Written through book_appointment_series, cancel_appointment_series and reschedule_appointment_series (service_role directly). See docs/series.md.';
comment on column public.appointment_series.tenant_id is 'Tenant of the series (of its patient, service, clinician and centre).';
comment on column public.appointment_series.id is 'Series id.';
comment on column public.appointment_series.patient_id is 'Whose appointments (public.patients).';
comment on column public.appointment_series.service_id is 'What is booked each time (public.services).';
comment on column public.appointment_series.clinician_id is 'Who sees the patient each time (public.clinicians).';
comment on column public.appointment_series.centre_id is 'Where (public.centres).';
comment on column public.appointment_series.timezone is 'IANA zone of local_start and of the rule''s dates: the centre''s zone when the series was created (defaults to it).';
comment on column public.appointment_series.local_start is 'Local wall-clock start of every regular occurrence, e.g. 09:00 (derived from first_starts_at in timezone; 09:00 stays 09:00 when the clocks change).';
comment on column public.appointment_series.rrule is 'RFC 5545 recurrence rule (subset: docs/recurrence.md), DTSTART = first_starts_at in timezone. Must end: stored canonical with UNTIL (COUNT is replaced by UNTIL on write).';
comment on column public.appointment_series.first_starts_at is 'Start of the first occurrence (the rule''s DTSTART as an instant).';
comment on column public.appointment_series.client_key is 'Idempotency key of the booking request: retrying book_appointment_series with the same key returns this series. Unique per tenant and patient; its appointments carry <client_key>#<n> (n = occurrence number).';
comment on column public.appointment_series.skipped_occurrences is 'Occurrences that were not booked when the series was created (skip_conflicts), as [{"starts_at", "code", "message"}]; [] when every date was booked.';
comment on column public.appointment_series.split_from_id is 'The series this one was split from by reschedule_appointment_series(..., ''following'', ...): the earlier occurrences stay there; null for an original series.';
comment on column public.appointment_series.created_by is 'Auth user who booked the series (the patient or the staff member); null for the server.';
comment on column public.appointment_series.created_at is 'When the series was booked.';
comment on column public.appointment_series.updated_at is 'When the series last changed (maintained by trigger).';
comment on constraint appointment_series_tenant_id_patient_id_fkey on public.appointment_series is 'The patient record belongs to the same tenant.';
comment on constraint appointment_series_tenant_id_service_id_fkey on public.appointment_series is 'The service belongs to the same tenant.';
comment on constraint appointment_series_tenant_id_clinician_id_fkey on public.appointment_series is 'The clinician belongs to the same tenant.';
comment on constraint appointment_series_tenant_id_centre_id_fkey on public.appointment_series is 'The centre belongs to the same tenant.';
comment on constraint appointment_series_tenant_id_split_from_id_fkey on public.appointment_series is 'A split-off series points to the series of the same tenant it was split from.';
comment on constraint appointment_series_created_by_fkey on public.appointment_series is 'The booking user, kept as null when that user is deleted.';
comment on constraint appointment_series_tenant_id_patient_id_client_key_key on public.appointment_series is 'Idempotency: one series per client key and patient.';
comment on constraint appointment_series_rrule_length on public.appointment_series is 'A rule is at most 2000 characters.';
comment on constraint appointment_series_client_key_format on public.appointment_series is 'Client keys are 1 to 196 characters (the appointments add #<n>, and theirs may have 200).';
comment on constraint appointment_series_skipped_occurrences_is_array on public.appointment_series is 'skipped_occurrences is a JSON array.';
comment on constraint appointment_series_not_split_from_itself on public.appointment_series is 'A series is not split from itself.';

create index appointment_series_tenant_id_service_id_idx on public.appointment_series (tenant_id, service_id);
comment on index public.appointment_series_tenant_id_service_id_idx is 'Serves the service foreign key.';
create index appointment_series_tenant_id_clinician_id_idx on public.appointment_series (tenant_id, clinician_id);
comment on index public.appointment_series_tenant_id_clinician_id_idx is 'Serves the clinician foreign key (a clinician''s series).';
create index appointment_series_tenant_id_centre_id_idx on public.appointment_series (tenant_id, centre_id);
comment on index public.appointment_series_tenant_id_centre_id_idx is 'Serves the centre foreign key.';
create index appointment_series_tenant_id_split_from_id_idx on public.appointment_series (tenant_id, split_from_id) where split_from_id is not null;
comment on index public.appointment_series_tenant_id_split_from_id_idx is 'Serves the split_from foreign key (the parts a series was split into).';
create index appointment_series_created_by_idx on public.appointment_series (created_by) where created_by is not null;
comment on index public.appointment_series_created_by_idx is 'Serves the created_by foreign key.';

create function private.prepare_appointment_series()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
/**
 * BEFORE INSERT OR UPDATE row trigger on public.appointment_series:
 *   * timezone null -> the centre's zone;
 *   * local_start := the local time of first_starts_at in timezone;
 *   * rrule := private.normalise_rrule(rrule, first_starts_at in timezone, timezone) when the
 *     row is new or the rule, first_starts_at or timezone changed: 22023 for an invalid rule,
 *     COUNT becomes UNTIL, canonical text;
 *   * the rule must end (UNTIL after normalisation), within 730 days of first_starts_at: 22023.
 * security definer because the recurrence helpers are not executable by API roles; it touches
 * only the new row.
 *
 * Returns: the new row.
 */
declare
  v_until timestamptz;
begin
  if new.timezone is null then
    select c.timezone into new.timezone
    from public.centres as c
    where c.tenant_id = new.tenant_id and c.id = new.centre_id;
  end if;
  if new.first_starts_at is not null and new.timezone is not null then
    new.local_start := (new.first_starts_at at time zone new.timezone)::time;
  end if;
  if new.rrule is not null and new.first_starts_at is not null and new.timezone is not null
     and (tg_op = 'INSERT'
          or (new.rrule, new.first_starts_at, new.timezone) is distinct from (old.rrule, old.first_starts_at, old.timezone)) then
    new.rrule := private.normalise_rrule(new.rrule, new.first_starts_at at time zone new.timezone, new.timezone);
    v_until := (private.parse_rrule(new.rrule))."until";
    if v_until is null then
      raise exception using errcode = '22023',
        message = 'A series must end: give the rule a COUNT or an UNTIL.',
        detail = new.rrule,
        hint = 'For example FREQ=WEEKLY;COUNT=8 (eight weeks) or FREQ=WEEKLY;UNTIL=20270131T235959Z.';
    end if;
    if v_until > new.first_starts_at + interval '730 days' then
      raise exception using errcode = '22023',
        message = 'A series must end within 730 days of its first appointment.',
        detail = new.rrule,
        hint = 'Use a smaller COUNT or an earlier UNTIL; no clinic takes bookings further ahead.';
    end if;
  end if;
  return new;
end
$$;
comment on function private.prepare_appointment_series() is
  'Trigger function on appointment_series: defaults timezone to the centre''s, derives local_start from first_starts_at, validates and normalises rrule (22023 from the parser; COUNT -> UNTIL) and refuses a rule that does not end, or ends more than 730 days after first_starts_at (22023).';
revoke execute on function private.prepare_appointment_series() from public, anon, authenticated, service_role;

create trigger prepare_row before insert or update on public.appointment_series
  for each row execute function private.prepare_appointment_series();
comment on trigger prepare_row on public.appointment_series is 'Defaults the zone, derives local_start, normalises the rule and makes sure the series ends.';

create trigger set_updated_at before update on public.appointment_series
  for each row execute function private.set_updated_at();
comment on trigger set_updated_at on public.appointment_series is 'Keeps updated_at current.';

create trigger audit_changes after insert or update or delete on public.appointment_series
  for each row execute function private.record_audit_event('tenant_id');
comment on trigger audit_changes on public.appointment_series is 'Records every series being booked, split or changed in public.audit_log.';

-- public.appointment_series: grants. Reads through RLS; writes through the RPCs (service_role direct).
revoke all on table public.appointment_series from anon, authenticated, service_role;
grant select on table public.appointment_series to authenticated;
grant select, insert, update, delete on table public.appointment_series to service_role;
