-- The next free slots on a centre's page come from private.next_free_slots_cache while an entry is
-- valid (at most 10 minutes, never past the booking notice), kept by the pg_cron job
-- refresh-next-free-slots; a missing or expired entry is computed live.
begin;
select plan(7);

-- SETUP
select tests.create_appointment_fixtures();

-- TEST: the job and what it stores
select results_eq($$ select schedule, command from cron.job where jobname = 'refresh-next-free-slots' $$,
  $$ values ('* * * * *'::text, 'select private.refresh_next_free_slots(100)'::text) $$, 'a pg_cron job refreshes every minute');
select is(private.refresh_next_free_slots(10, tests.tenancy_id('centre_a1')), 1, 'refreshing one centre');
select results_eq(
  $$ select clinician_id, starts_at from private.next_free_slots_cache where centre_id = tests.tenancy_id('centre_a1') order by clinician_id $$,
  $$ select c.id, (select pg_catalog.min(s.starts_at) from public.search_slots(tests.tenancy_id('appt_scan'), tests.tenancy_id('centre_a1'), now(), now() + interval '7 days', c.id) as s)
     from public.clinicians as c where c.id in (tests.tenancy_id('clinician_a'), tests.tenancy_id('clinician_a_visiting')) order by c.id $$,
  'stores the first offered start of each public clinician there');
select is_empty(
  $$ select 1 from private.next_free_slots_cache
     where centre_id = tests.tenancy_id('centre_a1')
       and (valid_until > now() + interval '10 minutes' or valid_until > starts_at - interval '1 hour') $$,
  'each entry is valid for at most 10 minutes and never past the service''s notice (1 hour)');

-- TEST: the page uses a valid entry...
update private.next_free_slots_cache
set starts_at = tests.appointment_slot(5, '12:00'), ends_at = tests.appointment_slot(5, '12:20'), computed_at = now() - interval '1 minute'
where clinician_id = tests.tenancy_id('clinician_a') and centre_id = tests.tenancy_id('centre_a1');
select is(
  (select array[(c -> 'next_free_slot' ->> 'starts_at')::timestamptz, (c -> 'next_free_slot' ->> 'as_of')::timestamptz]
   from jsonb_array_elements(public.centre_public_page('fixture-alpha-clinics', 'central') -> 'clinicians') as c
   where c ->> 'id' = tests.tenancy_id('clinician_a')::text),
  array[tests.appointment_slot(5, '12:00'), now() - interval '1 minute'],
  'the page shows the stored slot and when it was computed');

-- ...and computes an expired or missing one live
update private.next_free_slots_cache set valid_until = now() - interval '1 second'
where clinician_id = tests.tenancy_id('clinician_a') and centre_id = tests.tenancy_id('centre_a1');
select is(
  (select (c -> 'next_free_slot' ->> 'starts_at')::timestamptz
   from jsonb_array_elements(public.centre_public_page('fixture-alpha-clinics', 'central') -> 'clinicians') as c
   where c ->> 'id' = tests.tenancy_id('clinician_a')::text),
  (select pg_catalog.min(s.starts_at) from public.search_slots(tests.tenancy_id('appt_scan'), tests.tenancy_id('centre_a1'), now(), now() + interval '7 days', tests.tenancy_id('clinician_a')) as s),
  'an expired entry is computed live');
delete from private.next_free_slots_cache where centre_id = tests.tenancy_id('centre_a1');
select is(
  (select pg_catalog.count(*)::integer from jsonb_array_elements(public.centre_public_page('fixture-alpha-clinics', 'central') -> 'clinicians') as c
   where c -> 'next_free_slot' ->> 'starts_at' is not null),
  2, 'without entries every next free slot is computed live');

select * from finish();
rollback;
