-- "Any clinician": every searcher used to be offered the same clinician for the same time, so
-- patients searching at the same moment raced for one booking. Each searcher now starts at its own
-- turn in the fair order: `seed` (any integer, e.g. one random number per app session), else the
-- signed-in user's id; an anonymous search without a seed keeps the plain fair order. The starts
-- offered never change, only who is assigned; each start still goes to a clinician free then; a
-- searcher's answer is the same from call to call.
begin;
select plan(8);

-- SETUP: four clinicians work 09:00-17:00 at centre_a1 and offer the check-up; nobody is booked,
-- so the fair order is by id
select tests.create_appointment_fixtures();
update public.clinicians set is_public = true, is_active = true
where id in (tests.tenancy_id('clinician_a_2'), tests.tenancy_id('clinician_a_retired'));
insert into public.clinician_centres (tenant_id, clinician_id, centre_id) values
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a1'))
on conflict do nothing;
insert into public.clinician_services (tenant_id, clinician_id, service_id) values
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('appt_checkup')),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_retired'), tests.tenancy_id('appt_checkup'))
on conflict do nothing;
insert into public.availability_rules (tenant_id, clinician_id, centre_id, timezone, local_start, local_end, rrule, valid_from) values
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_2'), tests.tenancy_id('centre_a1'), 'Europe/London', '09:00', '17:00', 'FREQ=DAILY', current_date - 1),
  (tests.tenancy_id('tenant_a'), tests.tenancy_id('clinician_a_retired'), tests.tenancy_id('centre_a1'), 'Europe/London', '09:00', '17:00', 'FREQ=DAILY', current_date - 1);
create function pg_temp.assigned(seed integer) returns uuid[] language sql as $$
  select array_agg(s.clinician_id order by s.starts_at)
  from public.search_slots(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'),
                           tests.appointment_slot(2, '09:00'), tests.appointment_slot(2, '17:00'), null, null, seed) as s $$;
create function pg_temp.first_assigned(seed integer) returns uuid language sql as $$ select (pg_temp.assigned(seed))[1] $$;
create temporary table candidates as
select array_agg(c.id order by c.id) as ids from public.clinicians as c
where c.id in (tests.tenancy_id('clinician_a'), tests.tenancy_id('clinician_a_visiting'),
               tests.tenancy_id('clinician_a_2'), tests.tenancy_id('clinician_a_retired'));
grant execute on function pg_temp.assigned(integer) to anon, authenticated;
grant execute on function pg_temp.first_assigned(integer) to anon, authenticated;

-- TEST: seeds 0..3 start at the four turns of the fair order
select is(array(select pg_temp.first_assigned(k) from generate_series(0, 3) as k),
  (select ids from candidates),
  'seeds 0, 1, 2, 3: the 09:00 slot goes to the 1st, 2nd, 3rd and 4th clinician of the fair order');
select is(pg_temp.first_assigned(4), pg_temp.first_assigned(0), 'the turn wraps around: seed 4 is seed 0');
select is(pg_temp.first_assigned(-1), pg_temp.first_assigned(1), 'negative seeds count from the same turns');

-- TEST: the starts are the same for every seed, each one assigned to a clinician free then
select is(
  (select count(distinct x)::integer from (
     select array_agg(s.starts_at order by s.starts_at)::text as x
     from generate_series(0, 7) as k
     cross join lateral public.search_slots(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'),
       tests.appointment_slot(2, '09:00'), tests.appointment_slot(2, '17:00'), null, null, k) as s
     group by k) as per_seed),
  1, 'every seed is offered the same start times');
select tests.insert_appointment('a_busy', 'appt_checkup', 'clinician_a', 'patient_a', tests.appointment_slot(2, '09:00'));
select ok(
  not exists (
    select 1 from generate_series(0, 7) as k
    cross join lateral public.search_slots(tests.tenancy_id('appt_checkup'), tests.tenancy_id('centre_a1'),
      tests.appointment_slot(2, '09:00'), tests.appointment_slot(2, '09:01'), null, null, k) as s
    where s.clinician_id = tests.tenancy_id('clinician_a')),
  'a clinician busy at 09:00 is never assigned 09:00, whatever the seed');

-- TEST: without a seed: the signed-in user's turn; anon keeps the plain order
select tests.authenticate_as('patient');
select is(pg_temp.assigned(null), pg_temp.assigned(hashtext(auth.uid()::text)),
  'a signed-in patient without a seed searches at the turn of their user id');
select is(pg_temp.assigned(null), pg_temp.assigned(null), 'and gets the same answer on every call');
select tests.clear_authentication();
select is(pg_temp.assigned(null), pg_temp.assigned(0), 'anon without a seed: the plain fair order (the turn of seed 0)');

select * from finish();
rollback;
