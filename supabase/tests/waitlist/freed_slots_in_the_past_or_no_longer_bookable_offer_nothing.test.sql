-- Only future time that is still bookable is offered: a cancelled or no-show appointment in the
-- past, a slot now inside the minimum notice, and a slot of a clinician who was deactivated
-- offer nothing; the waiting entries keep waiting.
begin;
select plan(5);

-- SETUP
select tests.create_waitlist_fixtures();
select tests.free_slot('past', tests.appointment_slot(-1, '10:00'));
select tests.free_slot('noshow', tests.appointment_slot(-1, '11:00'));
select tests.free_slot('soon', tests.appointment_slot(2, '10:00'));
select tests.free_slot('retiring', tests.appointment_slot(3, '10:00'), 'appt_checkup', 'clinician_a_visiting');
select tests.insert_waitlist_entry('entry', 'patient_a_2', 'appt_checkup', tests.appointment_slot(-2, '09:00'), tests.appointment_slot(5, '17:00'));

-- TEST
select public.cancel_appointment(tests.tenancy_id('past'), 'entered_late');
select is((select status::text from public.waitlist_entries where id = tests.tenancy_id('entry')), 'waiting',
  'cancelling a past appointment offers nothing');
select public.mark_no_show(tests.tenancy_id('noshow'));
select is((select status::text from public.waitlist_entries where id = tests.tenancy_id('entry')), 'waiting',
  'a no-show (always after the start) offers nothing');
update public.services set min_booking_notice = '3 days' where id = tests.tenancy_id('appt_checkup');
select public.cancel_appointment(tests.tenancy_id('soon'), 'patient_request');
select is((select status::text from public.waitlist_entries where id = tests.tenancy_id('entry')), 'waiting',
  'a slot inside the minimum booking notice is not offered (slot search would not offer it)');
update public.services set min_booking_notice = '1 hour' where id = tests.tenancy_id('appt_checkup');
update public.clinicians set is_active = false where id = tests.tenancy_id('clinician_a_visiting');
select public.cancel_appointment(tests.tenancy_id('retiring'), 'clinician_unavailable');
select is((select status::text from public.waitlist_entries where id = tests.tenancy_id('entry')), 'waiting',
  'a slot of a deactivated clinician is not offered');
select is_empty($$ select 1 from public.waitlist_offers $$, 'no offer was made');

select * from finish();
rollback;
