-- Views, defaults and constraints that add days to an instant, in hours.
--
-- `timestamptz + interval '14 days'` adds 14 calendar days in the SESSION's time zone, which a
-- client may set (PostgREST `Prefer: timezone=…`): across a daylight-saving change in that zone
-- the result moves by an hour. Functions run in UTC (20261205159000); views, column defaults and
-- check constraints cannot, so they add exact hours instead: the same instant in every session.

create or replace view public.upcoming_appointments
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
 and a.starts_at < pg_catalog.now() + interval '336 hours'
left join public.clinicians as cl on cl.tenant_id = a.tenant_id and cl.id = a.clinician_id
left join public.services as s on s.tenant_id = a.tenant_id and s.id = a.service_id
left join public.patients as p on p.tenant_id = a.tenant_id and p.id = a.patient_id
where a.status in ('pending', 'booked', 'arrived', 'checked_in');

comment on view public.upcoming_appointments is
  'Appointments starting in the next 14 days (336 hours from now, whatever the session''s time zone) that are still to happen (pending, booked, arrived, checked_in), per centre with local date and times, clinician, service and patient names. security_invoker: the caller''s row-level security applies (staff see their tenant, a patient only their own appointments; anon has no access). Order by starts_at; page with range() (at most 1,000 rows per request).';

alter table public.invitations alter column expires_at set default pg_catalog.now() + interval '168 hours';
alter table public.invitations drop constraint invitations_expires_at_range;
alter table public.invitations add constraint invitations_expires_at_range
  check (expires_at > created_at and expires_at <= created_at + interval '720 hours');
comment on constraint invitations_expires_at_range on public.invitations is
  'An invitation expires after it was sent and at most 30 days (720 hours) later.';
