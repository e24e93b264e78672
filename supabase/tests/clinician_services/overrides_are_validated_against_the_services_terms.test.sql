-- A clinician's duration override is 5 to 480 minutes and a price override is zero or more; when
-- the service requires payment, the price override is above zero and at least the deposit. The
-- rule also holds the other way round: a service cannot be made payment-required (or its deposit
-- raised) past an existing override. Refusals are PT422 with a message and a hint.
begin;
select plan(8);

-- SETUP
select tests.create_catalogue_fixtures();
select tests.authenticate_as('a_admin');

-- TEST
select throws_ok($$ update public.clinician_services set duration_minutes_override = 3
   where clinician_id = tests.tenancy_id('clinician_a') and service_id = tests.tenancy_id('service_a_consult') $$,
  'PT422', 'duration_minutes_override must be between 5 and 480', 'a duration override under 5 minutes is refused');
select throws_ok($$ update public.clinician_services set price_override = -1
   where clinician_id = tests.tenancy_id('clinician_a') and service_id = tests.tenancy_id('service_a_consult') $$,
  'PT422', 'price_override must be zero or positive', 'a negative price override is refused');
select throws_ok($$ update public.clinician_services set price_override = 49.99
   where clinician_id = tests.tenancy_id('clinician_a_visiting') and service_id = tests.tenancy_id('service_a_scan') $$,
  'PT422', 'price_override is below what the service''s payment terms require', 'a price override below the deposit of a paid service is refused');
select is(
  tests.error_details_of($$ update public.clinician_services set price_override = 0
   where clinician_id = tests.tenancy_id('clinician_a_visiting') and service_id = tests.tenancy_id('service_a_scan') $$) ->> 'hint',
  'The service requires payment: the price must be above zero and at least its deposit_amount.',
  'the hint explains the payment terms');
select lives_ok($$ update public.clinician_services set price_override = 50, duration_minutes_override = 480
   where clinician_id = tests.tenancy_id('clinician_a_visiting') and service_id = tests.tenancy_id('service_a_scan') $$,
  'a price override equal to the deposit and the longest duration are accepted');
select lives_ok($$ update public.clinician_services set price_override = 0
   where clinician_id = tests.tenancy_id('clinician_a') and service_id = tests.tenancy_id('service_a_consult') $$,
  'a free override of a service without payment is accepted');
select throws_ok($$ update public.services set payment_required = true where id = tests.tenancy_id('service_a_consult') $$,
  'PT422', 'a clinician''s price_override for this service is below what payment requires',
  'a service cannot require payment while a clinician offers it for free');
select throws_ok($$ update public.services set deposit_amount = 60 where id = tests.tenancy_id('service_a_scan') $$,
  'PT422', 'a clinician''s price_override for this service is below what payment requires',
  'a deposit cannot rise above a clinician''s price override');

select * from finish();
rollback;
