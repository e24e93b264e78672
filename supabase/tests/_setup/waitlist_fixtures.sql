-- supabase/tests/_setup/waitlist_fixtures.sql — what the waitlist tests work
-- with, on top of the appointment fixtures (appointments_fixtures.sql), in schema `tests`.
-- Applied like the other _setup files (as postgres, committed, creates no data); a test calls
-- `select tests.create_waitlist_fixtures();` after `begin` and the final `rollback` removes it.
--
--   everything of tests.create_appointment_fixtures() (services appt_checkup, appt_paid,
--   appt_scan, appt_video at centre_a1, offered by clinician_a and clinician_a_visiting, both
--   working 09:00-17:00 Europe/London every day), plus
--   patient_a_3   [a_patient_3]   a third patient record with an account in tenant_a.
--
-- tests.insert_waitlist_entry(...) writes a waiting entry directly as postgres (no RPC checks);
-- entries inserted one after the other queue in that order (created_at is clock time).
-- tests.free_slot(name, ...) books appointment `name` for patient_a_walk_in (the patient
-- whose cancellation frees the time) so a test can cancel or move it.

create schema if not exists tests;

create or replace function tests.create_waitlist_fixtures()
returns void
language plpgsql
set search_path = ''
as $$
begin
  perform tests.create_appointment_fixtures();
  perform tests.create_supabase_user('a_patient_3');
  insert into public.patients (tenant_id, id, user_id, full_name, phone, date_of_birth)
  values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a_3'), tests.get_supabase_uid('a_patient_3'),
          'Third Patient', '+447700900104', date '1975-04-05');
end
$$;
comment on function tests.create_waitlist_fixtures() is
  'pgTAP fixtures: the appointment fixtures plus patient_a_3 (user a_patient_3) in tenant_a; see supabase/tests/_setup/waitlist_fixtures.sql. Call as postgres, once per test.';

create or replace function tests.insert_waitlist_entry(
  name text, patient text, service text, earliest timestamptz, latest timestamptz,
  clinician text default null, joined_via text default 'staff', tenant text default 'tenant_a', centre text default 'centre_a1')
returns uuid
language plpgsql
set search_path = ''
as $$
begin
  insert into public.waitlist_entries (tenant_id, id, patient_id, service_id, centre_id, clinician_id, earliest, latest, joined_via)
  values (tests.tenancy_id(tenant), tests.tenancy_id(name), tests.tenancy_id(patient), tests.tenancy_id(service),
          tests.tenancy_id(centre), case when clinician is not null then tests.tenancy_id(clinician) end,
          earliest, latest, joined_via);
  return tests.tenancy_id(name);
end
$$;
comment on function tests.insert_waitlist_entry(text, text, text, timestamptz, timestamptz, text, text, text, text) is
  'pgTAP fixtures: inserts waiting entry `name` directly as postgres (clinician null = any; joined_via staff unless told); returns its id (tests.tenancy_id(name)).';

create or replace function tests.free_slot(
  name text, starts_at timestamptz, service text default 'appt_checkup', clinician text default 'clinician_a')
returns uuid
language sql
set search_path = ''
as $$
  select tests.insert_appointment(name, service, clinician, 'patient_a_walk_in', starts_at)
$$;
comment on function tests.free_slot(text, timestamptz, text, text) is
  'pgTAP fixtures: books appointment `name` (booked) for patient_a_walk_in at starts_at, to be cancelled or moved by the test; returns its id.';

create or replace function tests.waitlist_hold(entry text)
returns public.appointments
language sql
stable
set search_path = ''
as $$
  select a.*
  from public.appointments as a
  join public.waitlist_entries as e on e.tenant_id = a.tenant_id and e.offered_appointment_id = a.id
  where e.id = tests.tenancy_id(entry)
$$;
comment on function tests.waitlist_hold(text) is
  'pgTAP fixtures: the appointment entry `entry` currently points at (its hold while offered, its appointment once booked), or null.';

revoke execute on function tests.create_waitlist_fixtures() from public;
revoke execute on function tests.insert_waitlist_entry(text, text, text, timestamptz, timestamptz, text, text, text, text) from public;
revoke execute on function tests.free_slot(text, timestamptz, text, text) from public;
revoke execute on function tests.waitlist_hold(text) from public;
grant execute on function tests.waitlist_hold(text) to authenticated, service_role;
