-- The appointment RPCs find an appointment by its id alone (confirm, cancel, reschedule, the
-- series and waitlist calls), so an id names one appointment across all tenants: even
-- service_role cannot give another tenant's appointment the same id (23505), and the RPCs
-- keep acting on the original.
begin;
select plan(3);

-- SETUP
select tests.create_appointment_fixtures();
select tests.insert_appointment('appt_original', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(3, '10:00'));

-- TEST: a copy in tenant B is refused
select tests.authenticate_as_service_role();
select throws_ok(
  $$ insert into public.appointments (tenant_id, id, service_id, clinician_id, centre_id, patient_id, starts_at, ends_at,
                                      occupied, status, booked_via)
     values (tests.tenancy_id('tenant_b'), tests.tenancy_id('appt_original'), tests.tenancy_id('service_b_consult'),
             tests.tenancy_id('clinician_b'), tests.tenancy_id('centre_b1'), tests.tenancy_id('patient_b'),
             tests.appointment_slot(3, '10:00', 'America/New_York'), tests.appointment_slot(3, '10:30', 'America/New_York'),
             tstzrange(tests.appointment_slot(3, '10:00', 'America/New_York'), tests.appointment_slot(3, '10:30', 'America/New_York')),
             'booked', 'staff') $$,
  '23505', 'duplicate key value violates unique constraint "appointments_id_key"',
  'service_role cannot reuse an appointment id in another tenant');

-- TEST: the RPCs still act on the original
select results_eq(
  $$ select tenant_id, status::text from public.cancel_appointment(tests.tenancy_id('appt_original'), 'patient_request') $$,
  $$ values (tests.tenancy_id('tenant_a'), 'cancelled') $$,
  'cancelling by id acts on the one appointment with that id');

-- TEST: the lookup by id alone is an index probe (the constraint's index starts with id)
reset role;
select ok(
  exists (select 1 from pg_catalog.pg_index as i
          where i.indrelid = 'public.appointments'::regclass and i.indisunique
            and i.indkey[0] = (select attnum from pg_catalog.pg_attribute
                               where attrelid = 'public.appointments'::regclass and attname = 'id')
            and i.indnatts = 1),
  'a unique index on appointments (id) serves lookups by id alone');

select * from finish();
rollback;
