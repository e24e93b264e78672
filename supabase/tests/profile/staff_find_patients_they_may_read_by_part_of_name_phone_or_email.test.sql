-- public.search_patients: the front desk finds patients by part of the name, the phone number in
-- any format or the e-mail, best match first, among the patients they may read (security invoker:
-- the patients policy decides - least privilege inside the tenant).
begin;
select plan(10);

-- SETUP: the centre-scope cast (patient_a registered at centre_a1, patient_a_2 at centre_a2)
select tests.create_centre_scope_fixtures();
update public.patients set full_name = 'Anna Kowalska', phone = '+447700900201', email = 'anna.k@example.test' where id = tests.tenancy_id('patient_a');
update public.patients set full_name = 'Hanna Schmidt', phone = '+447700900202', email = 'hanna@example.test' where id = tests.tenancy_id('patient_a_2');

-- TEST
select tests.authenticate_as('a_front_desk');
select results_eq($$ select full_name from public.search_patients(tests.tenancy_id('tenant_a'), 'anna') $$,
  $$ values ('Anna Kowalska'), ('Hanna Schmidt') $$, 'part of a name, best match first');
select results_eq($$ select full_name from public.search_patients(tests.tenancy_id('tenant_a'), '07700 900202') $$,
  $$ values ('Hanna Schmidt') $$, 'a phone number in national format (digits only, leading 0 dropped)');
select results_eq($$ select full_name from public.search_patients(tests.tenancy_id('tenant_a'), '+44 7700 900 201') $$,
  $$ values ('Anna Kowalska') $$, 'a phone number in international format');
select results_eq($$ select full_name from public.search_patients(tests.tenancy_id('tenant_a'), 'anna.k@') $$,
  $$ values ('Anna Kowalska') $$, 'part of an e-mail address');
select results_eq($$ select full_name from public.search_patients(tests.tenancy_id('tenant_a'), 'kowalsky') $$,
  $$ values ('Anna Kowalska') $$, 'a misspelt name');
select throws_ok($$ select * from public.search_patients(tests.tenancy_id('tenant_a'), 'an') $$, '22023', 'the search needs 3 to 100 characters',
  'at least three characters');
reset role;

select tests.authenticate_as('a_front_desk_a1');
select results_eq($$ select full_name from public.search_patients(tests.tenancy_id('tenant_a'), 'anna') $$,
  $$ values ('Anna Kowalska') $$, 'a front desk of centre_a1 finds only the patients of their centre');
reset role;
select tests.authenticate_as('b_owner');
select is_empty($$ select 1 from public.search_patients(tests.tenancy_id('tenant_a'), 'anna') $$, 'another clinic finds nobody');
reset role;
select tests.authenticate_as('patient');
select results_eq($$ select full_name from public.search_patients(tests.tenancy_id('tenant_a'), 'anna') $$,
  $$ values ('Anna Kowalska') $$, 'a patient finds only their own record');
reset role;
select is(tests.outcome_as('anon', $$ select * from public.search_patients(tests.tenancy_id('tenant_a'), 'anna') $$), '42501', 'anon may not search');

select * from finish();
rollback;
