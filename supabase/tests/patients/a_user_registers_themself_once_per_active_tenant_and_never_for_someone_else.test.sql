-- Self-registration: a signed-in user creates their own patient record (user_id = auth.uid())
-- once per active tenant (again: PT409 already_registered); never a record linked to someone
-- else, never an unlinked one, never with an inactive tenant.
begin;
select plan(9);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST: a signed-in person registers with a tenant
select tests.authenticate_as('outsider');
select lives_ok(
  $$ insert into public.patients (tenant_id, id, user_id, full_name)
     values (tests.tenancy_id('tenant_a'), tests.tenancy_id('outsider_in_a'), auth.uid(), 'Out Sider') $$,
  'a signed-in user registers themself as a patient of tenant A');
select results_eq(
  $$ select id from public.patients where tenant_id = any (tests.tenancy_tenant_ids()) $$,
  $$ values (tests.tenancy_id('outsider_in_a')) $$,
  'and from then on sees that record (and only it)');
select is(tests.error_details_of(
  $$ insert into public.patients (tenant_id, user_id, full_name) values (tests.tenancy_id('tenant_a'), auth.uid(), 'Out Sider Again') $$),
  '{"code": "PT409", "message": "you are already registered with this clinic", "detail": "already_registered", "hint": "Use the patient record you have with this clinic instead of registering again."}'::jsonb,
  'a second self-registration in the same tenant is refused with PT409 already_registered (one record per user and tenant)');
select lives_ok(
  $$ insert into public.patients (tenant_id, user_id, full_name) values (tests.tenancy_id('tenant_b'), auth.uid(), 'Out Sider') $$,
  'the same user registers with tenant B as well');

-- TEST: what self-registration never allows
select throws_ok(
  $$ insert into public.patients (tenant_id, user_id, full_name) values (tests.tenancy_id('tenant_c'), auth.uid(), 'Out Sider') $$,
  '42501', 'new row violates row-level security policy for table "patients"',
  'nobody registers with an inactive tenant');
select throws_ok(
  $$ insert into public.patients (tenant_id, user_id, full_name)
     values (tests.tenancy_id('tenant_a'), tests.get_supabase_uid('a_front_desk'), 'Someone Else') $$,
  '42501', 'new row violates row-level security policy for table "patients"',
  'a user cannot register a record linked to another user');
select throws_ok(
  $$ insert into public.patients (tenant_id, full_name) values (tests.tenancy_id('tenant_a'), 'Unlinked Friend') $$,
  '42501', 'new row violates row-level security policy for table "patients"',
  'a non-staff user cannot create unlinked patient records (that is the front desk''s job)');
select tests.authenticate_as('patient');
select is(tests.error_details_of(
  $$ insert into public.patients (tenant_id, user_id, full_name) values (tests.tenancy_id('tenant_a'), auth.uid(), 'Pat Twice') $$) ->> 'detail',
  'already_registered',
  'an existing patient of tenant A cannot register a second record there (already_registered)');
reset role;
select is((select count(*)::integer from public.patients where user_id = tests.get_supabase_uid('patient') and tenant_id = tests.tenancy_id('tenant_a')), 1,
  'the refused registration wrote nothing');

select * from finish();
rollback;
