-- RLS and grants of public.notification_templates, every role x command: any staff of the tenant
-- reads its templates; owners and admins insert, update (subject, body) and delete them;
-- managers and other staff cannot write (42501 on insert, nothing changes on update/delete);
-- patients and staff of other tenants see nothing; anon has no grant; service_role does all.
-- Templates are validated: an e-mail needs a subject, a text message has none.
begin;
select plan(24);

-- SETUP
select tests.create_notification_fixtures();
insert into public.notification_templates (tenant_id, kind, channel, language, subject, body) values
  (tests.tenancy_id('tenant_a'), 'reminder', 'sms', 'en', null, 'A reminder'),
  (tests.tenancy_id('tenant_b'), 'reminder', 'sms', 'en', null, 'B reminder');

-- TEST: anon
select tests.clear_authentication();
select throws_ok($$ select 1 from public.notification_templates $$, '42501', null, 'anon cannot read templates');
select throws_ok($$ insert into public.notification_templates (tenant_id, kind, channel, language, body) values (tests.tenancy_id('tenant_a'), 'booking_confirmed', 'sms', 'en', 'x') $$,
  '42501', null, 'anon cannot insert templates');
select throws_ok($$ update public.notification_templates set body = 'x' $$, '42501', null, 'anon cannot update templates');
select throws_ok($$ delete from public.notification_templates $$, '42501', null, 'anon cannot delete templates');

-- TEST: patients
select tests.authenticate_as('patient');
select is_empty($$ select 1 from public.notification_templates $$, 'a patient reads no templates');
select throws_ok($$ insert into public.notification_templates (tenant_id, kind, channel, language, body) values (tests.tenancy_id('tenant_a'), 'booking_confirmed', 'sms', 'en', 'x') $$,
  '42501', null, 'a patient cannot insert templates');

-- TEST: staff readers
select tests.authenticate_as('a_clinician');
select results_eq($$ select body from public.notification_templates $$, $$ values ('A reminder') $$, 'any staff of the tenant reads its templates');
select tests.authenticate_as('a_manager');
select throws_ok($$ insert into public.notification_templates (tenant_id, kind, channel, language, body) values (tests.tenancy_id('tenant_a'), 'booking_confirmed', 'sms', 'en', 'x') $$,
  '42501', null, 'a manager cannot insert templates');
select is_empty($$ update public.notification_templates set body = 'manager' returning 1 $$, 'a manager updates nothing');
select is_empty($$ delete from public.notification_templates returning 1 $$, 'a manager deletes nothing');
select tests.authenticate_as('b_owner');
select results_eq($$ select body from public.notification_templates $$, $$ values ('B reminder') $$, 'staff of another tenant read only their own');
select throws_ok($$ insert into public.notification_templates (tenant_id, kind, channel, language, body) values (tests.tenancy_id('tenant_a'), 'booking_confirmed', 'sms', 'en', 'x') $$,
  '42501', null, 'staff of another tenant cannot insert into it');
select is_empty($$ update public.notification_templates set body = 'b' where tenant_id = tests.tenancy_id('tenant_a') returning 1 $$, 'nor update its templates');

-- TEST: owners and admins
select tests.authenticate_as('a_owner');
select lives_ok($$ insert into public.notification_templates (tenant_id, kind, channel, language, subject, body) values (tests.tenancy_id('tenant_a'), 'booking_confirmed', 'email', 'es', 'Asunto', 'Hola {{patient_name}}') $$,
  'an owner inserts a template');
select results_eq($$ update public.notification_templates set body = 'Owner reminder' where kind = 'reminder' returning body $$,
  $$ values ('Owner reminder') $$, 'an owner updates one');
select throws_ok($$ update public.notification_templates set tenant_id = tests.tenancy_id('tenant_b') $$, 'PT422', 'notification_templates.tenant_id cannot be changed', 'the key columns never change');
select tests.authenticate_as('a_admin');
select results_eq($$ delete from public.notification_templates where kind = 'booking_confirmed' returning language::text $$,
  $$ values ('es') $$, 'an admin deletes one');
select lives_ok($$ insert into public.notification_templates (tenant_id, kind, channel, language, body) values (tests.tenancy_id('tenant_a'), 'waitlist_offer', 'sms', 'en-GB', 'Free slot {{starts_at_local}}') $$,
  'an admin inserts one');
select throws_ok($$ insert into public.notification_templates (tenant_id, kind, channel, language, body) values (tests.tenancy_id('tenant_a'), 'reminder', 'email', 'en', 'no subject') $$,
  '23514', null, 'an e-mail template needs a subject');
select throws_ok($$ insert into public.notification_templates (tenant_id, kind, channel, language, subject, body) values (tests.tenancy_id('tenant_a'), 'booking_cancelled', 'sms', 'en', 'subject', 'x') $$,
  '23514', null, 'a text message template has no subject');
select throws_ok($$ insert into public.notification_templates (tenant_id, kind, channel, language, body) values (tests.tenancy_id('tenant_a'), 'booking_cancelled', 'sms', 'en', repeat('x', 1601)) $$,
  '23514', null, 'a text message template is at most 1600 characters');

-- TEST: service_role
select tests.authenticate_as_service_role();
select is((select count(*)::integer from public.notification_templates where tenant_id = any (tests.tenancy_tenant_ids())), 3, 'service_role reads all');
select lives_ok($$ update public.notification_templates set body = 'svc' where tenant_id = tests.tenancy_id('tenant_b') $$, 'service_role updates');
select lives_ok($$ delete from public.notification_templates where tenant_id = tests.tenancy_id('tenant_b') $$, 'service_role deletes');
reset role;

select * from finish();
rollback;
