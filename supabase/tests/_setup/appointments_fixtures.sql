-- supabase/tests/_setup/appointments_fixtures.sql — what the appointment tests book
-- against, on top of the catalogue and tenancy casts, in schema `tests`.
-- Applied like the other _setup files (as postgres, committed, creates no data); a test calls
-- `select tests.create_appointment_fixtures();` after `begin` (it creates the catalogue and
-- tenancy casts too) and the final `rollback` removes everything.
--
--   services (tenant_a unless noted; all public and active; min notice 1 hour, horizon 60 days,
--   slots every 15 minutes)
--     appt_checkup   30 min, buffers 5 before / 10 after, free
--     appt_paid      30 min, payment required (100.00 GBP): bookings start pending (hold)
--     appt_scan      20 min, needs an 'ultrasound' (centre_a1 has two: resource_a1_ultrasound and
--                    resource_a1_ultrasound_2), cancellation window 48 hours, fee 20.00
--     appt_video     20 min, video
--     appt_b_checkup tenant_b, 30 min
--   clinician_a and clinician_a_visiting (now also at centre_a1) offer every tenant_a service
--   above at centre_a1; clinician_b offers appt_b_checkup at centre_b1.
--   Working hours: every day 09:00-17:00 local (Europe/London at centre_a1, America/New_York at
--   centre_b1), from yesterday on.
--
-- tests.appointment_slot(days, 'HH:MI') is the instant of that local time at centre_a1
-- (Europe/London) `days` days from today; tests.insert_appointment(...) writes an appointment
-- directly as postgres (no RPC checks), for tests that need one in a given place or status.

create schema if not exists tests;

create or replace function tests.create_appointment_fixtures()
returns void
language plpgsql
set search_path = ''
as $$
declare
  v_a uuid := tests.tenancy_id('tenant_a');
  v_b uuid := tests.tenancy_id('tenant_b');
  v_service text;
begin
  perform tests.create_catalogue_fixtures();

  insert into public.services (tenant_id, id, name, duration_minutes, buffer_before_minutes, buffer_after_minutes,
                               min_booking_notice, max_booking_horizon, slot_alignment_minutes, price, currency,
                               payment_required, mode, required_resource_type, cancellation_window, cancellation_fee,
                               reschedule_window, is_public, is_active) values
    (v_a, tests.tenancy_id('appt_checkup'), 'Check-up', 30, 5, 10, '1 hour', '60 days', 15, 50, 'GBP', false, 'in_person', null, null, 0, null, true, true),
    (v_a, tests.tenancy_id('appt_paid'), 'Paid consultation', 30, 0, 0, '1 hour', '60 days', 15, 100, 'GBP', true, 'in_person', null, null, 0, null, true, true),
    (v_a, tests.tenancy_id('appt_scan'), 'Scan', 20, 0, 0, '1 hour', '60 days', 15, 90, 'GBP', false, 'in_person', 'ultrasound', '48 hours', 20, '48 hours', true, true),
    (v_a, tests.tenancy_id('appt_video'), 'Video call', 20, 0, 0, '1 hour', '60 days', 15, 40, 'GBP', false, 'video', null, null, 0, null, true, true),
    (v_b, tests.tenancy_id('appt_b_checkup'), 'Check-up', 30, 0, 0, '1 hour', '60 days', 15, 60, 'USD', false, 'in_person', null, null, 0, null, true, true);

  insert into public.clinician_centres (tenant_id, clinician_id, centre_id) values
    (v_a, tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('centre_a1'));

  foreach v_service in array array['appt_checkup', 'appt_paid', 'appt_scan', 'appt_video'] loop
    insert into public.clinician_services (tenant_id, clinician_id, service_id) values
      (v_a, tests.tenancy_id('clinician_a'), tests.tenancy_id(v_service)),
      (v_a, tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id(v_service));
  end loop;
  insert into public.clinician_services (tenant_id, clinician_id, service_id) values
    (v_b, tests.tenancy_id('clinician_b'), tests.tenancy_id('appt_b_checkup'));

  insert into public.resources (tenant_id, id, centre_id, kind, resource_type, name) values
    (v_a, tests.tenancy_id('resource_a1_ultrasound_2'), tests.tenancy_id('centre_a1'), 'equipment', 'ultrasound', 'Ultrasound scanner 2');

  insert into public.availability_rules (tenant_id, clinician_id, centre_id, timezone, local_start, local_end, rrule, valid_from) values
    (v_a, tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'), 'Europe/London', '09:00', '17:00', 'FREQ=DAILY', current_date - 1),
    (v_a, tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('centre_a1'), 'Europe/London', '09:00', '17:00', 'FREQ=DAILY', current_date - 1),
    (v_b, tests.tenancy_id('clinician_b'), tests.tenancy_id('centre_b1'), 'America/New_York', '09:00', '17:00', 'FREQ=DAILY', current_date - 1);
end
$$;
comment on function tests.create_appointment_fixtures() is
  'pgTAP fixtures: catalogue + tenancy casts plus the appointment services, working hours and a second ultrasound described in supabase/tests/_setup/appointments_fixtures.sql. Call as postgres, once per test.';

create or replace function tests.appointment_slot(days integer, local_time text, timezone text default 'Europe/London')
returns timestamptz
language sql
stable
set search_path = ''
as $$
  select (((pg_catalog.now() at time zone timezone)::date + days) + local_time::time) at time zone timezone
$$;
comment on function tests.appointment_slot(integer, text, text) is
  'pgTAP fixtures: the instant of local time `local_time` (HH:MI) in `timezone` (default Europe/London, centre_a1) `days` days from today.';

create or replace function tests.insert_appointment(
  name text, service text, clinician text, patient text, starts_at timestamptz,
  status public.appointment_status default 'booked', tenant text default 'tenant_a', centre text default 'centre_a1')
returns uuid
language plpgsql
set search_path = ''
as $$
declare
  v_minutes integer;
begin
  select s.duration_minutes into v_minutes from public.services as s
  where s.tenant_id = tests.tenancy_id(tenant) and s.id = tests.tenancy_id(service);
  insert into public.appointments (tenant_id, id, service_id, clinician_id, centre_id, patient_id, starts_at, ends_at,
                                   occupied, status, hold_expires_at, booked_via)
  values (tests.tenancy_id(tenant), tests.tenancy_id(name), tests.tenancy_id(service), tests.tenancy_id(clinician),
          tests.tenancy_id(centre), tests.tenancy_id(patient), starts_at, starts_at + pg_catalog.make_interval(mins => v_minutes),
          pg_catalog.tstzrange(starts_at, starts_at + pg_catalog.make_interval(mins => v_minutes)),
          case when insert_appointment.status = 'pending' then 'pending' else 'booked' end::public.appointment_status,
          case when insert_appointment.status = 'pending' then pg_catalog.now() + interval '15 minutes' end, 'staff');
  if insert_appointment.status not in ('pending', 'booked') then
    -- walk the machine: booked -> arrived -> checked_in -> fulfilled, or booked -> cancelled/noshow
    if insert_appointment.status in ('arrived', 'checked_in', 'fulfilled') then
      update public.appointments set status = 'arrived' where id = tests.tenancy_id(name);
    end if;
    if insert_appointment.status in ('checked_in', 'fulfilled') then
      update public.appointments set status = 'checked_in' where id = tests.tenancy_id(name);
    end if;
    if insert_appointment.status <> (select a.status from public.appointments as a where a.id = tests.tenancy_id(name)) then
      update public.appointments set status = insert_appointment.status where id = tests.tenancy_id(name);
    end if;
  end if;
  return tests.tenancy_id(name);
end
$$;
comment on function tests.insert_appointment(text, text, text, text, timestamptz, public.appointment_status, text, text) is
  'pgTAP fixtures: inserts appointment `name` directly as postgres (no RPC checks) and walks it to `status` through the status machine; returns its id (tests.tenancy_id(name)).';

revoke execute on function tests.create_appointment_fixtures() from public;
revoke execute on function tests.appointment_slot(integer, text, text) from public;
revoke execute on function tests.insert_appointment(text, text, text, text, timestamptz, public.appointment_status, text, text) from public;
grant execute on function tests.appointment_slot(integer, text, text) to anon, authenticated, service_role;
