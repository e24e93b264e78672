-- The lock order's helpers (docs/booking.md#lock-order): private.lock_booking takes the booking
-- keys of the clinician, the patient and the resource pools; a booking releases only the expired
-- holds in its way (same clinician, same patient, or a room/device of its pool), never another
-- clinician's; the last-resort retry after a deadlock gives up with PT503 busy.
begin;
select plan(8);

-- SETUP: expired holds at day 3 10:00 - clinician_a's (in the way), clinician_a_visiting's with
-- another patient (not in the way) and one holding an ultrasound (in the way of a scan only)
select tests.create_appointment_fixtures();
select tests.insert_appointment('a_hold', 'appt_paid', 'clinician_a', 'patient_a_2', tests.appointment_slot(3, '10:00'), 'pending');
select tests.insert_appointment('other_hold', 'appt_paid', 'clinician_a_visiting', 'patient_a_walk_in', tests.appointment_slot(3, '10:00'), 'pending');
select tests.insert_appointment('scan_hold', 'appt_scan', 'clinician_a_visiting', 'patient_a_walk_in', tests.appointment_slot(3, '14:00'), 'pending');
insert into public.appointment_resources (tenant_id, appointment_id, resource_id, occupied, active)
values (tests.tenancy_id('tenant_a'), tests.tenancy_id('scan_hold'), tests.tenancy_id('resource_a1_ultrasound'), '[2000-01-01,2000-01-02)', true),
       (tests.tenancy_id('tenant_a'), tests.tenancy_id('scan_hold'), tests.tenancy_id('resource_a1_ultrasound_2'), '[2000-01-01,2000-01-02)', true);
update public.appointments set hold_expires_at = now() - interval '1 minute' where status = 'pending';

-- TEST: the booking keys
select private.lock_booking(tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a'), tests.tenancy_id('patient_a'),
                            array[private.resource_pool(tests.tenancy_id('centre_a1'), 'ultrasound'), null]);
select is(
  (select count(*)::integer from pg_locks as l
   where l.locktype = 'advisory' and l.pid = pg_backend_pid() and l.granted and l.objsubid = 1
     and (l.classid::bigint << 32) + l.objid::bigint in (
       select k & x'ffffffffffffffff'::bigint from (values
         (private.booking_lock_key('clinician', tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a')::text)),
         (private.booking_lock_key('patient', tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a')::text)),
         (private.booking_lock_key('resources', tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a1')::text || ':ultrasound'))) as v (k))),
  3, 'lock_booking holds the keys of the clinician, the patient and the ultrasound pool');
select is(private.try_lock_booking_key('clinician', tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a')::text), true,
  'trying a key this transaction holds succeeds at once');
select is(private.appointment_resource_pools(tests.tenancy_id('tenant_a'), tests.tenancy_id('centre_a1'), tests.tenancy_id('appt_checkup'),
                                             array[tests.tenancy_id('scan_hold')]),
  array[tests.tenancy_id('centre_a1')::text || ':ultrasound'],
  'a move of an appointment holding ultrasounds takes the ultrasound pool');

-- TEST: only the holds in the way are released
select tests.authenticate_as('a_front_desk');
select is((select status::text from public.book_appointment(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
                                                            tests.appointment_slot(3, '10:00'), tests.tenancy_id('patient_a'))),
  'booked', 'a booking over clinician_a''s expired hold succeeds');
select is((select status::text from public.book_appointment(tests.tenancy_id('appt_scan'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
                                                            tests.appointment_slot(3, '14:00'), tests.tenancy_id('patient_a'))),
  'booked', 'a scan over an expired hold that held both ultrasounds succeeds');
reset role;
select set_eq($$ select id, status::text from public.appointments where status in ('pending', 'cancelled') $$,
  $$ values (tests.tenancy_id('a_hold'), 'cancelled'), (tests.tenancy_id('other_hold'), 'pending'), (tests.tenancy_id('scan_hold'), 'cancelled') $$,
  'the holds in the way were released; another clinician''s expired hold at the same time is left to the expiry job');

-- TEST: the last resort (its notice is for server logs)
set local client_min_messages = warning;
select is(private.after_lock_conflict(0, '40P01'), 1, 'after a first deadlock the call is tried again');
select is(tests.error_details_of($$ select private.after_lock_conflict(4, '40P01') $$),
  '{"code": "PT503", "message": "the schedule is busy right now", "detail": "busy", "hint": "Nothing was changed. Try again in a moment."}'::jsonb,
  'after five attempts it gives up with PT503 busy, never 40P01');

select * from finish();
rollback;
