-- One live (waiting or offered) entry per patient, service, centre and clinician ("any" counts
-- as one clinician): joining again with the same window returns that entry (also while it is
-- offered); with another window it is PT409 (leave first); naming a clinician is a different
-- entry; after leaving, the patient may join again.
begin;
select plan(8);

-- SETUP
select tests.create_waitlist_fixtures();
select tests.free_slot('freed', tests.appointment_slot(2, '10:00'));
create temporary table window_ on commit drop as select tests.appointment_slot(1, '09:00') as earliest, tests.appointment_slot(5, '17:00') as latest;
create temporary table first_join (id uuid) on commit drop;
grant select, insert on window_, first_join to authenticated;

-- TEST
select tests.authenticate_as('patient');
insert into first_join select id from public.join_waitlist(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'), (select earliest from window_), (select latest from window_));
select results_eq($$ select id from public.join_waitlist(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'), (select earliest from window_), (select latest from window_)) $$,
  $$ select id from first_join $$, 'joining again with the same window returns the same entry');
select results_eq($$ select id from public.join_waitlist(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'), (select earliest from window_), (select latest from window_),
                                                         null, tests.tenancy_id('patient_a')) $$,
  $$ select id from first_join $$, 'passing one''s own patient_id is the same join');
select throws_ok($$ select public.join_waitlist(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'), (select earliest from window_), (select latest from window_) + interval '1 day') $$,
  'PT409', 'already on the waitlist for this service, centre and clinician', 'another window for the same service, centre and clinician is PT409');
select isnt(
  (select id from public.join_waitlist(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'), (select earliest from window_), (select latest from window_), tests.tenancy_id('clinician_a'))),
  (select id from first_join), 'naming a clinician is a separate entry');

-- while offered
reset role;
select set_config('request.jwt.claims', '', true);
select public.cancel_appointment(tests.tenancy_id('freed'), 'patient_request');
select tests.authenticate_as('patient');
select results_eq($$ select id, status::text from public.join_waitlist(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'), (select earliest from window_), (select latest from window_)) $$,
  $$ select id, 'offered' from first_join $$, 'joining again while the entry is offered returns it, offered');

-- after leaving
select public.leave_waitlist((select id from first_join));
select isnt((select id from public.join_waitlist(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'), (select earliest from window_), (select latest from window_) + interval '1 day')),
  (select id from first_join), 'after leaving, the patient joins again with a new entry');
reset role;
select is((select count(*)::integer from public.waitlist_entries where patient_id = tests.tenancy_id('patient_a')), 3, 'three entries were written in all');
select throws_ok($$ insert into public.waitlist_entries (tenant_id, patient_id, service_id, centre_id, earliest, latest, joined_via)
                    values (tests.tenancy_id('tenant_a'), tests.tenancy_id('patient_a'), tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'), now(), now() + interval '1 day', 'staff') $$,
  '23505', null, 'the unique index refuses a second live "any" entry even for direct writes');

select * from finish();
rollback;
