-- Invitation shape: exactly one of email/phone (23514); the member_roles scope rules (23514);
-- expiry within 30 days (23514); e-mail lower-case and phone E.164 (domains, 23514).
begin;
select plan(6);

-- SETUP
select tests.create_tenancy_fixtures();

-- TEST
select throws_ok($$ insert into public.invitations (tenant_id, email, phone, role) values (tests.tenancy_id('tenant_a'), 'a@alpha.test', '+447700900777', 'front_desk') $$,
  '23514', null, 'e-mail and phone together are refused');
select throws_ok($$ insert into public.invitations (tenant_id, role) values (tests.tenancy_id('tenant_a'), 'front_desk') $$,
  '23514', null, 'an invitation without a contact is refused');
select throws_ok($$ insert into public.invitations (tenant_id, email, role) values (tests.tenancy_id('tenant_a'), 'a@alpha.test', 'centre_manager') $$,
  '23514', null, 'a centre-manager invitation must name a centre');
select throws_ok($$ insert into public.invitations (tenant_id, email, role, expires_at) values (tests.tenancy_id('tenant_a'), 'a@alpha.test', 'front_desk', now() + interval '31 days') $$,
  '23514', null, 'invitations expire within 30 days');
select throws_ok($$ insert into public.invitations (tenant_id, email, role) values (tests.tenancy_id('tenant_a'), 'Mixed@Alpha.test', 'front_desk') $$,
  '23514', null, 'e-mails are stored lower-case');
select throws_ok($$ insert into public.invitations (tenant_id, phone, role) values (tests.tenancy_id('tenant_a'), '07700900777', 'front_desk') $$,
  '23514', null, 'phones are E.164 with +');

select * from finish();
rollback;
