-- Bookings a patient makes for themself through the Data API count against the clinic's booking
-- limits, per account and per client IP: past either one the call is HTTP 429 (code PT429,
-- reason rate_limited) with Retry-After, the time until the oldest counted booking leaves the
-- period, also named in the hint. Only bookings that succeed count; staff bookings and SQL of the
-- server itself are never counted, and the refused call changes nothing.
begin;
select plan(13);

-- SETUP: tenant_a allows 2 bookings per account and 3 per address an hour
select tests.create_appointment_fixtures();
insert into public.tenant_rate_limits (tenant_id, action, per_user, per_ip, period)
values (tests.tenancy_id('tenant_a'), 'booking', 2, 3, interval '1 hour');
create function pg_temp.book(p_day integer, p_time text, p_patient_id uuid default null)
returns text language sql as $$
  select pg_catalog.format('select public.book_appointment(tests.tenancy_id(''appt_checkup''), tests.tenancy_id(''clinician_a''), tests.tenancy_id(''centre_a1''), tests.appointment_slot(%s, %L), %L)',
                           p_day, p_time, p_patient_id)
$$;

-- TEST: the account's limit
select tests.authenticate_as('patient');
select tests.as_api_request('203.0.113.1');
select is(tests.rate_limit_refusal_of(pg_temp.book(2, '09:00')), null, 'the first booking goes through');
select is(tests.rate_limit_refusal_of(pg_temp.book(2, '10:00')), null, 'the second booking goes through');
create temporary table refusal on commit drop as select tests.rate_limit_refusal_of(pg_temp.book(2, '11:00')) as r;
select is((select r - 'hint' - 'retry_after' from refusal),
  '{"status": 429, "code": "PT429", "message": "too many bookings in a short time", "details": "rate_limited"}'::jsonb,
  'the third is HTTP 429 with code PT429, reason rate_limited and a message to show');
select ok((select (r ->> 'retry_after')::integer between 3590 and 3600 from refusal),
  'Retry-After is the time until the first booking leaves the hour');
select is((select r ->> 'hint' from refusal),
  (select pg_catalog.format('Wait before booking again, or call the clinic. Try again in %s seconds.', r ->> 'retry_after') from refusal),
  'the hint says what to do and names the same number of seconds');
reset role;
select is((select count(*)::integer from public.appointments where patient_id = tests.tenancy_id('patient_a')), 2,
  'the refused booking wrote nothing');

-- TEST: only bookings that succeed count; the address's limit
select tests.authenticate_as('a_patient_2');
select tests.as_api_request('203.0.113.1');
select is(tests.rate_limit_refusal_of(pg_temp.book(2, '09:00')) ->> 'detail', 'slot_taken',
  'a booking of a taken time fails (409) ...');
select is(tests.rate_limit_refusal_of(pg_temp.book(2, '12:00')), null,
  '... and is not counted: the same address''s third booking goes through');
select is(tests.rate_limit_refusal_of(pg_temp.book(2, '13:00')) ->> 'details', 'rate_limited',
  'a fourth booking from that address is refused although this account made only one');
select tests.as_api_request('198.51.100.7');
select is(tests.rate_limit_refusal_of(pg_temp.book(2, '13:00')), null, 'from another address the account books again');

-- TEST: staff and the server are not counted
select tests.authenticate_as('a_front_desk');
select tests.as_api_request('203.0.113.1');
select is(
  array(select tests.rate_limit_refusal_of(pg_temp.book(3, t, tests.tenancy_id('patient_a'))) from unnest(array['09:00', '10:00', '11:00']) as t),
  array[null, null, null]::jsonb[],
  'the front desk books three more for the patient from the same address: staff are not counted');
select tests.authenticate_as('patient');
select set_config('request.method', '', true);
select is(tests.rate_limit_refusal_of(pg_temp.book(4, '09:00')), null,
  'outside a client request (the server''s own SQL) the patient''s booking is not counted or refused');

-- TEST: the counters are private
select tests.authenticate_as('patient');
select throws_ok($$ select count(*) from private.rate_limit_hits $$, '42501', null, 'a signed-in user cannot read the counters');

select * from finish();
rollback;
