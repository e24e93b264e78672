-- supabase/tests/_setup/analytics_fixtures.sql — a small, fixed history for the analytics RPC
-- tests, in schema `tests`, on top of the appointment fixtures.
-- Applied like the other _setup files (as postgres, committed, creates no data); a test calls
-- `select tests.create_analytics_fixtures();` after `begin` and the final `rollback` removes it.
--
-- tenant_a (Europe/London, so UTC in winter); the window used by the tests is 2026-01-01..2026-02-28.
--   name   service       clinician             patient            centre     starts (local)     status            booked
--   an_0   appt_checkup  clinician_a           patient_a          centre_a1  2025-12-15 10:00   fulfilled         (before the window)
--   an_1   appt_checkup  clinician_a           patient_a          centre_a1  2026-01-05 10:00   fulfilled         48 h before
--   an_2   appt_paid     clinician_a           patient_a_2        centre_a1  2026-01-05 11:00   fulfilled         24 h before
--   an_3   appt_checkup  clinician_a_visiting  patient_a          centre_a1  2026-01-06 10:00   noshow            72 h before
--   an_4   appt_scan     clinician_a           patient_a_walk_in  centre_a1  2026-01-14 10:00   cancelled (late)  96 h before
--   an_5   appt_video    clinician_a_visiting  patient_a_2        centre_a1  2026-02-03 10:00   fulfilled         120 h before
--   an_6   appt_checkup  clinician_a_2         patient_a_walk_in  centre_a2  2026-02-10 10:00   fulfilled         12 h before
--   an_7   appt_checkup  clinician_a           patient_a_2        centre_a1  2026-01-20 10:00   entered_in_error  (never counts)
--   Prices: checkup 50, paid 100, scan 90, video 40 GBP; clinician_a_visiting's video price
--   override is 35.
-- tenant_b: an_b1 appt_b_checkup, clinician_b, patient_b, centre_b1, 2026-01-05 10:00 New York, fulfilled.

create schema if not exists tests;

create or replace function tests.create_analytics_fixtures()
returns void
language plpgsql
set search_path = ''
as $$
begin
  perform tests.create_appointment_fixtures();
  update public.clinician_services set price_override = 35
  where tenant_id = tests.tenancy_id('tenant_a') and clinician_id = tests.tenancy_id('clinician_a_visiting')
    and service_id = tests.tenancy_id('appt_video');

  perform tests.insert_appointment('an_0', 'appt_checkup', 'clinician_a', 'patient_a', timestamptz '2025-12-15 10:00Z', 'fulfilled');
  perform tests.insert_appointment('an_1', 'appt_checkup', 'clinician_a', 'patient_a', timestamptz '2026-01-05 10:00Z', 'fulfilled');
  perform tests.insert_appointment('an_2', 'appt_paid', 'clinician_a', 'patient_a_2', timestamptz '2026-01-05 11:00Z', 'fulfilled');
  perform tests.insert_appointment('an_3', 'appt_checkup', 'clinician_a_visiting', 'patient_a', timestamptz '2026-01-06 10:00Z', 'noshow');
  perform tests.insert_appointment('an_4', 'appt_scan', 'clinician_a', 'patient_a_walk_in', timestamptz '2026-01-14 10:00Z', 'cancelled');
  perform tests.insert_appointment('an_5', 'appt_video', 'clinician_a_visiting', 'patient_a_2', timestamptz '2026-02-03 10:00Z', 'fulfilled');
  perform tests.insert_appointment('an_6', 'appt_checkup', 'clinician_a_2', 'patient_a_walk_in', timestamptz '2026-02-10 10:00Z', 'fulfilled',
                                   'tenant_a', 'centre_a2');
  perform tests.insert_appointment('an_7', 'appt_checkup', 'clinician_a', 'patient_a_2', timestamptz '2026-01-20 10:00Z', 'entered_in_error');
  perform tests.insert_appointment('an_b1', 'appt_b_checkup', 'clinician_b', 'patient_b', timestamptz '2026-01-05 15:00Z', 'fulfilled',
                                   'tenant_b', 'centre_b1');

  update public.appointments as a
  set created_at = a.starts_at - pg_catalog.make_interval(hours => v.hours)
  from (values ('an_0', 24), ('an_1', 48), ('an_2', 24), ('an_3', 72), ('an_4', 96), ('an_5', 120), ('an_6', 12),
               ('an_7', 24), ('an_b1', 24)) as v(name, hours)
  where a.id = tests.tenancy_id(v.name);
  update public.appointments
  set cancellation_outcome = '{"by": "patient", "late": true, "fee": 20, "currency": "GBP", "payment_required": true}'
  where id = tests.tenancy_id('an_4');
end
$$;
comment on function tests.create_analytics_fixtures() is
  'pgTAP fixtures: appointment fixtures plus the fixed appointment history described in supabase/tests/_setup/analytics_fixtures.sql. Call as postgres, once per test.';
revoke execute on function tests.create_analytics_fixtures() from public;

-- Money for the collected-revenue tests: a payment or a refund written directly
-- as postgres with the amount and the time it succeeded given, so the tests fix the periods.
--   tests.insert_analytics_payment(name, appointment, amount, status, succeeded_at)
--     payment `name` (id tests.tenancy_id(name), pi_<name>) for appointment `appointment`, in
--     the service's currency;
--   tests.insert_analytics_refund(name, payment, amount, status, succeeded_at)
--     refund `name` of payment `payment`; succeeded_at is when a succeeded refund succeeded.

create or replace function tests.insert_analytics_payment(
  name text, appointment text, amount numeric, status public.payment_status, succeeded_at timestamptz default null)
returns uuid
language plpgsql
set search_path = ''
as $$
declare
  v_appointment public.appointments;
  v_currency text;
  v_attempt integer;
begin
  select a.* into v_appointment from public.appointments as a where a.id = tests.tenancy_id(appointment);
  select s.currency into v_currency from public.services as s
  where s.tenant_id = v_appointment.tenant_id and s.id = v_appointment.service_id;
  select coalesce(max(p.attempt), 0) + 1 into v_attempt from public.payments as p where p.appointment_id = v_appointment.id;
  insert into public.payments (tenant_id, id, appointment_id, patient_id, flow, kind, amount, currency, amount_minor, status,
                               attempt, idempotency_key, stripe_payment_intent_id, succeeded_at, created_at)
  values (v_appointment.tenant_id, tests.tenancy_id(name), v_appointment.id, v_appointment.patient_id, 'payment_intent', 'full',
          insert_analytics_payment.amount, v_currency, private.to_minor_units(insert_analytics_payment.amount, v_currency),
          insert_analytics_payment.status, v_attempt, 'payment:' || v_appointment.id::text || ':' || v_attempt::text,
          'pi_' || name, insert_analytics_payment.succeeded_at,
          coalesce(insert_analytics_payment.succeeded_at, pg_catalog.now()) - interval '5 minutes');
  return tests.tenancy_id(name);
end
$$;
comment on function tests.insert_analytics_payment(text, text, numeric, public.payment_status, timestamptz) is
  'pgTAP fixtures (collected revenue): inserts payment `name` for appointment `appointment` with the given amount, status and succeeded_at, directly as postgres; returns its id.';
revoke execute on function tests.insert_analytics_payment(text, text, numeric, public.payment_status, timestamptz) from public;

create or replace function tests.insert_analytics_refund(
  name text, payment text, amount numeric, status text, succeeded_at timestamptz)
returns uuid
language plpgsql
set search_path = ''
as $$
declare
  v_payment public.payments;
begin
  select p.* into v_payment from public.payments as p where p.id = tests.tenancy_id(payment);
  insert into public.refunds (tenant_id, id, payment_id, appointment_id, patient_id, amount, currency, amount_minor, reason,
                              status, created_at, updated_at, succeeded_at)
  values (v_payment.tenant_id, tests.tenancy_id(name), v_payment.id, v_payment.appointment_id, v_payment.patient_id,
          insert_analytics_refund.amount, v_payment.currency, private.to_minor_units(insert_analytics_refund.amount, v_payment.currency),
          'staff', insert_analytics_refund.status, insert_analytics_refund.succeeded_at - interval '1 hour',
          insert_analytics_refund.succeeded_at,
          case when insert_analytics_refund.status = 'succeeded' then insert_analytics_refund.succeeded_at end);
  return tests.tenancy_id(name);
end
$$;
comment on function tests.insert_analytics_refund(text, text, numeric, text, timestamptz) is
  'pgTAP fixtures (collected revenue): inserts refund `name` of payment `payment` with the given amount and status, succeeded at succeeded_at when its status is succeeded. Directly as postgres; returns its id.';
revoke execute on function tests.insert_analytics_refund(text, text, numeric, text, timestamptz) from public;
