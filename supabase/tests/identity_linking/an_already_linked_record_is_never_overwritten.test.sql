-- A record already linked to a user is never re-linked to another user verifying the same phone,
-- and a user who already has a record in a tenant does not get a second one there.
begin;
select plan(3);

-- SETUP: a record linked to its owner; the same phone appears on another user later
insert into public.tenants (id, name, slug, timezone, currency, locale)
values ('d3000000-0000-4000-8000-000000000001', 'Linked', 'linked', 'Europe/London', 'GBP', 'en-GB');
select tests.create_supabase_user('first_owner', 'first@linked.test');
insert into public.patients (tenant_id, id, user_id, full_name, phone)
values ('d3000000-0000-4000-8000-000000000001', 'd3000000-0000-4000-8000-0000000000a1', tests.get_supabase_uid('first_owner'), 'First Owner', '+15550100801');

-- TEST: a second user verifies that phone (e.g. a recycled number)
select tests.create_supabase_user('second_user', phone => '+15550100801');
select is((select user_id from public.patients where id = 'd3000000-0000-4000-8000-0000000000a1'), tests.get_supabase_uid('first_owner'),
  'the existing link is not overwritten');
select is_empty($$ select 1 from public.patients where user_id = tests.get_supabase_uid('second_user') $$,
  'the second user gets no record');

-- TEST: a user who already has a record in the tenant is not linked to another one
insert into public.patients (tenant_id, id, full_name, email)
values ('d3000000-0000-4000-8000-000000000001', 'd3000000-0000-4000-8000-0000000000a2', 'Duplicate Entry', 'first@linked.test');
update auth.users set email_confirmed_at = now() + interval '1 minute' where id = tests.get_supabase_uid('first_owner');
select is((select user_id from public.patients where id = 'd3000000-0000-4000-8000-0000000000a2'), null,
  'a user already linked in the tenant is not linked to a second record there (left for the front desk to merge)');

select * from finish();
rollback;
