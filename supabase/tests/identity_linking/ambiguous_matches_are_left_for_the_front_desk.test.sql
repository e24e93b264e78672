-- If more than one unlinked record of a tenant matches the verified identity (same phone twice,
-- or the phone matches one record and the e-mail another), nothing is linked in that tenant;
-- other tenants are decided on their own.
begin;
select plan(4);

-- SETUP: tenant 1 has two records with the phone; tenant 2 has one with the phone and one with
-- the e-mail; tenant 3 has exactly one record matching both
insert into public.tenants (id, name, slug, timezone, currency, locale) values
  ('d4000000-0000-4000-8000-000000000001', 'Ambiguous One', 'ambiguous-one', 'Europe/London', 'GBP', 'en-GB'),
  ('d4000000-0000-4000-8000-000000000002', 'Ambiguous Two', 'ambiguous-two', 'Europe/London', 'GBP', 'en-GB'),
  ('d4000000-0000-4000-8000-000000000003', 'Clear Three', 'clear-three', 'Europe/London', 'GBP', 'en-GB');
insert into public.patients (tenant_id, id, full_name, phone, email) values
  ('d4000000-0000-4000-8000-000000000001', 'd4000000-0000-4000-8000-0000000000a1', 'Twin A', '+15550100901', null),
  ('d4000000-0000-4000-8000-000000000001', 'd4000000-0000-4000-8000-0000000000a2', 'Twin B', '+15550100901', null),
  ('d4000000-0000-4000-8000-000000000002', 'd4000000-0000-4000-8000-0000000000b1', 'By Phone', '+15550100901', null),
  ('d4000000-0000-4000-8000-000000000002', 'd4000000-0000-4000-8000-0000000000b2', 'By Mail', null, 'amb@ambiguous.test'),
  ('d4000000-0000-4000-8000-000000000003', 'd4000000-0000-4000-8000-0000000000c1', 'Both', '+15550100901', 'amb@ambiguous.test');

-- TEST
select tests.create_supabase_user('ambiguous', 'amb@ambiguous.test', '+15550100901');
select is_empty($$ select 1 from public.patients where tenant_id = 'd4000000-0000-4000-8000-000000000001' and user_id is not null $$,
  'two records with the same phone: neither is linked');
select is_empty($$ select 1 from public.patients where tenant_id = 'd4000000-0000-4000-8000-000000000002' and user_id is not null $$,
  'phone matching one record and e-mail another: neither is linked');
select is((select user_id from public.patients where id = 'd4000000-0000-4000-8000-0000000000c1'), tests.get_supabase_uid('ambiguous'),
  'a single record matching phone and e-mail in another tenant is linked');
select is(
  (select count(*)::int from public.patients where user_id = tests.get_supabase_uid('ambiguous')),
  1,
  'exactly one record is linked overall'
);

select * from finish();
rollback;
