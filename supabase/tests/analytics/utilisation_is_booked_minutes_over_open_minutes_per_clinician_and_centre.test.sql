-- utilisation: per clinician and centre, open minutes from the working hours (09:00-17:00 local
-- every day in the fixtures), booked minutes of the appointments that held time (booked,
-- arrived, checked_in, fulfilled, noshow; cancelled ones do not count) and their ratio.
begin;
select plan(3);

-- SETUP: two days from tomorrow (London), clinician_a has 30 + 30 held minutes and a cancelled 20
select tests.create_analytics_fixtures();
select tests.insert_appointment('u_1', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(1, '10:00'));
select tests.insert_appointment('u_2', 'appt_paid', 'clinician_a', 'patient_a_2', tests.appointment_slot(2, '10:00'), 'arrived');
select tests.insert_appointment('u_3', 'appt_scan', 'clinician_a', 'patient_a_walk_in', tests.appointment_slot(2, '12:00'), 'cancelled');
create temporary table w on commit drop as
  select (pg_catalog.now() at time zone 'Europe/London')::date + 1 as from_date,
         (pg_catalog.now() at time zone 'Europe/London')::date + 2 as to_date;
grant select on w to authenticated;
select tests.authenticate_as('a_manager');

-- TEST: clinician_a at centre_a1
select results_eq(
  $$ select u.clinician_name, u.open_minutes, u.booked_minutes, u.utilisation
     from w, public.utilisation(tests.tenancy_id('tenant_a'), w.from_date, w.to_date, tests.tenancy_id('centre_a1')) as u
     where u.clinician_id = tests.tenancy_id('clinician_a') $$,
  $$ values ('Dr Ada Alpha', 960.00, 60.00, 0.0625) $$,
  '2 days x 8 hours open = 960 minutes, 60 booked: utilisation 0.0625');

-- TEST: an idle clinician and an inactive one
select results_eq(
  $$ select u.clinician_id, u.open_minutes, u.booked_minutes, u.utilisation
     from w, public.utilisation(tests.tenancy_id('tenant_a'), w.from_date, w.to_date, tests.tenancy_id('centre_a1')) as u
     where u.clinician_id <> tests.tenancy_id('clinician_a') order by u.clinician_id = tests.tenancy_id('clinician_a_visiting') $$,
  $$ values (tests.tenancy_id('clinician_a_retired'), 0.00, 0.00, null::numeric),
            (tests.tenancy_id('clinician_a_visiting'), 960.00, 0.00, 0.0000) $$,
  'an idle clinician is at 0; an inactive one has no open time and no ratio');

-- TEST: tenant-wide, every assignment is a row
select is(
  (select count(*)::integer from w, public.utilisation(tests.tenancy_id('tenant_a'), w.from_date, w.to_date)),
  6,
  'without centre_id: one row per clinician and centre of the tenant (6 assignments)');

select * from finish();
rollback;
