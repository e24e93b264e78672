-- public.create_tenant(): a signed-in person opens a clinic and becomes its only member, with the
-- owner role, named after their profile; they can manage it at once.
begin;
select plan(6);

-- SETUP
select tests.create_supabase_user('founder', 'founder@newclinic.test', metadata => '{"full_name": "Farah Founder"}');

-- TEST
select tests.authenticate_as('founder');
select results_eq($$ select slug::text, timezone::text, currency::text, locale::text, is_active
  from public.create_tenant('New Clinic', 'new-clinic', 'Europe/Dublin', 'EUR', 'en-IE') $$,
  $$ values ('new-clinic', 'Europe/Dublin', 'EUR', 'en-IE', true) $$, 'the new tenant is returned');
select results_eq($$ select m.display_name::text, r.role::text, r.centre_id from public.members m join public.member_roles r on r.tenant_id = m.tenant_id and r.member_id = m.id
  join public.tenants t on t.id = m.tenant_id where t.slug = 'new-clinic' $$,
  $$ values ('Farah Founder', 'owner', null::uuid) $$, 'the caller is its one member, tenant-wide owner');
select results_eq($$ select min_booking_notice, payment_hold_duration from public.tenants where slug = 'new-clinic' $$,
  $$ values ('2 hours'::interval, '15 minutes'::interval) $$, 'booking policy starts at the defaults');
select isnt_empty($$ update public.tenants set cancellation_window = '48 hours' where slug = 'new-clinic' returning 1 $$, 'the new owner can manage it at once');
select lives_ok($$ insert into public.centres (tenant_id, name, slug) select id, 'Main site', 'main' from public.tenants where slug = 'new-clinic' $$,
  'the new owner opens a centre');
reset role;
select is((select granted_by from public.member_roles r join public.tenants t on t.id = r.tenant_id where t.slug = 'new-clinic'),
  tests.get_supabase_uid('founder'), 'the owner role records who created it');

select * from finish();
rollback;
