-- Admin views for Supabase Studio and staff dashboards (issue 6, "Admin and analytics"):
-- public.todays_schedule and public.upcoming_appointments.
--
-- Both are `security_invoker = true`: they run with the CALLER's privileges, so the row-level
-- security of appointments, centres, clinicians, services and patients applies exactly as if the
-- caller queried those tables. Staff see their tenant's rows; a patient sees only their own
-- appointments (the appointments policy); anon has no grant (42501). The patient's name comes
-- from a LEFT JOIN on public.patients, so a caller who may not read the patient record gets a
-- null patient_display_name instead of losing the row.
--
-- Index use: both start from public.centres (a few rows per tenant) and read appointments by
-- (tenant_id, centre_id, starts_at) range (appointments_tenant_id_centre_id_starts_at_idx).
-- entered_in_error appointments (which should never have existed) are left out of both.
--
-- "Payments due" is NOT here: payments do not exist in the schema yet (a later issue).

create view public.todays_schedule
with (security_invoker = true)
as
select
  a.tenant_id,
  c.id as centre_id,
  c.name::text as centre_name,
  c.timezone::text as centre_timezone,
  (pg_catalog.now() at time zone c.timezone)::date as local_date,
  a.id as appointment_id,
  a.status,
  (a.starts_at at time zone c.timezone)::time as local_start_time,
  (a.ends_at at time zone c.timezone)::time as local_end_time,
  a.starts_at,
  a.ends_at,
  a.clinician_id,
  cl.display_name::text as clinician_name,
  a.service_id,
  s.name::text as service_name,
  a.patient_id,
  p.full_name::text as patient_display_name,
  a.meeting_url
from public.centres as c
join public.appointments as a
  on a.tenant_id = c.tenant_id
 and a.centre_id = c.id
 and a.starts_at >= ((pg_catalog.now() at time zone c.timezone)::date)::timestamp at time zone c.timezone
 and a.starts_at < ((pg_catalog.now() at time zone c.timezone)::date + 1)::timestamp at time zone c.timezone
left join public.clinicians as cl on cl.tenant_id = a.tenant_id and cl.id = a.clinician_id
left join public.services as s on s.tenant_id = a.tenant_id and s.id = a.service_id
left join public.patients as p on p.tenant_id = a.tenant_id and p.id = a.patient_id
where a.status <> 'entered_in_error';

comment on view public.todays_schedule is
  'Today''s appointments per centre, "today" being the centre''s local date, with local times, clinician, service and patient names. security_invoker: the caller''s row-level security applies (staff see their tenant, a patient only their own appointments; anon has no access). entered_in_error is left out. Order by centre_id, starts_at.';
comment on column public.todays_schedule.tenant_id is 'Tenant of the appointment.';
comment on column public.todays_schedule.centre_id is 'Centre of the appointment (public.centres).';
comment on column public.todays_schedule.centre_name is 'Name of the centre.';
comment on column public.todays_schedule.centre_timezone is 'IANA time zone of the centre; local_date and the local times are in it.';
comment on column public.todays_schedule.local_date is 'Today in the centre''s time zone (the day this schedule is for).';
comment on column public.todays_schedule.appointment_id is 'Appointment id (public.appointments).';
comment on column public.todays_schedule.status is 'Status of the appointment (public.appointment_status); cancelled and noshow are listed, entered_in_error is not.';
comment on column public.todays_schedule.local_start_time is 'Start time on the centre''s wall clock.';
comment on column public.todays_schedule.local_end_time is 'End time on the centre''s wall clock.';
comment on column public.todays_schedule.starts_at is 'Start instant (timestamptz).';
comment on column public.todays_schedule.ends_at is 'End instant (timestamptz).';
comment on column public.todays_schedule.clinician_id is 'Clinician seeing the patient (public.clinicians).';
comment on column public.todays_schedule.clinician_name is 'Display name of the clinician.';
comment on column public.todays_schedule.service_id is 'Service booked (public.services).';
comment on column public.todays_schedule.service_name is 'Name of the service.';
comment on column public.todays_schedule.patient_id is 'Patient record of the appointment (public.patients).';
comment on column public.todays_schedule.patient_display_name is 'Full name of the patient, only where the caller may read the patient record (row-level security of public.patients); otherwise null.';
comment on column public.todays_schedule.meeting_url is 'Video link of video appointments; null otherwise.';

create view public.upcoming_appointments
with (security_invoker = true)
as
select
  a.tenant_id,
  c.id as centre_id,
  c.name::text as centre_name,
  c.timezone::text as centre_timezone,
  a.id as appointment_id,
  a.status,
  (a.starts_at at time zone c.timezone)::date as local_date,
  (a.starts_at at time zone c.timezone)::time as local_start_time,
  (a.ends_at at time zone c.timezone)::time as local_end_time,
  a.starts_at,
  a.ends_at,
  a.clinician_id,
  cl.display_name::text as clinician_name,
  a.service_id,
  s.name::text as service_name,
  a.patient_id,
  p.full_name::text as patient_display_name,
  a.hold_expires_at
from public.centres as c
join public.appointments as a
  on a.tenant_id = c.tenant_id
 and a.centre_id = c.id
 and a.starts_at >= pg_catalog.now()
 and a.starts_at < pg_catalog.now() + interval '14 days'
left join public.clinicians as cl on cl.tenant_id = a.tenant_id and cl.id = a.clinician_id
left join public.services as s on s.tenant_id = a.tenant_id and s.id = a.service_id
left join public.patients as p on p.tenant_id = a.tenant_id and p.id = a.patient_id
where a.status in ('pending', 'booked', 'arrived', 'checked_in');

comment on view public.upcoming_appointments is
  'Appointments starting in the next 14 days (from now) that are still to happen (pending, booked, arrived, checked_in), per centre with local date and times, clinician, service and patient names. security_invoker: the caller''s row-level security applies (staff see their tenant, a patient only their own appointments; anon has no access). Order by starts_at.';
comment on column public.upcoming_appointments.tenant_id is 'Tenant of the appointment.';
comment on column public.upcoming_appointments.centre_id is 'Centre of the appointment (public.centres).';
comment on column public.upcoming_appointments.centre_name is 'Name of the centre.';
comment on column public.upcoming_appointments.centre_timezone is 'IANA time zone of the centre; the local date and times are in it.';
comment on column public.upcoming_appointments.appointment_id is 'Appointment id (public.appointments).';
comment on column public.upcoming_appointments.status is 'Status: pending (held), booked, arrived or checked_in.';
comment on column public.upcoming_appointments.local_date is 'Date of the appointment in the centre''s time zone.';
comment on column public.upcoming_appointments.local_start_time is 'Start time on the centre''s wall clock.';
comment on column public.upcoming_appointments.local_end_time is 'End time on the centre''s wall clock.';
comment on column public.upcoming_appointments.starts_at is 'Start instant (timestamptz).';
comment on column public.upcoming_appointments.ends_at is 'End instant (timestamptz).';
comment on column public.upcoming_appointments.clinician_id is 'Clinician seeing the patient (public.clinicians).';
comment on column public.upcoming_appointments.clinician_name is 'Display name of the clinician.';
comment on column public.upcoming_appointments.service_id is 'Service booked (public.services).';
comment on column public.upcoming_appointments.service_name is 'Name of the service.';
comment on column public.upcoming_appointments.patient_id is 'Patient record of the appointment (public.patients).';
comment on column public.upcoming_appointments.patient_display_name is 'Full name of the patient, only where the caller may read the patient record (row-level security of public.patients); otherwise null.';
comment on column public.upcoming_appointments.hold_expires_at is 'For pending appointments: when the hold is released; null otherwise.';

revoke all on table public.todays_schedule from public, anon, authenticated, service_role;
revoke all on table public.upcoming_appointments from public, anon, authenticated, service_role;
grant select on table public.todays_schedule to authenticated, service_role;
grant select on table public.upcoming_appointments to authenticated, service_role;
