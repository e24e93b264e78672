-- A service inserted with only a name and a duration is unlisted, active, in person, takes its
-- tenant's currency, costs nothing, has no buffers, aligns to 15 minutes and follows the tenant's
-- booking policy (null windows); updated_at follows every change, whatever the client sends.
begin;
select plan(4);

-- SETUP
select tests.create_catalogue_fixtures();
select tests.authenticate_as('b_owner');
insert into public.services (tenant_id, id, name, duration_minutes)
values (tests.tenancy_id('tenant_b'), tests.tenancy_id('service_b_new'), 'Flu shot', 10);

-- TEST
select is(
  (select (currency, price, payment_required, deposit_amount, mode, buffer_before_minutes, buffer_after_minutes,
           slot_alignment_minutes, min_booking_notice, max_booking_horizon, cancellation_window, cancellation_fee,
           reschedule_window, reschedule_fee, required_resource_type, is_public, is_active)::text
   from public.services where id = tests.tenancy_id('service_b_new')),
  '(USD,0.00,f,,in_person,0,0,15,,,,0.00,,0.00,,f,t)',
  'defaults: tenant B''s currency (USD), free, in person, no buffers, 15-minute alignment, tenant policy, unlisted, active');
select lives_ok(
  $$ update public.services set currency = 'EUR', price = 20 where id = tests.tenancy_id('service_b_new') $$,
  'the currency can be set explicitly');
reset role;
update public.services set updated_at = '2000-01-01', created_at = created_at where id = tests.tenancy_id('service_b_new');
select isnt((select updated_at from public.services where id = tests.tenancy_id('service_b_new')), '2000-01-01'::timestamptz,
  'updated_at cannot be forged: the trigger sets it');
select is((select updated_at from public.services where id = tests.tenancy_id('service_b_new')), now(),
  'updated_at is the time of the last change');

select * from finish();
rollback;
