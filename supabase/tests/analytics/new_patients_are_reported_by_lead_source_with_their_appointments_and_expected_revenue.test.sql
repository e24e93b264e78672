-- patients_by_lead_source: the patients whose first kept appointment ever at the tenant falls in
-- the window, per lead source (null as 'unknown') and currency, with their appointments in the
-- window (all but entered_in_error), the fulfilled ones and the list price of those. Patients
-- seen before the window are not new; a cancelled visit does not make a patient new.
begin;
select plan(6);

-- SETUP: patient_a (seen in December) came by referral, patient_a_2 from google, the walk-in
-- has no lead source
select tests.create_analytics_fixtures();
update public.patients set lead_source = 'referral' where id = tests.tenancy_id('patient_a');
update public.patients set lead_source = 'google' where id = tests.tenancy_id('patient_a_2');
update public.patients set lead_source = null where id = tests.tenancy_id('patient_a_walk_in');
select tests.authenticate_as('a_owner');

-- TEST: January and February
select results_eq(
  $$ select lead_source, currency, new_patients, appointments, fulfilled_appointments, expected_revenue
     from public.patients_by_lead_source(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28') $$,
  $$ values ('google', 'GBP', 1::bigint, 2::bigint, 2::bigint, 135.00),
            ('unknown', 'GBP', 1::bigint, 2::bigint, 1::bigint, 50.00) $$,
  'google: patient_a_2 (100 + the 35 video; the entered_in_error visit left out); unknown: the walk-in (a cancelled scan and a 50 check-up); patient_a (referral) is not new');

-- TEST: a window where the walk-in only cancelled
select results_eq(
  $$ select lead_source, new_patients, appointments, fulfilled_appointments, expected_revenue
     from public.patients_by_lead_source(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-01-31') $$,
  $$ values ('google', 1::bigint, 1::bigint, 1::bigint, 100.00) $$,
  'January: only patient_a_2 is new; the walk-in''s cancelled scan does not make them a patient yet');

-- TEST: February: patient_a_2 is no longer new
select results_eq(
  $$ select lead_source, new_patients, appointments
     from public.patients_by_lead_source(tests.tenancy_id('tenant_a'), '2026-02-01', '2026-02-28') $$,
  $$ values ('unknown', 1::bigint, 1::bigint) $$,
  'February: the walk-in is new, patient_a_2 (first seen in January) is not');

-- TEST: one centre
select results_eq(
  $$ select lead_source, new_patients, appointments, fulfilled_appointments, expected_revenue
     from public.patients_by_lead_source(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28', tests.tenancy_id('centre_a2')) $$,
  $$ values ('unknown', 1::bigint, 1::bigint, 1::bigint, 50.00) $$,
  'centre_a2: the walk-in''s check-up there only');

-- TEST: a patient first seen in the window at another centre is new tenant-wide
select results_eq(
  $$ select lead_source, new_patients, appointments, fulfilled_appointments, expected_revenue
     from public.patients_by_lead_source(tests.tenancy_id('tenant_a'), '2026-01-01', '2026-02-28', tests.tenancy_id('centre_a1')) $$,
  $$ values ('google', 1::bigint, 2::bigint, 2::bigint, 135.00) $$,
  'centre_a1: patient_a_2; the walk-in had only a cancelled visit there');

-- TEST: nothing new
select is_empty(
  $$ select * from public.patients_by_lead_source(tests.tenancy_id('tenant_a'), '2025-06-01', '2025-06-30') $$,
  'a window without new patients has no rows');

select * from finish();
rollback;
