-- The series RPCs' own PT409s carry reason codes (docs/errors.md): client_key_reused when the key
-- booked another series, status_conflict when the picked occurrence of a move is not pending or
-- booked or has started; "n of m dates" is series_conflicts (tested with the all-or-nothing
-- cases). Nothing changes.
begin;
select plan(4);

-- SETUP
select tests.create_appointment_fixtures();
select tests.authenticate_as('patient');
select public.book_appointment_series(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'), tests.tenancy_id('centre_a1'),
                                      tests.appointment_slot(2, '10:00'), 'FREQ=WEEKLY;COUNT=3', client_key => 'weekly');
reset role;
create temporary table occurrence on commit drop as
  select row_number() over (order by a.starts_at) as n, a.id from public.appointments as a where a.patient_id = tests.tenancy_id('patient_a');
grant select on occurrence to authenticated;
update public.appointments set status = 'cancelled', cancellation_reason = 'patient_request' where id = (select id from occurrence where n = 2);
create temporary table before on commit drop as select id, status, starts_at, updated_at from public.appointments;

-- TEST
select tests.authenticate_as('patient');
select is(tests.error_details_of($$ select public.book_appointment_series(tests.tenancy_id('appt_checkup'), tests.tenancy_id('clinician_a'),
                                      tests.tenancy_id('centre_a1'), tests.appointment_slot(3, '10:00'), 'FREQ=WEEKLY;COUNT=3', client_key => 'weekly') $$),
  '{"code": "PT409", "message": "this client_key was already used for a different series", "detail": "client_key_reused", "hint": "Use a new client_key for a new series; reuse a key only to retry the same request."}'::jsonb,
  'a used client_key for another series: client_key_reused');
select is(tests.error_details_of($$ select public.reschedule_appointment_series((select id from occurrence where n = 2), 'all', tests.appointment_slot(9, '11:00')) $$),
  '{"code": "PT409", "message": "a cancelled appointment cannot be rescheduled", "detail": "status_conflict", "hint": "Pick an occurrence of the series that is pending or booked."}'::jsonb,
  'moving all from a cancelled occurrence: status_conflict');
reset role;
update public.appointments set starts_at = now() - interval '10 minutes', ends_at = now() + interval '20 minutes'
 where id = (select id from occurrence where n = 1);
delete from before where id = (select id from occurrence where n = 1);
insert into before select id, status, starts_at, updated_at from public.appointments where id = (select id from occurrence where n = 1);
select tests.authenticate_as('patient');
select is(tests.error_details_of($$ select public.reschedule_appointment_series((select id from occurrence where n = 1), 'following', tests.appointment_slot(9, '11:00')) $$),
  '{"code": "PT409", "message": "this appointment has already started", "detail": "status_conflict", "hint": "Pick an occurrence of the series that is still ahead; started ones keep their time."}'::jsonb,
  'moving the following ones from a started occurrence: status_conflict');
reset role;
select is_empty($$ select id, status, starts_at, updated_at from public.appointments except select * from before $$,
  'the refused calls changed nothing');

select * from finish();
rollback;
