-- Every allowed transition of the status machine succeeds, and refused ones raise PT409 with a
-- hint naming the allowed next statuses (direct updates, as service_role would make them).
begin;
select plan(22);

-- SETUP
select tests.create_appointment_fixtures();

-- TEST: allowed transitions
create temporary table transitions (from_status public.appointment_status, to_status public.appointment_status) on commit drop;
insert into transitions values
  ('pending', 'booked'), ('pending', 'cancelled'),
  ('booked', 'arrived'), ('booked', 'checked_in'), ('booked', 'noshow'), ('booked', 'cancelled'), ('booked', 'fulfilled'),
  ('arrived', 'checked_in'), ('arrived', 'fulfilled'), ('arrived', 'noshow'),
  ('checked_in', 'fulfilled');
select tests.insert_appointment('t_' || row_number() over (), 'appt_checkup', 'clinician_a', 'patient_a',
                                tests.appointment_slot(2, '09:00') + (row_number() over ()) * interval '1 hour' - interval '1 hour' + interval '1 day' * 0,
                                from_status)
from transitions;
select lives_ok(
  pg_catalog.format($$ update public.appointments set status = %L, cancellation_reason = 'test' where id = tests.tenancy_id(%L) $$, t.to_status, 't_' || t.n),
  pg_catalog.format('%s -> %s is allowed', t.from_status, t.to_status))
from (select *, row_number() over () as n from transitions) as t;

-- TEST: refused transitions
select tests.insert_appointment('r_pending', 'appt_checkup', 'clinician_a', 'patient_a_2', tests.appointment_slot(5, '09:00'), 'pending');
select tests.insert_appointment('r_fulfilled', 'appt_checkup', 'clinician_a', 'patient_a_2', tests.appointment_slot(5, '10:00'), 'fulfilled');
select tests.insert_appointment('r_cancelled', 'appt_checkup', 'clinician_a', 'patient_a_2', tests.appointment_slot(5, '11:00'), 'cancelled');
select tests.insert_appointment('r_checked_in', 'appt_checkup', 'clinician_a', 'patient_a_2', tests.appointment_slot(5, '12:00'), 'checked_in');
select tests.insert_appointment('r_noshow', 'appt_checkup', 'clinician_a', 'patient_a_2', tests.appointment_slot(5, '13:00'), 'noshow');
select throws_ok($$ update public.appointments set status = 'fulfilled' where id = tests.tenancy_id('r_pending') $$,
  'PT409', 'an appointment cannot go from pending to fulfilled', 'pending -> fulfilled is refused (PT409)');
select throws_ok($$ update public.appointments set status = 'booked' where id = tests.tenancy_id('r_cancelled') $$,
  'PT409', 'an appointment cannot go from cancelled to booked', 'cancelled -> booked is refused: cancelled is final');
select throws_ok($$ update public.appointments set status = 'booked' where id = tests.tenancy_id('r_fulfilled') $$,
  'PT409', 'an appointment cannot go from fulfilled to booked', 'fulfilled -> booked is refused');
select throws_ok($$ update public.appointments set status = 'arrived' where id = tests.tenancy_id('r_checked_in') $$,
  'PT409', 'an appointment cannot go from checked_in to arrived', 'checked_in -> arrived is refused');
select throws_ok($$ update public.appointments set status = 'booked' where id = tests.tenancy_id('r_noshow') $$,
  'PT409', 'an appointment cannot go from noshow to booked', 'noshow -> booked is refused');
select is(tests.error_details_of($$ update public.appointments set status = 'arrived' where id = tests.tenancy_id('r_pending') $$) ->> 'hint',
  'From pending the allowed next statuses are: booked, cancelled (and entered_in_error for owners and admins).',
  'the hint names the allowed next statuses');
select throws_ok($$ insert into public.appointments (tenant_id, service_id, clinician_id, centre_id, patient_id, starts_at, ends_at, occupied, status, booked_via)
                    values (tests.tenancy_id('tenant_a'), tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
                            tests.tenancy_id('patient_a_walk_in'), tests.appointment_slot(6, '09:00'), tests.appointment_slot(6, '09:30'),
                            tstzrange(tests.appointment_slot(6, '09:00'), tests.appointment_slot(6, '09:30')), 'fulfilled', 'staff') $$,
  'PT409', 'a new appointment cannot be fulfilled', 'a new appointment starts pending or booked');
select throws_ok($$ update public.appointments set starts_at = starts_at + interval '1 day', ends_at = ends_at + interval '1 day' where id = tests.tenancy_id('r_fulfilled') $$,
  'PT409', 'a fulfilled appointment cannot be moved', 'only pending and booked appointments can be moved');

-- TEST: leaving pending clears the hold; entered_in_error from a final status (server side)
update public.appointments set status = 'booked' where id = tests.tenancy_id('r_pending');
select is((select hold_expires_at from public.appointments where id = tests.tenancy_id('r_pending')), null, 'pending -> booked clears hold_expires_at');
select lives_ok($$ update public.appointments set status = 'entered_in_error' where id = tests.tenancy_id('r_cancelled') $$,
  'any status -> entered_in_error is allowed server-side');
select throws_ok($$ update public.appointments set status = 'booked' where id = tests.tenancy_id('r_cancelled') $$,
  'PT409', 'an appointment cannot go from entered_in_error to booked', 'entered_in_error is final');

select * from finish();
rollback;
