-- The waitlist RPCs' PT409s carry reason codes (docs/errors.md): offer_expired (the offer ran out;
-- the patient stays on the list), offer_closed (no open offer, or not the one named), status_conflict
-- (leaving an entry that is already closed), already_on_waitlist (another window for the same
-- service, centre and clinician). Nothing changes.
begin;
select plan(7);

-- SETUP: `expired_offer` is offered a slot whose offer ran out; `waiting` has no offer;
-- `booked_entry` accepted its offer
select tests.create_waitlist_fixtures();
select tests.free_slot('freed_2', tests.appointment_slot(2, '12:00'));
select tests.free_slot('freed_3', tests.appointment_slot(2, '14:00'));
select tests.insert_waitlist_entry('expired_offer', 'patient_a_3', 'appt_checkup', tests.appointment_slot(2, '11:30'), tests.appointment_slot(2, '13:00'));
select tests.insert_waitlist_entry('booked_entry', 'patient_a', 'appt_checkup', tests.appointment_slot(2, '13:30'), tests.appointment_slot(2, '15:00'));
select tests.insert_waitlist_entry('waiting', 'patient_a_2', 'appt_checkup', tests.appointment_slot(6, '09:00'), tests.appointment_slot(6, '17:00'), 'clinician_a_visiting');
select public.cancel_appointment(tests.tenancy_id(name), 'patient_request') from (values ('freed_2'), ('freed_3')) as v (name);
update public.appointments set hold_expires_at = now() - interval '1 second' where id = (select id from tests.waitlist_hold('expired_offer'));
update public.waitlist_entries set offer_expires_at = now() - interval '1 second' where id = tests.tenancy_id('expired_offer');
select public.accept_waitlist_offer(tests.tenancy_id('booked_entry'));
create temporary table before on commit drop as select id, status, offered_appointment_id, updated_at from public.waitlist_entries;

-- TEST
select tests.authenticate_as('a_front_desk');
select is(tests.error_details_of($$ select public.accept_waitlist_offer(tests.tenancy_id('expired_offer')) $$),
  '{"code": "PT409", "message": "this offer has expired", "detail": "offer_expired", "hint": "The time was passed on to the next patient; you stay on the waitlist for the next freed time."}'::jsonb,
  'accepting an offer that ran out: offer_expired');
select is(tests.error_details_of($$ select public.decline_waitlist_offer(tests.tenancy_id('waiting')) $$),
  '{"code": "PT409", "message": "this waitlist entry has no open offer", "detail": "offer_closed", "hint": "Nothing is offered right now: the next freed time that matches will be."}'::jsonb,
  'declining without an open offer: offer_closed');
select is(tests.error_details_of(format($$ select public.accept_waitlist_offer(%L, %L) $$, tests.tenancy_id('booked_entry'),
                                        (select o.id from public.waitlist_offers as o where o.entry_id = tests.tenancy_id('booked_entry')))),
  '{"code": "PT409", "message": "this offer is no longer open", "detail": "offer_closed", "hint": "The offer was already accepted: see the appointment."}'::jsonb,
  'accepting a named offer that was accepted already: offer_closed');
select is(tests.error_details_of($$ select public.leave_waitlist(tests.tenancy_id('booked_entry')) $$),
  '{"code": "PT409", "message": "this waitlist entry is already booked", "detail": "status_conflict", "hint": "Only waiting or offered entries can leave the waitlist."}'::jsonb,
  'leaving a booked entry: status_conflict');
select is(tests.error_details_of($$ select public.join_waitlist(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'), tests.appointment_slot(6, '09:00'),
                                                                tests.appointment_slot(7, '17:00'), tests.tenancy_id('clinician_a_visiting'), tests.tenancy_id('patient_a_2')) $$),
  '{"code": "PT409", "message": "already on the waitlist for this service, centre and clinician", "detail": "already_on_waitlist", "hint": "Leave that entry first (leave_waitlist) to change the window."}'::jsonb,
  'joining again with another window: already_on_waitlist');

-- TEST: an entry still marked offered whose hold is no longer pending cannot be accepted
reset role;
update public.waitlist_entries set status = 'offered', offered_appointment_id = (select id from tests.waitlist_hold('booked_entry')), offer_expires_at = now() + interval '10 minutes'
 where id = tests.tenancy_id('booked_entry');
update public.waitlist_offers set outcome = null, decided_at = null, expires_at = now() + interval '10 minutes' where entry_id = tests.tenancy_id('booked_entry');
select tests.authenticate_as('a_front_desk');
select is(tests.error_details_of($$ select public.accept_waitlist_offer(tests.tenancy_id('booked_entry')) $$),
  '{"code": "PT409", "message": "this offer is no longer open", "detail": "offer_closed", "hint": "Reload the waitlist entry to see its current status."}'::jsonb,
  'accepting an offer whose hold was booked meanwhile: offer_closed');
reset role;
select is_empty($$ select id, status, offered_appointment_id, updated_at from public.waitlist_entries where id <> tests.tenancy_id('booked_entry')
                   except select * from before $$,
  'the refused calls changed nothing');

select * from finish();
rollback;
