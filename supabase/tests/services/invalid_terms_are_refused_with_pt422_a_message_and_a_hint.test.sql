-- Every rule of a service is checked by the validate trigger before the row is stored: a bad
-- value is refused with PT422, a message naming the field and a hint (pinned here for the API).
-- Domain values (a blank name, a lower-case currency) are refused while the value is read: 23514.
begin;
select plan(21);

-- SETUP
select tests.create_catalogue_fixtures();
select tests.authenticate_as('a_manager');

-- TEST: each rule, on insert or update
select throws_ok($$ insert into public.services (tenant_id, name, duration_minutes) values (tests.tenancy_id('tenant_a'), 'Blink', 4) $$,
  'PT422', 'duration_minutes must be between 5 and 480', 'a service shorter than 5 minutes is refused');
select throws_ok($$ insert into public.services (tenant_id, name) values (tests.tenancy_id('tenant_a'), 'Endless') $$,
  'PT422', 'duration_minutes must be between 5 and 480', 'a service without a duration is refused');
select throws_ok($$ update public.services set duration_minutes = 481 where id = tests.tenancy_id('service_a_consult') $$,
  'PT422', 'duration_minutes must be between 5 and 480', 'a service longer than 8 hours is refused');
select throws_ok($$ update public.services set buffer_after_minutes = -5 where id = tests.tenancy_id('service_a_consult') $$,
  'PT422', 'buffer_before_minutes and buffer_after_minutes must be between 0 and 240', 'a negative buffer is refused');
select throws_ok($$ update public.services set buffer_before_minutes = 241 where id = tests.tenancy_id('service_a_consult') $$,
  'PT422', 'buffer_before_minutes and buffer_after_minutes must be between 0 and 240', 'a buffer over 4 hours is refused');
select throws_ok($$ update public.services set slot_alignment_minutes = 1 where id = tests.tenancy_id('service_a_consult') $$,
  'PT422', 'slot_alignment_minutes must be between 5 and 240', 'slot alignment under 5 minutes is refused');
select throws_ok($$ update public.services set min_booking_notice = '31 days' where id = tests.tenancy_id('service_a_consult') $$,
  'PT422', 'min_booking_notice must be between 0 and 30 days', 'a minimum notice over 30 days is refused');
select throws_ok($$ update public.services set max_booking_horizon = '12 hours' where id = tests.tenancy_id('service_a_consult') $$,
  'PT422', 'max_booking_horizon must be between 1 day and 730 days', 'a horizon under a day is refused');
select throws_ok($$ update public.services set min_booking_notice = '10 days', max_booking_horizon = '5 days' where id = tests.tenancy_id('service_a_consult') $$,
  'PT422', 'max_booking_horizon must be longer than min_booking_notice', 'a horizon shorter than the notice is refused');
select throws_ok($$ update public.services set price = -1 where id = tests.tenancy_id('service_a_consult') $$,
  'PT422', 'price must be zero or positive', 'a negative price is refused');
select throws_ok($$ update public.services set payment_required = true where id = tests.tenancy_id('service_a_internal') $$,
  'PT422', 'a service that requires payment must have a price above zero', 'payment required on a free service is refused');
select throws_ok($$ update public.services set deposit_amount = 10 where id = tests.tenancy_id('service_a_consult') $$,
  'PT422', 'deposit_amount is only allowed when payment_required is true', 'a deposit without payment required is refused');
select throws_ok($$ update public.services set deposit_amount = 151 where id = tests.tenancy_id('service_a_scan') $$,
  'PT422', 'deposit_amount must be above zero and at most the price', 'a deposit above the price is refused');
select throws_ok($$ update public.services set required_resource_type = 'Ultrasound Scanner' where id = tests.tenancy_id('service_a_consult') $$,
  'PT422', 'required_resource_type is not a valid resource type', 'a resource type that is not a lower-case identifier is refused');
select throws_ok($$ update public.services set reschedule_window = '-1 hour' where id = tests.tenancy_id('service_a_consult') $$,
  'PT422', 'cancellation_window and reschedule_window must be between 0 and 30 days', 'a negative reschedule window is refused');
select throws_ok($$ update public.services set cancellation_fee = 81 where id = tests.tenancy_id('service_a_consult') $$,
  'PT422', 'cancellation_fee and reschedule_fee must be between 0 and the price', 'a cancellation fee above the price is refused');

-- TEST: the hint
select is(
  tests.error_details_of($$ update public.services set deposit_amount = 10 where id = tests.tenancy_id('service_a_consult') $$),
  '{"code": "PT422", "message": "deposit_amount is only allowed when payment_required is true", "hint": "Set payment_required to true, or deposit_amount to null."}'::jsonb,
  'the error carries a hint saying how to fix the row');

-- TEST: domains
select throws_ok($$ insert into public.services (tenant_id, name, duration_minutes) values (tests.tenancy_id('tenant_a'), '   ', 30) $$,
  '23514', null, 'a blank name is refused (non_empty_text)');
select throws_ok($$ update public.services set currency = 'gbp' where id = tests.tenancy_id('service_a_consult') $$,
  '23514', null, 'a lower-case currency is refused (currency_code)');

-- TEST: valid edge values pass and nothing above changed the row
select lives_ok($$ update public.services set duration_minutes = 480, buffer_before_minutes = 240, buffer_after_minutes = 0,
     slot_alignment_minutes = 240, min_booking_notice = '0', max_booking_horizon = '730 days', cancellation_window = '0',
     reschedule_window = '30 days', cancellation_fee = 80, required_resource_type = 'consulting_room'
   where id = tests.tenancy_id('service_a_consult') $$,
  'the boundary values are accepted');
reset role;
select is((select price from public.services where id = tests.tenancy_id('service_a_consult')), 80.00, 'refused edits left the price unchanged');

select * from finish();
rollback;
