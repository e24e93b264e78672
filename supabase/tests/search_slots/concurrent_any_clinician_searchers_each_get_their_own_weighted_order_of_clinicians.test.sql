-- "Any clinician": every searcher used to be offered the same clinician for the same time, so
-- patients searching at the same moment raced for one booking. Each searcher now has its own order
-- of the candidates: a weighted shuffle drawn from `seed` (any integer, e.g. one random number per
-- app session), else from the signed-in user's id, in which a clinician with fewer appointments in
-- the window is more likely to come first. Seed 0, and an anonymous search without a seed, keep the
-- plain fair order. The starts offered never change, only who is assigned; each start still goes to
-- a clinician free then; a searcher's answer is the same from call to call.
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

-- TEST: seed 0 is the fair order; other seeds spread the first slot over every clinician
select is(pg_temp.first_assigned(0), (select ids[1] from candidates),
  'seed 0: the 09:00 slot goes to the first of the fair order (nobody booked: the lowest id)');
select is((select count(distinct pg_temp.first_assigned(k))::integer from generate_series(1, 40) as k), 4,
  'forty seeds: the 09:00 slot goes to each of the four clinicians for some of them');
select is(array(select pg_temp.first_assigned(k) from generate_series(1, 10) as k),
  array(select pg_temp.first_assigned(k) from generate_series(1, 10) as k),
  'the same seed gets the same answer every time');

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

-- TEST: fewer appointments, more likely first
select tests.insert_appointment('a_load_1', 'appt_checkup', 'clinician_a_visiting', 'patient_a', tests.appointment_slot(2, '13:00'));
select tests.insert_appointment('a_load_2', 'appt_checkup', 'clinician_a_visiting', 'patient_a', tests.appointment_slot(2, '14:00'));
select tests.insert_appointment('a_load_3', 'appt_checkup', 'clinician_a_visiting', 'patient_a', tests.appointment_slot(2, '15:00'));
create temporary table firsts as
select pg_temp.first_assigned(k) as clinician_id from generate_series(1, 200) as k;
select ok(
  (select count(*) from firsts where clinician_id = tests.tenancy_id('clinician_a_visiting'))
    < (select min(c) from (select count(*) as c from firsts
                           where clinician_id in (tests.tenancy_id('clinician_a_2'), tests.tenancy_id('clinician_a_retired'))
                           group by clinician_id) as x),
  'a clinician with three appointments in the window comes first for fewer searchers than each free colleague');

-- TEST: without a seed: the signed-in user's draw; anon keeps the fair order
select tests.authenticate_as('patient');
select is(pg_temp.assigned(null), pg_temp.assigned(hashtext(auth.uid()::text)),
  'a signed-in patient without a seed searches with the draw of their user id');
select tests.clear_authentication();
select is(pg_temp.assigned(null), pg_temp.assigned(0), 'anon without a seed: the fair order (seed 0)');

select * from finish();
rollback;
